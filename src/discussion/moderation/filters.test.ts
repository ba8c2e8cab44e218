// Pure parts of moderation: filter normalisation and matching, and screen composition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyHosts, matchFilters, normalisePattern, type Filter } from './filters.js';
import { composeScreens } from './screen.js';
import type { Screen } from '../service.js';

test('patterns are stored in the form bodies are compared in', () => {
  assert.equal(normalisePattern('word', '  Dumm-Kopf! '), 'dumm kopf');
  assert.equal(normalisePattern('word', '!!!'), null);
  assert.equal(normalisePattern('domain', 'https://WWW.Pills.Test/a?b'), 'pills.test');
  assert.equal(normalisePattern('domain', 'bücher.example'), 'xn--bcher-kva.example');
  assert.equal(normalisePattern('domain', 'localhost'), null);
  assert.equal(normalisePattern('domain', 'javascript:alert(1)'), null);
});

test('words match whole words, whatever the case, width or hidden characters', () => {
  const filters: Filter[] = [{ kind: 'word', pattern: 'idiot', action: 'hold' }, { kind: 'word', pattern: 'dumm kopf', action: 'reject' }];
  assert.deepEqual(matchFilters('So ein IDIOT!', filters).map((h) => h.pattern), ['idiot']);
  assert.deepEqual(matchFilters('So ein Id\u200Biot', filters).map((h) => h.pattern), ['idiot']);
  assert.deepEqual(matchFilters('So ein ｉｄｉｏｔ', filters).map((h) => h.pattern), ['idiot']);
  assert.deepEqual(matchFilters('Die Idiotie der Debatte', filters), [], 'part of a longer word');
  assert.deepEqual(matchFilters('Du Dumm-Kopf.', filters).map((h) => h.action), ['reject']);
});

test('domains match links and bare names, with their subdomains', () => {
  const filters: Filter[] = [{ kind: 'domain', pattern: 'pills.test', action: 'reject' }];
  assert.equal(matchFilters('Kauft bei https://shop.pills.test/x', filters)[0]?.found, 'shop.pills.test');
  assert.equal(matchFilters('[billig](http://PILLS.test)', filters)[0]?.found, 'pills.test');
  assert.equal(matchFilters('bestellen auf www.pills.test heute', filters)[0]?.found, 'pills.test');
  assert.equal(matchFilters('bestellen auf pills.test.', filters)[0]?.found, 'pills.test');
  assert.deepEqual(matchFilters('gute-pills.test.example ist etwas anderes', filters), []);
  assert.deepEqual(matchFilters('schreib an info@pills.test', filters), [], 'an address is not a link');
  assert.deepEqual(bodyHosts('siehe https://a.example/x und b.example'), ['a.example', 'b.example']);
});

test('composed screens: the strictest action wins, every reason is kept, a reject stops the rest', async () => {
  let calls = 0;
  const hold: Screen = async () => ({ action: 'hold', score: 1, reasons: [{ code: 'a', detail: 'a', weight: 1 }] });
  const accept: Screen = async () => ({ action: 'accept', score: 0.5, reasons: [{ code: 'b', detail: 'b', weight: 0.5 }] });
  const reject: Screen = async () => ({ action: 'reject', score: 3, reasons: [{ code: 'banned', detail: 'x', weight: 3 }] });
  const counted: Screen = async () => {
    calls++;
    return { action: 'accept', score: 0, reasons: [] };
  };
  const input = { body: 'x', links: 0, identity: 'email:a', ipHash: 'h', articleId: 1 };
  const mixed = await composeScreens(accept, hold)(input);
  assert.equal(mixed.action, 'hold');
  assert.equal(mixed.score, 1.5);
  assert.deepEqual(mixed.reasons.map((r) => r.code), ['b', 'a']);
  const stopped = await composeScreens(reject, counted)(input);
  assert.equal(stopped.action, 'reject');
  assert.equal(calls, 0);
});
