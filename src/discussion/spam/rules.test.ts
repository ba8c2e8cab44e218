import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bodyFingerprint,
  checkBlocklist,
  checkClassifier,
  checkDuplicate,
  checkFormStamp,
  checkHoneypot,
  checkLinks,
  combine,
  formStamp,
  type PostTrace,
} from './rules.js';
import { linkHosts, normaliseBody } from './text.js';

const SECRET = 'test-secret-0123456789';
const NOW = new Date('2026-03-01T12:00:00.000Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const HOUR = 3600;

describe('form stamp', () => {
  test('a stamp submitted after a while is fine', () => {
    assert.equal(checkFormStamp(SECRET, formStamp(SECRET, NOW), later(20)), null);
  });

  test('too fast', () => {
    const reason = checkFormStamp(SECRET, formStamp(SECRET, NOW), later(1));
    assert.equal(reason?.code, 'too_fast');
    assert.match(reason?.detail ?? '', /1\.0 s .*at least 3 s/);
    assert.equal(checkFormStamp(SECRET, formStamp(SECRET, NOW), later(1), { minSeconds: 1 }), null);
  });

  test('a stamp from the future (clock skew) counts as too fast', () => {
    assert.equal(checkFormStamp(SECRET, formStamp(SECRET, later(60)), NOW)?.code, 'too_fast');
  });

  test('expired after maxAgeHours', () => {
    const stamp = formStamp(SECRET, NOW);
    assert.equal(checkFormStamp(SECRET, stamp, later(24 * HOUR - 1)), null);
    assert.equal(checkFormStamp(SECRET, stamp, later(24 * HOUR + 1))?.code, 'form_stamp_expired');
    assert.equal(checkFormStamp(SECRET, stamp, later(3 * HOUR), { maxAgeHours: 2 })?.code, 'form_stamp_expired');
  });

  test('forged: another secret, a changed time, garbage, missing', () => {
    const stamp = formStamp(SECRET, NOW);
    assert.equal(checkFormStamp('other-secret', stamp, later(20))?.code, 'form_stamp_invalid');
    const [, mac] = stamp.split('.');
    // Moving the time forward, to replay yesterday's form today, breaks the signature.
    const moved = `${NOW.getTime() + 86_400_000}.${mac}`;
    assert.equal(checkFormStamp(SECRET, moved, later(86_400 + 20))?.code, 'form_stamp_invalid');
    assert.equal(checkFormStamp(SECRET, 'hello', later(20))?.code, 'form_stamp_invalid');
    assert.equal(checkFormStamp(SECRET, `${NOW.getTime()}.${'A'.repeat(43)}`, later(20))?.code, 'form_stamp_invalid');
    assert.equal(checkFormStamp(SECRET, '', later(20))?.code, 'form_stamp_missing');
    assert.equal(checkFormStamp(SECRET, undefined, later(20))?.code, 'form_stamp_missing');
  });
});

describe('honeypot and links', () => {
  test('honeypot', () => {
    assert.equal(checkHoneypot(''), null);
    assert.equal(checkHoneypot('   '), null);
    assert.equal(checkHoneypot(undefined), null);
    assert.equal(checkHoneypot('https://x.test')?.code, 'honeypot');
    assert.equal(combine(checkHoneypot('x')).action, 'reject');
  });

  test('too many links', () => {
    assert.equal(checkLinks(3), null);
    assert.deepEqual(checkLinks(4), { code: 'too_many_links', detail: '4 links (at most 3)', weight: 1 });
    assert.equal(checkLinks(2, { maxLinks: 1 })?.code, 'too_many_links');
    assert.equal(checkLinks(7)?.weight, 2);
  });

  test('links are found with and without scheme, trailing punctuation dropped', () => {
    assert.deepEqual(linkHosts('Quelle: https://www.Rathaus.example.org/a.pdf, und www.x.test. (http://y.invalid)'), [
      'rathaus.example.org',
      'x.test',
      'y.invalid',
    ]);
  });
});

describe('duplicates', () => {
  const body = 'Great post! Visit my site https://seo-boost.example for more.';
  const fingerprint = bodyFingerprint(body);
  const post = (over: Partial<PostTrace>): PostTrace => ({ fingerprint, articleId: 1, at: NOW, ...over });

  test('fingerprint ignores case, whitespace and punctuation; short bodies have none', () => {
    assert.equal(normaliseBody('  Great   POST!!\n\nVisit… my site. '), 'great post visit my site');
    assert.equal(bodyFingerprint('great post   VISIT my site.'), bodyFingerprint('Great post! Visit my site'));
    assert.notEqual(bodyFingerprint('Great post! Visit my site'), bodyFingerprint('Great post! Visit your site'));
    assert.equal(bodyFingerprint('Danke!'), null);
    assert.equal(bodyFingerprint('Sehr gut geschrieben.'), null);
    assert.match(fingerprint ?? '', /^[0-9a-f]{32}$/);
  });

  test('same body from the same identity or IP hash within the window', () => {
    const earlier = [post({ identity: 'email:a', ipHash: 'ip1', at: later(-2 * HOUR) })];
    const byIdentity = checkDuplicate(post({ identity: 'email:a', ipHash: 'ip2', articleId: 2 }), earlier);
    assert.deepEqual(byIdentity.map((r) => r.code), ['duplicate_same_sender']);
    const byIp = checkDuplicate(post({ identity: 'email:b', ipHash: 'ip1' }), earlier);
    assert.deepEqual(byIp.map((r) => r.code), ['duplicate_same_sender']);
    assert.deepEqual(checkDuplicate(post({ identity: 'email:b', ipHash: 'ip2' }), earlier), []);
    assert.deepEqual(checkDuplicate(post({ identity: 'email:a' }), earlier, { withinHours: 1 }), []);
  });

  test('same body under three articles, whoever posted it', () => {
    const earlier = [
      post({ identity: 'email:x', articleId: 10, at: later(-5 * HOUR) }),
      post({ identity: 'email:y', articleId: 11, at: later(-3 * HOUR) }),
    ];
    const reasons = checkDuplicate(post({ identity: 'email:z', articleId: 12 }), earlier);
    assert.deepEqual(reasons.map((r) => r.code), ['duplicate_across_articles']);
    assert.match(reasons[0]?.detail ?? '', /3 articles/);
    assert.deepEqual(checkDuplicate(post({ identity: 'email:z', articleId: 11 }), earlier), []);
    assert.deepEqual(checkDuplicate(post({ identity: 'email:z', articleId: 12 }), earlier, { acrossHours: 4 }), []);
  });

  test('other fingerprints and short bodies never match', () => {
    const other = [post({ fingerprint: 'f'.repeat(32), identity: 'email:a' })];
    assert.deepEqual(checkDuplicate(post({ identity: 'email:a' }), other), []);
    const short = post({ fingerprint: null, identity: 'email:a' });
    assert.deepEqual(checkDuplicate(short, [short, short, short]), []);
  });
});

describe('blocklist', () => {
  const list = { words: ['Casino', 'free spins'], domains: ['cheap-pills.example', 'www.spam.test'] };

  test('blocked words match whole words and say which', () => {
    const [reason] = checkBlocklist({ text: 'Das CASINO am Markt und Free-Spins!', hosts: [] }, list);
    assert.equal(reason?.code, 'blocked_word');
    assert.equal(reason?.detail, 'contains blocked word(s): casino, free spins');
    assert.deepEqual(checkBlocklist({ text: 'Die Casinostraße wird saniert.', hosts: [] }, list), []);
  });

  test('blocked domains match subdomains and say which', () => {
    const text = 'Pills: https://shop.cheap-pills.example/x and http://spam.test';
    const [reason] = checkBlocklist({ text, hosts: linkHosts(text) }, list);
    assert.equal(reason?.code, 'blocked_domain');
    assert.equal(reason?.detail, 'links to blocked domain cheap-pills.example (shop.cheap-pills.example), spam.test');
    assert.equal(combine(reason).action, 'reject');
    assert.deepEqual(checkBlocklist({ text: '', hosts: ['not-cheap-pills.example'] }, list), []);
  });
});

describe('combine', () => {
  test('accept, hold and reject by summed weight, heaviest reason first', () => {
    assert.deepEqual(combine(), { action: 'accept', score: 0, reasons: [] });
    assert.deepEqual(combine(null, undefined, []), { action: 'accept', score: 0, reasons: [] });
    assert.equal(combine(checkLinks(4)).action, 'hold');
    const verdict = combine(checkLinks(4), checkFormStamp(SECRET, formStamp(SECRET, NOW), later(1)));
    assert.equal(verdict.action, 'reject');
    assert.equal(verdict.score, 3);
    assert.deepEqual(verdict.reasons.map((r) => r.code), ['too_fast', 'too_many_links']);
  });

  test('the classifier holds but never rejects on its own', () => {
    const tokens = [{ token: 'host:cheap-pills.example', spamminess: 0.99 }, { token: 'der', spamminess: 0.2 }];
    assert.equal(checkClassifier({ probability: 0.3, tokens }), null);
    const sure = checkClassifier({ probability: 0.999, tokens });
    assert.equal(sure?.detail, 'classifier: 1.00 spam (host:cheap-pills.example 0.99)');
    assert.equal(combine(sure).action, 'hold');
    assert.equal(combine(checkClassifier({ probability: 0.6, tokens })).action, 'hold');
  });
});
