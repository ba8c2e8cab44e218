// The newsroom's side: CSV import and export with consent times, sends to a topic,
// progress, bounces, refusals. Real SMTP; jobs run when the test says so.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../platform/testing.js';
import { parseCsv } from './csv.js';
import { SITE, startTestSite, type TestSite } from './harness.js';

const IMPORT = [
  'email,name,topics,status,confirmed_at',
  'anna@example.org,"Anna, die Erste",stadtrat,active,2025-01-02T10:00:00Z',
  'bert@example.org,=HYPERLINK("http://evil.example"),,active,2025-01-03',
  'carla@example.org,Carla,kultur,,2025-01-04T08:30:00+01:00',
  'dora@example.org,Dora,,active,',
  'not-an-address,X,,active,2025-01-01',
  'emil@example.org,Emil,,unsubscribed,',
  'bounce@example.org,Bouncer,,active,2025-01-05',
  'ANNA@example.org,Anna again,,active,2025-01-02',
  'fritz@example.org,Fritz,,pending,2025-01-01',
  'gina@example.org,Gina,,active,2999-01-01',
].join('\r\n');

for (const kind of testDatabaseKinds()) {
  describe(`newsletter admin [${kind}]`, () => {
    let site: TestSite;
    let staff: { cookie: string; csrf: string };
    let stadtratArticle = 0;

    before(async () => {
      site = await startTestSite(kind, { refuse: (to) => (to.startsWith('bounce@') ? 550 : null) });
      const { content, settings } = site.app.services;
      const stadtrat = await content.createTag({ name: 'Stadtrat', slug: 'stadtrat' });
      const kultur = await content.createTag({ name: 'Kultur', slug: 'kultur' });
      await settings.update('newsletter', { topics: ['stadtrat', 'kultur'] });
      const article = await content.createArticle({
        lang: 'de', title: 'Haushalt beschlossen', body: [{ type: 'paragraph', text: 'Text.' }], status: 'published',
        publishedAt: new Date('2026-05-03T10:00:00Z'), authorIds: [], tagIds: [stadtrat.id],
      });
      stadtratArticle = article.id;
      await content.createArticle({
        lang: 'de', title: 'Theaterfest', body: [{ type: 'paragraph', text: 'Kultur.' }], status: 'published',
        publishedAt: new Date('2026-05-02T10:00:00Z'), authorIds: [], tagIds: [kultur.id],
      });
      staff = await site.staff();
    });
    after(() => site.close());

    const api = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      site.app.http.inject({ method, url, headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, origin: SITE, ...headers }, ...(payload === undefined ? {} : { payload: payload as string }) });

    test('an import takes readers with a consent time and suppressions, and says what it refused', async () => {
      const res = await api('POST', '/api/v1/admin/subscribers/import', IMPORT, { 'content-type': 'text/csv' });
      assert.equal(res.statusCode, 200, res.body);
      const report = res.json();
      assert.equal(report.imported, 5, JSON.stringify(report));
      assert.equal(report.existing, 1);
      assert.deepEqual(report.errors.map((e: { row: number }) => e.row), [4, 5, 9, 10]);
      assert.match(report.errors[0].reason, /no consent time/);
      assert.match(report.errors[1].reason, /invalid e-mail/);
      assert.match(report.errors[2].reason, /status must be/);
      assert.match(report.errors[3].reason, /future/);
      const emil = await site.db.selectFrom('subscribers').selectAll().where('status', '=', 'unsubscribed').executeTakeFirstOrThrow();
      assert.equal(emil.email, null, 'an imported unsubscribe keeps only the hash');
      assert.equal(await site.runJobs(), 0, 'an import mails nobody');

      // The suppression holds: the form brings the address back only through a new opt-in.
      await site.form('/newsletter/', { email: 'emil@example.org' });
      const back = await site.db.selectFrom('subscribers').selectAll().where('id', '=', emil.id).executeTakeFirstOrThrow();
      assert.equal(back.status, 'pending');
      await site.runJobs();
      assert.match((await site.sink.waitFor((m) => m.length === 1))[0]!.header('subject')!, /Bitte bestätigen/);

      const broken = await api('POST', '/api/v1/admin/subscribers/import', 'email\n"never closed', { 'content-type': 'text/csv' });
      assert.equal(broken.statusCode, 400);
      assert.match(broken.json().error.code, /VALIDATION/);
      const noHeader = await api('POST', '/api/v1/admin/subscribers/import', 'anna@example.org\n', { 'content-type': 'text/csv' });
      assert.equal(noHeader.statusCode, 400);
    });

    test('the export is RFC 4180 with consent times, formula-safe, and imports back as known', async () => {
      const res = await api('GET', '/api/v1/admin/subscribers.csv');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.match(String(res.headers['content-disposition']), /attachment; filename="subscribers-2026-05-04\.csv"/);
      assert.ok(res.body.startsWith('\ufeffemail,name,topics,status,source,subscribed_at,confirmed_at,unsubscribed_at,bounced_at\r\n'));
      assert.match(res.body, /\r\nanna@example\.org,"Anna, die Erste",stadtrat,active,import,2025-01-02T10:00:00\.000Z,2025-01-02T10:00:00\.000Z,,\r\n/);
      assert.match(res.body, /\r\nbert@example\.org,"'=HYPERLINK\(""http:\/\/evil\.example""\)",,active,import,/, 'the formula is text');
      assert.match(res.body, /\r\ncarla@example\.org,Carla,kultur,active,import,2025-01-04T07:30:00\.000Z,2025-01-04T07:30:00\.000Z/);
      const rows = parseCsv(res.body);
      assert.equal(rows.length, 1 + 5, 'anna, bert, carla, bounce, emil (pending again); no erased addresses');
      const again = await api('POST', '/api/v1/admin/subscribers/import', res.body, { 'content-type': 'text/csv' });
      assert.equal(again.json().imported, 0);
      assert.equal(again.json().existing, 4, 'emil is pending, which an import does not take');
    });

    test('a topic send reaches that topic and readers without topics; a bounce marks the address', async () => {
      const start = await api('POST', '/api/v1/admin/newsletters', { articleId: stadtratArticle, topic: 'stadtrat' });
      assert.equal(start.statusCode, 202, start.body);
      const id = start.json().id as number;
      await site.runJobs();
      const progress = await api('GET', `/api/v1/admin/newsletters/${id}`);
      const p = progress.json();
      assert.deepEqual([p.status, p.total, p.sent, p.failed, p.queued], ['done', 3, 2, 1, 0], JSON.stringify(p));
      const got = site.sink.mails.filter((m) => m.header('subject') === 'Haushalt beschlossen').map((m) => m.to[0]).sort();
      assert.deepEqual(got, ['anna@example.org', 'bert@example.org'], 'carla chose kultur only');
      const bounced = await site.db.selectFrom('subscribers').selectAll().where('email', '=', 'bounce@example.org').executeTakeFirstOrThrow();
      assert.equal(bounced.status, 'bounced');
      assert.match(bounced.bounce_reason!, /550/);
      const failure = await site.db.selectFrom('newsletter_deliveries').selectAll().where('subscriber_id', '=', bounced.id).executeTakeFirstOrThrow();
      assert.equal(failure.status, 'failed');

      // The same issue again is a double click: refused. The digest goes to everyone left, once.
      const twice = await api('POST', '/api/v1/admin/newsletters', { articleId: stadtratArticle, topic: 'stadtrat' });
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json().error.code, 'NEWSLETTER_REPEAT');
      assert.equal(twice.json().error.field, 'articleId');
      const digest = await api('POST', '/api/v1/admin/newsletters', { digest: 'week' });
      assert.equal(digest.statusCode, 202, digest.body);
      await site.runJobs();
      const d = (await api('GET', `/api/v1/admin/newsletters/${digest.json().id}`)).json();
      assert.deepEqual([d.status, d.total, d.sent, d.failed], ['done', 3, 3, 0], 'the bounced address is not mailed again');
      const digestMail = site.sink.mails.find((m) => m.to[0] === 'carla@example.org' && /Die Woche bis/.test(m.header('subject')!))!;
      assert.match(digestMail.text, /Haushalt beschlossen[^]*Theaterfest/);
      const list = (await api('GET', '/api/v1/admin/newsletters')).json();
      assert.deepEqual(list.newsletters.map((n: { id: number }) => n.id), [digest.json().id, id]);
    });

    test('bad send requests are refused with the field at fault', async () => {
      for (const [payload, status, field] of [
        [{}, 400, 'articleId'],
        [{ articleId: 1, digest: 'week' }, 400, 'articleId'],
        [{ articleId: 99999 }, 404, 'articleId'],
        [{ articleId: '1' }, 400, 'articleId'],
        [{ digest: 'month' }, 400, 'digest'],
        [{ digest: 'week', topic: 'sport' }, 400, 'topic'],
        [{ articleId: stadtratArticle, extra: 1 }, 400, undefined],
      ] as [object, number, string | undefined][]) {
        const res = await api('POST', '/api/v1/admin/newsletters', payload);
        assert.equal(res.statusCode, status, `${JSON.stringify(payload)}: ${res.body}`);
        if (field) assert.equal(res.json().error.field, field, JSON.stringify(payload));
      }
      const unknown = await api('GET', '/api/v1/admin/newsletters/424242');
      assert.equal(unknown.statusCode, 404);
    });

    test('readers and anonymous callers cannot see or send', async () => {
      for (const [method, url] of [['GET', '/api/v1/admin/subscribers.csv'], ['GET', '/api/v1/admin/newsletters/1'], ['POST', '/api/v1/admin/newsletters']] as const) {
        const res = await site.app.http.inject({ method, url, headers: { origin: SITE }, ...(method === 'POST' ? { payload: { digest: 'week' } } : {}) });
        assert.equal(res.statusCode, 401, url);
      }
    });
  });
}
