/**
 * The newsletter capability in one object, built by the composition root: readers'
 * subscriptions, the staff's sends and CSV transfer, and the job handlers. Routes, the
 * admin API and jobs all call these same functions.
 *
 * @example
 *   const newsletter = createNewsletter({ handle, jobs, mailer, settings, content, bus, secret, publicUrl, now });
 *   newsletter.registerJobs(jobs);
 *   await newsletter.subscriptions.subscribe({ email: 'lea@example.org' });
 */
import type { ContentService, Tag } from '../content/index.js';
import type { DatabaseHandle } from '../platform/db/index.js';
import type { EventBus } from '../platform/events.js';
import type { JobQueue } from '../platform/jobs/index.js';
import type { Mailer } from '../platform/mail/index.js';
import type { SettingsService } from '../platform/settings.js';
import { createDelivery } from './delivery.js';
import { registerNewsletterJobs } from './jobs.js';
import { createPacer, type Pacer } from './pacing.js';
import { createSends } from './sends.js';
import { audienceDb, countSubscribers } from './store.js';
import { createSubscriptions } from './subscriptions.js';
import { createIssues, ISSUE_JOB, type IssueDeps } from './issues.js';
import { exportSubscribers, importSubscribers } from './transfer.js';

export interface NewsletterDeps {
  handle: Pick<DatabaseHandle, 'db'>;
  jobs: Pick<JobQueue, 'enqueue' | 'wake'>;
  mailer: Pick<Mailer, 'send'>;
  settings: Pick<SettingsService, 'get'>;
  content: Pick<ContentService, 'store' | 'listPublished'>;
  bus: Pick<EventBus, 'emit'>;
  secret: string;
  publicUrl: string;
  now: () => Date;
  /** Tests pass a pacer with a fake clock. */
  pacer?: Pacer;
  /** Card images of composed issues: the media library's `getMany` (issue 11). */
  images?: IssueDeps['images'];
}

export function createNewsletter(deps: NewsletterDeps) {
  const db = audienceDb(deps.handle);
  const base = { db, secret: deps.secret, now: deps.now };
  const offeredTopics = async () => (await deps.settings.get('newsletter')).topics;
  const subscriptions = createSubscriptions({ ...base, jobs: deps.jobs, bus: deps.bus, offeredTopics });
  const sends = createSends({ db, jobs: deps.jobs, content: deps.content, settings: deps.settings, publicUrl: deps.publicUrl, now: deps.now });
  const issues = createIssues({
    db, jobs: deps.jobs, content: deps.content, settings: deps.settings, mailer: deps.mailer, sends, publicUrl: deps.publicUrl, now: deps.now,
    ...(deps.images ? { images: deps.images } : {}),
  });
  const deliver = createDelivery({ ...base, mailer: deps.mailer, settings: deps.settings, publicUrl: deps.publicUrl, pacer: deps.pacer ?? createPacer() });

  return {
    subscriptions,
    sends,
    /** Composed issues: write, preview, test, schedule, send (issue 11). */
    issues,
    exportCsv: () => exportSubscribers(db),
    importCsv: (csv: string) => importSubscribers(base, csv),
    /** Subscribers by status and by topic, for the admin page. */
    counts: () => countSubscribers(db),
    /** The topics readers can choose, in the order the newsroom set them, with tag names. */
    async topics(): Promise<Tag[]> {
      const [slugs, tags] = await Promise.all([offeredTopics(), deps.content.store.allTags()]);
      return slugs.flatMap((slug) => tags.filter((tag) => tag.slug === slug));
    },
    registerJobs(jobs: Pick<JobQueue, 'register'>) {
      registerNewsletterJobs(jobs, { ...base, mailer: deps.mailer, settings: deps.settings, publicUrl: deps.publicUrl, sends, deliver });
      jobs.register<{ issueId: number; at: string }>(ISSUE_JOB, (job) => issues.runScheduled(job.payload));
    },
  };
}

export type Newsletter = ReturnType<typeof createNewsletter>;
