// The operator API, called with the console session's cookie; every POST carries the session's
// CSRF token (docs/console.md, "Cross-site requests").

let csrfToken = null;
let signedOut = () => {};

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

export function configure(token, onSignedOut) {
  csrfToken = token;
  if (onSignedOut) signedOut = onSignedOut;
}

export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && !path.startsWith('/console/session')) signedOut();
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const json = type.startsWith('application/json') || type.startsWith('application/problem+json');
  const data = json ? await response.json() : await response.text(); // audit rows are JSON lines: text
  if (!response.ok) throw new ApiError(response.status, data && data.detail);
  return data;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
