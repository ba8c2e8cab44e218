/**
 * Near misses of the site's own words, for suggestions Hunspell cannot make: it does not
 * know "Lindenau", so for "Lindenua" only the site's vocabulary can offer the name.
 *
 * @example
 *   nearWords('Lindenua', ['Lindenau', 'Linden', 'Stadtrat']); // [{ word: 'Lindenau', distance: 1 }]
 */

/**
 * Edit distance with adjacent transpositions counted as one edit (optimal string
 * alignment), or `max + 1` as soon as it is certain to exceed `max`.
 *
 * @example
 *   editDistance('Urkaine', 'Ukraine', 2); // 1
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Words of `candidates` within `max` edits of `word`, closest first. Only candidates
 * sharing the first letter (ignoring case) are measured: typos rarely hit the first
 * letter, and it keeps a vocabulary of tens of thousands of words cheap to search.
 */
export function nearWords(word: string, candidates: Iterable<string>, max = 2): { word: string; distance: number }[] {
  const first = word.charAt(0).toLowerCase();
  const found: { word: string; distance: number }[] = [];
  for (const candidate of candidates) {
    if (candidate === word || candidate.charAt(0).toLowerCase() !== first) continue;
    const distance = editDistance(word, candidate, max);
    if (distance <= max) found.push({ word: candidate, distance });
  }
  return found.sort((x, y) => x.distance - y.distance || x.word.localeCompare(y.word));
}
