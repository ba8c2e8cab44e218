// The newsletter composer (issue 11) through HTTP, on SQLite and (with
// BLATTWERK_TEST_PG_URL) PostgreSQL, real SMTP (smtp-server): an issue is written with an
// intro, chosen articles as cards and a donation block; refused fields come back marked
// with nothing saved; the preview is the mail under its own page policy; a test goes to
// the signed-in editor only; a schedule sends at its time through the job queue; a send
// reaches every reader once and its figures count delivered, bounced and unsubscribed.
// The sender defaults to the site's name and newsletter@ its domain.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../platform/testing.js';
import { startTestSite, type TestSite } from './harness.js';
import { fromBerlinLocal, berlinLocal } from './issue-view.js';
import { formOf } from './issue-pages.js';

const BROWSER = 'text/html,application/xhtml+xml';
const HOSTILE = '<img src=x onerror=alert(1)>';

test('schedule times are Berlin wall-clock times, in summer and in winter', () => {
  assert.equal(fromBerlinLocal('2026-12-07T07:00')?.toISOString(), '2026-12-07T06:00:00.000Z');
  assert.equal(fromBerlinLocal('2026-07-07T07:00')?.toISOString(), '2026-07-07T05:00:00.000Z');
  assert.equal(berlinLocal(new Date('2026-07-07T05:00:00Z')), '2026-07-07T07:00');
  assert.equal(fromBerlinLocal('morgen früh'), null);
  assert.equal(fromBerlinLocal('2026-02-30T07:00'), null, 'no such day');
});

test('the form keeps the chosen articles in order, drops duplicates and junk', () => {
  const { form, action } = formOf({ subject: 'S', articleIds: ['3', '1', '3', 'x', '-2'], action: 'test', donation: 'on' });
  assert.deepEqual(form.articleIds, [3, 1]);
  assert.equal(action, 'test');
  assert.equal(form.donation, true);
  assert.equal(formOf({ action: 'launch' }).action, 'save', 'an unknown action only saves');
});

