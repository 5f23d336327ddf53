// One agreement, the page that the OTPC's e-mails link to (?agreement=ID): its status, the office's
// actions, its submissions with their PDFs and registry entries, its whole history, its due dates
// and its data, from GET /api/otpc/agreements/{id}.

import { element, formatDate, formatDateTime } from '../i18n.js';
import { officeGet, KeyRejectedError, ApiProblemError } from './api.js';
import { actionForms } from './actions.js';
import { texts } from './texts.js';
import { statusBadge, typeName, loadError } from './views.js';

// The API may sign the office's PDF links for a short time (15 minutes), so older ones are fetched again.
const pdfLinkMaxAgeMs = 10 * 60 * 1000;

/** Creates the view of one agreement. */
export function agreementView(agreementId) {
  const data = { detail: null, error: null, notice: null, loadedAt: 0 };
  const view = {
    name: 'agreement',
    title: (lang) => data.detail ? `${agreementId} · ${data.detail.agreement.entityName}` : `${texts[lang].agreement} ${agreementId}`,

    async load(lang) {
      try {
        data.detail = await officeGet(`/api/otpc/agreements/${encodeURIComponent(agreementId)}`, lang);
        data.loadedAt = Date.now();
        data.error = null;
      } catch (error) {
        if (error instanceof KeyRejectedError) {
          throw error;
        }
        data.error = error;
      }
    },

    render(main, lang) {
      const t = texts[lang];
      const back = element('p', { class: 'back' }, element('a', { href: './', text: t.backToDashboard }));
      if (!data.detail) {
        const notFound = data.error instanceof ApiProblemError && data.error.response.status === 404;
        main.replaceChildren(back,
          element('h1', { id: 'page-title', tabindex: '-1', text: `${t.agreement} ${agreementId}` }),
          notFound ? element('p', { class: 'notice notice-error', text: t.notFound }) : loadError(data.error, lang));
        return;
      }
      const detail = data.detail;
      const notice = element('div', { id: 'page-notice', role: 'status', tabindex: '-1' });
      if (data.notice) {
        notice.append(element('p', { class: 'notice notice-ok', text: data.notice }));
      }
      main.replaceChildren(
        back,
        element('h1', { id: 'page-title', tabindex: '-1' },
          element('span', { class: 'title-id', text: detail.agreement.agreementId }), ' ', detail.agreement.entityName),
        statusSummary(detail, lang),
        notice,
        element('section', { 'aria-labelledby': 'actions-title', id: 'actions' },
          element('h2', { id: 'actions-title', text: t.actionsTitle }),
          actionForms(detail, {
            lang,
            idPrefix: 'agreement',
            headingLevel: 3,
            onDone: async (message) => {
              data.notice = message;
              await view.load(lang);
              view.render(main, lang);
              document.getElementById('page-notice').focus();
            },
          })),
        submissionsSection(detail, lang, async (event, submissionId) => {
          if (Date.now() - data.loadedAt < pdfLinkMaxAgeMs) {
            return;
          }
          event.preventDefault();
          await view.load(lang);
          view.render(main, lang);
          document.querySelector(`[data-submission="${submissionId}"] .pdf-link`)?.click();
        }),
        historySection(detail, lang),
        dueDatesSection(detail, lang),
        dataSection(detail, lang));
    },
  };
  return view;
}

function pair(term, description) {
  return [element('dt', { text: term }), element('dd', {}, description ?? '—')];
}

function statusSummary(detail, lang) {
  const t = texts[lang];
  const progress = detail.orchestration?.progress;
  const nextStep = progress?.nextStep && progress.nextStepAtUtc
    ? t.nextStepAt(stepName(progress.nextStep, lang), formatDateTime(progress.nextStepAtUtc, lang))
    : null;
  return element('dl', { class: 'agreement-summary', id: 'agreement-status' },
    pair(t.status, statusBadge(detail.status, lang)),
    pair(t.nextDueDate, detail.nextDueDate ? formatDate(detail.nextDueDate, lang) : t.noDueDate),
    pair(t.coveredThrough, detail.coveredThrough ? formatDate(detail.coveredThrough, lang) : null),
    nextStep ? pair(t.nextStep, nextStep) : []);
}

