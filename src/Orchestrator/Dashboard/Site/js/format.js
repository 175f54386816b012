// Formatting and the colour classes of states and verdicts (colour always comes with the state's name as text).

const STATE_TONES = {
  Succeeded: 'ok',
  Pending: 'muted', Queued: 'muted', Cancelled: 'muted',
  DeployingCandidate: 'active', TestingCandidate: 'active', Shadowing: 'active', Canary: 'active',
  Promoted: 'active', DeletingBaseline: 'active',
  Paused: 'hold', AwaitingApproval: 'hold',
  RollingBack: 'bad', RolledBack: 'bad', Failed: 'bad',
};

/** Every state, in the order of the path (the list's filter). */
export const STATES = ['Queued', 'Pending', 'DeployingCandidate', 'TestingCandidate', 'Shadowing', 'Canary', 'Promoted',
  'AwaitingApproval', 'DeletingBaseline', 'Succeeded', 'Paused', 'RollingBack', 'RolledBack', 'Failed', 'Cancelled'];

export function stateTone(state) {
  return STATE_TONES[state] ?? 'muted';
}

export function verdictTone(verdict) {
  return verdict === 'Pass' ? 'ok' : verdict === 'Fail' ? 'bad' : 'hold';
}

/** "1.02:03:04.5" or "00:06:00" (TimeSpan as the API writes it) → "1d 2h 3m 4s". */
export function duration(text) {
  if (text === null || text === undefined) return '';
  const match = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+)(?:\.\d+)?$/.exec(text);
  if (!match) return String(text);
  const [, sign, d, h, m, s] = match;
  const parts = [];
  if (d && +d) parts.push(`${+d}d`);
  if (+h) parts.push(`${+h}h`);
  if (+m) parts.push(`${+m}m`);
  if (+s || parts.length === 0) parts.push(`${+s}s`);
  return (sign ?? '') + parts.join(' ');
}

/** A time in the reader's locale, with seconds. */
export function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** "traffic 10% · bake 5m" */
export function stepText(step) {
  if (!step) return '';
  const parts = [step.kind];
  if (step.percent !== null && step.percent !== undefined) parts[0] += ` ${step.percent}%`;
  if (step.deployment) parts.push(`${step.deployment} × ${step.instanceCount}`);
  if (step.bake) parts.push(`bake ${duration(step.bake)}`);
  return parts.join(' · ');
}

/** A number for a table cell: integers as they are, others with up to 3 decimals. */
export function number(value) {
  if (value === null || value === undefined) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/\.?0+$/, '');
}
