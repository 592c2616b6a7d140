// Commune autocomplete following the WAI-ARIA combobox pattern (list autocomplete, manual selection):
// the focus stays in the input, aria-activedescendant points at the highlighted option.
import { communeLabel, el } from './format.js';

const MIN_LENGTH = 2;
const DELAY_MS = 150;

export async function fetchCommunes(text, signal) {
  const response = await fetch(`/api/communes/search?q=${encodeURIComponent(text)}`, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`communes: HTTP ${response.status}`);
  }
  return response.json();
}

export class CommuneCombobox {
  /**
   * @param {HTMLInputElement} input the role=combobox input
   * @param {HTMLElement} listbox the role=listbox list
   * @param {(commune: object) => void} onSelect called with the chosen commune (API shape)
   */
  constructor(input, listbox, onSelect) {
    this.input = input;
    this.listbox = listbox;
    this.onSelect = onSelect;
    this.options = [];
    this.active = -1;
    this.selected = null;
    this.timer = 0;
    this.request = null;
    this.announcer = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    input.closest('.combobox').after(this.announcer);

    input.addEventListener('input', () => this.onInput());
    input.addEventListener('keydown', (event) => this.onKeyDown(event));
    input.addEventListener('blur', () => this.close());
    // Keeps the focus in the input while an option is clicked.
    listbox.addEventListener('mousedown', (event) => event.preventDefault());
    listbox.addEventListener('click', (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) {
        this.choose(Number(option.dataset.index));
      }
    });
  }

  /** The commune chosen from the list, as long as the text still shows it. */
  get chosen() {
    return this.selected && this.selected.label === this.input.value.trim() ? this.selected.commune : null;
  }

  /** Shows a commune picked elsewhere (geolocation, page load) as if chosen here: its label and its INSEE code. */
  show(label, code) {
    this.input.value = label;
    this.selected = { label, commune: { code } };
  }

  onInput() {
    clearTimeout(this.timer);
    const text = this.input.value.trim();
    if (text.length < MIN_LENGTH) {
      this.close();
      this.setOptions([]);
      return;
    }
    this.timer = setTimeout(() => this.suggest(text), DELAY_MS);
  }

  async suggest(text) {
    this.request?.abort();
    const request = new AbortController();
    this.request = request;
    try {
      const communes = await fetchCommunes(text, request.signal);
      if (request.signal.aborted || this.input.value.trim() !== text) {
        return;
      }
      this.setOptions(communes);
      if (document.activeElement === this.input) {
        if (communes.length) {
          this.open();
        } else {
          this.close();
        }
        this.announce(communes.length
          ? `${communes.length} ${communes.length > 1 ? 'communes proposées' : 'commune proposée'}. Flèches haut et bas pour choisir, Entrée pour valider.`
          : 'Aucune commune trouvée.');
      }
    } catch (error) {
      if (error.name !== 'AbortError') {
        this.announce('Les suggestions ne sont pas disponibles pour le moment.');
      }
    }
  }

  setOptions(communes) {
    this.options = communes;
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    this.listbox.replaceChildren(...communes.map((commune, index) => el('li', {
      id: `${this.listbox.id}-${index}`,
      role: 'option',
      'aria-selected': 'false',
      'data-code': commune.code,
      'data-index': index,
    }, communeLabel(commune))));
  }

  onKeyDown(event) {
    const isOpen = !this.listbox.hidden;
    switch (event.key) {
      case 'ArrowDown':
        if (this.options.length) {
          event.preventDefault();
          this.open();
          this.highlight(isOpen ? (this.active + 1) % this.options.length : 0);
        }
        break;
      case 'ArrowUp':
        if (this.options.length) {
          event.preventDefault();
          this.open();
          this.highlight(isOpen && this.active > 0 ? this.active - 1 : this.options.length - 1);
        }
        break;
      case 'Enter':
        if (isOpen && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        } else {
          this.close();
        }
        break;
      case 'Escape':
        if (isOpen) {
          event.preventDefault();
          this.close();
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = '';
          this.setOptions([]);
        }
        break;
      case 'Tab':
        this.close();
        break;
      default:
        break;
    }
  }

  highlight(index) {
    this.active = index;
    [...this.listbox.children].forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    const option = this.listbox.children[index];
    if (option) {
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }
  }

  choose(index) {
    const commune = this.options[index];
    if (!commune) {
      return;
    }
    this.show(communeLabel(commune), commune.code);
    this.close();
    this.onSelect(commune);
  }

  open() {
    if (this.options.length) {
      this.listbox.hidden = false;
      this.input.setAttribute('aria-expanded', 'true');
    }
  }

  close() {
    clearTimeout(this.timer);
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  announce(message) {
    this.announcer.textContent = message;
  }
}
