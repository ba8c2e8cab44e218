import { test } from 'node:test';
import assert from 'node:assert/strict';
import { html, raw, safeUrl, join } from './html.js';

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
