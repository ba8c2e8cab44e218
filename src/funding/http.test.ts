// The supporters' doors through HTTP (SQLite here, PostgreSQL in the suite's second pass):
// the plain form and the JSON API refuse bad input at the field with the same codes and
// store nothing; the finance role reaches the API and the pages, an editor is refused;
// a statement that is not camt.053, or of another account, is refused with a clear message.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';
import { createUser } from '../platform/users.js';
import { createSupporterSettings } from './settings.js';
import { fundingDb } from './store.js';
import { camt053, CREDITOR_ID, SITE_IBAN } from './testkit.js';

const SITE = 'http://127.0.0.1:3000';
let app: App;
let db: HttpTestDatabase;
let csrf = '';
const sessions: Record<string, { cookie: string; csrf: string }> = {};
let ip = 0;

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false, 'public-url': SITE }, env: {} }));
  await app.services.settings.update('donation', { recipient: 'Stadtblatt gGmbH', iban: SITE_IBAN, bic: 'COBADEFFXXX' });
  await createSupporterSettings(fundingDb(app.services.database), () => new Date()).update({ creditorId: CREDITOR_ID });
  const page = await app.http.inject({ method: 'GET', url: '/support/' });
  csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
  for (const role of ['finance', 'editor'] as const) {
    await createUser(app.services.database.db, { email: `${role}@example.org`, password: 'passwort-passwort', role });
    const login = await app.http.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: `10.7.0.${++ip}`, headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { email: `${role}@example.org`, password: 'passwort-passwort' } });
    assert.equal(login.statusCode, 200, login.body);
    sessions[role] = { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken };
  }
});

after(async () => {
  await app.close();
  await db.drop();
});

