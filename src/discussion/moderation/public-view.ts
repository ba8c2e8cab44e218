/**
 * The public moderation log (a setting, off by default): what was done to readers'
 * comments and why, with the article it happened under. No names, no comment text, no
 * e-mail or IP data: the entries come from `publicLog`, which never selects them.
 *
 * @example
 *   const main = renderPublicLog({ lang: 'de', entries, page: 1, more: false });
 */
import { html, type SafeHtml } from '../../platform/html.js';
import { formatDate, translator, type Language } from '../../platform/i18n.js';
import type { PublicLogEntry } from './log.js';
import { moderationMessages, type ModerationMessageKey } from './messages.js';

export function renderPublicLog(data: { lang: Language; entries: PublicLogEntry[]; page: number; more: boolean }): SafeHtml {
  const t = translator(data.lang, moderationMessages);
  const label = (action: string) => t(`action.${action}` as ModerationMessageKey);
  return html`<div class="moderation-log-page">
<h1 class="page-title">${t('public.title')}</h1>
<p>${t('public.intro')}</p>
${data.entries.length === 0 ? html`<p class="muted">${t('public.none')}</p>` : html`<table class="moderation-log">
<thead><tr><th scope="col">${t('public.date')}</th><th scope="col">${t('public.action')}</th><th scope="col">${t('public.article')}</th><th scope="col">${t('public.reason')}</th></tr></thead>
<tbody>${data.entries.map((e) => html`<tr>
<td><time datetime="${e.at}">${formatDate(new Date(e.at), data.lang, true)}</time></td>
<td>${label(e.action)}</td>
<td>${e.article ? html`<a href="/${e.article.slug}/">${e.article.title}</a>` : ''}</td>
<td>${e.reason}</td>
</tr>`)}</tbody>
</table>`}
<nav class="pagination" aria-label="${t('public.title')}">
${data.page > 1 ? html`<a rel="prev" href="/moderation/${data.page > 2 ? `?page=${data.page - 1}` : ''}">← ${t('public.newer')}</a>` : html`<span></span>`}
${data.more ? html`<a rel="next" href="/moderation/?page=${data.page + 1}">${t('public.older')} →</a>` : html`<span></span>`}
</nav>
</div>`;
}
