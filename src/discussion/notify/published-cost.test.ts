// What a published comment costs the notification chain (issue 16), on every configured
// database: a guest's comment the post operation announces is not read back and has no
// subscription to look up; while an author's digest job waits, further comments do not ask
// for it again, nor insert it again once it is overdue on a node that runs no jobs; the author's mail rule is one statement; an approved comment (not announced) still goes the long way. The chain runs
// on its own bus here, so the app's listener stays out of the count.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createEventBus } from '../../platform/events.js';
import { createUser } from '../../platform/users.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../platform/testing.js';
import { connectNotifications, type Notifications } from './connect.js';
import { commentMailFor, DIGEST_JOB, digestKey } from './digest.js';
import { createNotifyStore } from './store.js';
import { setCommentMail } from '../../platform/comment-mail.js';
import type { JobsDatabase } from '../../platform/jobs/index.js';

/** The tables each statement names, in order ("select:comments,articles,users"). */
function recorder(seen: string[]): KyselyPlugin {
  return {
    transformQuery({ node }: { node: RootOperationNode }) {
      const tables = [...JSON.stringify(node).matchAll(/"kind":"IdentifierNode","name":"(\w+)"\}\}/g)].map((m) => m[1]);
      seen.push(`${node.kind.replace('QueryNode', '').toLowerCase()}:${[...new Set(tables)].join(',')}`);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
}

