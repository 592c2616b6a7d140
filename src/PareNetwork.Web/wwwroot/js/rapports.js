// /rapports: the choropleth of the coverage classes (from the report's own GeoJSON export) and, in place, the sort
// of the table. Without a script the table is sorted by the server through the same links.
import { createMap } from './fond-de-carte.js';
import { el } from './format.js';

const L = window.L;
const METROPOLE = [[41.3, -5.2], [51.1, 9.6]];
/** The colours of the classes, weakest darkest; the legend's swatches use the same ones (site.css, « Rapports »). */
const CLASS_COLORS = {
  'non couvert': '#7a1013',
  faible: '#d1482f',
  partiel: '#f0b45a',
  couvert: '#3a7d44',
};

function percent(share) {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(1).replace('.', ',')}\u00a0%`;
}

function popup(p) {
  return el('div', { class: 'popup' },
    el('p', { class: 'popup-titre' }, `${p.nom} (${p.code})`),
    el('p', {}, `Classe : ${p.classe} · score ${p.score} sur 100`),
    el('p', {}, `${p.structures_locales} structure${p.structures_locales > 1 ? 's' : ''} locale${p.structures_locales > 1 ? 's' : ''} · population à portée : ${percent(p.part_population_30km)}`),
    el('p', {}, el('a', { href: `/rapports/departements/${encodeURIComponent(p.code)}` }, `Voir le détail de ${p.nom}`)));
}

async function setupMap() {
  const element = document.getElementById('carte-couverture');
  if (!element) {
    return;
  }
  if (!L) {
    element.closest('section')?.setAttribute('hidden', '');
    return;
  }
  const map = createMap(element, { minZoom: 2, maxZoom: 12, zoomSnap: 0.5 });
  map.fitBounds(METROPOLE);
  try {
    const response = await fetch(element.dataset.geojson, { headers: { Accept: 'application/geo+json' } });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    const collection = await response.json();
    L.geoJSON(collection, {
      style: (feature) => ({
        color: '#ffffff',
        weight: 1,
        fillColor: CLASS_COLORS[feature.properties.classe] || '#cccccc',
        fillOpacity: 0.8,
      }),
      onEachFeature: (feature, layer) => {
        layer.bindPopup(() => popup(feature.properties), { maxWidth: 280 });
        layer.on('mouseover', () => layer.setStyle({ weight: 3, color: '#000091' }));
        layer.on('mouseout', () => layer.setStyle({ weight: 1, color: '#ffffff' }));
      },
    }).addTo(map);
  } catch {
    element.replaceChildren(el('p', { class: 'aide' }, 'La carte n\'a pas pu être chargée ; le tableau ci-dessous donne les mêmes informations.'));
  }
}

function cellValue(row, index) {
  const cell = row.children[index];
  return cell ? cell.dataset.valeur ?? cell.textContent.trim() : '';
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

function compare(a, b) {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && !Number.isNaN(x) && !Number.isNaN(y)) {
    return x - y;
  }
  return collator.compare(a, b);
}

function setupSort() {
  const table = document.getElementById('tableau-couverture');
  if (!table) {
    return;
  }
  const headers = [...table.tHead.rows[0].cells];
  table.tHead.addEventListener('click', (event) => {
    const link = event.target.closest('a');
    const header = link?.closest('th[data-tri]');
    if (!header) {
      return;
    }
    event.preventDefault();
    const index = headers.indexOf(header);
    const current = header.getAttribute('aria-sort');
    const descending = current ? current === 'ascending' : header.dataset.ordreInitial === 'desc';
    const body = table.tBodies[0];
    const rows = [...body.rows];
    const codeIndex = 0;
    rows.sort((r1, r2) => {
      const order = compare(cellValue(r1, index), cellValue(r2, index));
      return (descending ? -order : order) || collator.compare(cellValue(r1, codeIndex), cellValue(r2, codeIndex));
    });
    body.append(...rows);
    for (const th of headers) {
      if (th === header) {
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      } else {
        th.removeAttribute('aria-sort');
      }
      const key = th.dataset.tri;
      const a = th.querySelector('a');
      if (key && a) {
        const next = th === header ? (descending ? 'asc' : 'desc') : th.dataset.ordreInitial;
        a.href = `/rapports?tri=${key}&ordre=${next}#tableau-titre`;
      }
    }
    window.history.replaceState(null, '', `/rapports?tri=${header.dataset.tri}&ordre=${descending ? 'desc' : 'asc'}`);
  });
}

setupSort();
setupMap();
