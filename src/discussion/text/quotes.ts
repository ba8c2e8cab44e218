/**
 * Quotes in comments: long pasted quotes fold away behind a summary, and a quote-reply
 * starts as Markdown the reader can edit before sending.
 */
import type { Token } from 'markdown-it';
import { translator, type Language } from '../../platform/i18n.js';
import { cleanCommentText } from './clean.js';
import { commentTextMessages } from './messages.js';

/** Set on a blockquote's open and close tokens when it is shown folded. */
export interface LongQuoteMeta {
  /** on the open token: the text of the `<summary>` */
  summary?: string;
  /** on the close token */
  collapsed?: boolean;
}

/** How much of a folded quote its summary shows, in characters. */
const SUMMARY_LENGTH = 140;

/**
 * Marks each outermost blockquote whose text is longer than `limit` characters so that the
 * renderer folds it; quotes inside a folded one stay as they are (they fold with it).
 *
 * @example
 *   const tokens = parseComment('> ' + 'sehr lang '.repeat(100));
 *   collapseLongQuotes(tokens, 600, 'Ganzes Zitat anzeigen');
 *   (tokens[0].meta as LongQuoteMeta).summary;
 *   // 'sehr lang sehr lang […] sehr lang… (Ganzes Zitat anzeigen)': about 140 characters, then the label
 */
export function collapseLongQuotes(tokens: Token[], limit: number, label: string): void {
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i];
    if (open?.type !== 'blockquote_open') continue;
    const end = matchingClose(tokens, i);
    const text = flatText(tokens.slice(i + 1, end));
    if (text.length > limit) {
      open.meta = { summary: `${excerpt(text)} (${label})` } satisfies LongQuoteMeta;
      const close = tokens[end];
      if (close) close.meta = { collapsed: true } satisfies LongQuoteMeta;
      i = end;
    }
  }
}

function matchingClose(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const type = tokens[i]?.type;
    if (type === 'blockquote_open') depth++;
    else if (type === 'blockquote_close' && --depth === 0) return i;
  }
  return tokens.length;
}

/** The words of a token range on one line, for measuring and summarising. */
function flatText(tokens: Token[]): string {
  const parts: string[] = [];
  const walk = (list: Token[]): void => {
    for (const t of list) {
      if (t.type === 'text' || t.type === 'code_inline' || t.type === 'code_block' || t.type === 'fence') {
        parts.push(t.content);
      } else if (t.type === 'softbreak' || t.type === 'hardbreak' || t.type === 'paragraph_close') {
        parts.push(' ');
      }
      if (t.children) walk(t.children);
    }
  };
  walk(tokens);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Cuts at a word boundary near `SUMMARY_LENGTH`, counting code points so no emoji is split. */
function excerpt(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= SUMMARY_LENGTH) return text;
  const head = chars.slice(0, SUMMARY_LENGTH + 1).join('');
  const space = head.lastIndexOf(' ');
  const cut = space > SUMMARY_LENGTH * 0.6 ? head.slice(0, space) : chars.slice(0, SUMMARY_LENGTH).join('');
  // "amet.…" reads oddly; the ellipsis replaces the punctuation it follows.
  return `${cut.replace(/[\s.,;:!?…-]+$/u, '')}…`;
}

/** Backslash-escapes every ASCII punctuation character, so a name cannot be Markdown. */
function escapeMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * Markdown that starts a reply quoting `text` (a comment's Markdown or a passage the reader
 * selected): an attribution line, then every line prefixed with `> `, then an empty line
 * for the reply. The author's name is escaped, so a name like `[x](https://evil)` or
 * `**Redaktion**` shows as typed instead of becoming a link or bold.
 *
 * @example
 *   quoteForReply('Stimmt nicht.\nQuelle?', 'Ada', 'en');
 *   // 'Ada wrote:\n\n> Stimmt nicht.\n> Quelle?\n\n'
 */
export function quoteForReply(text: string, author: string, lang: Language = 'de'): string {
  const name = escapeMarkdown(cleanCommentText(author).replace(/\s+/g, ' ').trim());
  const body = cleanCommentText(text)
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
  const quoted = body
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line.trimEnd()}`))
    .join('\n');
  const attribution = name === '' ? '' : `${translator(lang, commentTextMessages)('quote.wrote', { author: name })}\n\n`;
  return `${attribution}${quoted}\n\n`;
}
