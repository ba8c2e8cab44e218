import { before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { allMigrations } from '../../migrations.js';
import { openDatabase } from '../db/index.js';
import { migrateToLatest } from '../db/migrate.js';
import { eachDatabase } from '../testing.js';
import { createJobQueue, jobsMigrations, retryDelayMs, type JobQueueOptions, type JobsDatabase } from './index.js';

type TestDatabase = JobsDatabase & { job_runs: { job_id: number; node: string } };

const silent = { info() {}, warn() {}, error() {} };

function clock(start = '2030-01-01T00:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

/** A promise with its resolve function outside, to wait on a condition instead of a timer. */
function signal<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

test('the retry delay doubles, is capped, and keeps at least half of it fixed', () => {
  const policy = { baseMs: 1000, maxMs: 5000 };
  assert.equal(retryDelayMs(1, policy, () => 0), 500);
  assert.equal(retryDelayMs(1, policy, () => 0.999999), 1000);
  assert.equal(retryDelayMs(3, policy, () => 0), 2000);
  assert.equal(retryDelayMs(10, policy, () => 0.999999), 5000);
});

eachDatabase('job queue', (ctx) => {
  const db = () => ctx().db.withTables<TestDatabase>();
  const rows = () => db().selectFrom('jobs').selectAll().orderBy('id').execute();
  const queue = (options: Partial<JobQueueOptions> = {}) => createJobQueue(ctx(), { logger: silent, ...options });

  before(async () => {
    // eachDatabase migrates the composition root's list; add ours until app.ts does.
    const wired = allMigrations.some((m) => m.name === jobsMigrations[0]!.name);
    await migrateToLatest(ctx(), wired ? allMigrations : [...allMigrations, ...jobsMigrations]);
    await ctx()
      .db.schema.createTable('job_runs')
      .addColumn('job_id', 'integer', (c) => c.notNull())
      .addColumn('node', 'text', (c) => c.notNull())
      .execute();
  });

  beforeEach(async () => {
    await db().deleteFrom('jobs').execute();
    await db().deleteFrom('job_runs').execute();
  });

  test('a due job runs once; future and unknown kinds wait', async () => {
    const time = clock();
    const q = queue({ now: time.now });
    const seen: unknown[] = [];
    q.register<{ n: number }>('test.echo', async (job) => {
      seen.push(job.payload);
    });
    const id = await q.enqueue('test.echo', { n: 1 });
    await q.enqueue('test.echo', { n: 2 }, { runAt: new Date(time.now().getTime() + 60_000) });
    await q.enqueue('test.unknown', {});
    assert.equal(typeof id, 'number');

    assert.equal(await q.runOnce(10), 1);
    assert.equal(await q.runOnce(10), 0);
    assert.deepEqual(seen, [{ n: 1 }]);
    const [done] = await rows();
    assert.equal(done!.status, 'done');
    assert.equal(done!.attempts, 1);
    assert.equal(done!.locked_by, null);
    assert.equal(done!.finished_at, time.now().toISOString());

    time.advance(60_000);
    assert.equal(await q.runOnce(10), 1);
    assert.deepEqual(seen, [{ n: 1 }, { n: 2 }]);
    const stats = await q.stats();
    assert.deepEqual(stats.total, { queued: 1, running: 0, done: 2, failed: 0 });
    assert.deepEqual(stats.kinds['test.unknown'], { queued: 1, running: 0, done: 0, failed: 0 });
    assert.equal(stats.due, 1);
  });

  test('a second enqueue with the same dedupe key is a no-op until the job is pruned', async () => {
    const time = clock();
    const q = queue({ now: time.now });
    let runs = 0;
    q.register('test.mail', async () => {
      runs++;
    });
    const first = await q.enqueue('test.mail', { to: 'a' }, { dedupeKey: 'issue:1:sub:1' });
    assert.equal(typeof first, 'number');
    assert.equal(await q.enqueue('test.mail', { to: 'a' }, { dedupeKey: 'issue:1:sub:1' }), null);
    assert.equal(await q.runOnce(10), 1);
    assert.equal(await q.enqueue('test.mail', { to: 'a' }, { dedupeKey: 'issue:1:sub:1' }), null);
    assert.equal(await q.runOnce(10), 0);
    assert.equal(runs, 1);
    assert.equal((await rows()).length, 1);

    time.advance(1000);
    assert.equal(await q.prune(time.now()), 1);
    assert.equal(typeof (await q.enqueue('test.mail', { to: 'a' }, { dedupeKey: 'issue:1:sub:1' })), 'number');
  });

  test('a failing job is retried with growing delays and ends failed with its error', async () => {
    const time = clock();
    const retry = { baseMs: 1000, maxMs: 60_000 };
    const random = () => 0.5;
    const q = queue({ now: time.now, retry, random });
    let calls = 0;
    q.register('test.flaky', async () => {
      calls++;
      throw new Error(`smtp down (${calls})`);
    });
    await q.enqueue('test.flaky', {}, { maxAttempts: 3 });

    for (const attempt of [1, 2]) {
      assert.equal(await q.runOnce(10), 1);
      const [row] = await rows();
      const delay = retryDelayMs(attempt, retry, random);
      assert.equal(row!.status, 'queued');
      assert.equal(row!.attempts, attempt);
      assert.equal(row!.run_at, new Date(time.now().getTime() + delay).toISOString());
      assert.match(row!.last_error!, new RegExp(`smtp down \\(${attempt}\\)`));
      time.advance(delay - 1);
      assert.equal(await q.runOnce(10), 0, 'not due before its delay');
      time.advance(1);
    }
    assert.equal(await q.runOnce(10), 1);
    const [failed] = await rows();
    assert.equal(failed!.status, 'failed');
    assert.equal(failed!.attempts, 3);
    assert.equal(failed!.last_error, 'Error: smtp down (3)');
    assert.equal(failed!.finished_at, time.now().toISOString());
    time.advance(24 * 3600_000);
    assert.equal(await q.runOnce(10), 0);
    assert.equal(calls, 3);
    assert.equal((await q.stats()).total.failed, 1);
  });

  test('an error marked permanent fails the job without retries', async () => {
    const q = queue({ now: clock().now });
    q.register('test.bounce', async () => {
      throw Object.assign(new Error('550 no such user'), { permanent: true });
    });
    await q.enqueue('test.bounce', {}, { maxAttempts: 5 });
    assert.equal(await q.runOnce(10), 1);
    const [row] = await rows();
    assert.equal(row!.status, 'failed');
    assert.equal(row!.attempts, 1);
    assert.match(row!.last_error!, /550 no such user/);
  });

  test('two nodes on one database run each of 200 jobs exactly once', async () => {
    const second = await openDatabase(ctx().url);
    try {
      const nodes = [ctx(), second].map((handle, i) => {
        const q = createJobQueue(handle, { logger: silent, nodeId: `node-${i}` });
        const runs = handle.db.withTables<TestDatabase>();
        q.register<{ n: number }>('test.count', async (job) => {
          await runs.insertInto('job_runs').values({ job_id: job.id, node: q.nodeId }).execute();
        });
        return q;
      });
      await ctx()
        .db.transaction()
        .execute(async (tx) => {
          for (let n = 0; n < 200; n++) await nodes[0]!.enqueue('test.count', { n }, {}, tx);
        });
      const drain = async (q: (typeof nodes)[number]) => {
        let total = 0;
        for (let ran = await q.runOnce(7); ran > 0; ran = await q.runOnce(7)) total += ran;
        return total;
      };
      const counts = await Promise.all(nodes.map(drain));
      assert.equal(counts[0]! + counts[1]!, 200);
      const runs = await db()
        .selectFrom('job_runs')
        .select((eb) => [
          eb.fn.countAll<number | string>().as('n'),
          eb.fn.count<number | string>('job_id').distinct().as('jobs'),
        ])
        .executeTakeFirstOrThrow();
      assert.equal(Number(runs.n), 200);
      assert.equal(Number(runs.jobs), 200);
      assert.deepEqual((await nodes[0]!.stats()).total, { queued: 0, running: 0, done: 200, failed: 0 });
    } finally {
      await second.close();
    }
  });

  test("a dead node's job is taken over when its lease expires, and its late finish is ignored", async () => {
    const time = clock();
    const warnings: string[] = [];
    const logger = { ...silent, warn: (_: unknown, msg?: string) => warnings.push(msg ?? '') };
    const a = queue({ now: time.now, nodeId: 'a', leaseMs: 60_000, logger });
    const b = queue({ now: time.now, nodeId: 'b', leaseMs: 60_000 });
    const started = signal();
    const gate = signal();
    a.register('test.slow', async () => {
      started.resolve();
      await gate.promise;
    });
    const ranOnB: number[] = [];
    b.register('test.slow', async (job) => {
      ranOnB.push(job.attempt);
    });
    await a.enqueue('test.slow', {});
    const hung = a.runOnce(1);
    await started.promise;

    assert.equal(await b.runOnce(1), 0, 'the lease still holds');
    time.advance(60_001);
    assert.equal(await b.runOnce(1), 1);
    assert.deepEqual(ranOnB, [2]);

    gate.resolve();
    assert.equal(await hung, 1);
    const [row] = await rows();
    assert.equal(row!.status, 'done');
    assert.equal(row!.attempts, 2);
    assert.equal(row!.locked_by, null);
    assert.equal(warnings.length, 1);
  });

  test('a job whose every attempt died with its node ends failed without running again', async () => {
    const time = clock();
    const a = queue({ now: time.now, leaseMs: 1000 });
    const b = queue({ now: time.now, leaseMs: 1000 });
    const started = signal();
    const gate = signal();
    a.register('test.crash', async () => {
      started.resolve();
      await gate.promise;
    });
    let ranOnB = 0;
    b.register('test.crash', async () => {
      ranOnB++;
    });
    await a.enqueue('test.crash', {}, { maxAttempts: 1 });
    const hung = a.runOnce(1);
    await started.promise;
    time.advance(1001);
    assert.equal(await b.runOnce(1), 1);
    assert.equal(ranOnB, 0);
    const [row] = await rows();
    assert.equal(row!.status, 'failed');
    assert.match(row!.last_error!, /lease expired/);
    gate.resolve();
    await hung;
  });

  test("enqueue joins the caller's transaction: a rollback leaves no job, a commit one", async () => {
    const q = queue();
    await assert.rejects(
      ctx()
        .db.transaction()
        .execute(async (tx) => {
          await q.enqueue('test.echo', { n: 1 }, { dedupeKey: 'tx' }, tx);
          throw new Error('rolled back');
        }),
      /rolled back/,
    );
    assert.equal((await rows()).length, 0);
    await ctx()
      .db.transaction()
      .execute(async (tx) => {
        await q.enqueue('test.echo', { n: 2 }, { dedupeKey: 'tx' }, tx);
      });
    assert.deepEqual(
      (await rows()).map((r) => JSON.parse(r.payload)),
      [{ n: 2 }],
    );
  });

  test('a started queue runs an enqueued job at once, and stop waits for it', async () => {
    const q = queue();
    const order: string[] = [];
    const started = signal();
    const gate = signal();
    q.register('test.wake', async () => {
      started.resolve();
      await gate.promise;
      order.push('handler finished');
    });
    // An interval far longer than any test: only the wake-up can run the job.
    q.start(3600_000);
    await q.enqueue('test.wake', {});
    await started.promise;
    const stopped = q.stop().then(() => order.push('stopped'));
    gate.resolve();
    await stopped;
    assert.deepEqual(order, ['handler finished', 'stopped']);
    assert.equal((await rows())[0]!.status, 'done');
  });
});

