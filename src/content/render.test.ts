import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block } from './blocks.js';
import type { MediaItem } from '../media/types.js';
import {
  BlockValidationError,
  bodyToText,
  readingTimeMinutes,
  renderBody,
  renderImageFigure,
  validateBlocks,
  type RenderContext,
} from './render.js';

const photo: MediaItem = {
  id: 7,
  path: '2026/11/rathaus.jpg',
  mime: 'image/jpeg',
  width: 1600,
  height: 900,
  alt: 'Das Rathaus am Markt',
  caption: 'Das *alte* Rathaus',
  credit: 'Erika Mustermann',
  sourceUrl: 'https://commons.wikimedia.org/wiki/File:Rathaus.jpg',
  licence: 'cc-by-4.0',
  variants: [
    { path: '2026/11/rathaus-960.avif', width: 960, format: 'avif' },
    { path: '2026/11/rathaus-480.avif', width: 480, format: 'avif' },
    { path: '2026/11/rathaus-480.webp', width: 480, format: 'webp' },
    { path: '2026/11/rathaus-480.jpg', width: 480, format: 'jpeg' },
    { path: '2026/11/rathaus-960.jpg', width: 960, format: 'jpeg' },
  ],
};

function ctx(over: Partial<RenderContext> = {}): RenderContext {
  return { lang: 'de', media: new Map([[7, photo]]), supportUrl: '/support/', donationText: 'Unsere Arbeit wird durch Spenden finanziert.', ...over };
}

const render = (blocks: Block[], c = ctx()) => renderBody(blocks, c).toString();

