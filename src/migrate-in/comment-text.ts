/**
 * Imported comment text (WordPress: text with a few tags, shown through auto-paragraphs;
 * Disqus: HTML) to the Markdown subset our discussion stores and renders (see
 * discussion/text). Converting, rather than keeping the HTML, means an imported comment
 * goes through exactly the renderer and sanitiser a new one does: nothing an old system
 * let through reaches a page unchecked.
 *
 * @example
 *   commentMarkdown('<p>Gut <b>gesagt</b></p><blockquote>Zitat</blockquote>', { autop: false, link: plainLink });
 *   // 'Gut **gesagt**\n\n> Zitat'
 */
import { autop } from './autop.js';
import { element, findAll, INVISIBLE, parseHtml, type HNode } from './dom.js';
import { inlineMarkdown, type InlineOptions } from './inline.js';

// Images count as inline and are dropped (and noted): a comment never makes the reader's browser load one.
const INLINE = new Set(['a', 'abbr', 'b', 'big', 'br', 'cite', 'code', 'del', 'em', 'font', 'i', 'img', 'ins', 'kbd', 'mark', 'q', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u']);

/** Line starts that would become a heading, list or fence in comment Markdown. */
function escapeLineStarts(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^(#{1,6}(?:\s|$)|[-+](?:\s|$)|(\d{1,9})([.)])(?:\s|$)|~~~|={3,}|-{3,})/, (m, _all, digits?: string, mark?: string) =>
      digits ? `${digits}\\${mark}${m.slice(digits.length + 1)}` : `\\${m}`,
    ))
    .join('\n');
}

function fence(code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const marker = '`'.repeat(longest + 1);
  return `${marker}\n${code.replace(/\n+$/, '')}\n${marker}`;
}

/** Block elements the discussion's subset has no form for: their text stays, their shape goes. */
const FLATTENED: Record<string, string> = { table: 'a table', h1: 'a heading', h2: 'a heading', h3: 'a heading', h4: 'a heading', h5: 'a heading', h6: 'a heading', hr: 'a rule', dl: 'a definition list', iframe: 'an embedded frame' };

function blocksOf(nodes: readonly HNode[], options: InlineOptions): string[] {
  const out: string[] = [];
  let run: HNode[] = [];
  const flush = () => {
    const text = escapeLineStarts(inlineMarkdown(run, options));
    if (text) out.push(text);
    run = [];
  };
  for (const node of nodes) {
    if (node.type === 'text' || (node.type === 'tag' && INLINE.has(node.name) && !findAll(node.children, (n) => !INLINE.has(n.name)).length)) {
      run.push(node);
      continue;
    }
    if (node.type === 'tag' && FLATTENED[node.name]) options.dropped?.(FLATTENED[node.name]!);
    if (node.type !== 'tag' || INVISIBLE.has(node.name) || node.name === 'iframe') continue;
    flush();
    if (element(node, 'blockquote')) {
      const inner = blocksOf(node.children, options).join('\n\n');
      if (inner) out.push(inner.split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n'));
    } else if (element(node, 'ul', 'ol')) {
      const items = node.children.filter((c) => element(c, 'li'));
      const lines = items.map((li, i) => `${node.name === 'ol' ? `${i + 1}.` : '-'} ${inlineMarkdown(li.children, options).replace(/\n+/g, ' ')}`);
      if (lines.length) out.push(lines.join('\n'));
    } else if (element(node, 'pre')) {
      const raw = (n: HNode): string => (n.type === 'text' ? n.data : n.type === 'tag' ? n.children.map(raw).join('') : '');
      out.push(fence(node.children.map(raw).join('')));
    } else {
      out.push(...blocksOf(node.children, options));
    }
  }
  flush();
  return out;
}

/**
 * @param options.dropped told of each thing the subset could not keep: 'sub', 'an image', …
 */
export function commentMarkdown(raw: string, options: InlineOptions & { autop: boolean }): string {
  const html = options.autop && !/<p[\s>]/i.test(raw) ? autop(raw) : raw;
  const nodes = parseHtml(html);
  if (findAll(nodes, (n) => n.name === 'img').length) options.dropped?.('an image');
  return blocksOf(nodes, { ...options, flavour: 'comment' }).join('\n\n').trim();
}
