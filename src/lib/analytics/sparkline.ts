/**
 * A static inline SVG of a window's traffic (requests as a filled line, errors as a second
 * line), drawn at build time so the page shows the shape of the traffic without JavaScript.
 * Its text alternative (title + desc) states the figures a sighted reader takes from it.
 */
import { html, raw, type SafeHtml } from '../html.ts';
import { formatCount, formatUtc } from './format.ts';
import type { SeriesPoint } from './report.ts';

const WIDTH = 600;
const HEIGHT = 100;
const PAD = 2;

function coord(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function linePath(values: number[], max: number): string {
  const step = values.length > 1 ? (WIDTH - 2 * PAD) / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = values.length > 1 ? PAD + i * step : WIDTH / 2;
      const y = HEIGHT - PAD - (max > 0 ? (v / max) * (HEIGHT - 2 * PAD) : 0);
      return `${i === 0 ? 'M' : 'L'}${coord(x)} ${coord(y)}`;
    })
    .join(' ');
}

export function renderSparkline(points: readonly SeriesPoint[], options: { id: string; title: string }): SafeHtml {
  const { id, title } = options;
  if (points.length === 0) return html``;
  const requests = points.map((p) => p.requests);
  const errors = points.map((p) => p.errors);
  const max = Math.max(...requests, 1);
  const line = linePath(requests, max);
  const area = `${line} L${coord(WIDTH - PAD)} ${coord(HEIGHT - PAD)} L${coord(PAD)} ${coord(HEIGHT - PAD)} Z`;
  const total = requests.reduce((a, b) => a + b, 0);
  const totalErrors = errors.reduce((a, b) => a + b, 0);
  const peak = points.reduce((best, p) => (p.requests > best.requests ? p : best), points[0]!);
  const desc =
    `${formatCount(total)} requests and ${formatCount(totalErrors)} errors from ` +
    `${formatUtc(points[0]!.start)} over ${points.length} intervals; ` +
    `busiest interval starting ${formatUtc(peak.start)} with ${formatCount(peak.requests)} requests.`;
  return html`<svg class="atrium-spark" viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"><title id="${id}-title">${title}</title><desc id="${id}-desc">${desc}</desc><path class="atrium-spark__area" d="${raw(area)}"/><path class="atrium-spark__requests" d="${raw(line)}" vector-effect="non-scaling-stroke"/><path class="atrium-spark__errors" d="${raw(linePath(errors, max))}" vector-effect="non-scaling-stroke"/></svg>`;
}
