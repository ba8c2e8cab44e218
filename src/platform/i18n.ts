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
import { boundedMemo } from './memo.js';

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
  return (key, params) => format(table[key] ?? key, lang, params);
}

/**
 * Fills a message: `{name}` takes a parameter; `{count, plural, one {# Kommentar} other {# Kommentare}}`
 * picks the branch `Intl.PluralRules` names for the number (`=0 {…}` matches exactly) and
 * writes the number, formatted for the language, where `#` stands. Branches may hold `{name}`.
 *
 * @example
 *   format('{count, plural, one {# Antwort} other {# Antworten}}', 'de', { count: 1 }); // '1 Antwort'
 */
export function format(text: string, lang: Language, params?: Record<string, string | number>): string {
  if (!params) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    out += text.slice(i, open);
    const close = matchingBrace(text, open);
    const inner = text.slice(open + 1, close);
    const plural = /^(\w+),\s*plural,/.exec(inner);
    if (plural && Object.hasOwn(params, plural[1]!)) {
      const value = Number(params[plural[1]!]);
      const branch = pluralBranch(inner.slice(plural[0].length), value, lang);
      out += format(branch.replace(/#/g, formatNumber(value, lang)), lang, params);
    } else if (/^\w+$/.test(inner) && Object.hasOwn(params, inner)) {
      out += String(params[inner]);
    } else {
      out += text.slice(open, close + 1);
    }
    i = close + 1;
  }
  return out + text.slice(i);
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length - 1;
}

const pluralRules = new Map<Language, Intl.PluralRules>();

/** The CLDR plural category of a number in a language ('one', 'other', …). */
export function pluralCategory(value: number, lang: Language): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(LOCALES[lang])));
  return rules.select(value);
}

function pluralBranch(spec: string, value: number, lang: Language): string {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < spec.length) {
    const start = spec.indexOf('{', i);
    if (start < 0) break;
    const selector = spec.slice(i, start).trim();
    const end = matchingBrace(spec, start);
    branches.set(selector, spec.slice(start + 1, end));
    i = end + 1;
  }
  return branches.get(`=${value}`) ?? branches.get(pluralCategory(value, lang)) ?? branches.get('other') ?? '';
}

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

/** Formats a date as the site's readers expect it ("13. Februar 2026" / "13 February 2026"). */
// Building an Intl formatter costs far more than using one (a page of 200 comments formats
// 400 dates), so each is built once per language and kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<Language, Intl.NumberFormat>();
const formattedDates = boundedMemo<string, string>(4096);

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
  // The same dates recur on every page (a listing's articles, a thread's comments): formatting
  // one was 3 % of a search page's render.
  const formatter = format;
  return formattedDates.get(`${key}\u0000${date.getTime()}`, () => formatter.format(date));
}

export function formatNumber(value: number, lang: Language): string {
  let format = numberFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang]);
    numberFormats.set(lang, format);
  }
  return format.format(value);
}
