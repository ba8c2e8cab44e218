import { test } from 'node:test';
import assert from 'node:assert/strict';
import { footnoteContext, inlineToText, renderInline } from './inline.js';

const r = (text: string) => renderInline(text).toString();

test('renders the inline subset', () => {
  assert.equal(r('**fett** und *kursiv* mit `code`'), '<strong>fett</strong> und <em>kursiv</em> mit <code>code</code>');
  assert.equal(r('[Bericht](https://example.org/a)'), '<a href="https://example.org/a" rel="noopener">Bericht</a>');
  assert.equal(r('siehe https://example.org/x.'), 'siehe <a href="https://example.org/x" rel="noopener">https://example.org/x</a>.');
  assert.equal(r('[Impressum](/impressum/)'), '<a href="/impressum/">Impressum</a>', 'site links get no rel');
  assert.equal(r('[Mail](mailto:redaktion@example.org)'), '<a href="mailto:redaktion@example.org">Mail</a>');
  assert.equal(r('Zeile 1\nZeile 2'), 'Zeile 1<br>\nZeile 2');
});

test('leaves out what the subset does not have', () => {
  assert.equal(r('![Bild](https://tracker.example/pixel.gif)'), '!<a href="https://tracker.example/pixel.gif" rel="noopener">Bild</a>');
  assert.equal(r('~~weg~~'), '<s>weg</s>', 'strikethrough is part of the subset (issue 14)');
  assert.equal(r('# keine Überschrift'), '# keine Überschrift');
});

test('escapes raw HTML and event handlers', () => {
  assert.equal(r('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
  assert.equal(r('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
  assert.equal(r('**<b onclick="x()">**'), '<strong>&lt;b onclick=&quot;x()&quot;&gt;</strong>');
  assert.equal(r('`<script>`'), '<code>&lt;script&gt;</code>');
  const broken = r('[a](https://x.de/"onmouseover="alert(1))');
  assert.equal(broken, '<a href="https://x.de/%22onmouseover=%22alert(1)" rel="noopener">a</a>');
  const title = r('[a](https://x.de "t\\" onmouseover=\\"alert(1)")');
  assert.ok(!/"\s*onmouseover=/.test(title), title);
});

test('refuses dangerous and foreign link targets', () => {
  const hostile = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    '\u0001javascript:alert(1)',
    'java\u0000script:alert(1)',
    '&#106;avascript:alert(1)',
    'javascript&colon;alert(1)',
    '%6Aavascript:alert(1)',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'data:image/png;base64,iVBORw0KGgo=',
    'file:///etc/passwd',
    '//evil.example/',
    'ftp://example.org/',
    'relative/path',
  ];
  for (const url of hostile) {
    const out = r(`[klick](${url})`);
    assert.ok(!out.includes('<a'), `${JSON.stringify(url)} became a link: ${out}`);
  }
  assert.ok(!r('<javascript:alert(1)>').includes('<a'));
  assert.ok(!r('[a][b]\n\n[b]: javascript:alert(1)').includes('<a'));
  assert.ok(!/[\u0000-\u0008]/.test(r('a\u0001b\u0000c')), 'control characters are dropped');
});

test('footnote refs are numbered in footnote order, repeats get their own id', () => {
  const fn = footnoteContext(['zwei', 'eins']);
  const out = renderInline('A[^eins] B[^zwei] C[^eins] D[^fehlt]', fn).toString();
  assert.equal(
    out,
    'A<sup><a href="#fn-eins" id="fnref-eins">2</a></sup> B<sup><a href="#fn-zwei" id="fnref-zwei">1</a></sup>' +
      ' C<sup><a href="#fn-eins" id="fnref-eins.2">2</a></sup> D[^fehlt]',
  );
  assert.equal(fn.refs.get('eins'), 2);
  assert.equal(fn.refs.get('zwei'), 1);
});

test('footnote refs stay literal text without a context or with a hostile id', () => {
  assert.equal(r('A[^1]'), 'A[^1]');
  const fn = footnoteContext(['x']);
  assert.equal(renderInline('[^x"><script>]', fn).toString(), '[^x&quot;&gt;&lt;script&gt;]');
});

test('inlineToText keeps the words only', () => {
  assert.equal(inlineToText('Das **neue** [Rathaus](https://example.org)[^1] `kostet` &amp; mehr'), 'Das neue Rathaus kostet & mehr');
  assert.equal(inlineToText('<script>alert(1)</script>'), '<script>alert(1)</script>', 'plain text, the caller escapes');
  assert.equal(inlineToText('Zeile\n  zwei'), 'Zeile zwei');
  assert.equal(inlineToText(''), '');
});
