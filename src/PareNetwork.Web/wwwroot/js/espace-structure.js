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
