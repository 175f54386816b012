// Submit a plan (release managers and admins): paste it or load a file; every field error of a 400 is listed by the form.
import { el, replace } from './dom.js';
import { newIdempotencyKey } from './api.js';

const MAX_FILE_BYTES = 1024 * 1024;

function typeOf(format, text) {
  if (format === 'json') return 'application/json';
  if (format === 'yaml') return 'application/yaml';
  return /^\s*[{[]/.test(text) ? 'application/json' : 'application/yaml';
}

export class SubmitView {
  #api;
  #flash;
  #idempotencyKey = newIdempotencyKey();
  #sentText = null;

  constructor({ api, flash }) {
    this.#api = api;
    this.#flash = flash;
  }

  start(container) {
    const plan = el('textarea', { id: 'plan-text', rows: 22, spellcheck: 'false', 'aria-describedby': 'plan-help plan-errors' });
    const file = el('input', { id: 'plan-file', type: 'file', accept: '.yaml,.yml,.json,application/json,application/yaml,text/yaml' });
    const format = el('select', { id: 'plan-format' },
      el('option', { value: 'auto' }, 'detect (JSON if it starts with { )'), el('option', { value: 'yaml' }, 'YAML'), el('option', { value: 'json' }, 'JSON'));
    const errors = el('div', { id: 'plan-errors', className: 'plan-errors', role: 'alert', 'aria-live': 'assertive' });
    const send = el('button', { type: 'submit' }, 'Submit rollout');

    file.addEventListener('change', async () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      if (chosen.size > MAX_FILE_BYTES) {
        replace(errors, el('p', { className: 'error' }, `${chosen.name} is larger than 1 MiB, the service's limit.`));
        return;
      }
      plan.value = await chosen.text();
      if (/\.json$/i.test(chosen.name)) format.value = 'json';
      else if (/\.ya?ml$/i.test(chosen.name)) format.value = 'yaml';
    });

    const form = el('form', { className: 'card submit-form', on: { submit: e => { e.preventDefault(); this.#submit(plan, format, errors, send); } } },
      el('label', { for: 'plan-text' }, 'Plan (YAML or JSON)'),
      el('p', { id: 'plan-help', className: 'meta' }, 'The same plan the validate verb accepts (see examples/ in the repository). Model and request paths resolve on the service.'),
      plan,
      el('div', { className: 'row' },
        el('label', { for: 'plan-file' }, 'or load a file'), file,
        el('label', { for: 'plan-format' }, 'Format'), format),
      errors,
      send);
    replace(container, el('h1', {}, 'Submit a plan'), form);
  }

  stop() {}

  async #submit(plan, format, errors, send) {
    const text = plan.value;
    if (!text.trim()) {
      replace(errors, el('p', { className: 'error' }, 'The plan is empty: paste it or load a file.'));
      plan.focus();
      return;
    }

    // A changed plan is a new submission; the same text sent again (a lost answer) keeps its key and starts one rollout.
    if (text !== this.#sentText) {
      this.#idempotencyKey = newIdempotencyKey();
      this.#sentText = text;
    }

    send.disabled = true;
    replace(errors);
    try {
      const rollout = await this.#api.submit(text, typeOf(format.value, text), this.#idempotencyKey);
      this.#flash(rollout.state === 'Queued'
        ? `Queued: rollout ${rollout.id} starts when the endpoint's active rollout ends.`
        : `Submitted: rollout ${rollout.id} is ${rollout.state}.`, 'ok');
      location.hash = `#/rollouts/${rollout.id}`;
    } catch (error) {
      if (error.status === 401) return;
      if (error.status !== 0) this.#sentText = null;
      const fields = Object.entries(error.fieldErrors);
      replace(errors,
        el('p', { className: 'error' }, error.message),
        fields.length ? el('ul', { className: 'field-errors' }, fields.flatMap(([field, reasons]) =>
          (Array.isArray(reasons) ? reasons : [reasons]).map(reason => el('li', {}, el('code', {}, field || '(plan)'), ': ', String(reason))))) : null,
        error.problem.activeRolloutId ? el('p', {}, 'Active rollout: ', el('a', { href: `#/rollouts/${error.problem.activeRolloutId}` }, error.problem.activeRolloutId)) : null);
      send.disabled = false;
    }
  }
}
