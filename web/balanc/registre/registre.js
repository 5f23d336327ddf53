// The page that the registry-reminder e-mail links to: the receipt of one submission and the form
// that records its registry entry (número d'assentament and data de registre).

import { texts, element, callApi, formatDate, languageFromQuery, showLinkError } from '../../i18n.js';
import { renderReceipt } from '../receipt.js';

const params = new URLSearchParams(window.location.search);
const main = document.getElementById('main');
const agreementId = params.get('agreement') || '';
const submissionId = params.get('submission') || '';
const token = params.get('token') || '';
let lang = languageFromQuery(params) || 'ca';
let agreement = null;

start();

async function start() {
  if (!agreementId || !submissionId || !token) {
    showLinkError(main);
    return;
  }
  let response;
  try {
    response = await callApi('GET', `/api/agreements/${encodeURIComponent(agreementId)}?token=${encodeURIComponent(token)}`, lang);
  } catch {
    main.replaceChildren(element('p', { class: 'notice notice-error', role: 'alert', text: texts[lang].networkError }));
    return;
  }
  if (response.status !== 200) {
    showLinkError(main);
    return;
  }
  agreement = response.body;
  if (!languageFromQuery(params) && (agreement.language === 'ca' || agreement.language === 'es')) {
    lang = agreement.language;
  }
  render();
}

function render() {
  const t = texts[lang];
  document.documentElement.lang = lang;
  document.title = `${t.registryPageTitle} · ${agreementId}`;
  document.getElementById('skip-link').textContent = t.skipLinkContent;
  document.getElementById('site-footer-text').textContent = t.footer;
  document.getElementById('site-header').replaceChildren(element('div', { class: 'wrap header-row' },
    element('p', { class: 'site-name', text: `${t.siteTitle} · Patrimoni Ciutadà` }),
    element('button', {
      type: 'button', id: 'language-switch', lang: t.switchLanguageLang, class: 'secondary', text: t.switchLanguage, title: t.switchLanguageHint,
      onclick: () => {
        lang = t.switchLanguageLang;
        render();
        document.getElementById('language-switch').focus();
      },
    })));

  const submission = (agreement.submissions || []).find((item) => item.submissionId === submissionId);
  const formLink = `../?agreement=${encodeURIComponent(agreementId)}&token=${encodeURIComponent(token)}&lang=${lang}`;
  const summary = element('dl', { class: 'agreement-summary' },
    element('dt', { text: t.agreement }), element('dd', { text: agreement.agreementId }),
    element('dt', { text: t.entity }), element('dd', { text: agreement.entityName }),
    element('dt', { text: t.space }), element('dd', { text: agreement.spaceName }),
    element('dt', { text: t.dueDate }), element('dd', { text: agreement.nextDueDate ? formatDate(agreement.nextDueDate, lang) : '—' }));
  const receipt = element('section', { class: 'receipt', 'aria-labelledby': 'receipt-title' });
  main.replaceChildren(element('h1', { text: t.registryPageTitle }), summary, receipt,
    element('p', {}, element('a', { href: formLink, text: t.backToForm })));
  if (submission) {
    renderReceipt(receipt, submission, { agreementId, token, lang, headingLevel: 2, calendarUrl: agreement.calendarUrl });
  } else {
    receipt.replaceChildren(element('h2', { id: 'receipt-title', text: t.receiptTitle }),
      element('p', { class: 'notice notice-error', text: t.submissionNotFound }));
  }
}
