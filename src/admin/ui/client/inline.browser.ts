/**
 * Inline text of the structured body (`**bold**`, `*italic*`, `` `code` ``, `~~strike~~`,
 * `H~2~O`, `x^2^`, `[BSW]{title="…"}`, `[link](url)`, footnote refs `[^id]`, line breaks;
 * see content/inline.ts) to and from the editor's inline JSON. Parsing uses markdown-it configured like the server's renderer, so the
 * editor reads a text exactly as readers will see it; the serializer escapes everything
 * else, so whatever an editor types comes out as typed.
 *
 * @example
 *   inlineToJson('Hallo **Welt**');
 *   // [{ type: 'text', text: 'Hallo ' }, { type: 'text', text: 'Welt', marks: [{ type: 'bold' }] }]
 *   jsonToInline(inlineToJson('a *b* [c](https://example.org)')); // 'a *b* [c](https://example.org)'
 */
import markdownit from 'markdown-it';
import type { JSONContent } from '@tiptap/core';
import { configureInline } from '../../../content/inline-rules.js';

export type MarkName = 'link' | 'bold' | 'italic' | 'strike' | 'code' | 'subscript' | 'superscript' | 'abbr';
export interface InlineMark {
  type: MarkName;
  /** `href` of a link, `title` of an abbreviation. */
  attrs?: { href?: string; title?: string };
}

// The same grammar as the server's parser (content/inline-rules.ts): no raw HTML, no
// images; strikethrough, sub, sup and abbr; bare URLs are links; a newline is a line break.
const md = configureInline(markdownit('default', { html: false, linkify: true, typographer: false, breaks: true }));

const FOOTNOTE_REF = /\[\^([A-Za-z0-9_-]{1,64})\]/g;
/** Outer to inner: a link may hold emphasis; code, sub, sup and abbreviations hold plain text. */
const ORDER: readonly MarkName[] = ['link', 'bold', 'italic', 'strike', 'abbr', 'subscript', 'superscript', 'code'];
/** Marks written around plain text only, as one piece (`~2~`, `^2^`, `[BSW]{title="…"}`). */
const ATOMIC = new Set<MarkName>(['code', 'subscript', 'superscript', 'abbr']);

function text(value: string, marks: readonly InlineMark[]): JSONContent {
  const node: JSONContent = { type: 'text', text: value };
  if (marks.length) node.marks = sortMarks(marks).map((m) => ({ ...m }));
  return node;
}

function sortMarks(marks: readonly InlineMark[]): InlineMark[] {
  return [...marks].sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
}

/** Text with `[^id]` refs split out into footnote reference nodes. */
function pushText(out: JSONContent[], value: string, marks: readonly InlineMark[]): void {
  let at = 0;
  for (const match of value.matchAll(FOOTNOTE_REF)) {
    if (match.index > at) out.push(text(value.slice(at, match.index), marks));
    out.push({ type: 'footnoteRef', attrs: { id: match[1] } });
    at = match.index + match[0].length;
  }
  if (at < value.length) out.push(text(value.slice(at), marks));
}

/** Parses inline text into the editor's inline nodes. */
export function inlineToJson(source: string): JSONContent[] {
  const tokens = md.parseInline(source, {})[0]?.children ?? [];
  const out: JSONContent[] = [];
  const marks: InlineMark[] = [];
  const close = (type: MarkName) => {
    const at = marks.map((m) => m.type).lastIndexOf(type);
    if (at >= 0) marks.splice(at, 1);
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'strong_open':
        marks.push({ type: 'bold' });
        break;
      case 'em_open':
        marks.push({ type: 'italic' });
        break;
      case 'link_open':
        marks.push({ type: 'link', attrs: { href: String(token.attrGet('href') ?? '') } });
        break;
      case 's_open':
        marks.push({ type: 'strike' });
        break;
      case 's_close':
        close('strike');
        break;
      case 'sub_open':
        marks.push({ type: 'subscript' });
        break;
      case 'sub_close':
        close('subscript');
        break;
      case 'sup_open':
        marks.push({ type: 'superscript' });
        break;
      case 'sup_close':
        close('superscript');
        break;
      case 'abbr_open':
        marks.push({ type: 'abbr', attrs: { title: String(token.attrGet('title') ?? '') } });
        break;
      case 'abbr_close':
        close('abbr');
        break;
      case 'strong_close':
        close('bold');
        break;
      case 'em_close':
        close('italic');
        break;
      case 'link_close':
        close('link');
        break;
      case 'code_inline':
        out.push(text(token.content, [...marks, { type: 'code' }]));
        break;
      case 'softbreak':
      case 'hardbreak':
        out.push({ type: 'hardBreak' });
        break;
      default:
        if (token.content) pushText(out, token.content, marks);
    }
  }
  return mergeText(out);
}

// --- Serializing -------------------------------------------------------------------

type Item =
  | { kind: 'text'; text: string; marks: InlineMark[] }
  | { kind: 'break' }
  | { kind: 'ref'; id: string };

