// Interface texts of the entities' site, in Catalan (the default) and Spanish (usted register),
// and the small helpers that every page shares.

import { apiBase } from './config.js';

export const texts = {
  ca: {
    siteTitle: 'Balanç Comunitari',
    formTitle: 'Formulari del Balanç Comunitari',
    switchLanguage: 'Castellano',
    switchLanguageLang: 'es',
    switchLanguageHint: 'Ver el formulario en castellano',
    skipLink: 'Vés al formulari',
    skipLinkContent: 'Vés al contingut',
    loading: 'S\'està carregant el formulari…',
    agreement: 'Conveni',
    entity: 'Entitat',
    space: 'Espai',
    dueDate: 'Termini',
    dueKindRenewal: ' (balanç de renovació)',
    progressLabel: 'Progrés',
    progressOverall: (done, total) => `${done} de ${total} respostes obligatòries`,
    progressSection: (done, total) => `${done}/${total}`,
    requiredMark: 'obligatòria',
    optionalMark: 'opcional',
    yes: 'Sí',
    no: 'No',
    from: 'Des de',
    to: 'Fins a',
    notAvailable: 'Dada no disponible',
    notAvailableReason: 'Motiu pel qual la dada no està disponible (obligatori)',
    characters: (count, max) => `${count} de ${max} caràcters`,
    charactersMin: (min) => `, mínim ${min}`,
    numberHintInt: 'Nombre enter.',
    numberHintDecimal: 'Podeu escriure decimals amb coma (per exemple, 1,5).',
    prefilled: 'Resposta copiada del balanç anterior: reviseu-la.',
    saveDraft: 'Desa l\'esborrany',
    draftSaved: (time) => `Esborrany desat a les ${time}.`,
    draftSaving: 'S\'està desant l\'esborrany…',
    draftFailed: 'No s\'ha pogut desar l\'esborrany. Torneu-ho a provar d\'aquí a una estona.',
    draftRestored: (time) => `S'ha recuperat l'esborrany desat el ${time}.`,
    previousPrefilled: (date) => `El formulari porta les respostes del balanç presentat el ${date}. Reviseu-les abans d'enviar.`,
    submit: 'Envia el balanç',
    submitting: 'S\'està enviant el balanç…',
    missingHint: (count) => count === 1 ? 'Falta 1 resposta obligatòria.' : `Falten ${count} respostes obligatòries.`,
    allAnsweredHint: 'Totes les respostes obligatòries estan contestades.',
    errorSummaryTitle: 'El balanç no s\'ha pogut enviar',
    errorSummaryIntro: 'Corregiu aquests problemes i torneu a enviar:',
    warningsTitle: 'Avisos',
    networkError: 'No s\'ha pogut connectar amb el servei. Comproveu la connexió i torneu-ho a provar.',
    cannotFile: 'Ara no es pot presentar cap balanç d\'aquest conveni.',
    firstFilingDay: (date) => `Podreu presentar el proper balanç a partir del ${date}.`,
    previousSubmissions: 'Balanços presentats',
    recordRegistry: 'Registre',
    linkErrorTitle: 'L\'enllaç no és vàlid',
    linkErrorText: 'Aquest enllaç no és vàlid o ha caducat. Escriviu a l\'Oficina Tècnica de Patrimoni Ciutadà (OTPC) indicant el número del vostre conveni i us n\'enviarà un de nou.',
    receiptTitle: 'Balanç enviat',
    receiptIntro: 'Hem rebut el balanç. Aquest és el vostre justificant.',
    receiptSubmittedAt: 'Data i hora d\'enviament',
    receiptCovered: 'Termini que cobreix',
    receiptLate: 'Presentat fora de termini',
    receiptOnTime: 'Presentat dins de termini',
    receiptSubmission: 'Identificador de l\'enviament',
    receiptHash: 'Empremta SHA-256',
    receiptPdf: 'Descarrega el balanç en PDF',
    receiptCalendar: 'Afegiu els terminis del conveni al vostre calendari (iCalendar)',
    stepsTitle: 'Com el presenteu al registre electrònic',
    steps: [
      'Descarregueu el balanç en PDF amb l\'enllaç d\'aquesta pàgina.',
      'Entreu a la Seu electrònica de l\'Ajuntament de Barcelona i obriu el tràmit «Instància genèrica».',
      'Identifiqueu-vos amb el certificat digital de l\'entitat (l\'entitat, com a persona jurídica, ha de presentar-lo electrònicament).',
      'A l\'assumpte, escriviu «Balanç Comunitari del conveni» i el número del conveni; adjunteu-hi el PDF.',
      'Envieu la instància i deseu el justificant de registre: hi trobareu el número d\'assentament i la data de registre.',
      'Anoteu aquí sota el número d\'assentament i la data de registre.',
    ],
    registryTitle: 'Dades del registre',
    registryNumber: 'Número d\'assentament',
    registryNumberHint: 'El trobareu al justificant de registre.',
    registryDate: 'Data de registre',
    registrySubmit: 'Desa les dades del registre',
    registrySaved: 'Dades del registre desades. Gràcies.',
    registryRecorded: (number, date) => `Registrat amb el número d'assentament ${number} el ${date}.`,
    registryErrorTitle: 'No s\'han pogut desar les dades del registre',
    submissionNotFound: 'No hem trobat aquest balanç. Reviseu l\'enllaç o escriviu a l\'OTPC.',
    registryPageTitle: 'Registre del Balanç Comunitari',
    backToForm: 'Torna al formulari del balanç',
    footer: 'Oficina Tècnica de Patrimoni Ciutadà (OTPC) · Ajuntament de Barcelona',
  },
  es: {
    siteTitle: 'Balance Comunitario',
    formTitle: 'Formulario del Balance Comunitario',
    switchLanguage: 'Català',
    switchLanguageLang: 'ca',
    switchLanguageHint: 'Veure el formulari en català',
    skipLink: 'Ir al formulario',
    skipLinkContent: 'Ir al contenido',
    loading: 'Cargando el formulario…',
    agreement: 'Convenio',
    entity: 'Entidad',
    space: 'Espacio',
    dueDate: 'Plazo',
    dueKindRenewal: ' (balance de renovación)',
    progressLabel: 'Progreso',
    progressOverall: (done, total) => `${done} de ${total} respuestas obligatorias`,
    progressSection: (done, total) => `${done}/${total}`,
    requiredMark: 'obligatoria',
    optionalMark: 'opcional',
    yes: 'Sí',
    no: 'No',
    from: 'Desde',
    to: 'Hasta',
    notAvailable: 'Dato no disponible',
    notAvailableReason: 'Motivo por el que el dato no está disponible (obligatorio)',
    characters: (count, max) => `${count} de ${max} caracteres`,
    charactersMin: (min) => `, mínimo ${min}`,
    numberHintInt: 'Número entero.',
    numberHintDecimal: 'Puede escribir decimales con coma (por ejemplo, 1,5).',
    prefilled: 'Respuesta copiada del balance anterior: revísela.',
    saveDraft: 'Guardar el borrador',
    draftSaved: (time) => `Borrador guardado a las ${time}.`,
    draftSaving: 'Guardando el borrador…',
    draftFailed: 'No se ha podido guardar el borrador. Vuelva a intentarlo dentro de un rato.',
    draftRestored: (time) => `Se ha recuperado el borrador guardado el ${time}.`,
    previousPrefilled: (date) => `El formulario lleva las respuestas del balance presentado el ${date}. Revíselas antes de enviar.`,
    submit: 'Enviar el balance',
    submitting: 'Enviando el balance…',
    missingHint: (count) => count === 1 ? 'Falta 1 respuesta obligatoria.' : `Faltan ${count} respuestas obligatorias.`,
    allAnsweredHint: 'Todas las respuestas obligatorias están contestadas.',
    errorSummaryTitle: 'El balance no se ha podido enviar',
    errorSummaryIntro: 'Corrija estos problemas y vuelva a enviar:',
    warningsTitle: 'Avisos',
    networkError: 'No se ha podido conectar con el servicio. Compruebe la conexión y vuelva a intentarlo.',
    cannotFile: 'Ahora no se puede presentar ningún balance de este convenio.',
    firstFilingDay: (date) => `Podrá presentar el próximo balance a partir del ${date}.`,
    previousSubmissions: 'Balances presentados',
    recordRegistry: 'Registro',
    linkErrorTitle: 'El enlace no es válido',
    linkErrorText: 'Este enlace no es válido o ha caducado. Escriba a la Oficina Técnica de Patrimonio Ciudadano (OTPC) indicando el número de su convenio y le enviará uno nuevo.',
    receiptTitle: 'Balance enviado',
    receiptIntro: 'Hemos recibido el balance. Este es su justificante.',
    receiptSubmittedAt: 'Fecha y hora de envío',
    receiptCovered: 'Plazo que cubre',
    receiptLate: 'Presentado fuera de plazo',
    receiptOnTime: 'Presentado dentro de plazo',
    receiptSubmission: 'Identificador del envío',
    receiptHash: 'Huella SHA-256',
    receiptPdf: 'Descargar el balance en PDF',
    receiptCalendar: 'Añada los plazos del convenio a su calendario (iCalendar)',
    stepsTitle: 'Cómo presentarlo en el registro electrónico',
    steps: [
      'Descargue el balance en PDF con el enlace de esta página.',
      'Entre en la Sede electrónica del Ayuntamiento de Barcelona y abra el trámite «Instancia genérica».',
      'Identifíquese con el certificado digital de la entidad (la entidad, como persona jurídica, debe presentarlo electrónicamente).',
      'En el asunto, escriba «Balance Comunitario del convenio» y el número del convenio; adjunte el PDF.',
      'Envíe la instancia y guarde el justificante de registro: en él encontrará el número de asiento y la fecha de registro.',
      'Anote aquí debajo el número de asiento y la fecha de registro.',
    ],
    registryTitle: 'Datos del registro',
    registryNumber: 'Número de asiento',
    registryNumberHint: 'Lo encontrará en el justificante de registro.',
    registryDate: 'Fecha de registro',
    registrySubmit: 'Guardar los datos del registro',
    registrySaved: 'Datos del registro guardados. Gracias.',
    registryRecorded: (number, date) => `Registrado con el número de asiento ${number} el ${date}.`,
    registryErrorTitle: 'No se han podido guardar los datos del registro',
    submissionNotFound: 'No hemos encontrado este balance. Revise el enlace o escriba a la OTPC.',
    registryPageTitle: 'Registro del Balance Comunitario',
    backToForm: 'Volver al formulario del balance',
    footer: 'Oficina Técnica de Patrimonio Ciudadano (OTPC) · Ayuntamiento de Barcelona',
  },
};

