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
    const { content, discussion, settings, database } = app.services;
    await settings.update('discussion', { policy: 'all' });
    const a = await content.createArticle({ lang: 'de', title: 'Viel gelesen', body: [], status: 'published', authorIds: [], tagIds: [] });
    await content.createArticle({ lang: 'de', title: 'Wenig gelesen', body: [], status: 'published', authorIds: [], tagIds: [] });
    await discussion.post({ articleId: a.id, name: 'Lea', email: 'lea@example.org', body: 'Wartet', sessionHash: null, ipHash: 'x' });
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
