// Notifications end to end: the real app, jobs run by hand (`runOnce`), and a real SMTP
// conversation with an in-process server, on every configured database. The clock is
// ours, so "the same hour" is a fact of the test, not of timing.
import { systemCaller } from '../../platform/caller.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createUser } from '../../platform/users.js';
import { setCommentMail } from '../../platform/comment-mail.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../platform/testing.js';
import { notifyDb } from './tables.js';
import { signUnsubscribe } from './tokens.js';

const SITE = 'http://127.0.0.1:3000';

async function startSmtp() {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Nodemailer would upgrade to TLS and reject the server's self-signed certificate.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  // A client that dies mid-conversation (a killed server under test) resets its socket;
  // that is expected here, not a failure of the test.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// --- A small MIME reader (mailparser is not a dependency) ------------------------------

function splitHead(raw: string) {
  const at = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, at).replace(/\r?\n[ \t]+/g, ' ');
  const headers = head.split(/\r?\n/).map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()] as const);
  return { get: (name: string) => headers.find(([n]) => n === name)?.[1], body: raw.slice(at).replace(/^\r?\n\r?\n/, '') };
}

function decodeBody(body: string, encoding = '') {
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/\r\n/g, '\n');
    return Buffer.from(bytes.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  }
  if (/base64/i.test(encoding)) return Buffer.from(body, 'base64').toString('utf8');
  return body.replace(/\r\n/g, '\n');
}

function decodeWords(value: string) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, mode: string, text: string) =>
      mode.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
    );
}

