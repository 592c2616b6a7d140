// A Leaflet map with French controls and the configured base map (data-tile-url, data-tile-attribution).
// Tiles may fail to load (offline): everything drawn on top keeps working.

function escapeHtml(text) {
  const span = document.createElement('span');
  span.textContent = text;
  return span.innerHTML;
}

export function createMap(element, options = {}) {
  const L = window.L;
  const map = L.map(element, { zoomControl: false, attributionControl: false, ...options });
  L.control.zoom({ zoomInTitle: 'Zoom avant', zoomOutTitle: 'Zoom arrière' }).addTo(map);
  L.control.attribution({ prefix: '<a href="https://leafletjs.com/" rel="noopener noreferrer">Leaflet</a>' }).addTo(map);
  const url = element.dataset.tileUrl;
  if (url) {
    L.tileLayer(url, { attribution: escapeHtml(element.dataset.tileAttribution || ''), maxZoom: 19 }).addTo(map);
  }
  map.on('popupopen', (event) => {
    const close = event.popup.getElement()?.querySelector('.leaflet-popup-close-button');
    if (close) {
      close.setAttribute('aria-label', 'Fermer');
      close.title = 'Fermer';
    }
  });
  return map;
}
