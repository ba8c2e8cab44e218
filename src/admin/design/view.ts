/**
 * The design page: logo and icons (one upload form each), then one form for colour,
 * fonts, home page and custom CSS, beside a live preview of the site in light and dark
 * (design.js keeps it in step while typing; without script it shows the saved design).
 * A low-contrast accent is saved but warned about, with the suggested colour one press away.
 *
 * @example
 *   renderDesignPage(t, 'de', { design, warnings, saved: true });
 */
import { html, type SafeHtml } from '../../platform/html.js';
import type { Language, Translate } from '../../platform/i18n.js';
import type { DesignSettings } from '../../platform/settings.js';
import { csrfField } from '../../site/index.js';
import { accentContrast, darkAccent, FONT_PAIRINGS, MAX_CUSTOM_CSS_BYTES, type DesignWarning, type ImageSlot } from '../../site/index.js';
import type { DesignMessageKey } from './messages.js';

type T = Translate<DesignMessageKey>;

export interface DesignView {
  design: DesignSettings;
  warnings: DesignWarning[];
  saved?: boolean;
  error?: { message: string; field?: string };
  /** What was typed, kept when a change was refused. */
  typed?: Partial<Record<'accent' | 'customCss', string>>;
  siteTitle: string;
}

function ratio(lang: Language, value: number): string {
  return value.toFixed(1).replace('.', lang === 'de' ? ',' : '.');
}

function imageForm(t: T, slot: ImageSlot, current: string, view: DesignView): SafeHtml {
  const label = slot === 'logoLight' ? t('logoLight') : slot === 'logoDark' ? t('logoDark') : t('icon');
  const note = slot === 'logoLight' ? t('logoLightNote') : slot === 'logoDark' ? t('logoDarkNote') : t('iconNote');
  const invalid = view.error?.field === slot;
  return html`<form class="design-image tool-form" method="post" action="/admin/design/images" enctype="multipart/form-data">${csrfField()}
<input type="hidden" name="slot" value="${slot}">
<h3 id="design-${slot}-title">${label}</h3>
<div class="design-image-current${slot === 'logoDark' ? ' design-image-dark' : ''}">${
    current ? html`<img src="${current}" alt="${label}" height="${slot === 'icons' ? 64 : 48}">` : html`<p class="muted">${slot === 'icons' ? t('noIcon') : t('none')}</p>`
  }</div>
<p class="field"><label for="design-${slot}-file">${t('file')}</label>
<input id="design-${slot}-file" type="file" name="file" accept="image/png,image/jpeg,image/webp" aria-describedby="design-${slot}-note${invalid ? ` design-${slot}-error` : ''}"${invalid ? html` aria-invalid="true"` : ''}>
<span class="field-note" id="design-${slot}-note">${note}</span>
${invalid ? html`<span class="field-error" id="design-${slot}-error">${view.error!.message}</span>` : ''}</p>
<p class="design-image-actions"><button type="submit">${t('upload')}</button>${current ? html` <button type="submit" class="button-secondary" name="remove" value="1">${t('remove')}</button>` : ''}</p>
</form>`;
}

function preview(t: T, view: DesignView, mode: 'light' | 'dark'): SafeHtml {
  const { design } = view;
  const logo = mode === 'dark' ? design.logoDark || design.logoLight : design.logoLight || design.logoDark;
  return html`<figure class="design-preview design-preview-${mode}" data-mode="${mode}" data-logo-light="${design.logoLight}" data-logo-dark="${design.logoDark}">
<figcaption>${mode === 'light' ? t('previewLight') : t('previewDark')}</figcaption>
<div class="design-preview-page" data-font="${design.fonts}">
<p class="design-preview-brand">${logo ? html`<img src="${logo}" alt="" height="28">` : view.siteTitle}</p>
<p class="design-preview-kicker">${t('previewKicker')}</p>
<p class="design-preview-headline">${t('previewHeadline')}</p>
<p class="design-preview-byline">${t('previewByline')}</p>
<p class="design-preview-text"><span class="design-preview-link">${t('previewLink')}</span></p>
<p><span class="design-preview-button">${t('previewButton')}</span></p>
</div>
</figure>`;
}

