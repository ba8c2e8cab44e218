/**
 * The screen's reasons for holding a comment, in words a moderator reads (the stored
 * `detail` is for developers: "4 links (at most 3)"). The figures a reason carries are
 * taken from its detail where one helps (which word, which domain, how many links).
 *
 * @example
 *   reasonText({ code: 'too_many_links', detail: '4 links (at most 3)' }, 'de'); // 'Enthält 4 Links (erlaubt sind 3).'
 */
import { html, type SafeHtml } from '../../platform/html.js';
import type { Language } from '../../platform/i18n.js';
import type { SpamReason } from './desk-data.js';

type Words = Record<Language, (detail: string, n: string[]) => string>;

const numbers = (detail: string) => detail.match(/[0-9]+(?:\.[0-9]+)?/g) ?? [];
const after = (detail: string) => detail.replace(/^[^:]*:\s*/, '');

const REASONS: Record<string, Words> = {
  too_many_links: {
    de: (_, n) => `Enthält ${n[0] ?? 'viele'} Links (erlaubt sind ${n[1] ?? 'weniger'}).`,
    en: (_, n) => `Contains ${n[0] ?? 'many'} links (${n[1] ?? 'fewer'} allowed).`,
  },
  honeypot: { de: () => 'Ein für Menschen unsichtbares Feld wurde ausgefüllt – typisch für Programme.', en: () => 'A field people cannot see was filled in – typical of bots.' },
  duplicate_same_sender: { de: () => 'Dieselbe Person hat denselben Text schon einmal geschickt.', en: () => 'The same person sent this text before.' },
  duplicate_across_articles: { de: () => 'Derselbe Text steht schon unter anderen Artikeln.', en: () => 'The same text was posted under other articles.' },
  blocked_word: { de: (d) => `Enthält gesperrte Wörter: ${after(d)}.`, en: (d) => `Contains blocked words: ${after(d)}.` },
  blocked_domain: { de: (d) => `Verlinkt eine gesperrte Adresse: ${d.replace(/^.*domain\s*/, '')}.`, en: (d) => `Links to a blocked domain: ${d.replace(/^.*domain\s*/, '')}.` },
  classifier: { de: () => 'Der lernende Spamfilter hält den Text für wahrscheinlich Spam.', en: () => 'The learning spam filter finds the text likely spam.' },
  form_stamp_missing: { de: () => 'Das Formular kam ohne Zeitstempel (nicht über die Seite geschickt).', en: () => 'The form came without its time stamp (not sent from the page).' },
  form_stamp_invalid: { de: () => 'Der Zeitstempel des Formulars ist nicht von dieser Seite.', en: () => 'The form’s time stamp is not one this site made.' },
  form_stamp_expired: { de: (_, n) => `Das Formular war ${n[0] ?? 'viele'} Stunden alt.`, en: (_, n) => `The form was ${n[0] ?? 'many'} hours old.` },
  too_fast: { de: (_, n) => `Nach ${n[0] ?? 'wenigen'} Sekunden abgeschickt – schneller als Menschen schreiben.`, en: (_, n) => `Sent after ${n[0] ?? 'a few'} seconds – faster than people write.` },
  banned: { de: () => 'Die Person ist gesperrt.', en: () => 'The person is banned.' },
  filter_word: { de: (d) => `Trifft einen Wortfilter der Redaktion: ${after(d)}.`, en: (d) => `Matches a newsroom word filter: ${after(d)}.` },
  filter_domain: { de: (d) => `Trifft einen Adressfilter der Redaktion: ${after(d)}.`, en: (d) => `Matches a newsroom domain filter: ${after(d)}.` },
};

export function reasonText(reason: SpamReason, lang: Language): SafeHtml {
  const words = REASONS[reason.code];
  if (words) return html`${words[lang](reason.detail, numbers(reason.detail))}`;
  // A reason this list does not know yet still says something rather than nothing.
  return html`${reason.detail || reason.code}`;
}
