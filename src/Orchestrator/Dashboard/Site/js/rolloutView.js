// One rollout: state, step, bake, desired and actual traffic, gates (last round and history), audit log, actions.
import { el, replace, say } from './dom.js';
import { duration, stepText, time } from './format.js';
import { stateBadge } from './badges.js';
import { trafficSection } from './traffic.js';
import { lastRoundSection, historySection } from './gates.js';
import { auditSection } from './audit.js';
import { ActionBar } from './actions.js';
import { Poller } from './poller.js';
import { Feed } from './feed.js';

function section(id, title) {
  const body = el('div', { className: 'section-body' });
  const node = el('section', { className: 'card', id, 'aria-labelledby': `${id}-title` }, el('h2', { id: `${id}-title` }, title), body);
  return { node, body, shown: null };
}

function stepLine(view) {
  if (view.stepIndex < 0) return `not started (${view.stepCount} steps)`;
  const step = view.steps[view.stepIndex];
  return step ? `${view.stepIndex + 1} of ${view.stepCount}: ${stepText(step)}` : `all ${view.stepCount} done`;
}

// The charts show a gate's last 120 checks; older rounds need not stay in the page.
const KEEP_ROUNDS = 1000;

// Rolling back or over, the step's bake no longer counts down: showing time left would mislead.
const SETTLED = ['RollingBack', 'RolledBack', 'Failed', 'Succeeded', 'Cancelled'];

function bakeText(view) {
  if (SETTLED.includes(view.state)) return 'over';
  if (!view.bakeTime) return 'no bake in this step';
  return `${duration(view.bakeRemaining)} left of ${duration(view.bakeTime)}${view.state === 'Paused' ? '; paused: no advance until resumed' : ''}`;
}

function summary(view) {
  const rows = [
    ['State', stateBadge(view.state, view.pausedFrom)],
    ['Step', stepLine(view)],
    ['Bake', bakeText(view)],
    ['Submitted', `by ${view.submittedBy} at ${time(view.createdAt)}`],
    ['Updated', time(view.updatedAt)],
    view.attempt > 0 ? ['Attempt', String(view.attempt + 1)] : null,
    view.queuedBehind ? ['Queued behind', el('a', { href: `#/rollouts/${view.queuedBehind}` }, view.queuedBehind)] : null,
    view.rollbackReason ? ['Rollback reason', view.rollbackReason] : null,
    view.failureReason ? ['Failure reason', view.failureReason] : null,
  ];
  return el('dl', { className: 'summary' }, rows.filter(Boolean).map(([term, value]) => [el('dt', {}, term), el('dd', { dataset: { field: term.toLowerCase() } }, value)]));
}

function steps(view) {
  return el('ol', { className: 'steps' }, view.steps.map(step => {
    const here = SETTLED.includes(view.state) ? 'stopped' : 'current';
    const where = step.index < view.stepIndex ? 'done' : step.index === view.stepIndex ? here : 'todo';
    return el('li', { className: `step-${where}`, 'aria-current': where === here ? 'step' : null }, stepText(step));
  }));
}

export class RolloutView {
  #context;
  #id;
  #poller = new Poller(() => this.#refresh());
  #actions;
  #title = el('h1', {}, 'Rollout');
  #subtitle = el('p', { className: 'meta' });
  #error = el('p', { className: 'error', role: 'alert', hidden: true });
  #sections = {};
  #audit;
  #gates;

  constructor(context, id) {
    this.#context = context;
    this.#id = id;
    // Each refresh asks only for what is new since the last one; a rollout's entries never change once written.
    this.#audit = new Feed(after => context.api.getAudit(id, after), page => page.events);
    this.#gates = new Feed(after => context.api.getGates(id, after), page => page.rounds, KEEP_ROUNDS);
    this.#actions = new ActionBar(context, id, () => this.#poller.now());
  }

  start(container) {
    this.#sections = {
      summary: section('summary', 'Status'),
      traffic: section('traffic', 'Traffic'),
      steps: section('steps', 'Steps'),
      lastRound: section('last-round', 'Last gate round'),
      history: section('gate-history', 'Gate history'),
      audit: section('audit', 'Audit log'),
    };
    const s = this.#sections;
    replace(container,
      el('p', {}, el('a', { href: '#/rollouts' }, '← All rollouts')),
      el('header', { className: 'rollout-header' }, el('div', {}, this.#title, this.#subtitle), this.#actions.node),
      this.#error,
      el('div', { className: 'grid' }, s.summary.node, s.traffic.node),
      s.lastRound.node,
      el('div', { className: 'grid' }, s.steps.node, s.history.node),
      s.audit.node);
    this.#poller.start();
  }

  stop() {
    this.#poller.stop();
    this.#actions.remove();
  }

  async #refresh() {
    const api = this.#context.api;
    let view;
    try {
      [view] = await Promise.all([api.getRollout(this.#id), this.#audit.update(), this.#gates.update()]);
    } catch (error) {
      // A 401 already sent the user to the key prompt; anything else is said above the (last known) data.
      if (error.status !== 401) say(this.#error, error.message);
      return;
    }

    say(this.#error, null);
    this.#title.textContent = view.endpoint;
    this.#subtitle.textContent = `${view.baseline} → ${view.candidate} on ${view.target} · rollout ${view.id}`;
    this.#actions.update(view);
    const s = this.#sections;
    this.#show(s.summary, view, () => summary(view));
    this.#show(s.traffic, [view.desiredTraffic, view.actualTraffic], () => trafficSection(view));
    this.#show(s.steps, [view.steps, view.stepIndex, view.state], () => steps(view));
    this.#show(s.lastRound, view.lastGateRound, () => lastRoundSection(view.lastGateRound));
    const audit = this.#audit, gates = this.#gates;
    this.#show(s.history, gates.next, () => historySection(gates.entries));
    this.#show(s.audit, audit.next, () => auditSection(audit.entries));
  }

  /** Re-renders a section only when its data changed. */
  #show(part, data, render) {
    const signature = JSON.stringify(data ?? null);
    if (signature === part.shown) return;
    part.shown = signature;
    replace(part.body, render());
  }
}
