// The federation's MessageQueue over the project's job queue passes Fedify's own conformance
// suite (`testMessageQueue` from @fedify/testing: enqueue, delayed enqueue, enqueueMany,
// and two listeners on one store where each message is handled once), on both databases.
// Two job queues on one database stand for two nodes of a cluster.
import { test } from 'node:test';
import { testMessageQueue } from '@fedify/testing';
import { createJobQueue, type JobQueue } from '../platform/jobs/index.js';
import { eachDatabase } from '../platform/testing.js';
import { createFederationQueue } from './queue.js';

const silent = { info() {}, warn() {}, error() {} };

eachDatabase('federation queue over the job table', (handle) => {
  test("passes Fedify's MessageQueue conformance suite", { timeout: 120_000 }, async () => {
    const queues: JobQueue[] = [];
    await testMessageQueue(
      () => {
        const jobs = createJobQueue(handle(), { logger: silent, batchSize: 20 });
        jobs.start(50);
        queues.push(jobs);
        return createFederationQueue(jobs);
      },
      async ({ controller }) => {
        controller.abort();
        await Promise.all(queues.map((q) => q.stop()));
      },
    );
  });
});
