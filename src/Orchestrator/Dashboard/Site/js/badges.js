// Coloured labels that always carry their text (colour is never the only signal).
import { el } from './dom.js';
import { stateTone, verdictTone } from './format.js';

export function stateBadge(state, pausedFrom) {
  const text = state === 'Paused' && pausedFrom ? `Paused (from ${pausedFrom})` : state;
  return el('span', { className: `badge tone-${stateTone(state)}`, 'data-state': state }, text);
}

export function verdictBadge(verdict) {
  return el('span', { className: `badge tone-${verdictTone(verdict)}` }, verdict);
}
