/**
 * The support page: the newsroom's appeal, the bank details with a GiroCode for the
 * chosen amount, other ways to pay, and a note on tax deductibility. Works without
 * JavaScript: each amount is a plain link to `/support/?amount=N`.
 *
 * @example
 *   const body = renderSupportPage(frame, { appeal, result, amounts: [5, 10], providers, qrSvg });
 */
import { html, raw, type SafeHtml } from '../platform/html.js';
import { translator, type Language, type Translate } from '../platform/i18n.js';
import type { Link } from '../platform/settings.js';
import { renderDocument, type Frame } from '../site/index.js';
import { fundingMessages, type FundingMessageKey } from './messages.js';
import type { Transfer, TransferResult } from './transfer.js';

export interface SupportView {
  /** The newsroom's own appeal; blank lines separate paragraphs. */
  appeal: string;
  result: TransferResult;
  /** Suggested amounts, already checked (whole euro in range). */
  amounts: number[];
  /** Provider links, already restricted to https. */
  providers: Link[];
  /** The GiroCode as SVG markup from `epcQrSvg`, when the transfer is ok. */
  qrSvg: string | null;
  /** The direct-debit sign-up (supporter-pages.ts), when the newsroom offers it. */
  mandateForm?: SafeHtml | null;
}

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

/**
 * Euro as readers write it: „25 €“ on buttons, „25,00 €“ where the exact sum matters.
 *
 * @example
 *   formatEuro(25, 'de', true); // '25,00 €'
 */
export function formatEuro(amount: number, lang: Language, cents = false): string {
  return new Intl.NumberFormat(LOCALES[lang], {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: cents ? 2 : 0,
    maximumFractionDigits: 2,
  }).format(amount);
}

export function supportPath(amount?: number): string {
  return amount === undefined ? '/support/' : `/support/?amount=${amount}`;
}

/**
 * The accessible name of the GiroCode image, naming recipient and amount.
 *
 * @example
 *   qrLabel('de', { recipient: 'Stadtblatt', amount: 25 }); // 'GiroCode für eine Überweisung von 25,00 € an Stadtblatt'
 */
export function qrLabel(lang: Language, transfer: Pick<Transfer, 'recipient' | 'amount'>): string {
  const t = translator(lang, fundingMessages);
  const { recipient, amount } = transfer;
  return amount === undefined
    ? t('support.qrLabel', { recipient })
    : t('support.qrLabelAmount', { recipient, amount: formatEuro(amount, lang, true) });
}

export function renderSupportPage(frame: Frame, view: SupportView): string {
  const t = translator(frame.lang, fundingMessages);
  const appeal = view.appeal.trim() || t('support.defaultAppeal');
  const disabled = !view.result.ok && view.result.reason === 'disabled';
  const main = html`<article class="support">
<header class="support-header">
<h1>${t('support.title')}</h1>
${appeal.split(/\n\s*\n/).map((paragraph) => html`<p class="support-appeal">${paragraph.trim()}</p>`)}
${view.mandateForm && !disabled ? html`<nav class="support-ways" aria-label="${t('support.ways')}"><ul><li><a href="#regular">${t('support.wayRegular')}</a></li><li><a href="#transfer">${t('support.wayOnce')}</a></li></ul></nav>` : ''}
</header>
${disabled ? html`<p class="support-notice">${t('support.disabled')}</p>` : html`${view.mandateForm ?? ''}
${renderTransfer(frame.lang, t, view)}
${renderProviders(t, view.providers)}
<section class="support-tax" aria-labelledby="support-tax-title">
<h2 id="support-tax-title">${t('support.taxTitle')}</h2>
<p>${t('support.tax')}</p>
</section>`}
<p class="support-newsletter">${t('support.newsletter')} <a href="/newsletter/">${t('support.newsletterLink')}</a></p>
</article>`;
  return renderDocument(frame, {
    title: t('support.title'),
    description: t('support.description'),
    // Every amount variant is the same page for search engines.
    canonicalPath: '/support/',
    main,
    // The copy-IBAN button (progressive: without script the IBAN selects with one tap).
    scripts: ['support.js'],
  });
}

