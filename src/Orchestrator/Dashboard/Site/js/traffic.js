// Traffic as split bars: live percent by deployment (baseline and candidate coloured apart, names as text), plus mirror.
import { el } from './dom.js';

function entries(split) {
  return Object.entries(split ?? {}).filter(([, percent]) => percent > 0);
}

function describe(split) {
  const parts = entries(split).map(([name, percent]) => `${name} ${percent}%`);
  return parts.length ? parts.join(' · ') : 'none';
}

function roleOf(name, view) {
  return name === view.baseline ? 'baseline' : name === view.candidate ? 'candidate' : 'other';
}

/** One labelled bar of live traffic and its mirror line. */
export function splitRow(label, traffic, view) {
  const live = entries(traffic.live);
  const bar = el('div', { className: 'split', role: 'img', 'aria-label': `${label} live traffic: ${describe(traffic.live)}` },
    live.length === 0
      ? el('div', { className: 'seg seg-none' }, 'no live traffic')
      : live.map(([name, percent]) => {
        // A narrow segment shows its percent only; the line under the bar names every deployment.
        const label = percent >= 20 ? `${name} ${percent}%` : `${percent}%`;
        const segment = el('div', { className: `seg seg-${roleOf(name, view)}`, title: `${name} ${percent}%` }, label);
        // CSSOM, not a style attribute: the page's Content-Security-Policy allows no inline style.
        segment.style.width = `${percent}%`;
        return segment;
      }));
  return el('div', { className: 'traffic-row', dataset: { traffic: label.toLowerCase() } },
    el('span', { className: 'traffic-label' }, label),
    bar,
    el('p', { className: 'traffic-text' },
      el('span', { className: 'live-text' }, `Live: ${describe(traffic.live)}`),
      ' · ',
      el('span', { className: 'mirror-text' }, `Mirror: ${describe(traffic.mirror)}`)));
}

/** The desired split, and the actual one or why it is unknown. */
export function trafficSection(view) {
  const actual = view.actualTraffic;
  return [
    splitRow('Desired', view.desiredTraffic, view),
    actual.known
      ? splitRow('Actual', actual.traffic, view)
      : el('div', { className: 'traffic-row', dataset: { traffic: 'actual' } },
        el('span', { className: 'traffic-label' }, 'Actual'),
        el('p', { className: 'unknown' }, `Unknown: ${actual.reason ?? 'not read'}`)),
    actual.known && actual.deployments?.length
      ? el('p', { className: 'meta' }, 'Deployments: ',
        actual.deployments.map((d, i) => [i ? ', ' : '', `${d.name} (${d.provisioning}, ${d.instanceCount} instance${d.instanceCount === 1 ? '' : 's'})`]))
      : null,
  ];
}
