/**
 * The inline subset of article text: **bold**, *italic*, `code`, ~~struck~~, H~2~O,
 * x^2^, abbreviations `[BSW]{title="…"}`, [links](https://…), autolinked URLs and
 * footnote references [^id]. Everything else is shown as typed.
 *
 * markdown-it does the parsing because hand-written regexes for emphasis and links get
 * nesting and escaping wrong; the grammar itself (what is switched off, what is added) is
 * in `inline-rules.ts`, shared with the editor.
 */
import markdownit from 'markdown-it';
import type { Env, MarkdownIt, StateInline, Token } from 'markdown-it';
import { escapeHtml, raw, safeUrl, type SafeHtml } from '../platform/html.js';
import { configureInline } from './inline-rules.js';

/** Footnote ids are restricted so they can go into `id` and `href="#…"` unchanged. */
export const FOOTNOTE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Numbers footnotes in the order of the footnotes block and remembers which references
 * were rendered, so the list can link back to the first one.
 */
export interface FootnoteContext {
  /** footnote id → its number (1-based, in footnote order) */
  readonly numbers: ReadonlyMap<string, number>;
  /** footnote id → how many references to it were rendered so far */
  readonly refs: Map<string, number>;
}

/**
 * @example
 *   const fn = footnoteContext(['quelle', 'anm']);
 *   renderInline('Laut Bericht[^quelle].', fn).toString();
 *   // 'Laut Bericht<sup><a href="#fn-quelle" id="fnref-quelle">1</a></sup>.'
 */
export function footnoteContext(ids: readonly string[]): FootnoteContext {
  const numbers = new Map<string, number>();
  for (const id of ids) if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
  return { numbers, refs: new Map() };
}

/** The id of the k-th reference (1-based); '.' cannot occur in a footnote id, so no clash. */
export function footnoteRefId(id: string, k = 1): string {
  return k === 1 ? `fnref-${id}` : `fnref-${id}.${k}`;
}

interface InlineEnv extends Env {
  footnotes?: FootnoteContext;
}

const REF = /^\[\^([A-Za-z0-9_-]{1,64})\]/;

/** Inline rule: `[^id]` becomes a footnote_ref token when the id names a known footnote. */
function footnoteRef(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
  const match = REF.exec(state.src.slice(state.pos, state.pos + 68));
  const footnotes = (state.env as InlineEnv).footnotes;
  const id = match?.[1];
  const n = id === undefined ? undefined : footnotes?.numbers.get(id);
  // Unknown ids stay literal text, so an editor sees the broken reference in the preview.
  if (!match || !footnotes || id === undefined || n === undefined) return false;
  if (!silent) {
    const k = (footnotes.refs.get(id) ?? 0) + 1;
    footnotes.refs.set(id, k);
    const token = state.push('footnote_ref', 'sup', 0);
    token.meta = { id, n, refId: footnoteRefId(id, k) };
  }
  state.pos += match[0].length;
  return true;
}

function isExternal(href: string): boolean {
  return /^https?:\/\//i.test(href);
}

function createParser(): MarkdownIt {
  const md = configureInline(markdownit('default', { html: false, linkify: true, typographer: false, breaks: true }));
  md.inline.ruler.before('link', 'footnote_ref', footnoteRef);
  // Both gates: markdown-it's own list of bad schemes (it allows some data: images) and ours,
  // which admits only http(s), mailto and site-relative URLs.
  const validate = md.validateLink.bind(md);
  md.validateLink = (url) => validate(url) && safeUrl(url) !== '#';
  md.renderer.rules.footnote_ref = (tokens: Token[], idx: number) => {
    const { id, n, refId } = tokens[idx]?.meta as { id: string; n: number; refId: string };
    return `<sup><a href="#fn-${escapeHtml(id)}" id="${escapeHtml(refId)}">${n}</a></sup>`;
  };
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    const token = tokens[idx];
    if (token && isExternal(String(token.attrGet('href') ?? ''))) token.attrSet('rel', 'noopener');
    return self.renderToken(tokens, idx, options);
  };
  return md;
}

// One configured parser for the process: it holds only configuration, no per-request state
// (footnote numbering travels in the env argument), and building it costs far more than a render.
const md = createParser();

/** C0 controls other than tab and newline are invalid in HTML and only ever smuggled in. */
export function stripControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/**
 * Renders inline text to HTML. Pass a footnote context to turn `[^id]` into numbered refs.
 *
 * @example
 *   renderInline('**Wichtig:** siehe [Bericht](https://example.org) <b>x</b>').toString();
 *   // '<strong>Wichtig:</strong> siehe <a href="https://example.org" rel="noopener">Bericht</a> &lt;b&gt;x&lt;/b&gt;'
 */
export function renderInline(text: string, footnotes?: FootnoteContext): SafeHtml {
  const env: InlineEnv = footnotes ? { footnotes } : {};
  return raw(md.renderInline(stripControls(text), env));
}

/**
 * The words a reader sees, without markup and without footnote markers; for search,
 * reading time, heading anchors and feed summaries.
 *
 * @example
 *   inlineToText('Das **neue** [Rathaus](https://example.org)[^1]'); // 'Das neue Rathaus'
 */
export function inlineToText(text: string): string {
  let out = '';
  const walk = (tokens: Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'text' || token.type === 'code_inline') out += token.content;
      else if (token.type === 'softbreak' || token.type === 'hardbreak') out += ' ';
      if (token.children) walk(token.children);
    }
  };
  // Refs to footnotes must vanish here too, so every id counts as known.
  const footnotes: FootnoteContext = { numbers: new AnyId(), refs: new Map() };
  walk(md.parseInline(stripControls(text), { footnotes } satisfies InlineEnv));
  return out.replace(/\s+/g, ' ').trim();
}

/** A map that claims every key, so `inlineToText` drops refs without knowing the footnotes. */
class AnyId extends Map<string, number> {
  override get(): number {
    return 0;
  }
}
