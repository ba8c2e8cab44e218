/**
 * The newsletter's pages as `<main>` content: sign-up form, "check your inbox",
 * confirmation, preferences, unsubscribe and the answer to a broken link. Plain forms
 * that work without JavaScript; every value is escaped by the `html` template.
 *
 * @example
 *   const main = signUpMain(t, 'de', topics, { email: 'lea@example.org' }, 'Bitte geben Sie …');
 *   renderDocument(frame, { title: t('page.title'), canonicalPath: '/newsletter/', main });
 */
import { html, type SafeHtml } from '../platform/html.js';
import type { Language, Translate } from '../platform/i18n.js';
import { csrfField } from '../site/index.js';
import type { Tag } from '../content/index.js';
import type { AudienceMessageKey } from './messages.js';
import type { LinkFailure } from './subscriptions.js';

type T = Translate<AudienceMessageKey>;

export interface FormValues {
  email?: string;
  name?: string;
  topics?: readonly string[];
}

const privacyPath = (lang: Language) => (lang === 'de' ? '/datenschutz/' : '/privacy/');

function notice(text: string | undefined, kind: 'ok' | 'error' = 'ok'): SafeHtml {
  if (!text) return html``;
  return kind === 'error' ? html`<p class="notice notice-error" role="alert">${text}</p>` : html`<p class="notice" role="status">${text}</p>`;
}

function topicBoxes(t: T, topics: readonly Tag[], chosen: readonly string[]): SafeHtml {
  if (topics.length === 0) return html``;
  return html`<fieldset class="field newsletter-topics"><legend>${t('form.topics')}</legend>
<p class="field-note">${t('form.topicsHint')}</p>
${topics.map((tag) => html`<label><input type="checkbox" name="topics" value="${tag.slug}"${chosen.includes(tag.slug) ? html` checked` : ''}> ${tag.name}</label><br>`)}
</fieldset>`;
}

function page(title: string, body: SafeHtml): SafeHtml {
  return html`<div class="static-page newsletter-page"><h1 class="page-title">${title}</h1>${body}</div>`;
}

export function signUpMain(t: T, lang: Language, topics: readonly Tag[], values: FormValues = {}, error?: { message: string; field?: string }): SafeHtml {
  const invalid = (field: string) => (error?.field === field ? html` aria-invalid="true"` : '');
  return page(t(error ? 'form.errorTitle' : 'page.title'), html`${notice(error?.message, 'error')}
<p>${t('page.intro')}</p>
<form class="newsletter-form" method="post" action="/newsletter/">${csrfField()}
<p class="field"><label for="newsletter-email">${t('form.email')}</label><input id="newsletter-email" type="email" name="email" required maxlength="254" autocomplete="email" value="${values.email ?? ''}"${invalid('email')}></p>
<p class="field"><label for="newsletter-name">${t('form.name')}</label><input id="newsletter-name" type="text" name="name" maxlength="100" autocomplete="name" value="${values.name ?? ''}"${invalid('name')}></p>
${topicBoxes(t, topics, values.topics ?? [])}
<p class="hp" aria-hidden="true"><label for="newsletter-website">${t('form.honeypot')}</label><input id="newsletter-website" type="text" name="website" tabindex="-1" autocomplete="off"></p>
<p class="field-note">${t('form.consent')} <a href="${privacyPath(lang)}">${t('form.privacy')}</a>.</p>
<p><button type="submit">${t('form.subscribe')}</button></p>
</form>`);
}

export function sentMain(t: T): SafeHtml {
  return page(t('sent.title'), html`${notice(t('sent.text'))}<p>${t('sent.hint')}</p>`);
}

export function confirmMain(t: T, site: string, email: string, token: string): SafeHtml {
  // A button, not an automatic confirmation: mail scanners open links, only people press buttons.
  return page(t('confirm.title'), html`<p>${t('confirm.text', { site, email })}</p>
<form method="post" action="/newsletter/confirm">${csrfField()}<input type="hidden" name="token" value="${token}">
<p><button type="submit">${t('confirm.button')}</button></p></form>`);
}

export function confirmedMain(t: T, preferencesPath: string, already: boolean): SafeHtml {
  return page(t('confirmed.title'), html`${notice(already ? t('confirmed.already') : t('confirmed.text'))}
<p><a class="button" href="${preferencesPath}">${t('prefs.title')}</a></p>`);
}

export function linkProblemMain(t: T, reason: LinkFailure): SafeHtml {
  const text = { invalid: t('link.invalid'), expired: t('link.expired'), unknown: t('link.unknown'), notPending: t('link.notPending') }[reason];
  return page(t('link.title'), html`${notice(text, 'error')}<p><a href="/newsletter/">${t('link.subscribeAgain')}</a></p>`);
}

export interface PreferencesView {
  email: string;
  name: string;
  chosen: readonly string[];
  token: string;
  saved?: boolean;
  error?: string;
}

export function preferencesMain(t: T, topics: readonly Tag[], view: PreferencesView): SafeHtml {
  const unsubscribe = `/newsletter/unsubscribe?token=${encodeURIComponent(view.token)}`;
  return page(t('prefs.title'), html`${notice(view.saved ? t('prefs.saved') : undefined)}${notice(view.error, 'error')}
<p>${t('prefs.intro', { email: view.email })}</p>
<form method="post" action="/newsletter/preferences">${csrfField()}<input type="hidden" name="token" value="${view.token}">
<p class="field"><label for="newsletter-name">${t('form.name')}</label><input id="newsletter-name" type="text" name="name" maxlength="100" autocomplete="name" value="${view.name}"></p>
${topicBoxes(t, topics, view.chosen)}
<p><button type="submit">${t('prefs.save')}</button></p>
</form>
<h2>${t('prefs.leave')}</h2>
<form method="post" action="${unsubscribe}">${csrfField()}<p><button type="submit" class="button-secondary">${t('unsubscribe.button')}</button></p></form>`);
}

export function notSubscribedMain(t: T, pending: boolean): SafeHtml {
  return page(t('prefs.title'), html`${notice(pending ? t('prefs.pending') : t('prefs.notSubscribed'))}<p><a href="/newsletter/">${t('link.subscribeAgain')}</a></p>`);
}

export function unsubscribeMain(t: T, site: string, token: string): SafeHtml {
  return page(t('unsubscribe.title'), html`<p>${t('unsubscribe.text', { site })}</p>
<form method="post" action="/newsletter/unsubscribe?token=${encodeURIComponent(token)}">${csrfField()}<p><button type="submit">${t('unsubscribe.button')}</button></p></form>`);
}

export function unsubscribedMain(t: T): SafeHtml {
  return page(t('unsubscribed.title'), notice(t('unsubscribed.text')));
}
