// The settings, audit-log and account pages through app.inject(), on SQLite and (with
// BLATTWERK_TEST_PG_URL) PostgreSQL: who may open which page (the settings forms
// themselves: settings-pages.test.ts), the audit log listing and filtering, sessions and their revocation,
// TOTP from setup to sign-in to switching it off, a password change, and hostile names
// rendering inert.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../platform/testing.js';
import { totpCode } from '../../platform/totp.js';
import { createUser, type Role } from '../../platform/users.js';
import { createAudit } from '../audit.js';
import { BROWSER, ESCAPED, HOSTILE, SITE, assertInert, pageRequests } from './testkit.js';

const PASSWORD = 'passwort-passwort';

for (const kind of testDatabaseKinds()) {
  describe(`newsroom form pages [${kind}]`, () => {
    let app: App;
    let testDb: TestDatabase;
    let ip = 1;
    const ids = new Map<string, number>();
    const who = new Map<string, { cookie: string; csrf: string }>();

    /** Signs in through the API as another device; answers its cookie and token. */
    async function session(name: string, password = PASSWORD, agent = `Agent of ${name}`) {
      const page = await app.http.inject({ method: 'GET', url: '/' });
      const anon = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
      const login = await app.http.inject({
        method: 'POST', url: '/api/v1/session', remoteAddress: `10.6.${kind === 'sqlite' ? 1 : 2}.${ip++}`,
        headers: { 'x-csrf-token': anon, origin: SITE, 'user-agent': agent }, payload: { email: `${name}@example.org`, password },
      });
      assert.equal(login.statusCode, 200, login.body);
      return { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken as string };
    }

    const { get, post } = pageRequests(() => app, (name) => who.get(name)!);
    const inert = assertInert;

    before(async () => {
      testDb = await createTestDatabase(kind);
      app = await buildApp(loadConfig({ flags: { data: testDb.dataDir, 'database-url': testDb.url, 'log-level': 'silent', workers: false }, env: {} }));
      const staff: [string, Role, string][] = [
        ['olga', 'owner', 'Olga Owner'], ['adam', 'admin', 'Adam Admin'], ['eva', 'editor', `Eva ${HOSTILE}`],
        ['anton', 'author', 'Anton Author'], ['mo', 'moderator', 'Mo Moderator'], ['tina', 'author', 'Tina Totp'], ['paul', 'contributor', 'Paul Passwort'],
      ];
      for (const [name, role, display] of staff) {
        const user = await createUser(app.services.database.db, { email: `${name}@example.org`, password: PASSWORD, role, name: display });
        ids.set(name, user.id);
        who.set(name, await session(name));
      }
    });

    after(async () => {
      await app?.close();
      await testDb?.drop();
    });

    test('settings and audit log for owner and admin only; the account page for everyone', async () => {
      for (const url of ['/admin/settings/', '/admin/audit/', '/admin/account/']) {
        const anonymous = await get(null, url);
        assert.equal(anonymous.statusCode, 303, url);
        assert.equal(anonymous.headers.location, `/admin/login/?next=${encodeURIComponent(url)}`);
        for (const name of ['olga', 'adam', 'eva', 'anton', 'mo']) {
          const res = await get(name, url);
          const allowed = url === '/admin/account/' || name === 'olga' || name === 'adam';
          assert.equal(res.statusCode, allowed ? 200 : 403, `${url} as ${name}`);
          if (!allowed) continue;
          assert.equal(res.headers['cache-control'], 'no-store');
          assert.match(res.body, new RegExp(`href="${url.replace(/\//g, '\\/')}" aria-current="page"`), `${url} is marked in the navigation`);
          inert(res.body, `${url} as ${name}`);
        }
      }
      // A writer cannot post a settings form either.
      const refused = await post('eva', '/admin/settings/site', { title: 'Übernommen' });
      assert.equal(refused.statusCode, 403);
      assert.equal((await app.services.settings.get('site')).title, 'Blattwerk');
    });

    // The settings pages' own tests: settings-pages.test.ts.

    test('the audit log lists a settings change, filters by action and person, and pages by 50', async () => {
      await post('olga', '/admin/settings/editorial', { requireImageCredit: 'on' });
      await post('olga', '/admin/settings/editorial', {});
      const audit = createAudit(app.services.database.db);
      await audit.record({ id: ids.get('eva')!, name: `Eva ${HOSTILE}` }, 'article.publish', 'article', 7, { slug: `titel ${HOSTILE}` });
      const page = (await get('adam', '/admin/audit/')).body;
      assert.match(page, /<code>settings\.change<\/code><\/td>\n<td>settings #editorial<\/td>/);
      assert.match(page, /<td>Olga Owner<\/td>/);
      assert.match(page, /<a href="\/admin\/articles\/7\/">article #7<\/a>/);
      assert.ok(page.includes(`<td>Eva ${ESCAPED}</td>`) && page.includes(`slug: titel ${ESCAPED}`));
      inert(page, 'audit log');
      // Newest first.
      assert.ok(page.indexOf('article.publish</code>') < page.indexOf('settings #editorial'));

      const onlySettings = (await get('adam', '/admin/audit/?action=settings.change')).body;
      assert.ok(!onlySettings.includes('<code>article.publish</code>'));
      assert.match(onlySettings, /<option value="settings.change" selected>/);
      const onlyEva = (await get('adam', `/admin/audit/?staff=${ids.get('eva')}&action=`)).body;
      assert.ok(onlyEva.includes('<code>article.publish</code>') && !onlyEva.includes('<code>settings.change</code>'));
      const olgaSettings = (await get('adam', `/admin/audit/?staff=${ids.get('olga')}&action=settings.change`)).body;
      assert.equal((olgaSettings.match(/<td>settings #editorial<\/td>/g) ?? []).length, 2);
      assert.ok(!olgaSettings.includes('settings #donation'), 'Adam changed the donation settings, not Olga');

      for (const bad of ['?page=0', '?page=abc', '?action=%3Cscript%3E', '?action=no.such', '?staff=x', '?staff=999999', '?sort=id']) {
        assert.equal((await get('adam', `/admin/audit/${bad}`)).statusCode, 400, bad);
      }

      for (let i = 0; i < 60; i++) await audit.record({ id: ids.get('anton')!, name: 'Anton Author' }, 'article.edit', 'article', 1000 + i);
      const first = (await get('adam', `/admin/audit/?staff=${ids.get('anton')}`)).body;
      assert.equal((first.match(/<code>article\.edit<\/code>/g) ?? []).length, 50);
      assert.ok(first.includes('article #1059') && !first.includes('article #1009<'));
      assert.match(first, new RegExp(`<a rel="next" href="/admin/audit/\\?staff=${ids.get('anton')}&amp;page=2">Ältere</a>`));
      const second = (await get('adam', `/admin/audit/?staff=${ids.get('anton')}&page=2`)).body;
      assert.equal((second.match(/<code>article\.edit<\/code>/g) ?? []).length, 10);
      assert.ok(second.includes('article #1000<') && !second.includes('rel="next"') && second.includes('rel="prev"'));
      assert.equal((await get('adam', `/admin/audit/?staff=${ids.get('anton')}&page=3`)).statusCode, 404);
    });

    test('the account page lists sessions, marks this one, and revokes another', async () => {
      const phone = await session('anton', PASSWORD, 'Mozilla/5.0 (Android) Telefon');
      const page = (await get('anton', '/admin/account/')).body;
      assert.match(page, /Agent of anton <strong class="badge">Diese Sitzung<\/strong>/);
      const other = /Mozilla\/5\.0 \(Android\) Telefon<\/td>[\s\S]*?action="\/admin\/account\/sessions\/([A-Za-z0-9_-]{16})\/revoke"/.exec(page);
      assert.ok(other, 'the other session has a sign-out button');
      assert.equal((await get(null, '/admin/', phone.cookie)).statusCode, 200, 'the phone is signed in');
      // Someone else's session id is not found in one's own list.
      assert.equal((await post('eva', `/admin/account/sessions/${other[1]}/revoke`, {})).statusCode, 404);
      const revoked = await post('anton', `/admin/account/sessions/${other[1]}/revoke`, {});
      assert.equal(revoked.statusCode, 303);
      assert.equal(revoked.headers.location, '/admin/account/?done=revoked#account-sessions');
      assert.equal((await get(null, '/admin/', phone.cookie)).headers.location, '/admin/login/', 'the phone is signed out');
      const afterwards = (await get('anton', '/admin/account/?done=revoked')).body;
      assert.match(afterwards, /role="status">Die Sitzung wurde beendet\./);
      assert.ok(!afterwards.includes('Telefon'));
      assert.equal((await post('anton', '/admin/account/sessions/AAAAAAAAAAAAAAAA/revoke', {})).statusCode, 404);
      const log = await createAudit(app.services.database.db).list(5);
      assert.ok(log.some((e) => e.action === 'account.session.revoke' && e.user_id === ids.get('anton')));
    });

    test('TOTP: set up, confirm with a code, sign in with it, switch it off with the password', async () => {
      const setup = await post('tina', '/admin/account/totp/setup', {});
      assert.equal(setup.statusCode, 303);
      const page = (await get('tina', '/admin/account/')).body;
      const secret = /<code id="totp-secret">([A-Z2-7]+)<\/code>/.exec(page)?.[1];
      assert.ok(secret, 'the secret is shown');
      assert.match(page, /<figure class="totp-qr" role="img" aria-label="QR-Code für die Authenticator-App"><svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      inert(page, 'TOTP setup');

      const wrong = await post('tina', '/admin/account/totp/enable', { code: '000000' });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /id="totp-code" name="code"[^>]*value="000000"[^>]* aria-invalid="true" aria-describedby="totp-code-error"/);
      assert.match(wrong.body, /<span class="field-error" id="totp-code-error">Der Code stimmt nicht/);

      const enabled = await post('tina', '/admin/account/totp/enable', { code: await totpCode(secret) });
      assert.equal(enabled.statusCode, 200, enabled.body.slice(0, 300));
      const codes = [...enabled.body.matchAll(/<li><code>([0-9a-f-]{19})<\/code><\/li>/g)].map((m) => m[1]!);
      assert.equal(codes.length, 10, 'ten recovery codes, shown once');
      const later = (await get('tina', '/admin/account/')).body;
      assert.ok(!later.includes(codes[0]!) && !later.includes(secret), 'neither codes nor secret are shown again');
      assert.match(later, /action="\/admin\/account\/totp\/disable"/);

      // Sign-in now needs the code (the next step's: the one just used is spent).
      const loginPage = await app.http.inject({ method: 'GET', url: '/admin/login/' });
      const anon = /name="_csrf" value="([^"]+)"/.exec(loginPage.body)![1]!;
      const anonCookie = /bw_sid=[^;]+/.exec(String(loginPage.headers['set-cookie']))?.[0];
      const login = (fields: Record<string, string>) =>
        app.http.inject({
          method: 'POST', url: '/admin/login/', remoteAddress: `10.5.${kind === 'sqlite' ? 1 : 2}.9`,
          headers: { origin: SITE, accept: BROWSER, 'content-type': 'application/x-www-form-urlencoded', ...(anonCookie ? { cookie: anonCookie } : {}) },
          payload: new URLSearchParams({ _csrf: anon, email: 'tina@example.org', password: PASSWORD, ...fields }).toString(),
        });
      assert.equal((await login({})).statusCode, 401, 'the password alone is not enough');
      const signedIn = await login({ code: await totpCode(secret, new Date(Date.now() + 30_000)) });
      assert.equal(signedIn.statusCode, 303, signedIn.body.slice(0, 300));
      const cookie = /bw_sid=[^;]+/.exec(String(signedIn.headers['set-cookie']))![0];
      assert.equal((await get(null, '/admin/account/', cookie)).statusCode, 200);

      const badPassword = await post('tina', '/admin/account/totp/disable', { password: 'falsches-passwort' });
      assert.equal(badPassword.statusCode, 422);
      assert.match(badPassword.body, /id="totp-disable-password"[^>]*aria-invalid="true"/);
      assert.ok(!badPassword.body.includes('falsches-passwort'), 'a password is never echoed');
      const off = await post('tina', '/admin/account/totp/disable', { password: PASSWORD });
      assert.equal(off.statusCode, 303);
      assert.equal(off.headers.location, '/admin/account/?done=totpDisabled');
      assert.match((await get('tina', '/admin/account/?done=totpDisabled')).body, /action="\/admin\/account\/totp\/setup"/);
      const log = (await createAudit(app.services.database.db).list(20)).map((e) => e.action);
      assert.ok(log.includes('account.totp.enable') && log.includes('account.totp.disable'));
    });

    test('changing the password: the current one is checked, the new one is used, other sessions end', async () => {
      const laptop = await session('paul', PASSWORD, 'Laptop');
      const attempts: [Record<string, string>, string][] = [
        [{ currentPassword: 'nicht-das-passwort', newPassword: 'ein-neues-passwort', confirmPassword: 'ein-neues-passwort' }, 'password-current'],
        [{ currentPassword: PASSWORD, newPassword: 'kurz', confirmPassword: 'kurz' }, 'password-new'],
        [{ currentPassword: PASSWORD, newPassword: 'ein-neues-passwort', confirmPassword: 'ein-anderes-passwort' }, 'password-confirm'],
      ];
      for (const [fields, id] of attempts) {
        const res = await post('paul', '/admin/account/password', fields);
        assert.equal(res.statusCode, 422, id);
        assert.match(res.body, new RegExp(`id="${id}"[^>]*aria-invalid="true" aria-describedby="${id}-error"`), id);
        for (const typed of Object.values(fields)) assert.ok(!res.body.includes(typed), `${id}: a password is never echoed`);
      }
      assert.equal((await get(null, '/admin/', laptop.cookie)).statusCode, 200, 'nothing changed yet');
      const changed = await post('paul', '/admin/account/password', { currentPassword: PASSWORD, newPassword: 'ein-neues-passwort', confirmPassword: 'ein-neues-passwort' });
      assert.equal(changed.statusCode, 303);
      assert.equal(changed.headers.location, '/admin/account/?done=passwordChanged');
      assert.equal((await get('paul', '/admin/account/')).statusCode, 200, 'this session stays');
      assert.equal((await get(null, '/admin/', laptop.cookie)).headers.location, '/admin/login/', 'the other session ended');
      await session('paul', 'ein-neues-passwort');
      const old = await app.http.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: '10.5.9.9', headers: { 'x-csrf-token': who.get('paul')!.csrf, cookie: who.get('paul')!.cookie, origin: SITE }, payload: { email: 'paul@example.org', password: PASSWORD } });
      assert.equal(old.statusCode, 401);
    });

    test('a hostile staff name renders inert on the account page, and the pages speak English', async () => {
      const page = (await get('eva', '/admin/account/')).body;
      assert.ok(page.includes(`Angemeldet als Eva ${ESCAPED}`));
      inert(page, 'account page');
      const site = await app.services.settings.get('site');
      await app.services.settings.update('site', { ...site, language: 'en' });
      try {
        assert.match((await get('eva', '/admin/account/')).body, /<h2 id="account-sessions-title">Signed-in devices<\/h2>/);
        assert.match((await get('olga', '/admin/settings/')).body, /<h2 id="settings-group-money">Funding<\/h2>/);
        assert.match((await get('olga', '/admin/settings/donation/')).body, /<label for="s-donation-iban">IBAN<\/label>/);
        assert.match((await get('olga', '/admin/audit/')).body, /<h1 class="page-title">Audit log<\/h1>/);
      } finally {
        await app.services.settings.update('site', site);
      }
    });
  });
}
