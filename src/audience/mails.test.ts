import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../content/index.js';
import { articleContent, confirmationMail, digestContent, issueMail, mailContext } from './mails.js';

const EVIL = '<script>alert(1)</script>"\'&';
const article = {
  id: 1, kind: 'article', slug: 'stadtrat', lang: 'de', title: `Titel ${EVIL}`, subtitle: `Unterzeile ${EVIL}`,
  body: [
    { type: 'paragraph', text: `Absatz ${EVIL} mit [Link](javascript:alert(1))` },
    { type: 'quote', text: 'Zitat', attribution: EVIL },
    { type: 'list', ordered: false, items: [EVIL] },
    { type: 'embed', provider: 'iframe', url: 'https://evil.example/x', title: EVIL },
    { type: 'image', mediaId: 3 },
  ],
  status: 'published', publishedAt: new Date('2026-05-01T10:00:00Z'), authors: [{ id: 1, slug: 'x', name: EVIL, bio: {}, avatarMediaId: null, links: [], books: [], userId: null }],
  tags: [],
} as unknown as Article;

test('everything a person typed is escaped in the HTML part; no active content, no remote resources', () => {
  const ctx = mailContext(`Blatt ${EVIL}`, 'de', 'https://blatt.example.org');
  const mail = issueMail(ctx, articleContent(ctx, article), { preferences: 'https://blatt.example.org/p?token=a&b', unsubscribe: 'https://blatt.example.org/u?token=1' });
  assert.doesNotMatch(mail.html, /<script|href="javascript|<iframe|<img|evil\.example/i);
  assert.equal(mail.html.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&#39;&amp;/g)?.length, 10, 'site ×2, title ×2, subtitle, paragraph, attribution, list item, embed title, byline');
  assert.match(mail.html, /href="https:\/\/blatt\.example\.org\/p\?token=a&amp;b"/);
  assert.match(mail.text, /Titel <script>alert\(1\)<\/script>/, 'plain text is plain: nothing to escape');
  assert.match(mail.text, /Abbestellen: https:\/\/blatt\.example\.org\/u\?token=1/);
});

test('mails follow the site language', () => {
  const de = confirmationMail(mailContext('Blatt', 'de', 'https://b.example'), 'https://b.example/c');
  const en = confirmationMail(mailContext('Blatt', 'en', 'https://b.example'), 'https://b.example/c');
  assert.match(de.subject, /Bitte bestätigen/);
  assert.match(en.subject, /Please confirm/);
  assert.match(en.html, /<html lang="en">/);
  const digest = digestContent(mailContext('Blatt', 'en', 'https://b.example'), [article], new Date('2026-05-04T08:00:00Z'), 'Council');
  assert.equal(digest.subject, 'Blatt: the week to 4 May 2026');
  assert.match(digest.text, /on Council\./);
  assert.match(digest.html, /href="https:\/\/b\.example\/stadtrat\/"/);
});
