/**
 * The newsroom's overview: page views (counted without cookies or IP addresses), comments
 * per day, the most read articles and what waits for someone (moderation queue, reports,
 * DSA notices, reader corrections, jobs).
 *
 * @example
 *   GET /api/v1/admin/dashboard  →  { viewsPerDay, commentsPerDay, topArticles, queues }
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Services } from '../app.js';
import { ROLES } from '../platform/users.js';

const DAYS = 30;

export async function dashboardData(services: Services) {
  const { db } = services.database;
  const since = new Date(services.now().getTime() - DAYS * 86_400_000).toISOString();
  const count = async (table: string, where: string) => {
    try {
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${sql.raw(where)}`.execute(db);
      return Number(rows[0]?.n ?? 0);
    } catch {
      return 0; // a capability that is not installed has no table and nothing waiting
    }
  };
  const [viewsPerDay, top, commentRows, jobs] = await Promise.all([
    services.views.perDay(DAYS),
    services.views.top(DAYS, 30),
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
  const topArticles = top
    .flatMap((row) => {
      const article = bySlug.get(/^\/([a-z0-9-]+)\/$/.exec(row.path)?.[1] ?? '');
      return article ? [{ id: article.id, slug: article.slug, title: article.title, views: Number(row.views) }] : [];
    })
    .slice(0, 10);
  return {
    days: DAYS,
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

export function registerDashboardRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/admin/dashboard', { config: { access: 'staff', roles: [...ROLES] } }, async () => {
    await services.views.flush();
    return dashboardData(services);
  });
}