const form = (fields: Record<string, string>) =>
  app.http.inject({
    method: 'POST', url: '/support/mandate', remoteAddress: `10.8.0.${++ip}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
    payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  });
const GOOD = { name: 'Lea Lang', email: 'lea@example.org', iban: 'DE02120300000000202051', amount: '10', interval: 'monthly', consent: 'on' };

test('the support page offers the sign-up form, every field with its limit', async () => {
  const page = await app.http.inject({ method: 'GET', url: '/support/' });
  assert.match(page.body, /<form method="post" action="\/support\/mandate"/);
  assert.match(page.body, /id="supporter-iban" name="iban" type="text" maxlength="42"/);
  assert.match(page.body, new RegExp(`Gläubiger-Identifikationsnummer ${CREDITOR_ID}`));
});

test('bad input: a field error at the field, values kept, nothing stored', async () => {
  const cases: [Record<string, string>, string, number][] = [
    [{ iban: 'DE02120300000000202052' }, 'iban', 400],
    [{ iban: 'BR1500000000000010932840814P2' }, 'iban', 400],
    [{ amount: '0' }, 'amount', 400],
    [{ amount: '5000' }, 'amount', 400],
    [{ consent: '' }, 'consent', 400],
  ];
  for (const [patch, field, status] of cases) {
    const res = await form({ ...GOOD, ...patch });
    assert.equal(res.statusCode, status, `${field}: ${res.body.slice(0, 200)}`);
    assert.match(res.body, new RegExp(`id="supporter-${field}-error"`), field);
    assert.match(res.body, /value="Lea Lang"/, 'typed values stay');
  }
  const api = await app.http.inject({ method: 'POST', url: '/api/v1/supporters/mandates', remoteAddress: '10.9.9.9', headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { ...GOOD, amount: 10, consent: true, iban: 'DE02120300000000202052' } });
  assert.equal(api.statusCode, 400);
  assert.deepEqual([api.json().error.code, api.json().error.field], ['IBAN_INVALID', 'iban']);
  const consent = await app.http.inject({ method: 'POST', url: '/api/v1/supporters/mandates', remoteAddress: '10.9.9.10', headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { ...GOOD, amount: 10, consent: false } });
  assert.deepEqual([consent.statusCode, consent.json().error.code], [400, 'MANDATE_CONSENT']);
  assert.equal((await fundingDb(app.services.database).selectFrom('mandates').select('id').execute()).length, 0);
  assert.equal((await fundingDb(app.services.database).selectFrom('supporters').select('id').execute()).length, 0);
});

test('a good sign-up answers the same on both doors and waits for the double opt-in', async () => {
  const res = await form(GOOD);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Bitte bestätigen Sie per E-Mail/);
  assert.equal(res.headers['cache-control'], 'no-store');
  const api = await app.http.inject({ method: 'POST', url: '/api/v1/supporters/mandates', remoteAddress: '10.9.9.11', headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { ...GOOD, email: 'max@example.org', amount: 12.5, consent: true } });
  assert.deepEqual([api.statusCode, api.json()], [202, { status: 'check-your-inbox' }]);
  const rows = await fundingDb(app.services.database).selectFrom('mandates').select(['status', 'amount_cents']).orderBy('id').execute();
  assert.deepEqual(rows.map((r) => [r.status, Number(r.amount_cents)]), [['pending', 1000], ['pending', 1250]]);
});

test('finance reaches supporters; an editor does not', async () => {
  const get = (role: string, url: string) => app.http.inject({ method: 'GET', url, headers: { cookie: sessions[role]!.cookie } });
  for (const url of ['/api/v1/admin/supporters', '/api/v1/admin/supporters/figures', '/admin/supporters/']) {
    assert.equal((await get('finance', url)).statusCode, 200, url);
    assert.equal((await get('editor', url)).statusCode, 403, url);
  }
  const list = (await get('finance', '/api/v1/admin/supporters')).json();
  assert.equal(list.supporters.length, 2);
  assert.equal(list.supporters[0].state, 'pending');
  const overview = await get('finance', '/admin/');
  assert.match(overview.body, /href="\/admin\/supporters\/"/);
  assert.doesNotMatch((await get('editor', '/admin/')).body, /href="\/admin\/supporters\/"/);
});

test('a supporter in detail, their data export and a year\'s receipts answer as the API document says', async () => {
  // The contract check (tests) holds each answer to its response schema; a mismatch would be a 500.
  const as = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.http.inject({ method, url, headers: { cookie: sessions.finance!.cookie, 'x-csrf-token': sessions.finance!.csrf, origin: SITE }, ...(payload ? { payload } : {}) });
  const { supporters } = (await as('GET', '/api/v1/admin/supporters')).json() as { supporters: { id: number }[] };
  const id = supporters[0]!.id;
  const detail = await as('GET', `/api/v1/admin/supporters/${id}`);
  assert.equal(detail.statusCode, 200, detail.body);
  assert.equal(detail.json().supporter.id, id);
  assert.ok(Array.isArray(detail.json().mandates));
  assert.doesNotMatch(detail.body, /email_hash|iban_cipher/, 'no hash and no sealed IBAN in the detail');
  const exported = await as('GET', `/api/v1/admin/supporters/${id}/export`);
  assert.equal(exported.statusCode, 200, exported.body);
  assert.ok(exported.json().supporter.reference);
  assert.ok(Array.isArray(exported.json().debits));
  assert.equal((await as('GET', '/api/v1/admin/supporters/999999')).statusCode, 404);
  const receipts = await as('POST', '/api/v1/admin/supporters/receipts', { year: 2026 });
  // Direct debits are not set up yet here (no creditor id): the documented coded 409.
  assert.equal(receipts.statusCode, 409, receipts.body);
  assert.equal(receipts.json().error.code, 'SUPPORTERS_NOT_READY');
});

test('settings through the API: a wrong creditor id is refused at its field, a good one kept', async () => {
  const put = (role: string, payload: object) => app.http.inject({ method: 'PUT', url: '/api/v1/admin/supporters/settings', headers: { cookie: sessions[role]!.cookie, 'x-csrf-token': sessions[role]!.csrf, origin: SITE }, payload });
  const bad = await put('finance', { creditorId: 'DE99ZZZ09999999999' });
  assert.deepEqual([bad.statusCode, bad.json().error.code, bad.json().error.field], [400, 'CREDITOR_ID_INVALID', 'creditorId']);
  const good = await put('finance', { creditorId: 'de98 zzz0 9999 9999 99', leadDays: 10 });
  assert.deepEqual([good.statusCode, good.json().creditorId, good.json().leadDays], [200, CREDITOR_ID, 10]);
  assert.equal((await put('editor', { leadDays: 3 })).statusCode, 403);
});

test('the settings form: every wrong field marked with its message (422), typed values kept, nothing saved; a good form saved (303)', async () => {
  const page = (role: string) => app.http.inject({ method: 'GET', url: '/admin/supporters/settings/', headers: { cookie: sessions[role]!.cookie } });
  const post = (role: string, fields: Record<string, string>) =>
    app.http.inject({
      method: 'POST', url: '/admin/supporters/settings/',
      headers: { cookie: sessions[role]!.cookie, origin: SITE, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: sessions[role]!.csrf, ...fields }).toString(),
    });
  assert.equal((await page('editor')).statusCode, 403);
  const shown = await page('finance');
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, /<form method="post" action="\/admin\/supporters\/settings\/"/);
  assert.match(shown.body, new RegExp(`id="ss-creditorId" name="creditorId"[^>]* value="${CREDITOR_ID}"`));
  // What the page shows, as the browser would send it back.
  const fields = Object.fromEntries(
    [...shown.body.matchAll(/<input type="(?:text|date)"[^>]* name="([^"]+)"[^>]* value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"')]),
  );
  for (const m of shown.body.matchAll(/<textarea[^>]* name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) fields[m[1]!] = m[2]!.replace(/&amp;/g, '&');
  fields['receipt.basis'] = 'exemption';
  fields.enabled = 'on';
  const before = (await fundingDb(app.services.database).selectFrom('supporter_settings').select('value').executeTakeFirstOrThrow()).value;

  const typed = { ...fields, creditorId: 'DE99ZZZ09999999999', leadDays: '0', collectionDay: '31', 'receipt.noticeDate': '1.2.2026', 'thanks.de.subject': 'Danke <b>{name}</b> & Gruß', appeals: 'WINTER26 Winteraufruf\n! kaputt' };
  const refused = await post('finance', typed);
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /role="alert">Nicht gespeichert/);
  for (const [id, message] of [
    ['creditorId', /Gläubiger-Identifikationsnummer stimmt nicht/],
    ['leadDays', /ganze Zahl von 1 bis 60/],
    ['collectionDay', /ganze Zahl von 1 bis 28/],
    ['receipt-noticeDate', /ein Datum/],
    ['appeals', /Zeile 2:/],
  ] as const) {
    assert.match(refused.body, new RegExp(`id="ss-${id}"[^>]*aria-describedby="[^"]*ss-${id}-error"[^>]* aria-invalid="true"`), id);
    assert.match(refused.body, new RegExp(`<span class="field-error" id="ss-${id}-error">[^<]*${message.source}`), id);
  }
  // Typed values come back as typed (escaped), including the ones that were right.
  assert.match(refused.body, /id="ss-creditorId"[^>]* value="DE99ZZZ09999999999"/);
  assert.match(refused.body, /id="ss-leadDays"[^>]* value="0"/);
  assert.match(refused.body, /id="ss-thanks-de-subject"[^>]* value="Danke &lt;b&gt;\{name\}&lt;\/b&gt; &amp; Gruß"/);
  assert.match(refused.body, /<textarea id="ss-appeals"[^>]*>WINTER26 Winteraufruf\n! kaputt<\/textarea>/);
  assert.doesNotMatch(refused.body, /aria-invalid="true"[^>]*id="ss-amountCap"|id="ss-amountCap"[^>]*aria-invalid/);
  assert.equal((await fundingDb(app.services.database).selectFrom('supporter_settings').select('value').executeTakeFirstOrThrow()).value, before);
  assert.equal((await post('editor', typed)).statusCode, 403);

  const saved = await post('finance', { ...fields, leadDays: '21', amountCap: '500', appeals: 'winter26 Winteraufruf 2026', 'thanks.en.subject': 'Thanks, {name}!', nonProfit: 'on' });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, '/admin/supporters/settings/?saved=1');
  const api = (await app.http.inject({ method: 'GET', url: '/api/v1/admin/supporters/settings', headers: { cookie: sessions.finance!.cookie } })).json();
  assert.deepEqual(
    [api.creditorId, api.leadDays, api.amountCap, api.nonProfit, api.enabled, api.appeals, api.thanks.en.subject],
    [CREDITOR_ID, 21, 500, true, true, [{ code: 'WINTER26', label: 'Winteraufruf 2026' }], 'Thanks, {name}!'],
  );
  const after = await app.http.inject({ method: 'GET', url: '/admin/supporters/settings/?saved=1', headers: { cookie: sessions.finance!.cookie } });
  assert.match(after.body, /role="status">Gespeichert\./);
  assert.match(after.body, /id="ss-nonProfit" name="nonProfit" value="on" checked/);
});

