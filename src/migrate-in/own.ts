/**
 * A string that owns its characters. V8 makes substrings as views into their parent
 * string, so keeping a 40-character image address found in a post would keep the whole
 * 1 MB slice of the file it came from. Whatever an import keeps beyond the current item
 * (caches, report entries, the attachment index) goes through `own`, and memory stays
 * flat however large the file is.
 *
 * @example
 *   cache.set(own(url), result);
 */
export function own(text: string): string {
  // Below 13 characters V8 copies anyway; above, a round trip through bytes is a fresh string.
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}
