// The mails as pure functions: both languages, links, and reader text kept inert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { raw } from '../../platform/html.js';
import { translator } from '../../platform/i18n.js';
import { renderComment, commentToText } from '../text/markdown.js';
import { authorMail, confirmMail, queueMail, replyMail } from './mails.js';
import { notifyMessages } from './messages.js';

const URLS = { commentUrl: 'https://example.org/a/comment/9/', unsubscribeUrl: 'https://example.org/notify/unsubscribe/r1.x' };

test('a reply mail escapes the name and title in HTML and keeps the sanitised comment', () => {
  const body = '<script>window.__xss=1</script> **fett** <img src=x onerror=alert(1)>';
  const mail = replyMail(translator('en', notifyMessages), 'en', {
    name: '<script>alert(1)</script> "Eve"',
    title: 'Tom & <b>Jerry</b>',
    text: commentToText(body),
    html: raw(renderComment(body).toString()),
    ...URLS,
  });
  assert.doesNotMatch(mail.html, /<script|<img|<b>/i);
  assert.match(mail.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;Eve&quot;/);
  assert.match(mail.html, /Tom &amp; &lt;b&gt;Jerry&lt;\/b&gt;/);
  assert.match(mail.html, /<strong>fett<\/strong>/);
  assert.match(mail.html, /href="https:\/\/example\.org\/notify\/unsubscribe\/r1\.x"/);
  // Plain text is plain: the reader's words appear as written, quoted, next to our links.
  assert.match(mail.text, /^> .*<script>window\.__xss=1<\/script>/m);
  assert.match(mail.text, /https:\/\/example\.org\/a\/comment\/9\//);
  assert.match(mail.text, /Unsubscribe: https:\/\/example\.org\/notify\/unsubscribe\/r1\.x/);
  assert.equal(mail.subject, '<script>alert(1)</script> "Eve" replied to your comment');
});

test('every mail exists in German and English and carries its unsubscribe link', () => {
  for (const lang of ['de', 'en'] as const) {
    const t = translator(lang, notifyMessages);
    const comment = { name: 'Lea', title: 'Stadtrat', text: 'Ja.', html: raw('<p>Ja.</p>'), ...URLS };
    const mails = [
      confirmMail(t, lang, { title: 'Stadtrat', confirmUrl: 'https://example.org/notify/confirm/abc', unsubscribeUrl: URLS.unsubscribeUrl }),
      replyMail(t, lang, comment),
      authorMail(t, lang, comment),
      queueMail(t, lang, { count: 3, queueUrl: 'https://example.org/admin/comments/', unsubscribeUrl: URLS.unsubscribeUrl }),
    ];
    for (const mail of mails) {
      assert.ok(mail.subject && !mail.subject.includes('{'), mail.subject);
      assert.ok(mail.text.includes(URLS.unsubscribeUrl));
      assert.ok(mail.html.includes(`<html lang="${lang}">`));
    }
  }
  const de = translator('de', notifyMessages);
  assert.equal(queueMail(de, 'de', { count: 1, queueUrl: 'q', unsubscribeUrl: 'u' }).subject, 'Ein Kommentar wartet auf Freigabe');
  assert.equal(queueMail(de, 'de', { count: 4, queueUrl: 'q', unsubscribeUrl: 'u' }).subject, '4 Kommentare warten auf Freigabe');
});
