// The pure rules of the Telegram call: what is escaped, what is retried, what is redacted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyTelegramResponse, escapeTelegramHtml, redact, telegramText } from './telegram.js';
import { teaserOf } from './service.js';
import { feedTopics } from './websub.js';

test('HTML parse mode: <, > and & are escaped, nothing else', () => {
  assert.equal(escapeTelegramHtml('<script>"x" & \'y\'</script>'), '&lt;script&gt;"x" &amp; \'y\'&lt;/script&gt;');
  assert.equal(
    telegramText({ title: 'A <b>fake</b> & real', teaser: '  zwei\n Zeilen ', url: 'https://z.example/a/?x=1&y=2' }),
    '<b>A &lt;b&gt;fake&lt;/b&gt; &amp; real</b>\n\nzwei Zeilen\n\nhttps://z.example/a/?x=1&amp;y=2',
  );
  assert.equal(telegramText({ title: 'Ohne', teaser: '', url: 'https://z.example/o/' }), '<b>Ohne</b>\n\nhttps://z.example/o/');
  assert.ok(telegramText({ title: 'x'.repeat(5000), teaser: 'y'.repeat(5000), url: 'https://z.example/' }).length < 4096);
});

test('answers: 2xx sent, 429 and 5xx retried (with retry_after), other 4xx permanent', () => {
  assert.equal(classifyTelegramResponse(200, '{"ok":true,"result":{}}', null).kind, 'sent');
  assert.deepEqual(classifyTelegramResponse(429, '{"ok":false,"description":"slow down","parameters":{"retry_after":7}}', null), {
    kind: 'retry', status: 429, excerpt: '{"ok":false,"description":"slow down","parameters":{"retry_after":7}}', error: 'slow down', retryAfterMs: 7000,
  });
  const header = classifyTelegramResponse(429, 'Too Many Requests', '3');
  assert.equal(header.kind === 'retry' && header.retryAfterMs, 3000);
  assert.equal(classifyTelegramResponse(502, '<html>Bad Gateway</html>', null).kind, 'retry');
  const forbidden = classifyTelegramResponse(403, '{"ok":false,"description":"Forbidden: bot is not a member of the channel chat"}', null);
  assert.equal(forbidden.kind, 'permanent');
  assert.match(forbidden.kind === 'permanent' ? forbidden.error : '', /not a member/);
  assert.equal(classifyTelegramResponse(200, '<html>a web page</html>', null).kind, 'permanent', 'a wrong apiBase is not retried');
  assert.equal(classifyTelegramResponse(302, '', null).kind, 'permanent');
});

test('the token is removed from anything stored', () => {
  assert.equal(redact('request to /bot1:abc/sendMessage failed (1:abc)', '1:abc'), 'request to /bot[token]/sendMessage failed ([token])');
  assert.equal(redact('nothing', ''), 'nothing');
});

test('teaser: subtitle, then SEO description, then the start of the text', () => {
  const body = [{ type: 'paragraph' as const, text: 'Erster Satz. Zweiter Satz.' }];
  assert.equal(teaserOf({ subtitle: 'Unterzeile', seoDescription: 'SEO', body }), 'Unterzeile');
  assert.equal(teaserOf({ subtitle: '', seoDescription: 'SEO', body }), 'SEO');
  assert.equal(teaserOf({ subtitle: '', seoDescription: '', body }), 'Erster Satz. Zweiter Satz.');
});

test('WebSub topics are the self URLs of every feed that lists the article', () => {
  assert.deepEqual(feedTopics('https://z.example', { tags: [{ slug: 'rat' }], authors: [{ slug: 'jana' }] }), [
    'https://z.example/feed.xml', 'https://z.example/atom.xml', 'https://z.example/feed.json',
    'https://z.example/tag/rat/feed.xml', 'https://z.example/tag/rat/atom.xml', 'https://z.example/tag/rat/feed.json',
    'https://z.example/author/jana/feed.xml', 'https://z.example/author/jana/atom.xml', 'https://z.example/author/jana/feed.json',
  ]);
});
