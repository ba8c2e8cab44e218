// Settings: every field checked, the IBAN by its checksum, secrets never sent back,
// each change in the audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createUser } from '../platform/users.js';
import { createHttpTestDatabase } from '../platform/testing.js';

test('settings are validated field by field and changes are audited', async () => {
  const db = await createHttpTestDatabase();
  const app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  try {
    await createUser(app.services.database.db, { email: 'admin@example.org', password: 'passwort-passwort', role: 'admin' });
    await createUser(app.services.database.db, { email: 'editor@example.org', password: 'passwort-passwort', role: 'editor' });
    const page = await app.http.inject({ method: 'GET', url: '/' });
    const anon = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
    const signIn = async (email: string) => {
      const res = await app.http.inject({ method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': anon, origin: 'http://127.0.0.1:3000' }, payload: { email, password: 'passwort-passwort' } });
      return { cookie: /bw_sid=[^;]+/.exec(String(res.headers['set-cookie']))![0], 'x-csrf-token': res.json().csrfToken as string, origin: 'http://127.0.0.1:3000' };
    };
    const admin = await signIn('admin@example.org');
    const editor = await signIn('editor@example.org');
    const put = (headers: Record<string, string>, section: string, payload: object) => app.http.inject({ method: 'PUT', url: `/api/v1/admin/settings/${section}`, headers, payload });

    assert.equal((await put(editor, 'site', { title: 'Nope' })).statusCode, 403);
    const ok = await put(admin, 'donation', { iban: 'de02 1203 0000 0000 2020 51', bic: 'BYLADEM1001', recipient: 'Lindenauer Blatt gGmbH' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().iban, 'DE02120300000000202051');
    const cases: [string, object, string][] = [
      ['donation', { iban: 'DE02120300000000202052' }, 'donation.iban'],
      ['donation', { bic: 'XX' }, 'donation.bic'],
      ['site', { language: 'fr' }, 'language'],
      ['site', { title: 42 }, 'title'],
      ['site', { unknownField: 1 }, 'unknownField'],
      ['discussion', { policy: 'whatever' }, 'policy'],
    ];
    for (const [section, payload, field] of cases) {
      const res = await put(admin, section, payload);
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
      assert.match(String(res.json().error.field ?? res.json().error.message), new RegExp(field.replace(/[[\].]/g, '.')), JSON.stringify(res.json()));
    }
    // Links leave the site only as http(s); the navigation may also name a path here.
    const links: [string, object, string][] = [];
    for (const url of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/', '/\\evil.example/']) {
      links.push(['site', { social: [{ label: 'X', url }] }, 'site.social[0].url']);
      links.push(['site', { navigation: [{ label: 'Start', url: '/' }, { label: 'X', url }] }, 'site.navigation[1].url']);
      links.push(['donation', { providers: [{ label: 'X', url }] }, 'donation.providers[0].url']);
    }
    links.push(['site', { social: [{ label: 'X', url: '/profil/' }] }, 'site.social[0].url']);
    for (const [section, payload, field] of links) {
      const res = await put(admin, section, payload);
      assert.equal(res.statusCode, 422, `${JSON.stringify(payload)}: ${res.body}`);
      assert.deepEqual([res.json().error.code, res.json().error.field], ['URL_INVALID', field], JSON.stringify(payload));
    }
    const navigation = [{ label: 'Stadtrat', url: '/tag/stadtrat/' }, { label: 'Archiv', url: 'https://example.org/archiv' }];
    assert.equal((await put(admin, 'site', { navigation, social: [{ label: 'Mastodon', url: 'https://social.example/@blatt' }] })).statusCode, 200);
    assert.deepEqual((await app.services.settings.get('site')).navigation, navigation);
    assert.equal((await app.services.settings.get('donation')).iban, 'DE02120300000000202051', 'a refused change changed nothing');
    await put(admin, 'telegram', { botToken: '123:secret-token', channel: '@kanal' });
    const all = (await app.http.inject({ method: 'GET', url: '/api/v1/admin/settings', headers: admin })).json();
    assert.equal(all.telegram.botToken, '(set)');
    assert.ok(!JSON.stringify(all).includes('secret-token'));
    await put(admin, 'telegram', { botToken: '(set)', channel: '@neu' });
    assert.equal((await app.services.settings.get('telegram')).botToken, '123:secret-token', 'sending the placeholder back keeps the secret');
    const audit = (await app.http.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: admin })).json().entries as { action: string; target_id: string }[];
    assert.ok(audit.some((e) => e.action === 'settings.change' && e.target_id === 'donation'));
  } finally {
    await app.close();
    await db.drop();
  }
});
