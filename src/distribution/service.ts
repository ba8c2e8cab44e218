/**
 * Gathers what feeds and the sitemap show, from the same queries as the pages
 * (`content.listPublished`, the store's lookups), and hands it to the pure renderers.
 * Depends on a few named functions only, so a test can pass plain objects.
 *
 * @example
 *   const distribution = createDistributionService({ publicUrl, content, media, settings, now });
 *   const feed = await distribution.feed({ kind: 'tag', slug: 'stadtrat' }); // null: no such tag
 *   if (feed) rss2(feed.info, feed.items);
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article, ContentService, CorrectionsService } from '../content/index.js';
import { mediaIdsOf } from '../content/index.js';
import type { MediaService } from '../media/index.js';
import type { SettingsService } from '../platform/settings.js';
import type { Language } from '../platform/i18n.js';
import { FEED_LENGTH, articleUrl, excerpt, feedImagePath, toFeedItems, type FeedItem } from './entries.js';
import type { FeedInfo } from './feeds.js';
import { SITEMAP_LIMIT, sitemapXml, type SitemapUrl } from './sitemap.js';

/** `lang` (issue 12): only that language's articles (`/en/feed.xml`). */
export type FeedScope = { kind: 'site'; lang?: Language } | { kind: 'tag'; slug: string } | { kind: 'author'; slug: string };

export interface DistributionDeps {
  publicUrl: string;
  content: Pick<ContentService, 'listPublished' | 'store'>;
  media: Pick<MediaService, 'getMany' | 'root'>;
  settings: Pick<SettingsService, 'get'>;
  now: () => Date;
  /** Public correction notes for feed items (content/corrections); feeds go without them when absent. */
  corrections?: Pick<CorrectionsService, 'notesFor'>;
}

export interface FeedData {
  info: FeedInfo;
  items: FeedItem[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * @example
 *   const feed = await createDistributionService(deps).feed({ kind: 'site' });
 */
export function createDistributionService({ publicUrl, content, media, settings, now, corrections }: DistributionDeps) {
  /** Byte sizes for enclosures; a missing file gives 0 rather than failing the feed. */
  async function fileSizes(paths: string[]): Promise<Map<string, number>> {
    const sizes = await Promise.all(paths.map((p) => stat(join(media.root, p)).then((s) => s.size, () => 0)));
    return new Map(paths.map((p, i) => [p, sizes[i] ?? 0]));
  }

  async function fullArticles(filter: { tagId?: number; authorId?: number; lang?: Language }): Promise<Article[]> {
    const { items } = await content.listPublished({ ...filter, page: 1, perPage: FEED_LENGTH });
    const found = await Promise.all(items.map((summary) => content.store.findBy('id', summary.id)));
    return found.filter((a): a is Article => a !== null);
  }

  /** Images used by the articles: featured ones and those inside bodies. */
  function mediaIds(articles: Article[]): number[] {
    return articles.flatMap((a) => [
      ...(a.featuredMediaId === null ? [] : [a.featuredMediaId]),
      ...mediaIdsOf(a.body),
    ]);
  }

  return {
    /** The feed of the whole site, a tag or an author; null when the tag or author does not exist. */
    async feed(scope: FeedScope): Promise<FeedData | null> {
      const site = await settings.get('site');
      let base = `${publicUrl}/`;
      let title = site.title;
      let description = site.description;
      let filter: { tagId?: number; authorId?: number; lang?: Language } = scope.kind === 'site' && scope.lang ? { lang: scope.lang } : {};
      if (scope.kind === 'site' && scope.lang) base = `${publicUrl}/${scope.lang}/`;
      if (scope.kind !== 'site') {
        // Anything that cannot be a slug is unknown without asking the database.
        if (!SLUG.test(scope.slug) || scope.slug.length > 80) return null;
        base = `${publicUrl}/${scope.kind}/${scope.slug}/`;
        if (scope.kind === 'tag') {
          const tag = await content.store.tagBy('slug', scope.slug);
          if (!tag) return null;
          filter = { tagId: tag.id };
          title = `${tag.name} – ${site.title}`;
          description = tag.description || site.description;
        } else {
          const author = await content.store.authorBy('slug', scope.slug);
          if (!author) return null;
          filter = { authorId: author.id };
          title = `${author.name} – ${site.title}`;
          description = excerpt(author.bio[site.language] ?? '') || site.description;
        }
      }
      const [articles, donation] = await Promise.all([fullArticles(filter), settings.get('donation')]);
      const items = await media.getMany(mediaIds(articles));
      const notes = corrections ? await corrections.notesFor(articles.map((a) => a.id)) : undefined;
      const featured = articles.flatMap((a) => {
        const item = a.featuredMediaId === null ? undefined : items.get(a.featuredMediaId);
        return item ? [feedImagePath(item).path] : [];
      });
      const feedItems = toFeedItems(articles, {
        publicUrl,
        media: items,
        sizes: await fileSizes([...new Set(featured)]),
        donationText: donation.appeal,
        now: now(),
        corrections: notes,
      });
      const info: FeedInfo = {
        title,
        description,
        language: filter.lang ?? site.language,
        homeUrl: base,
        feedUrls: { rss: `${base}feed.xml`, atom: `${base}atom.xml`, json: `${base}feed.json` },
        updated: now(),
        author: { name: site.title, url: `${publicUrl}/` },
      };
      return { info, items: feedItems };
    },

    /** Home, every published article and page, and every tag and author with articles. */
    async sitemap(): Promise<string> {
      const index = await content.store.publishedIndex(now());
      const latest = (...dates: (string | null)[]) =>
        dates.filter((d): d is string => d !== null).map((d) => new Date(d)).reduce<Date | null>((a, b) => (a && a > b ? a : b), null);
      const urls: SitemapUrl[] = [
        { loc: `${publicUrl}/`, lastmod: latest(...index.filter((r) => r.kind === 'article').map((r) => r.published_at)) },
        ...index.map((r) => ({ loc: articleUrl(publicUrl, r.slug), lastmod: latest(r.updated_at, r.published_at) })),
      ];
      // One small query per tag and author: the sitemap is cached, and an empty listing
      // page is not worth a crawler's visit, so only those with articles are listed.
      const [tags, authors] = await Promise.all([content.store.allTags(), content.store.allAuthors()]);
      const groups = [
        ['tag', tags, (id: number) => ({ tagId: id })],
        ['author', authors, (id: number) => ({ authorId: id })],
      ] as const;
      for (const [kind, list, filter] of groups) {
        for (const entry of list) {
          if (urls.length >= SITEMAP_LIMIT) break;
          const { items } = await content.listPublished({ ...filter(entry.id), page: 1, perPage: 1 });
          const newest = items[0];
          if (newest) urls.push({ loc: `${publicUrl}/${kind}/${encodeURIComponent(entry.slug)}/`, lastmod: newest.publishedAt });
        }
      }
      return sitemapXml(urls);
    },
  };
}

export type DistributionService = ReturnType<typeof createDistributionService>;
