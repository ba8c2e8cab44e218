// The dashboard counts page views without cookies, skips bots, and shows what waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createUser } from '../platform/users.js';
import { createHttpTestDatabase } from '../platform/testing.js';

test('page views (no cookies, bots skipped), comments per day, top articles and queues', async () => {
  const db = await createHttpTestDatabase();
  const app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  try {
    const { content, operations, settings, database } = app.services;
    await settings.update('discussion', { policy: 'all' });
    const a = await content.createArticle({ lang: 'de', title: 'Viel gelesen', body: [], status: 'published', authorIds: [], tagIds: [] });
    await content.createArticle({ lang: 'de', title: 'Wenig gelesen', body: [], status: 'published', authorIds: [], tagIds: [] });
    await operations.postComment({ kind: 'guest', sessionHash: null, ipHash: 'x' }, a.id, { body: 'Wartet', parentId: null, name: 'Lea', email: 'lea@example.org', notify: false });
    const browser = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' };
    for (let i = 0; i < 5; i++) await app.http.inject({ method: 'GET', url: '/viel-gelesen/', headers: browser });
    await app.http.inject({ method: 'GET', url: '/wenig-gelesen/?utm_source=x', headers: browser });
    await app.http.inject({ method: 'GET', url: '/viel-gelesen/', headers: { 'user-agent': 'Googlebot/2.1' } });
    const res = await app.http.inject({ method: 'GET', url: '/viel-gelesen/', headers: browser });
    assert.equal(res.headers['set-cookie'], undefined, 'reading sets no cookie');
    await createUser(database.db, { email: 'chef@example.org', password: 'passwort-passwort', role: 'admin' });
    const page = await app.http.inject({ method: 'GET', url: '/' });
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
    const login = await app.http.inject({ method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': csrf, origin: 'http://127.0.0.1:3000' }, payload: { email: 'chef@example.org', password: 'passwort-passwort' } });
    const cookie = /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0];
    const dash = (await app.http.inject({ method: 'GET', url: '/api/v1/admin/dashboard', headers: { cookie } })).json();
    assert.deepEqual(dash.topArticles.map((t: { slug: string; views: number }) => [t.slug, t.views]), [['viel-gelesen', 6], ['wenig-gelesen', 1]]);
    assert.equal(dash.viewsPerDay.reduce((sum: number, d: { views: number }) => sum + d.views, 0) >= 6, true);
    assert.equal(dash.queues.pendingComments, 1);
    const stored = await database.db.selectFrom('page_views' as never).selectAll().execute();
    assert.ok(JSON.stringify(stored).indexOf('Mozilla') === -1, 'nothing about the visitor is stored');
  } finally {
    await app.close();
    await db.drop();
  }
});

test('the period: ?days=7|30|90 (30 by default), anything else 400; UTC days, today the last; top articles link the editor for who may edit', async () => {
  let clock = new Date('2026-03-23T23:59:00Z');
  const db = await createHttpTestDatabase();
  const app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }), { now: () => clock });
  try {
    const { content, operations, settings, database } = app.services;
    await settings.update('discussion', { policy: 'none' });
    const article = await content.createArticle({ lang: 'de', title: 'Stadtrat tagt', body: [], status: 'published', authorIds: [], tagIds: [] });
    const old = await content.createArticle({ lang: 'de', title: 'Alte Geschichte', body: [], status: 'published', authorIds: [], tagIds: [] });
    // One comment a minute before midnight (UTC) on the 23rd, one a minute after.
    await operations.postComment({ kind: 'guest', sessionHash: null, ipHash: 'a' }, article.id, { body: 'Am Abend', parentId: null, name: 'Lea', email: 'lea@example.org', notify: false });
    clock = new Date('2026-03-24T00:01:00Z');
    await operations.postComment({ kind: 'guest', sessionHash: null, ipHash: 'b' }, article.id, { body: 'Nach Mitternacht', parentId: null, name: 'Max', email: 'max@example.org', notify: false });
    clock = new Date('2026-03-30T12:00:00Z');
    await database.db
      .insertInto('page_views' as never)
      .values([
        { day: '2026-03-30', path: '/stadtrat-tagt/', views: 3 },
        { day: '2026-03-24', path: '/stadtrat-tagt/', views: 2 },
        { day: '2026-03-23', path: '/alte-geschichte/', views: 100 },
        { day: '2026-01-30', path: '/alte-geschichte/', views: 1000 },
      ] as never)
      .execute();
    await createUser(database.db, { email: 'chef@example.org', password: 'passwort-passwort', role: 'editor' });
    await createUser(database.db, { email: 'mo@example.org', password: 'passwort-passwort', role: 'moderator' });
    const signIn = async (email: string) => {
      const page = await app.http.inject({ method: 'GET', url: '/', headers: { 'user-agent': 'curl/8' } }); // not a counted view
      const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
      const login = await app.http.inject({ method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': csrf, origin: 'http://127.0.0.1:3000' }, payload: { email, password: 'passwort-passwort' } });
      return /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0];
    };
    const chef = await signIn('chef@example.org');
    const mo = await signIn('mo@example.org');
    const api = (query: string, cookie = chef) => app.http.inject({ method: 'GET', url: `/api/v1/admin/dashboard${query}`, headers: { cookie } });

    const week = (await api('?days=7')).json();
    assert.deepEqual([week.days, week.from, week.to], [7, '2026-03-24', '2026-03-30']);
    assert.deepEqual(week.viewsPerDay, [{ day: '2026-03-24', views: 2 }, { day: '2026-03-30', views: 3 }]);
    assert.deepEqual(week.commentsPerDay, [{ day: '2026-03-24', comments: 1 }]);
    assert.deepEqual(week.topArticles.map((a: { slug: string; views: number; mayEdit: boolean }) => [a.slug, a.views, a.mayEdit]), [['stadtrat-tagt', 5, true]]);

    const month = (await api('')).json();
    assert.deepEqual([month.days, month.from, month.to], [30, '2026-03-01', '2026-03-30']);
    assert.deepEqual(month.commentsPerDay, [{ day: '2026-03-23', comments: 1 }, { day: '2026-03-24', comments: 1 }]);
    assert.deepEqual(month.topArticles.map((a: { slug: string; views: number }) => [a.slug, a.views]), [['alte-geschichte', 100], ['stadtrat-tagt', 5]]);
    const quarter = (await api('?days=90')).json();
    assert.equal(quarter.topArticles[0].views, 1100);
    assert.equal((await api('?days=90', mo)).json().topArticles[0].mayEdit, false, 'a moderator edits no article');

    for (const query of ['?days=14', '?days=abc', '?days=', '?days=7&days=30', '?days=-7', '?days=007']) {
      const res = await api(query);
      assert.equal(res.statusCode, 400, query);
      assert.equal(res.json().error.code, 'VALIDATION', query);
    }

    // The page: a chart of the chosen period, the table under it, the period links.
    const html = (query: string, cookie = chef) => app.http.inject({ method: 'GET', url: `/admin/${query}`, headers: { cookie, accept: 'text/html' } });
    const page = await html('?days=7');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2 id="top-title">Meistgelesen \(7 Tage\)<\/h2>/);
    assert.match(page.body, /<svg class="admin-chart"[^>]* role="img" aria-labelledby="per-day-chart-title per-day-chart-desc">/);
    assert.match(page.body, /<a href="\/admin\/\?days=7" aria-current="page">7 Tage<\/a>/);
    assert.match(page.body, /<a href="\/stadtrat-tagt\/">Stadtrat tagt<\/a>.*<a class="admin-top-edit" href="\/admin\/articles\/\d+\/"/);
    // Seven rows, the days without data as 0, newest first.
    const rows = [...page.body.matchAll(/<tr><th scope="row"><time datetime="([^"]+)">[^<]+<\/time><\/th><td>([^<]+)<\/td><td>([^<]+)<\/td><\/tr>/g)].map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(rows.map((r) => r[0]), ['2026-03-30', '2026-03-29', '2026-03-28', '2026-03-27', '2026-03-26', '2026-03-25', '2026-03-24']);
    assert.deepEqual(rows.at(-1), ['2026-03-24', '2', '1']);
    assert.deepEqual(rows[1], ['2026-03-29', '0', '0']);
    assert.ok(!/ style=/.test(page.body), 'no inline style (CSP)');
    assert.ok(!(await html('?days=90', mo)).body.includes('admin-top-edit'), 'no editor link for a moderator');
    const refused = await html('?days=365');
    assert.equal(refused.statusCode, 400);
  } finally {
    await app.close();
    await db.drop();
  }
});
