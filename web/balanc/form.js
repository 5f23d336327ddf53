// The balance form: renders the questionnaire definition served by the API, keeps the answers in
// memory, saves the draft to the server, and posts the balance. The API is the authority on every
// rule, so the form only shows its messages beside each field.

import { texts, element, callApi, formatDate, formatDateTime, formatTime, languageFromQuery, showLinkError } from '../i18n.js';
import { renderReceipt } from './receipt.js';

const numericTypes = new Set(['int', 'decimal', 'pct']);
const autosaveDelayMs = 1500;

const params = new URLSearchParams(window.location.search);
const main = document.getElementById('main');

const state = {
  agreementId: params.get('agreement') || '',
  token: params.get('token') || '',
  lang: 'ca',
  definition: null,
  agreement: null,
  // Answers as the controls hold them: numbers stay the typed text until they are sent.
  answers: {},
  // Reasons of the numeric answers declared not available, by indicator id.
  notAvailable: {},
  prefilled: new Set(),
  // The submission whose answers pre-filled this balance, saved with the draft.
  prefilledFrom: null,
  errors: [],
  notice: null,
  receipt: null,
  draftStatus: '',
  saveTimer: null,
};

start();

async function start() {
  if (!state.agreementId || !state.token) {
    showLinkError(main);
    return;
  }
  state.lang = languageFromQuery(params) || 'ca';
  const query = `token=${encodeURIComponent(state.token)}`;
  const base = `/api/agreements/${encodeURIComponent(state.agreementId)}`;
  let agreement;
  let definition;
  try {
    [agreement, definition] = await Promise.all([
      callApi('GET', `${base}?${query}`, state.lang),
      callApi('GET', '/api/questionnaires/current', state.lang),
    ]);
  } catch {
    main.replaceChildren(element('p', { class: 'notice notice-error', role: 'alert', text: texts[state.lang].networkError }));
    return;
  }
  if (agreement.status !== 200 || definition.status !== 200) {
    showLinkError(main);
    return;
  }
  state.agreement = agreement.body;
  state.definition = definition.body;
  if (!languageFromQuery(params) && (state.agreement.language === 'es' || state.agreement.language === 'ca')) {
    state.lang = state.agreement.language;
  }
  await loadStartingAnswers(base, query);
  render();
}

/** Restores the server draft, or else pre-fills the answers of the previous balance. */
async function loadStartingAnswers(base, query) {
  try {
    const draft = await callApi('GET', `${base}/draft?${query}`, state.lang);
    const hasDraft = draft.status === 200 && draft.body.questionnaireVersion === state.definition.version;
    const previous = hasDraft && !draft.body.prefilledFrom
      ? null
      : await callApi('GET', `${base}/previous?${query}`, state.lang);
    const previousBody = previous?.status === 200 ? previous.body : null;
    if (hasDraft) {
      takeAnswers(draft.body.answers, draft.body.notAvailable);
      if (previousBody && previousBody.submissionId === draft.body.prefilledFrom) {
        markUnchangedAsPrefilled(previousBody);
      }
      state.notice = { key: 'draftRestored', value: draft.body.savedAtUtc };
      return;
    }
    if (previousBody) {
      takeAnswers(previousBody.answers, previousBody.notAvailable);
      state.prefilledFrom = previousBody.submissionId;
      for (const id of Object.keys(state.answers).concat(Object.keys(state.notAvailable))) {
        state.prefilled.add(id);
      }
      state.notice = { key: 'previousPrefilled', value: previousBody.submittedAtUtc };
    }
  } catch {
    // NOTE: when these requests fail the form starts empty, and the network error shows on the next save.
  }
}

/** Marks as pre-filled the draft answers that still equal the previous balance's answers. */
function markUnchangedAsPrefilled(previous) {
  state.prefilledFrom = previous.submissionId;
  const earlier = convertAnswers(previous.answers, previous.notAvailable);
  for (const [id, value] of Object.entries(earlier.answers)) {
    if (JSON.stringify(state.answers[id]) === JSON.stringify(value)) {
      state.prefilled.add(id);
    }
  }
  for (const [id, reason] of Object.entries(earlier.notAvailable)) {
    if (state.notAvailable[id] === reason) {
      state.prefilled.add(id);
    }
  }
}