const sameMark = (a: InlineMark, b: InlineMark) =>
  a.type === b.type && (a.attrs?.href ?? '') === (b.attrs?.href ?? '') && (a.attrs?.title ?? '') === (b.attrs?.title ?? '');
const hasMark = (marks: readonly InlineMark[], mark: InlineMark) => marks.some((m) => sameMark(m, mark));
const sameMarks = (a: readonly InlineMark[], b: readonly InlineMark[]) => a.length === b.length && a.every((m) => hasMark(b, m));

function marksOf(node: JSONContent): InlineMark[] {
  const marks: InlineMark[] = [];
  for (const mark of node.marks ?? []) {
    const type = mark.type as MarkName;
    if (!ORDER.includes(type)) continue;
    const href = type === 'link' ? String(mark.attrs?.href ?? '') : undefined;
    const title = type === 'abbr' ? String(mark.attrs?.title ?? '').trim() : undefined;
    if ((type === 'link' && !href) || (type === 'abbr' && !title)) continue;
    marks.push(href !== undefined ? { type, attrs: { href } } : title !== undefined ? { type, attrs: { title } } : { type });
  }
  return sortMarks(marks);
}

function itemsOf(content: readonly JSONContent[]): Item[] {
  const items: Item[] = [];
  for (const node of content) {
    if (node.type === 'text' && node.text) items.push({ kind: 'text', text: node.text, marks: marksOf(node) });
    else if (node.type === 'hardBreak') items.push({ kind: 'break' });
    else if (node.type === 'footnoteRef' && typeof node.attrs?.id === 'string') items.push({ kind: 'ref', id: node.attrs.id });
  }
  return items;
}

/**
 * Emphasis next to white space does not open or close in CommonMark ("** a**"), so
 * white space at the edge of a marked run is moved out of the marks it would break.
 */
function expelWhitespace(items: Item[]): Item[] {
  const out: Item[] = [];
  items.forEach((item, i) => {
    if (item.kind !== 'text' || item.marks.length === 0 || item.marks.some((m) => ATOMIC.has(m.type))) return void out.push(item);
    const prev = items[i - 1];
    const next = items[i + 1];
    const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(item.text) ?? [];
    const shared = (other: Item | undefined) => (other?.kind === 'text' ? item.marks.filter((m) => hasMark(other.marks, m)) : []);
    if (lead) out.push({ kind: 'text', text: lead, marks: shared(prev) });
    if (core) out.push({ kind: 'text', text: core, marks: item.marks });
    if (trail) out.push({ kind: 'text', text: trail, marks: shared(next) });
  });
  const merged: Item[] = [];
  for (const item of out) {
    const last = merged.at(-1);
    if (item.kind === 'text' && last?.kind === 'text' && sameMarks(last.marks, item.marks)) last.text += item.text;
    else merged.push(item.kind === 'text' ? { ...item, marks: [...item.marks] } : item);
  }
  return merged;
}

/** Spaces at a line break are dropped by the renderer (two would even mean a break): drop them here. */
function trimAroundBreaks(items: Item[]): Item[] {
  return items
    .map((item, i) => {
      if (item.kind !== 'text') return item;
      let value = item.text;
      if (items[i + 1]?.kind === 'break') value = value.replace(/[ \t]+$/, '');
      if (items[i - 1]?.kind === 'break') value = value.replace(/^[ \t]+/, '');
      return { ...item, text: value };
    })
    .filter((item) => item.kind !== 'text' || item.text !== '');
}

function escapeText(value: string): string {
  return value
    .replace(/[\\`*_[\]<~^]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** Sub- and superscript hold no unescaped space (it would end them). */
function script(value: string, marker: string): string {
  return `${marker}${escapeText(value).replace(/ /g, '\\ ')}${marker}`;
}

/** The text of one atomic run, written with its innermost atomic mark. */
function atomic(value: string, marks: readonly InlineMark[]): string {
  if (hasMark(marks, { type: 'code' })) return codeSpan(value);
  const abbr = marks.find((m) => m.type === 'abbr');
  let inner = marks.some((m) => m.type === 'subscript') ? script(value, '~') : marks.some((m) => m.type === 'superscript') ? script(value, '^') : escapeText(value);
  if (abbr) inner = `[${inner}]{title="${(abbr.attrs?.title ?? '').replace(/[\\"]/g, '\\$&')}"}`;
  return inner;
}

