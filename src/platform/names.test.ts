// One name-cleaning rule for every person name (issue 15, finding 6): a name cannot
// reorder its own display (bidi overrides), hide in zero-width characters or be blank.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEventBus } from './events.js';
import { createLogger } from './logging.js';
import { loadConfig } from './config.js';
import { eachDatabase } from './testing.js';
import { cleanPersonName } from './names.js';
import { createUser } from './users.js';
import { cleanName as readerName } from '../discussion/readers/service.js';
import { cleanName as subscriberName } from '../audience/subscriptions.js';
import { createContentService, TaxonomyInvalid } from '../content/index.js';

const SPOOF = '\u202emoc.elgoog';
const BLANK = ['\u200b', ' \u200b\u2060 ', '\ufeff', '\u202e', '\u2066\u2069', '   ', '\t\n'];

test('the rule: NFC, no bidi controls, no zero-width or control characters, whitespace collapsed', () => {
  assert.equal(cleanPersonName(SPOOF), 'moc.elgoog', 'the override is gone, so the name reads as what it is');
  assert.equal(cleanPersonName('Lea\u200b Müller'), 'Lea Müller');
  assert.equal(cleanPersonName('  Jana \n\t  Beispiel  '), 'Jana Beispiel');
  assert.equal(cleanPersonName('Rene\u0301'), 'René', 'composed');
  assert.equal(cleanPersonName('Ren\u00e9'), cleanPersonName('Rene\u0301'), 'two spellings compare equal');
  assert.equal(cleanPersonName('A\u0000B\u0001C\u007f\u009b'), 'ABC');
  assert.equal(cleanPersonName('Lea\u0085M\u2028X'), 'Lea M X', 'line breaks of any kind are spaces');
  assert.equal(cleanPersonName('\u2067שלום\u2069 Cohen'), 'שלום Cohen');
  assert.equal(cleanPersonName('مريم\u200cی'), 'مريم\u200cی', 'a joiner inside a non-Latin word stays');
  assert.equal(cleanPersonName('pay\u200dpal'), 'paypal', 'a joiner next to ASCII goes');
  assert.equal(cleanPersonName('👩\u200d💻 Kim'), '👩\u200d💻 Kim', 'emoji sequences stay');
  for (const blank of BLANK) assert.equal(cleanPersonName(blank), null, JSON.stringify(blank));
  assert.equal(cleanPersonName(undefined), null);
  assert.equal(cleanPersonName(42), null);
  assert.equal(cleanPersonName('x'.repeat(80)), 'x'.repeat(80));
  assert.equal(cleanPersonName('x'.repeat(81)), null, 'too long');
  assert.equal(cleanPersonName('x'.repeat(81), 100), 'x'.repeat(81));
  assert.equal(cleanPersonName(`${'x'.repeat(80)}\u200b\u200b`), 'x'.repeat(80), 'length counted after cleaning');
});

test('readers: an account name is cleaned by the rule', () => {
  assert.equal(readerName(SPOOF), 'moc.elgoog');
  for (const blank of BLANK) assert.equal(readerName(blank), null, JSON.stringify(blank));
});

test('newsletter subscribers: the optional name is cleaned by the rule (blank means none)', () => {
  assert.equal(subscriberName(SPOOF), 'moc.elgoog');
  assert.equal(subscriberName('Lea\u200b  Müller'), 'Lea Müller');
  for (const blank of BLANK) assert.equal(subscriberName(blank), '', JSON.stringify(blank));
});

eachDatabase('person names in the newsroom', (handle) => {
  test('authors: a spoofing name is cleaned, a blank one refused at the field', async () => {
    const { db } = handle();
    const bus = createEventBus(createLogger(loadConfig({ flags: { 'log-level': 'silent' }, env: {} })));
    const content = createContentService({ db, bus, now: () => new Date('2026-05-01T10:00:00Z') });
    const author = await content.createAuthor({ name: SPOOF, slug: 'spoof' });
    assert.equal(author.name, 'moc.elgoog');
    for (const [i, blank] of BLANK.entries()) {
      await assert.rejects(content.createAuthor({ name: blank, slug: `blank-${i}` }), (error: unknown) => {
        assert.ok(error instanceof TaxonomyInvalid, String(error));
        assert.deepEqual(error.errors.map((e) => [e.code, e.field]), [['VALIDATION', 'name']]);
        return true;
      }, JSON.stringify(blank));
    }
  });

  test('staff accounts: the display name is cleaned by the rule', async () => {
    const { db } = handle();
    const user = await createUser(db, { email: 'spoof@example.org', password: 'passwort-passwort', role: 'author', name: SPOOF });
    const row = await db.selectFrom('users').select('name').where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(row.name, 'moc.elgoog');
    const blank = await createUser(db, { email: 'blank@example.org', password: 'passwort-passwort', role: 'author', name: '\u200b' });
    const blankRow = await db.selectFrom('users').select('name').where('id', '=', blank.id).executeTakeFirstOrThrow();
    assert.equal(blankRow.name, 'blank', 'a blank name falls back to the address, as an absent one does');
  });
});
