// The list of every agreement: filters kept in the page's address, pages of 50 with "load more"
// through the API's continuation token, and the CSV downloads.

import { element } from '../i18n.js';
import { officeGet, listPage, downloadExport, problemItems, KeyRejectedError, ApiProblemError } from './api.js';
import { field, errorSummary, showProblems } from './forms.js';
import { texts, statuses, agreementTypes } from './texts.js';
import { agreementTable, appendAgreementRows, loadError } from './views.js';

const filterNames = ['status', 'district', 'type', 'dueFrom', 'dueTo', 'q', 'sort', 'awaiting'];
const pageSize = 50;

/** Reads the list's filters from the page's query string, leaving out empty ones. */
function filtersFrom(params) {
  const filters = {};
  for (const name of filterNames) {
    const value = (params.get(name) || '').trim();
    if (value) {
      filters[name] = value;
    }
  }
  return filters;
}

/** Creates the list view for the filters in the page's address. */
export function listView(params) {
  const filters = filtersFrom(params);
  const data = { items: [], continuation: null, districts: [], error: null, loaded: false };
  let controls = null;

  const view = {
    name: 'list',
    title: (lang) => texts[lang].listTitle,

    async load(lang) {
      const [counts, page] = await Promise.allSettled([officeGet('/api/otpc/counts', lang), listPage(filters, lang, null, pageSize)]);
      for (const result of [counts, page]) {
        if (result.status === 'rejected' && result.reason instanceof KeyRejectedError) {
          throw result.reason;
        }
      }
      data.districts = counts.status === 'fulfilled' ? Object.keys(counts.value.byDistrict || {}).sort((a, b) => a.localeCompare(b, 'ca')) : [];
      if (page.status === 'fulfilled') {
        data.items = page.value.items;
        data.continuation = page.value.continuation ?? null;
        data.error = null;
      } else {
        data.error = page.reason;
      }
      data.loaded = true;
    },

    render(main, lang) {
      const t = texts[lang];
      const form = filterForm(filters, data.districts, lang);
      controls = form.controls;
      main.replaceChildren(
        element('h1', { id: 'page-title', tabindex: '-1', text: t.listTitle }),
        form.section,
        downloadsSection(filters, lang),
        resultsSection(data, filters, lang));
      // An invalid filter (400 or 422) names its field, so the message goes beside that control.
      if (data.error instanceof ApiProblemError && data.error.response.body?.errors?.length) {
        showProblems(form.form, form.summary, problemItems(data.error.response, t.loadFailed), controls, lang);
      }
    },
  };
  return view;
}

function select(id, name, options, selected) {
  return element('select', { id, name },
    options.map((option) => element('option', { value: option.value, selected: option.value === selected, text: option.label })));
}

function filterForm(filters, districts, lang) {
  const t = texts[lang];
  const all = { value: '', label: t.filterAll };
  const districtOptions = [...new Set([...districts, ...(filters.district ? [filters.district] : [])])];
  const controls = {
    status: select('filter-status', 'status', [all, ...statuses.map((status) => ({ value: status.code, label: status[lang] }))], filters.status || ''),
    district: select('filter-district', 'district', [all, ...districtOptions.map((name) => ({ value: name, label: name }))], filters.district || ''),
    type: select('filter-type', 'type', [all, ...Object.entries(agreementTypes).map(([code, names]) => ({ value: code, label: names[lang] }))], filters.type || ''),
    dueFrom: element('input', { id: 'filter-due-from', name: 'dueFrom', type: 'date', value: filters.dueFrom || '' }),
    dueTo: element('input', { id: 'filter-due-to', name: 'dueTo', type: 'date', value: filters.dueTo || '' }),
    q: element('input', { id: 'filter-q', name: 'q', type: 'search', autocomplete: 'off', value: filters.q || '' }),
    sort: select('filter-sort', 'sort', [{ value: 'due', label: t.sortDue }, { value: 'name', label: t.sortName }], filters.sort || 'due'),
    awaiting: element('input', { id: 'filter-awaiting', name: 'awaiting', type: 'checkbox', value: 'true', checked: filters.awaiting === 'true' }),
  };
  const summary = errorSummary('filter-errors');
  const form = element('form', { id: 'filters', class: 'filters', method: 'get', novalidate: true },
    summary,
    element('div', { class: 'filter-grid' },
      field(t.filterSearch, controls.q, t.filterSearchHint),
      field(t.filterStatus, controls.status),
      field(t.filterDistrict, controls.district),
      field(t.filterType, controls.type),
      field(t.filterDueFrom, controls.dueFrom),
      field(t.filterDueTo, controls.dueTo),
      field(t.filterSort, controls.sort)),
    element('div', { class: 'checkbox' },
      controls.awaiting,
      element('label', { for: 'filter-awaiting', text: t.filterAwaiting })),
    element('p', { class: 'field-error', id: 'filter-awaiting-error', hidden: true }),
    element('div', { class: 'buttons' },
      element('button', { type: 'submit', text: t.filterApply }),
      element('a', { href: '?view=list', class: 'button button-secondary', text: t.filterClear })));
  form.addEventListener('submit', (event) => {
    // Empty filters stay out of the address, so that links to the list stay short.
    event.preventDefault();
    const query = new URLSearchParams({ view: 'list' });
    for (const [name, control] of Object.entries(controls)) {
      if (control.type === 'checkbox') {
        if (control.checked) {
          query.set(name, 'true');
        }
      } else if (control.value.trim()) {
        query.set(name, control.value.trim());
      }
    }
    window.location.assign(`?${query}`);
  });
  const section = element('section', { 'aria-labelledby': 'filters-title', class: 'filters-section' },
    element('h2', { id: 'filters-title', text: t.filtersTitle }),
    form);
  return { section, form, summary, controls };
}

