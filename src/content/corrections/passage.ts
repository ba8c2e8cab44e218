/**
 * Finding a reader's passage in an article and replacing it, as pure functions. The
 * passage is matched against the stored source of each text field (title, subtitle and
 * every block's texts), not against the rendered page: a replacement must land in the
 * source, and a literal match there is the one place it can be put back without guessing.
 * A selection spanning formatting (`**bold**`, links) therefore does not match.
 *
 * @example
 *   const slot = locate(article, 'Urkaine');            // { block: 2, field: 'text', text: '…' }
 *   const next = replaceOnce(article, slot!, 'Urkaine', 'Ukraine'); // { title, subtitle, body }
 */
import type { Block } from '../blocks.js';

/** One text field of an article: a block's field, or the title/subtitle (block null). */
export interface Slot {
  block: number | null;
  /** `text`, `attribution`, `caption`, `title`, `items.3`, `items.0.text`; or `title`/`subtitle` when block is null. */
  field: string;
  text: string;
}

export interface ArticleText {
  title: string;
  subtitle: string;
  body: readonly Block[];
}

/** Fields of each block type that readers see as text. Order is reading order. */
function blockSlots(block: Block, index: number): Slot[] {
  const slot = (field: string, text: string | undefined): Slot[] => (text ? [{ block: index, field, text }] : []);
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return slot('text', block.text);
    case 'list':
      return block.items.flatMap((item, i) => slot(`items.${i}`, item));
    case 'quote':
      return [...slot('text', block.text), ...slot('attribution', block.attribution)];
    case 'image':
      return slot('caption', block.caption);
    case 'embed':
      return [...slot('title', block.title), ...slot('caption', block.caption)];
    case 'donation':
      return slot('text', block.text);
    case 'footnotes':
      return block.items.flatMap((item, i) => slot(`items.${i}.text`, item.text));
    default:
      return [];
  }
}

/**
 * Every text field of an article, title first.
 *
 * @example
 *   textSlots({ title: 'T', subtitle: '', body: [{ type: 'paragraph', text: 'P' }] });
 *   // [{ block: null, field: 'title', text: 'T' }, { block: 0, field: 'text', text: 'P' }]
 */
export function textSlots(article: ArticleText): Slot[] {
  const head: Slot[] = [
    { block: null, field: 'title', text: article.title },
    { block: null, field: 'subtitle', text: article.subtitle },
  ].filter((s) => s.text);
  return [...head, ...article.body.flatMap((block, i) => blockSlots(block, i))];
}

/**
 * How often `passage` occurs in `text` (non-overlapping).
 *
 * @example
 *   occurrences('die die Katze', 'die'); // 2
 */
export function occurrences(text: string, passage: string): number {
  if (!passage) return 0;
  let count = 0;
  for (let at = text.indexOf(passage); at !== -1; at = text.indexOf(passage, at + passage.length)) count++;
  return count;
}

/**
 * Where to apply a passage. With a recorded place (from when the reader suggested it) the
 * passage must still be there; if blocks moved, it is accepted elsewhere only when it
 * occurs exactly once in the whole article, so an ambiguous change is never guessed.
 * Without a recorded place, the first field (in reading order) that contains it.
 *
 * @example
 *   locate(article, 'Urkaine', { block: 2, field: 'text' }); // the slot, or null when stale
 */
export function locate(article: ArticleText, passage: string, at?: { block: number | null; field: string }): Slot | null {
  if (!passage) return null;
  const slots = textSlots(article);
  const holding = slots.filter((s) => s.text.includes(passage));
  if (!at) return holding[0] ?? null;
  const same = holding.find((s) => s.block === at.block && s.field === at.field);
  if (same) return same;
  const total = holding.reduce((n, s) => n + occurrences(s.text, passage), 0);
  return total === 1 ? holding[0]! : null;
}

/** Replaces the first occurrence without `String.replace`, whose `$&` patterns a reader could type. */
function replaceFirst(text: string, passage: string, replacement: string): string {
  const at = text.indexOf(passage);
  if (at === -1) throw new Error('passage not in slot');
  return text.slice(0, at) + replacement + text.slice(at + passage.length);
}

/**
 * The article's text with the passage replaced once in the given field; every other
 * field and block is left exactly as it was.
 *
 * @example
 *   replaceOnce({ title: 'T', subtitle: '', body: [{ type: 'paragraph', text: 'Die Urkaine' }] },
 *     { block: 0, field: 'text', text: 'Die Urkaine' }, 'Urkaine', 'Ukraine').body;
 *   // [{ type: 'paragraph', text: 'Die Ukraine' }]
 */
export function replaceOnce(article: ArticleText, slot: Slot, passage: string, replacement: string): ArticleText {
  if (slot.block === null) {
    const key = slot.field === 'subtitle' ? 'subtitle' : 'title';
    return { ...article, [key]: replaceFirst(article[key], passage, replacement) };
  }
  const body = structuredClone(article.body) as Block[];
  const block = body[slot.block] as unknown as Record<string, unknown> | undefined;
  if (!block) throw new Error('no such block');
  // Walk `items.3.text` down to the object holding the last key.
  const path = slot.field.split('.');
  let holder: Record<string, unknown> = block;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  const current = holder[last];
  if (typeof current !== 'string') throw new Error('slot is not text');
  holder[last] = replaceFirst(current, passage, replacement);
  return { ...article, body };
}

/**
 * How a place reads in logs and the inbox.
 *
 * @example
 *   describeSlot({ block: 5, field: 'items.0.text' }); // 'body[5].items[0].text'
 *   describeSlot({ block: null, field: 'title' });     // 'title'
 */
export function describeSlot(slot: { block: number | null; field: string }): string {
  return slot.block === null ? slot.field : `body[${slot.block}].${slot.field.replace(/\.(\d+)/g, '[$1]')}`;
}

/**
 * Where a passage sits, in words an editor reads on the inbox ("im 4. Block, 2. Listenpunkt"),
 * instead of the developer's path `describeSlot` gives.
 *
 * @example
 *   placeInWords({ block: 3, field: 'text' }, 'de');          // 'im 4. Block des Textes'
 *   placeInWords({ block: null, field: 'title' }, 'en');      // 'in the headline'
 */
export function placeInWords(slot: { block: number | null; field: string }, lang: 'de' | 'en'): string {
  const de = lang === 'de';
  if (slot.block === null) {
    if (slot.field === 'title') return de ? 'in der Überschrift' : 'in the headline';
    if (slot.field === 'subtitle') return de ? 'im Vorspann' : 'in the standfirst';
    return de ? 'im Artikel' : 'in the article';
  }
  const block = slot.block + 1;
  const item = /^items\.(\d+)/.exec(slot.field);
  if (item) return de ? `im ${block}. Block des Textes, ${Number(item[1]) + 1}. Listenpunkt` : `in block ${block} of the text, list item ${Number(item[1]) + 1}`;
  if (/caption/.test(slot.field)) return de ? `in der Bildunterschrift (${block}. Block)` : `in the caption (block ${block})`;
  if (/attribution|cite|source/.test(slot.field)) return de ? `in der Quellenangabe des Zitats (${block}. Block)` : `in the quote’s attribution (block ${block})`;
  return de ? `im ${block}. Block des Textes` : `in block ${block} of the text`;
}
