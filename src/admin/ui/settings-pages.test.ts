// The settings pages through app.inject(), on SQLite and (with BLATTWERK_TEST_PG_URL)
// PostgreSQL: an index of pages, a form per page saving only its own fields through the
// API's check; links lists as numbered rows whose buttons work without script (nothing
// saved until "Save"); fields shown only where they apply; the newsletter sender's
// defaults shown; a wrong IBAN marks the field, keeps what was typed, saves nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../platform/testing.js';
import { createUser } from '../../platform/users.js';
import { createAudit } from '../audit.js';
import { BROWSER, ESCAPED, HOSTILE, assertInert, pageRequests } from './testkit.js';

const PASSWORD = 'passwort-passwort';

for (const kind of testDatabaseKinds()) {
  describe(`settings pages [${kind}]`, () => {
    let app: App;
    let testDb: TestDatabase;
    const who = new Map<string, { cookie: string; csrf: string }>();
    const ORIGIN = 'https://lindenau-zeitung.example';
    const { get } = pageRequests(() => app, (name) => who.get(name)!);
    // This site lives at its own public address, so forms come from that origin.
    const post = (name: string, url: string, fields: Record<string, string>) =>
      app.http.inject({
        method: 'POST', url,
        headers: { cookie: who.get(name)!.cookie, origin: ORIGIN, accept: BROWSER, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: who.get(name)!.csrf, ...fields }).toString(),
      });

    before(async () => {
      testDb = await createTestDatabase(kind);
      app = await buildApp(
        loadConfig({ flags: { data: testDb.dataDir, 'database-url': testDb.url, 'log-level': 'silent', workers: false, 'public-url': ORIGIN }, env: {} }),
      );
      let ip = 1;
      for (const [name, role] of [['adam', 'admin'], ['eva', 'editor']] as const) {
        await createUser(app.services.database.db, { email: `${name}@example.org`, password: PASSWORD, role, name: name === 'adam' ? 'Adam Admin' : 'Eva Editor' });
        const page = await app.http.inject({ method: 'GET', url: '/' });
        const anon = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
        const login = await app.http.inject({
          method: 'POST', url: '/api/v1/session', remoteAddress: `10.7.${kind === 'sqlite' ? 1 : 2}.${ip++}`,
          headers: { 'x-csrf-token': anon, origin: ORIGIN }, payload: { email: `${name}@example.org`, password: PASSWORD },
        });
        assert.equal(login.statusCode, 200, login.body);
        who.set(name, { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken as string });
      }
    });

    after(async () => {
      await app?.close();
      await testDb?.drop();
    });

    test('the index lists a page per topic in groups; each page is its own form with only its fields', async () => {
      const index = (await get('adam', '/admin/settings/')).body;
      for (const page of ['general', 'navigation', 'legal', 'discussion', 'newsletter', 'donation', 'telegram', 'distribution', 'editorial']) {
        assert.match(index, new RegExp(`href="/admin/settings/${page}/"`), page);
      }
      assert.match(index, /href="\/admin\/supporters\/settings\/"/, 'the supporters’ settings are listed too');
      assert.ok(!index.includes('<form method="post" action="/admin/settings/'), 'the index has no forms to lose edits in');

      const general = (await get('adam', '/admin/settings/general/')).body;
      assert.match(general, /<form method="post" action="\/admin\/settings\/general"/);
      assert.match(general, /id="s-site-title"/);
      assert.ok(!general.includes('id="s-site-navigation"'), 'navigation is on its own page');
      assert.equal((general.match(/<form method="post" action="\/admin\/settings\//g) ?? []).length, 1, 'one settings form per page');
      assert.match(general, /<script type="module" src="\/assets\/settings\.[^"]+\.js"><\/script>/);
      assert.equal((await get('adam', '/admin/settings/nonsense/')).statusCode, 404);
      assert.equal((await get('eva', '/admin/settings/general/')).statusCode, 403);
    });

    test('saving one page leaves the fields of another page of the same section as they were', async () => {
      await app.services.settings.update('site', { navigation: [{ label: 'Über uns', url: '/ueber-uns/' }] });
      const saved = await post('adam', '/admin/settings/general', { title: `Lindenauer ${HOSTILE}`, tagline: 'Lokal', description: 'd', language: 'de' });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 400));
      assert.equal(saved.headers.location, '/admin/settings/general/?saved=1');
      const site = await app.services.settings.get('site');
      assert.equal(site.title, `Lindenauer ${HOSTILE}`);
      assert.deepEqual(site.navigation, [{ label: 'Über uns', url: '/ueber-uns/' }], 'the navigation page’s list is untouched');
      const shown = (await get('adam', '/admin/settings/general/?saved=1')).body;
      assert.match(shown, /<p class="notice" role="status">Gespeichert: Allgemein\.<\/p>/);
      assert.ok(shown.includes(`value="Lindenauer ${ESCAPED}"`));
      assertInert(shown, 'general settings with a hostile title');
      const log = await createAudit(app.services.database.db).list(20);
      assert.ok(log.some((e) => e.action === 'settings.change' && e.target_id === 'site' && e.actor === 'Adam Admin'));
      await app.services.settings.update('site', { title: 'Blattwerk' });
    });

    test('links are numbered rows: add, move and remove work without script and save nothing until “Save”', async () => {
      await app.services.settings.update('site', { social: [] });
      const rows = { 'social.0.label': 'Mastodon', 'social.0.url': 'https://social.example.org/@lb', 'social.1.label': 'Telegram', 'social.1.url': 'https://t.me/lb', followText: '' };
      const empty = (await get('adam', '/admin/settings/navigation/')).body;
      assert.match(empty, /Noch keine Einträge/);
      assert.match(empty, /<button type="submit" class="button-secondary" name="_op" value="social\.add"/);

      const added = await post('adam', '/admin/settings/navigation', { ...rows, _op: 'social.add' });
      assert.equal(added.statusCode, 200);
      assert.match(added.body, /name="social\.2\.label" value=""/, 'a third, empty row');
      assert.match(added.body, /role="status">Die Liste ist geändert, aber noch nicht gespeichert/);
      assert.deepEqual((await app.services.settings.get('site')).social, [], 'nothing saved');

      const moved = await post('adam', '/admin/settings/navigation', { ...rows, _op: 'social.up.1' });
      assert.ok(moved.body.indexOf('value="Telegram"') < moved.body.indexOf('value="Mastodon"'), 'Telegram first now');
      assert.match(moved.body, /name="social\.0\.label" value="Telegram"/);
      assert.match(moved.body, /aria-label="„Telegram“ nach oben" disabled/, 'the first row cannot move up');

      const removed = await post('adam', '/admin/settings/navigation', { ...rows, _op: 'social.remove.0' });
      assert.ok(!removed.body.includes('value="Mastodon"') && removed.body.includes('value="Telegram"'));

      const saved = await post('adam', '/admin/settings/navigation', { ...rows, 'social.2.label': '', 'social.2.url': '', _op: 'save' });
      assert.equal(saved.statusCode, 303);
      assert.deepEqual((await app.services.settings.get('site')).social, [
        { label: 'Mastodon', url: 'https://social.example.org/@lb' },
        { label: 'Telegram', url: 'https://t.me/lb' },
      ], 'empty rows are dropped, the order kept');

      // A row without an address is refused at that row, nothing saved.
      const refused = await post('adam', '/admin/settings/navigation', { ...rows, 'social.1.url': 'javascript:alert(1)' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /id="s-site-social-1-url" name="social\.1\.url" value="javascript:alert\(1\)"[^>]*aria-invalid="true"/);
      assert.match(refused.body, /<span class="field-error" id="s-site-social-1-url-error">Bitte eine Adresse/);
      assert.equal((await app.services.settings.get('site')).social.length, 2);
    });

    test('fields show only where they apply: Austrian imprint fields, bank details, the bot token', async () => {
      await app.services.settings.update('legal', { country: 'de' });
      const de = (await get('adam', '/admin/settings/legal/')).body;
      assert.match(de, /<p class="field" data-when-field="country" data-when-values="at" hidden><label for="s-legal-mediaOwner">/);
      assert.match(de, /<p class="field"><label for="s-legal-publisher">/, 'common fields always show');
      const saved = await post('adam', '/admin/settings/legal', { country: 'at', publisher: 'Verein Lindenau', mediaOwner: 'Verein Lindenau, Wien' });
      assert.equal(saved.statusCode, 303);
      const at = (await get('adam', '/admin/settings/legal/')).body;
      assert.match(at, /<p class="field" data-when-field="country" data-when-values="at"><label for="s-legal-mediaOwner">/);
      assert.match(at, /value="Verein Lindenau, Wien"/);

      await app.services.settings.update('donation', { enabled: false });
      const off = (await get('adam', '/admin/settings/donation/')).body;
      assert.match(off, /<p class="field" data-when-field="enabled" data-when-values="on" hidden><label for="s-donation-iban">/);
      assert.match(off, /<div class="field-wrap" data-when-field="enabled" data-when-values="on" hidden><fieldset class="field links-field" id="s-donation-providers"/);
      const telegram = (await get('adam', '/admin/settings/telegram/')).body;
      assert.match(telegram, /data-when-field="enabled" data-when-values="on" hidden><label for="s-telegram-botToken">/);
      await app.services.settings.update('legal', { country: 'de' });
      await app.services.settings.update('donation', { enabled: true });
    });

    test('the newsletter sender shows its defaults: the site’s name and newsletter@ its domain', async () => {
      await app.services.settings.update('site', { title: 'Lindenauer Zeitung' });
      const page = (await get('adam', '/admin/settings/newsletter/')).body;
      assert.match(page, /id="s-newsletter-senderName" name="senderName" aria-describedby="s-newsletter-senderName-hint" placeholder="Lindenauer Zeitung" value=""/);
      assert.match(page, /placeholder="newsletter@lindenau-zeitung\.example"/);
      assert.match(page, /Leer lassen für den Namen der Website: „Lindenauer Zeitung“/);
      assert.ok(!page.includes('localhost.localdomain'));
      await app.services.settings.update('site', { title: 'Blattwerk' });
    });

    test('a wrong IBAN comes back as 422 with the field marked, the typed values kept and nothing saved', async () => {
      const before = await app.services.settings.get('donation');
      const res = await post('adam', '/admin/settings/donation', {
        enabled: 'on', recipient: `Neuer Empfänger ${HOSTILE}`, iban: 'DE02120300000000202052', bic: 'XX', purpose: 'Neu', appeal: '', amounts: '5, zehn',
        'providers.0.label': 'ohne Adresse', 'providers.0.url': '',
      });
      assert.equal(res.statusCode, 422);
      const body = res.body;
      assert.match(body, /<p class="notice notice-error" role="alert">Nichts wurde gespeichert/);
      assert.match(body, /id="s-donation-iban" name="iban" aria-describedby="s-donation-iban-error" aria-invalid="true" value="DE02120300000000202052"/);
      assert.match(body, /<span class="field-error" id="s-donation-iban-error">Diese IBAN ist ungültig/);
      assert.match(body, /id="s-donation-bic"[^>]*aria-invalid="true"/);
      assert.match(body, /id="s-donation-amounts"[^>]*aria-describedby="s-donation-amounts-hint s-donation-amounts-error" aria-invalid="true" value="5, zehn"/);
      assert.match(body, /name="providers\.0\.url" value=""[^>]*aria-invalid="true"/);
      assert.ok(body.includes(`value="Neuer Empfänger ${ESCAPED}"`), 'the typed recipient is kept, escaped');
      assert.ok(!/id="s-donation-recipient"[^>]*aria-invalid/.test(body), 'a right field is not marked');
      assertInert(body, 'refused settings');
      assert.deepEqual(await app.services.settings.get('donation'), before, 'nothing saved');
      // The old section-wide address still takes a whole section, with "Label | URL" lines.
      const old = await post('adam', '/admin/settings/donation', { enabled: 'on', iban: '', bic: '', providers: 'Liberapay | https://liberapay.example.org/lb' });
      assert.equal(old.statusCode, 303);
      assert.deepEqual((await app.services.settings.get('donation')).providers, [{ label: 'Liberapay', url: 'https://liberapay.example.org/lb' }]);
      assert.equal((await post('adam', '/admin/settings/nonsense', { title: 'x' })).statusCode, 404);
      const forged = await app.http.inject({
        method: 'POST', url: '/admin/settings/general', headers: { cookie: who.get('adam')!.cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, payload: '_csrf=wrong&title=x',
      });
      assert.equal(forged.statusCode, 403);
    });
  });
}