function downloadsSection(filters, lang) {
  const t = texts[lang];
  const status = element('p', { id: 'download-status', role: 'status' });
  const exportQuery = new URLSearchParams(Object.fromEntries(Object.entries(filters).filter(([name]) => name !== 'sort')));
  const download = async (button, path, fallbackName) => {
    button.disabled = true;
    status.textContent = '';
    try {
      const result = await downloadExport(path, fallbackName, lang);
      status.textContent = result.fileName
        ? t.downloadDone(result.fileName)
        : `${t.downloadFailed} ${problemItems(result, '').map((problem) => problem.message).join(' ')}`.trim();
    } catch (error) {
      if (!(error instanceof KeyRejectedError)) {
        status.textContent = `${t.downloadFailed} ${t.networkError}`;
      }
    } finally {
      button.disabled = false;
    }
  };
  const csvButton = element('button', { type: 'button', id: 'download-csv', class: 'secondary', text: t.downloadCsv });
  csvButton.addEventListener('click', () => download(csvButton, `/api/otpc/exports/agreements.csv?${exportQuery}`, 'convenis.csv'));
  const indicatorsButton = element('button', { type: 'button', id: 'download-indicators', class: 'secondary', text: t.downloadIndicators });
  indicatorsButton.addEventListener('click', () => download(indicatorsButton, '/api/otpc/exports/indicators.csv', 'indicadors.csv'));
  return element('div', { class: 'downloads' },
    element('div', { class: 'buttons' }, csvButton, indicatorsButton),
    status);
}

function resultsSection(data, filters, lang) {
  const t = texts[lang];
  const section = element('section', { 'aria-labelledby': 'results-title', id: 'results' },
    element('h2', { id: 'results-title', text: t.agreements }));
  if (data.error) {
    section.append(loadError(data.error, lang));
    return section;
  }
  const count = element('p', { id: 'list-count', role: 'status', text: listCountText(data, lang) });
  if (data.items.length === 0) {
    section.append(count, element('p', { text: t.listEmpty }));
    return section;
  }
  const table = agreementTable(data.items, lang, t.listTitle, 'agreements-table');
  const more = element('button', { type: 'button', id: 'load-more', class: 'secondary', text: t.loadMore, hidden: !data.continuation });
  more.addEventListener('click', async () => {
    more.disabled = true;
    more.textContent = t.loadingMore;
    try {
      const page = await listPage(filters, lang, data.continuation, pageSize);
      data.items.push(...page.items);
      data.continuation = page.continuation ?? null;
      appendAgreementRows(table.querySelector('tbody'), page.items, lang);
    } catch (error) {
      if (!(error instanceof KeyRejectedError)) {
        section.append(loadError(error, lang));
      }
    } finally {
      more.disabled = false;
      more.textContent = t.loadMore;
      more.hidden = !data.continuation;
      count.textContent = listCountText(data, lang);
      if (more.hidden) {
        // The button is gone, so the focus moves to the count of rows.
        count.setAttribute('tabindex', '-1');
        count.focus();
      }
    }
  });
  section.append(count, table, more);
  return section;
}

function listCountText(data, lang) {
  return texts[lang].listShowing(data.items.length, Boolean(data.continuation));
}
