import { test } from 'node:test';
import assert from 'node:assert/strict';
import markdownit from 'markdown-it';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import {
  CommentTextError,
  LINK_REL,
  MAX_COMMENT_LENGTH,
  commentToText,
  countLinks,
  quoteForReply,
  renderComment,
  validateCommentBody,
} from './markdown.js';
import { HOSTILE_INPUTS } from './hostile.js';
import { filtered, sanitizeComment } from './sanitize.js';
import { parseComment, renderTokens } from './parser.js';

const render = (source: string, options?: Parameters<typeof renderComment>[1]) => renderComment(source, options).toString();
const A = (href: string, text: string) => `<a href="${href}" rel="${LINK_REL}">${text}</a>`;

/** Every element in the parsed output, however deep. */
function elements(markup: string): Element[] {
  const out: Element[] = [];
  const walk = (nodes: ChildNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
        out.push(node as Element);
        walk((node as Element).children);
      }
    }
  };
  walk(parseDocument(markup).children);
  return out;
}

const ALLOWED_TAGS = new Set(['p', 'br', 'em', 'strong', 'a', 'blockquote', 'ul', 'ol', 'li', 'code', 'pre', 'details', 'summary']);

/** What a browser would take as the scheme: it ignores controls and whitespace in it. */
function scheme(url: string): string {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007f-\u009f]+/g, ''))?.[1]?.toLowerCase() ?? '';
}

/** Throws with the input named, so a failure says which payload got through. */
function assertHarmless(input: string, markup: string): void {
  const label = JSON.stringify(input.slice(0, 120));
  assert.doesNotMatch(markup, /<script/i, label);
  for (const el of elements(markup)) {
    assert.ok(ALLOWED_TAGS.has(el.name), `<${el.name}> from ${label}`);
    for (const [name, value] of Object.entries(el.attribs)) {
      assert.doesNotMatch(name, /^on/i, `${name}= from ${label}`);
      assert.notEqual(name.toLowerCase(), 'style', label);
      if (/^(?:href|src|action|formaction|data|xlink:href)$/i.test(name)) {
        assert.doesNotMatch(scheme(value), /^(?:javascript|data|vbscript)$/, `${name}="${value}" from ${label}`);
      }
    }
    if (el.name === 'a') {
      assert.equal(el.attribs.rel, LINK_REL, label);
      assert.match(el.attribs.href ?? 'https://', /^(?:https?:\/\/|mailto:)/i, label);
    }
  }
  assert.doesNotMatch(markup, /<(?:img|svg|math|iframe|style|form|base|meta|object|embed|link)\b/i, label);
}

test('paragraphs, line breaks, emphasis and strong', () => {
  assert.equal(render('Erste Zeile\nzweite\n\nNeuer *Absatz* mit **Gewicht**'),
    '<p>Erste Zeile<br />\nzweite</p>\n<p>Neuer <em>Absatz</em> mit <strong>Gewicht</strong></p>\n');
});

test('links get rel="nofollow ugc noopener" and keep only href', () => {
  assert.equal(render('[Bericht](https://example.org/b "Titel")'), `<p>${A('https://example.org/b', 'Bericht')}</p>\n`);
  assert.equal(render('[Mail](mailto:red@example.org)'), `<p>${A('mailto:red@example.org', 'Mail')}</p>\n`);
  assert.equal(render('[r][1]\n\n[1]: http://example.org'), `<p>${A('http://example.org', 'r')}</p>\n`);
  assert.equal(render('<https://example.org>'), `<p>${A('https://example.org', 'https://example.org')}</p>\n`);
});

test('only absolute http(s) and mailto targets become links', () => {
  for (const source of ['[x](/relativ)', '[x](#oben)', '[x](ftp://example.org)', '[x](//example.org)', '[x](tel:123)']) {
    assert.equal(render(source), `<p>${source}</p>\n`, source);
  }
});

test('bare URLs and e-mail addresses are linked; scheme-less hosts are not', () => {
  assert.equal(render('Siehe https://example.org/a?b=1&c=2.'),
    `<p>Siehe ${A('https://example.org/a?b=1&amp;c=2', 'https://example.org/a?b=1&amp;c=2')}.</p>\n`);
  // As in article text (linkify-it's defaults): "tagesschau.de" or "README.md" could be a
  // name as well as a host, so only URLs with a scheme are guessed.
  assert.equal(render('www.example.de und leser@example.de'),
    `<p>www.example.de und ${A('mailto:leser@example.de', 'leser@example.de')}</p>\n`);
});

