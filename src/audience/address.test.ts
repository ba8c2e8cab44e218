import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseEmail } from './address.js';

test('plain addresses are trimmed and lower-cased; umlaut domains become punycode', () => {
  assert.equal(normaliseEmail('  Lea.Leserin+news@Example.ORG '), 'lea.leserin+news@example.org');
  assert.equal(normaliseEmail('lea@müller.de'), 'lea@xn--mller-kva.de');
  assert.equal(normaliseEmail("o'brien@example.co.uk"), "o'brien@example.co.uk");
});

test('anything but one plain address is refused', () => {
  for (const bad of [
    '', ' ', 'lea', 'lea@', '@example.org', 'lea@example', 'lea@@example.org', 'lea@example..org', '.lea@example.org',
    'lea.@example.org', 'le..a@example.org', 'Lea <lea@example.org>', 'lea@example.org, eve@example.org',
    'lea@example.org\r\nBcc: eve@example.org', 'lea@example.org\nx', '"lea"@example.org', '<script>@example.org',
    'lea@-example.org', 'lea@example.org.', `${'a'.repeat(65)}@example.org`, `lea@${'a'.repeat(250)}.org`, 'lea@exa mple.org',
  ]) {
    assert.equal(normaliseEmail(bad), null, JSON.stringify(bad));
  }
  for (const odd of [undefined, null, 42, ['lea@example.org'], { email: 'lea@example.org' }]) assert.equal(normaliseEmail(odd), null);
});
