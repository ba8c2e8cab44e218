/**
 * The people page: every staff account with role, status, second factor and last
 * activity; per person a role form and the actions that apply (suspend or lift, reset
 * the second factor, remove with a confirmation tick); an invitation form. The forms work
 * without JavaScript; every value goes through the escaping `html` template.
 *
 * @example
 *   const main = renderPeople({ lang, people, me: 3, actorRole: 'owner', t, roleName, flash: [], error: null, values: {} });
 */
import { html, type SafeHtml } from '../../platform/html.js';
import { formatDate, translator, type Language } from '../../platform/i18n.js';
import { ROLES, type Role } from '../../platform/users.js';
import { csrfField } from '../../site/index.js';
import { peopleMessages } from './messages.js';
import type { Person } from './service.js';

export interface PeopleView {
  lang: Language;
  people: Person[];
  me: number;
  actorRole: Role;
  roleName: (role: Role) => string;
  flash: string[];
  /** A refused invitation: the message at its field, and what was typed. */
  error: { message: string; field?: string } | null;
  values: { email?: string; name?: string; role?: string };
}

function roleOptions(view: PeopleView, selected: string): SafeHtml {
  const roles = ROLES.filter((r) => view.actorRole === 'owner' || r !== 'owner');
  return html`${roles.map((r) => html`<option value="${r}"${r === selected ? html` selected` : ''}>${view.roleName(r)}</option>`)}`;
}

function row(p: Person, view: PeopleView): SafeHtml {
  const t = translator(view.lang, peopleMessages);
  const self = p.id === view.me;
  const locked = view.actorRole !== 'owner' && p.role === 'owner';
  const post = (path: string, label: string, cls = '') => html`<form method="post" action="/admin/people/${p.id}/${path}">${csrfField()}<button type="submit" class="${cls}">${label}</button></form>`;
  return html`<li class="person" id="person-${p.id}">
<div class="person-who"><h3>${p.name}${self ? html` <span class="badge">${t('people.you')}</span>` : ''}</h3>
<p class="person-meta"><a href="mailto:${p.email}">${p.email}</a></p>
<p class="person-meta"><span class="badge state-${p.state}">${t(`state.${p.state}`)}</span>${p.totp ? html` <span class="badge">${t('people.totpOn')}</span>` : ''} · ${t('people.lastSeen')}: ${p.lastSeen ? formatDate(new Date(p.lastSeen), view.lang, true) : t('people.never')}</p></div>
${locked ? html`<p class="person-role">${view.roleName(p.role)}</p>` : html`<form method="post" action="/admin/people/${p.id}/role" class="person-role tool-form">${csrfField()}
<label for="role-${p.id}" class="visually-hidden">${t('people.roleOf', { name: p.name })}</label>
<select id="role-${p.id}" name="role">${roleOptions(view, p.role)}</select> <button type="submit" class="button-secondary">${t('people.save')}</button></form>`}
${self || locked ? '' : html`<details class="person-more"><summary>${t('people.more', { name: p.name })}</summary><div class="person-actions">
${p.state === 'suspended' ? post('unsuspend', t('people.unsuspend')) : post('suspend', t('people.suspend'))}
${p.totp ? post('reset-totp', t('people.resetTotp')) : ''}
<form method="post" action="/admin/people/${p.id}/remove">${csrfField()}
<label class="choice"><input type="checkbox" name="confirm" value="yes" required> ${t('people.removeConfirm', { name: p.name })}</label>
<button type="submit" class="danger">${t('people.remove')}</button></form>
</div></details>`}
</li>`;
}

export function renderPeople(view: PeopleView): SafeHtml {
  const t = translator(view.lang, peopleMessages);
  const err = (field: string) => (view.error && view.error.field === field ? html`<p class="field-error" id="invite-${field}-error">${view.error.message}</p>` : '');
  const described = (field: string) => (view.error?.field === field ? html` aria-invalid="true" aria-describedby="invite-${field}-error"` : '');
  return html`<div class="people-page">
<h1 class="page-title">${t('people.title')}</h1>
<p class="field-note">${t('people.intro')}</p>
<div role="status">${view.flash.map((line) => html`<p class="notice">${line}</p>`)}</div>
${view.error && !view.error.field ? html`<p class="notice notice-error" role="alert">${view.error.message}</p>` : ''}
<section aria-labelledby="people-list-title"><h2 id="people-list-title">${t('people.count', { count: view.people.length })}</h2>
<ul class="people-list">${view.people.map((p) => row(p, view))}</ul></section>
<section class="admin-panel" aria-labelledby="invite-title"><h2 id="invite-title">${t('people.invite')}</h2>
<p class="field-note">${t('people.inviteHint')}</p>
<form method="post" action="/admin/people/invite" class="invite-form" novalidate>
${csrfField()}
<p class="field"><label for="invite-name">${t('people.name')}</label><input id="invite-name" name="name" type="text" maxlength="80" autocomplete="off" value="${view.values.name ?? ''}" required${described('name')}>${err('name')}</p>
<p class="field"><label for="invite-email">${t('people.email')}</label><input id="invite-email" name="email" type="email" maxlength="254" autocomplete="off" value="${view.values.email ?? ''}" required${described('email')}>${err('email')}</p>
<p class="field"><label for="invite-role">${t('people.role')}</label><select id="invite-role" name="role"${described('role')}>${roleOptions(view, view.values.role ?? 'author')}</select>${err('role')}</p>
<p><button type="submit">${t('people.inviteSend')}</button></p>
</form></section>
</div>`;
}