test('statements: not camt.053 or another account refused with a clear message, nothing booked', async () => {
  const post = (body: string) => app.http.inject({ method: 'POST', url: '/api/v1/admin/supporters/statements', headers: { cookie: sessions.finance!.cookie, 'x-csrf-token': sessions.finance!.csrf, origin: SITE, 'content-type': 'application/xml' }, payload: body });
  const wrong = await post('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn/></Document>');
  assert.equal(wrong.statusCode, 415);
  assert.equal(wrong.json().error.code, 'STATEMENT_NOT_CAMT053');
  assert.match(wrong.json().error.message, /kein Kontoauszug im Format camt\.053/);
  const other = await post(camt053({ id: 'X', iban: 'DE44500105175407324931', entries: [{ direction: 'CRDT', amount: '5.00', booked: '2026-06-01', code: ['PMNT', 'RCDT', 'ESCT'], gvc: '166', ref: 'X1', txs: [{ amount: '5.00' }] }] }));
  assert.equal(other.statusCode, 422);
  assert.equal(other.json().error.code, 'STATEMENT_WRONG_ACCOUNT');
  assert.match(other.json().error.message, /anderen Konto/);
  assert.equal((await fundingDb(app.services.database).selectFrom('statement_entries').select('id').execute()).length, 0);
  const editor = await app.http.inject({ method: 'POST', url: '/api/v1/admin/supporters/statements', headers: { cookie: sessions.editor!.cookie, 'x-csrf-token': sessions.editor!.csrf, origin: SITE, 'content-type': 'application/xml' }, payload: '<x/>' });
  assert.equal(editor.statusCode, 403);
});