// A strict reading of our own output: every tag known, every attribute quoted, no handler,
// and every URL attribute (after entity decoding, as a browser does it) of an allowed scheme.
const TAGS = new Set('p h2 h3 h4 ul ol li figure figcaption blockquote cite a picture source img small span aside section sup strong em code br div button label input'.split(' '));
const URL_ATTRS = new Set(['href', 'src', 'srcset', 'cite', 'data-embed-src', 'action', 'formaction', 'poster']);
const decode = (v: string) =>
  v
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function assertSafe(markup: string): void {
  for (const [tag, name = '', attrs = ''] of markup.matchAll(/<\/?([^\s>/]+)([^>]*)>/g)) {
    assert.ok(TAGS.has(name.toLowerCase()), `unexpected tag ${tag}`);
    assert.match(attrs, /^(\s+[a-z][a-z0-9-]*(="[^"]*")?)*\s*$/i, `malformed attributes in ${tag}`);
    for (const [, attr = '', value = ''] of attrs.matchAll(/\s([a-z][a-z0-9-]*)(?:="([^"]*)")?/gi)) {
      assert.ok(!/^on/i.test(attr), `event handler in ${tag}`);
      if (!URL_ATTRS.has(attr.toLowerCase())) continue;
      const urls = attr === 'srcset' ? decode(value).split(',').map((s) => s.trim().split(/\s+/)[0] ?? '') : [decode(value)];
      for (const url of urls) {
        const compact = url.replace(/[\u0000-\u0020\u007f]+/g, '');
        assert.match(compact, /^(https?:\/\/|mailto:|\/(?![/\\])|#)/i, `unsafe URL in ${tag}`);
      }
    }
  }
}

test('renders paragraphs, headings and lists', () => {
  const out = render([
    { type: 'heading', level: 2, text: 'Worum es geht' },
    { type: 'paragraph', text: 'Der **Rat** hat *entschieden*.' },
    { type: 'heading', level: 3, text: 'Die Folgen' },
    { type: 'heading', level: 4, text: 'Im Detail' },
    { type: 'list', ordered: false, items: ['eins', '[zwei](https://example.org)'] },
    { type: 'list', ordered: true, items: ['erstens'] },
    { type: 'paragraph', text: '   ' },
  ]);
  assert.equal(
    out,
    [
      '<h2 id="worum-es-geht">Worum es geht</h2>',
      '<p>Der <strong>Rat</strong> hat <em>entschieden</em>.</p>',
      '<h3 id="die-folgen">Die Folgen</h3>',
      '<h4 id="im-detail">Im Detail</h4>',
      '<ul><li>eins</li><li><a href="https://example.org" rel="noopener">zwei</a></li></ul>',
      '<ol><li>erstens</li></ol>',
    ].join('\n'),
  );
});

test('heading ids are readable, stable and unique within the article', () => {
  const out = render([
    { type: 'heading', level: 2, text: 'Größere Übel für Bürger' },
    { type: 'heading', level: 2, text: 'Fazit' },
    { type: 'heading', level: 3, text: 'Fazit' },
    { type: 'heading', level: 3, text: '**Fazit**' },
    { type: 'heading', level: 2, text: 'Fazit 2' },
    { type: 'heading', level: 2, text: '!!!' },
    { type: 'heading', level: 2, text: 'fn-a' },
    { type: 'paragraph', text: 'x[^a]' },
    { type: 'footnotes', items: [{ id: 'a', text: 'Anmerkung' }] },
  ]);
  const ids = [...out.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(ids.slice(0, 7), ['groessere-uebel-fuer-buerger', 'fazit', 'fazit-2', 'fazit-3', 'fazit-2-2', 'section', 'fn-a-2']);
  assert.equal(new Set(ids).size, ids.length, 'no id twice');
  assert.equal(render([{ type: 'heading', level: 2, text: 'Fazit' }]), '<h2 id="fazit">Fazit</h2>', 'same text, same id');
});

test('quotes carry attribution and a source link', () => {
  const out = render([
    { type: 'quote', text: 'Wir schaffen das.\n\nWirklich.', attribution: 'Angela Merkel', sourceUrl: 'https://www.bundesregierung.de/rede', sourceTitle: 'Bundesregierung' },
    { type: 'quote', text: 'Ohne Quelle.' },
    { type: 'quote', text: 'Nur Link.', sourceUrl: 'https://example.org/a' },
  ]);
  assert.equal(
    out,
    [
      '<figure class="quote"><blockquote cite="https://www.bundesregierung.de/rede"><p>Wir schaffen das.</p><p>Wirklich.</p></blockquote>' +
        '<figcaption>— Angela Merkel, <cite><a href="https://www.bundesregierung.de/rede" rel="noopener">Bundesregierung</a></cite></figcaption></figure>',
      '<figure class="quote"><blockquote><p>Ohne Quelle.</p></blockquote></figure>',
      '<figure class="quote"><blockquote cite="https://example.org/a"><p>Nur Link.</p></blockquote>' +
        '<figcaption>— <cite><a href="https://example.org/a" rel="noopener">example.org</a></cite></figcaption></figure>',
    ].join('\n'),
  );
});

test('images get sources per format, a sized lazy img and a credit line', () => {
  const out = render([{ type: 'image', mediaId: 7 }]);
  assert.equal(
    out,
    '<figure class="image"><picture>' +
      '<source type="image/avif" srcset="/media/2026/11/rathaus-480.avif 480w, /media/2026/11/rathaus-960.avif 960w" sizes="(min-width: 46rem) 44rem, 100vw">' +
      '<source type="image/webp" srcset="/media/2026/11/rathaus-480.webp 480w" sizes="(min-width: 46rem) 44rem, 100vw">' +
      '<img src="/media/2026/11/rathaus-960.jpg" srcset="/media/2026/11/rathaus-480.jpg 480w, /media/2026/11/rathaus-960.jpg 960w" sizes="(min-width: 46rem) 44rem, 100vw"' +
      ' width="1600" height="900" alt="Das Rathaus am Markt" loading="lazy" decoding="async"></picture>' +
      '<figcaption><span class="image-caption">Das <em>alte</em> Rathaus</span> <small class="image-credit">Foto: ' +
      '<a href="https://commons.wikimedia.org/wiki/File:Rathaus.jpg" rel="noopener">Erika Mustermann</a>, ' +
      '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license noopener">CC BY 4.0</a></small></figcaption></figure>',
  );
  const custom = render([{ type: 'image', mediaId: 7, caption: 'Eigene Zeile', alt: '' }]);
  assert.ok(custom.includes(' alt="" '), 'an empty alt marks a decorative image');
  assert.ok(custom.includes('<span class="image-caption">Eigene Zeile</span>'));
});

test('a missing image renders nothing and breaks nothing', () => {
  assert.equal(render([{ type: 'image', mediaId: 99 }, { type: 'paragraph', text: 'weiter' }]), '<p>weiter</p>');
});

test('renderImageFigure serves the featured image eagerly, without variants too', () => {
  const bare: MediaItem = { ...photo, variants: [], credit: '', sourceUrl: null, licence: 'all-rights-reserved', caption: '' };
  const out = renderImageFigure(bare, { lang: 'en', loading: 'eager', fetchPriority: 'high', className: 'featured-image' }).toString();
  assert.equal(
    out,
    '<figure class="image featured-image"><picture><img src="/media/2026/11/rathaus.jpg" width="1600" height="900" alt="Das Rathaus am Markt" loading="eager" decoding="async" fetchpriority="high"></picture>' +
      '<figcaption><small class="image-credit">Photo: all rights reserved</small></figcaption></figure>',
  );
  const pd = renderImageFigure({ ...bare, licence: 'public-domain', credit: 'NASA' }, { lang: 'de' }).toString();
  assert.ok(pd.includes('<small class="image-credit">Foto: NASA, gemeinfrei</small>'));
});

test('embeds render as consent placeholders', () => {
  const out = render([{ type: 'embed', provider: 'youtube', url: 'https://youtu.be/dQw4w9WgXcQ', title: 'Rede' }]);
  assert.match(out, /^<figure class="embed" data-embed-src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ" data-provider="youtube"/);
  assert.ok(!out.includes('<iframe'));
});

test('donation appeals use the block text or the site default', () => {
  assert.equal(
    render([{ type: 'donation' }]),
    '<aside class="donation-appeal" aria-label="Spendenaufruf"><p>Unsere Arbeit wird durch Spenden finanziert.</p><p><a class="donation-link" href="/support/">Jetzt unterstützen</a></p></aside>',
  );
  const own = render([{ type: 'donation', text: 'Bitte **jetzt** spenden' }], ctx({ lang: 'en', supportUrl: 'https://pay.example.org/' }));
  assert.ok(own.includes('<p>Bitte <strong>jetzt</strong> spenden</p>'));
  assert.ok(own.includes('href="https://pay.example.org/">Support our work</a>'));
});

test('footnotes are numbered in their order and link back to the first reference', () => {
  const out = render([
    { type: 'paragraph', text: 'A[^b] B[^a] C[^b]' },
    { type: 'footnotes', items: [{ id: 'a', text: 'Erste' }, { id: 'b', text: 'Zweite, [Quelle](https://example.org)' }, { id: 'c', text: 'Ohne Verweis' }] },
  ]);
  assert.equal(
    out,
    '<p>A<sup><a href="#fn-b" id="fnref-b">2</a></sup> B<sup><a href="#fn-a" id="fnref-a">1</a></sup> C<sup><a href="#fn-b" id="fnref-b.2">2</a></sup></p>\n' +
      '<section class="footnotes-section" aria-label="Fußnoten"><ol class="footnotes">' +
      '<li id="fn-a"><p>Erste <a class="footnote-back" href="#fnref-a" aria-label="Zurück zur Textstelle von Fußnote 1">↩\uFE0E</a></p></li>' +
      '<li id="fn-b"><p>Zweite, <a href="https://example.org" rel="noopener">Quelle</a> <a class="footnote-back" href="#fnref-b" aria-label="Zurück zur Textstelle von Fußnote 2">↩\uFE0E</a></p></li>' +
      '<li id="fn-c"><p>Ohne Verweis</p></li></ol></section>',
  );
  const split = render([
    { type: 'footnotes', items: [{ id: 'x', text: 'eins' }] },
    { type: 'paragraph', text: 'später[^x][^y]' },
    { type: 'footnotes', items: [{ id: 'y', text: 'zwei' }, { id: 'x', text: 'doppelt' }] },
  ]);
  assert.ok(split.includes('href="#fnref-x"'), 'refs after the list still get back links');
  assert.ok(split.includes('<ol class="footnotes" start="2"><li id="fn-y">'));
  assert.equal(split.match(/id="fn-x"/g)?.length, 1, 'a repeated id is rendered once');
});

const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)' x='",
  '<svg onload=alert(1)>',
  '[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](java\tscript:alert(1))',
  '[a](\u0001javascript:alert(1)) [b](data:text/html;base64,PHNjcmlwdD4=) [c](vbscript:msgbox(1))',
  '[d](&#106;avascript:alert(1)) <javascript:alert(1)> [e](https://x.de "\\" onclick=\\"x")',
  '<!-- --><![CDATA[ ]]></p></figure><style>*{}</style>',
];
const HOSTILE_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  '\u0001javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'https://x.de/"onmouseover="alert(1)',
  '//evil.example/',
  '/\\evil.example/',
];

test('hostile input in every field stays inert', () => {
  HOSTILE_TEXT.forEach((t, i) => {
    for (const u of HOSTILE_URLS) {
      const media: MediaItem = {
        ...photo,
        path: `${t}/${u}.jpg`,
        alt: t,
        caption: t,
        credit: t,
        sourceUrl: u,
        variants: [{ path: `a,${u} 1w, ${t}`, width: 480, format: 'avif' }, { path: t, width: 480, format: 'jpeg' }],
      };
      const blocks = [
        { type: 'heading', level: 2, text: t },
        { type: 'heading', level: `2 onclick="x"` as unknown as 2, text: t },
        { type: 'paragraph', text: `${t}[^${i}]` },
        { type: 'list', ordered: false, items: [t, t] },
        { type: 'quote', text: t, attribution: t, sourceUrl: u, sourceTitle: t },
        { type: 'image', mediaId: 7, caption: t, alt: t },
        { type: 'embed', provider: 'youtube', url: u, title: t, caption: t },
        { type: 'embed', provider: 'iframe', url: `https://example.org/${t}`, title: t, caption: t },
        { type: 'embed', provider: 'link', url: `https://example.org/?q=${t}`, title: t },
        { type: 'donation', text: t },
        { type: 'donation' },
        { type: 'footnotes', items: [{ id: String(i), text: t }, { id: t, text: t }] },
      ] as Block[];
      const out = render(blocks, ctx({ media: new Map([[7, media]]), supportUrl: u, donationText: t }));
      assertSafe(out);
      assert.ok(!/<(script|svg|style|img src=x)/i.test(out));
    }
  });
});

test('bodyToText and reading time', () => {
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: 'Titel' },
    { type: 'paragraph', text: 'Ein **Satz**[^a].' },
    { type: 'list', ordered: false, items: ['eins', 'zwei'] },
    { type: 'quote', text: 'Zitat', attribution: 'Jemand' },
    { type: 'image', mediaId: 7, caption: 'Bild' },
    { type: 'embed', provider: 'link', url: 'https://example.org', title: 'Link' },
    { type: 'donation', text: 'Spenden!' },
    { type: 'footnotes', items: [{ id: 'a', text: 'Fuß' }] },
  ];
  assert.equal(bodyToText(blocks), 'Titel\n\nEin Satz.\n\neins\n\nzwei\n\nZitat\n\nJemand\n\nBild\n\nLink\n\nFuß');
  assert.equal(readingTimeMinutes([]), 1);
  assert.equal(readingTimeMinutes([{ type: 'paragraph', text: 'Wort '.repeat(1000) }]), 5);
  assert.equal(readingTimeMinutes([{ type: 'paragraph', text: 'Wort '.repeat(699) }]), 3);
});

test('validateBlocks accepts a good body and keeps only known fields', () => {
  const input = [
    { type: 'paragraph', text: 'Hallo', editorKey: 'abc' },
    { type: 'heading', level: 3, text: 'H' },
    { type: 'list', ordered: true, items: ['a'] },
    { type: 'quote', text: 'Q', attribution: null, sourceUrl: 'https://example.org' },
    { type: 'image', mediaId: 3, alt: 'Alt' },
    { type: 'embed', provider: 'youtube', url: 'https://youtu.be/dQw4w9WgXcQ' },
    { type: 'embed', provider: 'iframe', url: 'https://datawrapper.dwcdn.net/x/' },
    { type: 'embed', provider: 'link', url: 'http://example.org/' },
    { type: 'donation' },
    { type: 'footnotes', items: [{ id: 'n-1', text: 'F' }] },
  ];
  const out = validateBlocks(input);
  assert.equal(out.length, input.length);
  assert.deepEqual(out[0], { type: 'paragraph', text: 'Hallo' });
  assert.deepEqual(out[3], { type: 'quote', text: 'Q', sourceUrl: 'https://example.org' });
});

test('validateBlocks names the path of what is wrong', () => {
  const cases: [unknown, string, RegExp?][] = [
    [{}, 'body', /array/],
    [[null], 'body[0]'],
    [[{ type: 'video' }], 'body[0].type', /unknown block type/],
    [[{ text: 'x' }], 'body[0].type'],
    [[{ type: 'paragraph', text: 5 }], 'body[0].text'],
    [[{ type: 'paragraph' }], 'body[0].text'],
    [[{ type: 'paragraph', text: 'x'.repeat(100_001) }], 'body[0].text', /100000/],
    [[{ type: 'heading', level: 5, text: 'x' }], 'body[0].level'],
    [[{ type: 'heading', level: 1, text: 'x' }], 'body[0].level'],
    [[{ type: 'heading', level: '2', text: 'x' }], 'body[0].level'],
    [[{ type: 'paragraph', text: 'ok' }, { type: 'list', ordered: 'yes', items: [] }], 'body[1].ordered'],
    [[{ type: 'paragraph', text: 'ok' }, { type: 'list', ordered: false, items: ['a', 2] }], 'body[1].items[1]'],
    [[{ type: 'list', ordered: false, items: 'a' }], 'body[0].items'],
    [[{ type: 'quote', text: 'x', sourceUrl: 'javascript:alert(1)' }], 'body[0].sourceUrl'],
    [[{ type: 'quote', text: 'x', sourceUrl: 'JAVA\tSCRIPT:alert(1)' }], 'body[0].sourceUrl'],
    [[{ type: 'quote', text: 'x', sourceUrl: 'data:text/html,x' }], 'body[0].sourceUrl'],
    [[{ type: 'quote', text: 'x', attribution: 3 }], 'body[0].attribution'],
    [[{ type: 'image', mediaId: '7' }], 'body[0].mediaId'],
    [[{ type: 'image', mediaId: 1.5 }], 'body[0].mediaId'],
    [[{ type: 'image', mediaId: -1 }], 'body[0].mediaId'],
    [[{ type: 'embed', provider: 'flash', url: 'https://example.org' }], 'body[0].provider'],
    [[{ type: 'embed', provider: 'link', url: 'vbscript:msgbox(1)' }], 'body[0].url'],
    [[{ type: 'embed', provider: 'iframe', url: 'http://example.org' }], 'body[0].url', /https/],
    [[{ type: 'embed', provider: 'youtube', url: 'https://example.org/watch?v=dQw4w9WgXcQ' }], 'body[0].url'],
    [[{ type: 'embed', provider: 'vimeo', url: 'https://youtu.be/dQw4w9WgXcQ' }], 'body[0].url'],
    [[{ type: 'donation', text: [] }], 'body[0].text'],
    [[{ type: 'footnotes', items: [{ id: 'a b', text: 'x' }] }], 'body[0].items[0].id'],
    [[{ type: 'footnotes', items: [{ id: 'a', text: 'x' }] }, { type: 'footnotes', items: [{ id: 'a', text: 'y' }] }], 'body[1].items[0].id', /another/],
    [[{ type: 'footnotes', items: [{ id: 'a' }] }], 'body[0].items[0].text'],
    [Array.from({ length: 2001 }, () => ({ type: 'paragraph', text: '' })), 'body', /2000/],
  ];
  for (const [input, path, message] of cases) {
    assert.throws(
      () => validateBlocks(input),
      (err: unknown) => {
        assert.ok(err instanceof BlockValidationError, String(err));
        assert.equal(err.path, path, JSON.stringify(input).slice(0, 120));
        assert.equal(err.code, 'BLOCK_INVALID');
        if (message) assert.match(err.message, message);
        return true;
      },
    );
  }
  assert.doesNotThrow(() => validateBlocks(Array.from({ length: 2000 }, () => ({ type: 'paragraph', text: '' }))));
});
