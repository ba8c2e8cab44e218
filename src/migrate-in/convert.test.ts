// The pure pieces: HTML to blocks, shortcodes, auto-paragraphs, comment text, escaping,
// old-address normalisation, XML writing. No database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autop } from './autop.js';
import { commentMarkdown } from './comment-text.js';
import { htmlToBlocks } from './html-blocks.js';
import { escapeMarkdown, plainLink } from './inline.js';
import { mightBeLegacy, normaliseLegacyPath } from './redirects.js';
import { expandShortcodes, parseAttributes } from './shortcodes.js';
import { uploadPath } from './wp-index.js';
import { cdata, xmlText } from './xml-write.js';
import { own } from './own.js';
import { renderInline } from '../content/inline.js';

const blocks = (html: string) => htmlToBlocks(html, { link: plainLink });

test('inline markup becomes the Markdown subset, and text stays text', () => {
  assert.deepEqual(blocks('<p>Ein <b>fetter</b> <i>schiefer</i> <code>a`b</code> <a href="https://x.org/a_b">Link</a> *nicht fett* [1] &amp;amp;</p>').blocks, [
    { type: 'paragraph', text: 'Ein **fetter** *schiefer* ``a`b`` [Link](https://x.org/a_b) \\*nicht fett\\* \\[1\\] \\&amp;' },
  ]);
  // What the site renders from it is what WordPress showed.
  assert.equal(renderInline('\\*nicht fett\\* \\[1\\] \\&amp; https://x.org/a_b').toString(), '*nicht fett* [1] &amp;amp; <a href="https://x.org/a_b" rel="noopener">https://x.org/a_b</a>');
  assert.equal(escapeMarkdown('siehe https://x.org/a_b_c und a_b'), 'siehe https://x.org/a_b_c und a\\_b');
  assert.deepEqual(blocks('<p><strong>fett </strong>danach</p>').blocks, [{ type: 'paragraph', text: '**fett** danach' }]);
  assert.deepEqual(blocks('<p><a href="javascript:alert(1)">nur Text</a></p>').blocks, [{ type: 'paragraph', text: 'nur Text' }]);
});

test('block-editor markup maps to blocks; dynamic blocks and scripts are reported', () => {
  const { blocks: out, notes } = htmlToBlocks(
    `<!-- wp:heading {"level":4} --><h4>Klein</h4><!-- /wp:heading -->
<!-- wp:list {"ordered":true} --><ol><li>eins<ol><li>innen</li></ol></li></ol><!-- /wp:list -->
<!-- wp:pullquote --><figure class="wp-block-pullquote"><blockquote><p>Zitat</p><cite>Wer</cite></blockquote></figure><!-- /wp:pullquote -->
<!-- wp:embed {"url":"https://vimeo.com/76979871"} --><figure class="wp-block-embed"><div class="wp-block-embed__wrapper"></div></figure><!-- /wp:embed -->
<!-- wp:archives /-->
<!-- wp:html --><script>x()</script><iframe src="https://maps.example.org/embed?x=1" title="Karte"></iframe><!-- /wp:html -->
<!-- wp:code --><pre class="wp-block-code"><code>let a = 1;
let b = 2;</code></pre><!-- /wp:code -->`,
    { link: plainLink },
  );
  assert.deepEqual(out, [
    { type: 'heading', level: 4, text: 'Klein' },
    { type: 'list', ordered: true, items: ['eins', '– innen'] },
    { type: 'quote', text: 'Zitat', attribution: 'Wer' },
    { type: 'embed', provider: 'vimeo', url: 'https://vimeo.com/76979871' },
    { type: 'embed', provider: 'iframe', url: 'https://maps.example.org/embed?x=1', title: 'Karte' },
    { type: 'code', text: 'let a = 1;\nlet b = 2;' },
  ]);
  assert.deepEqual(notes.map((n) => `${n.kind}: ${n.message}`), [
    'dynamic block left out: block "archives" is drawn by WordPress when the page is viewed; the export has no content for it',
    'element removed: a <script> element was removed',
  ]);
});

test('images become pending images with their attachment id, caption and alt; tweets become links', () => {
  assert.deepEqual(blocks('<p><a href="big.jpg"><img class="alignnone wp-image-57" src="https://o.org/wp-content/uploads/2025/02/a-300x200.jpg" alt="A"></a> Text</p>').blocks, [
    { type: 'pending-image', src: 'https://o.org/wp-content/uploads/2025/02/a-300x200.jpg', attachmentId: 57, alt: 'A' },
    { type: 'paragraph', text: 'Text' },
  ]);
  assert.deepEqual(blocks('<blockquote class="twitter-tweet"><p>Hallo</p>&mdash; X (@x) <a href="https://twitter.com/x/status/1">1. Mai</a></blockquote>').blocks, [
    { type: 'embed', provider: 'link', url: 'https://twitter.com/x/status/1', title: 'Hallo — X (@x) 1. Mai' },
  ]);
});

