// The OTPC dashboard's entry point: the sign-in form, the header with the navigation and the
// language switch, and the view that the address selects: ?agreement=ID for one agreement,
// ?view=list with filters for the list, and the dashboard otherwise.

import { element, languageFromQuery } from '../i18n.js';
import { checkKey, storedKey, storeKey, forgetKey, keyRejectedEvent, KeyRejectedError } from './api.js';
import { agreementView } from './agreement.js';
import { dashboardView } from './dashboard.js';
import { field, errorSummary, showProblems } from './forms.js';
import { listView } from './list.js';
import { texts } from './texts.js';

const languageStorageName = 'otpc-lang';
const params = new URLSearchParams(window.location.search);
const main = document.getElementById('main');

const state = {
  lang: 'ca',
  // The current view, or null while the sign-in form shows.
  view: null,
  viewLoaded: false,
  signInMessage: null,
};

start();

function start() {
  state.lang = languageFromQuery(params) || sessionStorage.getItem(languageStorageName) || 'ca';
  sessionStorage.setItem(languageStorageName, state.lang);
  document.addEventListener(keyRejectedEvent, () => {
    forgetKey();
    showSignIn(texts[state.lang].keyRejected);
  });
  if (storedKey()) {
    openView(false);
  } else {
    showSignIn(null);
  }
}

function chooseView() {
  const agreementId = (params.get('agreement') || '').trim();
  if (agreementId) {
    return agreementView(agreementId);
  }
  if (params.get('view') === 'list') {
    return listView(params);
  }
  return dashboardView();
}

/** Loads and shows the view of the address. With moveFocus, as after signing in, its heading gets the focus. */
async function openView(moveFocus) {
  const view = chooseView();
  state.view = view;
  state.viewLoaded = false;
  state.signInMessage = null;
  renderChrome();
  main.dataset.view = 'loading';
  main.replaceChildren(element('p', { id: 'loading', role: 'status', text: texts[state.lang].loading }));
  try {
    await view.load(state.lang);
  } catch (error) {
    if (error instanceof KeyRejectedError) {
      return;
    }
    throw error;
  }
  if (state.view !== view) {
    return;
  }
  state.viewLoaded = true;
  render();
  if (moveFocus) {
    document.getElementById('page-title')?.focus();
  }
}

function showSignIn(message) {
  state.view = null;
  state.signInMessage = message;
  render();
}

function render() {
  renderChrome();
  if (state.view && state.viewLoaded) {
    state.view.render(main, state.lang);
    main.dataset.view = state.view.name;
  } else if (!state.view) {
    renderSignIn();
    main.dataset.view = 'sign-in';
  }
}

function renderChrome() {
  const t = texts[state.lang];
  document.documentElement.lang = state.lang;
  document.title = state.view && state.viewLoaded
    ? `${state.view.title(state.lang)} · ${t.dashboardTitle}`
    : `${state.view ? t.dashboardTitle : t.signInTitle} · ${t.siteTitle}`;
  document.getElementById('skip-link').textContent = t.skipLinkContent;
  document.getElementById('site-footer-text').textContent = t.footer;

  const row = element('div', { class: 'wrap header-row' },
    element('p', { class: 'site-name', text: `${t.siteTitle} · ${t.officeName}` }));
  if (state.view) {
    const current = params.get('agreement') ? null : (params.get('view') === 'list' ? 'list' : 'dashboard');
    row.append(element('nav', { 'aria-label': t.navLabel, class: 'site-nav' },
      element('ul', {},
        element('li', {}, element('a', { href: './', 'aria-current': current === 'dashboard' ? 'page' : null, text: t.navDashboard })),
        element('li', {}, element('a', { href: '?view=list', 'aria-current': current === 'list' ? 'page' : null, text: t.navList })))));
  }
  const buttons = element('div', { class: 'header-buttons' },
    element('button', {
      type: 'button', id: 'language-switch', lang: t.switchLanguageLang, class: 'secondary', text: t.switchLanguage, title: t.switchLanguageHint,
      onclick: () => {
        state.lang = t.switchLanguageLang;
        sessionStorage.setItem(languageStorageName, state.lang);
        render();
        document.getElementById('language-switch').focus();
      },
    }));
  if (state.view) {
    buttons.append(element('button', {
      type: 'button', id: 'sign-out', class: 'secondary', text: t.signOut,
      onclick: () => {
        forgetKey();
        showSignIn(null);
        document.getElementById('page-title').focus();
      },
    }));
  }
  row.append(buttons);
  document.getElementById('site-header').replaceChildren(row);
}

function renderSignIn() {
  const t = texts[state.lang];
  const key = element('input', { id: 'otpc-key', name: 'key', type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const summary = errorSummary('sign-in-errors');
  const button = element('button', { type: 'submit', id: 'sign-in-button', text: t.signInSubmit });
  const form = element('form', { id: 'sign-in', class: 'sign-in', novalidate: true },
    field(t.signInKey, key, t.signInKeyHint),
    button);
  const fail = (message) => showProblems(form, summary, [{ field: 'key', message }], { key }, state.lang, t.signInErrorTitle);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = key.value.trim();
    if (!value) {
      fail(t.keyMissing);
      return;
    }
    button.disabled = true;
    button.textContent = t.signInChecking;
    let status;
    try {
      status = await checkKey(value, state.lang);
    } catch {
      status = 0;
    } finally {
      button.disabled = false;
      button.textContent = t.signInSubmit;
    }
    if (status === 200) {
      storeKey(value);
      await openView(true);
    } else if (status === 401 || status === 403) {
      fail(t.keyRejected);
    } else {
      fail(status === 0 ? t.networkError : `${t.loadFailed} (HTTP ${status})`);
    }
  });
  main.replaceChildren(
    element('h1', { id: 'page-title', tabindex: '-1', text: t.signInTitle }),
    summary,
    element('p', { text: t.signInIntro }),
    form);
  if (state.signInMessage) {
    fail(state.signInMessage);
  }
}
