// The author and tag pages through app.inject(), on SQLite and (npm test's second pass,
// BLATTWERK_TEST_HTTP_DB=postgres) PostgreSQL: who may open which page, a refused profile
// form (422, every wrong field marked, typed values kept, nothing saved), a saved one (303,
// notice, the public author page shows the change at once: its cached copy was dropped),
// an author on their own profile, tag add, edit and delete with confirmation, and hostile
// names rendering inert.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../../platform/testing.js';
import { createUser, type Role } from '../../platform/users.js';
import { createAudit } from '../audit.js';
import { ESCAPED, HOSTILE, SITE, assertInert, pageRequests } from './testkit.js';

const PASSWORD = 'passwort-passwort';

describe('author and tag pages', () => {
  let app: App;
  let db: HttpTestDatabase;
  const who = new Map<string, { cookie: string; csrf: string; id: number }>();

  const { get, post } = pageRequests(() => app, (name) => who.get(name)!);
  const inert = assertInert;

  before(async () => {
    db = await createHttpTestDatabase();
    app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
    const page = await app.http.inject({ method: 'GET', url: '/' });
    const anon = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
    const staff: [string, Role, string][] = [['eva', 'editor', `Eva ${HOSTILE}`], ['anton', 'author', 'Anton Author'], ['mo', 'moderator', 'Mo']];
    let ip = 1;
    for (const [name, role, display] of staff) {
      const user = await createUser(app.services.database.db, { email: `${name}@example.org`, password: PASSWORD, role, name: display });
      const login = await app.http.inject({
        method: 'POST', url: '/api/v1/session', remoteAddress: `10.8.0.${ip++}`,
        headers: { 'x-csrf-token': anon, origin: SITE }, payload: { email: `${name}@example.org`, password: PASSWORD },
      });
      assert.equal(login.statusCode, 200, login.body);
      who.set(name, { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken as string, id: user.id });
    }
  });

  after(async () => {
    await app?.close();
    await db?.drop();
  });

  test('the lists are for editors and up, with navigation entries for them only', async () => {
    for (const url of ['/admin/authors/', '/admin/authors/new/', '/admin/tags/']) {
      assert.equal((await get(null, url)).statusCode, 303, url);
      assert.equal((await get('anton', url)).statusCode, 403, `${url} as author`);
      assert.equal((await get('mo', url)).statusCode, 403, `${url} as moderator`);
      const res = await get('eva', url);
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['cache-control'], 'no-store');
      inert(res.body, url);
    }
    const nav = (await get('eva', '/admin/tags/')).body;
    assert.match(nav, /<a href="\/admin\/authors\/">Autor:innen<\/a>/);
    assert.match(nav, /<a href="\/admin\/tags\/" aria-current="page">Schlagwörter<\/a>/);
    const authorNav = (await get('anton', '/admin/account/')).body;
    assert.ok(!authorNav.includes('href="/admin/authors/"') && !authorNav.includes('href="/admin/tags/"'));
  });

  test('a profile form with mistakes comes back 422 with each field marked and what was typed; a right one saves', async () => {
    const created = await post('eva', '/admin/authors/', { name: 'Jana Beispiel', slug: '', 'bio.de': 'Alt.', 'bio.en': '', avatarMediaId: '', userId: String(who.get('anton')!.id) });
    assert.equal(created.statusCode, 303, created.body.slice(0, 500));
    const id = Number(/^\/admin\/authors\/(\d+)\/\?done=created$/.exec(String(created.headers.location))![1]);
    assert.match((await get('eva', `/admin/authors/${id}/?done=created`)).body, /<p class="notice" role="status">Das Profil wurde angelegt\./);
    // The public page is now cached.
    const first = await get(null, '/author/jana-beispiel/');
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Alt\./);

    const refused = await post('eva', `/admin/authors/${id}/`, {
      name: `Jana ${HOSTILE}`, slug: 'jana-beispiel', 'bio.de': `Neu ${HOSTILE}`, 'bio.en': '', avatarMediaId: '424242', userId: String(who.get('anton')!.id),
      'links[0].label': '', 'links[0].url': '',
      'links[1].label': 'Böse', 'links[1].url': 'javascript:alert(1)',
      'links[2].label': 'Gut', 'links[2].url': 'https://jana.example.org/',
      'books[0].title': 'Das Rathaus', 'books[0].url': 'https://example.org/buch', 'books[0].year': 'zwanzig',
    });
    assert.equal(refused.statusCode, 422);
    const body = refused.body;
    assert.match(body, /<p class="notice notice-error" role="alert">Nichts wurde gespeichert/);
    assert.match(body, /id="link-1-url" name="links\[1\]\.url" value="javascript:alert\(1\)" aria-describedby="link-1-url-error" aria-invalid="true"/);
    assert.match(body, /<span class="field-error" id="link-1-url-error">Bitte geben Sie eine vollständige Adresse an/);
    assert.ok(!/id="link-2-url"[^>]*aria-invalid/.test(body), 'the right link is not marked');
    assert.match(body, /id="book-0-year" name="books\[0\]\.year" value="zwanzig"[^>]*aria-invalid="true"/);
    assert.match(body, /<span class="field-error" id="book-0-year-error">Bitte geben Sie ein Jahr/);
    assert.match(body, /<fieldset class="field" id="author-avatar" aria-describedby="author-avatar-hint author-avatar-error" aria-invalid="true">/);
    assert.match(body, /<input type="radio" name="avatarMediaId" value="424242" checked>/, 'the typed choice is kept');
    assert.ok(body.includes(`value="Jana ${ESCAPED}"`) && body.includes(`>Neu ${ESCAPED}</textarea>`), 'typed values kept, escaped');
    inert(body, 'refused profile');
    const stored = (await app.services.content.store.authorBy('id', id))!;
    assert.equal(stored.name, 'Jana Beispiel', 'nothing saved');
    assert.deepEqual(stored.links, []);

    const saved = await post('eva', `/admin/authors/${id}/`, {
      name: 'Jana Neu', slug: 'jana-beispiel', 'bio.de': 'Neue Biografie.', 'bio.en': 'New biography.', avatarMediaId: '', userId: String(who.get('anton')!.id),
      'links[0].label': '', 'links[0].url': '', 'links[1].label': 'Website', 'links[1].url': 'https://jana.example.org/',
      'books[0].title': 'Das Rathaus', 'books[0].url': 'https://example.org/buch', 'books[0].year': '2024',
    });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 800));
    assert.equal(saved.headers.location, `/admin/authors/${id}/?done=saved`);
    const after = (await app.services.content.store.authorBy('id', id))!;
    assert.deepEqual(after.links, [{ label: 'Website', url: 'https://jana.example.org/' }]);
    assert.deepEqual(after.books, [{ title: 'Das Rathaus', url: 'https://example.org/buch', year: 2024 }]);
    const page = (await get('eva', `/admin/authors/${id}/?done=saved`)).body;
    assert.match(page, /role="status">Das Profil wurde gespeichert\./);
    assert.match(page, /id="link-0-label" name="links\[0\]\.label" value="Website"/);
    assert.match(page, /id="link-3-label" name="links\[3\]\.label" value=""/, 'empty rows for adding');
    const publicPage = await get(null, '/author/jana-beispiel/');
    assert.match(publicPage.body, /<h1 class="page-title">Jana Neu<\/h1>/, 'the cached page was dropped');
    assert.match(publicPage.body, /Neue Biografie\./);
    const list = (await get('eva', '/admin/authors/')).body;
    assert.match(list, new RegExp(`<a href="/admin/authors/${id}/">Jana Neu</a></td>\\n<td><a href="/author/jana-beispiel/">/author/jana-beispiel/</a></td>\\n<td>Anton Author</td>\\n<td>0</td>`));
    const log = await createAudit(app.services.database.db).list(20);
    assert.ok(log.some((e) => e.action === 'author.create' && e.target_id === String(id)));
    assert.ok(log.some((e) => e.action === 'author.update' && e.target_id === String(id)));
  });

  test('an author opens and saves their own profile from the account page, and no other', async () => {
    const account = (await get('anton', '/admin/account/')).body;
    const id = /<a href="\/admin\/authors\/(\d+)\/">Profil „Jana Neu“ bearbeiten<\/a>/.exec(account)?.[1];
    assert.ok(id, 'the account page links the own profile');
    const page = await get('anton', `/admin/authors/${id}/`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('name="userId"'), 'no account choice for the author');
    const saved = await post('anton', `/admin/authors/${id}/`, { name: 'Jana Selbst', slug: 'jana-beispiel', 'bio.de': 'Von mir.', userId: String(who.get('eva')!.id) });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    const after = (await app.services.content.store.authorBy('id', Number(id)))!;
    assert.equal(after.name, 'Jana Selbst');
    assert.equal(after.userId, who.get('anton')!.id, 'a userId field sent anyway is ignored');
    const other = await app.services.content.createAuthor({ name: 'Fremd' });
    assert.equal((await get('anton', `/admin/authors/${other.id}/`)).statusCode, 403);
    assert.equal((await post('anton', `/admin/authors/${other.id}/`, { name: 'Übernommen' })).statusCode, 403);
    assert.equal((await get('mo', `/admin/authors/${id}/`)).statusCode, 403);
    assert.equal((await get('eva', '/admin/authors/999999/')).statusCode, 404);
  });

  test('tags: add (refused and kept, then saved), edit, delete only with the confirmation', async () => {
    const bad = await post('eva', '/admin/tags/', { name: '', slug: 'Falsch Falsch', description: `Beschreibung ${HOSTILE}` });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /id="tag-new-name" name="name" maxlength="100" required aria-describedby="tag-new-name-error" aria-invalid="true"/);
    assert.match(bad.body, /id="tag-new-slug"[^>]*aria-invalid="true" value="Falsch Falsch"/);
    assert.ok(bad.body.includes(`>Beschreibung ${ESCAPED}</textarea>`));
    assert.equal((await app.services.content.store.allTags()).length, 0, 'nothing saved');

    const made = await post('eva', '/admin/tags/', { name: `Rat ${HOSTILE}`, slug: 'rat', description: '' });
    assert.equal(made.statusCode, 303);
    assert.equal(made.headers.location, '/admin/tags/?done=created');
    const tag = (await app.services.content.store.tagBy('slug', 'rat'))!;
    const author = (await app.services.content.store.allAuthors())[0]!;
    const article = await app.services.content.createArticle({ lang: 'de', title: 'Ratssitzung', body: [], status: 'published', authorIds: [author.id], tagIds: [tag.id] });
    const list = (await get('eva', '/admin/tags/?done=created')).body;
    assert.match(list, /role="status">Das Schlagwort wurde angelegt\./);
    assert.ok(list.includes(`>Rat ${ESCAPED}</a></td>\n<td><a href="/tag/rat/">/tag/rat/</a></td>\n<td></td>\n<td>1</td>`));
    inert(list, 'tag list with a hostile name');

    await app.services.content.createTag({ name: 'Haushalt' });
    const taken = await post('eva', `/admin/tags/${tag.id}/`, { name: 'Rat', slug: 'haushalt', description: 'd' });
    assert.equal(taken.statusCode, 422);
    assert.match(taken.body, /<span class="field-error" id="tag-slug-error">Diese Adresse ist bereits vergeben\.<\/span>/);
    assert.equal((await post('eva', `/admin/tags/${tag.id}/`, { name: 'Stadtrat', slug: 'rat', description: 'Alles aus dem Rat.' })).headers.location, '/admin/tags/?done=updated');
    assert.equal((await app.services.content.store.tagBy('id', tag.id))!.name, 'Stadtrat');
    assert.match((await get(null, '/tag/rat/')).body, /Stadtrat/);

    const unconfirmed = await post('eva', `/admin/tags/${tag.id}/delete`, {});
    assert.equal(unconfirmed.statusCode, 422);
    assert.match(unconfirmed.body, /id="tag-delete-confirm" name="confirm" value="yes" required aria-invalid="true"/);
    assert.ok(await app.services.content.store.tagBy('id', tag.id), 'not deleted');
    assert.equal((await post('anton', `/admin/tags/${tag.id}/delete`, { confirm: 'yes' })).statusCode, 403);
    const deleted = await post('eva', `/admin/tags/${tag.id}/delete`, { confirm: 'yes' });
    assert.equal(deleted.statusCode, 303);
    assert.equal(deleted.headers.location, '/admin/tags/?done=deleted');
    assert.deepEqual((await app.services.content.store.findBy('id', article.id))!.tags, []);
    assert.equal((await get('eva', `/admin/tags/${tag.id}/`)).statusCode, 404);
    const log = (await createAudit(app.services.database.db).list(20)).map((e) => e.action);
    assert.ok(log.includes('tag.create') && log.includes('tag.update') && log.includes('tag.delete'));
  });

  test('the pages speak English when the site does', async () => {
    const site = await app.services.settings.get('site');
    await app.services.settings.update('site', { ...site, language: 'en' });
    try {
      assert.match((await get('eva', '/admin/authors/')).body, /<h1 class="page-title">Authors<\/h1>/);
      assert.match((await get('eva', '/admin/tags/')).body, /<h2 id="tag-new-title">New tag<\/h2>/);
      assert.match((await get('eva', '/admin/authors/new/')).body, /<label for="author-bio-en">Short biography \(English\)<\/label>/);
    } finally {
      await app.services.settings.update('site', site);
    }
  });
});
