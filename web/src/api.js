// HTTP calls to the API. Every failure becomes an Error with a `kind` the UI can explain:
// the problem type's last segment (sold-out, limit-reached, ...), or network / timeout.

export const TIMEOUT_MS = 5000;

export class ApiError extends Error {
  constructor(kind, message, status, problem) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.problem = problem;
  }
}

export async function request(path, { method = 'GET', body, headers = {}, timeoutMs = TIMEOUT_MS } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: controller.signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw new ApiError('timeout', 'The server did not answer in time', 0);
    }
    throw new ApiError('network', 'The server could not be reached', 0);
  } finally {
    clearTimeout(timer);
  }
  const text = await response.text();
  const data = text ? safeJson(text) : null;
  if (!response.ok) {
    const type = data && typeof data.type === 'string' ? data.type : '';
    const kind = type ? type.substring(type.lastIndexOf('/') + 1) : `http-${response.status}`;
    throw new ApiError(kind, (data && data.detail) || response.statusText, response.status, data);
  }
  return data;
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const bearer = (token) => ({ Authorization: `Bearer ${token}` });

// The shopper is the token's subject: the body names no user. A sale behind a waiting room
// also needs the shopper's admission.
export function buy({ token, saleId, quantity, idempotencyKey, admission }) {
  return request('/buy', {
    method: 'POST',
    body: { saleId, quantity },
    headers: {
      ...bearer(token),
      ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      ...(admission ? { 'Velocity-Admission': admission } : {}),
    },
  });
}

const queuePath = (saleId) => `/sales/${encodeURIComponent(saleId)}/queue`;
export const joinQueue = (token, saleId) => request(queuePath(saleId), { method: 'POST', headers: bearer(token) });
export const lookQueue = (token, saleId) => request(queuePath(saleId), { headers: bearer(token) });

export const getOrder = (token, orderId) => request(`/orders/${encodeURIComponent(orderId)}`, { headers: bearer(token) });
export const listSales = () => request('/sales');
export const getSale = (saleId) => request(`/sales/${encodeURIComponent(saleId)}`);

// The dashboard shows every sale but the archived ones (which the order store keeps).
const DASHBOARD_STATES = ['DRAFT', 'UPCOMING', 'OPEN', 'SOLD_OUT', 'ENDED'];
export const adminListSales = (token) =>
  request(`/admin/sales?limit=500&${DASHBOARD_STATES.map((state) => `state=${state}`).join('&')}`, { headers: bearer(token) });
export const adminPutSale = (token, saleId, definition, draft = false) =>
  request(`/admin/sales/${encodeURIComponent(saleId)}${draft ? '?draft=true' : ''}`, { method: 'PUT', body: definition, headers: bearer(token) });
export const adminListArchived = (token, limit = 20) =>
  request(`/admin/sales?state=ARCHIVED&limit=${limit}`, { headers: bearer(token) });
export const adminArchiveSale = (token, saleId) =>
  request(`/admin/sales/${encodeURIComponent(saleId)}/archive`, { method: 'POST', headers: bearer(token) });
export const adminDeleteSale = (token, saleId) =>
  request(`/admin/sales/${encodeURIComponent(saleId)}`, { method: 'DELETE', headers: bearer(token) });
export const adminCloseSale = (token, saleId) =>
  request(`/admin/sales/${encodeURIComponent(saleId)}/close`, { method: 'POST', headers: bearer(token) });
const roomPath = (saleId) => `/admin/sales/${encodeURIComponent(saleId)}/waiting-room`;
export const adminGetRoom = (token, saleId) => request(roomPath(saleId), { headers: bearer(token) });
export const adminPutRoom = (token, saleId, settings) =>
  request(roomPath(saleId), { method: 'PUT', body: settings, headers: bearer(token) });
export const adminDeleteRoom = (token, saleId) => request(roomPath(saleId), { method: 'DELETE', headers: bearer(token) });
export const adminDeadLetters = (token) => request('/admin/dead-letters', { headers: bearer(token) });
