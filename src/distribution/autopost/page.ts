/**
 * The staff page listing the autopost history, as the main part of a newsroom page (the
 * route puts it in the admin frame): plain server-rendered HTML, no script, every value
 * escaped by the `html` template (a Telegram answer is outside input too).
 *
 * @example
 *   const { title, main } = renderAutopostPage(await log.list(200), 'de');
 */
import { html, join, type SafeHtml } from '../../platform/html.js';
import { defineMessages, formatDate, translator, type Language } from '../../platform/i18n.js';
import type { AutopostListing } from './log.js';

const messages = defineMessages({
  de: {
    title: 'Kanal-Autopost',
    intro: 'Jeder Versuch, einen Artikel im Telegram-Kanal zu posten, mit der Antwort von Telegram.',
    empty: 'Noch nichts gepostet.',
    time: 'Zeit',
    article: 'Artikel',
    attempt: 'Versuch',
    status: 'Status',
    response: 'Antwort',
    sent: 'gesendet',
    retrying: 'wird wiederholt',
    failed: 'fehlgeschlagen',
    skipped: 'übersprungen',
    deleted: 'gelöscht',
  },
  en: {
    title: 'Channel autopost',
    intro: 'Every attempt to post an article to the Telegram channel, with Telegram’s answer.',
    empty: 'Nothing posted yet.',
    time: 'Time',
    article: 'Article',
    attempt: 'Attempt',
    status: 'Status',
    response: 'Response',
    sent: 'sent',
    retrying: 'will be retried',
    failed: 'failed',
    skipped: 'skipped',
    deleted: 'deleted',
  },
});

/**
 * @example
 *   renderAutopostPage([], 'en').main.toString(); // '<h1 class="page-title">Channel autopost</h1>…Nothing posted yet.…'
 */
export function renderAutopostPage(entries: readonly AutopostListing[], lang: Language): { title: string; main: SafeHtml } {
  const t = translator(lang, messages);
  const rows = entries.map(
    (e) => html`<tr class="autopost-${e.status}">
  <td>${formatDate(e.createdAt, lang, true)}</td>
  <td>${e.articleTitle ?? t('deleted')} (#${e.articleId})</td>
  <td>${e.attempt}</td>
  <td>${t(e.status)}</td>
  <td>${e.responseCode ?? '–'} ${e.error ?? ''}<br><code>${e.responseExcerpt}</code></td>
</tr>`,
  );
  const body = entries.length
    ? html`<table class="desk-table autopost-log">
<thead><tr><th scope="col">${t('time')}</th><th scope="col">${t('article')}</th><th scope="col">${t('attempt')}</th><th scope="col">${t('status')}</th><th scope="col">${t('response')}</th></tr></thead>
<tbody>${join(rows, '\n')}</tbody>
</table>`
    : html`<p class="muted">${t('empty')}</p>`;
  return {
    title: t('title'),
    main: html`<h1 class="page-title">${t('title')}</h1>
<p>${t('intro')}</p>
${body}`,
  };
}
