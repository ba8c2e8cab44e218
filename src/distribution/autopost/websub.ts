/**
 * WebSub (formerly PubSubHubbub) publish pings: when an article is published, tell the
 * configured hub which feeds changed, so subscribed readers' apps learn of it in seconds
 * instead of at their next poll. The feeds announce the hub (`rel="hub"`, see feeds.ts).
 * Every feed that lists the article is a topic: the site's, and its tags' and authors'.
 *
 * @example
 *   const websub = createWebsubPing({ settings, articles: content.store, jobs, publicUrl, now });
 *   jobs.register(WEBSUB_JOB, websub.handle);
 *   await websub.onPublished(7);
 */
import type { Article, ContentService } from '../../content/index.js';
import type { Job, JobQueue } from '../../platform/jobs/index.js';
import type { SettingsService } from '../../platform/settings.js';
import { outboundRequest } from '../../platform/outbound.js';

export const WEBSUB_JOB = 'autopost.websub';
const FEED_FILES = ['feed.xml', 'atom.xml', 'feed.json'] as const;
const TIMEOUT_MS = 10_000;

export interface WebsubJob {
  articleId: number;
}

export interface WebsubDeps {
  settings: Pick<SettingsService, 'get'>;
  articles: Pick<ContentService['store'], 'findBy'>;
  jobs: Pick<JobQueue, 'enqueue'>;
  publicUrl: string;
  now: () => Date;
}

/**
 * The feeds an article appears in, as the URLs they announce as `rel="self"`.
 *
 * @example
 *   feedTopics('https://z.example', { tags: [{ slug: 'rat' }], authors: [] });
 *   // ['https://z.example/feed.xml', …, 'https://z.example/tag/rat/feed.json']
 */
export function feedTopics(publicUrl: string, article: { tags: { slug: string }[]; authors: { slug: string }[] }): string[] {
  const bases = [
    `${publicUrl}/`,
    ...article.tags.map((t) => `${publicUrl}/tag/${t.slug}/`),
    ...article.authors.map((a) => `${publicUrl}/author/${a.slug}/`),
  ];
  return bases.flatMap((base) => FEED_FILES.map((file) => `${base}${file}`));
}

/**
 * One publish ping through the guarded outbound helper (no private hubs, no redirects:
 * a hub has no reason to send a ping elsewhere); throws on anything but 2xx so the job is
 * retried.
 */
async function ping(hub: string, topic: string): Promise<void> {
  const answer = await outboundRequest(hub, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
    timeoutMs: TIMEOUT_MS,
    maxBytes: 4096,
    overflow: 'truncate',
  });
  if (answer.status < 200 || answer.status >= 300) throw new Error(`hub answered HTTP ${answer.status} for ${topic}`);
}

/**
 * @example
 *   await createWebsubPing(deps).onPublished(7); // one job, when a hub is configured
 */
export function createWebsubPing({ settings, articles, jobs, publicUrl, now }: WebsubDeps) {
  return {
    async onPublished(articleId: number): Promise<void> {
      if (!(await settings.get('distribution')).websubHub) return;
      const article = await articles.findBy('id', articleId);
      // Pages are not in the feeds; an article dated ahead enters them only at its date.
      if (!article || article.kind !== 'article' || !article.publishedAt) return;
      const runAt = article.publishedAt > now() ? article.publishedAt : undefined;
      await jobs.enqueue<WebsubJob, unknown>(WEBSUB_JOB, { articleId }, { dedupeKey: `websub:article:${articleId}`, runAt });
    },

    /** Pings every topic; a retry pings them all again, which a hub takes as one more refresh. */
    async handle(job: Job<WebsubJob>): Promise<void> {
      const hub = (await settings.get('distribution')).websubHub;
      const article: Article | null = await articles.findBy('id', job.payload.articleId);
      if (!hub || !article) return;
      const failures: string[] = [];
      for (const topic of feedTopics(publicUrl, article)) {
        await ping(hub, topic).catch((error: unknown) => failures.push(error instanceof Error ? error.message : String(error)));
      }
      if (failures.length) throw new Error(failures.join('; ').slice(0, 1000));
    },
  };
}
