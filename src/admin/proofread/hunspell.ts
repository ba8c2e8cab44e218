/**
 * Hunspell itself, compiled to WebAssembly (`hunspell-asm`), with the dictionaries from
 * npm (`dictionary-de`, `-de-at`, `-de-ch`, `dictionary-en`, `-en-gb`). Unlike `nspell`
 * this is the real Hunspell, so German compounds ("Verteidigungsministerium") are
 * accepted and suggestions ranked as LibreOffice ranks them.
 *
 * The wasm module and each dictionary are loaded on first use and then kept for the
 * life of the thread (normally the proofreading worker, see engine.ts). That is
 * deliberately not per app: they are immutable data like code (about 15 MB and 50 ms per
 * German dictionary) that every app in the process can share; nothing site-specific ever
 * goes into them.
 *
 * @example
 *   const de = await speller('de-DE');
 *   de.correct('Bundesregierung'); // true
 *   de.suggest('Urkaine');         // ['Ukraine']
 */
import type { HunspellFactory } from 'hunspell-asm';
import type { Variant } from './types.js';

export interface Speller {
  correct(word: string): boolean;
  /** Hunspell's suggestions, best first; cached, because they cost 10–300 ms each. */
  suggest(word: string): string[];
}

interface Dictionary {
  aff: Uint8Array;
  dic: Uint8Array;
}

const PACKAGES: Record<Variant, () => Promise<{ default: Dictionary }>> = {
  'de-DE': () => import('dictionary-de'),
  'de-AT': () => import('dictionary-de-at'),
  'de-CH': () => import('dictionary-de-ch'),
  'en-US': () => import('dictionary-en'),
  'en-GB': () => import('dictionary-en-gb'),
};

// Bounds on the caches: a typical site checks a few thousand distinct words; the caps only
// stop an unusual text (a word list, a hostile client) from growing them without end.
const MAX_CORRECT_CACHE = 200_000;
const MAX_SUGGEST_CACHE = 5_000;

let factory: Promise<HunspellFactory> | null = null;
const spellers = new Map<Variant, Promise<Speller>>();

async function loadFactory(): Promise<HunspellFactory> {
  const before = new Set(process.listeners('uncaughtException'));
  const { loadModule } = await import('hunspell-asm');
  const loaded = await loadModule();
  // Emscripten's Node glue installs an uncaughtException listener that only rethrows. It
  // would change how the server reports a crash; the process's error handling is ours.
  for (const listener of process.listeners('uncaughtException')) {
    if (!before.has(listener)) process.off('uncaughtException', listener);
  }
  return loaded;
}

async function loadSpeller(variant: Variant): Promise<Speller> {
  if (!factory) {
    const loading = loadFactory();
    factory = loading;
    loading.catch(() => {
      if (factory === loading) factory = null;
    });
  }
  const [hunspell, { default: dictionary }] = await Promise.all([factory, PACKAGES[variant]()]);
  const engine = hunspell.create(
    hunspell.mountBuffer(dictionary.aff, `${variant}.aff`),
    hunspell.mountBuffer(dictionary.dic, `${variant}.dic`),
  );
  const correct = new Map<string, boolean>();
  const suggestions = new Map<string, string[]>();
  return {
    correct(word) {
      let ok = correct.get(word);
      if (ok === undefined) {
        if (correct.size >= MAX_CORRECT_CACHE) correct.clear();
        ok = engine.spell(word);
        correct.set(word, ok);
      }
      return ok;
    },
    suggest(word) {
      let list = suggestions.get(word);
      if (list === undefined) {
        if (suggestions.size >= MAX_SUGGEST_CACHE) suggestions.clear();
        list = engine.suggest(word);
        suggestions.set(word, list);
      }
      return [...list];
    },
  };
}

/**
 * The speller for one dictionary, loaded on first call. A failed load is forgotten, so
 * the next call tries again instead of failing forever.
 */
export function speller(variant: Variant): Promise<Speller> {
  let pending = spellers.get(variant);
  if (!pending) {
    pending = loadSpeller(variant);
    spellers.set(variant, pending);
    pending.catch(() => spellers.delete(variant));
  }
  return pending;
}
