/**
 * Moderation of the reader discussion: rules every comment passes (bans, filters, trusted
 * commenters), reader reports, DSA notices with deadlines and statements of reasons, bulk
 * decisions, the moderation desk and the public moderation log. The rules are built
 * before the discussion service (it needs their screen); the rest after it.
 *
 * @example
 *   const rules = createModeration({ db, secret, now });
 *   const discussion = createDiscussionService({ ..., screen: composeScreens(rules.screen, spam.screen), isTrusted: rules.isTrusted });
 *   const moderation = createModerationServices({ db, rules, learn: spam.learn, settings, bus, jobs, mailer, publicUrl, now });
 *   registerModerationRoutes(http, deps);
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { Kysely } from 'kysely';
import type { CommentRow, Database } from '../../platform/db/schema.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { SettingsService } from '../../platform/settings.js';
import type { EventBus } from '../../platform/events.js';
import { registerModerationApi, type ModerationApiDeps } from './api.js';
import { makeDecide, type Decide } from './decide.js';
import { registerModerationJobs } from './jobs.js';
import { createNotices, type Notices } from './notices.js';
import { registerModerationPages, type ModerationPageDeps } from './pages.js';
import { makeDeskActions, type DeskActions } from './desk-actions.js';
import { registerDeskRoutes, type DeskRouteDeps } from './desk-routes.js';
import type { DiscussionOperations } from '../operations/index.js';
import { createReports, type Reports } from './reports.js';
import type { Moderation } from './service.js';

export { createModeration, type Moderation, type BanInput } from './service.js';
export { composeScreens } from './screen.js';
export { moderationMigrations } from './migrations.js';
export { moderationLinks } from './links.js';
export { matchFilters, normalisePattern } from './filters.js';
export { REPORT_REASONS } from './reports.js';
export { NOTICE_CATEGORIES } from './notices.js';
export { STATEMENT_JOB } from './statements.js';
export { NOTIFIER_JOB } from './jobs.js';
export type { Actor } from './log.js';

export { makeDecide, type Decide, type DecisionResult } from './decide.js';
export { makeDeskActions, BAN_DAYS, REJECT_PRESETS, type DeskActions } from './desk-actions.js';
export type { NewsroomPage } from './desk-routes.js';

export interface ModerationServices {
  rules: Moderation;
  reports: Reports;
  notices: Notices;
  /** The one moderation decision (API, desk, bulk, notices). */
  decide: Decide;
  /** Trust, ban and reply from the desk, built on `decide`. */
  desk: DeskActions;
}

export function createModerationServices(deps: {
  db: Kysely<Database>;
  rules: Moderation;
  learn: (row: Pick<CommentRow, 'body'>, label: 'spam' | 'ham') => Promise<void>;
  settings: Pick<SettingsService, 'get'>;
  bus: Pick<EventBus, 'emit'>;
  /** Without jobs and a mailer, statements and notices are stored but not mailed. */
  jobs?: JobQueue | null;
  mailer?: Pick<Mailer, 'send'> | null;
  publicUrl: string;
  /** For replies from the desk: the discussion's one way to post (without it, replies are refused). */
  postComment?: DiscussionOperations['postComment'];
  now?: () => Date;
}): ModerationServices {
  const jobs = deps.jobs && deps.mailer ? deps.jobs : null;
  if (jobs && deps.mailer) registerModerationJobs(jobs, { db: deps.db, mailer: deps.mailer, settings: deps.settings, publicUrl: deps.publicUrl });
  const now = deps.now ?? (() => new Date());
  const common = { db: deps.db, settings: deps.settings, jobs, now };
  const decide = makeDecide({ ...common, learn: deps.learn, bus: deps.bus });
  return {
    rules: deps.rules,
    reports: createReports(common),
    notices: createNotices({ ...common, decide }),
    decide,
    desk: makeDeskActions({ db: deps.db, rules: deps.rules, decide, postComment: deps.postComment ?? (async () => { throw new AppError('FORBIDDEN'); }), now }),
  };
}

export type ModerationRouteDeps = ModerationApiDeps & ModerationPageDeps & DeskRouteDeps;

/** The pages and the JSON API of moderation. */
export function registerModerationRoutes(app: FastifyInstance, deps: ModerationRouteDeps): void {
  registerModerationApi(app, deps);
  registerModerationPages(app, deps);
  registerDeskRoutes(app, deps);
}
