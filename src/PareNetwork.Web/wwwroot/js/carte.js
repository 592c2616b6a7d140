// The map page: choropleth of the départements, clustered structure markers, filters, commune search and
// "Autour de moi". The list is the server's: this module fetches it from /resultats (the same HTML the page is
// rendered with, every French sentence written once) and keeps the map in step with it.
import { CommuneCombobox } from './combobox.js';
import { createMap } from './fond-de-carte.js';
import { locate } from './geolocalisation.js';
import { count, el, filterParams as formFilters, telHref, webHref, websiteLabel } from './format.js';

const L = window.L;
const form = document.getElementById('filtres');
const input = document.getElementById('recherche-lieu');
const status = document.getElementById('recherche-statut');
const resultsTitle = document.getElementById('resultats-titre');
const announcer = document.getElementById('resultats-annonce');
const mapElement = document.getElementById('map');
// Labels of the vocabularies, from the server (Pages/Shared/Display.cs, VocabularyJson).
const vocabulaire = JSON.parse(document.getElementById('vocabulaire').textContent);
const METROPOLE = [[41.3, -5.2], [51.1, 9.6]];
const SEARCH_ZOOM = 10;
/** Popups keep clear of the zoom buttons (top left) and stay off the map's edges. */
const POPUP_OPTIONS = { autoPanPaddingTopLeft: [56, 96], autoPanPaddingBottomRight: [16, 16], maxWidth: 280 };
const COLORS = ['#e3ebf7', '#b5c9ea', '#7f9fd6', '#4a6fbf', '#1d3f94'];
/** A département with no local structure: its own colour, and hatching (Pages/Index.cshtml, #motif-sans-local) so colour is not the only cue. */
const NO_LOCAL_COLOR = '#fdf0e6';
const NO_LOCAL_CLASS = 'departement-sans-local';
const LOCAL_SCOPES = new Set(['locale', 'departementale']);

const state = {
  features: [],
  /** The commune of the help search shown (INSEE code), or null for the plain list. */
  commune: null,
};

// ---------------------------------------------------------------- data

