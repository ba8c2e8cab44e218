/**
 * Seeds the demo newsroom (authors, tags, images, articles, pages, settings) through the
 * same services the admin uses. Idempotent: content that exists (by slug) is left alone,
 * so running it twice changes nothing the second time.
 *
 * @example
 *   const report = await seedDemo(services);
 */
import type { PlatformDeps } from '../platform/deps.js';
import type { ContentService } from '../content/index.js';
import type { MediaService } from '../media/index.js';
import type { Block } from '../content/index.js';
import type { Language } from '../platform/i18n.js';
import { demoArticles, demoAuthors, demoBodyImages, demoImages, demoPages, demoTags } from './content.js';
import { renderDemoImage } from './images.js';
import { seedDemoSupporters } from '../funding/index.js';
import { demoSettings } from './settings.js';
import { seedDemoDiscussion, type DemoDiscussionDeps } from './discussion.js';
import { createTranslations } from '../content/index.js';
import { systemCaller } from '../platform/caller.js';

/** What this module needs from the composition root. */
export type DemoSeedDeps = Pick<PlatformDeps, 'database' | 'now' | 'settings' | 'secret' | 'config'> & { content: ContentService; media: MediaService };

export interface SeedReport {
  authors: number;
  tags: number;
  images: number;
  articles: number;
  pages: number;
}

type SeedServices = Pick<DemoSeedDeps, 'content' | 'media' | 'settings' | 'now' | 'database' | 'secret'> & { config: Pick<DemoSeedDeps['config'], 'fundingKey'> } & Partial<Pick<DemoDiscussionDeps, 'operations' | 'corrections'>> & Partial<Pick<PlatformDeps, 'bus'>>;

export async function seedDemo(services: SeedServices, options: { lang?: Language } = {}): Promise<SeedReport> {
  const { content, settings } = services;
  const lang = options.lang ?? (await settings.get('site')).language;
  const report: SeedReport = { authors: 0, tags: 0, images: 0, articles: 0, pages: 0 };

  // A site whose editors already chose settings keeps them; only a fresh site gets ours.
  const existingSettings = await services.database.db.selectFrom('settings').select('key').where('key', '=', 'site').execute();
  if (existingSettings.length === 0) {
    const defaults = demoSettings(lang);
    await settings.update('site', defaults.site);
    await settings.update('donation', defaults.donation);
    await settings.update('legal', defaults.legal);
  }

  const imageIds = await seedDemoImages(services, lang, report);

  const authorIds = new Map<string, number>();
  for (const author of demoAuthors) {
    const existing = await content.store.authorBy('slug', author.slug);
    const saved =
      existing ??
      (await content.createAuthor({
        slug: author.slug,
        name: author.name,
        bio: author.bio,
        links: author.links,
        books: author.books,
        avatarMediaId: imageIds.get(author.avatarKey) ?? null,
      }));
    if (!existing) report.authors++;
    authorIds.set(author.slug, saved.id);
  }

  const tagIds = new Map<string, number>();
  for (const tag of demoTags) {
    const existing = await content.store.tagBy('slug', tag.slug);
    const saved = existing ?? (await content.createTag({ slug: tag.slug, name: tag.name[lang], description: tag.description[lang] }));
    if (!existing) report.tags++;
    tagIds.set(tag.slug, saved.id);
  }

  const now = services.now();
  const day = 86_400_000;
  for (const article of demoArticles) {
    if (await content.store.findBy('slug', article.slug)) continue;
    const keys = [...(demoBodyImages[article.slug] ?? [])];
    const body = article.body.map((block): Block =>
      block.type === 'image' && block.mediaId === 0 ? { ...block, mediaId: imageIds.get(keys.shift() ?? '') ?? 0 } : block,
    ).filter((block) => block.type !== 'image' || block.mediaId > 0);
    const scheduled = article.status === 'scheduled';
    const publishedAt = new Date(now.getTime() - article.publishedDaysAgo * day);
    const created = await content.createArticle({
      slug: article.slug,
      lang: article.lang,
      title: article.title,
      subtitle: article.subtitle,
      body,
      status: scheduled ? 'scheduled' : 'published',
      publishedAt: scheduled ? null : publishedAt,
      scheduledAt: scheduled ? new Date(now.getTime() + (article.scheduledInHours ?? 48) * 3_600_000) : null,
      featuredMediaId: imageIds.get(article.imageKey) ?? null,
      seoTitle: article.seoTitle,
      seoDescription: article.seoDescription,
      commentsOpen: article.commentsOpen,
      authorIds: article.authors.flatMap((slug) => authorIds.get(slug) ?? []),
      tagIds: article.tags.flatMap((slug) => tagIds.get(slug) ?? []),
    });
    report.articles++;
    if (article.updatedDaysAgo !== undefined && !scheduled) {
      // Demo of the "updated" line: a later revision of the published text.
      await services.database.db
        .updateTable('articles')
        .set({ revised_at: new Date(now.getTime() - article.updatedDaysAgo * day).toISOString() })
        .where('id', '=', created.id)
        .execute();
    }
  }

  for (const page of demoPages) {
    if (await content.store.findBy('slug', page.slug)) continue;
    await content.createArticle({
      kind: 'page',
      slug: page.slug,
      lang: page.lang,
      title: page.title,
      body: page.body,
      status: 'published',
      publishedAt: new Date(now.getTime() - 90 * day),
      commentsOpen: false,
      authorIds: [],
      tagIds: [],
    });
    report.pages++;
  }

  // Supporters (issue 18): a test creditor id, so the sign-up shows, and a few months of
  // history for the newsroom's figures. Once per site, like the settings above.
  await seedDemoSupporters({ database: services.database, settings, secret: services.secret, fundingKey: services.config.fundingKey, now: services.now, lang });

  // Issue 12: one story in both languages, linked as translations, and a living discussion.
  await linkDemoTranslations(services);
  if (services.operations) await seedDemoDiscussion({ ...services, operations: services.operations, corrections: services.corrections });
  return report;
}

