/**
 * The one markdown-it parser for comment text, configured for the subset readers get:
 * paragraphs, line breaks, emphasis, ~~strikethrough~~, links, quotes, lists and code. Raw
 * HTML is off (it shows as typed); tables, rules and setext headings are off (shown as
 * typed); images become links so a comment never makes the browser fetch anything.
 */
import markdownit from 'markdown-it';
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import { escapeHtml } from '../../platform/html.js';
import { cleanCommentText } from './clean.js';
import type { LongQuoteMeta } from './quotes.js';

/** On every link readers write: no SEO credit for spam, no `window.opener` for the target. */
export const LINK_REL = 'nofollow ugc noopener';

/** Quotes of quotes of quotes are still readable; deeper levels are merged into the third. */
export const MAX_QUOTE_DEPTH = 3;

/**
 * Our gate for link targets, on top of markdown-it's: absolute http(s) and mailto only.
 * Site-relative links would resolve against whichever page shows the comment (article,
 * e-mail, feed) and mean something different in each, so readers do not get them.
 *
 * @example
 *   isAllowedHref('https://example.org'); // true
 *   isAllowedHref('javascript:alert(1)'); // false
 */
export function isAllowedHref(url: string): boolean {
  return /^(?:https?:\/\/|mailto:)/i.test(url);
}

/**
 * Core rule: the image's alt text becomes the text of a link to the image. Inside a link
 * (a linked badge) only the alt text remains, because links cannot nest.
 */
function imagesToLinks(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type === 'inline' && block.children) block.children = replaceImages(block.children, state);
  }
}

function replaceImages(children: Token[], state: StateCore): Token[] {
  const out: Token[] = [];
  let linkDepth = 0;
  for (const token of children) {
    if (token.type === 'link_open') linkDepth++;
    if (token.type === 'link_close') linkDepth--;
    if (token.type !== 'image') {
      out.push(token);
      continue;
    }
    const label = altText(token.children ?? []);
    if (linkDepth > 0) {
      out.push(...label);
      continue;
    }
    const src = String(token.attrGet('src') ?? '');
    const open = new state.Token('link_open', 'a', 1);
    open.attrSet('href', src);
    if (label.length === 0) {
      const text = new state.Token('text', '', 0);
      text.content = state.md.normalizeLinkText(src);
      label.push(text);
    }
    out.push(open, ...label, new state.Token('link_close', 'a', -1));
  }
  return out;
}

/** Alt text may itself hold links or images (`![[a](u)](v)`); keep only their words. */
function altText(children: Token[]): Token[] {
  return children.flatMap((t) =>
    t.type === 'image' ? altText(t.children ?? []) : t.type === 'link_open' || t.type === 'link_close' ? [] : [t],
  );
}

/** Core rule: drops the blockquote tokens below `MAX_QUOTE_DEPTH`, keeping their content. */
function capQuoteDepth(state: StateCore): void {
  const kept: boolean[] = [];
  let depth = 0;
  state.tokens = state.tokens.filter((token) => {
    if (token.type === 'blockquote_open') {
      depth++;
      kept.push(depth <= MAX_QUOTE_DEPTH);
      return depth <= MAX_QUOTE_DEPTH;
    }
    if (token.type === 'blockquote_close') {
      depth--;
      return kept.pop() ?? false;
    }
    return true;
  });
}

function createParser(): MarkdownIt {
  // maxNesting 20 (as in the commonmark preset) bounds the work a hostile body can cause;
  // no comment needs lists or quotes nested that deep.
  const md = markdownit('default', { html: false, linkify: true, typographer: false, breaks: true, maxNesting: 20 });
  md.disable(['table', 'hr', 'lheading', 'html_block', 'html_inline']);
  const validate = md.validateLink.bind(md);
  md.validateLink = (url) => validate(url) && isAllowedHref(url);
  md.core.ruler.after('inline', 'comment_images', imagesToLinks);
  md.core.ruler.after('block', 'comment_quote_depth', capQuoteDepth);

  const rules = md.renderer.rules;
  // A heading in a comment would outrank the article's own; it stays visible as bold text.
  rules.heading_open = () => '<p><strong>';
  rules.heading_close = () => '</strong></p>\n';
  rules.link_open = (tokens, idx) => {
    const href = String(tokens[idx]?.attrGet('href') ?? '');
    // Titles and any other attribute are dropped; a target that slipped past the parser loses its href.
    return isAllowedHref(href) ? `<a href="${escapeHtml(href)}" rel="${LINK_REL}">` : `<a rel="${LINK_REL}">`;
  };
  // Never reached after imagesToLinks; kept so a missed image can only ever become text.
  rules.image = (tokens, idx) => escapeHtml(tokens[idx]?.content ?? '');
  // No language class: nothing highlights comment code, and the sanitiser would drop it.
  rules.fence = (tokens, idx) => `<pre><code>${escapeHtml(tokens[idx]?.content ?? '')}</code></pre>\n`;
  rules.blockquote_open = (tokens, idx) => {
    const meta = tokens[idx]?.meta as LongQuoteMeta | null;
    return meta?.summary === undefined
      ? '<blockquote>\n'
      : `<details class="long-quote"><summary>${escapeHtml(meta.summary)}</summary><blockquote>\n`;
  };
  rules.blockquote_close = (tokens, idx) => {
    const meta = tokens[idx]?.meta as LongQuoteMeta | null;
    return meta?.collapsed ? '</blockquote></details>\n' : '</blockquote>\n';
  };
  return md;
}

// One parser for the process: it holds configuration only, and building it costs far more
// than a render.
const md = createParser();

/**
 * Cleans and parses a comment body into markdown-it block tokens.
 *
 * @example
 *   parseComment('Hallo *Welt*').map((t) => t.type); // ['paragraph_open', 'inline', 'paragraph_close']
 */
export function parseComment(source: string): Token[] {
  return md.parse(cleanCommentText(source), {});
}

/**
 * Renders tokens from `parseComment` to HTML that still has to pass the sanitiser.
 *
 * @example
 *   renderTokens(parseComment('# Hallo')); // '<p><strong>Hallo</strong></p>\n'
 */
export function renderTokens(tokens: Token[]): string {
  return md.renderer.render(tokens, md.options, {});
}
