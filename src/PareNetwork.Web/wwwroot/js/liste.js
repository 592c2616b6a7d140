// The list page works without a script; this adds the commune suggestions, "Autour de moi" and printing.
import { CommuneCombobox } from './combobox.js';
import { filterParams } from './format.js';
import { locate } from './geolocalisation.js';

const form = document.getElementById('filtres');
const input = document.getElementById('recherche-lieu');
const status = document.getElementById('recherche-statut');

function say(message) {
  status.textContent = message;
}

function go(communeCode) {
  const params = filterParams(form);
  params.set('commune', communeCode);
  window.location.assign(`/liste?${params}`);
}

new CommuneCombobox(input, document.getElementById('recherche-suggestions'), (commune) => go(commune.code));

document.getElementById('autour-de-moi').addEventListener('click', async (event) => {
  const position = await locate(event.currentTarget, say);
  if (!position) {
    return;
  }
  // The list is addressed by commune: the nearest one stands for the position, and the link stays shareable.
  try {
    const response = await fetch(`/api/structures/around?${new URLSearchParams(position)}`, { headers: { Accept: 'application/geo+json' } });
    const around = response.ok ? await response.json() : null;
    if (around?.commune) {
      go(around.commune.code);
    } else {
      say('Votre position ne correspond à aucune commune française. Saisissez une commune ou un code postal.');
    }
  } catch {
    say('La recherche n\'a pas abouti. Vérifiez votre connexion puis réessayez.');
  }
});

document.getElementById('imprimer')?.addEventListener('click', () => window.print());
