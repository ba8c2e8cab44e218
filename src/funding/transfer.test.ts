import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../platform/errors.js';
import { DEFAULT_SETTINGS } from '../platform/settings.js';
import { parseAmount, resolveTransfer, safeProviders, suggestedAmounts, type DonationSettings } from './transfer.js';

const DONATION: DonationSettings = {
  ...DEFAULT_SETTINGS.donation,
  recipient: 'Stadtblatt gGmbH',
  iban: 'de89 3704 0044 0532 0130 00',
  bic: 'cobadeffxxx',
  purpose: ' Spende\nStadtblatt ',
};

describe('parseAmount', () => {
  test('accepts whole euro from 1 to 10000, or nothing', () => {
    assert.equal(parseAmount(undefined), undefined);
    assert.equal(parseAmount('1'), 1);
    assert.equal(parseAmount('10000'), 10000);
  });

  test('refuses everything else with a VALIDATION error on amount', () => {
    for (const raw of ['0', '10001', '2.50', '-5', '', ' 5', '05', '1e3', 'abc', '99999999999', ['5', '10']]) {
      assert.throws(() => parseAmount(raw), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION' && e.field === 'amount', String(raw));
    }
  });
});

test('suggestedAmounts keeps whole euro in range, once each', () => {
  assert.deepEqual(suggestedAmounts([5, 0, 10, 10, -3, 2.5, 20000, 25]), [5, 10, 25]);
});

describe('resolveTransfer', () => {
  test('prints the IBAN in groups and normalises BIC and purpose', () => {
    const result = resolveTransfer(DONATION, 25);
    assert.ok(result.ok);
    assert.equal(result.transfer.iban, 'DE89 3704 0044 0532 0130 00');
    assert.equal(result.transfer.bic, 'COBADEFFXXX');
    assert.equal(result.transfer.purpose, 'Spende Stadtblatt');
    assert.equal(result.transfer.amount, 25);
    assert.match(result.transfer.payload, /\nEUR25\.00\n/);
  });

  test('names what is missing or invalid instead of throwing', () => {
    assert.deepEqual(resolveTransfer({ ...DONATION, iban: '' }, undefined), { ok: false, reason: 'incomplete', field: 'iban' });
    assert.deepEqual(resolveTransfer({ ...DONATION, recipient: ' ' }, undefined), { ok: false, reason: 'incomplete', field: 'recipient' });
    assert.deepEqual(resolveTransfer({ ...DONATION, iban: 'DE00370400440532013000' }, 5), { ok: false, reason: 'incomplete', field: 'iban' });
    assert.deepEqual(resolveTransfer({ ...DONATION, bic: 'XX' }, 5), { ok: false, reason: 'incomplete', field: 'bic' });
    assert.deepEqual(resolveTransfer({ ...DONATION, enabled: false }, 5), { ok: false, reason: 'disabled' });
  });
});

test('safeProviders keeps https links with a label only', () => {
  const links = safeProviders([
    { label: 'PayPal', url: 'https://www.paypal.com/donate/?hosted_button_id=X' },
    { label: 'Steady', url: 'http://steadyhq.com/x' },
    { label: 'Evil', url: 'javascript:alert(1)' },
    { label: 'Creds', url: 'https://bank.example@evil.example/' },
    { label: 'Spaces', url: 'https://ex ample.org/' },
    { label: '', url: 'https://example.org/' },
  ]);
  assert.deepEqual(links, [{ label: 'PayPal', url: 'https://www.paypal.com/donate/?hosted_button_id=X' }]);
});
