/**
 * The supporters capability in one object: the operations every door calls (mandates,
 * debits, statements, people, receipts), its settings, and its jobs. Built from a narrow
 * set of dependencies named here, never from the app's whole service list.
 *
 * @example
 *   const supporters = createSupporters({ handle, jobs, settings, audit, limit, secret, fundingKey: null, publicUrl, now });
 *   supporters.registerJobs(jobs, mailer);
 *   await supporters.mandates.signUp(caller, form);
 */
import type { DatabaseHandle } from '../platform/db/index.js';
import type { JobQueue } from '../platform/jobs/index.js';
import type { Mailer } from '../platform/mail/index.js';
import type { SettingsService } from '../platform/settings.js';
import type { AuditLog, FundingContext } from './context.js';
import { createIbanBox, fundingKeyFrom } from './crypto.js';
import { createDebits } from './debits.js';
import { registerSupporterJobs, scheduleDaily } from './jobs.js';
import { createMandates } from './mandates.js';
import { createPeople } from './people.js';
import { createReceipts } from './receipts.js';
import { createSupporterSettings } from './settings.js';
import { createStatements } from './statements.js';
import { fundingDb } from './store.js';

export interface SupportersDeps {
  handle: Pick<DatabaseHandle, 'db'>;
  jobs: Pick<JobQueue, 'enqueue' | 'wake'>;
  /** The site's settings (language, title, the newsroom's bank account in `donation`). */
  settings: Pick<SettingsService, 'get'>;
  audit: AuditLog;
  /** A rate limit for public sign-ups, per day's IP hash. */
  limit(key: string): Promise<void>;
  secret: string;
  /** `BLATTWERK_FUNDING_KEY`; null derives one from the site secret (demo only). */
  fundingKey: string | null;
  publicUrl: string;
  now: () => Date;
  logger?: { warn(object: object, message: string): void };
}

export function createSupporters(deps: SupportersDeps) {
  const db = fundingDb(deps.handle);
  const key = fundingKeyFrom(deps.fundingKey, deps.secret);
  if (key.derived) deps.logger?.warn({}, 'BLATTWERK_FUNDING_KEY is not set: IBANs are encrypted with a key derived from the site secret, which lives in the same database');
  const ctx: FundingContext = {
    db, box: createIbanBox(key), supporterSettings: createSupporterSettings(db, deps.now), siteSettings: deps.settings, jobs: deps.jobs,
    audit: deps.audit, limit: (k) => deps.limit(k), secret: deps.secret, publicUrl: deps.publicUrl, now: deps.now,
  };
  const receipts = createReceipts(ctx);
  return {
    ctx,
    settings: ctx.supporterSettings,
    mandates: createMandates(ctx),
    debits: createDebits(ctx),
    statements: createStatements(ctx),
    people: createPeople(ctx),
    receipts,
    registerJobs(jobs: Pick<JobQueue, 'register' | 'enqueue'>, mailer: Pick<Mailer, 'send'>) {
      registerSupporterJobs(jobs, { ctx, mailer, receipts });
    },
    /** Starts the daily chain (idempotent: one job per day, whoever enqueues it). */
    scheduleDaily: (jobs: Pick<JobQueue, 'enqueue'>) => scheduleDaily(jobs, deps.now()),
  };
}

export type Supporters = ReturnType<typeof createSupporters>;
