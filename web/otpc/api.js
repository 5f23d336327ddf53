// The OTPC's requests to the API. The office key lives in sessionStorage only, so it is gone when
// the tab closes, and goes in the x-functions-key header of every request.

import { apiBase } from '../config.js';
import { callApi } from '../i18n.js';

const keyStorageName = 'otpc-key';
const officeKeyHeader = 'x-functions-key';

// 200 agreements a page: a register ten times the size of the sample's 120 still loads in 10 pages.
const maxPageSize = 200;
const maxPages = 100;

/** The event that the document receives when the API rejects the office key. */
export const keyRejectedEvent = 'otpc:key-rejected';

/**
 * Raised when the API rejects the office key (401 or 403). The document receives keyRejectedEvent
 * first, so callers only stop what they were doing and the page returns to the sign-in form.
 */
export class KeyRejectedError extends Error {
  constructor(status) {
    super(`The API rejected the office key with status ${status}.`);
    this.status = status;
  }
}

/** Raised when a query that the page needs returns a problem. Its response is {status, body}. */
export class ApiProblemError extends Error {
  constructor(response) {
    super(`The API returned status ${response.status}.`);
    this.response = response;
  }
}

export function storedKey() {
  return sessionStorage.getItem(keyStorageName) || '';
}

export function storeKey(key) {
  sessionStorage.setItem(keyStorageName, key);
}

export function forgetKey() {
  sessionStorage.removeItem(keyStorageName);
}

/**
 * Sends a request with the office key and returns {status, body}. Throws KeyRejectedError on 401
 * and 403, and a TypeError when the network fails.
 */
export async function officeApi(method, path, lang, body, key = storedKey()) {
  const response = await callApi(method, path, lang, body, { [officeKeyHeader]: key });
  rejectKeyOn(response.status);
  return response;
}

/** Checks a key before it is stored, and returns the status of a one-item list request made with it. */
export async function checkKey(key, lang) {
  const response = await callApi('GET', '/api/otpc/agreements?pageSize=1', lang, undefined, { [officeKeyHeader]: key });
  return response.status;
}

/** Sends a GET that must succeed and returns its body. Throws ApiProblemError for any other status than 200. */
export async function officeGet(path, lang) {
  const response = await officeApi('GET', path, lang);
  if (response.status !== 200) {
    throw new ApiProblemError(response);
  }
  return response.body;
}

/** Returns one page of the agreement list: {asOf, items, continuation}. */
export function listPage(filters, lang, continuation = null, pageSize = 50) {
  const query = new URLSearchParams(filters);
  query.set('pageSize', String(pageSize));
  if (continuation) {
    query.set('continuation', continuation);
  }
  return officeGet(`/api/otpc/agreements?${query}`, lang);
}

/** Follows the continuation tokens of a list query and returns {asOf, items} with every page's items. */
export async function listAll(filters, lang) {
  const items = [];
  let continuation = null;
  let asOf = null;
  for (let page = 0; page < maxPages; page++) {
    const body = await listPage(filters, lang, continuation, maxPageSize);
    asOf = asOf ?? body.asOf;
    items.push(...body.items);
    continuation = body.continuation ?? null;
    if (!continuation) {
      break;
    }
  }
  // NOTE: a register longer than maxPages × maxPageSize agreements is cut at that length.
  return { asOf, items };
}

/** Returns the list of problems of an error response, or one with its detail when it lists none. */
export function problemItems(response, fallbackMessage) {
  const body = response?.body;
  if (body?.errors?.length) {
    return body.errors;
  }
  return [{ field: '', code: '', message: body?.detail || body?.title || fallbackMessage }];
}

/**
 * Downloads an export that needs the office key, through fetch, a Blob and an <a download>.
 * Returns {status, body, fileName}: body is the problem when the export failed.
 */
export async function downloadExport(path, fallbackName, lang) {
  const response = await fetch(`${apiBase}${path}`, {
    headers: { [officeKeyHeader]: storedKey(), 'Accept-Language': lang },
  });
  rejectKeyOn(response.status);
  if (!response.ok) {
    const type = response.headers.get('Content-Type') || '';
    return { status: response.status, body: type.includes('json') ? await response.json() : null, fileName: null };
  }
  const fileName = fileNameOf(response.headers.get('Content-Disposition')) || fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started the download by now; the delay only frees the Blob's memory later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { status: response.status, body: null, fileName };
}

function rejectKeyOn(status) {
  if (status === 401 || status === 403) {
    document.dispatchEvent(new CustomEvent(keyRejectedEvent, { detail: { status } }));
    throw new KeyRejectedError(status);
  }
}

/** Reads the file name of a Content-Disposition header (filename* first, as RFC 6266 specifies). */
function fileNameOf(header) {
  if (!header) {
    return null;
  }
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (encoded) {
    return decodeURIComponent(encoded[1].trim());
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : null;
}
