/**
 * The text of reader comments: a small Markdown subset rendered to HTML that is safe
 * against hostile input, plus its plain-text form, link counting for spam limits,
 * quote-replies and the checks a body passes before it is stored.
 *
 * Two independent defences: the parser never produces anything outside the subset
 * (raw HTML off, link targets checked twice), and its output still passes an allowlist
 * sanitiser. Either alone should suffice; neither is trusted alone.
 */
import { raw, type SafeHtml } from '../../platform/html.js';
import { translator, type Language } from '../../platform/i18n.js';
import { commentTextMessages } from './messages.js';
import { parseComment, renderTokens } from './parser.js';
import { collapseLongQuotes } from './quotes.js';
import { sanitizeComment } from './sanitize.js';

export { commentToText } from './plain.js';
export { quoteForReply } from './quotes.js';
export { LINK_REL, MAX_QUOTE_DEPTH } from './parser.js';
export { MAX_COMMENT_LENGTH, CommentTextError, validateCommentBody, type CommentTextErrorCode } from './validate.js';

export interface RenderCommentOptions {
  /** Quotes with more text than this many characters are folded; default 600. */
  collapseQuotesOver?: number;
  /** Language of the "show the whole quote" label; default 'de'. */
  lang?: Language;
}

/** Long enough for a quoted paragraph or two; longer pastes push the reply off screen. */
export const DEFAULT_COLLAPSE_QUOTES_OVER = 600;

/**
 * Renders a comment body to sanitised HTML.
 *
 * @example
 *   renderComment('**Danke!** Siehe https://example.org <script>').toString();
 *   // '<p><strong>Danke!</strong> Siehe <a href="https://example.org" rel="nofollow ugc noopener">https://example.org</a> &lt;script&gt;</p>\n'
 */
export function renderComment(source: string, options: RenderCommentOptions = {}): SafeHtml {
  return renderParsed(parseComment(source), options);
}

function renderParsed(tokens: ReturnType<typeof parseComment>, options: RenderCommentOptions): SafeHtml {
  const label = translator(options.lang ?? 'de', commentTextMessages)('quote.showWhole');
  collapseLongQuotes(tokens, options.collapseQuotesOver ?? DEFAULT_COLLAPSE_QUOTES_OVER, label);
  return raw(sanitizeComment(renderTokens(tokens)));
}

/**
 * How many links a comment shows: Markdown links, autolinks, bare URLs and addresses
 * that get linked, and images (which render as links). Targets the renderer refuses,
 * such as `javascript:`, are not links and do not count.
 *
 * @example
 *   countLinks('[a](https://a.example) und https://b.example und c@example.org'); // 3
 */
export function countLinks(source: string): number {
  return linksIn(parseComment(source));
}

function linksIn(tokens: ReturnType<typeof parseComment>): number {
  let count = 0;
  for (const block of tokens) {
    for (const token of block.children ?? []) if (token.type === 'link_open') count++;
  }
  return count;
}

/**
 * A comment parsed once for what posting it needs: its links (for the screen) and its HTML
 * (issue 16: it was parsed twice). `render` may be called once: folding quotes changes the parse.
 *
 * @example
 *   const body = parsedComment('Siehe https://example.org');
 *   body.links; // 1
 *   body.render({ lang: 'de' }).toString(); // '<p>Siehe <a href=…>https://example.org</a></p>\n'
 */
export function parsedComment(source: string): { links: number; render(options?: RenderCommentOptions): SafeHtml } {
  const tokens = parseComment(source);
  return { links: linksIn(tokens), render: (options = {}) => renderParsed(tokens, options) };
}
