import { test } from 'node:test';
import assert from 'node:assert/strict';
import { html, httpLink, isSitePath, parseHttpUrl, raw, safeUrl, join } from './html.js';

test('interpolations are escaped unless they are SafeHtml', () => {
  const evil = `"><script>alert(1)</script>'`;
  assert.equal(html`<a title="${evil}">${evil}</a>`.toString(), '<a title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;</a>');
  assert.equal(html`<p>${html`<b>${'&'}</b>`}</p>`.toString(), '<p><b>&amp;</b></p>');
  assert.equal(html`${[1, '<', null, undefined, false, raw('<i>')]}`.toString(), '1&lt;<i>');
  assert.equal(join(['a', 'b'], ', ').toString(), 'a, b');
});

test('safeUrl lets through only http(s), mailto and same-site paths', () => {
  for (const good of ['https://example.org/x', 'http://example.org', 'mailto:a@example.org', '/tag/x/', '#top']) {
    assert.equal(safeUrl(good), good);
  }
  for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', '\u0001javascript:x', 'data:text/html,x', 'vbscript:x', '//evil.example', '/\\evil.example', '', null, undefined]) {
    assert.equal(safeUrl(bad), '#', String(bad));
  }
});

const HOSTILE_URLS = ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/', '/\\evil.example', 'https://trusted.example@evil.example/', ' https://example.org/', '', null, undefined, 42];

test('httpLink links only absolute http(s) URLs and shows anything else as its text', () => {
  assert.equal(httpLink('https://example.org/a?b=1&c=2', 'Website', 'me noopener').toString(), '<a href="https://example.org/a?b=1&amp;c=2" rel="me noopener">Website</a>');
  assert.equal(httpLink('http://example.org', html`<cite>${'Buch'}</cite>`).toString(), '<a href="http://example.org"><cite>Buch</cite></a>');
  for (const bad of HOSTILE_URLS) {
    assert.equal(httpLink(bad, '<Website>').toString(), '&lt;Website&gt;', String(bad));
    assert.equal(parseHttpUrl(bad), null, String(bad));
  }
});

test('isSitePath takes paths on this site, not ones browsers read as another host', () => {
  for (const good of ['/', '/tag/stadtrat/', '/support/?amount=10']) assert.ok(isSitePath(good), good);
  for (const bad of ['//evil.example', '/\\evil.example', '/ /x', 'tag/x', 'https://example.org/', 'javascript:alert(1)', null]) assert.ok(!isSitePath(bad), String(bad));
});
