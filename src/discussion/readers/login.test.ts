// Magic-link sign-in through HTTP on every configured database: request → mail (outbox)
// → confirm page → POST → signed in → a comment attributed to the account. The clock is
// ours, so "15 minutes" is a fact of the test.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../../platform/testing.js';
import { ARTICLE, SITE, startHarness, type Harness } from './harness.js';

for (const kind of testDatabaseKinds()) {
  describe(`reader sign-in [${kind}]`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind);
      await h.discussion({ identity: 'both' });
    });
    after(() => h.close());

    test('known and unknown addresses get the same answer, and both a link', async () => {
      await h.signIn('bekannt@example.org', 'Bekannte Leserin');
      h.later(600);
      const known = await h.form('/account/login/', { email: 'bekannt@example.org', return: `/${ARTICLE}/` });
      const unknown = await h.form('/account/login/', { email: 'neu@example.org', return: `/${ARTICLE}/` });
      assert.equal(known.statusCode, 200);
      assert.equal(unknown.statusCode, known.statusCode);
      assert.equal(known.body, unknown.body);
      assert.equal(known.headers['set-cookie'], undefined);
      assert.equal(unknown.headers['set-cookie'], undefined);
      const mails = (await h.mails()).slice(-2);
      assert.deepEqual(mails.map((m) => m.to).sort(), ['bekannt@example.org', 'neu@example.org']);
    });

    test('request → mail → confirm page → POST → signed in → comment as the account', async () => {
      const { token, mail } = await h.requestLink('lea@example.org');
      assert.match(mail.subject, /Anmeldelink/);
      assert.ok(mail.text.includes(`${SITE}/account/login/confirm?token=${token}`));

      // The page a mail scanner would fetch changes nothing: twice is fine.
      for (let i = 0; i < 2; i++) {
        const page = await h.inject({ method: 'GET', url: `/account/login/confirm?token=${token}` });
        assert.equal(page.statusCode, 200);
        assert.equal(page.headers['cache-control'], 'no-store');
        assert.match(page.body, /lea@example\.org/);
        assert.match(page.body, /name="name"/, 'a first sign-in asks for the name');
      }
      const nameless = await h.confirm(token);
      assert.equal(nameless.statusCode, 400);
      assert.match(nameless.body, /Namen/);

      const done = await h.confirm(token, { name: 'Lea Leserin' });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, `/${ARTICLE}/`);
      const cookies = String(done.headers['set-cookie']);
      assert.match(cookies, /bw_sid=[A-Za-z0-9_-]{32}; .*HttpOnly/);
      assert.match(cookies, /bw_acct=1/);
      const cookie = /bw_sid=[^;]+/.exec(cookies)![0];

      const { body: me, res } = await h.me(cookie);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.deepEqual(me.reader?.name, 'Lea Leserin');
      assert.equal(me.staff, null);
      assert.deepEqual((await h.me()).body, { reader: null, staff: null, muted: [] });

      // The account's name wins over anything sent along; no e-mail is kept on the comment.
      const posted = await h.comment({ body: 'Danke für den ausführlichen Bericht aus dem Stadtrat.', name: 'Jemand anderes' }, cookie);
      assert.equal(posted.statusCode, 201, posted.body);
      const row = await h.app.services.discussion.store.byId(posted.json().id);
      const reader = await h.app.services.readers.store.byEmail('lea@example.org');
      assert.equal(row?.identity, `reader:${reader!.id}`);
      assert.equal(row?.author_name, 'Lea Leserin');
      assert.equal(row?.author_email, '');

      // The plain form works the same without name and e-mail fields.
      const form = await h.commentForm({ body: 'Und noch eine Frage zur Tagesordnung der Sitzung.' }, cookie);
      assert.equal(form.statusCode, 303, /role="alert">([^<]*)/.exec(form.body)?.[1]);
      const last = await h.app.services.database.db.selectFrom('comments').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(last.identity, `reader:${reader!.id}`);

      // Used once: the same link again is refused, on the page and on the POST.
      assert.equal((await h.inject({ method: 'GET', url: `/account/login/confirm?token=${token}` })).statusCode, 400);
      const again = await h.confirm(token, { name: 'Lea Leserin' });
      assert.equal(again.statusCode, 400);
      assert.equal(again.headers['set-cookie'], undefined);
    });

    test('a second sign-in keeps the name and asks for none', async () => {
      h.later(600);
      const { token } = await h.requestLink('lea@example.org');
      const page = await h.inject({ method: 'GET', url: `/account/login/confirm?token=${token}` });
      assert.doesNotMatch(page.body, /name="name"/);
      const done = await h.confirm(token, { name: 'Versuch einer Umbenennung' });
      assert.equal(done.statusCode, 303);
      const cookie = /bw_sid=[^;]+/.exec(String(done.headers['set-cookie']))![0];
      assert.equal((await h.me(cookie)).body.reader?.name, 'Lea Leserin');
    });

    test('a link expires after 15 minutes', async () => {
      h.later(600);
      const { token } = await h.requestLink('spaet@example.org');
      h.later(14 * 60);
      assert.equal((await h.inject({ method: 'GET', url: `/account/login/confirm?token=${token}` })).statusCode, 200);
      h.later(2 * 60);
      assert.equal((await h.inject({ method: 'GET', url: `/account/login/confirm?token=${token}` })).statusCode, 400);
      const res = await h.confirm(token, { name: 'Zu spät' });
      assert.equal(res.statusCode, 400);
      assert.equal(await h.app.services.readers.store.byEmail('spaet@example.org'), undefined);
    });

    test('bad tokens and foreign return paths lead nowhere', async () => {
      assert.equal((await h.inject({ method: 'GET', url: '/account/login/confirm?token=nicht-echt-aber-lang-genug' })).statusCode, 400);
      h.later(600);
      const { token } = await h.requestLink('umweg@example.org', '//evil.example/');
      const res = await h.confirm(token, { name: 'Umweg' });
      assert.equal(res.headers.location, '/');
    });

    test('sign-out ends the session', async () => {
      h.later(600);
      const { cookie } = await h.signIn('kurz@example.org', 'Kurz');
      assert.equal((await h.me(cookie)).body.reader?.name, 'Kurz');
      const out = await h.form('/account/logout/', {}, cookie);
      assert.equal(out.statusCode, 303);
      assert.match(String(out.headers['set-cookie']), /bw_sid=;/);
      assert.equal((await h.me(cookie)).body.reader, null, 'the old cookie signs nobody in');
    });

    test('an invalid address is a form error; sign-in requests are rate-limited per IP', async () => {
      const bad = await h.form('/account/login/', { email: 'keine-adresse' });
      assert.equal(bad.statusCode, 400);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await h.form('/account/login/', { email: `flut${i}@example.org` }, undefined);
        statuses.push(res.statusCode);
      }
      assert.ok(statuses.every((s) => s === 200), 'different IPs are not limited');
      const token = await h.token();
      const same = async () =>
        (await h.app.http.inject({
          method: 'POST', url: '/account/login/', remoteAddress: '10.250.0.1',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
          payload: new URLSearchParams({ _csrf: token, email: 'flut@example.org' }).toString(),
        })).statusCode;
      const burst: number[] = [];
      for (let i = 0; i < 11; i++) burst.push(await same());
      assert.equal(burst.at(-1), 429, burst.join(','));
    });

    test("under 'guests' there are no accounts: no sign-in page, a reader session counts for nothing", async () => {
      h.later(600);
      const { cookie } = await h.signIn('gast@example.org', 'Gast mit Konto');
      await h.discussion({ identity: 'guests' });
      try {
        assert.equal((await h.inject({ method: 'GET', url: '/account/login/' })).statusCode, 404);
        assert.equal((await h.me(cookie)).body.reader, null);
      } finally {
        await h.discussion({ identity: 'both' });
      }
    });
  });
}