/** Names a lifecycle step code (the domain's LifecycleStepCodes: before:P7D, overdue, overdue-reminder:2…). */
function stepName(code, lang) {
  const t = texts[lang];
  if (code.startsWith('before:')) {
    return t.logKinds.reminder;
  }
  if (code.startsWith('overdue-reminder:')) {
    return t.logKinds['overdue-reminder'];
  }
  if (code === 'expiry') {
    return t.stepExpiry;
  }
  return t.logKinds[code === 'overdue' ? 'overdue-notice' : code] || code;
}

/** Builds the submissions with their PDF links. onPdfClick(event, submissionId) may renew an old link first. */
function submissionsSection(detail, lang, onPdfClick) {
  const t = texts[lang];
  const section = element('section', { 'aria-labelledby': 'submissions-title', id: 'submissions' },
    element('h2', { id: 'submissions-title', text: t.submissionsTitle }));
  if (detail.submissions.length === 0) {
    section.append(element('p', { text: t.submissionsEmpty }));
    return section;
  }
  for (const submission of [...detail.submissions].reverse()) {
    const covered = formatDate(submission.coveredDueDate, lang);
    const timeliness = submission.timeliness
      ? `${submission.timeliness.onTime ? t.onTime : t.late} (${t.timelinessBasis[submission.timeliness.basis] || submission.timeliness.basis})`
      : (submission.late ? t.late : t.onTime);
    const registry = submission.registryNumber
      ? t.registryRecorded(submission.registryNumber, formatDate(submission.registryDate, lang), submission.registeredBy === 'entity' ? t.registeredByEntity : submission.registeredBy)
      : t.registryPending;
    section.append(element('article', { class: 'submission', 'data-submission': submission.submissionId },
      element('h3', { text: t.submissionHeading(covered) }),
      element('dl', { class: 'agreement-summary' },
        pair(t.submittedAt, formatDateTime(submission.submittedAtUtc, lang)),
        pair(t.timeliness, timeliness),
        pair(t.registry, element('span', { class: submission.registryNumber ? 'registry-recorded' : 'registry-pending', text: registry })),
        pair(t.submissionId, element('code', { text: submission.submissionId }))),
      element('p', {}, element('a', {
        href: submission.pdfUrl, class: 'pdf-link', download: `balanc-${detail.agreement.agreementId}-${submission.coveredDueDate}.pdf`, text: t.pdfLink(covered),
        onclick: (event) => onPdfClick(event, submission.submissionId),
      }))));
  }
  return section;
}

