// French display formats of the map's popups; Pages/Shared/Display.cs writes the same on the server.

/** "1 structure", "34 structures" (n ≥ 1; zero takes « aucune » and its own sentence, as in Display.CountWithVerb). */
export function count(n, singular, plural) {
  return `${n} ${n <= 1 ? singular : plural}`;
}

export function telHref(phone) {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** A website as a link target: an absolute http(s) URL, else null (the address is then shown as plain text). */
export function webHref(url) {
  try {
    const parsed = new URL(String(url).trim());
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.host ? parsed.href : null;
  } catch {
    return null;
  }
}

export function websiteLabel(url) {
  try {
    const host = new URL(url).host;
    return host.startsWith('www.') ? host.slice(4) : host;
  } catch {
    return url;
  }
}

/** "Mulhouse (68100, 68200)": the server reads this label back when the form is sent without a script. */
export function communeLabel(commune) {
  const codes = commune.codes_postaux || [];
  return codes.length ? `${commune.nom} (${codes.join(', ')})` : commune.nom;
}

/** Builds an element; strings become text nodes, so data never turns into markup. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      node.className = value;
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

/** The filters of the search form as a query string: the place (commune, and the "typed" marker) travels apart. */
export function filterParams(form) {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (name !== 'commune' && name !== 'saisie' && value) {
      params.append(name, value);
    }
  }
  return params;
}
