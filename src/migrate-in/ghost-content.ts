/**
 * Ghost's stored post formats, Lexical (Ghost 5) and mobiledoc (Ghost 1–4), rendered to
 * plain HTML, which then takes the same road to our blocks as WordPress HTML does
 * (html-blocks.ts). One converter for every source means one set of rules for what a
 * paragraph, a quote or an embed becomes, tested once.
 *
 * Cards without a counterpart (sign-up forms, product cards, e-mail-only content, the
 * members-only divider) are left out and reported.
 *
 * @example
 *   lexicalToHtml('{"root":{"children":[{"type":"paragraph","children":[{"type":"text","text":"Hallo","format":1}]}]}}', notes);
 *   // '<p><strong>Hallo</strong></p>'
 */
import markdownit from 'markdown-it';
import { escapeHtml } from '../platform/html.js';

export interface ContentNote {
  /** What sort of note ('Ghost card left out'); the report groups by it. */
  kind: string;
  message: string;
}

type Json = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const obj = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const a = (value: unknown) => escapeHtml(str(value));

const unwrap = (html: string) => html.replace(/<\/?p(?:\s[^>]*)?>/gi, ' ').trim();

// Ghost's markdown card is CommonMark with HTML; the HTML is filtered later like any other.
const markdown = markdownit({ html: true, linkify: true });

/** A card (Lexical decorator node or mobiledoc card) as HTML; '' for what has none. */
export function cardHtml(name: string, payload: Json, notes: ContentNote[]): string {
  const caption = str(payload.caption) ? `<figcaption>${str(payload.caption)}</figcaption>` : '';
  switch (name) {
    case 'image':
      return `<figure><img src="${a(payload.src)}" alt="${a(payload.alt ?? payload.altText)}">${caption}</figure>`;
    case 'gallery':
      // Each image in a figure of its own, so its caption stays with it.
      return `<figure class="kg-gallery">${arr(payload.images)
        .map((i) => `<figure><img src="${a(obj(i).src)}" alt="${a(obj(i).alt)}">${str(obj(i).caption) ? `<figcaption>${str(obj(i).caption)}</figcaption>` : ''}</figure>`)
        .join('')}${caption}</figure>`;
    case 'embed':
      return `<bw-embed data-url="${a(payload.url)}"${str(payload.caption) ? ` data-caption="${a(payload.caption)}"` : ''}></bw-embed>`;
    case 'bookmark': {
      const title = str(obj(payload.metadata).title) || str(payload.url);
      return `<bw-embed data-url="${a(payload.url)}" data-title="${a(title)}"></bw-embed>`;
    }
    case 'video':
    case 'audio':
      return `<bw-embed data-url="${a(payload.src)}" data-kind="${name}"></bw-embed>`;
    case 'file':
      return `<p><a href="${a(payload.src)}">${a(payload.fileTitle || payload.fileName || payload.src)}</a></p>`;
    case 'html':
      return str(payload.html);
    case 'markdown':
    case 'card-markdown':
      return markdown.render(str(payload.markdown));
    case 'code':
    case 'codeblock':
      return `<pre><code${str(payload.language) ? ` class="language-${a(str(payload.language).replace(/\s+/g, '-'))}"` : ''}>${a(payload.code)}</code></pre>${caption}`;
    case 'hr':
    case 'horizontalrule':
      return '<hr>';
    case 'callout':
      // The text is HTML with its own paragraphs; one paragraph with the emoji in front reads best.
      notes.push({ kind: 'callout shown as a paragraph', message: 'a callout box became a plain paragraph' });
      return `<p>${a(payload.calloutEmoji)} ${unwrap(str(payload.calloutText))}</p>`;
    case 'toggle':
      return `<details><summary>${unwrap(str(payload.heading))}</summary>${str(payload.content)}</details>`;
    case 'button':
      notes.push({ kind: 'buttons shown as links', message: 'a button became a plain link' });
      return `<p><a href="${a(payload.buttonUrl)}">${a(payload.buttonText)}</a></p>`;
    case 'header':
      notes.push({ kind: 'Ghost card approximated', message: 'a header card became a heading and its text' });
      return `<h2>${unwrap(str(payload.header ?? payload.heading))}</h2>${str(payload.subheader ?? payload.subheading) ? `<p>${unwrap(str(payload.subheader ?? payload.subheading))}</p>` : ''}${str(payload.buttonUrl) ? `<p><a href="${a(payload.buttonUrl)}">${a(payload.buttonText)}</a></p>` : ''}`;
    case 'product':
      notes.push({ kind: 'Ghost card approximated', message: 'a product card became its image, title, text and link' });
      return `${str(payload.productImageSrc) ? `<figure><img src="${a(payload.productImageSrc)}" alt=""></figure>` : ''}<h3>${unwrap(str(payload.productTitle))}</h3>${str(payload.productDescription)}${str(payload.productUrl) ? `<p><a href="${a(payload.productUrl)}">${a(payload.productButton || payload.productUrl)}</a></p>` : ''}`;
    case 'paywall':
      notes.push({ kind: 'members-only divider removed', message: 'the members-only divider was removed: everything below it is public here' });
      return '';
    case 'email':
    case 'email-cta':
      notes.push({ kind: 'e-mail-only content left out', message: 'content shown only in the e-mail version was left out' });
      return '';
    default:
      notes.push({ kind: 'Ghost card left out', message: `Ghost card "${name}" has no counterpart and was left out` });
      return '';
  }
}

