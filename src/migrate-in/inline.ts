/**
 * Inline HTML (`<strong>`, `<em>`, `<a>`, `<code>`, `<br>`, `<sub>`, `<sup>`, `<del>`,
 * `<abbr>`) to the Markdown subset article text and comments are stored in (see
 * content/inline.ts; comments have no sub, sup or abbr). Everything else keeps its words
 * and loses its markup; text is escaped so that a `*` or `[` typed in WordPress stays a
 * character and does not become formatting here. Block-editor footnote markers
 * (`<sup data-fn>`) become `[^id]` references when the post's footnotes are known.
 *
 * @example
 *   inlineMarkdown(parseHtml('Ein <b>fetter</b> [Punkt] und <a href="https://x.org">Link</a>'), { link: (h) => h });
 *   // 'Ein **fetter** \\[Punkt\\] und [Link](https://x.org)'
 */
import { INVISIBLE, type HNode } from './dom.js';

export interface InlineOptions {
  /** Answers the href to keep (perhaps rewritten), or null to keep only the link's text. */
  link(href: string): string | null;
  /** 'comment': the discussion's subset, which has strikethrough but no sub, sup or abbr. */
  flavour?: 'article' | 'comment';
  /** A block-editor footnote marker's id: the footnote id to refer to, or null to drop the marker. */
  footnote?(id: string): string | null;
  /** Told when formatting had no place in the subset and only its text was kept. */
  dropped?(what: string): void;
}

const BARE_URL = /(https?:\/\/[^\s<>"'`]+)/i;

/**
 * Characters that mean something in the inline subset, escaped with a backslash. Bare URLs
 * are left alone: an escape inside one would cut it where the site's autolinker looks.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(BARE_URL)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/[\\`*_[\]<>~^]/g, (ch) => `\\${ch}`)
            // `&amp;` typed as text must not turn into `&` (markdown-it decodes entities).
            .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&'),
    )
    .join('');
}

/** A code span that survives backticks in its content. */
function codeSpan(text: string): string {
  const content = text.replace(/\s+/g, ' ');
  if (!content.trim()) return '';
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** Wraps in a marker with the surrounding spaces moved outside (`** x**` is not emphasis). */
function wrap(inner: string, marker: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner)!;
  const [, lead, core, trail] = match;
  if (!core) return inner;
  return `${lead}${marker}${core}${marker}${trail}`;
}

/** Link targets in Markdown: no spaces, no unbalanced parentheses, no angle brackets. */
function linkTarget(href: string): string {
  return href.replace(/[ ()<>]/g, (ch) => encodeURIComponent(ch));
}

const BOLD = new Set(['strong', 'b']);
const ITALIC = new Set(['em', 'i', 'cite', 'dfn', 'var']);
const CODE = new Set(['code', 'kbd', 'samp', 'tt']);
const STRUCK = new Set(['del', 's', 'strike']);
/** Formatting the subset has no mark for: the words stay, the look goes (and is noted). */
const LOOK_ONLY: Record<string, string> = { u: 'underline', ins: 'underline', mark: 'highlight', big: 'font size', small: 'font size', font: 'font' };

/** Sub- and superscript hold plain text; a space inside would end them, so it is escaped. */
function script(nodes: readonly HNode[], marker: '~' | '^'): string {
  const text = escapeMarkdown(textContent(nodes).replace(/\s+/g, ' ').trim()).replace(/ /g, '\\ ');
  return text ? `${marker}${text}${marker}` : '';
}

/** `[BSW]{title="Bündnis Sahra Wagenknecht"}` (content/inline-rules.ts). */
function abbreviation(node: HNode): string | null {
  const text = textContent(node.children).replace(/\s+/g, ' ').trim();
  const title = (node.attribs.title ?? '').replace(/\s+/g, ' ').trim();
  if (!text || !title || text.length > 40 || title.length > 300) return null;
  return `[${escapeMarkdown(text)}]{title="${title.replace(/[\\"]/g, (ch) => `\\${ch}`)}"}`;
}

function render(nodes: readonly HNode[], options: InlineOptions, inLink: boolean): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      out += escapeMarkdown(node.data.replace(/[\s\u00a0]+/g, (ws) => (ws === '\u00a0' ? '\u00a0' : ' ')));
      continue;
    }
    if (node.type !== 'tag' || INVISIBLE.has(node.name) || node.name === 'iframe' || node.name === 'img') continue;
    const inner = () => render(node.children, options, inLink);
    const article = options.flavour !== 'comment';
    const fn = node.name === 'sup' ? node.attribs['data-fn'] : undefined;
    if (node.name === 'br') out += '\n';
    else if (fn !== undefined) {
      const id = options.footnote?.(fn) ?? null;
      if (id) out += `[^${id}]`;
      else options.dropped?.('a footnote marker without its footnote');
    } else if (BOLD.has(node.name)) out += wrap(inner(), '**');
    else if (ITALIC.has(node.name)) out += wrap(inner(), '*');
    else if (STRUCK.has(node.name)) out += wrap(inner(), '~~');
    else if (CODE.has(node.name)) out += codeSpan(textContent(node.children));
    else if ((node.name === 'sub' || node.name === 'sup') && article) out += script(node.children, node.name === 'sub' ? '~' : '^');
    else if ((node.name === 'abbr' || node.name === 'acronym') && article && abbreviation(node)) out += abbreviation(node);
    else if (node.name === 'q') out += `„${inner()}“`;
    else if (node.name === 'a' && !inLink) out += link(node, options);
    else if (/^(p|div|li|h[1-6]|tr|td|th|dt|dd|figcaption|blockquote)$/.test(node.name)) out += ` ${inner()} `;
    else {
      const look = LOOK_ONLY[node.name] ?? (!article && /^(sub|sup|abbr|acronym)$/.test(node.name) ? node.name : undefined);
      if (look && textContent(node.children).trim()) options.dropped?.(look);
      out += inner();
    }
  }
  return out;
}

function textContent(nodes: readonly HNode[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.data : n.type === 'tag' && !INVISIBLE.has(n.name) ? textContent(n.children) : '')).join('');
}

function link(node: HNode, options: InlineOptions): string {
  const text = render(node.children, options, true);
  const href = (node.attribs.href ?? '').trim();
  const target = href ? options.link(href) : null;
  if (!text.trim()) return '';
  if (!target) return text;
  // A bare URL as its own text is linked automatically; `[url](url)` would only add noise.
  if (textContent(node.children).trim() === href && /^https?:\/\//i.test(href)) return href;
  return `[${text.trim()}](${linkTarget(target)})`;
}

/**
 * Inline nodes as Markdown: whitespace collapsed, `<br>` kept as a line break, lines trimmed.
 */
export function inlineMarkdown(nodes: readonly HNode[], options: InlineOptions): string {
  return render(nodes, options, false)
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** A link target we accept as it is: http(s), mailto, or site-relative. */
export function plainLink(href: string): string | null {
  if (/^(?:https?:\/\/|mailto:)/i.test(href)) return /[\s\u0000-\u001f]/.test(href) ? null : href;
  if (/^\/(?![/\\])/.test(href)) return href;
  return null;
}
