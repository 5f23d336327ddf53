// The office's actions on one agreement: extend a due date, record the registry entry of a
// submission and resend a reminder. Each form posts to the API and shows its problems beside the
// fields. After a success, the page that contains the forms reloads its data.

import { element, formatDate, formatDateTime } from '../i18n.js';
import { officeApi, problemItems, KeyRejectedError } from './api.js';
import { field, errorSummary, clearProblems, showProblems } from './forms.js';
import { texts } from './texts.js';

/**
 * Builds the action forms from an agreement's detail (GET /api/otpc/agreements/{id}).
 * context: {lang, idPrefix, headingLevel, onDone(message)}. After a successful action, onDone
 * receives the sentence that describes what was done.
 */
export function actionForms(detail, context) {
  return element('div', { class: 'actions' },
    extensionForm(detail, context),
    registryForm(detail, context),
    reminderForm(detail, context));
}

function heading(context, text) {
  return element(`h${context.headingLevel}`, { text });
}

function extensionForm(detail, context) {
  const t = texts[context.lang];
  const id = detail.agreement.agreementId;
  const prefix = `${context.idPrefix}-extend`;
  const openDueDates = detail.dueDates.filter((due) => !due.covered);
  if (openDueDates.length === 0) {
    return element('section', { class: 'action' }, heading(context, t.extendTitle), element('p', { text: t.extendNothing }));
  }

  const dueDate = element('select', { id: `${prefix}-due`, name: 'dueDate' },
    openDueDates.map((due) => element('option', {
      value: due.date,
      text: t.extendDueOption(formatDate(due.date, context.lang), due.extendedTo ? formatDate(due.extendedTo, context.lang) : null),
    })));
  const newDueDate = element('input', { id: `${prefix}-new-date`, name: 'newDueDate', type: 'date' });
  const reason = element('input', { id: `${prefix}-reason`, name: 'reason', type: 'text', autocomplete: 'off', maxlength: '500' });
  const summary = errorSummary(`${prefix}-errors`);
  const button = element('button', { type: 'submit', text: t.extendSubmit });
  const form = element('form', { id: prefix, class: 'action-form', novalidate: true },
    summary,
    field(t.extendDueDate, dueDate),
    field(t.extendNewDate, newDueDate, t.extendNewDateHint),
    field(t.extendReason, reason, t.extendReasonHint),
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await submitAction({
      form, summary, button, context,
      label: t.extendSubmit,
      path: `/api/otpc/agreements/${encodeURIComponent(id)}/extensions`,
      body: { dueDate: dueDate.value, newDueDate: newDueDate.value, reason: reason.value.trim() },
      fields: { dueDate, newDueDate, reason },
      doneMessage: () => t.extendDone(id, formatDate(newDueDate.value, context.lang)),
    });
  });
  return element('section', { class: 'action' }, heading(context, t.extendTitle), form);
}

function registryForm(detail, context) {
  const t = texts[context.lang];
  const id = detail.agreement.agreementId;
  const prefix = `${context.idPrefix}-registry`;
  // The ones still waiting for their entry come first, newest first within each group.
  const submissions = [...detail.submissions].sort((a, b) =>
    Number(Boolean(a.registryNumber)) - Number(Boolean(b.registryNumber)) || b.submittedAtUtc.localeCompare(a.submittedAtUtc));
  if (submissions.length === 0) {
    return element('section', { class: 'action' }, heading(context, t.registryTitle), element('p', { text: t.registryNothing }));
  }

  const submission = element('select', { id: `${prefix}-submission`, name: 'submissionId' },
    submissions.map((item) => element('option', {
      value: item.submissionId,
      text: t.registrySubmissionOption(formatDate(item.coveredDueDate, context.lang), formatDateTime(item.submittedAtUtc, context.lang), item.registryNumber),
    })));
  const number = element('input', { id: `${prefix}-number`, name: 'number', type: 'text', autocomplete: 'off', maxlength: '64' });
  const date = element('input', { id: `${prefix}-date`, name: 'date', type: 'date' });
  const summary = errorSummary(`${prefix}-errors`);
  const button = element('button', { type: 'submit', text: t.registrySubmit });
  const form = element('form', { id: prefix, class: 'action-form', novalidate: true },
    summary,
    field(t.registrySubmission, submission),
    field(t.registryNumber, number, t.registryNumberHint),
    field(t.registryDate, date),
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await submitAction({
      form, summary, button, context,
      label: t.registrySubmit,
      path: `/api/otpc/agreements/${encodeURIComponent(id)}/submissions/${encodeURIComponent(submission.value)}/registry`,
      body: { number: number.value.trim(), date: date.value },
      fields: { submissionId: submission, number, date },
      doneMessage: () => t.registryDone(id, number.value.trim()),
    });
  });
  return element('section', { class: 'action' }, heading(context, t.registryTitle), form);
}

function reminderForm(detail, context) {
  const t = texts[context.lang];
  const id = detail.agreement.agreementId;
  const prefix = `${context.idPrefix}-reminder`;
  const summary = errorSummary(`${prefix}-errors`);
  const button = element('button', { type: 'submit', class: 'secondary', text: t.reminderSubmit });
  const form = element('form', { id: prefix, class: 'action-form', novalidate: true },
    summary,
    element('p', { text: t.reminderIntro }),
    button);
  // One id for every retry of the same request, so that the API sends the reminder once.
  let requestId = crypto.randomUUID();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const done = await submitAction({
      form, summary, button, context,
      label: t.reminderSubmit,
      path: `/api/otpc/agreements/${encodeURIComponent(id)}/reminders`,
      body: { requestId },
      fields: {},
      doneMessage: () => t.reminderDone(id),
    });
    if (done) {
      requestId = crypto.randomUUID();
    }
  });
  return element('section', { class: 'action' }, heading(context, t.reminderTitle), form);
}

/** Posts one action, then calls context.onDone or shows the problems. Returns whether it succeeded. */
async function submitAction(action) {
  const t = texts[action.context.lang];
  clearProblems(action.form, action.summary);
  action.button.disabled = true;
  action.button.textContent = t.sending;
  let response;
  try {
    response = await officeApi('POST', action.path, action.context.lang, action.body);
  } catch (error) {
    if (error instanceof KeyRejectedError) {
      return false;
    }
    response = { status: 0, body: { detail: t.networkError } };
  } finally {
    action.button.disabled = false;
    action.button.textContent = action.label;
  }
  if (response.status >= 200 && response.status < 300) {
    action.context.onDone(action.doneMessage());
    return true;
  }
  showProblems(action.form, action.summary, problemItems(response, t.networkError), action.fields, action.context.lang, t.actionFailedTitle);
  return false;
}