const FORMATS: [number, string][] = [[16, 'code'], [1, 'strong'], [2, 'em'], [4, 's'], [8, 'u'], [32, 'sub'], [64, 'sup']];

function lexicalInline(nodes: unknown[]): string {
  return nodes
    .map((raw) => {
      const node = obj(raw);
      switch (node.type) {
        case 'text':
        case 'extended-text': {
          let html = a(node.text);
          const format = typeof node.format === 'number' ? node.format : 0;
          for (const [bit, tag] of FORMATS) if (format & bit) html = `<${tag}>${html}</${tag}>`;
          return html;
        }
        case 'linebreak':
          return '<br>';
        case 'tab':
          return ' ';
        case 'link':
        case 'autolink':
          return `<a href="${a(node.url)}">${lexicalInline(arr(node.children))}</a>`;
        default:
          return lexicalInline(arr(node.children));
      }
    })
    .join('');
}

function lexicalBlock(raw: unknown, notes: ContentNote[]): string {
  const node = obj(raw);
  const children = arr(node.children);
  switch (node.type) {
    case 'paragraph':
    case 'extended-text':
      return `<p>${lexicalInline(children)}</p>`;
    case 'heading':
    case 'extended-heading': {
      const tag = /^h[1-6]$/.test(str(node.tag)) ? str(node.tag) : 'h2';
      return `<${tag}>${lexicalInline(children)}</${tag}>`;
    }
    case 'quote':
    case 'extended-quote':
    case 'aside':
      return `<blockquote>${lexicalInline(children)}</blockquote>`;
    case 'list': {
      const tag = node.listType === 'number' ? 'ol' : 'ul';
      return `<${tag}>${children.map((item) => `<li>${arr(obj(item).children).map((c) => (obj(c).type === 'list' ? lexicalBlock(c, notes) : lexicalInline([c]))).join('')}</li>`).join('')}</${tag}>`;
    }
    default:
      return cardHtml(str(node.type), node, notes);
  }
}

/** A Lexical document (the `lexical` column, a JSON string) as HTML. */
export function lexicalToHtml(source: string, notes: ContentNote[]): string {
  const root = obj(obj(JSON.parse(source)).root);
  return arr(root.children).map((node) => lexicalBlock(node, notes)).join('\n');
}

function mobiledocMarkers(markers: unknown[], markups: unknown[], atoms: unknown[]): string {
  let html = '';
  const open: string[] = [];
  for (const raw of markers) {
    const [type, opens, closes, value] = arr(raw) as [number, number[], number, unknown];
    for (const index of arr(opens)) {
      const [tag, attrs] = arr(markups[index as number]) as [string, string[]];
      const name = /^(a|b|strong|i|em|u|s|sub|sup|code)$/.test(str(tag)) ? str(tag) : 'span';
      const pairs = arr(attrs);
      const href = name === 'a' ? pairs[pairs.indexOf('href') + 1] : undefined;
      html += name === 'a' ? `<a href="${a(href)}">` : `<${name}>`;
      open.push(name);
    }
    if (type === 1) {
      const atom = arr(atoms[value as number]);
      html += atom[0] === 'soft-return' ? '<br>' : a(atom[1]);
    } else html += a(value);
    for (let i = 0; i < (typeof closes === 'number' ? closes : 0) && open.length; i++) html += `</${open.pop()}>`;
  }
  while (open.length) html += `</${open.pop()}>`;
  return html;
}

/** A mobiledoc document (the `mobiledoc` column, a JSON string) as HTML. */
export function mobiledocToHtml(source: string, notes: ContentNote[]): string {
  const doc = obj(JSON.parse(source));
  const markups = arr(doc.markups);
  const atoms = arr(doc.atoms);
  const cards = arr(doc.cards);
  return arr(doc.sections)
    .map((raw) => {
      const section = arr(raw);
      switch (section[0]) {
        case 1: {
          const tag = /^(p|h[1-6]|blockquote|aside|pull-quote)$/i.test(str(section[1])) ? str(section[1]).toLowerCase() : 'p';
          const html = mobiledocMarkers(arr(section[2]), markups, atoms);
          return tag === 'aside' || tag === 'pull-quote' ? `<blockquote>${html}</blockquote>` : `<${tag}>${html}</${tag}>`;
        }
        case 2:
          return cardHtml('image', { src: section[1] }, notes);
        case 3: {
          const tag = section[1] === 'ol' ? 'ol' : 'ul';
          return `<${tag}>${arr(section[2]).map((item) => `<li>${mobiledocMarkers(arr(item), markups, atoms)}</li>`).join('')}</${tag}>`;
        }
        case 10: {
          const [name, payload] = arr(cards[section[1] as number]) as [string, Json];
          return cardHtml(str(name), obj(payload), notes);
        }
        default:
          return '';
      }
    })
    .join('\n');
}
