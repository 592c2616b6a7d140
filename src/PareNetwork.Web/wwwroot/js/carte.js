// The map page: choropleth of the départements, clustered structure markers, filters, commune search and
// "Autour de moi". The server renders the same list without a script; this module keeps it in step with the map.
import { CommuneCombobox, resolveCommune } from './combobox.js';
import { createMap } from './fond-de-carte.js';
import { locate } from './geolocalisation.js';
import { byName, count, departementLabel, el, filterParams as formFilters, telHref, webHref, websiteLabel } from './format.js';
import { groupOf, renderResults, structuresCount } from './resultats.js';

const L = window.L;
const form = document.getElementById('filtres');
const input = document.getElementById('recherche-lieu');
const status = document.getElementById('recherche-statut');
const list = document.getElementById('resultats');
const countLine = document.getElementById('resultats-compte');
const more = document.getElementById('resultats-suite');
const listLink = document.getElementById('lien-liste');
const clearLink = document.getElementById('effacer-recherche');
const mapElement = document.getElementById('map');
// Labels, groups and headings, from the server (Pages/Shared/Display.cs, VocabularyJson).
const vocabulaire = JSON.parse(document.getElementById('vocabulaire').textContent);
const LIMIT = Number(mapElement?.dataset.limite) || 200;
const METROPOLE = [[41.3, -5.2], [51.1, 9.6]];
const SEARCH_ZOOM = 10;
const COLORS = ['#e3ebf7', '#b5c9ea', '#7f9fd6', '#4a6fbf', '#1d3f94'];

