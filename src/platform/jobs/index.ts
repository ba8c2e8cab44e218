/**
 * Durable jobs: a database table worked by one or many nodes, with retries and leases.
 *
 * @example
 *   import { createJobQueue, jobsMigrations } from './platform/jobs/index.js';
 */
export { createJobQueue, type JobQueue, type JobQueueOptions } from './queue.js';
export { jobsMigrations } from './migrations.js';
export { retryDelayMs, DEFAULT_RETRY, type RetryPolicy } from './backoff.js';
export type { EnqueueOptions, Job, JobHandler, JobStats, JobStatus, JobsDatabase, JobsTable } from './types.js';
