// The dashboard: what needs attention this week. Tiles with the counts, the due dates of the next
// 90 days by week, the overdue and escalated agreements with the office's actions on each, and
// the agreements by status and by district.

import { element, formatDate } from '../i18n.js';
import { officeGet, listAll, KeyRejectedError } from './api.js';
import { actionForms } from './actions.js';
import { barChart } from './charts.js';
import { texts, statuses } from './texts.js';
import {
  madridToday, addDays, daysBetween, formatDayMonth, agreementHref, listHref, typeName, statusBadge, agreementTable, loadError,
} from './views.js';

const windowDays = 90;

const tiles = [
  { key: 'tileOverdue', status: 'fora-de-termini' },
  { key: 'tileEscalated', status: 'derivat-otpc' },
  { key: 'tileDueSoon', status: 'termini-proper' },
  { key: 'tileExpired', status: 'finalitzat-sense-balanc' },
  { key: 'tileAwaiting', awaiting: true },
];

/** Creates the dashboard view. Its load() fetches the data, and render() draws it in the page's language. */
export function dashboardView() {
  const data = { counts: null, countsError: null, upcoming: null, upcomingError: null, overdue: null, overdueError: null, asOf: madridToday(), notice: null };
  const view = {
    name: 'dashboard',
    title: (lang) => texts[lang].dashboardTitle,

    async load(lang) {
      try {
        data.counts = await officeGet('/api/otpc/counts', lang);
        data.asOf = data.counts.asOf || data.asOf;
        data.countsError = null;
      } catch (error) {
        rethrowKeyRejected(error);
        data.countsError = error;
      }
      const upcoming = listAll({ dueFrom: data.asOf, dueTo: addDays(data.asOf, windowDays - 1), sort: 'due' }, lang);
      const overdue = Promise.all(['fora-de-termini', 'derivat-otpc'].map((status) => listAll({ status, sort: 'due' }, lang)));
      try {
        data.upcoming = (await upcoming).items;
        data.upcomingError = null;
      } catch (error) {
        rethrowKeyRejected(error);
        data.upcomingError = error;
      }
      try {
        data.overdue = mergeByDueDate((await overdue).flatMap((page) => page.items));
        data.overdueError = null;
      } catch (error) {
        rethrowKeyRejected(error);
        data.overdueError = error;
      }
    },

    render(main, lang) {
      const t = texts[lang];
      const notice = element('div', { id: 'page-notice', role: 'status', tabindex: '-1' });
      if (data.notice) {
        notice.append(element('p', { class: 'notice notice-ok', text: data.notice }));
      }
      main.replaceChildren(
        element('h1', { id: 'page-title', tabindex: '-1', text: t.dashboardTitle }),
        element('p', { class: 'as-of', text: t.asOf(formatDate(data.asOf, lang)) }),
        notice,
        attentionSection(data, lang),
        upcomingSection(data, lang),
        overdueSection(data, lang, async (message) => {
          data.notice = message;
          await view.load(lang);
          view.render(main, lang);
          document.getElementById('page-notice').focus();
        }),
        chartsSection(data, lang));
    },
  };
  return view;
}

function rethrowKeyRejected(error) {
  if (error instanceof KeyRejectedError) {
    throw error;
  }
}

/** Merges the two lists, keeps one row per agreement, and sorts by due date, oldest first. */
function mergeByDueDate(items) {
  const byId = new Map(items.map((item) => [item.agreementId, item]));
  return [...byId.values()].sort((a, b) =>
    (a.nextDueDate || '9999-12-31').localeCompare(b.nextDueDate || '9999-12-31') || a.agreementId.localeCompare(b.agreementId));
}

function attentionSection(data, lang) {
  const t = texts[lang];
  const section = element('section', { 'aria-labelledby': 'attention-title' },
    element('h2', { id: 'attention-title', text: t.attentionTitle }));
  if (!data.counts) {
    section.append(loadError(data.countsError, lang, t.countsFailed));
    return section;
  }
  section.append(element('ul', { class: 'tiles' }, tiles.map((tile) => {
    const count = tile.awaiting ? data.counts.awaitingRegistration : (data.counts.byStatus?.[tile.status] ?? 0);
    const href = tile.awaiting ? listHref({ awaiting: 'true' }) : listHref({ status: tile.status });
    const name = tile.awaiting ? 'awaiting' : tile.status;
    return element('li', {},
      element('a', { class: `tile${count > 0 ? ' tile-active' : ''}`, href, 'data-tile': name },
        element('span', { class: 'tile-count', text: String(count ?? 0) }),
        element('span', { class: 'tile-label', text: t[tile.key] }),
        element('span', { class: 'visually-hidden', text: `. ${t.tileHint}` })));
  })));
  return section;
}

/** Counts the agreements due in each 7-day week of the window, starting today. */
function weeklyCounts(items, asOf) {
  const weeks = [];
  for (let start = 0; start < windowDays; start += 7) {
    weeks.push({ from: addDays(asOf, start), to: addDays(asOf, Math.min(start + 6, windowDays - 1)), count: 0 });
  }
  for (const item of items) {
    const offset = item.nextDueDate ? daysBetween(asOf, item.nextDueDate) : -1;
    if (offset >= 0 && offset < windowDays) {
      weeks[Math.floor(offset / 7)].count += 1;
    }
  }
  return weeks;
}

