/**
 * The author pages: the list (`/admin/authors/`, with article counts) and the profile form
 * (`/admin/authors/new/`, `/admin/authors/:id/`): name, address, biography in German and
 * English (plain text, as the author page shows it), a picture from the media library
 * (radio buttons with a thumbnail, or none), links and books as rows with a few empty ones
 * for adding, and the linked staff account (editors only). A refused form comes back with
 * each wrong field marked (`aria-invalid`, the message tied by `aria-describedby`) and
 * what was typed kept. Everything through the escaping `html` template.
 *
 * @example
 *   renderAuthorForm(t, { author: null, values, errors: {}, notice: null, media, users, mayLink: true });
 */
import { html, type SafeHtml } from '../../platform/html.js';
import type { Author } from '../../content/index.js';
import type { MediaItem } from '../../media/index.js';
import { csrfField } from '../../site/index.js';
import type { T } from './layout.js';
import { thumbnailPath } from './media-view.js';
import { EMPTY_ROWS, type AuthorFormValues, type FieldErrors } from './taxonomy-form.js';

export interface StaffOption { id: number; name: string; email: string; role: string }

export interface AuthorListRow extends Author { articleCount: number }

export function renderAuthorList(t: T, rows: readonly AuthorListRow[], users: readonly StaffOption[]): SafeHtml {
  const account = (id: number | null) => {
    const user = id === null ? undefined : users.find((u) => u.id === id);
    return user ? user.name || user.email : t('authors.noAccount');
  };
  return html`<div class="admin-authors">
<h1 class="page-title">${t('authors.title')}</h1>
<p><a class="button" href="/admin/authors/new/">${t('authors.new')}</a></p>
${rows.length
    ? html`<div class="table-scroll"><table class="desk-table">
<thead><tr><th scope="col">${t('authors.name')}</th><th scope="col">${t('authors.slug')}</th><th scope="col">${t('authors.account')}</th><th scope="col">${t('authors.articles')}</th></tr></thead>
<tbody>${rows.map((row) => html`<tr>
<td><a href="/admin/authors/${row.id}/">${row.name}</a></td>
<td><a href="/author/${row.slug}/">/author/${row.slug}/</a></td>
<td>${account(row.userId)}</td>
<td>${row.articleCount}</td>
</tr>`)}</tbody>
</table></div>`
    : html`<p class="muted">${t('authors.empty')}</p>`}
</div>`;
}

export interface AuthorFormPage {
  author: Author | null;
  values: AuthorFormValues;
  errors: FieldErrors;
  notice: 'created' | 'saved' | null;
  media: readonly MediaItem[];
  users: readonly StaffOption[];
  /** Editors may link the profile to a staff account; a writer on their own profile may not. */
  mayLink: boolean;
}

/** The attributes that tie an input to its hint and its error. */
function described(id: string, errors: FieldErrors, name: string, hint = false): SafeHtml {
  const error = errors[name];
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
}

function errorOf(id: string, errors: FieldErrors, name: string): SafeHtml | '' {
  const error = errors[name];
  return error ? html`<span class="field-error" id="${id}-error">${error}</span>` : '';
}

function textField(spec: { id: string; name: string; label: string; value: string; errors: FieldErrors; hint?: string; maxlength?: number; required?: boolean; className?: string }): SafeHtml {
  const { id, name, errors } = spec;
  return html`<p class="field${spec.className ? html` ${spec.className}` : ''}"><label for="${id}">${spec.label}</label><input type="text" id="${id}" name="${name}" value="${spec.value}"${spec.maxlength ? html` maxlength="${spec.maxlength}"` : ''}${spec.required ? html` required` : ''}${described(id, errors, name, Boolean(spec.hint))}>${spec.hint ? html`<span class="field-note" id="${id}-hint">${spec.hint}</span>` : ''}${errorOf(id, errors, name)}</p>`;
}

function textArea(id: string, name: string, label: string, value: string, errors: FieldErrors, hint: string): SafeHtml {
  return html`<p class="field"><label for="${id}">${label}</label><textarea id="${id}" name="${name}" rows="5"${described(id, errors, name, true)}>${value}</textarea><span class="field-note" id="${id}-hint">${hint}</span>${errorOf(id, errors, name)}</p>`;
}

