// The accent colour's checks: contrast as WCAG computes it, a suggestion that passes in the
// same hue, a dark-mode variant that reads on the dark paper, hex input forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wcagContrast } from 'culori';
import { AA, accentContrast, darkAccent, normaliseHex, ON_ACCENT, PAPER, suggestAccent } from './colour.js';
import { themeCss } from './stylesheet.js';
import { DEFAULT_SETTINGS } from '../../platform/settings.js';

test('contrast is the weaker of links on the paper and white text on buttons', () => {
  assert.ok(accentContrast('#1d5b8c') > 6.5);
  assert.ok(accentContrast('#f5a623') < 2.5);
  assert.equal(accentContrast('#000000').toFixed(1), wcagContrast('#000000', PAPER.light).toFixed(1));
});

test('a faint accent gets a suggestion of the same hue that passes AA; a good one is kept', () => {
  for (const faint of ['#f5a623', '#ffff00', '#7fd1ae', '#ff69b4', '#8a8a8a']) {
    const suggestion = suggestAccent(faint);
    assert.match(suggestion, /^#[0-9a-f]{6}$/);
    assert.ok(accentContrast(suggestion) >= AA, `${faint} → ${suggestion}`);
  }
  assert.equal(suggestAccent('#1d5b8c'), '#1d5b8c');
});

test('the dark-mode accent reads on the dark paper and under dark button text', () => {
  for (const accent of ['#1d5b8c', '#b03a2e', '#2f6b2f', '#000000', '#f5a623']) {
    const dark = darkAccent(accent);
    assert.ok(wcagContrast(dark, PAPER.dark) >= AA, `${accent} → ${dark} on the paper`);
    assert.ok(wcagContrast(dark, ON_ACCENT.dark) >= AA, `${accent} → ${dark} under button text`);
  }
});

test('hex input: #rgb and #rrggbb in any case; anything else is no colour', () => {
  assert.equal(normaliseHex(' #1D5B8C '), '#1d5b8c');
  assert.equal(normaliseHex('#abc'), '#aabbcc');
  for (const bad of ['1d5b8c', '#12345', 'red', 'rgb(0,0,0)', '#1d5b8c; } body { x', '']) assert.equal(normaliseHex(bad), null, bad);
});

test('the theme stylesheet is empty on the defaults and carries the accent for both modes otherwise', () => {
  const assets = { url: (name: string) => `/assets/${name}` };
  assert.equal(themeCss(DEFAULT_SETTINGS.design, assets), '');
  const css = themeCss({ ...DEFAULT_SETTINGS.design, accent: '#b03a2e', fonts: 'newsreader', customCss: 'h1{color:red}' }, assets);
  assert.match(css, /:root\{--accent:#b03a2e;--accent-strong:#[0-9a-f]{6}\}/);
  assert.match(css, /@media \(prefers-color-scheme: dark\)\{:root:not\(\[data-theme="light"\]\)\{--accent:#[0-9a-f]{6}/);
  assert.match(css, /:root\[data-theme="dark"\]\{--accent:/);
  assert.match(css, /src:url\(\/assets\/newsreader-latin-400-normal\.woff2\)/);
  assert.ok(css.endsWith('h1{color:red}'), 'custom CSS last, so it may override the rest');
});