async function getJson(url, signal) {
  const response = await fetch(url, { signal, headers: { Accept: 'application/geo+json, application/json' } });
  if (!response.ok) {
    const error = new Error(`${url}: HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function filterParams() {
  return formFilters(form);
}

const departementsReady = getJson('/api/departements')
  .then((collection) => collection.features)
  .catch(() => []);

function latest() {
  let controller = null;
  return () => {
    controller?.abort();
    controller = new AbortController();
    return controller.signal;
  };
}
const nextStructuresSignal = latest();
const nextResultsSignal = latest();

// ---------------------------------------------------------------- map

let map = null;
let clusters = null;
let departementsLayer = null;
let legend = null;
let position = null;
const layersByCode = new Map();
const markersById = new Map();
/** Per département code, { local, regional } among the structures shown; national ones serve everywhere alike. */
let counts = new Map();
let nationalCount = 0;
let regionalCount = 0;
let classes = [];

function setupMap() {
  if (!L || !mapElement || !L.markerClusterGroup) {
    document.querySelector('.carte-zone')?.setAttribute('hidden', '');
    return;
  }
  map = createMap(mapElement, { minZoom: 2, maxZoom: 18, zoomSnap: 0.5 });
  map.fitBounds(METROPOLE);

  departementsLayer = L.geoJSON(null, {
    style: (feature) => ({
      className: 'departement-area',
      color: '#ffffff',
      weight: 1,
      fillColor: colorFor(localCount(feature.properties.code)),
      fillOpacity: 0.75,
    }),
    onEachFeature: (feature, layer) => {
      layersByCode.set(feature.properties.code, layer);
      layer.bindPopup(() => departementPopup(feature.properties), POPUP_OPTIONS);
      layer.on('mouseover', () => layer.setStyle({ weight: 3, color: '#000091' }));
      layer.on('mouseout', () => layer.setStyle({ weight: 1, color: '#ffffff' }));
    },
  }).addTo(map);

  clusters = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    iconCreateFunction: (cluster) => {
      const n = cluster.getChildCount();
      const size = n < 10 ? 'small' : n < 100 ? 'medium' : 'large';
      return L.divIcon({
        html: `<div><span>${n}<span class="visually-hidden"> structures ici : zoomer</span></span></div>`,
        className: `marker-cluster marker-cluster-${size}`,
        iconSize: L.point(40, 40),
      });
    },
  }).addTo(map);

  legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => {
    const container = el('details', { class: 'map-legend' }, el('summary', {}, 'Légende'), el('div', { class: 'map-legend-corps' }));
    container.open = window.matchMedia('(min-width: 48em)').matches;
    L.DomEvent.disableClickPropagation(container);
    L.DomEvent.disableScrollPropagation(container);
    return container;
  };
  legend.addTo(map);

  setupPopupFocus();
  departementsReady.then((features) => {
    departementsLayer.addData(features);
    departementsLayer.bringToBack();
  });
}

/** A popup opened from the keyboard takes the focus, and gives it back to its marker when it closes. */
function setupPopupFocus() {
  let returnTo = null;
  map.on('popupopen', (event) => {
    const container = event.popup.getElement();
    const source = event.popup._source;
    const icon = source && source._icon;
    returnTo = icon && document.activeElement === icon ? icon : null;
    if (!container.dataset.escape) {
      container.dataset.escape = 'ferme';
      container.addEventListener('keydown', (key) => {
        if (key.key === 'Escape') {
          key.preventDefault();
          map.closePopup();
        }
      });
    }
    if (returnTo) {
      container.querySelector('.popup a, .popup button')?.focus();
    }
  });
  map.on('popupclose', () => {
    const target = returnTo;
    returnTo = null;
    if (target && target.isConnected && (document.activeElement === document.body || !document.activeElement || !document.activeElement.isConnected
      || document.activeElement.closest('.leaflet-popup'))) {
      target.focus();
    }
  });
}

/** What serves each département among these structures: local (locale, départementale) and régional counts apart, national once. */
function computeCounts(features) {
  let national = 0;
  let regional = 0;
  const byCode = new Map();
  for (const { properties: p } of features) {
    if (p.portee === 'nationale') {
      national += 1;
      continue;
    }
    const local = LOCAL_SCOPES.has(p.portee);
    if (!local) {
      regional += 1;
    }
    for (const code of p.departements || []) {
      const entry = byCode.get(code) || { local: 0, regional: 0 };
      entry[local ? 'local' : 'regional'] += 1;
      byCode.set(code, entry);
    }
  }
  return { national, regional, byCode };
}

function localCount(code) {
  return counts.get(code)?.local || 0;
}

/** Up to five classes: one per value when there are few distinct values, else quintiles. */
function computeClasses(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) {
    return [];
  }
  const distinct = [...new Set(sorted)];
  if (distinct.length <= COLORS.length) {
    return distinct.map((v) => ({ min: v, max: v }));
  }
  const starts = [sorted[0]];
  for (let k = 1; k < COLORS.length; k += 1) {
    const threshold = sorted[Math.floor((k * sorted.length) / COLORS.length)];
    if (threshold > starts[starts.length - 1]) {
      starts.push(threshold);
    }
  }
  return starts.map((min, i) => ({ min, max: i + 1 < starts.length ? starts[i + 1] - 1 : sorted[sorted.length - 1] }));
}

function colorFor(value) {
  if (value <= 0) {
    return NO_LOCAL_COLOR;
  }
  const index = classes.findIndex((c) => value >= c.min && value <= c.max);
  if (index < 0) {
    return COLORS[0];
  }
  // Few classes use the darker end of the scale, so that the map never looks empty.
  return COLORS[COLORS.length - classes.length + index];
}

async function updateChoropleth() {
  if (!map) {
    return;
  }
  const features = await departementsReady;
  const { national, regional, byCode } = computeCounts(state.features);
  counts = new Map(features.map((f) => [f.properties.code, byCode.get(f.properties.code) || { local: 0, regional: 0 }]));
  nationalCount = national;
  regionalCount = regional;
  // The colour scale covers the départements that have local help; those without are a class of their own.
  classes = computeClasses([...counts.values()].map((c) => c.local).filter((n) => n > 0));
  departementsLayer.eachLayer((layer) => {
    const code = layer.feature.properties.code;
    const n = localCount(code);
    layer.setStyle({ fillColor: colorFor(n) });
    const path = layer.getElement();
    if (path) {
      path.dataset.departement = code;
      path.classList.toggle(NO_LOCAL_CLASS, n === 0);
    }
  });
  renderLegend();
}

function renderLegend() {
  const body = legend.getContainer()?.querySelector('.map-legend-corps');
  if (!body) {
    return;
  }
  const swatches = classes.map((c) => {
    const swatch = el('span', { class: 'map-legend-case', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = colorFor(c.min);
    return el('li', {}, swatch, c.min === c.max ? `${c.min}` : `${c.min} à ${c.max}`);
  });
  const none = el('li', { class: 'map-legend-sans-local' },
    el('span', { class: 'map-legend-case map-legend-case-sans-local', 'aria-hidden': 'true' }), 'Aucune structure locale');
  body.replaceChildren(
    el('p', { class: 'map-legend-titre' }, 'Structures locales ou départementales'),
    el('ul', {}, none, swatches),
    el('p', { class: 'map-legend-reseau' }, networkLine()),
    el('p', { class: 'map-legend-titre' }, 'Repères'),
    el('ul', {},
      el('li', {}, el('img', { src: '/img/marqueur.svg', alt: '', width: 14, height: 20 }), 'Adresse connue'),
      el('li', {}, el('img', { src: '/img/marqueur-commune.svg', alt: '', width: 14, height: 20 }), 'Commune seulement'),
      el('li', {}, el('span', { class: 'map-legend-groupe', 'aria-hidden': 'true' }, '12'), 'Groupe de structures')),
  );
}

/** "1 structure locale ou départementale intervient", "3 … interviennent" (as Display.CountWithVerb; zero has its own sentence). */
function interviennent(n) {
  return count(n, 'structure locale ou départementale intervient', 'structures locales ou départementales interviennent');
}

/** « + 13 structures nationales accessibles partout et 2 structures régionales, chacune dans sa région »: stated once, for the whole map. */
function networkLine() {
  const parts = [];
  if (nationalCount) {
    parts.push(`${count(nationalCount, 'structure nationale accessible', 'structures nationales accessibles')} partout`);
  }
  if (regionalCount) {
    parts.push(count(regionalCount, 'structure régionale, dans sa région', 'structures régionales, chacune dans sa région'));
  }
  return parts.length ? `+ ${parts.join(' et ')}` : 'Aucune structure régionale ou nationale';
}

/** « S'y ajoutent 1 structure régionale et 13 structures nationales. » (nothing when there is none). */
function widerSentence(regional) {
  const parts = [];
  if (regional) {
    parts.push(count(regional, 'structure régionale', 'structures régionales'));
  }
  if (nationalCount) {
    parts.push(`${count(nationalCount, 'structure nationale', 'structures nationales')}, accessible${nationalCount > 1 ? 's' : ''} partout`);
  }
  if (!parts.length) {
    return null;
  }
  return `${regional + nationalCount > 1 ? 'S\'y ajoutent' : 'S\'y ajoute'} ${parts.join(' et ')}.`;
}

function departementPopup(p) {
  const c = counts.get(p.code) || { local: 0, regional: 0 };
  const criteria = filterParams().toString() ? ' (selon vos critères)' : '';
  const local = c.local
    ? `${interviennent(c.local)} dans ce département${criteria}.`
    : `Aucune structure locale recensée dans ce département${criteria} — les lignes nationales restent joignables.`;
  const wider = widerSentence(c.regional);
  return el('div', { class: 'popup' },
    el('p', { class: 'popup-titre' }, `${p.nom} (${p.code})`),
    el('p', { class: c.local ? null : 'popup-sans-local' }, local),
    wider ? el('p', { class: 'popup-lieu' }, wider) : null,
    el('p', {}, el('a', { href: `/departements/${p.code}` }, `Voir la page du département ${p.nom}`)));
}

const icons = {};
function iconFor(precision) {
  const key = precision === 'adresse' ? 'adresse' : 'commune';
  icons[key] ||= L.icon({
    iconUrl: key === 'adresse' ? '/img/marqueur.svg' : '/img/marqueur-commune.svg',
    iconSize: [28, 40],
    iconAnchor: [14, 39],
    popupAnchor: [0, -34],
  });
  return icons[key];
}

function markerFor(feature) {
  const p = feature.properties;
  let marker = markersById.get(p.id);
  if (!marker) {
    const [lon, lat] = feature.geometry.coordinates;
    marker = L.marker([lat, lon], { icon: iconFor(p.precision), title: p.nom, alt: p.nom, riseOnHover: true, keyboard: true });
    markersById.set(p.id, marker);
  }
  // Rebound on every refresh: the popup shows the latest data of the structure.
  marker.unbindPopup();
  marker.bindPopup(() => structurePopup(p), { ...POPUP_OPTIONS, maxWidth: 320, minWidth: 220 });
  return marker;
}

function structurePopup(p) {
  const lines = [el('p', { class: 'popup-titre' }, p.nom + (p.sigle && p.sigle !== p.nom ? ` (${p.sigle})` : ''))];
  const place = [p.commune, vocabulaire.natures[p.nature]].filter(Boolean).join(' · ');
  if (place) {
    lines.push(el('p', { class: 'popup-lieu' }, place));
  }
  if (p.precision === 'commune') {
    lines.push(el('p', { class: 'popup-note' }, 'Position approximative : centre de la commune.'));
  }
  if (p.actions?.length) {
    lines.push(el('p', {}, el('span', { class: 'etiquette' }, 'Actions : '), p.actions.map((c) => vocabulaire.actions[c] || c).join(', ')));
  }
  if (p.publics?.length) {
    lines.push(el('p', {}, el('span', { class: 'etiquette' }, 'Pour : '), p.publics.map((c) => vocabulaire.publics[c] || c).join(', ')));
  }
  for (const phone of p.telephones || []) {
    lines.push(el('p', {}, el('span', { class: 'etiquette' }, 'Tél. : '), el('a', { href: telHref(phone) }, phone)));
  }
  if (p.site_web) {
    const href = webHref(p.site_web);
    lines.push(el('p', {}, el('span', { class: 'etiquette' }, 'Site : '),
      href ? el('a', { href, rel: 'noopener noreferrer' }, websiteLabel(href)) : p.site_web));
  }
  lines.push(el('p', { class: 'popup-fiche' }, el('a', { href: p.url }, 'Voir la fiche de la structure')));
  return el('div', { class: 'popup' }, lines);
}

function updateMarkers() {
  if (!map) {
    return;
  }
  clusters.clearLayers();
  clusters.addLayers(state.features.filter((f) => f.geometry).map(markerFor));
}

function showPosition(lat, lon) {
  if (!map) {
    return;
  }
  position?.remove();
  position = L.circleMarker([lat, lon], {
    className: 'position-recherchee',
    radius: 9,
    color: '#ffffff',
    weight: 3,
    fillColor: '#c9191e',
    fillOpacity: 1,
    interactive: false,
  }).addTo(map);
  map.setView([lat, lon], Math.max(SEARCH_ZOOM, Math.min(map.getZoom(), 12)));
}

function fitDepartement(code) {
  if (!map) {
    return;
  }
  if (code === 'metropole') {
    map.fitBounds(METROPOLE);
    return;
  }
  departementsReady.then(() => {
    const layer = layersByCode.get(code);
    if (layer) {
      map.fitBounds(layer.getBounds(), { padding: [20, 20] });
    }
  });
}

// ---------------------------------------------------------------- list

function say(message) {
  if (status.textContent !== message) {
    status.textContent = message;
  }
}

/** The query of the current search: the filters of the form plus, when given, the place. */
function queryWith(place) {
  const params = filterParams();
  for (const [name, value] of Object.entries(place || {})) {
    params.set(name, value);
  }
  return params.toString();
}

/** The state the server wrote on #resultats-contenu: the commune searched, its label and position, the title. */
function readResults(zone) {
  const data = zone.dataset;
  state.commune = data.commune || null;
  if (data.commune) {
    combobox.show(data.communeLibelle, data.commune);
  }
  const query = data.requete || '';
  history.replaceState(history.state, '', `${location.pathname}${query}`);
  document.title = data.titre;
  return data;
}

/**
 * Replaces the results with the server's for this place ({ commune } as an INSEE code, or typed text with
 * saisie=1; none for the plain list). focus: move the reader to the results (a person who searched lands on them).
 */
async function showResults(place, { focus = false, move = true } = {}) {
  const signal = nextResultsSignal();
  try {
    const response = await fetch(`/resultats?${queryWith(place)}`, { signal, headers: { Accept: 'text/html' } });
    if (!response.ok) {
      throw new Error(`/resultats: HTTP ${response.status}`);
    }
    const template = document.createElement('template');
    template.innerHTML = await response.text();
    const zone = template.content.getElementById('resultats-contenu');
    document.getElementById('resultats-contenu').replaceWith(zone);
    const data = readResults(zone);
    if (move && data.lat && data.lon) {
      showPosition(Number(data.lat), Number(data.lon));
    } else if (!data.commune) {
      position?.remove();
      position = null;
    }
    say('');
    announcer.textContent = zone.querySelector('#resultats-compte')?.textContent || '';
    if (focus) {
      resultsTitle.focus({ preventScroll: true });
      resultsTitle.scrollIntoView({ block: 'start' });
    }
  } catch (error) {
    if (error.name !== 'AbortError') {
      say('La recherche n\'a pas abouti. Vérifiez votre connexion puis réessayez.');
    }
  }
}

// ---------------------------------------------------------------- actions

async function loadStructures() {
  const signal = nextStructuresSignal();
  try {
    const collection = await getJson(`/api/structures?${filterParams()}`, signal);
    state.features = collection.features;
    updateMarkers();
    await updateChoropleth();
  } catch (error) {
    if (error.name !== 'AbortError') {
      say('Les structures n\'ont pas pu être chargées. Vérifiez votre connexion puis réessayez.');
    }
  }
}

/** "Autour de moi": the nearest commune stands for the position, which goes no further than this one request. */
async function searchPosition(coordinates) {
  try {
    const around = await getJson(`/api/structures/around?${new URLSearchParams(coordinates)}`);
    if (around.commune) {
      await showResults({ commune: around.commune.code }, { focus: true });
      return;
    }
  } catch (error) {
    if (error.status !== 404) {
      say('La recherche n\'a pas abouti. Vérifiez votre connexion puis réessayez.');
      return;
    }
  }
  say('Ce lieu n\'est pas en France ou n\'est rattaché à aucune commune. Saisissez une commune ou un code postal.');
}

function clearSearch() {
  input.value = '';
  showResults(null);
}

// ---------------------------------------------------------------- wiring

const combobox = new CommuneCombobox(input, document.getElementById('recherche-suggestions'),
  (commune) => showResults({ commune: commune.code }, { focus: true }));

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  const chosen = combobox.chosen;
  if (chosen) {
    showResults({ commune: chosen.code }, { focus: true });
  } else if (text) {
    // The server resolves typed text as it does without a script, and offers the other communes of that name.
    showResults({ commune: text, saisie: '1' }, { focus: true });
  } else {
    clearSearch();
  }
});

form.addEventListener('change', (event) => {
  if (event.target.tagName !== 'SELECT') {
    return;
  }
  loadStructures();
  showResults(state.commune ? { commune: state.commune } : null, { move: false });
});

// Links inside the results that search again (clear the commune) stay on the page.
document.addEventListener('click', (event) => {
  const link = event.target.closest('#effacer-recherche');
  if (link) {
    event.preventDefault();
    clearSearch();
    input.focus();
  }
});

document.getElementById('autour-de-moi').addEventListener('click', async (event) => {
  const coordinates = await locate(event.currentTarget, say);
  if (coordinates) {
    await searchPosition(coordinates);
  }
});

document.querySelectorAll('.outremer [data-departement]').forEach((button) =>
  button.addEventListener('click', () => fitDepartement(button.dataset.departement)));

/**
 * For the DGCS and the coordination only (the page says so for a signed-in person, and is never cached then): the
 * confidential structures at their real place, from an endpoint that answers them alone, in a layer of their own.
 */
async function showReservedPlaces() {
  if (!map || mapElement.dataset.reserve !== '1') {
    return;
  }
  try {
    const collection = await getJson('/api/structures/confidentielles');
    const icon = L.icon({ iconUrl: '/img/marqueur.svg', iconSize: [28, 40], iconAnchor: [14, 39], popupAnchor: [0, -34], className: 'marqueur-reserve' });
    const layer = L.layerGroup().addTo(map);
    for (const feature of collection.features) {
      const p = feature.properties;
      const [lon, lat] = feature.geometry.coordinates;
      L.marker([lat, lon], { icon, title: `${p.nom} (adresse confidentielle)`, alt: `${p.nom} (adresse confidentielle)`, keyboard: true })
        .bindPopup(() => el('div', { class: 'popup' },
          el('p', { class: 'popup-titre' }, p.nom),
          el('p', { class: 'popup-note' }, 'Adresse confidentielle — visible par la DGCS et la coordination uniquement.'),
          p.adresse ? el('p', {}, p.adresse) : null,
          p.commune ? el('p', { class: 'popup-lieu' }, p.commune) : null,
          el('p', { class: 'popup-fiche' }, el('a', { href: p.url }, 'Voir la fiche de la structure'))), POPUP_OPTIONS)
        .addTo(layer);
    }
  } catch {
    say('Les lieux confidentiels n\'ont pas pu être chargés.');
  }
}

setupMap();
loadStructures();
showReservedPlaces();
const initial = readResults(document.getElementById('resultats-contenu'));
if (initial.lat && initial.lon) {
  showPosition(Number(initial.lat), Number(initial.lon));
}