for (const kind of testDatabaseKinds()) {
  describe(`a published comment's notification statements [${kind}]`, () => {
    let app: App;
    let testDb: TestDatabase;
    let clock = new Date('2026-05-01T10:00:00Z');
    let articleId = 0;
    let janaId = 0;
    const seen: string[] = [];
    let bus = createEventBus({ error: (e) => console.error(e) });
    let enqueued: { kind: string; key: string | undefined }[] = [];
    /** Times the chain asked whether a job waits (`JobQueue.waiting`). */
    let asked = 0;

    /** The chain as one process has it: its own memory, the app's database and queue. */
    const chain = (): Notifications => {
      bus = createEventBus({ error: (e) => console.error(e) });
      const { database, jobs, mailer, settings, secret, logger } = app.services;
      return connectNotifications({
        db: database.db.withPlugin(recorder(seen)), bus, mailer, settings, secret, publicUrl: 'http://127.0.0.1:3000', logger, now: () => clock,
        jobs: {
          enqueue: (kind, payload, options, tx) => (enqueued.push({ kind, key: options?.dedupeKey }), jobs.enqueue(kind, payload, options, tx)),
          waiting: (key) => (asked++, jobs.waiting(key)),
          register: () => undefined, // the app's own chain handles the jobs
        },
      });
    };

    const comment = async (email: string, status: 'published' | 'pending' = 'published') => {
      const row = await app.services.database.db
        .insertInto('comments')
        .values({
          article_id: articleId, parent_id: null, thread_id: null, depth: 0, author_name: 'Gast', author_email: email, identity: `email:${email}`,
          session_hash: null, user_id: null, body: 'Ein Kommentar.', html: '<p>Ein Kommentar.</p>', status, likes: 0, ip_hash: 'ip', spam_score: 0,
          spam_reasons: '[]', created_at: clock.toISOString(), edited_at: null, deleted_at: null, pending_body: null, pending_html: null, pending_at: null,
          origin_handle: null, origin_url: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    };
    const published = async (commentId: number) => {
      seen.length = 0;
      enqueued = [];
      asked = 0;
      await bus.emit('comment.published', { commentId, articleId, parentId: null });
      return [...seen];
    };
    const touches = (statements: string[], table: string) => statements.some((s) => s.split(':')[1]!.split(',').includes(table));

    before(async () => {
      testDb = await createTestDatabase(kind);
      const flags = { data: testDb.dataDir, 'database-url': testDb.url, 'log-level': 'silent', workers: false };
      app = await buildApp(loadConfig({ flags, env: {} }), { now: () => clock });
      const { content, database } = app.services;
      const jana = await createUser(database.db, { email: 'jana@example.org', password: 'sehr-geheim-123', role: 'author', name: 'Jana Beispiel' });
      janaId = jana.id;
      const author = await content.createAuthor({ name: 'Jana Beispiel' });
      await database.db.updateTable('authors').set({ user_id: jana.id }).where('id', '=', author.id).execute();
      articleId = (await content.createArticle({
        lang: 'de', title: 'Stadtrat tagt', body: [{ type: 'paragraph', text: 'Der Stadtrat tagt heute.' }],
        status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [author.id], tagIds: [],
      })).id;
    });

    after(async () => {
      await app?.close();
      await testDb?.drop();
    });

    test("an announced guest's comment: not read back, no subscription looked up, the digest asked for", async () => {
      const notify = chain();
      const id = await comment('lea@example.org');
      notify.announcing({ commentId: id, userId: null, authorEmail: 'Lea@Example.org' });
      const statements = await published(id);
      assert.ok(!touches(statements, 'notify_subscriptions'), statements.join('\n'));
      assert.ok(!touches(statements, 'comments'), statements.join('\n'));
      assert.deepEqual(enqueued, [{ kind: DIGEST_JOB, key: digestKey(janaId, articleId, 0) }]);
    });

    test('while that digest waits, the next comments ask for neither the mark nor the job', async () => {
      const notify = chain(); // another process: the job exists, this one learns when it is due
      const first = await comment('max@example.org');
      notify.announcing({ commentId: first, userId: null, authorEmail: 'max@example.org' });
      await published(first);
      assert.equal(asked, 1, 'asked when it is due');
      assert.deepEqual(enqueued, [], 'not inserted again');
      clock = new Date(clock.getTime() + 58 * 60_000);
      // The rule is read once per turn of the event loop (a group commit's comments share it).
      await new Promise((resolve) => setImmediate(resolve));
      const next = await comment('max@example.org');
      notify.announcing({ commentId: next, userId: null, authorEmail: 'max@example.org' });
      const statements = await published(next);
      assert.ok(!touches(statements, 'notify_digests'), statements.join('\n'));
      assert.deepEqual(enqueued, []);
      // The author may have changed her choice: still read, her choice and her unsubscribe in one statement.
      const rule = statements.filter((s) => touches([s], 'staff_mail_prefs') || touches([s], 'notify_optouts'));
      assert.equal(rule.length, 1, statements.join('\n'));
      assert.ok(touches(rule, 'staff_mail_prefs') && touches(rule, 'notify_optouts'), rule[0]);
      // The last minute before it is due belongs to the database: asked, and not inserted again.
      clock = new Date(clock.getTime() + 60_000);
      const late = await comment('max@example.org');
      notify.announcing({ commentId: late, userId: null, authorEmail: 'max@example.org' });
      await published(late);
      assert.equal(asked, 1);
      assert.deepEqual(enqueued, []);
      clock = new Date(clock.getTime() + 5 * 60_000);
      while ((await app.services.jobs.runOnce()) > 0);
    });

    test('a digest overdue where no node runs jobs is not inserted again by each comment; once it has run, the next comment asks for a new one', async () => {
      const { db } = app.services.database;
      const queued = async () => (await db.withTables<JobsDatabase>().selectFrom('jobs').select('dedupe_key').where('kind', '=', DIGEST_JOB).where('status', '=', 'queued').execute()).map((row) => row.dedupe_key);
      const turn = () => new Promise((resolve) => setImmediate(resolve));
      const post = async (email: string) => {
        await turn(); // each its own group commit: the rule is read once per turn
        const id = await comment(email);
        notify.announcing({ commentId: id, userId: null, authorEmail: email });
        await published(id);
        return id;
      };
      clock = new Date(clock.getTime() + 2 * 3_600_000);
      while ((await app.services.jobs.runOnce()) > 0);
      assert.deepEqual(await queued(), [], 'no digest waits');
      const notify = chain(); // a web-only node (`serve --workers false`): nothing here works the queue
      await post('ida@example.org');
      assert.equal(enqueued.length, 1);
      const key = enqueued[0]!.key;
      // Three hours on, the job is long due and nobody ran it: every comment is in it already.
      clock = new Date(clock.getTime() + 3 * 3_600_000);
      let last = 0;
      for (let n = 1; n <= 5; n++) {
        last = await post(`leser${n}@example.org`);
        assert.deepEqual(enqueued, [], `comment ${n}: the waiting job is not inserted again`);
        assert.equal(asked, 1, 'whether it still waits is asked (it may have run on another node)');
      }
      assert.deepEqual(await queued(), [key]);
      const job = (await db.withTables<JobsDatabase>().selectFrom('jobs').select('id').where('dedupe_key', '=', key!).executeTakeFirstOrThrow()).id;
      // A node that works the queue runs it: it mails all six, and the mark moves past them and it.
      while ((await app.services.jobs.runOnce()) > 0);
      const mark = await db.selectFrom('notify_digests' as never).select(['last_comment_id', 'last_job_id'] as never[]).where('user_id' as never, '=', janaId as never).where('article_id' as never, '=', articleId as never).executeTakeFirst();
      assert.deepEqual(mark, { last_comment_id: last, last_job_id: job });
      assert.deepEqual(await queued(), []);
      // The next comment on the web-only node: a new digest, under the moved mark.
      await post('ida@example.org');
      assert.deepEqual(enqueued, [{ kind: DIGEST_JOB, key: digestKey(janaId, articleId, job) }]);
      assert.deepEqual(await queued(), [digestKey(janaId, articleId, job)]);
    });

    test('the author writing as a guest under her own address: no digest, as from the database', async () => {
      const notify = chain();
      const id = await comment('jana@example.org');
      notify.announcing({ commentId: id, userId: null, authorEmail: ' Jana@Example.org' });
      await published(id);
      assert.deepEqual(enqueued, []);
    });

    test("the author's rule, read in one statement: the later of her choice and her unsubscribe wins", async () => {
      const { db } = app.services.database;
      const rule = () => commentMailFor({ db }, janaId);
      assert.equal(await rule(), 'hourly');
      assert.equal(await commentMailFor({ db }, 99_999), 'hourly');
      await setCommentMail(db, janaId, 'daily', new Date('2026-05-01T11:00:00Z'));
      assert.equal(await rule(), 'daily');
      await createNotifyStore(db).optOut(janaId, 'author', '2026-05-01T11:30:00.000Z');
      await createNotifyStore(db).optOut(janaId, 'queue', '2026-05-01T11:40:00.000Z');
      assert.equal(await rule(), 'off');
      await setCommentMail(db, janaId, 'each', new Date('2026-05-01T12:00:00Z'));
      assert.equal(await rule(), 'each');
      await db.deleteFrom('staff_mail_prefs' as never).execute();
      await db.deleteFrom('notify_optouts' as never).execute();
    });

    test('an approved comment (not announced) is read, and its waiting subscription asks for confirmation', async () => {
      chain();
      const id = await comment('ben@example.org', 'pending');
      await app.services.database.db
        .insertInto('notify_subscriptions' as never)
        .values({ comment_id: id, email: 'ben@example.org', status: 'pending', token_hash: null, created_at: clock.toISOString(), confirmed_at: null, unsubscribed_at: null } as never)
        .execute();
      await app.services.database.db.updateTable('comments').set({ status: 'published' }).where('id', '=', id).execute();
      const statements = await published(id);
      assert.ok(touches(statements, 'notify_subscriptions') && touches(statements, 'comments'), statements.join('\n'));
      assert.ok(enqueued.some((job) => job.kind === 'notify.confirm'), JSON.stringify(enqueued));
    });
  });
}