function avatarChoice(t: T, page: AuthorFormPage): SafeHtml {
  const chosen = page.values.avatarMediaId;
  const error = page.errors.avatarMediaId;
  const radio = (value: string, content: SafeHtml) =>
    html`<li><label><input type="radio" name="avatarMediaId" value="${value}"${value === chosen ? html` checked` : ''}>${content}</label></li>`;
  const known = page.media.some((item) => String(item.id) === chosen);
  return html`<fieldset class="field" id="author-avatar" aria-describedby="author-avatar-hint${error ? ' author-avatar-error' : ''}"${error ? html` aria-invalid="true"` : ''}>
<legend>${t('authors.avatar')}</legend>
<span class="field-note" id="author-avatar-hint">${t('authors.avatarHint')}</span>
${error ? html`<span class="field-error" id="author-avatar-error">${error}</span>` : ''}
<ul class="avatar-grid">
${radio('', html`<span>${t('authors.avatarNone')}</span>`)}
${chosen && !known ? radio(chosen, html`<span>#${chosen}</span>`) : ''}
${page.media.map((item) => radio(String(item.id), html`<img src="${thumbnailPath(item)}" alt="" width="128" height="80" loading="lazy" decoding="async"><span>#${item.id}${item.caption ? html` · ${item.caption}` : ''}</span>`))}
</ul>
</fieldset>`;
}

function rows<R>(list: readonly R[], empty: R): R[] {
  return [...list, ...Array.from({ length: EMPTY_ROWS }, () => empty)].slice(0, 50);
}

function linkRows(t: T, page: AuthorFormPage): SafeHtml {
  return html`<fieldset class="entry-rows" id="author-links"><legend>${t('authors.links')}</legend>
<span class="field-note">${t('authors.linksHint')}</span>
${rows(page.values.links, { label: '', url: '' }).map((row, i) => html`<div class="entry-row" role="group" aria-label="${t('authors.links')}: ${t('authors.row', { n: i + 1 })}">
${textField({ id: `link-${i}-label`, name: `links[${i}].label`, label: t('authors.linkLabel'), value: row.label, errors: page.errors, maxlength: 200 })}
${textField({ id: `link-${i}-url`, name: `links[${i}].url`, label: t('authors.linkUrl'), value: row.url, errors: page.errors })}
</div>`)}
</fieldset>`;
}

function bookRows(t: T, page: AuthorFormPage): SafeHtml {
  return html`<fieldset class="entry-rows" id="author-books"><legend>${t('authors.books')}</legend>
${rows(page.values.books, { title: '', url: '', year: '' }).map((row, i) => html`<div class="entry-row" role="group" aria-label="${t('authors.books')}: ${t('authors.row', { n: i + 1 })}">
${textField({ id: `book-${i}-title`, name: `books[${i}].title`, label: t('authors.bookTitle'), value: row.title, errors: page.errors, maxlength: 300 })}
${textField({ id: `book-${i}-url`, name: `books[${i}].url`, label: t('authors.bookUrl'), value: row.url, errors: page.errors })}
${textField({ id: `book-${i}-year`, name: `books[${i}].year`, label: t('authors.bookYear'), value: row.year, errors: page.errors, maxlength: 4, className: 'field-year' })}
</div>`)}
</fieldset>`;
}

function userChoice(t: T, page: AuthorFormPage): SafeHtml {
  const chosen = page.values.userId;
  const id = 'author-user';
  return html`<p class="field"><label for="${id}">${t('authors.user')}</label><select id="${id}" name="userId"${described(id, page.errors, 'userId', true)}>
<option value="">${t('authors.userNone')}</option>
${page.users.map((user) => html`<option value="${user.id}"${String(user.id) === chosen ? html` selected` : ''}>${user.name || user.email} (${user.email})</option>`)}
</select><span class="field-note" id="${id}-hint">${t('authors.userHint')}</span>${errorOf(id, page.errors, 'userId')}</p>`;
}

export function renderAuthorForm(t: T, page: AuthorFormPage): SafeHtml {
  const { author, values, errors } = page;
  const action = author ? `/admin/authors/${author.id}/` : '/admin/authors/';
  const invalid = Object.keys(errors).length > 0;
  return html`<div class="admin-author">
<h1 class="page-title">${author ? t('authors.editTitle', { name: author.name }) : t('authors.newTitle')}</h1>
${page.mayLink ? html`<p><a href="/admin/authors/">${t('authors.back')}</a></p>` : ''}
${page.notice ? html`<p class="notice" role="status">${t(page.notice === 'created' ? 'authors.created' : 'authors.saved')}${author ? html` <a href="/author/${author.slug}/">${t('authors.public')}</a>` : ''}</p>` : ''}
${invalid ? html`<p class="notice notice-error" role="alert">${t('authors.invalid')}</p>` : ''}
<form method="post" action="${action}" class="author-form">
${csrfField()}
${textField({ id: 'author-name', name: 'name', label: t('authors.name'), value: values.name, errors, maxlength: 200, required: true })}
${textField({ id: 'author-slug', name: 'slug', label: t('authors.slug'), value: values.slug, errors, maxlength: 80, hint: t('authors.slugHint') })}
${textArea('author-bio-de', 'bio.de', t('authors.bioDe'), values.bioDe, errors, t('authors.bioHint'))}
${textArea('author-bio-en', 'bio.en', t('authors.bioEn'), values.bioEn, errors, t('authors.bioHint'))}
${avatarChoice(t, page)}
${linkRows(t, page)}
${bookRows(t, page)}
${page.mayLink ? userChoice(t, page) : ''}
<p><button type="submit">${author ? t('authors.save') : t('authors.create')}</button></p>
</form>
</div>`;
}
