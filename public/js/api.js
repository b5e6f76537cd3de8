// Calls the JSON API with the session cookie. The session token itself is httpOnly: scripts here
// never see it; they only copy the CSRF token into a header for requests that change something.

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.details = Array.isArray(body?.details) ? body.details : [];
  }
}

const listeners = new Set();
/** Called when the session has expired (any 401 once signed in). */
export function onUnauthorized(listener) {
  listeners.add(listener);
}

export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)cg_csrf=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

export function hasSession() {
  return csrfToken() !== null;
}

function queryString(query) {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function apiUrl(path, query) {
  return `/api${path}${queryString(query)}`;
}

export async function api(path, { method = 'GET', body, query } = {}) {
  // The API words refusals and gates in the language the screen shows.
  const headers = {
    Accept: 'application/json',
    'Accept-Language': document.documentElement.lang || 'lo',
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  const res = await fetch(apiUrl(path, query), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') || '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    if (res.status === 401 && path !== '/auth/session') listeners.forEach((listener) => listener());
    throw new ApiError(res.status, typeof data === 'object' ? data : { message: data });
  }
  return data;
}

/** Every page of a cursor-paginated list ({items, next}), up to a sane bound. */
export async function apiAll(path, query = {}, maxPages = 20) {
  const items = [];
  let cursor;
  for (let page = 0; page < maxPages; page += 1) {
    const data = await api(path, { query: { ...query, limit: 100, cursor } });
    items.push(...(data.items ?? []));
    if (!data.next) break;
    cursor = data.next;
  }
  return items;
}