function codeSpan(value: string): string {
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  // One space each side is stripped when both are there, unless the code is only spaces.
  const pad = /^[`\s]|[`\s]$/.test(value) && /\S/.test(value) ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

function linkTarget(href: string): string {
  return href.replace(/[\s()<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Marks written as delimiters around their run (the others are atomic, see ATOMIC). */
type Delimited = 'link' | 'bold' | 'italic' | 'strike';
const OPEN: Record<Delimited, string> = { link: '[', bold: '**', italic: '*', strike: '~~' };

function closing(mark: InlineMark): string {
  return mark.type === 'link' ? `](${linkTarget(mark.attrs?.href ?? '')})` : OPEN[mark.type as Exclude<Delimited, 'link'>];
}

/** How many items from `start` on keep `mark`: the longer-lived mark opens outside. */
function runLength(items: readonly Item[], start: number, mark: InlineMark): number {
  let n = 0;
  for (let i = start; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'text' && !hasMark(item.marks, mark)) break;
    n++;
  }
  return n;
}

/** A link whose text is its address is written `<https://…>`, as markdown-it reads it back. */
function isAutolink(items: readonly Item[], i: number, link: InlineMark): boolean {
  const item = items[i];
  const href = link.attrs?.href ?? '';
  return item?.kind === 'text' && item.marks.length === 1 && item.text === href && /^https?:\/\/[^\s<>]+$/.test(href) && runLength(items, i, link) === 1;
}

function write(items: readonly Item[]): string {
  let out = '';
  let active: InlineMark[] = [];
  items.forEach((item, i) => {
    // Emphasis cannot close after a line break (white space), so marks end before one.
    const wanted = item.kind === 'text' ? item.marks.filter((m) => !ATOMIC.has(m.type)) : item.kind === 'break' ? [] : active;
    const keep = active.findIndex((m) => !hasMark(wanted, m));
    if (keep >= 0) {
      for (const mark of active.slice(keep).reverse()) out += closing(mark);
      active = active.slice(0, keep);
    }
    if (item.kind !== 'text') {
      out += item.kind === 'break' ? '\n' : `[^${item.id}]`;
      return;
    }
    const link = item.marks.find((m) => m.type === 'link');
    if (link && !hasMark(active, link) && isAutolink(items, i, link)) {
      out += `<${item.text}>`;
      return;
    }
    const opening = wanted.filter((m) => !hasMark(active, m)).sort((a, b) => runLength(items, i, b) - runLength(items, i, a));
    for (const mark of opening) out += OPEN[mark.type as Delimited];
    active = [...active, ...opening];
    out += item.marks.some((m) => ATOMIC.has(m.type)) ? atomic(item.text, item.marks) : escapeText(item.text);
  });
  for (const mark of active.reverse()) out += closing(mark);
  return out;
}

/** Each visible character with its marks, and the item it came from. */
function signature(nodes: readonly (Item | JSONContent)[]): { key: string; at: number }[] {
  const out: { key: string; at: number }[] = [];
  nodes.forEach((node, at) => {
    const isItem = 'kind' in node;
    const kind = isItem ? node.kind : node.type === 'text' ? 'text' : node.type === 'hardBreak' ? 'break' : 'ref';
    if (kind !== 'text') return void out.push({ key: kind, at });
    const value = isItem ? (node as Extract<Item, { kind: 'text' }>).text : ((node as JSONContent).text ?? '');
    const marks = (isItem ? (node as Extract<Item, { kind: 'text' }>).marks : marksOf(node as JSONContent)).map((m) => `${m.type}${m.attrs?.href ?? ''}${m.attrs?.title ?? ''}`).sort().join('+');
    for (const ch of value) if (/\S/.test(ch)) out.push({ key: `${ch}:${marks}`, at });
  });
  return out;
}

/** The first item whose text or marks do not come back from the written source, or -1. */
function firstMismatch(items: readonly Item[], source: string): number {
  const want = signature(items);
  const got = signature(inlineToJson(source));
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i]?.key !== got[i]?.key) return want[Math.min(i, want.length - 1)]?.at ?? 0;
  }
  return -1;
}

const EMPHASIS = (m: InlineMark) => m.type === 'bold' || m.type === 'italic' || m.type === 'strike';

/**
 * Writes the editor's inline nodes as inline text. CommonMark cannot open or close
 * emphasis between a letter and punctuation ("**„Zitat“**Ende"); where a mark would not
 * survive, its emphasis is dropped rather than leaving stray asterisks for readers.
 */
export function jsonToInline(content: readonly JSONContent[] | undefined): string {
  let items = trimAroundBreaks(expelWhitespace(itemsOf(content ?? [])));
  for (let attempt = 0; attempt < 100; attempt++) {
    const source = write(items);
    const bad = firstMismatch(items, source);
    if (bad < 0) return source;
    // The delimiter at fault sits at this item's edge: drop emphasis here, else just before.
    let at = bad;
    while (at >= 0 && !(items[at]?.kind === 'text' && (items[at] as Extract<Item, { kind: 'text' }>).marks.some(EMPHASIS))) at--;
    if (at < 0) break;
    items = items.map((item, i) => (i === at && item.kind === 'text' ? { ...item, marks: item.marks.filter((m) => !EMPHASIS(m)) } : item));
  }
  return write(items.map((item) => (item.kind === 'text' ? { ...item, marks: item.marks.filter((m) => !EMPHASIS(m)) } : item)));
}

/** Adjacent text nodes with the same marks as one node, as ProseMirror keeps them. */
export function mergeText(nodes: readonly JSONContent[]): JSONContent[] {
  const out: JSONContent[] = [];
  for (const node of nodes) {
    const last = out.at(-1);
    if (node.type === 'text' && last?.type === 'text' && sameMarks(marksOf(last), marksOf(node))) last.text = (last.text ?? '') + (node.text ?? '');
    else out.push(node.type === 'text' ? { ...node } : node);
  }
  return out;
}
