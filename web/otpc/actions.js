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

/** Builds an action's section with a message in place of the form, when the action does not apply. */
function notApplicable(context, title, message) {
  return element('section', { class: 'action' }, heading(context, title), element('p', { text: message }));
}

/**
 * Builds an action's section and form. action: {context, prefix, title, submitLabel, buttonClass?,
 * content: the form's fields and paragraphs, fields: the controls by the API's field name,
 * request(): {path, body, doneMessage}, onResult?(status)}, where status is 0 when the network failed.
 */
function actionSection(action) {
  const summary = errorSummary(`${action.prefix}-errors`);
  const button = element('button', { type: 'submit', class: action.buttonClass || null, text: action.submitLabel });
  const form = element('form', { id: action.prefix, class: 'action-form', novalidate: true }, summary, action.content, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const request = action.request();
    const status = await submitAction({ ...request, form, summary, button, context: action.context, label: action.submitLabel, fields: action.fields });
    action.onResult?.(status);
  });
  return element('section', { class: 'action' }, heading(action.context, action.title), form);
}

function extensionForm(detail, context) {
  const t = texts[context.lang];
  const id = detail.agreement.agreementId;
  const prefix = `${context.idPrefix}-extend`;
  const openDueDates = detail.dueDates.filter((due) => !due.covered);
  if (openDueDates.length === 0) {
    return notApplicable(context, t.extendTitle, t.extendNothing);
  }

  const dueDate = element('select', { id: `${prefix}-due`, name: 'dueDate' },
    openDueDates.map((due) => element('option', {
      value: due.date,
      text: t.extendDueOption(formatDate(due.date, context.lang), due.extendedTo ? formatDate(due.extendedTo, context.lang) : null),
    })));
  const newDueDate = element('input', { id: `${prefix}-new-date`, name: 'newDueDate', type: 'date' });
  const reason = element('input', { id: `${prefix}-reason`, name: 'reason', type: 'text', autocomplete: 'off', maxlength: '500' });
  return actionSection({
    context, prefix,
    title: t.extendTitle,
    submitLabel: t.extendSubmit,
    content: [
      field(t.extendDueDate, dueDate),
      field(t.extendNewDate, newDueDate, t.extendNewDateHint),
      field(t.extendReason, reason, t.extendReasonHint),
    ],
    fields: { dueDate, newDueDate, reason },
    request: () => ({
      path: `/api/otpc/agreements/${encodeURIComponent(id)}/extensions`,
      body: { dueDate: dueDate.value, newDueDate: newDueDate.value, reason: reason.value.trim() },
      doneMessage: () => t.extendDone(id, formatDate(newDueDate.value, context.lang)),
    }),
  });
}

function registryForm(detail, context) {
  const t = texts[context.lang];
  const id = detail.agreement.agreementId;
  const prefix = `${context.idPrefix}-registry`;
  // The ones still waiting for their entry come first, newest first within each group.
  const submissions = [...detail.submissions].sort((a, b) =>
    Number(Boolean(a.registryNumber)) - Number(Boolean(b.registryNumber)) || b.submittedAtUtc.localeCompare(a.submittedAtUtc));
  if (submissions.length === 0) {
    return notApplicable(context, t.registryTitle, t.registryNothing);
  }

  const submission = element('select', { id: `${prefix}-submission`, name: 'submissionId' },
    submissions.map((item) => element('option', {
      value: item.submissionId,
      text: t.registrySubmissionOption(formatDate(item.coveredDueDate, context.lang), formatDateTime(item.submittedAtUtc, context.lang), item.registryNumber),
    })));
  const number = element('input', { id: `${prefix}-number`, name: 'number', type: 'text', autocomplete: 'off', maxlength: '64' });
  const date = element('input', { id: `${prefix}-date`, name: 'date', type: 'date' });
  return actionSection({
    context, prefix,
    title: t.registryTitle,
    submitLabel: t.registrySubmit,
    content: [
      field(t.registrySubmission, submission),
      field(t.registryNumber, number, t.registryNumberHint),
      field(t.registryDate, date),
    ],
    fields: { submissionId: submission, number, date },
    request: () => ({
      path: `/api/otpc/agreements/${encodeURIComponent(id)}/submissions/${encodeURIComponent(submission.value)}/registry`,
      body: { number: number.value.trim(), date: date.value },
      doneMessage: () => t.registryDone(id, number.value.trim()),
    }),
  });
}

function reminderForm(detail, context) {
  const t = texts[context.lang];
  const id = detail.agreement.agreementId;
  // One id for every retry of the same request, so that the API sends the reminder once. A retry
  // keeps it only after a network failure or a 503, because then the API sent nothing. Any other
  // status is final, so the next request gets a new id.
  let requestId = crypto.randomUUID();
  return actionSection({
    context,
    prefix: `${context.idPrefix}-reminder`,
    title: t.reminderTitle,
    submitLabel: t.reminderSubmit,
    buttonClass: 'secondary',
    content: [element('p', { text: t.reminderIntro })],
    fields: {},
    request: () => ({
      path: `/api/otpc/agreements/${encodeURIComponent(id)}/reminders`,
      body: { requestId },
      doneMessage: () => t.reminderDone(id),
    }),
    onResult: (status) => {
      if (status !== 0 && status !== 503) {
        requestId = crypto.randomUUID();
      }
    },
  });
}

/** Posts one action, then calls context.onDone or shows the problems. Returns the status, or 0 when the network failed. */
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
      return error.status;
    }
    response = { status: 0, body: { detail: t.networkError } };
  } finally {
    action.button.disabled = false;
    action.button.textContent = action.label;
  }
  if (response.status >= 200 && response.status < 300) {
    action.context.onDone(action.doneMessage());
    return response.status;
  }
  showProblems(action.form, action.summary, problemItems(response, t.networkError), action.fields, action.context.lang, t.actionFailedTitle);
  return response.status;
}
