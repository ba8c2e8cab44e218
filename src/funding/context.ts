/**
 * What every supporters' operation shares, built once by `createSupporters`: the tables,
 * the IBAN box, both kinds of settings, the job queue for mail, the audit log, the clock.
 * Narrow by design (STYLE.md, practice 5): tests hand in plain objects.
 */
import type { JobQueue } from '../platform/jobs/index.js';
import type { SettingsService } from '../platform/settings.js';
import type { IbanBox } from './crypto.js';
import type { SupporterSettingsService } from './settings.js';
import type { FundingDb } from './store.js';
import type { StaffIdentity } from './caller.js';
import type { FundingTables } from './types.js';

export interface AuditLog {
  record(actor: { id: number; name: string } | null, action: string, targetType: string, targetId: string | number | null, detail?: Record<string, unknown>): Promise<void>;
}

export interface FundingContext {
  db: FundingDb;
  box: IbanBox;
  supporterSettings: SupporterSettingsService;
  /** The site's settings: language, title, the newsroom's own bank account (`donation`). */
  siteSettings: Pick<SettingsService, 'get'>;
  jobs: Pick<JobQueue, 'enqueue' | 'wake'>;
  audit: AuditLog;
  /** Counts one public write for a key (the day's IP hash); throws RATE_LIMITED. */
  limit(key: string): Promise<void>;
  secret: string;
  publicUrl: string;
  now: () => Date;
}

export const MAIL_JOB = 'supporters.mail';

export type MailJob =
  | { kind: 'confirm'; mandateId: number }
  | { kind: 'prenotify'; mandateId: number; change: 'new' | 'amount' | 'resumed' }
  | { kind: 'thanks'; entryId: number }
  | { kind: 'paused'; mandateId: number }
  | { kind: 'ended'; mandateId: number }
  | { kind: 'receipt'; receiptId: number };

/** Enqueues one supporter mail inside the caller's transaction (sent only if it commits). */
export async function enqueueMail(ctx: Pick<FundingContext, 'jobs'>, tx: FundingDb, mail: MailJob, dedupeKey?: string): Promise<void> {
  await ctx.jobs.enqueue<MailJob, FundingTables>(MAIL_JOB, mail, dedupeKey ? { dedupeKey } : {}, tx);
}

export const actorOf = (staff: StaffIdentity | null) => (staff ? { id: staff.id, name: staff.name } : null);
