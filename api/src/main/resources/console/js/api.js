// The REST API as the console calls it: the key the user signed in with, as a bearer token, the
// same way a script would. Kept in sessionStorage (this tab only, gone when it closes).

const STORE = window.sessionStorage;

export const session = {
  get token() { return STORE.getItem('billhook.token'); },
  get vendor() { return STORE.getItem('billhook.vendor'); },
  get caller() { return STORE.getItem('billhook.caller'); },
  get temporalUi() {
    try { return JSON.parse(STORE.getItem('billhook.temporalUi') || 'null'); } catch { return null; }
  },
  signIn({ token, vendor, caller, temporalUi }) {
    STORE.setItem('billhook.token', token);
    STORE.setItem('billhook.vendor', vendor);
    STORE.setItem('billhook.caller', caller);
    STORE.setItem('billhook.temporalUi', JSON.stringify(temporalUi || null));
  },
  switchVendor(vendor) { STORE.setItem('billhook.vendor', vendor); },
  signOut() {
    for (const key of ['token', 'vendor', 'caller', 'temporalUi']) STORE.removeItem(`billhook.${key}`);
  },
};

/** A refusal from the API: its problem+json detail, said in the caller's terms. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
    // Billhook answers a path it has no route for with this detail: the feature is not offered.
    this.missingRoute = status === 404 && /^no such route/.test(detail || '');
  }
}

export const VENDOR_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** /v1/vendors/{vendor}/... with every segment encoded. */
export function vendorPath(...segments) {
  return ['/v1/vendors', session.vendor, ...segments].map((s, i) => (i === 0 ? s : encodeURIComponent(s))).join('/');
}

let onUnauthorized = () => {};
export function whenUnauthorized(fn) { onUnauthorized = fn; }

export async function call(method, path, body, token = session.token) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch (e) {
    throw new ApiError(0, 'Billhook did not answer', 'Billhook did not answer; check that it is running and try again.');
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!response.ok) {
    const problem = json && typeof json === 'object' ? json : {};
    const error = new ApiError(response.status, stringOrNull(problem.title), stringOrNull(problem.detail));
    if (response.status === 401 && token === session.token) onUnauthorized(error);
    throw error;
  }
  return json;
}

function stringOrNull(v) { return typeof v === 'string' ? v : null; }

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
