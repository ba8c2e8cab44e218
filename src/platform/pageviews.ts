/**
 * Page views counted without cookies and without storing anything about the visitor:
 * each node keeps a per-path counter in memory and adds it to a per-day row in the
 * database every minute (and on shutdown). Bots that say so are not counted.
 *
 * @example
 *   const views = createPageViews(db);
 *   views.count('/stadtrat/', userAgent);
 *   await views.flush();
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema.js';

export type PageViewTables = { page_views: { day: string; path: string; views: number } };

const BOTS = /bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python|headless/i;

export function createPageViews(db: Kysely<Database>, options: { now?: () => Date; intervalMs?: number } = {}) {
  const now = options.now ?? (() => new Date());
  const views = db.withTables<PageViewTables>();
  let pending = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  // "The last 7 days" are today and the six before it: 7 rows at most, not 8.
  const firstDay = (days: number) => new Date(now().getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);

  const api = {
    count(url: string, userAgent: string | undefined): void {
      if (!userAgent || BOTS.test(userAgent)) return;
      const q = url.indexOf('?');
      const path = q === -1 ? url : url.slice(0, q);
      if (path.length > 300) return;
      pending.set(path, (pending.get(path) ?? 0) + 1);
      if (pending.size > 50_000) void api.flush();
    },

    async flush(): Promise<void> {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      const day = now().toISOString().slice(0, 10);
      const rows = [...batch].map(([path, n]) => ({ day, path, views: n }));
      try {
        for (let i = 0; i < rows.length; i += 500) {
          await views
            .insertInto('page_views')
            .values(rows.slice(i, i + 500))
            .onConflict((oc) => oc.columns(['day', 'path']).doUpdateSet({ views: sql`page_views.views + excluded.views` }))
            .execute();
        }
      } catch {
        // The database is away: keep the counts for the next flush rather than lose them.
        for (const [path, n] of batch) pending.set(path, (pending.get(path) ?? 0) + n);
      }
    },

    start(): void {
      timer ??= setInterval(() => void api.flush(), options.intervalMs ?? 60_000);
      timer.unref();
    },

    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await api.flush();
    },

    /** Views per path for the last `days` days (today is the last), most viewed first. */
    async top(days: number, limit = 10) {
      const since = firstDay(days);
      return views
        .selectFrom('page_views')
        .select(['path', (eb) => eb.fn.sum<number>('views').as('views')])
        .where('day', '>=', since)
        .groupBy('path')
        .orderBy('views', 'desc')
        .limit(limit)
        .execute();
    },

    /** Views per UTC day for the last `days` days (today is the last); days without views have no row. */
    async perDay(days: number) {
      const since = firstDay(days);
      return views
        .selectFrom('page_views')
        .select(['day', (eb) => eb.fn.sum<number>('views').as('views')])
        .where('day', '>=', since)
        .groupBy('day')
        .orderBy('day')
        .execute();
    },
  };
  return api;
}

export type PageViews = ReturnType<typeof createPageViews>;
