// The last gate round as a table, and each gate's history as a small chart of observed value against threshold.
import { el, svg } from './dom.js';
import { number, time } from './format.js';
import { verdictBadge } from './badges.js';

const HISTORY_POINTS = 120;

function windowText(evaluation) {
  const seconds = Math.round((new Date(evaluation.windowEnd) - new Date(evaluation.windowStart)) / 1000);
  return Number.isFinite(seconds) ? `${seconds} s` : '';
}

export function lastRoundSection(round) {
  if (!round) return el('p', { className: 'meta' }, 'No gate has been checked yet.');
  return [
    el('p', {}, `Step ${round.stepIndex + 1} (${round.stepKind}) at ${time(round.at)}: `, verdictBadge(round.verdict)),
    el('table', { className: 'gates' },
      el('thead', {}, el('tr', {},
        ['Gate', 'Metric', 'Verdict', 'Observed', 'Baseline', 'Threshold', 'Samples', 'Window', 'Reason'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, round.evaluations.map(e => el('tr', {},
        el('th', { scope: 'row' }, e.gate),
        el('td', {}, e.metric),
        el('td', {}, verdictBadge(e.verdict)),
        el('td', { className: 'num' }, number(e.observed)),
        el('td', { className: 'num' }, number(e.baseline)),
        el('td', { className: 'num' }, number(e.threshold)),
        el('td', { className: 'num' }, String(e.samples)),
        el('td', {}, windowText(e)),
        el('td', { className: 'reason' }, e.reason ?? ''))))),
  ];
}

function seriesByGate(rounds) {
  const series = new Map();
  for (const round of rounds) {
    for (const e of round.evaluations) {
      if (!series.has(e.gate)) series.set(e.gate, { metric: e.metric, points: [] });
      series.get(e.gate).points.push({ at: new Date(round.at).getTime(), observed: e.observed, threshold: e.threshold, verdict: e.verdict });
    }
  }
  return series;
}

function chart(gate, points) {
  const width = 360, height = 110, left = 44, right = 8, top = 8, bottom = 20;
  const values = points.flatMap(p => [p.observed, p.threshold]).filter(v => v !== null && v !== undefined);
  const max = Math.max(1e-9, ...values) * 1.1;
  const first = points[0].at, last = points[points.length - 1].at;
  const x = at => left + (last === first ? (width - left - right) / 2 : (at - first) / (last - first) * (width - left - right));
  const y = v => top + (1 - v / max) * (height - top - bottom);
  const line = (key, className) => {
    const coords = points.filter(p => p[key] !== null && p[key] !== undefined).map(p => `${x(p.at).toFixed(1)},${y(p[key]).toFixed(1)}`);
    return coords.length ? svg('polyline', { points: coords.join(' '), class: className }) : null;
  };
  const lastPoint = points[points.length - 1];
  const summary = `${gate}: last observed ${number(lastPoint.observed)} against threshold ${number(lastPoint.threshold)}, ${points.length} checks`;
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': summary },
    svg('title', {}, summary),
    svg('line', { x1: left, y1: y(0), x2: width - right, y2: y(0), class: 'axis' }),
    svg('text', { x: left - 4, y: y(0), class: 'tick', 'text-anchor': 'end' }, '0'),
    svg('text', { x: left - 4, y: y(max / 1.1) + 4, class: 'tick', 'text-anchor': 'end' }, number(+(max / 1.1).toPrecision(3))),
    svg('text', { x: left, y: height - 4, class: 'tick' }, new Date(first).toLocaleTimeString()),
    svg('text', { x: width - right, y: height - 4, class: 'tick', 'text-anchor': 'end' }, new Date(last).toLocaleTimeString()),
    line('threshold', 'threshold'),
    line('observed', 'observed'),
    points.filter(p => p.observed !== null && p.observed !== undefined)
      .map(p => svg('circle', { cx: x(p.at).toFixed(1), cy: y(p.observed).toFixed(1), r: 2, class: `dot verdict-${p.verdict}` })));
}

export function historySection(rounds) {
  if (!rounds.length) return el('p', { className: 'meta' }, 'No gate history yet.');
  const figures = [];
  for (const [gate, { metric, points }] of seriesByGate(rounds)) {
    const recent = points.slice(-HISTORY_POINTS);
    const counts = recent.reduce((c, p) => ({ ...c, [p.verdict]: (c[p.verdict] ?? 0) + 1 }), {});
    figures.push(el('figure', { className: 'gate-chart' },
      chart(gate, recent),
      el('figcaption', {},
        el('strong', {}, gate), ` (${metric}): `,
        Object.entries(counts).map(([verdict, count]) => `${count} ${verdict}`).join(', '),
        ` in the last ${recent.length} checks. `,
        el('span', { className: 'legend-observed' }, 'observed'), ' vs ', el('span', { className: 'legend-threshold' }, 'threshold'))));
  }
  return el('div', { className: 'charts' }, figures);
}
