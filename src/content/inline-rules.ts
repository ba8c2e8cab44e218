/// <reference path="./markdown-it-plugins.d.ts" />
/**
 * The inline subset's grammar, shared by the server's renderer (`inline.ts`) and the
 * editor bundle (admin/ui/client/inline.browser.ts), so both read a text the same way.
 * markdown-it's defaults, minus raw HTML and images (a request the reader never agreed
 * to), plus ~~strikethrough~~ (markdown-it's own rule), H~2~O and x^2^ (markdown-it-sub
 * and -sup, the syntax Pandoc uses) and abbreviations with their long form:
 * `[BSW]{title="Bündnis Sahra Wagenknecht"}` (Pandoc's bracketed span, title only).
 *
 * @example
 *   const md = configureInline(markdownit('default', { html: false, linkify: true, breaks: true }));
 *   md.renderInline('H~2~O und [BSW]{title="Bündnis Sahra Wagenknecht"}');
 *   // 'H<sub>2</sub>O und <abbr title="Bündnis Sahra Wagenknecht">BSW</abbr>'
 */
import type { MarkdownIt, StateInline } from 'markdown-it';
import sub from 'markdown-it-sub';
import sup from 'markdown-it-sup';

/** The longest abbreviation and title we accept; longer text stays literal. */
export const MAX_ABBR = 40;
export const MAX_ABBR_TITLE = 300;

const ESCAPED = /\\([\\!"#$%&'()*+,./:;<=>?@[\]^_`{|}~-])/g;

/** Reads up to the first unescaped `stop`; null when there is none before `max`. */
function scan(src: string, from: number, max: number, stop: number): number | null {
  for (let i = from; i < max; i++) {
    const ch = src.charCodeAt(i);
    if (ch === 0x5c /* \ */) i++;
    else if (ch === stop) return i;
    else if (ch === 0x0a) return null;
  }
  return null;
}

/** Inline rule: `[text]{title="long form"}` becomes `<abbr title="long form">text</abbr>`. */
function abbr(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== 0x5b /* [ */) return false;
  const close = scan(src, pos + 1, Math.min(posMax, pos + 2 + MAX_ABBR * 2), 0x5d /* ] */);
  if (close === null || close === pos + 1 || !src.startsWith('{title="', close + 1)) return false;
  const titleStart = close + 9;
  const titleEnd = scan(src, titleStart, Math.min(posMax, titleStart + MAX_ABBR_TITLE * 2), 0x22 /* " */);
  if (titleEnd === null || src.charCodeAt(titleEnd + 1) !== 0x7d /* } */) return false;
  const text = src.slice(pos + 1, close).replace(ESCAPED, '$1');
  const title = src.slice(titleStart, titleEnd).replace(ESCAPED, '$1');
  if (!text.trim() || text.length > MAX_ABBR || !title.trim() || title.length > MAX_ABBR_TITLE) return false;
  if (!silent) {
    const open = state.push('abbr_open', 'abbr', 1);
    open.attrSet('title', title);
    const content = state.push('text', '', 0);
    content.content = text;
    state.push('abbr_close', 'abbr', -1);
  }
  state.pos = titleEnd + 2;
  return true;
}

/** Applies the subset's switches and rules to a fresh markdown-it instance. */
export function configureInline(md: MarkdownIt): MarkdownIt {
  md.disable(['image', 'html_inline']);
  md.use(sub).use(sup);
  md.inline.ruler.before('link', 'abbr', abbr);
  return md;
}

/**
 * Escapes what would read as markup in the subset, for text typed or imported as plain
 * words: `*`, `_`, `` ` ``, `[`, `]`, `<`, `~`, `^`, backslash and entity-like `&x;`.
 *
 * @example
 *   escapeInline('2 * 3 ~ 6^1'); // '2 \\* 3 \\~ 6\\^1'
 */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<~^]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}