/** Merges the log and the submissions into one history, newest first. */
function historyEntries(detail, lang) {
  const t = texts[lang];
  const entries = detail.log.map((entry) => ({ at: entry.doneAtUtc, kind: entry.kind === 'action' ? entry.step : entry.kind, entry }));
  for (const submission of detail.submissions) {
    entries.push({ at: submission.submittedAtUtc, kind: 'submission', lines: [t.historySubmission(formatDate(submission.coveredDueDate, lang))] });
  }
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** Describes a log row in a few lines: its due date, recipients and outcome, who did it and what changed. */
function logLines(entry, lang) {
  const t = texts[lang];
  const lines = [];
  if (entry.dueDate) {
    lines.push(t.historyDue(formatDate(entry.dueDate, lang)));
  }
  if (entry.recipients) {
    const recipients = entry.recipients.split(',').map((name) => t.recipients[name.trim()] || name.trim()).join(', ');
    lines.push(`${recipients}: ${t.outcomes[entry.outcome] || entry.outcome}`);
  }
  if (entry.actor) {
    lines.push(t.historyActor(entry.actor === 'entity' ? t.registeredByEntity : entry.actor));
  }
  let detail = null;
  try {
    detail = entry.detail ? JSON.parse(entry.detail) : null;
  } catch {
    lines.push(entry.detail);
  }
  if (detail?.newDueDate) {
    lines.push(t.historyExtension(formatDate(detail.dueDate, lang), formatDate(detail.newDueDate, lang)));
  }
  if (detail?.registryNumber) {
    lines.push(t.historyRegistry(detail.registryNumber, formatDate(detail.registryDate, lang)));
  }
  if (detail?.reason) {
    lines.push(t.historyReason(detail.reason));
  }
  return lines;
}

function historySection(detail, lang) {
  const t = texts[lang];
  const entries = historyEntries(detail, lang);
  const section = element('section', { 'aria-labelledby': 'history-title', id: 'history' },
    element('h2', { id: 'history-title', text: t.historyTitle }));
  if (entries.length === 0) {
    section.append(element('p', { text: t.historyEmpty }));
    return section;
  }
  section.append(element('ol', { class: 'history', reversed: true }, entries.map((item) => element('li', { 'data-kind': item.kind },
    element('p', { class: 'history-head' },
      element('time', { datetime: item.at, text: formatDateTime(item.at, lang) }),
      ' · ',
      element('strong', { text: t.logKinds[item.kind] || item.kind })),
    (item.lines || logLines(item.entry, lang)).map((line) => element('p', { class: 'history-line', text: line }))))));
  return section;
}

function dueDatesSection(detail, lang) {
  const t = texts[lang];
  return element('section', { 'aria-labelledby': 'due-dates-title', id: 'due-dates' },
    element('h2', { id: 'due-dates-title', text: t.dueDatesTitle }),
    element('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-labelledby': 'due-dates-title' },
      element('table', { class: 'data-table' },
        element('thead', {}, element('tr', {},
          [t.dueDate, t.extendedTo, t.kind, t.status].map((header) => element('th', { scope: 'col', text: header })))),
        element('tbody', {}, detail.dueDates.map((due) => element('tr', { class: due.date === detail.nextDueDate || due.extendedTo === detail.nextDueDate ? 'current' : null },
          element('td', { text: formatDate(due.date, lang) }),
          element('td', { text: due.extendedTo ? formatDate(due.extendedTo, lang) : '—' }),
          element('td', { text: t.dueKinds[due.kind] || due.kind }),
          element('td', { text: due.covered ? t.covered : t.open })))))));
}

function dataSection(detail, lang) {
  const t = texts[lang];
  const agreement = detail.agreement;
  return element('section', { 'aria-labelledby': 'data-title', id: 'agreement-data' },
    element('h2', { id: 'data-title', text: t.detailTitle }),
    element('dl', { class: 'agreement-summary' },
      pair(t.agreement, agreement.agreementId),
      pair(t.type, detail.typeName?.[lang] || typeName(agreement.type, lang)),
      pair(t.entity, agreement.entityName),
      pair(t.nif, agreement.entityNif),
      pair(t.space, agreement.spaceName),
      pair(t.address, agreement.spaceAddress),
      pair(t.district, agreement.district),
      pair(t.neighbourhood, agreement.neighbourhood),
      pair(t.startDate, formatDate(agreement.startDate, lang)),
      pair(t.endDate, formatDate(agreement.endDate, lang)),
      detail.endedEarlyOn ? pair(t.endedEarlyOn, formatDate(detail.endedEarlyOn, lang)) : [],
      pair(t.balancePeriod, t.months(agreement.balancePeriodMonths)),
      pair(t.contactName, agreement.contactName),
      pair(t.contactEmail, agreement.contactEmail ? element('a', { href: `mailto:${agreement.contactEmail}`, text: agreement.contactEmail }) : null),
      pair(t.representativeEmail, agreement.representativeEmail ? element('a', { href: `mailto:${agreement.representativeEmail}`, text: agreement.representativeEmail }) : null),
      pair(t.agreementLanguage, t.languageNames[agreement.language] || agreement.language)));
}
