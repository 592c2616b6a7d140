// The result list (#resultats), written as Pages/Shared/_Resultats.cshtml writes it on the server.
import { count, departementLabel, distance, el, telHref, webHref, websiteLabel } from './format.js';

/**
 * The group of a structure in a list that is not a help search, as Display.GroupOf says it on the server:
 * the vocabulary block of the page gives the group of each scope ("groupe_par_portee").
 */
export function groupOf(properties, vocabulaire) {
  return vocabulaire.groupe_par_portee[properties.portee];
}

/** Where a structure works, in a few words: "Mulhouse – Haut-Rhin (68)", "Bretagne", "Toute la France". */
export function area(properties, departements) {
  const known = (properties.departements || []).map((code) => departements.get(code) || { code, nom: code, region: '' });
  let text;
  if (properties.portee === 'nationale') {
    text = 'Toute la France';
  } else if (properties.portee === 'regionale' && known.length > 0) {
    text = [...new Set(known.map((d) => d.region))].join(', ');
  } else {
    text = known.map(departementLabel).join(', ');
  }
  return properties.commune ? `${properties.commune} – ${text}` : text;
}

function labels(codes, terms) {
  return (codes || []).map((code) => terms[code] || code).join(', ');
}

function resultItem({ properties: p, groupe, distanceKm }, context) {
  const { vocabulaire, departements } = context;
  const header = el('p', { class: 'resultat-entete' }, el('a', { class: 'resultat-nom', href: p.url }, p.nom));
  if (p.sigle && p.sigle !== p.nom) {
    header.append(' ', el('span', { class: 'resultat-sigle' }, `(${p.sigle})`));
  }
  if (typeof distanceKm === 'number') {
    header.append(' ', el('span', { class: 'resultat-distance' }, distance(distanceKm)));
  }

  const place = el('p', { class: 'resultat-lieu' }, `${vocabulaire.natures[p.nature] || p.nature} · ${area(p, departements)}`);
  if (p.confidentiel) {
    place.append(' ', el('span', { class: 'resultat-confidentiel' }, '· adresse confidentielle'));
  }

  const item = el('li', { class: 'resultat', 'data-id': p.id, 'data-groupe': groupe }, header, place);
  if (p.actions && p.actions.length) {
    item.append(el('p', { class: 'resultat-actions' }, el('span', { class: 'etiquette' }, 'Actions :'), ' ', labels(p.actions, vocabulaire.actions)));
  }
  if (p.publics && p.publics.length) {
    item.append(el('p', { class: 'resultat-publics' }, el('span', { class: 'etiquette' }, 'Pour :'), ' ', labels(p.publics, vocabulaire.publics)));
  }
  const contacts = [
    ...(p.telephones || []).map((phone) => el('a', { class: 'resultat-tel', href: telHref(phone) }, el('span', { class: 'etiquette' }, 'Tél. :'), ' ', phone)),
    p.email ? el('a', { class: 'resultat-courriel', href: `mailto:${p.email}` }, p.email) : null,
    website(p.site_web),
  ].filter(Boolean);
  if (contacts.length) {
    const line = el('p', { class: 'resultat-contact' });
    contacts.forEach((contact, i) => line.append(...(i ? [' ', contact] : [contact])));
    item.append(line);
  }
  return item;
}

/** A website: a link when it is an http(s) URL, else the address as plain text. */
function website(url) {
  if (!url) {
    return null;
  }
  const href = webHref(url);
  return href
    ? el('a', { class: 'resultat-site', href, rel: 'noopener noreferrer' }, websiteLabel(href))
    : el('span', { class: 'resultat-site' }, url);
}

/**
 * Replaces the list. items: [{ properties, groupe, distanceKm }] in display order; headings: title by group,
 * inserted before each group as separate list items (null for a plain list).
 */
export function renderResults(list, items, headings, context) {
  const fragment = document.createDocumentFragment();
  let group = null;
  for (const item of items) {
    if (headings && item.groupe !== group && headings[item.groupe]) {
      fragment.append(el('li', { class: 'resultats-groupe', 'data-groupe': item.groupe }, el('h3', {}, headings[item.groupe])));
    }
    group = item.groupe;
    fragment.append(resultItem(item, context));
  }
  list.replaceChildren(fragment);
}

export function structuresCount(n) {
  return count(n, 'structure', 'structures');
}
