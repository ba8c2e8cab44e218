/**
 * Block-editor footnotes (WordPress 6.3+): the post's `footnotes` meta holds them as JSON,
 * `[{"id":"6fb4d0d2-…","content":"Quelle: …"}]`, and the text marks each reference with
 * `<sup data-fn="6fb4d0d2-…">`. Our footnote ids allow 1–64 letters, digits, `_` and `-`,
 * so WordPress's UUIDs are kept as they are (and a round trip through our WXR export
 * gives them back); anything else is renumbered `fn-1`, `fn-2`, …
 *
 * @example
 *   sourceFootnotes('[{"id":"a1","content":"Laut <em>Bericht</em>"}]');
 *   // [{ sourceId: 'a1', id: 'a1', html: 'Laut <em>Bericht</em>' }]
 */
import type { SourceFootnote } from './html-blocks.js';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function sourceFootnotes(meta: string | undefined): SourceFootnote[] {
  if (!meta?.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(meta);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const used = new Set<string>();
  const out: SourceFootnote[] = [];
  for (const entry of parsed) {
    if (!entry || typeof entry !== 'object') continue;
    const { id, content } = entry as { id?: unknown; content?: unknown };
    const sourceId = typeof id === 'string' ? id : String(out.length + 1);
    let ours = ID.test(sourceId) && !used.has(sourceId) ? sourceId : `fn-${out.length + 1}`;
    while (used.has(ours)) ours = `${ours}-x`;
    used.add(ours);
    out.push({ sourceId, id: ours, html: typeof content === 'string' ? content : '' });
  }
  return out;
}
