/**
 * The site's own words, learnt from what it has published: a capitalised word from any
 * published article is accepted (names: "Lindenau", "Habeck"), any other word once two
 * published articles use it (the newsroom's jargon). Kept in memory, built when the app
 * starts (or on first use), then updated article by article on `article.saved` (publish
 * and edit) and `article.deleted`, so a typo corrected in a published article is
 * forgotten again; read again in full on `taxonomy.changed`, which an import emits.
 *
 * @example
 *   const vocabulary = createSiteVocabulary(publishedTexts(db), bus);
 *   const known = await vocabulary.known();
 *   known.has('Lindenau'); // true once a published article names her
 */
import type { EventBus } from '../../platform/events.js';
import { baseForms } from './known.js';
import { hasDigit, hasLetter, hyphenParts, isCapitalised, words, withoutSoftHyphens } from './tokens.js';
import type { KnownWords } from './types.js';

export interface PublishedText {
  id: number;
  text: string;
}

export interface PublishedSource {
  /** Every published article and page, in batches. */
  all(): AsyncIterable<PublishedText[]>;
  /** One article's text while it is published; null for drafts and deleted articles. */
  one(id: number): Promise<PublishedText | null>;
}

/**
 * The distinct words of a text worth learning: whole words and the parts of hyphenated
 * ones ("Lindenau-Plan" teaches "Lindenau"); no numbers, codes or single letters.
 *
 * @example
 *   vocabularyOf('Der Lindenau-Plan, 2026'); // ['Der', 'Lindenau-Plan', 'Lindenau', 'Plan']
 */
export function vocabularyOf(text: string): string[] {
  const found = new Set<string>();
  for (const token of words(text)) {
    for (const part of [token, ...(token.text.includes('-') ? hyphenParts(token) : [])]) {
      const word = withoutSoftHyphens(part.text);
      if (word.length > 1 && hasLetter(word) && !hasDigit(word)) found.add(word);
    }
  }
  return [...found];
}

export function createSiteVocabulary(source: PublishedSource, bus?: Pick<EventBus, 'on'>) {
  const byArticle = new Map<number, string[]>();
  /** In how many published articles each word occurs. */
  const articles = new Map<string, number>();
  let loading: Promise<void> | null = null;
  let loaded = false;
  /** Articles that changed while the first load ran; it may have read them before. */
  const changedDuringLoad = new Set<number>();
  let queue: Promise<void> = Promise.resolve();

  function forget(id: number) {
    for (const word of byArticle.get(id) ?? []) {
      const n = (articles.get(word) ?? 1) - 1;
      if (n > 0) articles.set(word, n);
      else articles.delete(word);
    }
    byArticle.delete(id);
  }

  function learn({ id, text }: PublishedText) {
    forget(id);
    const list = vocabularyOf(text);
    byArticle.set(id, list);
    for (const word of list) articles.set(word, (articles.get(word) ?? 0) + 1);
  }

  async function refresh(id: number) {
    const text = await source.one(id);
    if (text) learn(text);
    else forget(id);
  }

  function load(): Promise<void> {
    loading ??= (async () => {
      for await (const batch of source.all()) {
        for (const text of batch) learn(text);
        // A large archive is read while the site serves pages: let them through between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      for (const id of changedDuringLoad) await refresh(id);
      changedDuringLoad.clear();
      loaded = true;
    })().catch((error: unknown) => {
      loading = null; // try again on the next call rather than never
      throw error;
    });
    return loading;
  }

  function changed({ articleId }: { articleId: number }): Promise<void> {
    if (!loading) return Promise.resolve(); // not built yet: the first load reads it fresh
    if (!loaded) {
      changedDuringLoad.add(articleId);
      return Promise.resolve();
    }
    // One at a time, so two quick saves of one article cannot land out of order. The
    // caller (the bus) sees a failure and logs it; the queue goes on.
    const run = queue.then(() => refresh(articleId));
    queue = run.catch(() => undefined);
    return run;
  }

  const qualifies = (word: string) => {
    const n = articles.get(word) ?? 0;
    return n >= 2 || (n >= 1 && isCapitalised(word));
  };

  const known: KnownWords = {
    has: (word) => baseForms(word).some(qualifies),
    *words() {
      for (const word of articles.keys()) if (qualifies(word)) yield word;
    },
  };

  /** Everything read again (after an import, which writes many articles without events). */
  function reload(): Promise<void> {
    if (!loading) return Promise.resolve();
    const run = queue.then(async () => {
      await loading?.catch(() => undefined);
      byArticle.clear();
      articles.clear();
      loaded = false;
      loading = null;
      await load();
    });
    queue = run.catch(() => undefined);
    return run;
  }

  const stops = bus ? [bus.on('article.saved', changed), bus.on('article.deleted', changed), bus.on('taxonomy.changed', reload)] : [];

  return {
    /** The vocabulary, built on the first call; later calls answer at once. */
    async known(): Promise<KnownWords> {
      await load();
      await queue;
      return known;
    },
    /** For callers without the bus: re-read one article. */
    changed,
    stop() {
      for (const stop of stops) stop();
    },
  };
}

export type SiteVocabulary = ReturnType<typeof createSiteVocabulary>;
