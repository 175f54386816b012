// The service's /api/v1 over fetch: the key as a bearer token, problem details turned into readable errors.

const CLIENT_HEADER = 'X-Orchestrator-Client';

// The largest page the feeds give: a long gate history loads in the fewest round trips.
const FEED_PAGE = 1000;

function feedQuery(after, limit) {
  return new URLSearchParams({ after: String(after), limit: String(limit) }).toString();
}

/** An API answer that was not a success, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
  }

  /** Field path → reasons of a 400, or an empty object. */
  get fieldErrors() {
    const errors = this.problem.errors;
    return errors && typeof errors === 'object' ? errors : {};
  }
}

function describe(status, problem) {
  if (status === 0) return `The service did not answer (${problem?.detail ?? 'network error'}).`;
  const title = problem?.title ?? `HTTP ${status}`;
  return problem?.detail ? `${title}: ${problem.detail}` : title;
}

/** A new Idempotency-Key: random, so a repeat of the same click never acts twice but two clicks are two actions. */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'dashboard-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

export class ApiClient {
  #key;
  #onUnauthorized;

  /** onUnauthorized(error) runs on any 401, after which the call still throws. */
  constructor(key, onUnauthorized = () => {}) {
    this.#key = key;
    this.#onUnauthorized = onUnauthorized;
  }

  me() { return this.#send('GET', '/api/v1/me'); }

  listRollouts({ state, endpoint, limit } = {}) {
    const query = new URLSearchParams();
    if (state) query.set('state', state);
    if (endpoint) query.set('endpoint', endpoint);
    if (limit) query.set('limit', String(limit));
    const text = query.toString();
    return this.#send('GET', '/api/v1/rollouts' + (text ? '?' + text : ''));
  }

  getRollout(id) { return this.#send('GET', `/api/v1/rollouts/${encodeURIComponent(id)}`); }

  /** A page of the audit log after the sequence `after` (0: from the start); the answer's next is the cursor for the next page. */
  getAudit(id, after = 0, limit = FEED_PAGE) { return this.#send('GET', `/api/v1/rollouts/${encodeURIComponent(id)}/audit?${feedQuery(after, limit)}`); }

  /** A page of the gate history after the sequence `after`, as getAudit. */
  getGates(id, after = 0, limit = FEED_PAGE) { return this.#send('GET', `/api/v1/rollouts/${encodeURIComponent(id)}/gates?${feedQuery(after, limit)}`); }

  /** pause, resume, abort, promote, approve or retry, with an optional reason. */
  act(id, action, reason, idempotencyKey) {
    const body = reason ? JSON.stringify({ reason }) : undefined;
    return this.#send('POST', `/api/v1/rollouts/${encodeURIComponent(id)}/${encodeURIComponent(action)}`,
      { body, contentType: body ? 'application/json' : undefined, idempotencyKey });
  }

  /** Submits a plan: contentType is application/yaml or application/json. */
  submit(plan, contentType, idempotencyKey) {
    return this.#send('POST', '/api/v1/rollouts', { body: plan, contentType, idempotencyKey });
  }

  async #send(method, path, { body, contentType, idempotencyKey } = {}) {
    const headers = { Accept: 'application/json', Authorization: `Bearer ${this.#key}`, [CLIENT_HEADER]: 'dashboard' };
    if (contentType) headers['Content-Type'] = contentType;
    if (method !== 'GET') headers['Idempotency-Key'] = idempotencyKey ?? newIdempotencyKey();
    let response;
    try {
      // no-store: answers carry data read with the key; nothing of them belongs in the HTTP cache.
      response = await fetch(path, { method, headers, body, cache: 'no-store', credentials: 'omit', redirect: 'error' });
    } catch (e) {
      throw new ApiError(0, { detail: e.message });
    }

    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = { detail: text.slice(0, 300) };
      }
    }

    if (!response.ok) {
      const error = new ApiError(response.status, data);
      if (response.status === 401) this.#onUnauthorized(error);
      throw error;
    }

    return data;
  }
}