/** Returns 'ca' or 'es' from the query string's lang, or null. */
export function languageFromQuery(params) {
  const lang = params.get('lang');
  return lang === 'ca' || lang === 'es' ? lang : null;
}

/** Formats a YYYY-MM-DD date as a local date in the language (for example, 31/12/2025). */
export function formatDate(isoDate, lang) {
  if (!isoDate) {
    return '';
  }
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'ca-ES', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Formats a UTC instant as a date and time in Barcelona's time zone. */
export function formatDateTime(isoInstant, lang) {
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'ca-ES', {
    dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Madrid',
  }).format(new Date(isoInstant));
}

/** Formats a UTC instant as a time of day in Barcelona's time zone. */
export function formatTime(isoInstant, lang) {
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'ca-ES', {
    timeStyle: 'short', timeZone: 'Europe/Madrid',
  }).format(new Date(isoInstant));
}

/**
 * Sends a request to the API in the given language and returns {status, body}, where body is the
 * parsed JSON (a problem for errors) or null. Extra headers, such as the OTPC key, go with it.
 * Throws a TypeError when the network fails.
 */
export async function callApi(method, path, lang, body, headers = {}) {
  const init = { method, headers: { 'Accept-Language': lang, Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const separator = path.includes('?') ? '&' : '?';
  const response = await fetch(`${apiBase}${path}${separator}lang=${lang}`, init);
  const type = response.headers.get('Content-Type') || '';
  const parsed = type.includes('json') ? await response.json() : null;
  return { status: response.status, body: parsed };
}

/** Creates an element with attributes and children (strings or nodes). */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name === 'text') {
      node.textContent = value;
    } else if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child);
    }
  }
  return node;
}

/**
 * Replaces the page's main content with the invalid-link message in both languages, because a
 * page without a valid token cannot know the entity's language.
 */
export function showLinkError(main) {
  document.documentElement.lang = 'ca';
  document.title = `${texts.ca.linkErrorTitle} · ${texts.ca.siteTitle}`;
  main.replaceChildren(
    element('section', { 'aria-labelledby': 'link-error-ca', lang: 'ca', class: 'notice notice-error', id: 'link-error' },
      element('h1', { id: 'link-error-ca', text: texts.ca.linkErrorTitle, tabindex: '-1' }),
      element('p', { text: texts.ca.linkErrorText })),
    element('section', { 'aria-labelledby': 'link-error-es', lang: 'es', class: 'notice notice-error' },
      element('h2', { id: 'link-error-es', text: texts.es.linkErrorTitle }),
      element('p', { text: texts.es.linkErrorText })));
  main.querySelector('h1').focus();
}
