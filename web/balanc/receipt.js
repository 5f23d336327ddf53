// The receipt of a submitted balance, the registry steps and the form that records the registry
// entry. The form page shows it after a submission and the registry page shows it from a link.

import { texts, element, callApi, formatDate, formatDateTime } from '../i18n.js';

/**
 * Renders a receipt into a container.
 * receipt: {submissionId, sha256, submittedAtUtc, coveredDueDate, late, pdfUrl, warnings?,
 * registryNumber?, registryDate?}; context: {agreementId, token, lang, headingLevel, calendarUrl?}.
 */
export function renderReceipt(container, receipt, context) {
  const t = texts[context.lang];
  const calendarUrl = context.calendarUrl || `/api/agreements/${encodeURIComponent(context.agreementId)}/calendar.ics?token=${encodeURIComponent(context.token)}`;
  const heading = `h${context.headingLevel}`;
  const subheading = `h${context.headingLevel + 1}`;

  const details = element('dl', { class: 'receipt-details' },
    element('dt', { text: t.receiptSubmittedAt }), element('dd', { text: formatDateTime(receipt.submittedAtUtc, context.lang) }),
    element('dt', { text: t.receiptCovered }),
    element('dd', { text: `${formatDate(receipt.coveredDueDate, context.lang)} · ${receipt.late ? t.receiptLate : t.receiptOnTime}` }),
    element('dt', { text: t.receiptSubmission }), element('dd', {}, element('code', { text: receipt.submissionId })),
    element('dt', { text: t.receiptHash }), element('dd', {}, element('code', { class: 'hash', text: receipt.sha256 })));

  const warnings = (receipt.warnings || []).length === 0 ? null : element('div', { class: 'notice notice-warning' },
    element(subheading, { text: t.warningsTitle }),
    element('ul', {}, receipt.warnings.map((warning) => element('li', { text: `${warning.field}: ${warning.message}` }))));

  const links = element('ul', { class: 'receipt-links' },
    element('li', {}, element('a', { href: receipt.pdfUrl, class: 'button', id: 'pdf-link', download: `balanc-${context.agreementId}.pdf`, text: t.receiptPdf })),
    element('li', {}, element('a', { href: calendarUrl, id: 'calendar-link', text: t.receiptCalendar })));

  const steps = element('ol', { class: 'steps' }, t.steps.map((step) => element('li', { text: step })));

  container.replaceChildren(...[
    element(heading, { id: 'receipt-title', tabindex: '-1', text: t.receiptTitle }),
    element('p', { text: t.receiptIntro }),
    details,
    warnings,
    links,
    element(subheading, { text: t.stepsTitle }),
    steps,
    registryForm(receipt, context, subheading),
  ].filter(Boolean));
}

function registryForm(receipt, context, subheading) {
  const t = texts[context.lang];
  const status = element('div', { id: 'registry-status', 'aria-live': 'polite' });
  if (receipt.registryNumber) {
    status.append(element('p', { class: 'notice notice-ok', text: t.registryRecorded(receipt.registryNumber, formatDate(receipt.registryDate, context.lang)) }));
  }

  const number = element('input', { id: 'registry-number', name: 'number', type: 'text', autocomplete: 'off', 'aria-describedby': 'registry-number-hint', value: receipt.registryNumber || '' });
  const date = element('input', { id: 'registry-date', name: 'date', type: 'date', value: receipt.registryDate || '' });
  const form = element('form', { id: 'registry-form', novalidate: true },
    element('div', { class: 'field' },
      element('label', { for: 'registry-number', text: t.registryNumber }),
      element('p', { class: 'hint', id: 'registry-number-hint', text: t.registryNumberHint }),
      number),
    element('div', { class: 'field' },
      element('label', { for: 'registry-date', text: t.registryDate }),
      date),
    element('button', { type: 'submit', text: t.registrySubmit }));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.replaceChildren();
    for (const input of [number, date]) {
      input.removeAttribute('aria-invalid');
    }
    let response;
    try {
      response = await callApi('POST', `/api/agreements/${encodeURIComponent(context.agreementId)}/submissions/${encodeURIComponent(receipt.submissionId)}/registry`, context.lang,
        { token: context.token, number: number.value.trim(), date: date.value });
    } catch {
      status.append(element('p', { class: 'notice notice-error', role: 'alert', text: t.networkError }));
      return;
    }
    if (response.status >= 200 && response.status < 300) {
      status.append(element('p', { class: 'notice notice-ok', text: t.registrySaved }));
      return;
    }
    const problems = response.body?.errors?.length ? response.body.errors : [{ field: '', message: response.body?.detail || t.networkError }];
    for (const problem of problems) {
      const input = problem.field === 'number' ? number : problem.field === 'date' ? date : null;
      input?.setAttribute('aria-invalid', 'true');
    }
    status.append(element('div', { class: 'notice notice-error', role: 'alert' },
      element('p', { text: t.registryErrorTitle }),
      element('ul', {}, problems.map((problem) => element('li', { text: problem.message })))));
  });

  return element('section', { 'aria-labelledby': 'registry-title', class: 'registry' },
    element(subheading, { id: 'registry-title', text: t.registryTitle }),
    status,
    form);
}
