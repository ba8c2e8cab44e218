/**
 * A table for entries that come and go at the rate of requests: the answers a render thread
 * owes (threads.ts), the renders cookie-less readers share (threads.ts `createRelay`), the
 * pages a render thread hands over (cli/render-worker.ts).
 *
 * Not a `Map` or a `Set`: as one fills with deleted entries V8 moves what is left into a new
 * store and links the old store to the new one (for iterators still walking the old). A store
 * that once outlived two young collections lies dead in the old generation until the next
 * full collection, and through those links it keeps every later store, and every value they
 * held, alive in every young collection. Under a search flood every request's objects
 * (request, response, answer, page buffers) outlived young collections that way: the event
 * loop promoted 6–8 MB every ~3 s and marked and compacted its heap every ~12 s
 * (bench/PROFILE.md section 13). An object without prototype is kept by V8 as a dictionary,
 * which is rebuilt without such links. `churn.test.ts` measures what each keeps.
 *
 * @example
 *   const pending = new ChurnTable<Waiting>();
 *   pending.set(id, waiting);
 *   pending.take(id)?.resolve(answer);
 */
export class ChurnTable<V> {
  private entries: Record<string, V> = Object.create(null) as Record<string, V>;
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(key: string | number): boolean {
    return key in this.entries;
  }

  get(key: string | number): V | undefined {
    return this.entries[key];
  }

  set(key: string | number, value: V): this {
    if (!(key in this.entries)) this.count++;
    this.entries[key] = value;
    return this;
  }

  delete(key: string | number): boolean {
    if (!(key in this.entries)) return false;
    delete this.entries[key];
    this.count--;
    return true;
  }

  /** The entry, removed from the table. */
  take(key: string | number): V | undefined {
    const value = this.entries[key];
    return this.delete(key) ? value : undefined;
  }

  values(): V[] {
    return Object.values(this.entries);
  }

  clear(): void {
    this.entries = Object.create(null) as Record<string, V>;
    this.count = 0;
  }
}