/**
 * The demo's images, imported through the media library: the slow part of seeding (every
 * image is encoded at several widths and formats). Existing images are reused by name, so
 * a data folder that already holds them (a copy made once for a test run, see
 * site/fixture.ts) skips the encoding and ends up the same.
 */
export async function seedDemoImages(
  services: Pick<SeedServices, 'media' | 'database'>,
  lang: Language,
  report: Pick<SeedReport, 'images'> = { images: 0 },
): Promise<Map<string, number>> {
  const { media } = services;
  // Images are keyed by their demo key in the caption-free `path` name; reuse by name.
  const imageIds = new Map<string, number>();
  const existingMedia = await services.database.db.selectFrom('media').select(['id', 'path']).execute();
  for (const image of demoImages) {
    const found = existingMedia.find((m) => m.path.includes(`/demo-${image.key}-`));
    if (found) {
      imageIds.set(image.key, found.id);
      continue;
    }
    const portrait = image.motif === 'portrait';
    const buffer = await renderDemoImage(image.motif, image.key, portrait ? 400 : 1600, portrait ? 400 : 900);
    const item = await media.importImage(buffer, {
      name: `demo-${image.key}`,
      alt: image.alt[lang],
      caption: image.caption[lang],
      credit: image.credit,
      sourceUrl: image.sourceUrl,
      licence: image.licence,
    });
    imageIds.set(image.key, item.id);
    report.images++;
  }
  return imageIds;
}

const TRANSLATED: readonly [string, string][] = [['lindenbluetenfest-programm', 'linden-blossom-festival-programme']];

async function linkDemoTranslations(services: Pick<SeedServices, 'content' | 'database' | 'now' | 'bus'>): Promise<void> {
  // Without a bus (a bare seeding) there is no page cache to tell.
  const translations = createTranslations({ db: services.database.db, bus: services.bus ?? { emit: async () => undefined }, now: services.now });
  for (const [de, en] of TRANSLATED) {
    const [a, b] = await Promise.all([services.content.store.findBy('slug', de), services.content.store.findBy('slug', en)]);
    if (a && b && !(await translations.of(a.id)).length) await translations.link(systemCaller('demo'), a.id, b.id);
  }
}
