/**
 * The newsroom's overview: page views (counted without cookies or IP addresses), comments
 * per day, the most read articles and what waits for someone (moderation queue, reports,
 * DSA notices, reader corrections, jobs), over a period of 7, 30 or 90 days that ends
 * today. Days are UTC days, as page views are counted; days without any view or comment
 * have no row (the chart fills them in).
 *
 * @example
 *   GET /api/v1/admin/dashboard?days=7
 *     →  { days, from, to, viewsPerDay, commentsPerDay, topArticles, queues }
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { PlatformDeps } from '../platform/deps.js';
import { AppError } from '../platform/errors.js';
import { errorResponses } from '../platform/openapi.js'; // issue 17
import type { StaffUser } from '../platform/sessions.js';
import { ROLES } from '../platform/users.js';
import { may } from '../platform/permissions.js';

/** What this module needs from the composition root. */
export type AdminDashboardDeps = Pick<PlatformDeps, 'database' | 'jobs' | 'now' | 'views'>;

export const DASHBOARD_PERIODS = [7, 30, 90] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];
export const DEFAULT_PERIOD: DashboardPeriod = 30;

const isPeriod = (n: number): n is DashboardPeriod => (DASHBOARD_PERIODS as readonly number[]).includes(n);

/** `?days=` as sent: absent is 30 days; anything but 7, 30 or 90 is `VALIDATION` (400). */
export function parsePeriod(value: unknown): DashboardPeriod {
  if (value === undefined) return DEFAULT_PERIOD;
  const n = typeof value === 'string' && /^[0-9]{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (isPeriod(n)) return n;
  throw new AppError('VALIDATION', { field: 'days', detail: `days must be one of ${DASHBOARD_PERIODS.join(', ')}` });
}

/**
 * Which of the articles `user` may open in the editor: editors and up any, authors and
 * contributors the ones they are an author of, moderators none.
 */
async function editableIds(services: AdminDashboardDeps, user: StaffUser, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0 || !may(user.role, 'write')) return new Set();
  if (may(user.role, 'publishAny')) return new Set(ids);
  const rows = await services.database.db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select('article_authors.article_id')
    .where('authors.user_id', '=', user.id)
    .where('article_authors.article_id', 'in', ids)
    .execute();
  return new Set(rows.map((row) => row.article_id));
}

export async function dashboardData(services: AdminDashboardDeps, options: { days?: DashboardPeriod; user?: StaffUser } = {}) {
  const { db } = services.database;
  const days = options.days ?? DEFAULT_PERIOD;
  const stamp = services.now().getTime();
  const to = new Date(stamp).toISOString().slice(0, 10);
  const from = new Date(stamp - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const since = `${from}T00:00:00.000Z`;
  const count = async (table: string, where: string) => {
    try {
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${sql.raw(where)}`.execute(db);
      return Number(rows[0]?.n ?? 0);
    } catch {
      return 0; // a capability that is not installed has no table and nothing waiting
    }
  };
  const [viewsPerDay, top, commentRows, jobs] = await Promise.all([
    services.views.perDay(days),
    services.views.top(days, 30),
    db
      .selectFrom('comments')
      .select([sql<string>`substr(created_at, 1, 10)`.as('day'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('created_at', '>=', since)
      .where('status', '=', 'published')
      .groupBy(sql`substr(created_at, 1, 10)`)
      .orderBy('day')
      .execute(),
    services.jobs.stats(),
  ]);
  // Page paths to articles: "/slug/" is an article when such a slug exists.
  const slugs = top.map((row) => /^\/([a-z0-9-]+)\/$/.exec(row.path)?.[1]).filter((s): s is string => Boolean(s));
  const articles = slugs.length
    ? await db.selectFrom('articles').select(['id', 'slug', 'title']).where('slug', 'in', slugs).where('kind', '=', 'article').execute()
    : [];
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const read = top
    .flatMap((row) => {
      const article = bySlug.get(/^\/([a-z0-9-]+)\/$/.exec(row.path)?.[1] ?? '');
      return article ? [{ id: article.id, slug: article.slug, title: article.title, views: Number(row.views) }] : [];
    })
    .slice(0, 10);
  const editable = options.user ? await editableIds(services, options.user, read.map((a) => a.id)) : new Set<number>();
  const topArticles = read.map((a) => ({ ...a, mayEdit: editable.has(a.id) }));
  return {
    days,
    from,
    to,
    viewsPerDay: viewsPerDay.map((row) => ({ day: row.day, views: Number(row.views) })),
    commentsPerDay: commentRows.map((row) => ({ day: row.day, comments: Number(row.n) })),
    topArticles,
    queues: {
      pendingComments: await count('comments', "status = 'pending'"),
      openReports: await count('comment_reports', "status = 'open'"),
      openNotices: await count('dsa_notices', "status = 'open'"),
      openCorrections: await count('correction_suggestions', "status = 'open'"),
      queuedJobs: jobs.total.queued ?? 0,
      failedJobs: jobs.total.failed ?? 0,
    },
  };
}

// issue 17: the answer of dashboardData, for the OpenAPI document and the contract check in tests.
const int = { type: 'integer' } as const;
const day = { type: 'string', format: 'date' } as const;
const closed = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required: Object.keys(properties), properties });
const DASHBOARD_ANSWER = {
  ...closed({
    days: { type: 'integer', enum: [...DASHBOARD_PERIODS] }, from: day, to: day,
    viewsPerDay: { type: 'array', items: closed({ day, views: int }) },
    commentsPerDay: { type: 'array', items: closed({ day, comments: int }) },
    topArticles: { type: 'array', items: closed({ id: int, slug: { type: 'string' }, title: { type: 'string' }, views: int, mayEdit: { type: 'boolean', description: 'Whether the caller may open it in the editor.' } }) },
    queues: closed({ pendingComments: int, openReports: int, openNotices: int, openCorrections: int, queuedJobs: int, failedJobs: int }),
  }),
  description: 'The period’s figures, days from `from` to `to` (UTC), and what waits in the queues.',
};

export function registerDashboardRoutes(app: FastifyInstance, services: AdminDashboardDeps): void {
  app.get<{ Querystring: { days?: string } }>(
    '/api/v1/admin/dashboard',
    {
      config: { access: 'staff', roles: [...ROLES] },
      schema: {
        tags: ['admin'],
        summary: 'Page views and comments per day, most read articles and queues over 7, 30 (default) or 90 days',
        querystring: { type: 'object', properties: { days: { type: 'string', enum: DASHBOARD_PERIODS.map(String) } } },
        response: { 200: DASHBOARD_ANSWER, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const days = parsePeriod(request.query.days);
      await services.views.flush();
      return dashboardData(services, { days, user: request.staff! });
    },
  );
}
