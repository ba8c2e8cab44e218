import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../platform/errors.js';
import { epcPayload, epcQrSvg, formatIban, isValidBic, isValidIban, normalizeIban, type TransferRequest } from './epc.js';

const BASE: TransferRequest = { name: 'Stadtblatt e. V.', iban: 'DE89370400440532013000', bic: '', purpose: 'Spende' };

function assertInvalid(fn: () => unknown, field: string) {
  assert.throws(fn, (error: unknown) => error instanceof AppError && error.code === 'VALIDATION' && error.field === field);
}

describe('IBAN', () => {
  test('accepts German, Austrian and other SEPA examples', () => {
    for (const iban of ['DE89370400440532013000', 'AT611904300234573201', 'GB82WEST12345698765432', 'CH9300762011623852957', 'NL91ABNA0417164300']) {
      assert.equal(isValidIban(iban), true, iban);
    }
  });

  test('normalises spaces and lower case', () => {
    assert.equal(normalizeIban(' de89 3704 0044 0532 0130 00 '), 'DE89370400440532013000');
    assert.equal(isValidIban('at61 1904 3002 3457 3201'), true);
  });

  test('refuses wrong check digits, lengths, countries and characters', () => {
    for (const iban of [
      'DE89370400440532013001', // one digit changed
      'DE88370400440532013000', // check digits changed
      'DE8937040044053201300', // too short for DE
      'AT6119043002345732011', // too long for AT
      'US64SVBKUS6S3300958879', // not a SEPA country
      'DE89-3704-0044-0532-0130-00',
      '',
      'DE',
    ]) {
      assert.equal(isValidIban(iban), false, iban);
    }
  });

  test('formats in groups of four', () => {
    assert.equal(formatIban('DE89370400440532013000'), 'DE89 3704 0044 0532 0130 00');
    assert.equal(formatIban('at611904300234573201'), 'AT61 1904 3002 3457 3201');
  });
});

describe('BIC', () => {
  test('8 or 11 characters', () => {
    assert.equal(isValidBic('COBADEFF'), true);
    assert.equal(isValidBic('cobadeffxxx'), true);
    assert.equal(isValidBic('GIBAATWWXXX'), true);
    assert.equal(isValidBic('COBADEF'), false);
    assert.equal(isValidBic('COBADEFFXX'), false);
    assert.equal(isValidBic('C0BADEFF'), false);
  });
});

