// A digest that mails nothing must not end the author's digests for that article: its job's
// dedupe key stays taken once it has finished, so the key for the next one has to differ.
// The real app, jobs run by hand on our own clock, mail over a real SMTP conversation, on
// every configured database: comments removed or held before their digest ran, the author
// silent ("off") meanwhile, a digest the mail server refuses for good. Then, on the digest
// module with a queue of our own: a comment whose digest ran while it was being stored, and
// a digest retried after a failed send that is not doubled by comments meanwhile. And the
// upgrade: digests waiting under the old keys keep their hold under the new ones.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KyselyPlugin } from 'kysely';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { setCommentMail } from '../../platform/comment-mail.js';
import { createJobQueue, type Job, type JobsDatabase, type JobStatus } from '../../platform/jobs/index.js';
import { createUser } from '../../platform/users.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../platform/testing.js';
import { openDatabase } from '../../platform/db/index.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { allMigrations } from '../../migrations.js';
import { startSmtpSink, type SmtpSink } from '../../audience/testkit.js';
import { createDigests, DIGEST_JOB, digestKey } from './digest.js';
import { createNotifyStore } from './store.js';

for (const kind of testDatabaseKinds()) {
  describe(`a digest that mailed nothing, and the next one [${kind}]`, () => {
    let app: App;
    let smtp: SmtpSink;
    let testDb: TestDatabase;
    let clock = new Date('2026-05-01T10:00:00Z');
    let refuse: number | null = null;
    let seen = 0;
    let janaId = 0;
    let authorId = 0;
    let articles = 0;
    const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));
    const turn = () => new Promise((resolve) => setImmediate(resolve));

    before(async () => {
      smtp = await startSmtpSink({ refuse: (rcpt) => (rcpt.includes('jana@') ? refuse : null) });
      testDb = await createTestDatabase(kind);
      const flags = { data: testDb.dataDir, 'database-url': testDb.url, 'log-level': 'silent', workers: false, 'smtp-url': smtp.url };
      app = await buildApp(loadConfig({ flags, env: {} }), { now: () => clock });
      const { content, database } = app.services;
      janaId = (await createUser(database.db, { email: 'jana@example.org', password: 'sehr-geheim-123', role: 'author', name: 'Jana Beispiel' })).id;
      authorId = (await content.createAuthor({ name: 'Jana Beispiel' })).id;
      await database.db.updateTable('authors').set({ user_id: janaId }).where('id', '=', authorId).execute();
    });

    after(async () => {
      await app?.close();
      await smtp?.close();
      await testDb?.drop();
    });

    /** A fresh article by Jana, so each test has its own digests. */
    async function article(): Promise<number> {
      const n = ++articles;
      return (await app.services.content.createArticle({
        lang: 'de', title: `Stadtrat tagt ${n}`, body: [{ type: 'paragraph', text: 'Der Stadtrat tagt heute.' }],
        status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [authorId], tagIds: [],
      })).id;
    }

    /** A guest's comment as stored; `published` announces it as the post operation or an approval does. */
    async function comment(articleId: number, name: string, status: 'published' | 'pending' = 'published'): Promise<number> {
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`;
      return (await app.services.database.db
        .insertInto('comments')
        .values({
          article_id: articleId, parent_id: null, thread_id: null, depth: 0, author_name: name, author_email: email, identity: `email:${email}`,
          session_hash: null, user_id: null, body: `${name} meint etwas.`, html: `<p>${name} meint etwas.</p>`, status, likes: 0, ip_hash: 'ip', spam_score: 0,
          spam_reasons: '[]', created_at: clock.toISOString(), edited_at: null, deleted_at: null, pending_body: null, pending_html: null, pending_at: null,
          origin_handle: null, origin_url: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()).id;
    }
    async function published(articleId: number, commentId: number) {
      await turn(); // the author's rule is read once per turn
      await app.services.bus.emit('comment.published', { commentId, articleId, parentId: null });
    }
    const setStatus = (id: number, status: 'published' | 'pending' | 'deleted') => app.services.database.db.updateTable('comments').set({ status }).where('id', '=', id).execute();

    /** Runs every job due on our clock; answers the mails to Jana since the last call. */
    async function delivered() {
      while ((await app.services.jobs.runOnce(50)) > 0);
      const fresh = smtp.mails.slice(seen);
      seen = smtp.mails.length;
      return fresh.filter((m) => m.to.includes('jana@example.org'));
    }
    const digestJobs = (status: JobStatus) =>
      app.services.database.db.withTables<JobsDatabase>().selectFrom('jobs').select('dedupe_key').where('kind', '=', DIGEST_JOB).where('status', '=', status).execute();

    test('its comments removed before it ran: nothing mailed, and the next comment gets its digest', async () => {
      const a = await article();
      const first = await comment(a, 'Anna');
      await published(a, first);
      await setStatus(first, 'deleted');
      later(61);
      assert.equal((await delivered()).length, 0, 'nothing to mail');
      await published(a, await comment(a, 'Bernd'));
      assert.equal((await digestJobs('queued')).length, 1, 'a digest waits for Bernd');
      later(61);
      const mails = await delivered();
      assert.equal(mails.length, 1);
      assert.match(mails[0]!.text, /Bernd:/);
      assert.ok(!mails[0]!.text.includes('Anna'), 'the removed comment is not mailed');
    });

    test('its comment held before it ran and approved after: mailed in a later digest, once', async () => {
      const a = await article();
      const held = await comment(a, 'Carla');
      await published(a, held);
      await setStatus(held, 'pending');
      later(61);
      assert.equal((await delivered()).length, 0);
      await setStatus(held, 'published'); // a moderator approves it
      await published(a, held);
      later(61);
      const mails = await delivered();
      assert.equal(mails.length, 1);
      assert.match(mails[0]!.text, /Carla:/);
      await published(a, await comment(a, 'Dora'));
      later(61);
      const next = await delivered();
      assert.equal(next.length, 1);
      assert.match(next[0]!.text, /Dora:/);
      assert.ok(!next[0]!.text.includes('Carla'), 'not mailed twice');
    });

    test('the author chose none before it ran; back on hourly, the next comment gets a digest', async () => {
      const a = await article();
      await published(a, await comment(a, 'Emil'));
      await setCommentMail(app.services.database.db, janaId, 'off', clock);
      later(61);
      assert.equal((await delivered()).length, 0, 'none');
      later(1);
      await setCommentMail(app.services.database.db, janaId, 'hourly', clock);
      await published(a, await comment(a, 'Frieda'));
      later(61);
      const mails = await delivered();
      assert.equal(mails.length, 1);
      assert.match(mails[0]!.text, /Frieda:/);
    });

    test('refused for good by the mail server: the next digest carries that comment and the new one', async () => {
      const a = await article();
      await published(a, await comment(a, 'Gustav'));
      refuse = 550;
      later(61);
      assert.equal((await delivered()).length, 0);
      assert.equal((await digestJobs('failed')).length, 1, 'the job failed for good');
      refuse = null;
      await published(a, await comment(a, 'Hanna'));
      later(61);
      const mails = await delivered();
      assert.equal(mails.length, 1);
      assert.match(mails[0]!.text, /Gustav:/);
      assert.match(mails[0]!.text, /Hanna:/);
    });

    describe('the digest module on a queue of its own', () => {
      type Sent = { articleId: number; names: string[] };
      let sent: Sent[] = [];
      let failSend: Error | null = null;
      /** Runs once, after the digest job read the comments it will mail. */
      let afterRead: (() => Promise<void>) | null = null;

      let digests: ReturnType<typeof createDigests>;
      let queue: ReturnType<typeof createJobQueue>;

      before(() => {
        const { database } = app.services;
        const reads = new WeakSet<object>();
        const watching: KyselyPlugin = {
          transformQuery({ node, queryId }) {
            // The handler's read of the comments to mail: a select from comments joined to users.
            const text = JSON.stringify(node);
            if (node.kind === 'SelectQueryNode' && text.includes('"name":"comments"') && text.includes('"name":"users"') && text.includes('"name":"author_email"')) reads.add(queryId);
            return node;
          },
          async transformResult({ result, queryId }) {
            if (afterRead && reads.has(queryId)) {
              const hook = afterRead;
              afterRead = null;
              await hook();
            }
            return result;
          },
        };
        const db = database.db.withPlugin(watching);
        queue = createJobQueue(database, { logger: { info() {}, warn() {}, error() {} }, now: () => clock, nodeId: 'digest-test', maxAttempts: 2 });
        digests = createDigests({ db, jobs: queue, store: createNotifyStore(database.db), now: () => clock });
        const handle = digests.handler(async (_user, article, comments) => {
          if (failSend) throw failSend;
          sent.push({ articleId: article.id, names: comments.map((c) => c.author_name) });
        });
        queue.register(DIGEST_JOB, (job: Job<{ userId: number; articleId: number }>) => handle(job));
      });

      const run = async () => {
        while ((await queue.runOnce(50)) > 0);
      };
      const announce = async (articleId: number, name: string) => {
        await turn();
        const id = await comment(articleId, name);
        await digests.onComment(articleId, janaId, id);
        return id;
      };

      test('a comment stored while its digest ran and found nothing gets the next digest', async () => {
        sent = [];
        const a = await article();
        const removed = await announce(a, 'Ines');
        await setStatus(removed, 'deleted');
        // Stored after the job read the comments, announced before it finished: its own
        // attempt to ask for a digest finds the running job's key taken.
        afterRead = async () => {
          await announce(a, 'Jakob');
        };
        later(61);
        await run();
        assert.equal(afterRead, null, 'the comment came while the job ran');
        assert.deepEqual(sent, []);
        later(61);
        await run();
        assert.deepEqual(sent, [{ articleId: a, names: ['Jakob'] }]);
      });

      test('a send that fails and is retried: comments meanwhile wait for that retry, and are mailed once', async () => {
        sent = [];
        const a = await article();
        await announce(a, 'Karl');
        failSend = Object.assign(new Error('451 try again later'), { permanent: false });
        later(61);
        await run();
        failSend = null;
        await announce(a, 'Lena');
        await announce(a, 'Moritz');
        const waiting = await app.services.database.db.withTables<JobsDatabase>().selectFrom('jobs').select('id').where('kind', '=', DIGEST_JOB).where('status', '=', 'queued').execute();
        assert.equal(waiting.length, 1, 'only the retry waits');
        later(120);
        await run();
        assert.deepEqual(sent, [{ articleId: a, names: ['Karl', 'Lena', 'Moritz'] }]);
        later(120);
        await run();
        assert.equal(sent.length, 1, 'nothing mailed twice');
      });

      test('a send that fails on every attempt up to the last: the next comment gets a digest carrying both', async () => {
        sent = [];
        const a = await article();
        await announce(a, 'Nora');
        failSend = Object.assign(new Error('451 try again later'), { permanent: false });
        later(61);
        await run();
        later(120);
        await run(); // the second attempt is the last (maxAttempts 2)
        failSend = null;
        assert.equal((await digestJobs('failed')).length, 2, 'this one and the one the mail server refused');
        await announce(a, 'Otto');
        later(61);
        await run();
        assert.deepEqual(sent, [{ articleId: a, names: ['Nora', 'Otto'] }]);
      });
    });
  });
}

for (const kind of testDatabaseKinds()) {
  test(`0086: digests waiting under the old keys (last mailed comment) wait under the new ones [${kind}]`, async () => {
    const testDb = await createTestDatabase(kind);
    const handle = await openDatabase(testDb.url);
    try {
      await migrateToLatest(handle, allMigrations.filter((m) => m.name < '0086'));
      const jobs = handle.db.withTables<JobsDatabase>();
      const job = (key: string, payload: object, status: 'queued' | 'done') =>
        jobs.insertInto('jobs').values({ kind: DIGEST_JOB, payload: JSON.stringify(payload), run_at: '2026-05-01T11:00:00.000Z', max_attempts: 8, status, dedupe_key: key, created_at: '2026-05-01T10:00:00.000Z', locked_by: null, locked_until: null, last_error: null, finished_at: null }).execute();
      await job('digest:7:3:0', { userId: 7, articleId: 3 }, 'done'); // the old kind of key taken for good
      await job('digest:7:3:12', { userId: 7, articleId: 3 }, 'queued');
      await job('digest:7:3:15', { userId: 7, articleId: 3 }, 'queued'); // moved by "every comment" meanwhile
      await job('digest:8:3:4', { userId: 8, articleId: 3 }, 'queued');
      await migrateToLatest(handle, allMigrations);
      const keys = (await jobs.selectFrom('jobs').select('dedupe_key').orderBy('id').execute()).map((row) => row.dedupe_key);
      assert.deepEqual(keys, ['digest:7:3:0', digestKey(7, 3, 0), 'digest:7:3:15', digestKey(8, 3, 0)]);
    } finally {
      await handle.close();
      await testDb.drop();
    }
  });
}
