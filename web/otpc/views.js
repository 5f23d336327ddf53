// Pieces that the dashboard, the list and the agreement page share: dates in Barcelona, links,
// status badges and the table of agreements.

import { element, formatDate } from '../i18n.js';
import { texts, agreementTypes } from './texts.js';

const dayMs = 24 * 60 * 60 * 1000;

/** Returns today's date in Barcelona as YYYY-MM-DD, the calendar the API's due dates use. */
export function madridToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(isoDate, days) {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day) + days * dayMs).toISOString().slice(0, 10);
}

/** Returns the whole days from one YYYY-MM-DD date to another. */
export function daysBetween(fromIso, toIso) {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / dayMs);
}

/** Formats a YYYY-MM-DD date as day and month (for example, 07/12) for chart labels. */
export function formatDayMonth(isoDate) {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}`;
}

/** Returns the dashboard's address for an agreement, the one the OTPC's e-mails link to. */
export function agreementHref(agreementId) {
  return `?agreement=${encodeURIComponent(agreementId)}`;
}

/** Returns the list's address with the given filters. */
export function listHref(filters = {}) {
  const query = new URLSearchParams({ view: 'list', ...filters });
  return `?${query}`;
}

export function typeName(code, lang) {
  return agreementTypes[code]?.[lang] || code;
}

/** Builds the status of an agreement as a badge, with its escalation level and pending registry entry. */
export function statusBadge(status, lang) {
  const t = texts[lang];
  const extras = [];
  if (status.escalationLevel > 0) {
    extras.push(t.escalationLevel(status.escalationLevel));
  }
  if (status.awaitingRegistration) {
    extras.push(t.awaitingRegistration);
  }
  return element('span', { class: 'status-cell' },
    element('span', { class: `badge badge-${status.code}`, text: status.label?.[lang] || status.code }),
    extras.length > 0 ? element('span', { class: 'badge-extra', text: ` (${extras.join(', ')})` }) : null);
}

/**
 * Builds a table of agreements (due date, agreement, entity, district, type, status) inside a
 * region that scrolls sideways on narrow screens and takes the focus for keyboard scrolling.
 */
export function agreementTable(items, lang, caption, id) {
  const t = texts[lang];
  const body = element('tbody', { id: `${id}-rows` });
  appendAgreementRows(body, items, lang);
  return element('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-labelledby': `${id}-caption` },
    element('table', { class: 'data-table agreements-table', id },
      element('caption', { id: `${id}-caption`, class: 'visually-hidden', text: caption }),
      element('thead', {}, element('tr', {},
        [t.nextDueDate, t.agreement, t.entity, t.district, t.type, t.status].map((header) => element('th', { scope: 'col', text: header })))),
      body));
}

/** Appends one row for each agreement to a table body built by agreementTable. */
export function appendAgreementRows(body, items, lang) {
  const t = texts[lang];
  for (const item of items) {
    body.append(element('tr', { 'data-agreement': item.agreementId },
      element('td', { class: 'nowrap', text: item.nextDueDate ? formatDate(item.nextDueDate, lang) : t.noDueDate }),
      element('th', { scope: 'row', class: 'nowrap' }, element('a', { href: agreementHref(item.agreementId), text: item.agreementId })),
      element('td', { text: item.entityName }),
      element('td', { text: item.district }),
      element('td', { text: typeName(item.type, lang) }),
      element('td', {}, statusBadge(item.status, lang))));
  }
}

/** Builds the notice of a failed load: a lead sentence, then the API's problem or the network error. */
export function loadError(error, lang, lead = texts[lang].loadFailed) {
  const t = texts[lang];
  const message = error?.response
    ? (error.response.body?.detail || error.response.body?.title || `HTTP ${error.response.status}`)
    : t.networkError;
  return element('p', { class: 'notice notice-error', text: `${lead} ${message}` });
}