test('block quotes nest, but no deeper than three levels', () => {
  assert.equal(render('> a\n> > b'), '<blockquote>\n<p>a</p>\n<blockquote>\n<p>b</p>\n</blockquote>\n</blockquote>\n');
  const deep = render('> > > > > > tief');
  assert.equal(deep.match(/<blockquote>/g)?.length, 3);
  assert.equal(deep.match(/<\/blockquote>/g)?.length, 3);
  assert.match(deep, /<p>tief<\/p>/);
});

test('bullet and numbered lists, numbering kept', () => {
  assert.equal(render('- eins\n- zwei'), '<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>\n');
  assert.equal(render('3. drei\n4. vier'), '<ol start="3">\n<li>drei</li>\n<li>vier</li>\n</ol>\n');
  assert.equal(render('1. a\n   - b'), '<ol>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ol>\n');
});

test('inline code and code blocks are escaped and carry no class', () => {
  assert.equal(render('`a<b> && c`'), '<p><code>a&lt;b&gt; &amp;&amp; c</code></p>\n');
  assert.equal(render('```js\n<b>x</b>\n```'), '<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n');
  assert.equal(render('    <i>eingerückt</i>'), '<pre><code>&lt;i&gt;eingerückt&lt;/i&gt;\n</code></pre>\n');
});

test('images become plain links, or their alt text inside a link', () => {
  assert.equal(render('![Das Foto](https://example.org/a.jpg)'), `<p>${A('https://example.org/a.jpg', 'Das Foto')}</p>\n`);
  assert.equal(render('![](https://example.org/a.jpg)'), `<p>${A('https://example.org/a.jpg', 'https://example.org/a.jpg')}</p>\n`);
  assert.equal(render('[![Abzeichen](https://example.org/b.png)](https://example.org)'), `<p>${A('https://example.org', 'Abzeichen')}</p>\n`);
  assert.equal(render('![x](javascript:alert(1))'), '<p>![x](javascript:alert(1))</p>\n');
});

test('raw HTML is shown as text', () => {
  assert.equal(render('<b>fett</b> <img src=x onerror=alert(1)>'), '<p>&lt;b&gt;fett&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;</p>\n');
  assert.equal(render('<div>\nBlock\n</div>'), '<p>&lt;div&gt;<br />\nBlock<br />\n&lt;/div&gt;</p>\n');
});

test('headings become bold paragraphs; rules, setext headings and tables stay text', () => {
  assert.equal(render('# Überschrift'), '<p><strong>Überschrift</strong></p>\n');
  assert.equal(render('Text\n---'), '<p>Text<br />\n---</p>\n');
  assert.equal(render('***'), '<p>***</p>\n');
  assert.equal(render('a | b\n--|--\n1 | 2'), '<p>a | b<br />\n--|--<br />\n1 | 2</p>\n');
  assert.equal(render('~~weg~~ \\~~bleibt\\~~'), '<p><s>weg</s> ~~bleibt~~</p>\n', 'strikethrough, as typed in the subset (issue 14)');
});

test('bidi overrides, zero-width and control characters do not reach the page', () => {
  assert.equal(render('a\u202eb\u0000c\u200bd'), '<p>abcd</p>\n');
  assert.equal(render('[x](java\u200dscript:alert(1))'), '<p>[x](javascript:alert(1))</p>\n');
});

const longQuote = '> ' + 'Das ist ein langer Satz aus dem Artikel. '.repeat(20);

