/**
 * The design settings' pieces of the page frame and the home page: head links (theme
 * stylesheet, font preload, icons, manifest), the masthead's logo and dark-mode switch,
 * and the home page's newsletter and support boxes. Every value comes from the settings
 * through the escaping `html` template; custom CSS is linked, never written here.
 *
 * @example
 *   html`<head>${themeHead(frame)}</head><a class="brand" href="/">${brand(frame)}</a>`
 */
import { html, type SafeHtml } from '../../platform/html.js';
import type { Assets } from '../../platform/assets.js';
import type { Language } from '../../platform/i18n.js';
import { translator } from '../../platform/i18n.js';
import { DEFAULT_SETTINGS, type SiteSettings } from '../../platform/settings.js';
import { CSRF_HOLE } from '../../platform/csrf.js';
import { raw } from '../../platform/html.js';
import { themeMessages } from './messages.js';
import { themeOf } from './view.js';

export interface ThemeFrame {
  settings: SiteSettings;
  lang: Language;
  assets: Assets;
}

const themeT = (lang: Language) => translator(lang, themeMessages);

/**
 * The theme script (blocking, tiny: see theme.js), stylesheets, font preload and icons.
 * The newsroom's own pages (`themed: false`) keep the bundled look: custom CSS and the
 * accent are for readers' pages, so a bad rule cannot lock editors out of the newsroom.
 */
export function themeHead(frame: ThemeFrame, options: { themed: boolean } = { themed: true }): SafeHtml {
  const { assets } = frame;
  const theme = themeOf(options.themed ? frame.settings.design : DEFAULT_SETTINGS.design, assets);
  const icons = frame.settings.design.icons;
  return html`<meta name="color-scheme" content="light dark">
<meta name="theme-color" content="#fffdf8" media="(prefers-color-scheme: light)">
<meta name="theme-color" content="#141619" media="(prefers-color-scheme: dark)">
<script src="${assets.url('theme.js')}"></script>
<link rel="preload" href="${theme.preloadFont}" as="font" type="font/woff2" crossorigin>
<link rel="stylesheet" href="${assets.url('site.css')}">
${theme.stylesheet ? html`<link rel="stylesheet" href="${theme.stylesheet.url}">` : ''}
${
  icons
    ? html`<link rel="icon" href="${icons.png32}" type="image/png" sizes="32x32">
<link rel="apple-touch-icon" href="${icons.png180}">
<link rel="manifest" href="/site.webmanifest">`
    : html`<link rel="icon" href="${assets.url('favicon.svg')}" type="image/svg+xml">`
}`;
}

/** The masthead's brand: the logo when there is one (its dark variant in dark mode), else the name. */
export function brand(frame: ThemeFrame): SafeHtml {
  const { site, design } = frame.settings;
  if (!design.logoLight && !design.logoDark) {
    return html`<span class="brand-name">${site.title}</span>${site.tagline ? html`<span class="brand-tagline">${site.tagline}</span>` : ''}`;
  }
  const alt = site.title;
  const light = design.logoLight || design.logoDark;
  return html`<span class="brand-logos${design.logoDark && design.logoLight ? ' brand-has-dark' : ''}"><img class="brand-logo brand-logo-light" src="${light}" alt="${alt}" height="56">${
    design.logoDark && design.logoLight ? html`<img class="brand-logo brand-logo-dark" src="${design.logoDark}" alt="${alt}" height="56">` : ''
  }</span>`;
}

/** The reader's switch; hidden until theme.js wires it (without JavaScript the system decides). */
export function themeToggle(frame: ThemeFrame): SafeHtml {
  return html`<button class="theme-toggle" type="button" aria-pressed="false" hidden>${themeT(frame.lang)('toggle.dark')}</button>`;
}

export function newsletterFooterLink(frame: ThemeFrame): SafeHtml {
  return html`<li><a href="/newsletter/">${themeT(frame.lang)('footer.newsletter')}</a></li>`;
}

/** The home page's growth boxes, each switchable in the design settings. */
export function homeBoxes(frame: ThemeFrame): SafeHtml | '' {
  const { design, donation } = frame.settings;
  const t = themeT(frame.lang);
  const privacy = frame.lang === 'de' ? '/datenschutz/' : '/privacy/';
  const newsletter = design.newsletterBox
    ? html`<section class="home-box home-box-newsletter" aria-labelledby="home-newsletter-title">
<h2 id="home-newsletter-title">${t('newsletter.title')}</h2>
<p>${t('newsletter.text')}</p>
<form method="post" action="/newsletter/"><input type="hidden" name="_csrf" value="${raw(CSRF_HOLE)}">
<label for="home-newsletter-email">${t('newsletter.email')}</label>
<div class="search-row"><input id="home-newsletter-email" type="email" name="email" required maxlength="254" autocomplete="email"><button type="submit">${t('newsletter.subscribe')}</button></div>
<p class="hp" aria-hidden="true"><label for="home-newsletter-website">${t('newsletter.honeypot')}</label><input id="home-newsletter-website" type="text" name="website" tabindex="-1" autocomplete="off"></p>
<p class="field-note">${t('newsletter.consent')} <a href="${privacy}">${t('newsletter.privacy')}</a></p>
</form>
</section>`
    : '';
  const support =
    design.supportBox && donation.enabled
      ? html`<section class="home-box home-box-support" aria-labelledby="home-support-title">
<h2 id="home-support-title">${t('support.title')}</h2>
<p>${t('support.text')}</p>
<p><a class="button" href="/support/">${t('support.button')}</a></p>
</section>`
      : '';
  if (!newsletter && !support) return '';
  return html`<aside class="home-boxes" aria-label="${t('boxes.label')}">${newsletter}${support}</aside>`;
}
