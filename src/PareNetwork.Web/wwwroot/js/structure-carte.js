// The small map of a structure page: one marker, no interaction needed to read it.
import { createMap } from './fond-de-carte.js';

const element = document.getElementById('structure-carte');
if (element && window.L) {
  const L = window.L;
  const lat = Number(element.dataset.lat);
  const lon = Number(element.dataset.lon);
  const exact = element.dataset.precision === 'adresse';
  const map = createMap(element, { scrollWheelZoom: false });
  map.setView([lat, lon], exact ? 16 : 12);
  L.marker([lat, lon], {
    icon: L.icon({
      iconUrl: exact ? '/img/marqueur.svg' : '/img/marqueur-commune.svg',
      iconSize: [28, 40],
      iconAnchor: [14, 39],
    }),
    alt: element.dataset.nom,
    keyboard: false,
    interactive: false,
  }).addTo(map);
}
