import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, type SiteSettings } from '../platform/settings.js';
import type { Assets } from '../platform/assets.js';
import type { Language } from '../platform/i18n.js';
import { createFrame } from '../site/index.js';
import { epcQrSvg } from './epc.js';
import { formatEuro, qrLabel, renderSupportPage } from './support-page.js';
import { resolveTransfer, safeProviders, suggestedAmounts } from './transfer.js';

const assets: Assets = { url: (name) => `/assets/${name}`, get: () => undefined, text: () => '' };

async function page(donation: Partial<SiteSettings['donation']>, amount?: number, lang: Language = 'de'): Promise<string> {
  const settings = structuredClone(DEFAULT_SETTINGS);
  settings.site.language = lang;
  Object.assign(settings.donation, donation);
  const result = resolveTransfer(settings.donation, amount);
  const qrSvg = result.ok ? await epcQrSvg(result.transfer.payload, { label: qrLabel(lang, result.transfer) }) : null;
  return renderSupportPage(createFrame(settings, assets, 'https://stadtblatt.example'), {
    appeal: settings.donation.appeal,
    result,
    amounts: suggestedAmounts(settings.donation.amounts),
    providers: safeProviders(settings.donation.providers),
    qrSvg,
  });
}

const COMPLETE = { recipient: 'Stadtblatt gGmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', purpose: 'Spende' };

describe('support page', () => {
  test('shows bank details, a labelled GiroCode and a scanning caption', async () => {
    const body = await page({ ...COMPLETE, appeal: 'Erster Absatz.\n\nZweiter <b>Absatz</b>.' });
    assert.match(body, /<h1>Unterstützen Sie uns<\/h1>/);
    assert.match(body, /<p class="support-appeal">Zweiter &lt;b&gt;Absatz&lt;\/b&gt;\.<\/p>/);
    assert.ok(body.includes('DE89 3704 0044 0532 0130 00'));
    assert.ok(body.includes('COBADEFFXXX'));
    assert.match(body, /<svg role="img" aria-label="GiroCode für eine Überweisung an Stadtblatt gGmbH"/);
    assert.match(body, /<figcaption>Öffnen Sie die Banking-App/);
    assert.match(body, /Den Betrag tragen Sie in der App selbst ein\./);
    assert.match(body, /Steuerliche Absetzbarkeit/);
  });

  // Intl puts a no-break space between number and sign, so `\s` in these patterns.
  test('amount buttons link to the amount variant, which is marked current', async () => {
    const body = await page({ ...COMPLETE, amounts: [5, 0, 25] }, 25);
    assert.match(body, /href="\/support\/\?amount=5">5\s€<\/a>/);
    assert.match(body, /href="\/support\/\?amount=25" aria-current="page">25\s€<\/a>/);
    assert.match(body, /<dt>Betrag<\/dt><dd translate="no">25,00\s€<\/dd>/);
    assert.match(body, /aria-label="GiroCode für eine Überweisung von 25,00\s€ an Stadtblatt gGmbH"/);
    assert.match(body, /href="\/support\/girocode\.svg\?amount=25"/);
  });

  test('says politely that details are missing instead of drawing a broken code', async () => {
    const body = await page({ ...COMPLETE, iban: 'DE00 1234' });
    assert.doesNotMatch(body, /<svg/);
    assert.match(body, /Bankverbindung ist hier noch nicht vollständig hinterlegt/);
  });

  test('provider links are https only, with rel="noopener"', async () => {
    const body = await page({
      ...COMPLETE,
      providers: [
        { label: 'PayPal', url: 'https://www.paypal.com/donate' },
        { label: 'Böse', url: 'javascript:alert(1)' },
      ],
    });
    assert.match(body, /<a class="support-provider" href="https:\/\/www\.paypal\.com\/donate" rel="noopener">PayPal<\/a>/);
    assert.doesNotMatch(body, /javascript:|Böse/);
  });

  test('English', async () => {
    const body = await page(COMPLETE, 10, 'en');
    assert.match(body, /<h1>Support us<\/h1>/);
    assert.match(body, /Open your banking app/);
    assert.ok(body.includes(formatEuro(10, 'en', true)));
  });

  test('switched off: no bank details, no providers', async () => {
    const body = await page({ ...COMPLETE, enabled: false, providers: [{ label: 'PayPal', url: 'https://paypal.com/' }] });
    assert.doesNotMatch(body, /DE89|PayPal|<svg/);
    assert.match(body, /nehmen wir über diese Seite keine Spenden entgegen/);
  });
});
