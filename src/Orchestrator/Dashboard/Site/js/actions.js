// The action buttons of one rollout: only those the state table permits now AND the key's role may send. Each opens
// a dialog for the reason (required for abort, refused empty here before anything is sent).
import { el, replace, say } from './dom.js';
import { newIdempotencyKey } from './api.js';

const ACTIONS = {
  pause: { label: 'Pause', confirm: 'Pause rollout', text: 'Hold the current split. Gates keep watching, and a failed gate still rolls back.' },
  resume: { label: 'Resume', confirm: 'Resume rollout', text: 'Continue in the phase the rollout was paused from.' },
  abort: { label: 'Abort', confirm: 'Abort and roll back', text: 'Roll back now: baseline 100%, candidate 0%, mirror off. Say why: the reason goes to the audit log.', reasonRequired: true },
  promote: { label: 'Promote', confirm: 'Promote now', text: 'End the current bake now and go on to the next step.' },
  approve: { label: 'Approve', confirm: 'Approve step', text: 'Approve the step the rollout waits on.' },
  retry: { label: 'Retry', confirm: 'Retry from the start', text: 'Start the rolled-back rollout over from its first step.' },
};

export class ActionBar {
  #api;
  #me;
  #notify;
  #rolloutId;
  #onDone;
  #node = el('div', { className: 'actions', role: 'group', 'aria-label': 'Actions' });
  #dialog;
  #shown = null;
  #action = null;
  #idempotencyKey = null;

  constructor({ api, me, notify }, rolloutId, onDone) {
    this.#api = api;
    this.#me = me;
    this.#notify = notify;
    this.#rolloutId = rolloutId;
    this.#onDone = onDone;
    this.#dialog = this.#buildDialog();
    document.body.append(this.#dialog.root);
  }

  get node() {
    return this.#node;
  }

  /** Re-renders only when the offered actions change, so keyboard focus survives the 2-second refresh. */
  update(view) {
    const offered = view.permittedActions.filter(a => this.#me.actions.includes(a) && ACTIONS[a]);
    const signature = offered.join(',') + '|' + view.state;
    if (signature === this.#shown) return;
    this.#shown = signature;
    if (offered.length) {
      replace(this.#node, offered.map(a => el('button', {
        type: 'button', className: a === 'abort' ? 'danger' : '', 'data-action': a, on: { click: () => this.#open(a) },
      }, ACTIONS[a].label)));
    } else if (this.#me.actions.length === 0) {
      replace(this.#node, el('p', { className: 'meta' }, `Your role (${this.#me.role}) can read but not act.`));
    } else {
      replace(this.#node, el('p', { className: 'meta' }, `No action of your role (${this.#me.role}) is open in state ${view.state}.`));
    }
  }

  remove() {
    this.#dialog.root.remove();
  }

  #buildDialog() {
    const title = el('h2', { id: 'action-title' });
    const text = el('p', { id: 'action-text' });
    const reason = el('textarea', { id: 'action-reason', rows: 3, maxlength: 2000, 'aria-describedby': 'action-error' });
    const reasonLabel = el('label', { for: 'action-reason' });
    const error = el('p', { id: 'action-error', className: 'error', role: 'alert', hidden: true });
    const confirm = el('button', { type: 'submit' });
    const cancel = el('button', { type: 'button', className: 'secondary', on: { click: () => root.close() } }, 'Cancel');
    // novalidate: the page checks the reason itself and says why in the dialog, instead of the browser's bubble.
    const form = el('form', { novalidate: true, on: { submit: e => { e.preventDefault(); this.#send(); } } },
      title, text, reasonLabel, reason, error, el('div', { className: 'dialog-buttons' }, cancel, confirm));
    const root = el('dialog', { className: 'action-dialog', 'aria-labelledby': 'action-title', 'aria-describedby': 'action-text' }, form);
    return { root, title, text, reason, reasonLabel, error, confirm };
  }

  #open(action) {
    const spec = ACTIONS[action];
    const d = this.#dialog;
    this.#action = action;
    this.#idempotencyKey = newIdempotencyKey();
    d.title.textContent = `${spec.label} this rollout?`;
    d.text.textContent = spec.text;
    d.reasonLabel.textContent = spec.reasonRequired ? 'Reason (required)' : 'Reason (optional)';
    d.reason.value = '';
    d.reason.required = !!spec.reasonRequired;
    d.error.hidden = true;
    d.confirm.textContent = spec.confirm;
    d.confirm.className = action === 'abort' ? 'danger' : '';
    d.confirm.disabled = false;
    d.root.showModal();
    d.reason.focus();
  }

  #fail(message) {
    say(this.#dialog.error, message);
  }

  async #send() {
    const d = this.#dialog;
    const action = this.#action;
    const reason = d.reason.value.trim();
    if (ACTIONS[action].reasonRequired && !reason) {
      this.#fail('An abort needs a reason: say why you roll back.');
      d.reason.focus();
      return;
    }

    d.confirm.disabled = true;
    try {
      const result = await this.#api.act(this.#rolloutId, action, reason || undefined, this.#idempotencyKey);
      d.root.close();
      this.#notify(`${ACTIONS[action].label} done: the rollout is ${result.state} now.`, 'ok');
      this.#onDone();
    } catch (error) {
      if (error.status === 401) {
        d.root.close();
        return;
      }

      // The service answered: the action is settled (refused), so a second try is a new request. Without an answer,
      // a repeat keeps the key, and the service acts at most once.
      if (error.status !== 0) this.#idempotencyKey = newIdempotencyKey();
      this.#fail(error.message);
      d.confirm.disabled = false;
    }
  }
}
