/**
 * Interactive charts on analytics pages. The page already shows each window's traffic as a
 * static SVG and a data table (src/lib/analytics/dashboard.ts); this script upgrades them:
 * when a window's chart scrolls near the viewport it loads Chart.js (a separate chunk, so no
 * other page pays for it), draws requests, errors and p95 latency into the hidden <canvas>,
 * then swaps the canvas in for the SVG. If anything fails the static chart simply stays.
 * Colours follow the theme (light/dark switch and system preference) as it changes.
 */
import type { Chart as ChartType, ChartConfiguration } from 'chart.js';

interface SeriesPoint {
  start: string;
  requests: number;
  errors: number;
  response_latency_p95: number;
}

interface WindowSeries {
  window: string;
  stepHours: number;
  points: SeriesPoint[];
}

type ChartModule = typeof import('chart.js');

let chartModule: Promise<ChartModule> | undefined;
const charts: ChartType[] = [];

function loadChartJs(): Promise<ChartModule> {
  chartModule ??= import('chart.js').then((m) => {
    m.Chart.register(
      m.BarController,
      m.BarElement,
      m.LineController,
      m.LineElement,
      m.PointElement,
      m.CategoryScale,
      m.LinearScale,
      m.Tooltip,
      m.Legend,
    );
    return m;
  });
  return chartModule;
}

/**
 * The theme's colours as Chart.js can use them. The custom properties hold `light-dark(…)`
 * (site.css), which a canvas does not understand — handed over as is, Chart.js draws black.
 * A probe element inside the chart's figure gets each property as its `color`; the browser
 * resolves it for the current colour scheme and reports plain `rgb(…)`.
 */
function colours(element: Element) {
  const probe = document.createElement('span');
  probe.hidden = true;
  element.append(probe);
  const read = (name: string, fallback: string) => {
    probe.style.color = '';
    probe.style.color = `var(${name}, ${fallback})`;
    return getComputedStyle(probe).color || fallback;
  };
  const resolved = {
    requests: read('--atrium-analytics-requests', '#1d4ed8'),
    errors: read('--atrium-analytics-errors', '#b42318'),
    latency: read('--atrium-muted', '#555d6b'),
    text: read('--atrium-fg', '#1a1d23'),
    grid: read('--atrium-border', '#d9dde3'),
  };
  probe.remove();
  return resolved;
}

function label(start: string, stepHours: number): string {
  // "2026-11-19T13:00:00Z" → "11-19 13:00" (hourly) or "11-19" (daily); times are UTC.
  return stepHours >= 24 ? start.slice(5, 10) : `${start.slice(5, 10)} ${start.slice(11, 16)}`;
}

function configuration(series: WindowSeries, element: Element): ChartConfiguration<'bar' | 'line'> {
  const c = colours(element);
  const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  return {
    type: 'bar',
    data: {
      labels: series.points.map((p) => label(p.start, series.stepHours)),
      datasets: [
        {
          type: 'bar',
          label: 'Requests',
          data: series.points.map((p) => p.requests),
          backgroundColor: c.requests,
          yAxisID: 'count',
          order: 2,
        },
        {
          type: 'line',
          label: 'Errors (4xx + 5xx)',
          data: series.points.map((p) => p.errors),
          borderColor: c.errors,
          backgroundColor: c.errors,
          pointRadius: 0,
          borderWidth: 2,
          yAxisID: 'count',
          order: 1,
        },
        {
          type: 'line',
          label: 'p95 response latency (ms)',
          data: series.points.map((p) => p.response_latency_p95),
          borderColor: c.latency,
          backgroundColor: c.latency,
          borderDash: [5, 4],
          pointRadius: 0,
          borderWidth: 2,
          yAxisID: 'latency',
          order: 0,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reduceMotion ? false : { duration: 300 },
      interaction: { mode: 'index', intersect: false },
      color: c.text,
      plugins: {
        // Datasets are ordered for drawing (lines over bars); list them in reading order.
        legend: { reverse: true, labels: { color: c.text } },
        tooltip: { callbacks: { title: (items) => `${items[0]?.label ?? ''} UTC` } },
      },
      scales: {
        x: { ticks: { color: c.text, maxRotation: 0, autoSkipPadding: 16 }, grid: { display: false } },
        count: {
          type: 'linear',
          position: 'left',
          beginAtZero: true,
          ticks: { color: c.text, precision: 0 },
          grid: { color: c.grid },
          title: { display: true, text: 'requests', color: c.text },
        },
        latency: {
          type: 'linear',
          position: 'right',
          beginAtZero: true,
          ticks: { color: c.text },
          grid: { display: false },
          title: { display: true, text: 'ms', color: c.text },
        },
      },
    },
  };
}

async function draw(canvas: HTMLCanvasElement): Promise<void> {
  const name = canvas.dataset.atriumChart;
  const figure = canvas.closest('figure');
  const data = figure?.querySelector<HTMLScriptElement>(`script[data-atrium-series="${name}"]`);
  const fallback = figure?.querySelector<HTMLElement>('[data-atrium-chart-fallback]');
  const holder = canvas.parentElement;
  if (!figure || !data || !holder) return;
  const series = JSON.parse(data.textContent ?? '{}') as WindowSeries;
  if (!series.points?.length) return;
  const { Chart } = await loadChartJs();
  holder.hidden = false;
  charts.push(new Chart(canvas, configuration(series, figure) as ChartConfiguration));
  if (fallback) fallback.hidden = true;
  // Chart.js draws its own legend (with the p95 line); the static one would repeat it.
  const legend = figure.querySelector<HTMLElement>('.atrium-analytics__legend');
  if (legend) legend.hidden = true;
}

function recolour(): void {
  for (const chart of charts) {
    const c = colours(chart.canvas.closest('figure') ?? chart.canvas);
    const [requests, errors, latency] = chart.data.datasets;
    if (requests) requests.backgroundColor = c.requests;
    if (errors) Object.assign(errors, { borderColor: c.errors, backgroundColor: c.errors });
    if (latency) Object.assign(latency, { borderColor: c.latency, backgroundColor: c.latency });
    const options = chart.options as ChartConfiguration<'bar'>['options'] & Record<string, any>;
    options.color = c.text;
    options.plugins!.legend!.labels!.color = c.text;
    for (const axis of ['x', 'count', 'latency']) {
      const scale = options.scales![axis]!;
      scale.ticks!.color = c.text;
      if (axis === 'count') scale.grid!.color = c.grid;
      if ('title' in scale && scale.title) scale.title.color = c.text;
    }
    // A full update: mode 'none' keeps the bars' cached colours.
    chart.update();
  }
}

function setUpAnalyticsCharts(): void {
  const canvases = [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-atrium-chart]')];
  if (canvases.length === 0) return;
  const start = (canvas: HTMLCanvasElement) => {
    draw(canvas).catch(() => {
      /* Chart.js could not load (offline, blocked): the static chart and table remain. */
    });
  };
  if ('IntersectionObserver' in window) {
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          observer.unobserve(entry.target);
          start(entry.target.querySelector('canvas') as HTMLCanvasElement);
        }
      },
      { rootMargin: '200px' },
    );
    // The canvas is inside a hidden element, so observe its figure instead.
    for (const canvas of canvases) {
      const figure = canvas.closest('figure');
      if (figure) observer.observe(figure);
    }
  } else {
    canvases.forEach(start);
  }
  new MutationObserver(recolour).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', recolour);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUpAnalyticsCharts, { once: true });
else setUpAnalyticsCharts();

export {};
