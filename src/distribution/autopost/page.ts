/**
 * The staff page listing the autopost history: plain server-rendered HTML, no script,
 * every value escaped by the `html` template (a Telegram answer is outside input too).
 *
 * @example
 *   const markup = renderAutopostPage(await log.list(200), 'de');
 */
import { html, join } from '../../platform/html.js';
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
 *   renderAutopostPage([], 'en'); // '<!doctype html>…Nothing posted yet.…'
 */
export function renderAutopostPage(entries: readonly AutopostListing[], lang: Language): string {
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
    ? html`<table>
<thead><tr><th>${t('time')}</th><th>${t('article')}</th><th>${t('attempt')}</th><th>${t('status')}</th><th>${t('response')}</th></tr></thead>
<tbody>${join(rows, '\n')}</tbody>
</table>`
    : html`<p>${t('empty')}</p>`;
  return html`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${t('title')}</title></head>
<body>
<main>
<h1>${t('title')}</h1>
<p>${t('intro')}</p>
${body}
</main>
</body>
</html>
`.toString();
}