export function renderDesignPage(t: T, lang: Language, view: DesignView): SafeHtml {
  const { design } = view;
  const accent = view.typed?.accent ?? design.accent;
  const contrast = accentContrast(design.accent);
  const warning = view.warnings.find((w) => w.code === 'ACCENT_CONTRAST_LOW');
  const fieldError = (field: string) =>
    view.error?.field === field ? html`<span class="field-error" id="design-${field}-error">${view.error.message}</span>` : '';
  const invalid = (field: string) => (view.error?.field === field ? html` aria-invalid="true"` : '');
  const checked = (on: boolean) => (on ? html` checked` : '');
  return html`<h1>${t('title')}</h1>
<p>${t('intro')} <a href="/" target="_blank" rel="noopener">${t('view')}</a></p>
${view.saved ? html`<p class="notice" role="status">${t('saved')}</p>` : ''}
${view.error && !['logoLight', 'logoDark', 'icons'].includes(view.error.field ?? '') ? html`<p class="notice notice-error" role="alert"><strong>${t('errorTitle')}:</strong> ${view.error.message}</p>` : ''}
${warning ? html`<div class="notice notice-warning design-warning" role="status"><p>${warning.message[lang]}</p>
<form method="post" action="/admin/design">${csrfField()}<input type="hidden" name="accent" value="${warning.suggestion}"><button type="submit">${t('useSuggestion', { colour: warning.suggestion })}</button></form></div>` : ''}
<div class="design-layout">
<div class="design-settings">
<section aria-labelledby="design-brand-title">
<h2 id="design-brand-title">${t('brandTitle')}</h2>
<div class="design-images">
${imageForm(t, 'logoLight', design.logoLight, view)}
${imageForm(t, 'logoDark', design.logoDark, view)}
${imageForm(t, 'icons', design.icons?.png180 ?? '', view)}
</div>
</section>
<form id="design-form" class="design-form" method="post" action="/admin/design" data-settings-form>${csrfField()}
<section aria-labelledby="design-look-title">
<h2 id="design-look-title">${t('lookTitle')}</h2>
<p class="field"><label for="design-accent">${t('accent')}</label>
<span class="design-accent-row"><input id="design-accent" type="color" name="accent" value="${accent}" aria-describedby="design-accent-note design-accent-contrast"${invalid('accent')}>
<output id="design-accent-contrast" class="design-contrast${contrast < 4.5 ? ' design-contrast-low' : ''}" for="design-accent" data-ok="${t('contrastOk')}" data-low="${t('contrastLow')}" data-template="${t('contrast', { ratio: '{ratio}' })}">${t('contrast', { ratio: ratio(lang, contrast) })} – ${contrast < 4.5 ? t('contrastLow') : t('contrastOk')}</output></span>
<span class="field-note" id="design-accent-note">${t('accentNote')}</span>${fieldError('accent')}</p>
<fieldset class="field design-fonts"><legend>${t('fonts')}</legend>
${FONT_PAIRINGS.map((pairing) => html`<label class="design-font design-font-${pairing.id}"><input type="radio" name="fonts" value="${pairing.id}"${checked(design.fonts === pairing.id)}> <span class="design-font-sample">${pairing.label[lang]}</span></label>`)}
</fieldset>
</section>
<section aria-labelledby="design-home-title">
<h2 id="design-home-title">${t('homeTitle')}</h2>
<fieldset class="field"><legend>${t('layout')}</legend>
${(['lead-grid', 'river'] as const).map((layout) => html`<label class="design-choice"><input type="radio" name="homeLayout" value="${layout}"${checked(design.homeLayout === layout)}> ${t(`layout.${layout}`)}</label>`)}
</fieldset>
<fieldset class="field"><legend>${t('boxes')}</legend>
<input type="hidden" name="boxes" value="1">
<label class="design-choice"><input type="checkbox" name="newsletterBox" value="1"${checked(design.newsletterBox)}> ${t('newsletterBox')}</label>
<label class="design-choice"><input type="checkbox" name="supportBox" value="1"${checked(design.supportBox)}> ${t('supportBox')}</label>
</fieldset>
</section>
<section aria-labelledby="design-css-title">
<h2 id="design-css-title">${t('cssTitle')}</h2>
<p class="field"><label for="design-css">${t('customCss')}</label>
<textarea id="design-css" name="customCss" rows="8" spellcheck="false" maxlength="${MAX_CUSTOM_CSS_BYTES}" aria-describedby="design-css-note${view.error?.field === 'customCss' ? ' design-customCss-error' : ''}"${invalid('customCss')}>${view.typed?.customCss ?? design.customCss}</textarea>
<span class="field-note" id="design-css-note">${t('customCssNote')}</span>${fieldError('customCss')}</p>
</section>
<p><button type="submit">${t('save')}</button></p>
</form>
</div>
<aside class="design-preview-panel" aria-label="${t('preview')}" data-dark-accent="${darkAccent(design.accent)}">
<h2>${t('preview')}</h2>
${preview(t, view, 'light')}
${preview(t, view, 'dark')}
</aside>
</div>`;
}
