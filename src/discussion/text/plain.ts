/**
 * Comment text without markup, for e-mails, feeds and the search index. The result is
 * plain text: whoever puts it into HTML or XML must escape it like any other text.
 */
import type { Token } from 'markdown-it';
import { parseComment } from './parser.js';

/**
 * Plain text of a comment: paragraphs separated by an empty line, quotes prefixed with
 * `> `, list items with `- ` or their number, and a link's address after its text when
 * the text does not already show it.
 *
 * @example
 *   commentToText('**Siehe** [Bericht](https://example.org/b)\n\n> Zitat');
 *   // 'Siehe Bericht (https://example.org/b)\n\n> Zitat'
 */
export function commentToText(source: string): string {
  return blocks(parseComment(source), 0, tokensEnd).lines.join('\n\n').trim();
}

const tokensEnd = Symbol('end');

interface Blocks {
  lines: string[];
  next: number;
}

/** Renders block tokens from `start` up to the close token of type `until` (exclusive). */
function blocks(tokens: Token[], start: number, until: string | typeof tokensEnd): Blocks {
  const out: string[] = [];
  let i = start;
  while (i < tokens.length) {
    const token = tokens[i];
    if (!token || token.type === until) break;
    if (token.type === 'inline') {
      out.push(inline(token.children ?? []));
    } else if (token.type === 'code_block' || token.type === 'fence') {
      out.push(token.content.replace(/\n$/, ''));
    } else if (token.type === 'blockquote_open') {
      const inner = blocks(tokens, i + 1, 'blockquote_close');
      out.push(prefixLines(inner.lines.join('\n\n'), '> ', '>'));
      i = inner.next;
    } else if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      const list = listItems(tokens, i + 1, token.type === 'ordered_list_open' ? Number(token.attrGet('start') ?? 1) : null);
      out.push(list.lines.join('\n'));
      i = list.next;
    }
    i++;
  }
  return { lines: out.filter((text) => text !== ''), next: i };
}

function listItems(tokens: Token[], start: number, number: number | null): Blocks {
  const items: string[] = [];
  let i = start;
  let n = number ?? 0;
  while (i < tokens.length && tokens[i]?.type === 'list_item_open') {
    const item = blocks(tokens, i + 1, 'list_item_close');
    const marker = number === null ? '- ' : `${n++}. `;
    items.push(prefixLines(item.lines.join('\n'), marker, '', ' '.repeat(marker.length)));
    i = item.next + 1;
  }
  // `i` is now on the list's close token; the caller steps past it.
  return { lines: items, next: i };
}

function prefixLines(text: string, first: string, empty: string, rest = first): string {
  return text
    .split('\n')
    .map((line, k) => (line === '' ? empty : (k === 0 ? first : rest) + line))
    .join('\n');
}

function inline(children: Token[]): string {
  let out = '';
  let href: string | null = null;
  let linkText = '';
  for (const token of children) {
    let piece = '';
    if (token.type === 'text' || token.type === 'code_inline') piece = token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') piece = '\n';
    else if (token.type === 'link_open') {
      const target = token.attrGet('href');
      href = target === null ? null : String(target);
      linkText = '';
    } else if (token.type === 'link_close') {
      if (href && !showsAddress(linkText, href)) out += ` (${href.replace(/^mailto:/i, '')})`;
      href = null;
    }
    out += piece;
    if (href !== null) linkText += piece;
  }
  return out;
}

/** Whether a link's text already is its address (`x@example.org` for `mailto:x@example.org`). */
function showsAddress(text: string, href: string): boolean {
  const bare = (s: string) => s.trim().replace(/^(?:https?:\/\/|mailto:)/i, '').replace(/\/$/, '').toLowerCase();
  return bare(text) === bare(href) || bare(text) === bare(decoded(href));
}

/** markdown-it percent-encodes `ä` in the href while the text keeps it. */
function decoded(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}
