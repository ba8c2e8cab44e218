// The dashboard's SVG chart: days filled, scales round, labels escaped, no NaN on empty
// data, one huge day neither overflows the plot nor hides the small ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayRange, fillDays, labelledDays, niceScale, renderDayChart, type DayChart } from './chart.js';

const chart = (over: Partial<DayChart> = {}): DayChart => {
  const days = over.days ?? dayRange('2026-03-07', 7);
  return {
    id: 'c',
    title: 'Views and comments per day',
    desc: 'Seven days',
    xLabel: 'Day (UTC)',
    days,
    series: [
      { label: 'Views', className: 'chart-views', values: days.map((_, i) => i * 10) },
      { label: 'Comments', className: 'chart-comments', values: days.map((_, i) => i % 2) },
    ],
    ...over,
  };
};

/** Every bar as numbers, per class. */
function bars(svg: string, className: string) {
  return [...svg.matchAll(new RegExp(`<rect class="${className}" x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)">`, 'g'))].map((m) => ({
    x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]),
  }));
}

test('dayRange counts back across month and year ends, in UTC', () => {
  assert.deepEqual(dayRange('2026-03-01', 3), ['2026-02-27', '2026-02-28', '2026-03-01']);
  assert.deepEqual(dayRange('2026-01-01', 2), ['2025-12-31', '2026-01-01']);
  assert.equal(dayRange('2026-03-30', 30).length, 30);
  assert.deepEqual(dayRange('2026-03-30', 0), []);
  // The night the clocks change in Berlin is a day like any other here.
  assert.deepEqual(dayRange('2026-03-30', 3), ['2026-03-28', '2026-03-29', '2026-03-30']);
  assert.throws(() => dayRange('30.03.2026', 3), RangeError);
});

test('fillDays puts 0 on days without a row and ignores rows outside the period', () => {
  const days = dayRange('2026-03-05', 5);
  const filled = fillDays(days, [
    { day: '2026-03-02', value: 4 },
    { day: '2026-03-05', value: 1 },
    { day: '2026-02-01', value: 99 },
  ]);
  assert.deepEqual(filled, [0, 4, 0, 0, 1]);
  assert.deepEqual(fillDays(days, []), [0, 0, 0, 0, 0]);
});

test('niceScale: whole steps of 1, 2 or 5 × 10^n reaching at least the maximum', () => {
  assert.deepEqual(niceScale(0), { max: 1, step: 1, ticks: [0, 1] });
  assert.deepEqual(niceScale(Number.NaN), { max: 1, step: 1, ticks: [0, 1] });
  assert.deepEqual(niceScale(3), { max: 3, step: 1, ticks: [0, 1, 2, 3] });
  assert.deepEqual(niceScale(7), { max: 8, step: 2, ticks: [0, 2, 4, 6, 8] });
  assert.deepEqual(niceScale(100), { max: 100, step: 50, ticks: [0, 50, 100] });
  assert.deepEqual(niceScale(1234), { max: 1500, step: 500, ticks: [0, 500, 1000, 1500] });
  for (const max of [1, 9, 11, 99, 101, 4_567, 1e9 + 7]) {
    const scale = niceScale(max);
    assert.ok(scale.max >= max && scale.max < max * 3, `${max} → ${scale.max}`);
    assert.ok(Number.isInteger(scale.step) && scale.ticks.length <= 6, `${max}: ${scale.ticks.join(',')}`);
  }
});

test('labelledDays: about eight labels, always today', () => {
  assert.equal(labelledDays(7).size, 7);
  for (const n of [30, 90]) {
    const labelled = labelledDays(n);
    assert.ok(labelled.has(n - 1) && labelled.size >= 6 && labelled.size <= 9, `${n}: ${[...labelled].join(',')}`);
  }
});