function parseMail(to: string[], raw: string) {
  const top = splitHead(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(top.get('content-type') ?? '')?.[1];
  const parts = boundary ? top.body.split(`--${boundary}`).slice(1, -1).map((part) => splitHead(part.replace(/^\r?\n/, ''))) : [];
  const part = (type: string) => parts.find((p) => p.get('content-type')?.startsWith(type));
  const decoded = (type: string) => {
    const p = part(type);
    return p ? decodeBody(p.body, p.get('content-transfer-encoding')) : '';
  };
  return { to, header: top.get, subject: decodeWords(top.get('subject') ?? ''), text: decoded('text/plain'), html: decoded('text/html'), textType: part('text/plain')?.get('content-type') };
}

type Mail = ReturnType<typeof parseMail>;

for (const kind of testDatabaseKinds()) {
  describe(`notifications over SMTP [${kind}]`, () => {
    let app: App;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let testDb: TestDatabase;
    let clock = new Date('2026-05-01T10:00:00Z');
    let ipCounter = 1;
    let seen = 0;
    let articleId = 0;
    const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));

    before(async () => {
      smtp = await startSmtp();
      testDb = await createTestDatabase(kind);
      const flags = { data: testDb.dataDir, 'database-url': testDb.url, 'log-level': 'silent', workers: false, 'smtp-url': `smtp://127.0.0.1:${smtp.port}` };
      app = await buildApp(loadConfig({ flags, env: {} }), { now: () => clock });
      const { content, database } = app.services;
      const jana = await createUser(database.db, { email: 'jana@example.org', password: 'sehr-geheim-123', role: 'author', name: 'Jana Beispiel' });
      const author = await content.createAuthor({ name: 'Jana Beispiel' });
      await database.db.updateTable('authors').set({ user_id: jana.id }).where('id', '=', author.id).execute();
      // One mail per comment, as Jana chose (the default is an hourly digest: digest.test.ts).
      await setCommentMail(database.db, jana.id, 'each', new Date(clock.getTime() - 60_000));
      const article = await content.createArticle({
        lang: 'de', title: 'Stadtrat tagt', body: [{ type: 'paragraph', text: 'Der Stadtrat tagt heute.' }],
        status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [author.id], tagIds: [],
      });
      articleId = article.id;
      await createUser(database.db, { email: 'moderation@example.org', password: 'sehr-geheim-123', role: 'moderator', name: 'Moderation' });
    });

    after(async () => {
      await app.close();
      await smtp.close();
      await testDb.drop();
    });

    async function csrf(url = '/stadtrat-tagt/', cookie?: string) {
      const res = await app.http.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
      return { token: /name="csrf-token" content="([^"]+)"/.exec(res.body)![1]!, res };
    }

    async function comment(payload: { name?: string; email?: string; body: string; parentId?: number; notify?: boolean }, cookie?: string) {
      const { token } = await csrf('/stadtrat-tagt/', cookie);
      const res = await app.http.inject({
        method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: `10.9.0.${ipCounter++}`,
        headers: { 'x-csrf-token': token, origin: SITE, ...(cookie ? { cookie } : {}) }, payload,
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { id: number; status: 'published' | 'pending' };
    }

    /** Posts and approves if held: published either way, as a moderator would leave it. */
    async function published(payload: Parameters<typeof comment>[0]) {
      const posted = await comment(payload);
      if (posted.status === 'pending') await app.services.moderation.decide(systemCaller('Test'), [posted.id], 'approve');
      return posted.id;
    }

    /** Runs every due job, then answers the mails that arrived since the last call. */
    async function delivered(): Promise<Mail[]> {
      while ((await app.services.jobs.runOnce(50)) > 0);
      const fresh = smtp.received.slice(seen);
      seen = smtp.received.length;
      return fresh.map((m) => parseMail(m.to, m.raw));
    }

    const to = (mails: Mail[], address: string) => mails.filter((m) => m.to.includes(address));
    const subscription = (commentId: number) =>
      notifyDb(app.services.database.db).selectFrom('notify_subscriptions').selectAll().where('comment_id', '=', commentId).executeTakeFirst();
    const path = (url: string) => new URL(url).pathname;

    function assertWellFormed(mail: Mail) {
      assert.match(mail.header('list-unsubscribe') ?? '', /^<http:\/\/127\.0\.0\.1:3000\/notify\/unsubscribe\/[raq]\d+\.[\w-]{32}>$/);
      assert.equal(mail.header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
      assert.match(mail.header('message-id') ?? '', /^<notify\.\w+\.\d+@[^>]+>$/);
      assert.ok(!Number.isNaN(Date.parse(mail.header('date') ?? '')), 'Date header');
      assert.match(mail.header('content-type') ?? '', /^multipart\/alternative;/);
      const unsubscribe = mail.header('list-unsubscribe')!.slice(1, -1);
      assert.ok(mail.text.includes(unsubscribe) && mail.html.includes(unsubscribe), 'the unsubscribe link is in both parts');
    }

    test('a guest confirms by the link, gets exactly one mail per reply, and one click ends it', async () => {
      const lea = await comment({ name: 'Lea Leserin', email: 'lea@example.org', body: 'Ein erster Gedanke zum Stadtrat.', notify: true });
      assert.equal(lea.status, 'pending');
      assert.equal((await subscription(lea.id))?.status, 'pending');
      let mails = await delivered();
      assert.equal(to(mails, 'lea@example.org').length, 0, 'no confirmation mail while the comment is held');
      assert.equal(to(mails, 'moderation@example.org').length, 1, 'the moderator hears of the queue');

      await app.services.moderation.decide(systemCaller('Test'), [lea.id], 'approve');
      mails = await delivered();
      const confirmations = to(mails, 'lea@example.org');
      assert.equal(confirmations.length, 1);
      const confirmation = confirmations[0]!;
      assert.equal(confirmation.subject, 'Bitte bestätigen: Benachrichtigung bei Antworten');
      assertWellFormed(confirmation);
      const link = /http:\/\/127\.0\.0\.1:3000\/notify\/confirm\/[\w-]{43}/.exec(confirmation.text)![0];
      assert.ok(confirmation.html.includes(`href="${link}"`));
      const authorMails = to(mails, 'jana@example.org');
      assert.equal(authorMails.length, 1, 'the author hears of the new comment');
      assert.match(authorMails[0]!.subject, /Neuer Kommentar zu „Stadtrat tagt“/);
      assert.match(authorMails[0]!.text, /Ein erster Gedanke zum Stadtrat\./);
      assertWellFormed(authorMails[0]!);

      // Mail scanners follow links: the GET only shows a button.
      const page = await csrf(path(link));
      assert.equal(page.res.statusCode, 200);
      assert.match(page.res.body, /<form method="post" action="\/notify\/confirm\/[\w-]{43}">/);
      assert.equal(page.res.headers['referrer-policy'], 'same-origin');
      assert.equal((await subscription(lea.id))?.status, 'pending');
      const confirmed = await app.http.inject({
        method: 'POST', url: path(link), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
        payload: new URLSearchParams({ _csrf: page.token }).toString(),
      });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      assert.match(confirmed.body, /Danke! Sie werden benachrichtigt/);
      assert.equal((await subscription(lea.id))?.status, 'confirmed');

      later(5);
      const max = await published({ name: 'Max Muster', email: 'max@example.org', body: 'Da widerspreche ich entschieden.', parentId: lea.id });
      mails = await delivered();
      const replies = to(mails, 'lea@example.org');
      assert.equal(replies.length, 1, 'exactly one reply mail');
      const reply = replies[0]!;
      assertWellFormed(reply);
      assert.match(reply.header('list-unsubscribe')!, /\/notify\/unsubscribe\/r\d+\./);
      assert.equal(reply.subject, 'Max Muster hat auf Ihren Kommentar geantwortet');
      assert.match(reply.text, /^> Da widerspreche ich entschieden\.$/m);
      assert.ok(reply.text.includes(`${SITE}/stadtrat-tagt/comment/${max}/`));
      assert.ok(reply.html.includes('<p>Da widerspreche ich entschieden.</p>'));
      assert.ok(reply.html.includes(`href="${SITE}/stadtrat-tagt/comment/${max}/"`));
      assert.equal(to(await delivered(), 'lea@example.org').length, 0, 'and nothing more');

      // Her own reply in her thread is no news to her.
      await published({ name: 'Lea Leserin', email: 'lea@example.org', body: 'Ich bleibe dabei.', parentId: lea.id });
      assert.equal(to(await delivered(), 'lea@example.org').length, 0);

      // RFC 8058: the provider POSTs with no cookie, no CSRF token, no Origin.
      const oneClick = await app.http.inject({
        method: 'POST', url: path(reply.header('list-unsubscribe')!.slice(1, -1)),
        headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(oneClick.statusCode, 200, oneClick.body);
      assert.match(oneClick.body, /Sie erhalten diese E-Mails nicht mehr/);
      assert.equal((await subscription(lea.id))?.status, 'unsubscribed');
      // Providers may send multipart/form-data; a repeat is harmless.
      const multipart = await app.http.inject({
        method: 'POST', url: path(reply.header('list-unsubscribe')!.slice(1, -1)),
        headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
        payload: '--xyz\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--xyz--\r\n',
      });
      assert.equal(multipart.statusCode, 200, multipart.body);

      await published({ name: 'Max Muster', email: 'max@example.org', body: 'Und noch etwas.', parentId: lea.id });
      assert.equal(to(await delivered(), 'lea@example.org').length, 0, 'no mail after unsubscribing');
      // The old confirmation link does not revive it.
      const stale = await csrf(path(link));
      assert.doesNotMatch(stale.res.body, /<form method="post" action="\/notify\/confirm/);
      assert.equal((await subscription(lea.id))?.status, 'unsubscribed');
    });

    test('an unconfirmed subscription gets no reply mail; a confirmed address needs no second opt-in', async () => {
      const ute = await published({ name: 'Ute', email: 'ute@example.org', body: 'Gute Frage an den Rat.', notify: true });
      assert.equal(to(await delivered(), 'ute@example.org').length, 1, 'the confirmation mail');
      await published({ name: 'Max Muster', email: 'max@example.org', body: 'Antwort an Ute.', parentId: ute });
      assert.equal(to(await delivered(), 'ute@example.org').length, 0);
      assert.equal((await subscription(ute))?.status, 'pending');

      const again = await comment({ name: 'Lea Leserin', email: 'LEA@example.org', body: 'Noch ein Punkt zum Haushalt.', notify: true });
      assert.equal(again.status, 'published');
      assert.equal((await subscription(again.id))?.status, 'confirmed');
      assert.equal(to(await delivered(), 'lea@example.org').length, 0, 'no second confirmation mail');
      await published({ name: 'Max Muster', email: 'max@example.org', body: 'Welcher Haushalt?', parentId: again.id });
      assert.equal(to(await delivered(), 'lea@example.org').length, 1);
    });

    test('moderators get one queue mail per hour, however many comments wait', async () => {
      later(60);
      for (const n of [1, 2, 3]) {
        const held = await comment({ name: `Neu ${n}`, email: `neu${n}@example.org`, body: `Mein erster Kommentar, Nummer ${n}.` });
        assert.equal(held.status, 'pending');
      }
      const queue = to(await delivered(), 'moderation@example.org');
      assert.equal(queue.length, 1);
      assert.equal(queue[0]!.subject, '3 Kommentare warten auf Freigabe');
      assert.ok(queue[0]!.text.includes(`${SITE}/admin/comments/`));
      assertWellFormed(queue[0]!);
      later(20);
      await comment({ name: 'Neu 4', email: 'neu4@example.org', body: 'Noch ein erster Kommentar.' });
      const mails = await delivered();
      assert.equal(to(mails, 'moderation@example.org').length, 0, 'same hour: no second mail');
      assert.equal(to(mails, 'jana@example.org').length, 0, 'authors are not moderators');
      later(60);
      await comment({ name: 'Neu 5', email: 'neu5@example.org', body: 'Eine Stunde später.' });
      const next = to(await delivered(), 'moderation@example.org');
      assert.equal(next.length, 1);
      assert.equal(next[0]!.subject, '5 Kommentare warten auf Freigabe');
    });

    test('hostile names and bodies are escaped in the HTML mail and inert in the text', async () => {
      const victim = await comment({ name: 'Lea Leserin', email: 'lea@example.org', body: 'Ein Kommentar als Ziel.', notify: true });
      assert.equal((await subscription(victim.id))?.status, 'confirmed');
      await delivered(); // the author's mail about the victim's comment
      const name = '<script>window.__xss=1</script>Eve';
      const body = 'Siehe <script>window.__xss=1</script> und <img src=x onerror="window.__xss=1"> sowie [hier](javascript:window.__xss=1) **fett**';
      await published({ name, email: 'eve@example.org', body, parentId: victim.id });
      const mails = await delivered();
      const reply = to(mails, 'lea@example.org');
      const author = to(mails, 'jana@example.org');
      assert.equal(reply.length, 1);
      assert.equal(author.length, 1);
      if (process.env.NOTIFY_DUMP) (await import('node:fs')).writeFileSync(process.env.NOTIFY_DUMP, smtp.received.at(-1)!.raw);
      for (const mail of [reply[0]!, author[0]!]) {
        assert.doesNotMatch(mail.html, /<script|<img|href="javascript:|<a [^>]*onerror/i);
        assert.ok(mail.html.includes('&lt;script&gt;window.__xss=1&lt;/script&gt;Eve'));
        assert.ok(mail.html.includes('<strong>fett</strong>'));
        assert.match(mail.textType ?? '', /^text\/plain/);
        assert.ok(mail.text.includes(name), 'the text part shows the name as typed');
        assert.match(mail.text, /^> Siehe <script>window\.__xss=1<\/script>/m);
      }
      assert.equal(reply[0]!.subject, `${name} hat auf Ihren Kommentar geantwortet`);
    });

    test('staff are subscribed at once, hear of a reply once, and can opt out of author mails', async () => {
      const { token } = await csrf('/');
      const login = await app.http.inject({
        method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': token, origin: SITE },
        payload: { email: 'jana@example.org', password: 'sehr-geheim-123' },
      });
      assert.equal(login.statusCode, 200, login.body);
      const cookie = /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0];
      const mine = await comment({ body: 'Als Autorin ergänze ich: die Sitzung ist öffentlich.', notify: true }, cookie);
      assert.equal(mine.status, 'published');
      assert.equal((await subscription(mine.id))?.status, 'confirmed');
      assert.equal(to(await delivered(), 'jana@example.org').length, 0, 'no confirmation, no mail about her own comment');

      await published({ name: 'Max Muster', email: 'max@example.org', body: 'Danke für den Hinweis!', parentId: mine.id });
      const mails = to(await delivered(), 'jana@example.org');
      assert.equal(mails.length, 1, 'a reply mail, not also an author mail');
      assert.match(mails[0]!.subject, /hat auf Ihren Kommentar geantwortet/);

      await published({ name: 'Max Muster', email: 'max@example.org', body: 'Ein neuer Gedanke oben.' });
      const authorMail = to(await delivered(), 'jana@example.org')[0]!;
      assert.match(authorMail.header('list-unsubscribe')!, /\/notify\/unsubscribe\/a\d+\./);
      const unsubscribe = path(authorMail.header('list-unsubscribe')!.slice(1, -1));
      const page = await app.http.inject({ method: 'GET', url: unsubscribe });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /neue Kommentare zu Ihren Artikeln/);
      const click = await app.http.inject({ method: 'POST', url: unsubscribe, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
      assert.equal(click.statusCode, 200);
      await published({ name: 'Max Muster', email: 'max@example.org', body: 'Und noch ein Gedanke oben.' });
      assert.equal(to(await delivered(), 'jana@example.org').length, 0);
    });

    test('forged, stale or malformed tokens get a 404 page and change nothing', async () => {
      const db = notifyDb(app.services.database.db);
      const snapshot = async () => ({
        subscriptions: await db.selectFrom('notify_subscriptions').select(['id', 'status', 'token_hash']).orderBy('id').execute(),
        optouts: await db.selectFrom('notify_optouts').selectAll().orderBy('user_id').execute(),
      });
      const before = await snapshot();
      const { token } = await csrf('/');
      const unsubscribe = [
        `/notify/unsubscribe/r1.${'A'.repeat(32)}`,
        `/notify/unsubscribe/${signUnsubscribe('not-our-secret', { kind: 'reply', id: 1 })}`,
        `/notify/unsubscribe/${signUnsubscribe(app.services.secret, { kind: 'reply', id: 99_999 })}`,
        `/notify/unsubscribe/${signUnsubscribe(app.services.secret, { kind: 'queue', id: 99_999 })}`,
        '/notify/unsubscribe/garbage',
      ];
      for (const url of unsubscribe) {
        for (const method of ['GET', 'POST'] as const) {
          const res = await app.http.inject({ method, url, ...(method === 'POST' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' } : {}) });
          assert.equal(res.statusCode, 404, `${method} ${url}`);
          assert.match(res.body, /Link ungültig/);
        }
      }
      for (const url of [`/notify/confirm/${'A'.repeat(43)}`, '/notify/confirm/short']) {
        assert.equal((await app.http.inject({ method: 'GET', url })).statusCode, 404, url);
        const post = await app.http.inject({
          method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE }, payload: `_csrf=${token}`,
        });
        assert.equal(post.statusCode, 404, url);
        assert.match(post.body, /Link ungültig/);
      }
      assert.deepEqual(await snapshot(), before);
    });

    test('the article form offers the checkbox and passes it on', async () => {
      const page = await app.http.inject({ method: 'GET', url: '/stadtrat-tagt/' });
      assert.match(page.body, /<input type="checkbox" name="notify" value="1"/);
      const token = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
      const stamp = /name="stamp" value="([^"]+)"/.exec(page.body)![1]!;
      later(1);
      const res = await app.http.inject({
        method: 'POST', url: '/stadtrat-tagt/comments', remoteAddress: `10.9.1.${ipCounter++}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
        payload: new URLSearchParams({ _csrf: token, stamp, name: 'Formular', email: 'form@example.org', body: 'Über das Formular.', notify: '1' }).toString(),
      });
      assert.equal(res.statusCode, 303, res.body);
      const row = await app.services.database.db.selectFrom('comments').select('id').where('author_name', '=', 'Formular').executeTakeFirstOrThrow();
      assert.equal((await subscription(row.id))?.status, 'pending');
    });

    test('deleting a comment forgets its subscription, and the address once nothing else is left', async () => {
      const db = notifyDb(app.services.database.db);
      const { id } = await comment({ name: 'Dora', email: 'dora@example.org', body: 'Bitte später löschen.', notify: true });
      await app.services.moderation.decide(systemCaller('Test'), [id], 'approve');
      const [mail] = to(await delivered(), 'dora@example.org');
      const link = path(/http:\/\/127\.0\.0\.1:3000\/notify\/confirm\/[\w-]{43}/.exec(mail!.text)![0]);
      const page = await csrf(link);
      await app.http.inject({ method: 'POST', url: link, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE }, payload: `_csrf=${page.token}` });
      assert.equal((await subscription(id))?.status, 'confirmed');
      const addresses = async () => (await db.selectFrom('notify_addresses').select('email_hash').execute()).length;
      const before = await addresses();

      const row = await app.services.discussion.store.byId(id);
      await app.services.operations.removeComment({ kind: 'guest', sessionHash: row!.session_hash, ipHash: 'x' }, id);
      assert.equal(await subscription(id), undefined);
      assert.equal(await addresses(), before - 1);
      assert.equal((await csrf(link)).res.statusCode, 404, 'its confirmation link is dead too');
    });

    test('no job failed along the way', async () => {
      await delivered();
      const stats = await app.services.jobs.stats();
      assert.equal(stats.total.failed, 0, JSON.stringify(stats.kinds));
      assert.equal(stats.due, 0);
    });
  });
}
