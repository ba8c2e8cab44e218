/**
 * A bounded memo: a value computed once per key and kept, the oldest dropped once `max` are
 * kept. For values that are cheap to keep and costly to make again on every request (a date's
 * text, an address's hash, a query's matcher). Undefined is never remembered.
 *
 * @example
 *   const dates = boundedMemo<string, string>(4096);
 *   dates.get(`de ${date.getTime()}`, () => format.format(date));
 */
export interface BoundedMemo<K, V> {
  get(key: K, make: () => V): V;
  clear(): void;
}

export function boundedMemo<K, V>(max: number): BoundedMemo<K, V> {
  const values = new Map<K, V>();
  return {
    get(key, make) {
      const known = values.get(key);
      if (known !== undefined) return known;
      const made = make();
      if (values.size >= max) values.delete(values.keys().next().value!);
      values.set(key, made);
      return made;
    },
    clear: () => values.clear(),
  };
}