for (const kind of testDatabaseKinds()) {
  describe(`newsletter composer [${kind}]`, () => {
    let site: TestSite;
    let editor: { cookie: string; csrf: string };
    const ids: number[] = [];

    before(async () => {
      site = await startTestSite(kind, { refuse: (to) => (to.startsWith('bounce@') ? 550 : null) });
      const { content, settings, database } = site.app.services;
      await settings.update('site', { title: 'Lindenauer Blatt' });
      await settings.update('donation', { appeal: 'Unabhängiger Lokaljournalismus kostet Geld.' });
      for (const [title, subtitle] of [['Stadtrat beschließt Haushalt', 'Mehr Geld für Schulen'], ['Neues Freibad eröffnet', 'Ein Sommer am Wasser']] as const) {
        const a = await content.createArticle({
          lang: 'de', title, subtitle, body: [{ type: 'paragraph', text: 'Text.' }], status: 'published',
          publishedAt: new Date('2026-05-03T10:00:00Z'), authorIds: [], tagIds: [],
        });
        ids.push(a.id);
      }
      const at = site.now().toISOString();
      for (const email of ['anna@example.org', 'bert@example.org', 'bounce@example.org']) {
        await database.db.insertInto('subscribers' as never).values({ email, email_hash: `h-${email}`, name: '', status: 'active', source: 'import', subscribed_at: at, confirmed_at: at, updated_at: at } as never).execute();
      }
      editor = await site.staff();
    });
    after(() => site.close());

    const get = (url: string) => site.app.http.inject({ method: 'GET', url, headers: { cookie: editor.cookie, accept: BROWSER } });
    const post = (url: string, fields: Record<string, string | string[]>) => {
      const body = new URLSearchParams({ _csrf: editor.csrf });
      for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
      return site.app.http.inject({ method: 'POST', url, headers: { cookie: editor.cookie, origin: 'http://127.0.0.1:3000', accept: BROWSER, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    };
    const issueCount = async () => (await site.db.selectFrom('newsletter_issues').select('id').execute()).length;

    test('a refused issue comes back marked, as typed, and nothing is saved', async () => {
      const res = await post('/admin/newsletter/issues/', { subject: '', preheader: 'x'.repeat(201), intro: HOSTILE, articleIds: [String(ids[0]), '99999'], action: 'save' });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /id="issue-subject"[^>]*aria-invalid="true"/);
      assert.match(res.body, /<span class="field-error" id="issue-subject-error">Bitte geben Sie einen Betreff ein/);
      assert.match(res.body, /<fieldset class="field issue-articles" aria-invalid="true"/);
      assert.ok(res.body.includes('&lt;img src=x onerror=alert(1)&gt;</textarea>'), 'the intro is kept, escaped');
      assert.equal(await issueCount(), 0, 'nothing saved');
    });

    test('compose, preview, test to me, send: cards, donation block, preheader, one mail per reader, figures', async () => {
      const saved = await post('/admin/newsletter/issues/', {
        subject: 'Die Woche in Lindenau', preheader: 'Haushalt, Freibad und was sonst geschah',
        intro: `Liebe Leserinnen und Leser,\n\ndiese Woche war **voll**. Mehr auf [unserer Seite](https://blatt.example.org/). ${HOSTILE}`,
        articleIds: [String(ids[1]), String(ids[0])], donation: 'on', topic: '', action: 'save',
      });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
      const url = saved.headers.location as string;
      const id = Number(/issues\/(\d+)\//.exec(url)![1]);
      const page = await get(url);
      assert.match(page.body, /role="status">Entwurf gespeichert\./);
      assert.ok(page.body.indexOf('Neues Freibad eröffnet') < page.body.indexOf('Stadtrat beschließt Haushalt'), 'chosen order kept');

      const preview = await get(`/admin/newsletter/issues/${id}/preview/?width=phone`);
      assert.match(preview.body, /<div class="mail-preview mail-preview-phone"><iframe src="\/admin\/newsletter\/issues\/\d+\/preview\.html" title="[^"]+"/);
      assert.match(preview.body, /aria-current="page">Telefon \(375 px\)/);
      assert.match(String(preview.headers['content-security-policy']), /frame-src 'self' /, 'the preview page may frame its own preview');
      assert.match(String(preview.headers['content-security-policy']), /script-src 'self'/);
      const mail = await get(`/admin/newsletter/issues/${id}/preview.html`);
      assert.equal(mail.statusCode, 200);
      assert.match(String(mail.headers['content-security-policy']), /^default-src 'none';.*style-src 'unsafe-inline'; frame-ancestors 'self'/);
      assert.ok(!/<script/i.test(mail.body));
      assert.ok(mail.body.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the intro is escaped');
      assert.match(mail.body, /<strong>voll<\/strong>/, 'Markdown in the intro');
      assert.match(mail.body, /<a href="https:\/\/blatt\.example\.org\/"[^>]*>unserer Seite<\/a>/);
      assert.match(mail.body, /Ein Sommer am Wasser/, 'the teaser on the card');
      assert.match(mail.body, /Unabhängiger Lokaljournalismus kostet Geld\./, 'the donation block with the settings’ appeal');
      assert.match(mail.body, /href="http:\/\/127\.0\.0\.1:3000\/support\/"/);
      assert.match(mail.body, /<div style="display:none;[^"]*">Haushalt, Freibad und was sonst geschah<\/div>/, 'the preheader, hidden');

      const tested = await post(`/admin/newsletter/issues/${id}`, { subject: 'Die Woche in Lindenau', preheader: 'Haushalt, Freibad und was sonst geschah', intro: 'Liebe Leserinnen und Leser,', articleIds: [String(ids[1]), String(ids[0])], donation: 'on', topic: '', action: 'test' });
      assert.equal(tested.statusCode, 303);
      const [test] = await site.sink.waitFor((mails) => mails.length >= 1);
      assert.deepEqual(test!.to, ['redaktion@example.org'], 'only to the signed-in editor');
      assert.equal(test!.header('subject'), '[Test] Die Woche in Lindenau');
      assert.equal(test!.header('from'), 'Lindenauer Blatt <newsletter@localhost.localdomain>', 'the site’s name, not "Blattwerk <noreply@…>"');
      assert.match(test!.html, /Neues Freibad eröffnet/);
      assert.equal(site.sink.mails.length, 1, 'no reader got the test');
      assert.match((await get(`/admin/newsletter/issues/${id}/?done=tested`)).body, /Testmail an redaktion@example\.org verschickt/);

      const confirm = await get(`/admin/newsletter/issues/${id}/send`);
      assert.match(confirm.body, /„Die Woche in Lindenau“ jetzt an 3 Empfängerinnen und Empfänger versenden\?/);
      const sent = await post(`/admin/newsletter/issues/${id}/send`, {});
      assert.equal(sent.statusCode, 303);
      const sendUrl = sent.headers.location as string;
      await site.runJobs();
      const readers = site.sink.mails.slice(1);
      assert.deepEqual(readers.map((m) => m.to[0]).sort(), ['anna@example.org', 'bert@example.org'], 'each reader once; the bounce refused');
      assert.match(readers[0]!.header('list-unsubscribe') ?? '', /\/newsletter\/unsubscribe\?token=/);
      assert.match(readers[0]!.html, /Haushalt, Freibad und was sonst geschah/);

      // Anna leaves through the footer link; the figures say so.
      const anna = await site.db.selectFrom('subscribers').select('id').where('email', '=', 'anna@example.org').executeTakeFirstOrThrow();
      site.advance(60_000);
      await site.db.updateTable('subscribers').set({ status: 'unsubscribed', email: null, unsubscribed_at: site.now().toISOString() }).where('id', '=', anna.id).execute();
      const figures = await get(sendUrl);
      assert.match(figures.body, /<dd data-figure="delivered">2<\/dd>/);
      assert.match(figures.body, /<dd data-figure="bounced">1<\/dd>/);
      assert.match(figures.body, /<dd data-figure="unsubscribed">1<\/dd>/);
      assert.match(figures.body, /Öffnungen werden nicht gemessen/);

      // A sent issue is not changed or sent again.
      assert.equal((await post(`/admin/newsletter/issues/${id}`, { subject: 'Neu', action: 'save' })).statusCode, 409);
      assert.equal((await post(`/admin/newsletter/issues/${id}/send`, {})).statusCode, 409);
      assert.match((await get(`/admin/newsletter/issues/${id}/`)).body, /Diese Ausgabe ist verschickt/);
    });

    test('a scheduled issue goes out at its time through the job queue, not before; a time in the past is refused', async () => {
      const before = site.sink.mails.length;
      const created = await post('/admin/newsletter/issues/', { subject: 'Geplante Ausgabe', intro: 'Bis morgen.', articleIds: [String(ids[0])], action: 'save' });
      const id = Number(/issues\/(\d+)\//.exec(created.headers.location as string)![1]);
      const past = await post(`/admin/newsletter/issues/${id}`, { subject: 'Geplante Ausgabe', intro: 'Bis morgen.', articleIds: [String(ids[0])], scheduledAt: berlinLocal(new Date(site.now().getTime() - 3_600_000)), action: 'schedule' });
      assert.equal(past.statusCode, 422);
      assert.match(past.body, /id="issue-scheduledAt-error">Bitte einen Zeitpunkt in der Zukunft/);
      const when = berlinLocal(new Date(site.now().getTime() + 2 * 3_600_000));
      const scheduled = await post(`/admin/newsletter/issues/${id}`, { subject: 'Geplante Ausgabe', intro: 'Bis morgen.', articleIds: [String(ids[0])], scheduledAt: when, action: 'schedule' });
      assert.equal(scheduled.statusCode, 303);
      assert.match((await get(scheduled.headers.location as string)).body, /role="status">Geplant: Die Ausgabe geht am /);
      await site.runJobs();
      assert.equal(site.sink.mails.length, before, 'nothing before its time');
      site.advance(2 * 3_600_000 + 1000);
      await site.runJobs();
      const mails = site.sink.mails.slice(before);
      assert.deepEqual(mails.map((m) => m.header('subject')), ['Geplante Ausgabe'], 'bert, the one active reader left');
      const row = await site.db.selectFrom('newsletter_issues').select(['status', 'newsletter_id']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
      assert.ok(row.newsletter_id);
    });
  });
}