const state = {
  features: [],
  /** The last help search: its parameters (commune, or lat and lon) and its answer. */
  around: null,
  aroundParams: null,
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

const departementNames = departementsReady.then((features) =>
  new Map(features.map((f) => [f.properties.code, { code: f.properties.code, nom: f.properties.nom, region: f.properties.region }])));

function latest() {
  let controller = null;
  return () => {
    controller?.abort();
    controller = new AbortController();
    return controller.signal;
  };
}
const nextStructuresSignal = latest();
const nextAroundSignal = latest();

// ---------------------------------------------------------------- map

let map = null;
let clusters = null;
let departementsLayer = null;
let legend = null;
let position = null;
const layersByCode = new Map();
const markersById = new Map();
let counts = new Map();
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
      fillColor: colorFor(counts.get(feature.properties.code) || 0),
      fillOpacity: 0.75,
    }),
    onEachFeature: (feature, layer) => {
      layersByCode.set(feature.properties.code, layer);
      layer.bindPopup(() => departementPopup(feature.properties));
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

function computeCounts(features) {
  let national = 0;
  const byCode = new Map();
  for (const { properties: p } of features) {
    if (p.portee === 'nationale') {
      national += 1;
    } else {
      for (const code of p.departements || []) {
        byCode.set(code, (byCode.get(code) || 0) + 1);
      }
    }
  }
  return { national, byCode };
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
  const { national, byCode } = computeCounts(state.features);
  counts = new Map(features.map((f) => [f.properties.code, national + (byCode.get(f.properties.code) || 0)]));
  classes = computeClasses([...counts.values()]);
  departementsLayer.eachLayer((layer) => layer.setStyle({ fillColor: colorFor(counts.get(layer.feature.properties.code) || 0) }));
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
  body.replaceChildren(
    el('p', { class: 'map-legend-titre' }, 'Structures intervenant dans le département'),
    el('ul', {}, swatches),
    el('p', { class: 'map-legend-titre' }, 'Repères'),
    el('ul', {},
      el('li', {}, el('img', { src: '/img/marqueur.svg', alt: '', width: 14, height: 20 }), 'Adresse connue'),
      el('li', {}, el('img', { src: '/img/marqueur-commune.svg', alt: '', width: 14, height: 20 }), 'Commune seulement'),
      el('li', {}, el('span', { class: 'map-legend-groupe', 'aria-hidden': 'true' }, '12'), 'Groupe de structures')),
  );
}

function departementPopup(p) {
  const n = counts.get(p.code) || 0;
  return el('div', { class: 'popup' },
    el('p', { class: 'popup-titre' }, `${p.nom} (${p.code})`),
    el('p', {}, `${count(n, 'structure intervient', 'structures interviennent')} dans ce département${filterParams().toString() ? ' (selon vos critères)' : ''}.`),
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
  marker.bindPopup(() => structurePopup(p), { maxWidth: 320, minWidth: 220, autoPanPadding: [20, 20] });
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

function setText(element, text) {
  if (element && element.textContent !== text) {
    element.textContent = text;
  }
}

/** The group headings of a help search, as the server writes them: "{departement}" stands for the département searched. */
function searchHeadings(departement) {
  const label = departementLabel(departement);
  return Object.fromEntries(Object.entries(vocabulaire.titres_groupes).map(([group, title]) => [group, title.replace('{departement}', () => label)]));
}

async function renderList() {
  const departements = await departementNames;
  const context = { vocabulaire, departements };
  if (state.around) {
    const { around } = state;
    const items = around.features.map((f) => ({ properties: f.properties, groupe: f.properties.groupe, distanceKm: f.properties.distance_km }));
    const place = around.commune?.nom || around.departement.nom;
    const headings = searchHeadings(around.departement);
    renderResults(list, items.slice(0, LIMIT), headings, context);
    setText(countLine, `${structuresCount(items.length)} ${items.length <= 1 ? 'peut' : 'peuvent'} aider autour de ${place}`);
    renderMore(items.length);
  } else {
    const sorted = [...state.features].sort((a, b) => byName.compare(a.properties.nom, b.properties.nom));
    const items = sorted.slice(0, LIMIT).map((f) => ({ properties: f.properties, groupe: groupOf(f.properties, vocabulaire) }));
    renderResults(list, items, null, context);
    const filtered = filterParams().toString() !== '';
    setText(countLine, `${structuresCount(sorted.length)}${filtered ? ' correspondant à vos critères' : ''}`);
    renderMore(sorted.length);
  }
}

function renderMore(total) {
  if (!more) {
    return;
  }
  more.hidden = total <= LIMIT;
  const link = more.querySelector('a');
  setText(link, `Voir les ${total} structures dans la liste`);
  link.href = listHref();
}

function queryWithCommune() {
  const params = filterParams();
  const code = state.around?.commune?.code;
  if (code) {
    params.set('commune', code);
  }
  return params.toString();
}

function listHref() {
  const query = queryWithCommune();
  return query ? `/liste?${query}` : '/liste';
}

/** The URL keeps the filters and the commune: the page can be shared or reloaded as it is. */
function updateUrl() {
  const query = queryWithCommune();
  history.replaceState(history.state, '', query ? `${location.pathname}?${query}` : location.pathname);
  listLink.href = listHref();
  const filters = filterParams().toString();
  clearLink.href = filters ? `/?${filters}` : '/';
  clearLink.hidden = !state.around;
  document.title = state.around
    ? `Structures autour de ${state.around.commune?.nom || state.around.departement.nom} – Carte – Réseau PARÉ`
    : 'Carte des structures d\'aide – Réseau PARÉ';
}

function say(message) {
  setText(status, message);
}

function dropServerMessages() {
  document.querySelectorAll('.autres-communes, .recherche + .alerte').forEach((node) => node.remove());
}

// ---------------------------------------------------------------- actions

async function loadStructures() {
  const signal = nextStructuresSignal();
  try {
    const collection = await getJson(`/api/structures?${filterParams()}`, signal);
    state.features = collection.features;
    updateMarkers();
    await updateChoropleth();
    if (!state.around) {
      await renderList();
    }
  } catch (error) {
    if (error.name !== 'AbortError') {
      say('Les structures n\'ont pas pu être chargées. Vérifiez votre connexion puis réessayez.');
    }
  }
}

/** The help search around a commune ({ commune }) or a position ({ lat, lon }). */
async function searchAround(params, { move = true } = {}) {
  const signal = nextAroundSignal();
  const query = filterParams();
  for (const [name, value] of Object.entries(params)) {
    query.set(name, value);
  }
  try {
    const around = await getJson(`/api/structures/around?${query}`, signal);
    state.around = around;
    state.aroundParams = params;
    dropServerMessages();
    if (around.commune) {
      combobox.show(around.commune);
    }
    if (move) {
      const [lon, lat] = around.position;
      showPosition(lat, lon);
    }
    say('');
    updateUrl();
    await renderList();
  } catch (error) {
    if (error.name === 'AbortError') {
      return;
    }
    say(error.status === 404
      ? 'Ce lieu n\'est pas en France ou n\'est rattaché à aucun département. Saisissez une commune ou un code postal.'
      : 'La recherche n\'a pas abouti. Vérifiez votre connexion puis réessayez.');
  }
}

function clearSearch() {
  state.around = null;
  state.aroundParams = null;
  nextAroundSignal();
  input.value = '';
  position?.remove();
  position = null;
  say('');
  updateUrl();
  renderList();
}

async function searchText(text) {
  const chosen = combobox.chosen;
  if (chosen) {
    await searchAround({ commune: chosen.code });
    return;
  }
  say('Recherche en cours…');
  try {
    const commune = await resolveCommune(text);
    if (commune) {
      await searchAround({ commune: commune.code });
    } else {
      say(`Aucune commune ne correspond à « ${text} ». Vérifiez l'orthographe ou essayez un code postal.`);
    }
  } catch {
    say('La recherche n\'a pas abouti. Vérifiez votre connexion puis réessayez.');
  }
}

// ---------------------------------------------------------------- wiring

const combobox = new CommuneCombobox(input, document.getElementById('recherche-suggestions'),
  (commune) => searchAround({ commune: commune.code }));

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (text) {
    searchText(text);
  } else {
    clearSearch();
  }
});

form.addEventListener('change', (event) => {
  if (event.target.tagName !== 'SELECT') {
    return;
  }
  updateUrl();
  loadStructures();
  if (state.aroundParams) {
    searchAround(state.aroundParams, { move: false });
  }
});

clearLink.addEventListener('click', (event) => {
  event.preventDefault();
  clearSearch();
  input.focus();
});

document.getElementById('autour-de-moi').addEventListener('click', async (event) => {
  const position = await locate(event.currentTarget, say);
  if (position) {
    await searchAround(position);
  }
});

document.querySelectorAll('.outremer [data-departement]').forEach((button) =>
  button.addEventListener('click', () => fitDepartement(button.dataset.departement)));

setupMap();
loadStructures();
const initial = new URLSearchParams(location.search);
if (initial.get('commune')) {
  // A link carries an INSEE code; typed text has been resolved by the server, whose answer is in the input.
  if (!initial.has('saisie') && /^[0-9][0-9AB][0-9]{3}$/i.test(initial.get('commune'))) {
    searchAround({ commune: initial.get('commune') });
  } else if (input.value.trim() && !document.querySelector('.recherche + .alerte')) {
    searchText(input.value.trim());
  }
}
