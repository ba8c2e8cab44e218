/**
 * The public face of corrections, shared by the article page and the feeds so both say
 * the same: the notes section at the end of an article and the "suggest a correction"
 * link (the no-JavaScript path; `corrections.js` enhances it). Note texts are plain text,
 * escaped, never Markdown: an editor's note is not a place for links or markup.
 *
 * @example
 *   renderCorrectionNotes([{ id: 1, text: 'Wir hatten „Urkaine“ geschrieben.', createdAt: new Date() }], 'de').toString();
 *   // '<section class="corrections" …><h2 …>Korrekturen</h2><ul><li><strong>Korrektur:</strong> <time …>…</time> – Wir hatten …</li></ul></section>'
 */
import { html, type SafeHtml } from '../../platform/html.js';
import { formatDate, translator, type Language } from '../../platform/i18n.js';
import { correctionMessages } from './messages.js';
import type { CorrectionNote } from './service.js';

/** Notes, oldest first; nothing at all when there are none. */
export function renderCorrectionNotes(notes: readonly CorrectionNote[], lang: Language): SafeHtml {
  if (notes.length === 0) return html``;
  const t = translator(lang, correctionMessages);
  const items = notes.map(
    (note) =>
      html`<li id="correction-${note.id}"><strong>${t('notes.label')}</strong> <time datetime="${note.createdAt.toISOString()}">${formatDate(note.createdAt, lang, true)}</time> – ${note.text}</li>`,
  );
  return html`<section class="corrections" aria-labelledby="corrections-title"><h2 id="corrections-title">${t('notes.title')}</h2><ul>${items}</ul></section>`;
}

/**
 * The link to the plain-HTML form; `data-article` tells the script which article to send to.
 *
 * @example
 *   renderSuggestLink('stadtrat', 'en').toString();
 *   // '<p class="suggest-correction"><a href="/stadtrat/correction/" data-article="stadtrat" rel="nofollow">Spotted a mistake? Suggest a correction</a></p>'
 */
export function renderSuggestLink(slug: string, lang: Language): SafeHtml {
  const t = translator(lang, correctionMessages);
  return html`<p class="suggest-correction"><a href="/${slug}/correction/" data-article="${slug}" rel="nofollow">${t('suggest.link')}</a></p>`;
}

/**
 * The newest note's time: an article's "updated" date in feeds and on the page.
 *
 * @example
 *   latestNoteAt([]); // null
 */
export function latestNoteAt(notes: readonly CorrectionNote[]): Date | null {
  return notes.reduce<Date | null>((latest, n) => (latest && latest >= n.createdAt ? latest : n.createdAt), null);
}