test('long quotes fold behind a summary in the site language', () => {
  const de = render(longQuote);
  assert.match(de, /^<details class="long-quote"><summary>Das ist ein langer Satz[^<]*… \(Ganzes Zitat anzeigen\)<\/summary><blockquote>\n<p>Das ist/);
  assert.match(de, /<\/blockquote><\/details>\n$/);
  const summary = /<summary>(.*?) \(/.exec(de)?.[1] ?? '';
  assert.ok(summary.length <= 141 && summary.length > 80, summary);
  assert.match(render(longQuote, { lang: 'en' }), /… \(Show the whole quote\)<\/summary>/);
});

test('short quotes stay open; the threshold is an option', () => {
  assert.doesNotMatch(render('> kurz'), /<details/);
  assert.match(render('> etwas länger als zehn', { collapseQuotesOver: 10 }), /^<details class="long-quote"><summary>etwas länger als zehn \(Ganzes/);
  assert.doesNotMatch(render(longQuote, { collapseQuotesOver: 10_000 }), /<details/);
});

test('only the outermost long quote folds', () => {
  const out = render(`${longQuote}\n>\n> ${longQuote}\n\nMeine Antwort`);
  assert.equal(out.match(/<details/g)?.length, 1);
  assert.match(out, /<\/details>\n<p>Meine Antwort<\/p>\n$/);
});

test('commentToText keeps structure and link targets, drops markup', () => {
  const source = '# Titel\n\n**Siehe** [Bericht](https://example.org/b) und https://example.org/c\n\n> Zitat\n> > älter\n\n- a\n- b\n\n2. x\n3. y\n\n`<b>`';
  assert.equal(commentToText(source),
    'Titel\n\nSiehe Bericht (https://example.org/b) und https://example.org/c\n\n> Zitat\n>\n> > älter\n\n- a\n- b\n\n2. x\n3. y\n\n<b>');
  assert.equal(commentToText('Mail an a@example.org, [hier](mailto:b@example.org)'), 'Mail an a@example.org, hier (b@example.org)');
  assert.equal(commentToText('<script>x</script>'), '<script>x</script>', 'plain text is not HTML: the caller escapes it');
});

test('countLinks counts Markdown links, autolinks, bare URLs and images, not refused targets', () => {
  assert.equal(countLinks('nichts'), 0);
  assert.equal(countLinks('[a](https://a.example) <https://b.example> https://c.example http://d.de e@example.org ![f](https://f.example/f.png)'), 6);
  assert.equal(countLinks('[x](javascript:alert(1)) `https://in.code.example`'), 0);
  assert.equal(countLinks('> [a](https://a.example)\n\n- [b][r]\n\n[r]: https://b.example'), 2);
});

test('quoteForReply quotes every line with attribution and round-trips', () => {
  const original = 'Stimmt so nicht.\n\nQuelle: https://example.org/q\n\n- erstens\n- zweitens';
  const reply = quoteForReply(original, 'Ada Lovelace');
  assert.equal(reply, 'Ada Lovelace schrieb:\n\n> Stimmt so nicht.\n>\n> Quelle: https://example.org/q\n>\n> - erstens\n> - zweitens\n\n');
  assert.equal(quoteForReply('x', 'Ada', 'en'), 'Ada wrote:\n\n> x\n\n');
  const rendered = render(reply + 'Doch.');
  assert.equal(rendered, `<p>Ada Lovelace schrieb:</p>\n<blockquote>\n${render(original)}</blockquote>\n<p>Doch.</p>\n`);
  assert.equal(commentToText(reply), `Ada Lovelace schrieb:\n\n${commentToText(original).split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n')}`);
});

test('quoteForReply does not let the author name become markup', () => {
  const reply = quoteForReply('x', '[Redaktion](https://evil.example) **offiziell** www.evil.de\n# h');
  assert.equal(countLinks(reply), 0);
  assert.equal(render(reply), '<p>[Redaktion](https://evil.example) **offiziell** www.evil.de # h schrieb:</p>\n<blockquote>\n<p>x</p>\n</blockquote>\n');
  assertHarmless('name', render(quoteForReply('x', '" onmouseover="alert(1) <script>')));
});

test('validateCommentBody trims, normalises and strips invisible tricks', () => {
  assert.equal(validateCommentBody('  Hallo\r\nWelt  '), 'Hallo\nWelt');
  assert.equal(validateCommentBody('Cafe\u0301'), 'Caf\u00e9');
  assert.equal(validateCommentBody('a\u0000b\u0007c\u001bd\u007fe\tf'), 'abcde\tf');
  assert.equal(validateCommentBody('x\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069y'), 'xy');
  assert.equal(validateCommentBody('pay\u200dpal.com \u200bx\ufeff'), 'paypal.com x');
  // Joiners that hold emoji and Persian words together stay.
  assert.equal(validateCommentBody('👩\u200d💻 می\u200cخواهم'), '👩\u200d💻 می\u200cخواهم');
});

test('validateCommentBody rejects empty and too long bodies with codes', () => {
  for (const empty of ['', '   \n\t', '\u200b\u200d', '\u0000', '\u3164']) {
    assert.throws(() => validateCommentBody(empty), (e: unknown) => e instanceof CommentTextError && e.code === 'COMMENT_EMPTY', JSON.stringify(empty));
  }
  assert.equal(validateCommentBody(' ' + 'x'.repeat(MAX_COMMENT_LENGTH) + ' ').length, MAX_COMMENT_LENGTH);
  assert.throws(() => validateCommentBody('x'.repeat(MAX_COMMENT_LENGTH + 1)), (e: unknown) => {
    assert.ok(e instanceof CommentTextError);
    assert.equal(e.code, 'COMMENT_TOO_LONG');
    assert.equal(e.localized('de'), 'Der Kommentar ist zu lang (höchstens 20.000 Zeichen).');
    return true;
  });
});

test('the hostile corpus is large, distinct and passes validation', () => {
  assert.ok(HOSTILE_INPUTS.length >= 120, String(HOSTILE_INPUTS.length));
  assert.equal(new Set(HOSTILE_INPUTS).size, HOSTILE_INPUTS.length);
  for (const input of HOSTILE_INPUTS) assert.doesNotThrow(() => validateCommentBody(input), JSON.stringify(input.slice(0, 80)));
});

test('no hostile input renders to anything that could run', () => {
  for (const input of HOSTILE_INPUTS) {
    assertHarmless(input, render(input));
    assertHarmless(input, render(validateCommentBody(input), { collapseQuotesOver: 5, lang: 'en' }));
    assert.equal(typeof commentToText(input), 'string');
    assert.ok(countLinks(input) >= 0);
  }
});

test('quote-replies of hostile inputs are harmless too', () => {
  for (const input of HOSTILE_INPUTS) assertHarmless(input, render(quoteForReply(input, input.slice(0, 60))));
});

test('the sanitiser alone stops markup the renderer never produces', () => {
  const evil = [
    '<p onclick="alert(1)" style="color:red">a</p>',
    '<a href="javascript:alert(1)" target="_blank">b</a>',
    '<a href="https://example.org" rel="opener">c</a>',
    '<img src=x onerror=alert(1)><svg onload=alert(1)></svg><math></math><iframe></iframe>',
    '<details class="long-quote evil" open ontoggle=alert(1)><summary>s</summary></details>',
    '<style>*{}</style><script>alert(1)</script><form action=x></form><base href=x><meta http-equiv=refresh><object></object><embed><link>',
  ];
  for (const markup of evil) assertHarmless(markup, sanitizeComment(markup));
  assert.equal(sanitizeComment('<a href="https://example.org" rel="opener">c</a>'), `<a href="https://example.org" rel="${LINK_REL}">c</a>`);
  assert.equal(sanitizeComment('<details class="long-quote evil"></details>'), '<details class="long-quote"></details>');
  assert.equal(sanitizeComment('<a href="#top" title="t">d</a>'), `<a rel="${LINK_REL}">d</a>`);
});

test('plain markup skips the allowlist only where the allowlist would give it back unchanged', () => {
  // Random texts from the characters that matter (markup, entities, quotes, controls, Markdown
  // signs, line breaks), rendered: whichever way sanitizeComment takes, the output is the filter's.
  const alphabet = ['a', 'Z', 'ß', 'ü', '„', '“', ' ', ' ', '\n', '\n\n', '  \n', '&', '&amp;', '&lt;', '<', '>', '"', "'", '*', '_', '`', '#', '- ', '1. ', '> ',
    '[x](https://example.org)', 'https://a.example', 'a@b.org', '\\', '\u0000', '\u0007', '\u001f', '\u007f', '\u2028', '<br />', '<p>', '&#39;', '&quot;', '|', '~~'];
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  let plain = 0;
  for (let i = 0; i < 3000; i++) {
    const text = Array.from({ length: 1 + random(30) }, () => alphabet[random(alphabet.length)]).join('');
    if (!text.trim()) continue;
    const markup = renderTokens(parseComment(text)); // the renderer's markup, before the filter
    if (sanitizeComment(markup) === markup) plain++;
    assert.equal(sanitizeComment(markup), filtered(markup), JSON.stringify(text));
  }
  assert.ok(plain > 300, `the short way was taken (${plain} times)`);
  assert.equal(sanitizeComment('<p>a<br />\nb &amp; c</p>\n<p>d</p>\n'), '<p>a<br />\nb &amp; c</p>\n<p>d</p>\n');
  assert.equal(sanitizeComment('<p>a</p>\n<p onclick="x">b</p>\n'), '<p>a</p>\n<p>b</p>\n');
});

test('the sanitiser alone holds the corpus, even after a parser that lets raw HTML through', () => {
  const permissive = markdownit({ html: true, linkify: true });
  for (const input of HOSTILE_INPUTS) assertHarmless(input, sanitizeComment(permissive.render(input)));
});
