/**
 * Messages in German and English. Each capability keeps its own catalogue
 * (`messages.ts`) and the composition root merges them; a key missing in one language
 * is a type error, because every catalogue is declared with `defineMessages`.
 *
 * @example
 *   const msgs = defineMessages({ de: { hello: 'Hallo {name}' }, en: { hello: 'Hello {name}' } });
 *   const t = translator('de', msgs);
 *   t('hello', { name: 'Ada' }); // 'Hallo Ada'
 */
export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return value === 'de' || value === 'en';
}

export type Catalogue<K extends string> = { de: Record<K, string>; en: Record<K, string> };

export function defineMessages<K extends string>(catalogue: Catalogue<K>): Catalogue<K> {
  return catalogue;
}

export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

export function translator<K extends string>(lang: Language, catalogue: Catalogue<K>): Translate<K> {
  const table = catalogue[lang];
  return (key, params) => {
    const text = table[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
  };
}

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

/** Formats a date as the site's readers expect it ("13. Februar 2026" / "13 February 2026"). */
// Building an Intl formatter costs far more than using one (a page of 200 comments formats
// 400 dates), so each is built once per language and kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<Language, Intl.NumberFormat>();

export function formatDate(date: Date, lang: Language, withTime = false): string {
  const key = `${lang}${withTime ? ':time' : ''}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
      timeZone: 'Europe/Berlin',
    });
    dateFormats.set(key, format);
  }
  return format.format(date);
}

export function formatNumber(value: number, lang: Language): string {
  let format = numberFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang]);
    numberFormats.set(lang, format);
  }
  return format.format(value);
}