function upcomingSection(data, lang) {
  const t = texts[lang];
  const section = element('section', { 'aria-labelledby': 'upcoming-title', id: 'upcoming' },
    element('h2', { id: 'upcoming-title', text: t.upcomingTitle }));
  if (!data.upcoming) {
    section.append(loadError(data.upcomingError, lang));
    return section;
  }
  const weeks = weeklyCounts(data.upcoming, data.asOf);
  section.append(barChart({
    id: 'upcoming-chart',
    title: t.upcomingChartTitle,
    summary: t.upcomingChartSummary(data.upcoming.length, weeks.length),
    labelHeader: t.week,
    valueHeader: t.agreements,
    lang,
    rows: weeks.map((week) => ({
      label: t.weekRange(formatDayMonth(week.from), formatDayMonth(week.to)),
      value: week.count,
      href: listHref({ dueFrom: week.from, dueTo: week.to }),
    })),
  }));
  section.append(element('h3', { id: 'upcoming-list-title', text: t.upcomingListTitle }));
  section.append(data.upcoming.length === 0
    ? element('p', { text: t.upcomingEmpty })
    : agreementTable(data.upcoming, lang, t.upcomingListTitle, 'upcoming-table'));
  return section;
}

function overdueSection(data, lang, onDone) {
  const t = texts[lang];
  const section = element('section', { 'aria-labelledby': 'overdue-title', id: 'overdue' },
    element('h2', { id: 'overdue-title', text: t.overdueTitle }));
  if (!data.overdue) {
    section.append(loadError(data.overdueError, lang));
    return section;
  }
  if (data.overdue.length === 0) {
    section.append(element('p', { text: t.overdueEmpty }));
    return section;
  }
  section.append(element('p', { text: t.overdueIntro }));
  section.append(element('ul', { class: 'cards', id: 'overdue-list' },
    data.overdue.map((item, index) => overdueCard(item, index, data.asOf, lang, onDone))));
  return section;
}

function overdueCard(item, index, asOf, lang, onDone) {
  const t = texts[lang];
  const panelId = `overdue-actions-${index}`;
  const panel = element('div', { id: panelId, class: 'card-actions', hidden: true });
  const toggle = element('button', {
    type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': panelId,
    id: `overdue-toggle-${index}`, text: t.showActions,
    onclick: () => toggleActions(item, index, toggle, panel, lang, onDone),
  });
  const days = item.nextDueDate ? daysBetween(item.nextDueDate, asOf) : null;
  return element('li', { class: 'card', 'data-agreement': item.agreementId },
    element('h3', {}, element('a', { href: agreementHref(item.agreementId), text: `${item.agreementId} · ${item.entityName}` })),
    element('p', { class: 'card-meta', text: `${item.district} · ${typeName(item.type, lang)} · ${item.spaceName}` }),
    element('p', {},
      element('strong', { text: `${t.dueDate}: ` }),
      item.nextDueDate ? formatDate(item.nextDueDate, lang) : t.noDueDate,
      days !== null && days > 0 ? ` · ${t.daysOverdue(days)}` : ''),
    element('p', {}, statusBadge(item.status, lang)),
    toggle,
    panel);
}

/** Opens or closes a card's actions. The first opening loads the agreement's detail for the forms. */
async function toggleActions(item, index, toggle, panel, lang, onDone) {
  const t = texts[lang];
  const opening = toggle.getAttribute('aria-expanded') !== 'true';
  toggle.setAttribute('aria-expanded', String(opening));
  toggle.textContent = opening ? t.hideActions : t.showActions;
  panel.hidden = !opening;
  if (!opening || panel.childElementCount > 0) {
    return;
  }
  panel.append(element('p', { text: t.loading }));
  let detail;
  try {
    detail = await officeGet(`/api/otpc/agreements/${encodeURIComponent(item.agreementId)}`, lang);
  } catch (error) {
    if (error instanceof KeyRejectedError) {
      return;
    }
    panel.replaceChildren(loadError(error, lang, t.actionDetailsFailed));
    return;
  }
  panel.replaceChildren(
    element('p', { class: 'visually-hidden', text: t.actionsFor(item.agreementId) }),
    actionForms(detail, { lang, idPrefix: `overdue-${index}`, headingLevel: 4, onDone }));
}

function chartsSection(data, lang) {
  const t = texts[lang];
  const section = element('section', { 'aria-labelledby': 'charts-title', id: 'charts' },
    element('h2', { id: 'charts-title', text: t.chartsTitle }));
  if (!data.counts) {
    return section;
  }
  const total = data.counts.total ?? 0;
  section.append(element('div', { class: 'chart-pair' },
    barChart({
      id: 'status-chart',
      title: t.byStatusTitle,
      summary: t.byStatusSummary(total),
      labelHeader: t.status,
      valueHeader: t.agreements,
      lang,
      rows: statuses.map((status) => ({ label: status[lang], value: data.counts.byStatus?.[status.code] ?? 0, href: listHref({ status: status.code }) })),
    }),
    barChart({
      id: 'district-chart',
      title: t.byDistrictTitle,
      summary: t.byDistrictSummary(total),
      labelHeader: t.district,
      valueHeader: t.agreements,
      lang,
      rows: Object.entries(data.counts.byDistrict || {})
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'ca'))
        .map(([district, count]) => ({ label: district, value: count, href: listHref({ district }) })),
    })));
  return section;
}
