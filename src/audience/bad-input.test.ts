// What the newsletter does with input it should refuse: malformed addresses, repeated
// sign-ups, forged and expired links, bots and floods. Clear answers, no mail, no change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../platform/testing.js';
import { freshIp, SITE, startTestSite, type TestSite } from './harness.js';
import { confirmToken, manageToken } from './tokens.js';

for (const kind of testDatabaseKinds()) {
  describe(`newsletter bad input [${kind}]`, () => {
    let site: TestSite;
    before(async () => {
      site = await startTestSite(kind);
    });
    after(() => site.close());

    const subscribers = () => site.db.selectFrom('subscribers').selectAll().orderBy('id').execute();
    const confirmLinkOf = (text: string) => /\/newsletter\/confirm\?token=[^\s]+/.exec(text)![0];

    test('malformed addresses get the form back with a clear message, nothing is stored or sent', async () => {
      for (const email of ['', 'lea', 'lea@example', 'lea@@example.org', 'Lea <lea@example.org>', 'lea@example.org, eve@example.org', 'lea@example.org\r\nBcc: eve@example.org', '<script>alert(1)</script>@example.org', `${'x'.repeat(300)}@example.org`]) {
        const res = await site.form('/newsletter/', { email, name: 'Lea' });
        assert.equal(res.statusCode, 400, JSON.stringify(email));
        assert.match(res.body, /Bitte geben Sie eine gültige E-Mail-Adresse an\./);
        assert.match(res.body, /id="newsletter-email"[^>]*aria-invalid="true"/);
        assert.doesNotMatch(res.body, /<script>alert/, 'the typed value comes back escaped');
      }
      const api = await site.app.http.inject({
        method: 'POST', url: '/api/v1/newsletter/subscriptions', remoteAddress: freshIp(),
        headers: { 'x-csrf-token': await csrfOf(site), origin: SITE }, payload: { email: 'not an address' },
      });
      assert.equal(api.statusCode, 400);
      assert.equal(api.json().error.code, 'EMAIL_INVALID');
      assert.equal((await subscribers()).length, 0);
      assert.equal(await site.runJobs(), 0);
      assert.equal(site.sink.mails.length, 0);
    });

    test('a repeated sign-up gets the same answer and no second mail within 30 minutes', async () => {
      const first = await site.form('/newsletter/', { email: 'ben@example.org' });
      const again = await site.form('/newsletter/', { email: 'BEN@example.org', name: 'Ben' });
      assert.equal(first.statusCode, 200);
      assert.equal(again.statusCode, 200);
      const main = (body: string) => /<main[^]*<\/main>/.exec(body)![0];
      assert.equal(main(again.body), main(first.body), 'the same answer');
      await site.runJobs();
      assert.equal(site.sink.mails.filter((m) => m.to[0] === 'ben@example.org').length, 1);
      site.advance(29 * 60_000);
      await site.form('/newsletter/', { email: 'ben@example.org' });
      await site.runJobs();
      assert.equal(site.sink.mails.filter((m) => m.to[0] === 'ben@example.org').length, 1);
      site.advance(2 * 60_000);
      await site.form('/newsletter/', { email: 'ben@example.org' });
      await site.runJobs();
      await site.sink.waitFor((mails) => mails.filter((m) => m.to[0] === 'ben@example.org').length === 2);
      const rows = (await subscribers()).filter((s) => s.email === 'ben@example.org');
      assert.equal(rows.length, 1, 'one reader, however often they sign up');
    });

    test('an anonymous sign-up never changes a confirmed reader; the reader gets one note', async () => {
      await site.app.services.content.createTag({ name: 'Kultur', slug: 'kultur' });
      await site.app.services.settings.update('newsletter', { topics: ['kultur'] });
      await site.form('/newsletter/', { email: 'cem@example.org', name: 'Cem', topics: 'kultur' });
      await site.runJobs();
      const [mail] = await site.sink.waitFor((mails) => mails.some((m) => m.to[0] === 'cem@example.org'));
      const link = confirmLinkOf(site.sink.mails.find((m) => m.to[0] === 'cem@example.org')!.text);
      assert.ok(mail);
      const token = decodeURIComponent(link.split('token=')[1]!);
      assert.equal((await site.form('/newsletter/confirm', { token })).statusCode, 200);
      site.advance(31 * 60_000);
      const res = await site.form('/newsletter/', { email: 'cem@example.org', name: 'Mallory', topics: [] });
      assert.equal(res.statusCode, 200);
      const cem = (await subscribers()).find((s) => s.email === 'cem@example.org')!;
      assert.equal(cem.status, 'active');
      assert.equal(cem.name, 'Cem');
      const topics = await site.db.selectFrom('subscriber_topics').select('topic').where('subscriber_id', '=', cem.id).execute();
      assert.deepEqual(topics.map((t) => t.topic), ['kultur']);
      await site.runJobs();
      const note = await site.sink.waitFor((mails) => mails.filter((m) => m.to[0] === 'cem@example.org').length === 2);
      assert.match(note.at(-1)!.header('subject')!, /Sie erhalten den Newsletter von .* bereits/);
      assert.match(note.at(-1)!.text, /\/newsletter\/preferences\?token=m\./);
    });

    test('forged, foreign and expired links get a clear 400 or 404 page and change nothing', async () => {
      await site.form('/newsletter/', { email: 'dana@example.org' });
      await site.runJobs();
      const mail = (await site.sink.waitFor((mails) => mails.some((m) => m.to[0] === 'dana@example.org'))).find((m) => m.to[0] === 'dana@example.org')!;
      const token = decodeURIComponent(confirmLinkOf(mail.text).split('token=')[1]!);
      const [k, id, expires, mac] = token.split('.');
      const { secret } = site.app.services;
      const cases: [string, number, RegExp][] = [
        [`${k}.${id}.${expires}.${mac!.slice(0, -2)}xx`, 400, /Dieser Link ist ungültig/],
        [`${k}.${Number(id) + 1}.${expires}.${mac}`, 400, /Dieser Link ist ungültig/],
        ['garbage', 400, /Dieser Link ist ungültig/],
        [confirmToken(secret, 999_999, site.now()), 404, /Dieses Abonnement gibt es nicht/],
      ];
      for (const [forged, status, message] of cases) {
        const page = await site.app.http.inject({ method: 'GET', url: `/newsletter/confirm?token=${encodeURIComponent(forged)}` });
        assert.equal(page.statusCode, status, forged);
        assert.match(page.body, message);
        const post = await site.form('/newsletter/confirm', { token: forged });
        assert.equal(post.statusCode, status, forged);
      }
      site.advance(73 * 3_600_000);
      const expired = await site.form('/newsletter/confirm', { token });
      assert.equal(expired.statusCode, 400);
      assert.match(expired.body, /abgelaufen/);
      const dana = (await subscribers()).find((s) => s.email === 'dana@example.org')!;
      assert.equal(dana.status, 'pending');
      assert.equal(dana.confirmed_at, null);

      // Unsubscribe and preference links: forged ones change nothing either.
      const cem = (await subscribers()).find((s) => s.email === 'cem@example.org')!;
      const real = manageToken(secret, cem.id);
      for (const forged of [real.slice(0, -1) + (real.endsWith('A') ? 'B' : 'A'), manageToken('another-secret', cem.id), real.replace(`m.${cem.id}.`, `m.${dana.id}.`), '']) {
        const leave = await site.app.http.inject({ method: 'POST', url: `/newsletter/unsubscribe?token=${encodeURIComponent(forged)}`, payload: '' });
        assert.equal(leave.statusCode, 400, forged);
        assert.match(leave.body, /Dieser Link ist ungültig/);
        const prefs = await site.form('/newsletter/preferences', { token: forged, name: 'Mallory' });
        assert.equal(prefs.statusCode, 400);
      }
      const unknown = await site.app.http.inject({ method: 'POST', url: `/newsletter/unsubscribe?token=${manageToken(secret, 999_999)}` });
      assert.equal(unknown.statusCode, 404);
      // Opening the unsubscribe link (as a mail scanner does) only shows the button.
      const look = await site.app.http.inject({ method: 'GET', url: `/newsletter/unsubscribe?token=${encodeURIComponent(real)}` });
      assert.equal(look.statusCode, 200);
      assert.match(look.body, /<button type="submit">Abbestellen<\/button>/);
      const still = (await subscribers()).find((s) => s.id === cem.id)!;
      assert.equal(still.status, 'active');
      assert.equal(still.name, 'Cem');
    });

    test('one-click also works as multipart/form-data (RFC 8058 prefers it), and twice', async () => {
      const cem = (await subscribers()).find((s) => s.email === 'cem@example.org')!;
      const url = `/newsletter/unsubscribe?token=${encodeURIComponent(manageToken(site.app.services.secret, cem.id))}`;
      const boundary = 'XyZ';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
      for (let i = 0; i < 2; i++) {
        const res = await site.app.http.inject({ method: 'POST', url, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
        assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      }
      assert.equal((await subscribers()).find((s) => s.id === cem.id)!.status, 'unsubscribed');
      // Everywhere else multipart stays refused.
      const other = await site.app.http.inject({ method: 'POST', url: '/newsletter/', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: SITE }, payload });
      assert.equal(other.statusCode, 415);
    });

    test('a bot that fills the hidden field is told "check your inbox" and gets nothing', async () => {
      const res = await site.form('/newsletter/', { email: 'bot@example.org', website: 'http://spam.example' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Fast geschafft/);
      assert.equal((await subscribers()).some((s) => s.email === 'bot@example.org'), false);
    });

    test('a form without the CSRF token is refused', async () => {
      const res = await site.form('/newsletter/', { email: 'eve@example.org' }, { csrf: null });
      assert.equal(res.statusCode, 403);
      assert.equal((await subscribers()).some((s) => s.email === 'eve@example.org'), false);
    });

    test('a flood of sign-ups from one address hits the rate limit: 20 an hour', async () => {
      const ip = '198.51.100.7';
      const before = (await subscribers()).length;
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) {
        const res = await site.form('/newsletter/', { email: `flood${i}@example.org` }, { ip });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) {
          assert.match(res.body, /Zu viele Anfragen/);
          assert.ok(Number(res.headers['retry-after']) > 0);
        }
      }
      assert.deepEqual(statuses, [...Array(20).fill(200), ...Array(5).fill(429)]);
      assert.equal((await subscribers()).length, before + 20);
      const other = await site.form('/newsletter/', { email: 'neighbour@example.org' });
      assert.equal(other.statusCode, 200, 'other addresses are not affected');
    });

    test('names are escaped wherever they appear', async () => {
      await site.form('/newsletter/', { email: 'xss@example.org', name: '<img src=x onerror=alert(1)>' });
      const xss = (await subscribers()).find((s) => s.email === 'xss@example.org')!;
      await site.db.updateTable('subscribers').set({ status: 'active' }).where('id', '=', xss.id).execute();
      const page = await site.app.http.inject({ method: 'GET', url: `/newsletter/preferences?token=${manageToken(site.app.services.secret, xss.id)}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /value="&lt;img src=x onerror=alert\(1\)&gt;"/);
      assert.doesNotMatch(page.body, /<img src=x/);
    });

    test('the pages speak English on an English site', async () => {
      await site.app.services.settings.update('site', { language: 'en' });
      const page = await site.app.http.inject({ method: 'GET', url: '/newsletter/' });
      assert.match(page.body, /<button type="submit">Subscribe<\/button>/);
      const bad = await site.form('/newsletter/', { email: 'nope' });
      assert.match(bad.body, /Please give a valid e-mail address\./);
      await site.app.services.settings.update('site', { language: 'de' });
    });
  });
}

async function csrfOf(site: TestSite): Promise<string> {
  const page = await site.app.http.inject({ method: 'GET', url: '/newsletter/' });
  return /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
}
