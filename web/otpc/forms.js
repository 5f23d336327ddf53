// Form fields with their hint and error, and the display of the API's problems: each message
// beside its field and all of them in a summary at the top of the form, as the balance form does.

import { element } from '../i18n.js';
import { texts } from './texts.js';

/**
 * Builds a labelled control with an optional hint and a hidden error paragraph.
 * control: the input, select or textarea, with its id set.
 */
export function field(labelText, control, hintText = null) {
  const hintId = hintText ? `${control.id}-hint` : null;
  if (hintId) {
    control.setAttribute('aria-describedby', hintId);
  }
  return element('div', { class: 'field' },
    element('label', { for: control.id, text: labelText }),
    hintText ? element('p', { class: 'hint', id: hintId, text: hintText }) : null,
    element('p', { class: 'field-error', id: `${control.id}-error`, hidden: true }),
    control);
}

/** Builds the empty, hidden error summary that showProblems fills. */
export function errorSummary(id) {
  return element('div', { class: 'error-summary', id, tabindex: '-1', role: 'alert', hidden: true });
}

/** Hides every error of a form and its summary. */
export function clearProblems(form, summary) {
  for (const node of form.querySelectorAll('.field-error')) {
    node.hidden = true;
    node.textContent = '';
  }
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    describeBy(control, false);
  }
  summary.hidden = true;
  summary.replaceChildren();
}

/**
 * Shows problems ({field, message}) beside the controls that fields maps by the API's field name,
 * and lists them all in the summary, with links to the controls. Moves the focus to the summary.
 */
export function showProblems(form, summary, problems, fields, lang, title) {
  const t = texts[lang];
  clearProblems(form, summary);
  const items = [];
  for (const problem of problems) {
    const control = fields[problem.field] || null;
    if (!control) {
      items.push(element('li', { text: problem.message }));
      continue;
    }
    const error = document.getElementById(`${control.id}-error`);
    error.textContent = error.textContent ? `${error.textContent} ${problem.message}` : problem.message;
    error.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    describeBy(control, true);
    items.push(element('li', {}, element('a', {
      href: `#${control.id}`,
      text: problem.message,
      onclick: (event) => {
        event.preventDefault();
        control.focus();
      },
    })));
  }
  summary.replaceChildren(
    element('p', { class: 'error-summary-title', text: title || t.errorSummaryTitle }),
    element('p', { text: t.errorSummaryIntro }),
    element('ul', {}, items));
  summary.hidden = false;
  summary.focus();
}

/** Adds or removes a control's error paragraph in its aria-describedby, keeping its hint. */
function describeBy(control, withError) {
  const errorId = `${control.id}-error`;
  const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== errorId);
  if (withError) {
    ids.push(errorId);
  }
  if (ids.length > 0) {
    control.setAttribute('aria-describedby', ids.join(' '));
  } else {
    control.removeAttribute('aria-describedby');
  }
}