test('the SVG is an accessible image: role, title and desc ids, one panel per series', () => {
  const svg = renderDayChart(chart()).toString();
  assert.match(svg, /^<svg class="admin-chart" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 720 \d+" role="img" aria-labelledby="c-title c-desc">/);
  assert.match(svg, /<title id="c-title">Views and comments per day<\/title>\n<desc id="c-desc">Seven days<\/desc>/);
  assert.equal(svg.match(/<g class="chart-panel">/g)?.length, 2);
  assert.match(svg, /<text class="chart-label"[^>]*>Day \(UTC\)<\/text>/);
  assert.match(svg, /<text class="chart-label"[^>]*>Views<\/text>/);
  // Day ticks: all seven days labelled; bars carry a tooltip.
  assert.equal(svg.match(/text-anchor="middle">2026-03-0\d<\/text>/g)?.length, 14);
  assert.match(svg, /<title>2026-03-07: 60 Views<\/title>/);
  assert.ok(!/style=|<script|NaN|Infinity/.test(svg));
});

test('bar heights follow the scale; zero days draw no bar', () => {
  const svg = renderDayChart(chart()).toString();
  const views = bars(svg, 'chart-views');
  assert.equal(views.length, 6, 'the first day has 0 views');
  // Max 60 → axis to 60 (steps of 20): the 60 bar fills the plot, 30 is half of it.
  assert.equal(views.at(-1)!.height, 110);
  assert.equal(views[2]!.height, 55);
  assert.ok(views.every((bar, i) => i === 0 || bar.x > views[i - 1]!.x), 'left to right, oldest first');
  assert.match(svg, />60<\/text>/);
});

test('one huge value keeps to the plot, and the small days stay visible', () => {
  const days = dayRange('2026-03-30', 30);
  const values = days.map((_, i) => (i === 10 ? 5_000_000_000 : 1));
  const svg = renderDayChart(chart({ days, series: [{ label: 'Views', className: 'chart-views', values }] })).toString();
  const drawn = bars(svg, 'chart-views');
  assert.equal(drawn.length, 30);
  const plotTop = Math.min(...drawn.map((bar) => bar.y));
  const baseline = drawn[0]!.y + drawn[0]!.height;
  assert.ok(drawn.every((bar) => bar.y >= plotTop && Math.abs(bar.y + bar.height - baseline) < 0.02 && bar.height >= 1 && bar.height <= 110));
  assert.equal(Math.max(...drawn.map((bar) => bar.height)), drawn[10]!.height);
  assert.ok(drawn[10]!.height > 80 && drawn.filter((bar) => bar.height === 1).length === 29);
  assert.ok(drawn.every((bar) => bar.x >= 56 && bar.x + bar.width <= 712));
  assert.ok(!/NaN|Infinity|e\+/.test(svg));
});

test('empty data: a flat chart with a 0–1 axis, no bars and no NaN', () => {
  const days = dayRange('2026-03-30', 30);
  const svg = renderDayChart(chart({ days, series: [{ label: 'Views', className: 'chart-views', values: [] }] })).toString();
  assert.equal(bars(svg, 'chart-views').length, 0);
  assert.match(svg, />0<\/text>/);
  assert.match(svg, />1<\/text>/);
  assert.ok(!/NaN|Infinity/.test(svg));
  const none = renderDayChart(chart({ days: [], series: [{ label: 'Views', className: 'chart-views', values: [] }] })).toString();
  assert.ok(!/NaN|Infinity/.test(none));
});

test('negative or non-finite values count as 0', () => {
  const days = dayRange('2026-03-03', 3);
  const svg = renderDayChart(chart({ days, series: [{ label: 'Views', className: 'chart-views', values: [-5, Number.NaN, Number.POSITIVE_INFINITY] }] })).toString();
  assert.equal(bars(svg, 'chart-views').length, 0);
  assert.ok(!/NaN|Infinity|-5/.test(svg));
});

test('every label is escaped: title, desc, series, days, numbers, ids', () => {
  const evil = `<script>alert(1)</script>"'&`;
  const svg = renderDayChart(
    chart({
      id: `x" onload="alert(1)`,
      title: evil,
      desc: evil,
      xLabel: evil,
      dayLabel: (day) => `${day}${evil}`,
      tickLabel: (n) => `${n}${evil}`,
      valueLabel: (n) => `${n}${evil}`,
      series: [{ label: evil, className: `a" onclick="x`, values: [1, 2, 3, 4, 5, 6, 7] }],
    }),
  ).toString();
  assert.ok(!svg.includes('<script>'));
  assert.ok(!svg.includes('" onload="') && !svg.includes('" onclick="'));
  assert.match(svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&#39;&amp;/);
});
