/**
 * The tag pages: the list (`/admin/tags/`, with article counts and a form to add one) and
 * a tag's page (`/admin/tags/:id/`: name, address, description, and deleting it, which
 * needs a ticked confirmation). Refused forms come back with each wrong field marked and
 * what was typed kept. Everything through the escaping `html` template.
 *
 * @example
 *   renderTagList(t, { rows, values, errors: {}, notice: 'created' });
 */
import { html, type SafeHtml } from '../../platform/html.js';
import type { Tag } from '../../content/index.js';
import { csrfField } from '../../site/index.js';
import type { T } from './layout.js';
import type { FieldErrors, TagFormValues } from './taxonomy-form.js';

export interface TagListRow extends Tag { articleCount: number }
export const TAG_NOTICES = ['created', 'updated', 'deleted'] as const;
export type TagNotice = (typeof TAG_NOTICES)[number];

function input(prefix: string, name: keyof TagFormValues, label: string, values: TagFormValues, errors: FieldErrors, extra: { hint?: string; maxlength?: number; required?: boolean; area?: boolean } = {}): SafeHtml {
  const id = `${prefix}-${name}`;
  const error = errors[name];
  const ids = [extra.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const attrs = html`id="${id}" name="${name}"${extra.maxlength ? html` maxlength="${extra.maxlength}"` : ''}${extra.required ? html` required` : ''}${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
  const control = extra.area ? html`<textarea ${attrs} rows="3">${values[name]}</textarea>` : html`<input type="text" ${attrs} value="${values[name]}">`;
  return html`<p class="field"><label for="${id}">${label}</label>${control}${extra.hint ? html`<span class="field-note" id="${id}-hint">${extra.hint}</span>` : ''}${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : ''}</p>`;
}

function fields(t: T, prefix: string, values: TagFormValues, errors: FieldErrors): SafeHtml {
  return html`${input(prefix, 'name', t('tags.name'), values, errors, { maxlength: 100, required: true })}
${input(prefix, 'slug', t('tags.slug'), values, errors, { maxlength: 80, hint: t('tags.slugHint') })}
${input(prefix, 'description', t('tags.description'), values, errors, { area: true })}`;
}

const NOTICE = { created: 'tags.created', updated: 'tags.updated', deleted: 'tags.deleted' } as const satisfies Record<TagNotice, string>;

export interface TagListPage {
  rows: readonly TagListRow[];
  /** The add form's values (what was typed, after a refusal). */
  values: TagFormValues;
  errors: FieldErrors;
  notice: TagNotice | null;
}

export function renderTagList(t: T, page: TagListPage): SafeHtml {
  const invalid = Object.keys(page.errors).length > 0;
  return html`<div class="admin-tags">
<h1 class="page-title">${t('tags.title')}</h1>
${page.notice ? html`<p class="notice" role="status">${t(NOTICE[page.notice])}</p>` : ''}
${page.rows.length
    ? html`<div class="table-scroll"><table class="desk-table">
<thead><tr><th scope="col">${t('tags.name')}</th><th scope="col">${t('tags.slug')}</th><th scope="col">${t('tags.description')}</th><th scope="col">${t('tags.articles')}</th></tr></thead>
<tbody>${page.rows.map((row) => html`<tr>
<td><a href="/admin/tags/${row.id}/" aria-label="${t('tags.editLabel', { name: row.name })}">${row.name}</a></td>
<td><a href="/tag/${row.slug}/">/tag/${row.slug}/</a></td>
<td>${row.description}</td>
<td>${row.articleCount}</td>
</tr>`)}</tbody>
</table></div>`
    : html`<p class="muted">${t('tags.empty')}</p>`}
<section id="tag-new" aria-labelledby="tag-new-title">
<h2 id="tag-new-title">${t('tags.new')}</h2>
${invalid ? html`<p class="notice notice-error" role="alert">${t('tags.invalid')}</p>` : ''}
<form method="post" action="/admin/tags/">
${csrfField()}
${fields(t, 'tag-new', page.values, page.errors)}
<p><button type="submit">${t('tags.create')}</button></p>
</form>
</section>
</div>`;
}

export interface TagEditPage {
  tag: TagListRow;
  values: TagFormValues;
  errors: FieldErrors;
  /** The delete form was sent without its confirmation. */
  confirmMissing: boolean;
}

export function renderTagEdit(t: T, page: TagEditPage): SafeHtml {
  const { tag } = page;
  const invalid = Object.keys(page.errors).length > 0;
  return html`<div class="admin-tag">
<h1 class="page-title">${t('tags.editTitle', { name: tag.name })}</h1>
<p><a href="/admin/tags/">${t('tags.back')}</a></p>
${invalid ? html`<p class="notice notice-error" role="alert">${t('tags.invalid')}</p>` : ''}
<form method="post" action="/admin/tags/${tag.id}/">
${csrfField()}
${fields(t, 'tag', page.values, page.errors)}
<p><button type="submit">${t('tags.save')}</button></p>
</form>
<section class="danger-zone" id="tag-delete" aria-labelledby="tag-delete-title">
<h2 id="tag-delete-title">${t('tags.delete')}</h2>
<p>${t('tags.deleteIntro', { count: tag.articleCount })}</p>
${page.confirmMissing ? html`<p class="notice notice-error" role="alert">${t('tags.deleteMissing')}</p>` : ''}
<form method="post" action="/admin/tags/${tag.id}/delete">
${csrfField()}
<p class="field field-check"><label><input type="checkbox" id="tag-delete-confirm" name="confirm" value="yes" required${page.confirmMissing ? html` aria-invalid="true" aria-describedby="tag-delete-confirm-error"` : ''}> ${t('tags.deleteConfirm', { name: tag.name })}</label>${page.confirmMissing ? html`<span class="field-error" id="tag-delete-confirm-error">${t('tags.deleteMissing')}</span>` : ''}</p>
<p><button type="submit">${t('tags.delete')}</button></p>
</form>
</section>
</div>`;
}