function renderTransfer(lang: Language, t: Translate<FundingMessageKey>, view: SupportView): SafeHtml {
  if (!view.result.ok || view.qrSvg === null) {
    return html`<section class="support-transfer" aria-labelledby="support-transfer-title">
<h2 id="support-transfer-title">${t('support.unavailableTitle')}</h2>
<p class="support-notice">${t('support.unavailable')}</p>
</section>`;
  }
  const transfer = view.result.transfer;
  // Bank details before the GiroCode: on a phone the reader copies the IBAN (a code on the
  // screen they read it on cannot be scanned); from 40rem the stylesheet puts the code left.
  return html`<section class="support-transfer" aria-labelledby="support-transfer-title" id="transfer">
<h2 id="support-transfer-title">${t('support.transferTitle')}</h2>
${renderAmounts(lang, t, view.amounts, transfer.amount)}
<div class="support-transfer-body">
${renderDetails(lang, t, transfer)}
<figure class="girocode" id="girocode">
<p class="girocode-title">${t('support.qrTitle')}</p>
${/* Markup from the QR library: path data plus our escaped label, no text from readers. */ raw(view.qrSvg)}
<figcaption>${t('support.qrCaption')}${transfer.amount === undefined ? html` ${t('support.qrCaptionOwnAmount')}` : ''}</figcaption>
</figure>
</div>
</section>`;
}

function renderAmounts(lang: Language, t: Translate<FundingMessageKey>, amounts: number[], selected: number | undefined): SafeHtml {
  const current = (active: boolean) => (active ? html` aria-current="page"` : '');
  return html`<p class="support-amounts-label" id="support-amounts-label">${t('support.chooseAmount')}</p>
<ul class="support-amounts" aria-labelledby="support-amounts-label">
${amounts.map((amount) => html`<li><a class="support-amount" href="${supportPath(amount)}"${current(amount === selected)}>${formatEuro(amount, lang)}</a></li>`)}
<li><a class="support-amount support-amount-own" href="${supportPath()}"${current(selected === undefined)}>${t('support.ownAmount')}</a></li>
</ul>`;
}

function renderDetails(lang: Language, t: Translate<FundingMessageKey>, transfer: Transfer): SafeHtml {
  const row = (label: string, value: string, className = '') =>
    html`<div${className ? html` class="${className}"` : ''}><dt>${label}</dt><dd translate="no">${value}</dd></div>`;
  const svgPath = `/support/girocode.svg${transfer.amount === undefined ? '' : `?amount=${transfer.amount}`}`;
  return html`<div class="support-details">
<h3>${t('support.detailsTitle')}</h3>
<dl>
${row(t('support.recipient'), transfer.recipient)}
${row(t('support.iban'), transfer.iban, 'support-iban')}
${transfer.bic ? row(t('support.bic'), transfer.bic) : ''}
${transfer.purpose ? row(t('support.purpose'), transfer.purpose) : ''}
${transfer.amount === undefined ? '' : row(t('support.amount'), formatEuro(transfer.amount, lang, true))}
</dl>
<p class="support-copy"><button type="button" class="button-secondary support-copy-iban" data-iban="${transfer.iban.replace(/\s+/g, '')}" data-done="${t('support.copied')}" hidden>${t('support.copyIban')}</button> <span class="support-copy-status" role="status"></span></p>
<p class="support-standing-order">${t('support.standingOrder')}</p>
<p class="support-download"><a href="${svgPath}">${t('support.qrDownload')}</a></p>
</div>`;
}

function renderProviders(t: Translate<FundingMessageKey>, providers: Link[]): SafeHtml | '' {
  if (providers.length === 0) return '';
  return html`<section class="support-providers" aria-labelledby="support-providers-title">
<h2 id="support-providers-title">${t('support.providersTitle')}</h2>
<ul>
${providers.map((link) => html`<li><a class="support-provider" href="${link.url}" rel="noopener">${link.label}</a></li>`)}
</ul>
<p class="support-providers-note">${t('support.providersNote')}</p>
</section>`;
}
