/**
 * Small stopword lists. They are removed when indexing and when querying, so words that
 * carry no topic neither bloat the index nor dominate "related articles". Kept short on
 * purpose: a word missing here only costs a little ranking noise, a word wrongly listed
 * can never be found. Words that are meaningful in the other language ("war", "die",
 * "man") are harmless because each language only drops its own list.
 */
import type { Language } from '../platform/i18n.js';

const GERMAN = `
aber alle allem allen aller alles als also am an auch auf aus bei beim bin bis bist da damit
dann das dass daß dein deine dem den denn der des dessen dich die dies diese diesem diesen
dieser dieses doch dort du durch ein eine einem einen einer eines er es etwas euch euer für
gegen hab habe haben hat hatte hatten hier hin ich ihm ihn ihnen ihr ihre ihrem ihren ihrer
im in ins ist ja jede jedem jeden jeder jedes jetzt kann kein keine keinem keinen keiner man
mich mir mit muss nach nicht noch nun nur ob oder ohne sehr sei sein seine seinem seinen
seiner sich sie sind so soll sollen um und uns unser unsere unter viel vom von vor war waren
was weil wenn wer werden wie wieder wir wird wo zu zum zur über
`;

const ENGLISH = `
a about after all also am an and any are as at be because been before being between both
but by can could did do does doing down during each for from further had has have having he
her here hers him his how i if in into is it its itself just me more most my no nor not of
off on once only or other our ours out over own s same she should so some such t than that
the their theirs them then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours
`;

const LISTS: Record<Language, ReadonlySet<string>> = {
  de: new Set(GERMAN.split(/\s+/).filter(Boolean)),
  en: new Set(ENGLISH.split(/\s+/).filter(Boolean)),
};

/**
 * Whether a lower-case word is a stopword in `lang`.
 *
 * @example
 *   isStopword('die', 'de'); // true
 *   isStopword('die', 'en'); // false
 */
export function isStopword(word: string, lang: Language): boolean {
  return LISTS[lang].has(word);
}
