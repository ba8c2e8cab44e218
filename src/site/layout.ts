/**
 * The document frame of every public page: head (meta, feeds, fonts, CSS), masthead,
 * navigation, footer with the legal links. Pages hand in their `<main>` content.
 * The CSRF token is left as a hole that the page cache fills per visitor.
 *
 * @example
 *   renderDocument(frame, { title: 'Suche', canonicalPath: '/search', main: html`<h1>Suche</h1>` });
 */
import { html, httpLink, raw, safeUrl, type SafeHtml } from '../platform/html.js';
import { CSRF_HOLE } from '../platform/csrf.js';
import type { Assets } from '../platform/assets.js';
import type { SiteSettings } from '../platform/settings.js';
import { translator, type Language, type Translate } from '../platform/i18n.js';
import { siteMessages, type SiteMessageKey } from './messages.js';
import { brand, newsletterFooterLink, themeHead, themeToggle } from './theme/parts.js';

export interface Frame {
  settings: SiteSettings;
  /** The site's interface language (a setting). */
  lang: Language;
  t: Translate<SiteMessageKey>;
  assets: Assets;
  publicUrl: string;
}

export interface DocumentOptions {
  title: string;
  description?: string;
  canonicalPath: string;
  /** Language of the content, when it differs from the site's (an English article on a German site). */
  contentLang?: Language;
  head?: SafeHtml;
  main: SafeHtml;
  noindex?: boolean;
  scripts?: string[];
  bodyClass?: string;
}

/** `lang`: the page's language when it is not the site's (an article's own language decides its page). */
export function createFrame(settings: SiteSettings, assets: Assets, publicUrl: string, lang: Language = settings.site.language): Frame {
  return { settings, lang, t: translator(lang, siteMessages), assets, publicUrl };
}

/** A hidden form field carrying the visitor's CSRF token. */
export function csrfField(): SafeHtml {
  return raw(`<input type="hidden" name="_csrf" value="${CSRF_HOLE}">`);
}

export function absoluteUrl(frame: Pick<Frame, 'publicUrl'>, path: string): string {
  return frame.publicUrl + path;
}

export function legalPaths(lang: Language) {
  return lang === 'de'
    ? { imprint: '/impressum/', privacy: '/datenschutz/' }
    : { imprint: '/imprint/', privacy: '/privacy/' };
}

export function renderDocument(frame: Frame, options: DocumentOptions): string {
  const { settings, t, assets } = frame;
  const site = settings.site;
  const fullTitle = options.title === site.title ? site.title : `${options.title} – ${site.title}`;
  const legal = legalPaths(frame.lang);
  const navigation = site.navigation.length
    ? site.navigation
    : [];
  const doc = html`<!doctype html>
<html lang="${options.contentLang ?? frame.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${options.description ?? site.description}">
<link rel="canonical" href="${absoluteUrl(frame, options.canonicalPath)}">
${options.noindex ? html`<meta name="robots" content="noindex">` : ''}
<meta name="csrf-token" content="${raw(CSRF_HOLE)}">
${themeHead(frame, { themed: options.bodyClass !== 'admin-page' })}
<link rel="alternate" type="application/rss+xml" title="${site.title} – ${t('meta.feedRss')}" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" title="${site.title} – ${t('meta.feedAtom')}" href="/atom.xml">
<link rel="alternate" type="application/feed+json" title="${site.title} – ${t('meta.feedJson')}" href="/feed.json">
${options.head ?? ''}
${(options.scripts ?? []).map((name) => html`<script src="${assets.url(name)}" defer></script>`)}
</head>
<body${options.bodyClass ? html` class="${options.bodyClass}"` : ''}>
<a class="skip-link" href="#main">${t('nav.skip')}</a>
<header class="masthead">
  <div class="masthead-inner">
    <a class="brand" href="/">${brand(frame)}</a>
    <div class="masthead-tools">
    <nav class="site-nav" aria-label="${t('nav.main')}">
      <ul>
        ${navigation.map((link) => html`<li><a href="${safeUrl(link.url)}">${link.label}</a></li>`)}
        <li><a href="/search">${t('nav.search')}</a></li>
        <li><a class="nav-support" href="/support/">${t('nav.support')}</a></li>
      </ul>
    </nav>
    ${themeToggle(frame)}
    </div>
  </div>
</header>
<main id="main" tabindex="-1">
${options.main}
</main>
<footer class="site-footer">
  <div class="footer-inner">
    <p class="footer-brand">${site.title}${site.description ? html` – ${site.description}` : ''}</p>
    <ul class="footer-links">
      <li><a href="${legal.imprint}">${t('footer.imprint')}</a></li>
      <li><a href="${legal.privacy}">${t('footer.privacy')}</a></li>
      <li><a href="/support/">${t('nav.support')}</a></li>
      ${newsletterFooterLink(frame)}
      <li><a href="/feed.xml">${t('footer.feeds')}</a></li>
      ${site.social.map((link) => html`<li>${httpLink(link.url, link.label, 'me noopener')}</li>`)}
    </ul>
  </div>
</footer>
</body>
</html>
`;
  return doc.toString();
}