describe('epcPayload', () => {
  test('writes the EPC069-12 lines exactly', () => {
    const payload = epcPayload({ ...BASE, bic: 'cobadeffxxx', iban: 'DE89 3704 0044 0532 0130 00', amountEuro: 25 });
    assert.deepEqual(payload.split('\n'), [
      'BCD',
      '002',
      '1',
      'SCT',
      'COBADEFFXXX',
      'Stadtblatt e. V.',
      'DE89370400440532013000',
      'EUR25.00',
      '',
      '',
      'Spende',
    ]);
    assert.ok(!payload.endsWith('\n'));
  });

  test('leaves BIC and amount empty when not given', () => {
    const lines = epcPayload(BASE).split('\n');
    assert.equal(lines[4], '');
    assert.equal(lines[7], '');
    assert.equal(lines[10], 'Spende');
  });

  test('ends at the last populated line when there is no remittance text', () => {
    assert.equal(epcPayload({ ...BASE, purpose: '', amountEuro: 5 }), 'BCD\n002\n1\nSCT\n\nStadtblatt e. V.\nDE89370400440532013000\nEUR5.00');
  });

  test('keeps umlauts as UTF-8 (character set 1)', () => {
    const payload = epcPayload({ ...BASE, name: 'Bürgerblatt Österreich – Verein für Öffentlichkeit', iban: 'AT611904300234573201', purpose: 'Spende Größe' });
    assert.equal(payload.split('\n')[5], 'Bürgerblatt Österreich – Verein für Öffentlichkeit');
    assert.equal(payload.split('\n')[2], '1');
  });

  test('amounts: two decimals, between 0.01 and 999999999.99', () => {
    assert.equal(epcPayload({ ...BASE, amountEuro: 0.01 }).split('\n')[7], 'EUR0.01');
    assert.equal(epcPayload({ ...BASE, amountEuro: 12.5 }).split('\n')[7], 'EUR12.50');
    assert.equal(epcPayload({ ...BASE, amountEuro: 999999999.99 }).split('\n')[7], 'EUR999999999.99');
    for (const amount of [0, -1, 0.001, 1000000000, Number.NaN, Number.POSITIVE_INFINITY]) {
      assertInvalid(() => epcPayload({ ...BASE, amountEuro: amount }), 'amount');
    }
  });

  test('name: required, at most 70 characters (counted as characters, not bytes)', () => {
    assertInvalid(() => epcPayload({ ...BASE, name: '  ' }), 'name');
    assertInvalid(() => epcPayload({ ...BASE, name: 'x'.repeat(71) }), 'name');
    assert.ok(epcPayload({ ...BASE, name: 'ü'.repeat(70) }));
  });

  test('remittance text: at most 140 characters', () => {
    assert.ok(epcPayload({ ...BASE, purpose: 'x'.repeat(140) }));
    assertInvalid(() => epcPayload({ ...BASE, purpose: 'x'.repeat(141) }), 'purpose');
  });

  test('the whole payload fits 331 bytes', () => {
    const longest = epcPayload({ ...BASE, name: 'x'.repeat(70), bic: 'COBADEFFXXX', amountEuro: 999999999.99, purpose: 'y'.repeat(140) });
    assert.ok(Buffer.byteLength(longest) <= 331);
    // 70 + 140 umlauts are 420 bytes of text alone
    assertInvalid(() => epcPayload({ ...BASE, name: 'ä'.repeat(70), purpose: 'ö'.repeat(140) }), 'purpose');
  });

  test('refuses bad IBAN and BIC with the field named', () => {
    assertInvalid(() => epcPayload({ ...BASE, iban: 'DE89370400440532013001' }), 'iban');
    assertInvalid(() => epcPayload({ ...BASE, bic: 'NOTABIC' }), 'bic');
  });

  test('a line break in a field cannot shift the following lines', () => {
    const lines = epcPayload({ ...BASE, name: 'Stadtblatt\nEUR999', purpose: 'Spende\r\nfür\tuns' }).split('\n');
    assert.equal(lines.length, 11);
    assert.equal(lines[5], 'Stadtblatt EUR999');
    assert.equal(lines[10], 'Spende für uns');
    assertInvalid(() => epcPayload({ ...BASE, name: 'Stadt\u0007blatt' }), 'name');
  });
});

describe('epcQrSvg', () => {
  test('draws an SVG with modules and no script', async () => {
    const svg = await epcQrSvg(epcPayload({ ...BASE, amountEuro: 10 }));
    assert.match(svg, /^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    assert.match(svg, /<(path|rect)\b/);
    assert.doesNotMatch(svg, /<script|on\w+=|javascript:/i);
  });

  test('carries an escaped accessible label and an optional size', async () => {
    const svg = await epcQrSvg(epcPayload(BASE), { label: 'GiroCode "<b>"', size: 320 });
    assert.match(svg, /^<svg role="img" aria-label="GiroCode &quot;&lt;b&gt;&quot;"/);
    assert.match(svg, /width="320"/);
  });

  test('uses error correction level M: the longest payload still fits', async () => {
    const payload = epcPayload({ ...BASE, name: 'x'.repeat(70), bic: 'COBADEFFXXX', amountEuro: 999999999.99, purpose: 'y'.repeat(140) });
    const svg = await epcQrSvg(payload);
    // version 13 has 69 modules; with a margin of 2 on each side the view box is 73 wide
    const size = Number(/viewBox="0 0 (\d+)/.exec(svg)?.[1]);
    assert.ok(size <= 73, `QR too large: ${size}`);
  });
});
