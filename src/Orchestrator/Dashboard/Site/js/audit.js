// The audit log, newest first: who did what, in which role and from where, and why.
import { el } from './dom.js';
import { time } from './format.js';

export function auditSection(events) {
  if (!events.length) return el('p', { className: 'meta' }, 'Nothing recorded yet.');
  return el('table', { className: 'audit' },
    el('caption', { className: 'visually-hidden' }, 'Audit log, newest first'),
    el('thead', {}, el('tr', {}, ['Time', 'Action', 'Actor', 'Role', 'Source', 'Reason', 'State'].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, [...events].reverse().map(e => el('tr', {},
      el('td', {}, time(e.at)),
      el('td', {}, e.action),
      el('td', { className: 'actor' }, e.actor),
      el('td', {}, e.role),
      el('td', {}, e.source),
      el('td', { className: 'reason' }, e.reason ?? ''),
      el('td', {}, e.fromState && e.toState ? `${e.fromState} → ${e.toState}` : (e.toState ?? ''))))));
}
