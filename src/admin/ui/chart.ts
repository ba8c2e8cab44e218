/**
 * A bar chart of values per day as inline SVG, drawn on the server: no script, no inline
 * `style` (the admin's CSP is `style-src 'self'`), only presentation attributes and
 * classes that `assets/admin.css` colours. Each series gets a panel of its own with its
 * own scale, under one shared day axis: page views and comments differ by orders of
 * magnitude, and two y-axes on one plot invite misreading. Pure: same input, same markup.
 *
 * Days are ISO dates (`2026-03-05`) in UTC, as the dashboard counts them.
 *
 * @example
 *   const days = dayRange('2026-03-30', 30);
 *   renderDayChart({
 *     id: 'per-day', title: 'Views and comments per day', desc: '…', xLabel: 'Day (UTC)', days,
 *     series: [{ label: 'Views', className: 'chart-views', values: fillDays(days, viewRows) }],
 *   });
 */
import { html, type SafeHtml } from '../../platform/html.js';

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The `count` days that end with `last`, oldest first. */
export function dayRange(last: string, count: number): string[] {
  if (!ISO_DAY.test(last)) throw new RangeError(`not an ISO day: ${last}`);
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: Math.max(0, count) }, (_, i) => new Date(end - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** One value per day of `days`: the rows' values, 0 where a day has no row (rows outside are ignored). */
export function fillDays(days: readonly string[], rows: readonly { day: string; value: number }[]): number[] {
  const byDay = new Map<string, number>();
  for (const row of rows) byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.value);
  return days.map((day) => byDay.get(day) ?? 0);
}

export interface Scale {
  /** The top of the axis: a round number at least as large as the data (1 for no data). */
  max: number;
  step: number;
  ticks: number[];
}

/**
 * A y-axis for counts: whole-number steps of 1, 2 or 5 times a power of ten, about
 * `tickCount` of them, from 0 to at least `max`.
 */
export function niceScale(max: number, tickCount = 4): Scale {
  const top = Number.isFinite(max) && max > 0 ? max : 0;
  if (top === 0) return { max: 1, step: 1, ticks: [0, 1] };
  const rough = top / tickCount;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const norm = rough / magnitude;
  const step = Math.max(1, (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude);
  const steps = Math.ceil(top / step);
  return { max: steps * step, step, ticks: Array.from({ length: steps + 1 }, (_, i) => i * step) };
}

export interface DaySeries {
  label: string;
  /** Class of the bars, coloured by the stylesheet (`chart-views`, `chart-comments`). */
  className: string;
  /** One value per day, in the order of `days`. */
  values: readonly number[];
}

export interface DayChart {
  /** Prefix of the element ids (`{id}-title`, `{id}-desc`), unique on the page. */
  id: string;
  title: string;
  /** A sentence or two saying what the chart shows, for screen readers. */
  desc: string;
  xLabel: string;
  days: readonly string[];
  series: readonly DaySeries[];
  /** A day on the x-axis and in a bar's tooltip; the ISO day by default. */
  dayLabel?: (day: string) => string;
  /** A number on the y-axis (short: "1,2 Mio."); plain digits by default. */
  tickLabel?: (value: number) => string;
  /** A number in a bar's tooltip; plain digits by default. */
  valueLabel?: (value: number) => string;
}

// Geometry in viewBox units; the stylesheet scales the whole drawing to the column width.
const WIDTH = 720;
const LEFT = 56;
const RIGHT = 18; // room for half of the last day's label
const PLOT_HEIGHT = 110;
const PANEL_TITLE = 22;
const PANEL_AXIS = 22;
const X_TITLE = 20;

const round = (n: number) => Math.round(n * 100) / 100;
const clean = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0);

/** Which days get a label: about eight, always including the last (today). */
export function labelledDays(count: number): Set<number> {
  const every = Math.max(1, Math.ceil(count / 8));
  const labelled = new Set<number>();
  for (let i = count - 1; i >= 0; i -= every) labelled.add(i);
  return labelled;
}

function panel(chart: DayChart, series: DaySeries, top: number): SafeHtml {
  const n = chart.days.length;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const slot = n > 0 ? plotWidth / n : plotWidth;
  const barWidth = round(Math.max(1, slot * 0.72));
  const values = chart.days.map((_, i) => clean(series.values[i] ?? 0));
  const scale = niceScale(Math.max(0, ...values));
  const plotTop = top + PANEL_TITLE;
  const baseline = plotTop + PLOT_HEIGHT;
  const y = (value: number) => round(baseline - (value / scale.max) * PLOT_HEIGHT);
  const dayLabel = chart.dayLabel ?? ((day: string) => day);
  const tickLabel = chart.tickLabel ?? ((value: number) => String(value));
  const valueLabel = chart.valueLabel ?? ((value: number) => String(value));
  const labelled = labelledDays(n);

  const grid = scale.ticks.map(
    (tick) => html`<line class="chart-grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(tick)}" y2="${y(tick)}"/><text class="chart-tick" x="${LEFT - 6}" y="${round(y(tick) + 4)}" text-anchor="end">${tickLabel(tick)}</text>`,
  );
  const bars = values.map((value, i) => {
    if (value === 0) return '';
    // A day with any count stays visible next to one huge day.
    const height = round(Math.max(1, (value / scale.max) * PLOT_HEIGHT));
    return html`<rect class="${series.className}" x="${round(LEFT + i * slot + (slot - barWidth) / 2)}" y="${round(baseline - height)}" width="${barWidth}" height="${height}"><title>${dayLabel(chart.days[i]!)}: ${valueLabel(value)} ${series.label}</title></rect>`;
  });
  const ticks = chart.days.map((day, i) => {
    if (!labelled.has(i)) return '';
    const x = round(LEFT + (i + 0.5) * slot);
    return html`<line class="chart-axis" x1="${x}" x2="${x}" y1="${baseline}" y2="${baseline + 4}"/><text class="chart-tick" x="${x}" y="${baseline + 16}" text-anchor="middle">${dayLabel(day)}</text>`;
  });
  return html`<g class="chart-panel"><text class="chart-label" x="${LEFT}" y="${top + 14}">${series.label}</text>
${grid}
${bars}
<line class="chart-axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${baseline}" y2="${baseline}"/>${ticks}</g>`;
}

/** The chart as an `<svg role="img">` labelled by its own `<title>` and `<desc>`. */
export function renderDayChart(chart: DayChart): SafeHtml {
  const panelHeight = PANEL_TITLE + PLOT_HEIGHT + PANEL_AXIS;
  const height = chart.series.length * panelHeight + X_TITLE;
  const panels = chart.series.map((series, i) => panel(chart, series, i * panelHeight));
  return html`<svg class="admin-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc">
<title id="${chart.id}-title">${chart.title}</title>
<desc id="${chart.id}-desc">${chart.desc}</desc>
${panels}
<text class="chart-label" x="${round(LEFT + (WIDTH - LEFT - RIGHT) / 2)}" y="${height - 4}" text-anchor="middle">${chart.xLabel}</text>
</svg>`;
}
