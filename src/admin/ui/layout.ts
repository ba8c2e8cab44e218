/**
 * The newsroom's page frame: the site's document (same stylesheet and masthead as the
 * moderation desk and the corrections inbox) with the newsroom navigation, who is signed
 * in and the sign-out form. Links a role cannot use are not shown; the server refuses
 * them anyway. Everything goes through the escaping `html` template.
 *
 * @example
 *   renderAdminDocument(frame, { user, links }, { title: 'Artikel', path: '/admin/articles/', main });
 */
import { html, type SafeHtml } from '../../platform/html.js';
import { translator, type Translate } from '../../platform/i18n.js';
import type { StaffUser } from '../../platform/sessions.js';
import { csrfField, renderDocument, type Frame } from '../../site/index.js';
import { may } from '../../platform/permissions.js';
import { adminUiMessages, type AdminUiMessageKey } from './messages.js';
import { peopleMessages } from '../people/messages.js';

export type T = Translate<AdminUiMessageKey>;

export function tOf(frame: Pick<Frame, 'lang'>): T {
  return translator(frame.lang, adminUiMessages);
}

/** Which optional newsroom pages exist in this app (other capabilities register them). */
export interface NavLinks {
  corrections: boolean;
  newsletter: boolean;
  autopost: boolean;
  webhooks: boolean;
  supporters: boolean; // funding (issue 18)
  integrations?: boolean; // issue 17
  federation?: boolean; // issue 13
}

export interface Shell {
  user: StaffUser;
  links: NavLinks;
}

export interface AdminPage {
  title: string;
  /** The page's own path, marked as current in the navigation. */
  path: string;
  main: SafeHtml;
  /** Asset names of ES modules to load (the editor bundle). */
  modules?: string[];
  /** Asset names of stylesheets a page adds to admin.css (the moderation desk's). */
  stylesheets?: string[];
}

interface NavItem {
  href: string;
  key: AdminUiMessageKey;
  show: boolean;
  /** A label from another admin catalogue (people), instead of `key`. */
  label?: (lang: Frame['lang']) => string;
}

function navItems(shell: Shell): NavItem[] {
  const role = shell.user.role;
  return [
    { href: '/admin/', key: 'nav.dashboard', show: true },
    { href: '/admin/articles/', key: 'nav.articles', show: may(role, 'write') },
    { href: '/admin/media/', key: 'nav.media', show: may(role, 'write') },
    { href: '/admin/authors/', key: 'nav.authors', show: may(role, 'publishAny') },
    { href: '/admin/tags/', key: 'nav.tags', show: may(role, 'publishAny') },
    { href: '/admin/comments/', key: 'nav.comments', show: may(role, 'moderate') },
    { href: '/admin/corrections/', key: 'nav.corrections', show: shell.links.corrections && may(role, 'publishOwn') },
    { href: '/admin/newsletter/', key: 'nav.newsletter', show: shell.links.newsletter && may(role, 'publishAny') },
    { href: '/admin/autopost/', key: 'nav.autopost', show: shell.links.autopost && may(role, 'publishAny') },
    { href: '/admin/webhooks/', key: 'nav.webhooks', show: shell.links.webhooks && may(role, 'administer') },
    { href: '/admin/integrations/', key: 'nav.integrations', show: !!shell.links.integrations && may(role, 'administer') },
    { href: '/admin/federation/', key: 'nav.federation', show: !!shell.links.federation && may(role, 'administer') }, // issue 13
    { href: '/admin/supporters/', key: 'nav.supporters', show: shell.links.supporters && may(role, 'finance') },
    { href: '/admin/people/', key: 'nav.settings', label: (lang) => translator(lang, peopleMessages)('nav.people'), show: may(role, 'administer') },
    { href: '/admin/settings/', key: 'nav.settings', show: may(role, 'administer') },
    { href: '/admin/audit/', key: 'nav.audit', show: may(role, 'administer') },
    { href: '/admin/account/', key: 'nav.account', show: true },
  ];
}

function isCurrent(item: NavItem, path: string): boolean {
  return item.href === '/admin/' ? path === '/admin/' : path.startsWith(item.href);
}

export function renderNav(shell: Shell, path: string, t: T, lang: Frame['lang'] = 'de'): SafeHtml {
  const items = navItems(shell).filter((item) => item.show);
  return html`<nav class="admin-nav" aria-label="${t('nav.label')}">
<ul>${items.map((item) => html`<li><a href="${item.href}"${isCurrent(item, path) ? html` aria-current="page"` : ''}>${item.label ? item.label(lang) : t(item.key)}</a></li>`)}</ul>
<div class="admin-user">
<span>${t('nav.signedIn', { name: shell.user.name || shell.user.email, role: t(`role.${shell.user.role}`) })}</span>
<form method="post" action="/admin/logout/">${csrfField()}<button type="submit" class="link-button">${t('nav.logout')}</button></form>
</div>
</nav>`;
}

/** The URL of an asset, or null when it is not there (an editor bundle not built yet). */
export function assetUrl(frame: Frame, name: string): string | null {
  try {
    return frame.assets.url(name);
  } catch {
    return null;
  }
}

export function renderAdminDocument(frame: Frame, shell: Shell, page: AdminPage): string {
  const t = tOf(frame);
  const css = assetUrl(frame, 'admin.css');
  const modules = (page.modules ?? []).map((name) => assetUrl(frame, name)).filter((url): url is string => url !== null);
  // admin-dark.css: the newsroom in dark mode (issue 12a), right after admin.css.
  const extra = ['admin-dark.css', ...(page.stylesheets ?? [])].map((name) => assetUrl(frame, name)).filter((url): url is string => url !== null);
  const head = html`${css ? html`<link rel="stylesheet" href="${css}">` : ''}${extra.map((href) => html`<link rel="stylesheet" href="${href}">`)}
${modules.map((src) => html`<script type="module" src="${src}"></script>`)}`;
  const main = html`<div class="admin-shell">
${renderNav(shell, page.path, t, frame.lang)}
<div class="admin-content">
${page.main}
</div>
</div>`;
  return renderDocument(frame, { title: page.title, canonicalPath: page.path, noindex: true, head, main, bodyClass: 'admin-page' });
}
