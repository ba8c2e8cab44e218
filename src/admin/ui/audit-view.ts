/**
 * The audit log page (`/admin/audit/`): who did what to which thing and when, newest
 * first, 50 to a page, filtered by action and by staff member with a plain GET form.
 * Names and details are whatever staff typed: all of it through the escaping template.
 *
 * @example
 *   renderAudit(t, 'de', { entries, more: true, page: 1, action: null, userId: null, actions, actors });
 */
import { html, type SafeHtml } from '../../platform/html.js';
import { formatDate, type Language } from '../../platform/i18n.js';
import type { AuditEntry } from '../audit.js';
import type { T } from './layout.js';

export interface AuditPage {
  entries: readonly AuditEntry[];
  more: boolean;
  page: number;
  action: string | null;
  userId: number | null;
  actions: readonly string[];
  actors: readonly { id: number; name: string }[];
}

/** The page's own address with the current filters and another page number. */
export function auditHref(view: Pick<AuditPage, 'action' | 'userId'>, page: number): string {
  const query = new URLSearchParams();
  if (view.action) query.set('action', view.action);
  if (view.userId) query.set('staff', String(view.userId));
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return `/admin/audit/${text ? `?${text}` : ''}`;
}

function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

const TARGET_PAGES: Record<string, string> = { article: 'articles', author: 'authors', tag: 'tags' };

function target(entry: AuditEntry): SafeHtml {
  const label = `${entry.target_type}${entry.target_id ? ` #${entry.target_id}` : ''}`;
  // A deleted tag's page is gone (404); the entry still names it.
  const folder = entry.action === 'tag.delete' || !Object.hasOwn(TARGET_PAGES, entry.target_type) ? undefined : TARGET_PAGES[entry.target_type];
  return folder && entry.target_id && /^\d+$/.test(entry.target_id)
    ? html`<a href="/admin/${folder}/${entry.target_id}/">${label}</a>`
    : html`${label}`;
}

function row(t: T, lang: Language, entry: AuditEntry): SafeHtml {
  const when = new Date(entry.created_at);
  return html`<tr>
<td><time datetime="${entry.created_at}">${formatDate(when, lang, true)}</time></td>
<td>${entry.user_id === null ? t('audit.system') : entry.actor}</td>
<td><code>${entry.action}</code></td>
<td>${target(entry)}</td>
<td class="audit-detail">${detailText(entry.detail)}</td>
</tr>`;
}

function filters(t: T, view: AuditPage): SafeHtml {
  return html`<form method="get" action="/admin/audit/" class="audit-filter" aria-label="${t('audit.filter')}">
<p class="field"><label for="audit-action">${t('audit.action')}</label><select id="audit-action" name="action">
<option value="">${t('audit.any')}</option>${view.actions.map((a) => html`<option value="${a}"${a === view.action ? html` selected` : ''}>${a}</option>`)}
</select></p>
<p class="field"><label for="audit-staff">${t('audit.staff')}</label><select id="audit-staff" name="staff">
<option value="">${t('audit.any')}</option>${view.actors.map((a) => html`<option value="${a.id}"${a.id === view.userId ? html` selected` : ''}>${a.name || `#${a.id}`}</option>`)}
</select></p>
<p><button type="submit">${t('audit.apply')}</button></p>
</form>`;
}

function pager(t: T, view: AuditPage): SafeHtml | '' {
  if (view.page === 1 && !view.more) return '';
  return html`<nav class="pager" aria-label="${t('audit.pages')}"><ul>
${view.page > 1 ? html`<li><a rel="prev" href="${auditHref(view, view.page - 1)}">${t('audit.newer')}</a></li>` : ''}
<li aria-current="page">${t('audit.page', { page: view.page })}</li>
${view.more ? html`<li><a rel="next" href="${auditHref(view, view.page + 1)}">${t('audit.older')}</a></li>` : ''}
</ul></nav>`;
}

export function renderAudit(t: T, lang: Language, view: AuditPage): SafeHtml {
  return html`<div class="admin-audit">
<h1 class="page-title">${t('audit.title')}</h1>
<p class="field-note">${t('audit.intro')}</p>
${filters(t, view)}
${view.entries.length
    ? html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t('audit.title')}"><table class="desk-table audit-log">
<thead><tr><th scope="col">${t('audit.when')}</th><th scope="col">${t('audit.who')}</th><th scope="col">${t('audit.what')}</th><th scope="col">${t('audit.target')}</th><th scope="col">${t('audit.detail')}</th></tr></thead>
<tbody>${view.entries.map((entry) => row(t, lang, entry))}</tbody>
</table></div>`
    : html`<p class="muted">${t('audit.empty')}</p>`}
${pager(t, view)}
</div>`;
}
