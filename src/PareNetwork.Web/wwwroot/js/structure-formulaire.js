// Member space, structure form: the commune input becomes the map's commune combobox. Without a script, the
// server resolves what was typed (name, postal code or INSEE code).
import { CommuneCombobox } from './combobox.js';

const input = document.getElementById('form-commune');
if (input) {
  const wrapper = document.createElement('div');
  wrapper.className = 'combobox';
  input.before(wrapper);
  wrapper.append(input);

  const listbox = document.createElement('ul');
  listbox.id = 'form-commune-suggestions';
  listbox.className = 'suggestions-communes';
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-label', 'Communes proposées');
  listbox.hidden = true;
  wrapper.append(listbox);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);
  input.spellcheck = false;

  const combobox = new CommuneCombobox(input, listbox, () => {});
  // A commune chosen from the list is sent by its INSEE code: homonyms are never confused.
  input.form?.addEventListener('submit', () => {
    const chosen = combobox.chosen;
    if (chosen) {
      input.value = chosen.code;
    }
  });
}

// The small map of the form: the marker shows the exact position, or the commune's centre; a click or a drag
// writes the exact position into the latitude and longitude fields, which remain the keyboard's way to set it.
const mapElement = document.getElementById('form-carte');
const latitude = document.getElementById('form-latitude');
const longitude = document.getElementById('form-longitude');
if (mapElement && latitude && longitude && window.L) {
  const { createMap } = await import('./fond-de-carte.js');
  const L = window.L;
  const parse = (text) => Number(String(text).trim().replace(',', '.'));
  const exact = () => latitude.value.trim() !== '' && longitude.value.trim() !== '';
  const start = exact()
    ? [parse(latitude.value), parse(longitude.value)]
    : [Number(mapElement.dataset.lat), Number(mapElement.dataset.lon)];
  const known = start.every(Number.isFinite) && !(start[0] === 0 && start[1] === 0);
  const map = createMap(mapElement, { scrollWheelZoom: false });
  map.setView(known ? start : [46.6, 2.4], known ? (exact() ? 16 : 12) : 5);
  const marker = L.marker(known ? start : [46.6, 2.4], { draggable: true, keyboard: false, alt: 'Position de la structure' }).addTo(map);
  const status = document.getElementById('form-carte-statut');
  const place = (latlng) => {
    marker.setLatLng(latlng);
    latitude.value = latlng.lat.toFixed(6);
    longitude.value = latlng.lng.toFixed(6);
    if (status) {
      status.textContent = `Position précise : ${latitude.value.replace('.', ',')}, ${longitude.value.replace('.', ',')}.`;
    }
  };
  map.on('click', (event) => place(event.latlng));
  marker.on('dragend', () => place(marker.getLatLng()));
  document.getElementById('form-carte-effacer')?.addEventListener('click', () => {
    latitude.value = '';
    longitude.value = '';
    if (status) {
      status.textContent = 'Sans position précise : le repère sera au centre de la commune.';
    }
  });
}
