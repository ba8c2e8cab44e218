// The support page and the GiroCode image through HTTP, on a fresh app with its own data folder.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { DEFAULT_SETTINGS } from '../platform/settings.js';

const DONATION = {
  ...DEFAULT_SETTINGS.donation,
  recipient: 'Stadtblatt gGmbH',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  purpose: 'Spende',
  amounts: [5, 10, 25],
  providers: [{ label: 'PayPal', url: 'https://www.paypal.com/donate' }],
};

let app: App;
let dataDir: string;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'blattwerk-funding-'));
  app = await buildApp(loadConfig({ flags: { data: dataDir, 'log-level': 'silent', workers: false }, env: {} }));
});

after(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await app.services.settings.update('donation', DONATION);
  await app.services.settings.update('site', { language: 'de' });
});

const get = (url: string) => app.http.inject({ method: 'GET', url });

describe('GET /support/', () => {
  test('renders the bank details and the GiroCode', async () => {
    const res = await get('/support/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/html/);
    assert.ok(res.body.includes('DE89 3704 0044 0532 0130 00'));
    assert.match(res.body, /<svg role="img" aria-label="GiroCode[^"]*"[^>]*><path/);
    assert.match(res.body, /href="\/support\/\?amount=10"/);
    assert.match(res.body, /href="https:\/\/www\.paypal\.com\/donate" rel="noopener"/);
    assert.match(res.body, /<link rel="canonical" href="[^"]*\/support\/">/);
  });

  test('the amount variant shows that amount', async () => {
    const res = await get('/support/?amount=25');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /aria-current="page">25\s€/);
    assert.match(res.body, /25,00\s€/);
  });

  test('an invalid amount is a 400', async () => {
    for (const amount of ['0', '10001', '2.5', 'zehn', '-1']) {
      const res = await get(`/support/?amount=${amount}`);
      assert.equal(res.statusCode, 400, amount);
    }
    assert.equal((await get('/support/?amount=5&amount=10')).statusCode, 400);
  });

  test('missing IBAN: a polite note, no QR code', async () => {
    await app.services.settings.update('donation', { iban: '' });
    const res = await get('/support/');
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<svg/);
    assert.match(res.body, /Bankverbindung ist hier noch nicht vollständig hinterlegt/);
  });

  test('follows the site language', async () => {
    await app.services.settings.update('site', { language: 'en' });
    const res = await get('/support/');
    assert.match(res.body, /<h1>Support us<\/h1>/);
  });
});

describe('GET /support/girocode.svg', () => {
  test('answers the QR code as SVG, with and without amount', async () => {
    for (const url of ['/support/girocode.svg', '/support/girocode.svg?amount=10']) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(res.headers['content-type'] as string, /^image\/svg\+xml/);
      assert.match(res.body, /^<svg [^>]*width="320"/);
      assert.doesNotMatch(res.body, /<script/i);
    }
  });

  test('invalid amount 400, missing details 404', async () => {
    assert.equal((await get('/support/girocode.svg?amount=0')).statusCode, 400);
    await app.services.settings.update('donation', { iban: 'DE00' });
    assert.equal((await get('/support/girocode.svg')).statusCode, 404);
  });
});

describe('legal pages', () => {
  test('all four addresses answer in the site language', async () => {
    await app.services.settings.update('legal', { publisher: 'Stadtblatt gGmbH' });
    for (const url of ['/impressum/', '/imprint/']) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, /<h1>Impressum<\/h1>/);
      assert.match(res.body, /<link rel="canonical" href="[^"]*\/impressum\/">/);
    }
    for (const url of ['/datenschutz/', '/privacy/']) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, /<h1>Datenschutzerklärung<\/h1>/);
    }
  });
});
