/**
 * Markup we could not convert, kept for a human: serialised back from the parsed tree and
 * passed through sanitize-html, so what lands in `import_notes` (and in a report file) is
 * inert: no scripts, no event handlers, no `javascript:` links, no iframes.
 *
 * @example
 *   keepForReview(parseHtml('<table onclick="x()"><tr><td>1</td></tr></table>')[0]);
 *   // '<table><tr><td>1</td></tr></table>'
 */
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from '../platform/html.js';
import { parseHtml, textOf, type HNode } from './dom.js';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const MAX_KEPT = 20_000;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'figure', 'figcaption'],
  allowedAttributes: { a: ['href'], img: ['src', 'alt'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

export function serialise(nodes: readonly HNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return escapeHtml(node.data);
      if (node.type !== 'tag') return '';
      const attrs = Object.entries(node.attribs).map(([k, v]) => ` ${k.replace(/[^\w:-]/g, '')}="${escapeHtml(v)}"`).join('');
      if (VOID.has(node.name)) return `<${node.name}${attrs}>`;
      return `<${node.name}${attrs}>${serialise(node.children)}</${node.name}>`;
    })
    .join('');
}

/** Sanitised HTML of a fragment, cut to a size a note can hold. */
export function keepForReview(nodes: HNode | readonly HNode[]): string {
  const list = Array.isArray(nodes) ? nodes : [nodes as HNode];
  return sanitizeHtml(serialise(list), OPTIONS).slice(0, MAX_KEPT);
}

/** Plain text of an HTML string (titles, excerpts, names): tags and scripts gone, entities decoded. */
export function htmlToText(html: string): string {
  return html.includes('<') || html.includes('&') ? textOf(parseHtml(html)) : html.replace(/\s+/g, ' ').trim();
}