/** Copies typed answers from the API into the form's state. */
function takeAnswers(answers, notAvailable) {
  const converted = convertAnswers(answers, notAvailable);
  Object.assign(state.answers, converted.answers);
  Object.assign(state.notAvailable, converted.notAvailable);
}

/** Converts API answers to the form's values, keeping only this version's ids. */
function convertAnswers(answers, notAvailable) {
  const indicators = indicatorsById();
  const converted = { answers: {}, notAvailable: {} };
  for (const [id, value] of Object.entries(answers || {})) {
    const indicator = indicators.get(id);
    if (!indicator) {
      continue;
    }
    converted.answers[id] = numericTypes.has(indicator.type) && typeof value === 'number'
      ? String(value).replace('.', ',')
      : value;
  }
  for (const [id, reason] of Object.entries(notAvailable || {})) {
    if (indicators.has(id)) {
      converted.notAvailable[id] = reason;
    }
  }
  return converted;
}

function indicatorsById() {
  const map = new Map();
  for (const dimension of state.definition.dimensions) {
    for (const indicator of dimension.indicators) {
      map.set(indicator.id, indicator);
    }
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Page

function render() {
  const t = texts[state.lang];
  document.documentElement.lang = state.lang;
  document.title = `${t.formTitle} · ${state.agreementId}`;
  renderHeader();

  const agreement = state.agreement;
  const dueText = agreement.nextDueDate
    ? formatDate(agreement.nextDueDate, state.lang) + (agreement.dueKind === 'renewal' ? t.dueKindRenewal : '')
    : '—';
  const summary = element('dl', { class: 'agreement-summary' },
    element('dt', { text: t.agreement }), element('dd', { text: agreement.agreementId }),
    element('dt', { text: t.entity }), element('dd', { text: agreement.entityName }),
    element('dt', { text: t.space }), element('dd', { text: agreement.spaceName }),
    element('dt', { text: t.dueDate }), element('dd', { text: dueText }));

  const notices = element('div', { id: 'page-notices' });
  if (state.notice) {
    notices.append(element('p', { class: 'notice', role: 'status', text: t[state.notice.key](formatDateTime(state.notice.value, state.lang)) }));
  }
  if (agreement.canFile === false) {
    notices.append(element('p', { class: 'notice notice-warning', text: t.cannotFile + (agreement.firstFilingDay ? ' ' + t.firstFilingDay(formatDate(agreement.firstFilingDay, state.lang)) : '') }));
  }

  const form = element('form', { id: 'balance-form', novalidate: true, 'aria-labelledby': 'form-title' });
  for (const dimension of state.definition.dimensions) {
    form.append(renderDimension(dimension));
  }
  form.append(element('div', { class: 'form-actions' },
    element('p', { id: 'submit-hint', class: 'hint', 'aria-live': 'polite' }),
    element('div', { class: 'buttons' },
      element('button', { type: 'submit', id: 'submit-button', 'aria-describedby': 'submit-hint', text: t.submit }),
      element('button', { type: 'button', id: 'save-draft', class: 'secondary', text: t.saveDraft, onclick: () => saveDraft() })),
    element('p', { id: 'draft-status', role: 'status', text: state.draftStatus })));
  form.addEventListener('input', onFormChange);
  form.addEventListener('change', onFormChange);
  form.addEventListener('submit', onSubmit);

  main.replaceChildren(...[
    element('h1', { id: 'form-title', text: t.formTitle }),
    summary,
    notices,
    element('div', { id: 'error-summary', class: 'error-summary', tabindex: '-1', role: 'alert', 'aria-labelledby': 'error-summary-title', hidden: true }),
    renderProgress(),
    form,
    renderSubmissions(),
    element('section', { id: 'receipt', class: 'receipt', hidden: true, 'aria-labelledby': 'receipt-title' }),
  ].filter(Boolean));

  updateVisibility();
  updateProgress();
  if (state.errors.length > 0) {
    showErrors(state.errors, false);
  }
  if (state.receipt) {
    showReceipt(state.receipt, false);
  }
}

function renderHeader() {
  const t = texts[state.lang];
  const header = document.getElementById('site-header');
  const button = element('button', {
    type: 'button', id: 'language-switch', lang: t.switchLanguageLang, class: 'secondary', text: t.switchLanguage,
    title: t.switchLanguageHint,
    onclick: () => {
      state.lang = t.switchLanguageLang;
      render();
      document.getElementById('language-switch').focus();
    },
  });
  header.replaceChildren(element('div', { class: 'wrap header-row' },
    element('p', { class: 'site-name', text: `${t.siteTitle} · Patrimoni Ciutadà` }),
    button));
  document.getElementById('skip-link').textContent = t.skipLink;
  document.getElementById('site-footer-text').textContent = t.footer;
}

function renderProgress() {
  const t = texts[state.lang];
  return element('nav', { class: 'progress', 'aria-labelledby': 'progress-title' },
    element('h2', { id: 'progress-title', class: 'visually-hidden', text: t.progressLabel }),
    element('p', {},
      element('label', { for: 'progress-bar', id: 'progress-text' }),
      element('progress', { id: 'progress-bar', max: '1', value: '0' })),
    element('ol', {}, state.definition.dimensions.map((dimension) => element('li', {},
      element('a', { href: `#dim-${dimension.id}` },
        element('span', { text: dimension.title[state.lang] }), ' ',
        element('span', { class: 'count', id: `progress-${dimension.id}` }))))));
}

function renderSubmissions() {
  const t = texts[state.lang];
  const submissions = state.agreement.submissions || [];
  if (submissions.length === 0) {
    return null;
  }
  return element('section', { 'aria-labelledby': 'submissions-title', class: 'submissions' },
    element('h2', { id: 'submissions-title', text: t.previousSubmissions }),
    element('ul', {}, submissions.map((submission) => element('li', {},
      `${formatDateTime(submission.submittedAtUtc, state.lang)} · `,
      element('a', { href: submission.pdfUrl, text: 'PDF' }), ' · ',
      element('a', {
        href: `registre/?agreement=${encodeURIComponent(state.agreementId)}&submission=${encodeURIComponent(submission.submissionId)}&token=${encodeURIComponent(state.token)}&lang=${state.lang}`,
        text: submission.registryNumber ? t.registryRecorded(submission.registryNumber, formatDate(submission.registryDate, state.lang)) : t.recordRegistry,
      })))));
}

// ---------------------------------------------------------------------------------------------
// Fields

function renderDimension(dimension) {
  return element('section', { class: 'dimension', id: `dim-${dimension.id}`, 'aria-labelledby': `dim-${dimension.id}-title` },
    element('h2', { id: `dim-${dimension.id}-title` },
      element('span', { class: 'dimension-code', text: dimension.id }), ' ', dimension.title[state.lang]),
    dimension.indicators.map((indicator) => renderField(indicator)));
}

function labelContent(indicator) {
  const t = texts[state.lang];
  const required = indicator.required === 'optional' ? t.optionalMark : t.requiredMark;
  return [element('span', { class: 'qid', text: indicator.id }), ' ', indicator.label[state.lang], ' ', element('span', { class: 'required', text: `(${required})` })];
}

/** Ids for aria-describedby: help, pre-filled mark and error, when present. */
function describedBy(indicator, ...extra) {
  const ids = [];
  if (indicator.help) {
    ids.push(`help-${indicator.id}`);
  }
  if (state.prefilled.has(indicator.id)) {
    ids.push(`pre-${indicator.id}`);
  }
  ids.push(...extra);
  return ids.join(' ') || null;
}

function fieldNotes(indicator) {
  const t = texts[state.lang];
  return [
    indicator.help ? element('p', { class: 'hint', id: `help-${indicator.id}`, text: indicator.help[state.lang] }) : null,
    state.prefilled.has(indicator.id) ? element('p', { class: 'prefilled', id: `pre-${indicator.id}`, text: t.prefilled }) : null,
    element('p', { class: 'field-error', id: `err-${indicator.id}`, hidden: true }),
  ];
}

function renderField(indicator) {
  switch (indicator.type) {
    case 'int':
    case 'decimal':
    case 'pct':
      return renderNumber(indicator);
    case 'bool':
      return renderChoice(indicator, 'radio', [{ value: 'true', label: texts[state.lang].yes }, { value: 'false', label: texts[state.lang].no }]);
    case 'likert5':
      return renderChoice(indicator, 'radio', state.definition.likert5Labels.map((label, index) => ({ value: String(index + 1), label: `${index + 1} · ${label[state.lang]}` })));
    case 'select':
      return renderChoice(indicator, 'radio', indicator.options.map((option) => ({ value: option.code, label: option.label[state.lang] })));
    case 'multi':
      return renderChoice(indicator, 'checkbox', indicator.options.map((option) => ({ value: option.code, label: option.label[state.lang] })));
    case 'text':
      return renderText(indicator);
    case 'period':
      return renderPeriod(indicator);
    default:
      // NOTE: a type this site does not know yet is shown as free text, so the API still reports it.
      return renderText(indicator);
  }
}

function renderNumber(indicator) {
  const t = texts[state.lang];
  const id = indicator.id;
  const isNotAvailable = Object.hasOwn(state.notAvailable, id);
  const hint = element('p', { class: 'hint', id: `num-${id}`, text: indicator.type === 'int' ? t.numberHintInt : t.numberHintDecimal });
  const input = element('input', {
    type: 'text', id: `q-${id}`, name: id, inputmode: indicator.type === 'int' ? 'numeric' : 'decimal', autocomplete: 'off',
    class: 'number', 'data-kind': 'number', 'data-id': id, value: isNotAvailable ? '' : (state.answers[id] ?? ''),
    disabled: isNotAvailable, 'aria-describedby': describedBy(indicator, `num-${id}`),
  });
  const reason = element('div', { class: 'na-reason', id: `na-reason-field-${id}`, hidden: !isNotAvailable },
    element('label', { for: `na-reason-${id}`, text: t.notAvailableReason }),
    element('textarea', { id: `na-reason-${id}`, 'data-kind': 'na-reason', 'data-id': id, rows: '2' }));
  reason.querySelector('textarea').value = state.notAvailable[id] ?? '';
  return element('div', { class: 'field', id: `field-${id}`, 'data-id': id },
    element('label', { for: `q-${id}` }, labelContent(indicator)),
    fieldNotes(indicator),
    hint,
    input,
    element('div', { class: 'checkbox na' },
      element('input', { type: 'checkbox', id: `na-${id}`, 'data-kind': 'na', 'data-id': id, checked: isNotAvailable }),
      element('label', { for: `na-${id}`, text: t.notAvailable })),
    reason);
}

function renderChoice(indicator, inputType, options) {
  const id = indicator.id;
  const current = state.answers[id];
  const isChecked = (value) => inputType === 'checkbox'
    ? Array.isArray(current) && current.includes(value)
    : current !== undefined && String(current) === value;
  return element('fieldset', { class: `field choice choice-${indicator.type}`, id: `field-${id}`, 'data-id': id, 'aria-describedby': describedBy(indicator) },
    element('legend', { id: `q-${id}` }, labelContent(indicator)),
    fieldNotes(indicator),
    element('div', { class: 'options' }, options.map((option, index) => element('div', { class: inputType },
      element('input', {
        type: inputType, id: `q-${id}-${index}`, name: id, value: option.value, 'data-kind': indicator.type, 'data-id': id,
        checked: isChecked(option.value),
      }),
      element('label', { for: `q-${id}-${index}`, text: option.label })))));
}

function renderText(indicator) {
  const id = indicator.id;
  const textarea = element('textarea', {
    id: `q-${id}`, name: id, rows: indicator.maxLength > 300 ? '5' : '2', 'data-kind': 'text', 'data-id': id,
    'aria-describedby': describedBy(indicator, `count-${id}`),
  });
  textarea.value = state.answers[id] ?? '';
  return element('div', { class: 'field', id: `field-${id}`, 'data-id': id },
    element('label', { for: `q-${id}` }, labelContent(indicator)),
    fieldNotes(indicator),
    textarea,
    element('p', { class: 'counter', id: `count-${id}`, text: counterText(indicator, textarea.value) }));
}

function counterText(indicator, value) {
  const t = texts[state.lang];
  const length = [...value.trim()].length;
  return t.characters(length, indicator.maxLength) + (indicator.minLength > 1 ? t.charactersMin(indicator.minLength) : '');
}

function renderPeriod(indicator) {
  const t = texts[state.lang];
  const id = indicator.id;
  const value = state.answers[id] || {};
  return element('fieldset', { class: 'field period', id: `field-${id}`, 'data-id': id, 'aria-describedby': describedBy(indicator) },
    element('legend', { id: `q-${id}` }, labelContent(indicator)),
    fieldNotes(indicator),
    element('div', { class: 'period-dates' },
      element('div', {},
        element('label', { for: `q-${id}-0`, text: t.from }),
        element('input', { type: 'date', id: `q-${id}-0`, name: `${id}.from`, 'data-kind': 'period-from', 'data-id': id, value: value.from || '' })),
      element('div', {},
        element('label', { for: `q-${id}-1`, text: t.to }),
        element('input', { type: 'date', id: `q-${id}-1`, name: `${id}.to`, 'data-kind': 'period-to', 'data-id': id, value: value.to || '' }))));
}

// ---------------------------------------------------------------------------------------------
// Changes

function onFormChange(event) {
  const target = event.target;
  const id = target.dataset.id;
  if (!id) {
    return;
  }
  readControl(target, id);
  if (state.prefilled.delete(id)) {
    document.getElementById(`pre-${id}`)?.remove();
    refreshDescribedBy(id);
  }
  updateVisibility();
  updateProgress();
  scheduleSave();
}

function readControl(target, id) {
  switch (target.dataset.kind) {
    case 'number':
      setAnswer(id, target.value);
      break;
    case 'na': {
      const input = document.getElementById(`q-${id}`);
      const reasonField = document.getElementById(`na-reason-field-${id}`);
      if (target.checked) {
        state.notAvailable[id] = document.getElementById(`na-reason-${id}`).value;
        delete state.answers[id];
        input.value = '';
        input.disabled = true;
        reasonField.hidden = false;
      } else {
        delete state.notAvailable[id];
        input.disabled = false;
        reasonField.hidden = true;
      }
      break;
    }
    case 'na-reason':
      state.notAvailable[id] = target.value;
      break;
    case 'bool':
      setAnswer(id, target.value === 'true');
      break;
    case 'likert5':
      setAnswer(id, Number(target.value));
      break;
    case 'select':
      setAnswer(id, target.value);
      break;
    case 'multi':
      setAnswer(id, [...document.querySelectorAll(`input[data-id="${id}"]:checked`)].map((box) => box.value));
      break;
    case 'text':
      setAnswer(id, target.value);
      document.getElementById(`count-${id}`).textContent = counterText(indicatorsById().get(id), target.value);
      break;
    case 'period-from':
    case 'period-to':
      setAnswer(id, {
        from: document.getElementById(`q-${id}-0`).value,
        to: document.getElementById(`q-${id}-1`).value,
      });
      break;
    default:
      break;
  }
}

function setAnswer(id, value) {
  const isEmpty = value === '' || (Array.isArray(value) && value.length === 0) || (value && typeof value === 'object' && !Array.isArray(value) && !value.from && !value.to);
  if (isEmpty) {
    delete state.answers[id];
  } else {
    state.answers[id] = value;
  }
}

function refreshDescribedBy(id) {
  const indicator = indicatorsById().get(id);
  const hasError = !document.getElementById(`err-${id}`)?.hidden;
  const errorId = hasError ? `err-${id}` : null;
  for (const node of describedNodes(indicator)) {
    const extra = [node.extra, errorId].filter(Boolean);
    const value = describedBy(indicator, ...extra);
    if (value) {
      node.element.setAttribute('aria-describedby', value);
    } else {
      node.element.removeAttribute('aria-describedby');
    }
  }
}

/** The elements that carry an indicator's description: the field set of a group, or the control. */
function describedNodes(indicator) {
  const field = document.getElementById(`field-${indicator.id}`);
  if (field.tagName === 'FIELDSET') {
    return [{ element: field, extra: null }];
  }
  const extra = numericTypes.has(indicator.type) ? `num-${indicator.id}` : indicator.type === 'text' ? `count-${indicator.id}` : null;
  return [{ element: document.getElementById(`q-${indicator.id}`), extra }];
}

function conditionHolds(condition) {
  const value = state.answers[condition.indicator];
  switch (condition.op) {
    case 'gt':
      return value !== undefined && parseNumber(value) > condition.value;
    case 'eq':
      return value === condition.value;
    case 'contains':
      return Array.isArray(value) && value.includes(condition.value);
    default:
      return true;
  }
}

/** Shows the conditional questions whose condition holds, and drops the answers of the others. */
function updateVisibility() {
  for (const dimension of state.definition.dimensions) {
    for (const indicator of dimension.indicators) {
      if (!indicator.condition) {
        continue;
      }
      const field = document.getElementById(`field-${indicator.id}`);
      const visible = conditionHolds(indicator.condition);
      if (!visible && (Object.hasOwn(state.answers, indicator.id) || Object.hasOwn(state.notAvailable, indicator.id))) {
        delete state.answers[indicator.id];
        delete state.notAvailable[indicator.id];
        state.prefilled.delete(indicator.id);
        field.replaceWith(renderField(indicator));
      }
      document.getElementById(`field-${indicator.id}`).hidden = !visible;
    }
  }
}

function isVisible(indicator) {
  return !indicator.condition || conditionHolds(indicator.condition);
}

function isAnswered(indicator) {
  if (Object.hasOwn(state.notAvailable, indicator.id)) {
    return state.notAvailable[indicator.id].trim() !== '';
  }
  const value = state.answers[indicator.id];
  if (indicator.type === 'period') {
    return Boolean(value && value.from && value.to);
  }
  return value !== undefined && !(typeof value === 'string' && value.trim() === '');
}

function updateProgress() {
  const t = texts[state.lang];
  let done = 0;
  let total = 0;
  for (const dimension of state.definition.dimensions) {
    let dimensionDone = 0;
    let dimensionTotal = 0;
    for (const indicator of dimension.indicators) {
      if (indicator.required === 'optional' || !isVisible(indicator)) {
        continue;
      }
      dimensionTotal += 1;
      dimensionDone += isAnswered(indicator) ? 1 : 0;
    }
    done += dimensionDone;
    total += dimensionTotal;
    const count = document.getElementById(`progress-${dimension.id}`);
    count.textContent = t.progressSection(dimensionDone, dimensionTotal);
    count.classList.toggle('complete', dimensionDone === dimensionTotal);
  }
  document.getElementById('progress-text').textContent = t.progressOverall(done, total);
  const bar = document.getElementById('progress-bar');
  bar.max = total;
  bar.value = done;
  document.getElementById('submit-hint').textContent = done === total ? t.allAnsweredHint : t.missingHint(total - done);
}

// ---------------------------------------------------------------------------------------------
// Sending

function parseNumber(text) {
  let normalized = String(text).trim().replace(/[\s\u00a0\u202f]/g, '');
  // Catalan and Spanish write 1.000,5: points group thousands and a comma marks the decimals.
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(normalized)) {
    normalized = normalized.replace(/\./g, '');
  }
  normalized = normalized.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : null;
}

/** Builds the answers and notAvailable objects of the API from the visible questions. */
function payload() {
  const answers = {};
  const notAvailable = {};
  for (const dimension of state.definition.dimensions) {
    for (const indicator of dimension.indicators) {
      const id = indicator.id;
      if (!isVisible(indicator)) {
        continue;
      }
      if (Object.hasOwn(state.notAvailable, id)) {
        notAvailable[id] = state.notAvailable[id];
        continue;
      }
      if (!Object.hasOwn(state.answers, id)) {
        continue;
      }
      const value = state.answers[id];
      if (numericTypes.has(indicator.type)) {
        // A text that is not a number goes as typed, so that the API names the mistake.
        answers[id] = parseNumber(value) ?? value;
      } else if (indicator.type === 'text') {
        if (value.trim() !== '') {
          answers[id] = value;
        }
      } else {
        answers[id] = value;
      }
    }
  }
  return { answers, notAvailable };
}

function scheduleSave() {
  clearTimeout(state.saveTimer);
  state.saveTimer = setTimeout(() => saveDraft(), autosaveDelayMs);
}

async function saveDraft() {
  clearTimeout(state.saveTimer);
  const t = texts[state.lang];
  const status = document.getElementById('draft-status');
  status.textContent = t.draftSaving;
  const { answers, notAvailable } = payload();
  let response;
  try {
    response = await callApi('PUT', `/api/agreements/${encodeURIComponent(state.agreementId)}/draft`, state.lang,
      { token: state.token, questionnaireVersion: state.definition.version, answers, notAvailable, prefilledFrom: state.prefilledFrom });
  } catch {
    response = { status: 0 };
  }
  state.draftStatus = response.status >= 200 && response.status < 300
    ? t.draftSaved(formatTime(response.body?.savedAtUtc || new Date().toISOString(), state.lang))
    : t.draftFailed;
  status.textContent = state.draftStatus;
}

async function onSubmit(event) {
  event.preventDefault();
  const t = texts[state.lang];
  clearTimeout(state.saveTimer);
  const button = document.getElementById('submit-button');
  button.disabled = true;
  button.textContent = t.submitting;
  const { answers, notAvailable } = payload();
  let response;
  try {
    response = await callApi('POST', '/api/balances', state.lang, {
      agreementId: state.agreementId, token: state.token, questionnaireVersion: state.definition.version,
      language: state.lang, answers, notAvailable,
    });
  } catch {
    response = { status: 0, body: { errors: [{ field: '', message: t.networkError }] } };
  }
  button.disabled = false;
  button.textContent = t.submit;

  if (response.status === 200 || response.status === 201) {
    showReceipt(response.body);
    return;
  }
  if (response.status === 401 || response.status === 403) {
    showLinkError(main);
    return;
  }
  const errors = response.body?.errors?.length
    ? response.body.errors
    : [{ field: '', message: response.body?.detail || t.networkError }];
  state.errors = errors;
  showErrors(errors, true);

  // The answers stay on the server even when the submission failed, including the last one typed.
  saveDraft();
}

/** Shows each problem beside its field and lists them all at the top, with links to the fields. */
function showErrors(errors, moveFocus) {
  const t = texts[state.lang];
  const indicators = indicatorsById();
  for (const node of document.querySelectorAll('.field-error')) {
    node.hidden = true;
    node.textContent = '';
  }
  for (const node of document.querySelectorAll('[aria-invalid]')) {
    node.removeAttribute('aria-invalid');
  }

  const items = [];
  const byField = new Map();
  for (const problem of errors) {
    const id = indicatorOf(problem.field, indicators);
    if (id && isVisible(indicators.get(id))) {
      byField.set(id, [...(byField.get(id) || []), problem.message]);
      items.push(element('li', {}, element('a', { href: `#q-${id}`, 'data-target': id, onclick: focusField },
        `${id} · ${indicators.get(id).label[state.lang]}: ${problem.message}`)));
    } else {
      items.push(element('li', { text: problem.field ? `${problem.field}: ${problem.message}` : problem.message }));
    }
  }
  for (const [id, messages] of byField) {
    const errorNode = document.getElementById(`err-${id}`);
    errorNode.textContent = messages.join(' ');
    errorNode.hidden = false;
    refreshDescribedBy(id);
    for (const control of document.querySelectorAll(`#field-${CSS.escape(id)} input:not([data-kind="na"]), #field-${CSS.escape(id)} textarea:not([data-kind="na-reason"])`)) {
      control.setAttribute('aria-invalid', 'true');
    }
  }

  const summary = document.getElementById('error-summary');
  summary.replaceChildren(
    element('h2', { id: 'error-summary-title', text: t.errorSummaryTitle }),
    element('p', { text: t.errorSummaryIntro }),
    element('ul', {}, items));
  summary.hidden = false;
  if (moveFocus) {
    summary.focus();
  }
}

/** Finds the indicator id in a problem's field ("DG02", "answers.DG02", "DG01.to"…). */
function indicatorOf(field, indicators) {
  if (!field) {
    return null;
  }
  for (const part of field.split('.')) {
    if (indicators.has(part)) {
      return part;
    }
  }
  return null;
}

function focusField(event) {
  event.preventDefault();
  const id = event.currentTarget.dataset.target;
  const field = document.getElementById(`field-${id}`);
  const control = field.querySelector('input:not(:disabled), textarea, select');
  field.scrollIntoView({ block: 'center' });
  control?.focus();
}

function showReceipt(receipt, moveFocus = true) {
  state.errors = [];
  state.receipt = receipt;
  for (const id of ['balance-form', 'error-summary', 'page-notices']) {
    document.getElementById(id).hidden = true;
  }
  document.querySelector('nav.progress').hidden = true;
  const section = document.getElementById('receipt');
  section.hidden = false;
  renderReceipt(section, receipt, { agreementId: state.agreementId, token: state.token, lang: state.lang, headingLevel: 2, calendarUrl: state.agreement.calendarUrl });
  if (moveFocus) {
    document.getElementById('receipt-title').focus();
  }
}
