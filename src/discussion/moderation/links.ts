/**
 * The two moderation links under every visible comment: a report to the moderators, and
 * a notice of illegal content under the DSA. Plain links to form pages, so they work
 * without JavaScript; `rel="nofollow"` keeps crawlers off a form per comment.
 *
 * @example
 *   html`<footer>${moderationLinks('stadtrat-tagt', 12, 'de')}</footer>`;
 */
import { html, type SafeHtml } from '../../platform/html.js';
import type { Language } from '../../platform/i18n.js';
import { moderationMessages } from './messages.js';

export function moderationLinks(slug: string, commentId: number, lang: Language): SafeHtml {
  const words = moderationMessages[lang];
  return html`<a class="report-link" href="/${slug}/comment/${commentId}/report/" rel="nofollow">${words['link.report']}</a>
<a class="notice-link" href="/${slug}/comment/${commentId}/notice/" rel="nofollow">${words['link.notice']}</a>`;
}