test('shortcodes: attributes as WordPress reads them, escapes, plugin codes reported', () => {
  assert.deepEqual(parseAttributes(' id="a1" align=\'left\' width=300 https://x.org "frei"'), { id: 'a1', align: 'left', width: '300', 0: 'https://x.org', 1: 'frei' });
  const notes: { message: string }[] = [];
  const html = expandShortcodes('[gallery ids="3, 4"] [[gallery]] [sic] [Update: a=b] [form-7 id="1" /] [box]Innen[/box] [youtube=https://youtu.be/dQw4w9WgXcQ]', notes);
  assert.match(html, /<bw-gallery data-ids="3,4"><\/bw-gallery>/);
  assert.match(html, / \[gallery\] \[sic\] \[Update: a=b\] /);
  assert.match(html, / Innen /);
  assert.match(html, /<bw-embed data-url="https:\/\/youtu\.be\/dQw4w9WgXcQ"><\/bw-embed>/);
  assert.deepEqual(notes.map((n) => n.message), ['[form-7] shortcode (a plugin\'s) removed', '[box] shortcode (a plugin\'s) removed, its text kept']);
});

test('auto-paragraphs leave <pre> and block elements alone', () => {
  assert.equal(autop('Eins\nzwei\n\n<pre>a\n\nb</pre>\n\n<ul><li>x</li></ul>Drei'), '<p>Eins<br>\nzwei</p>\n<pre>a\n\nb</pre>\n<ul>\n<li>x</li>\n</ul>\n<p>Drei</p>');
});

test('comment text: paragraphs, quotes, lists and code; line starts that would be Markdown are escaped', () => {
  const link = (href: string) => (/^https?:/.test(href) ? href : null);
  assert.equal(commentMarkdown('Hallo\n\n<blockquote>Zitat\nZeile</blockquote>\n# keine Überschrift\n- kein Punkt\n1. keine Liste', { autop: true, link }),
    'Hallo\n\n> Zitat\n> Zeile\n\n\\# keine Überschrift\n\\- kein Punkt\n1\\. keine Liste');
  assert.equal(commentMarkdown('<ul><li>a</li><li><b>b</b></li></ul><pre>x ``` y</pre>', { autop: false, link }), '- a\n- **b**\n\n````\nx ``` y\n````');
});

test('old addresses are normalised the same way when stored and looked up', () => {
  assert.equal(normaliseLegacyPath('https://old.example.org/2025/02/13/%C3%BCber-uns?utm_source=x#c'), '/2025/02/13/über-uns/');
  assert.equal(normaliseLegacyPath('/index.php?p=12&preview=true'), '/?p=12');
  assert.equal(normaliseLegacyPath('/?page_id=7'), '/?page_id=7');
  assert.equal(normaliseLegacyPath('/wp-content/uploads/2025/02/a.jpg'), '/wp-content/uploads/2025/02/a.jpg');
  assert.equal(normaliseLegacyPath('/a/../b/'), '/a/b/');
  assert.equal(normaliseLegacyPath('/a%5Cb/'), null);
  assert.equal(mightBeLegacy('/?utm_source=x'), false, 'the home page with a tracking parameter costs no query');
  assert.equal(mightBeLegacy('/?p=1'), true);
  assert.equal(uploadPath('https://o.org/wp-content/uploads/2025/02/haus-1024x768.jpg?x=1'), '2025/02/haus.jpg');
  assert.equal(uploadPath('https://o.org/wp-content/uploads/2025/02/haus-scaled.jpg'), '2025/02/haus.jpg');
});

test('XML writing: escaped text, split CDATA ends, no forbidden characters', () => {
  assert.equal(xmlText('a < b & "c"\u0001'), 'a &lt; b &amp; &quot;c&quot;');
  assert.equal(cdata('x ]]> y\u0000'), '<![CDATA[x ]]]]><![CDATA[> y]]>');
  assert.equal(cdata('😀 \ud800 ok'), '<![CDATA[😀  ok]]>', 'a lone surrogate is not XML');
  const big = 'x'.repeat(1000);
  assert.equal(own(big.slice(10, 40)), big.slice(10, 40));
});
