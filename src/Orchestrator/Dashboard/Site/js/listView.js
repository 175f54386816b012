// The rollouts list: filter by state and endpoint, refreshed every 2 s without reloading the page.
import { el, replace, say } from './dom.js';
import { STATES, time } from './format.js';
import { stateBadge } from './badges.js';
import { Poller } from './poller.js';

export class ListView {
  #api;
  #poller = new Poller(() => this.#refresh());
  #state = '';
  #endpoint = '';
  #shown = null;
  #rows;
  #error;
  #updated;
  #debounce = null;

  constructor({ api }) {
    this.#api = api;
  }

  start(container) {
    const stateSelect = el('select', { id: 'filter-state', on: { change: e => this.#filter(e.target.value, this.#endpoint) } },
      el('option', { value: '' }, 'any state'),
      STATES.map(s => el('option', { value: s }, s)));
    const endpointInput = el('input', {
      id: 'filter-endpoint', type: 'search', placeholder: 'endpoint name', autocomplete: 'off',
      on: { input: e => this.#filterSoon(e.target.value) },
    });
    this.#rows = el('tbody');
    this.#error = el('p', { className: 'error', role: 'alert', hidden: true });
    this.#updated = el('p', { className: 'meta' }, 'Loading…');
    replace(container,
      el('h1', {}, 'Rollouts'),
      el('form', { className: 'filters', role: 'search', 'aria-label': 'Filter rollouts', on: { submit: e => e.preventDefault() } },
        el('label', { for: 'filter-state' }, 'State'), stateSelect,
        el('label', { for: 'filter-endpoint' }, 'Endpoint'), endpointInput),
      this.#error,
      el('table', { className: 'rollouts' },
        el('caption', { className: 'visually-hidden' }, 'Rollouts, newest first'),
        el('thead', {}, el('tr', {},
          ['Endpoint', 'State', 'Step', 'Baseline → candidate', 'Submitted by', 'Updated', 'Id'].map(h => el('th', { scope: 'col' }, h)))),
        this.#rows),
      this.#updated);
    this.#poller.start();
  }

  stop() {
    this.#poller.stop();
    clearTimeout(this.#debounce);
  }

  #filterSoon(endpoint) {
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.#filter(this.#state, endpoint.trim()), 300);
  }

  #filter(state, endpoint) {
    this.#state = state;
    this.#endpoint = endpoint;
    this.#shown = null;
    this.#poller.now();
  }

  async #refresh() {
    let list;
    try {
      list = await this.#api.listRollouts({ state: this.#state, endpoint: this.#endpoint });
    } catch (error) {
      // A 401 already sent the user to the key prompt; anything else is said above the (last known) data.
      if (error.status !== 401) say(this.#error, error.message);
      return;
    }

    say(this.#error, null);
    this.#updated.textContent = `Updated ${time(new Date().toISOString())}; refreshes every 2 s.`;
    const signature = JSON.stringify(list.rollouts);
    if (signature === this.#shown) return;
    this.#shown = signature;
    if (list.rollouts.length === 0) {
      replace(this.#rows, el('tr', {}, el('td', { colspan: 7, className: 'empty' }, 'No rollouts match.')));
      return;
    }

    replace(this.#rows, list.rollouts.map(r => el('tr', { 'data-rollout': r.id },
      el('td', {}, el('a', { href: `#/rollouts/${r.id}` }, r.endpoint)),
      el('td', {}, stateBadge(r.state, r.pausedFrom)),
      el('td', {}, r.stepIndex >= 0 ? `${r.stepIndex + 1}/${r.stepCount} ${r.stepKind ?? ''}` : `–/${r.stepCount}`),
      el('td', {}, `${r.baseline} → ${r.candidate}`),
      el('td', {}, r.submittedBy),
      el('td', {}, time(r.updatedAt)),
      el('td', {}, el('code', { title: r.id }, r.id.slice(0, 8))))));
  }
}
