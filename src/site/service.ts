/**
 * Page rendering for the public site: gathers what a page needs from the content, media
 * and search services in a handful of queries and hands it to the views. Routes stay thin.
 *
 * @example
 *   const site = createSite({ settings, content, media, search, assets, publicUrl, now });
 *   const { html, tags } = await site.home(1);
 */
import type { FastifyRequest } from 'fastify';
import type { SafeHtml } from '../platform/html.js';
import type { SettingsService } from '../platform/settings.js';
import type { Assets } from '../platform/assets.js';
import { AppError } from '../platform/errors.js';
import type { ContentService, Article, CorrectionNote, TranslationLink } from '../content/index.js';
import type { Language } from '../platform/i18n.js';
import { mediaIdsOf } from '../content/index.js';
import type { MediaService } from '../media/index.js';
import type { SearchService } from '../search/index.js';
import { createFrame, type Frame } from './layout.js';
import { renderArticlePage } from './views/article.js';
import { renderAuthorPage, renderHomePage, renderTagPage } from './views/listing.js';
import { renderSearchPage } from './views/search.js';
import { renderErrorView } from './views/error.js';
import { featuredIds } from './views/parts.js';

export interface SiteDeps {
  settings: SettingsService;
  content: ContentService;
  media: Pick<MediaService, 'getMany'>;
  search: Pick<SearchService, 'search' | 'related'>;
  assets: Assets;
  publicUrl: string;
  now: () => Date;
  /** The discussion under an article (the discussion capability renders it). */
  discussionSection?: (article: Article, query: Record<string, unknown>) => Promise<SafeHtml>;
  /** Whether the query makes the page one visitor's own (`?posted=1`, `?liked=ID`): sent, never cached. */
  ownActionQuery?: (query: Record<string, unknown>) => boolean;
  /** Published comments per article, for "12 comments" on lists. */
  commentCounts?: (articleIds: number[]) => Promise<Map<number, number>>;
  /** Published translations of an article (content/translations), for hreflang and the switch. */
  translations?: (articleId: number) => Promise<TranslationLink[]>;
  /** Public correction notes of an article, oldest first (content/corrections). */
  correctionNotes?: (articleId: number) => Promise<CorrectionNote[]>;
}

/** A rendered page and the cache tags naming what it shows (see platform/cache.ts). */
export interface Rendered {
  html: string;
  tags: string[];
  /** The page is one visitor's own (it tells them what they just did): sent, never cached. */
  own?: boolean;
}

export type ArticleResult = (Rendered & { article: Article }) | { redirect: string } | null;

/** A listing shows each article's comment count: a new comment there drops it. */
const listingTags = (items: { id: number }[]) => ['listing', ...items.map((item) => `counts:${item.id}`)];

export const PER_PAGE = 10;
export const MAX_QUERY = 200;

function bodyImageIds(article: Article): number[] {
  return mediaIdsOf(article.body);
}

export function createSite(deps: SiteDeps) {
  const { content, media, search } = deps;
  // `lang`: an article's own language decides its whole page (chrome, discussion, dates).
  const frame = async (lang?: Language): Promise<Frame> => createFrame(await deps.settings.all(), deps.assets, deps.publicUrl, lang);

  const countsOf = async (items: { id: number }[]) =>
    deps.commentCounts ? deps.commentCounts(items.map((a) => a.id)) : new Map<number, number>();

  function checkPage(page: number, pages: number) {
    if (page > pages) throw new AppError('PAGE_OUT_OF_RANGE', { field: 'page' });
  }

  return {
    frame,

    /** `lang`: only that language's articles, in that language's chrome (`/en/`, `/de/`). */
    async home(page: number, lang?: Language): Promise<Rendered> {
      // All languages: the site's own first when the newsroom says so (a setting, on by default).
      const site = lang ? null : (await deps.settings.all()).site;
      const langFirst = site?.homeLanguageFirst ? site.language : undefined;
      const list = await content.listPublished({ page, perPage: PER_PAGE, lang, langFirst });
      checkPage(page, list.pages);
      const [images, counts] = await Promise.all([media.getMany(featuredIds(list.items)), countsOf(list.items)]);
      // `home`: a design change of the layout or the home boxes drops these pages only.
      return { html: renderHomePage(await frame(lang), list, images, counts, lang ? `/${lang}/` : '/'), tags: [...listingTags(list.items), 'home'] };
    },

    async article(slug: string, query: Record<string, unknown> = {}): Promise<ArticleResult> {
      const found = await content.lookupPublic(slug);
      if (!found) return null;
      if ('redirect' in found) return found;
      const { article } = found;
      const relatedIds = article.kind === 'article' ? await search.related(article.id, 3, deps.now()) : [];
      const related = (await content.store.summariesByIds(relatedIds)).filter(
        (r) => r.status === 'published' && r.publishedAt && r.publishedAt <= deps.now(),
      );
      const ids = [
        ...(article.featuredMediaId ? [article.featuredMediaId] : []),
        ...bodyImageIds(article),
        ...article.authors.flatMap((a) => (a.avatarMediaId ? [a.avatarMediaId] : [])),
        ...featuredIds(related),
      ];
      const images = await media.getMany(ids);
      const discussion =
        article.kind === 'article' && deps.discussionSection ? await deps.discussionSection(article, query) : undefined;
      const corrections = deps.correctionNotes ? await deps.correctionNotes(article.id) : [];
      // The byline's "N Kommentare" and the translation switch (hreflang) of this article.
      const [commentCount, translations] = await Promise.all([
        article.kind === 'article' ? countsOf([article]).then((c) => c.get(article.id) ?? 0) : Promise.resolve(0),
        deps.translations ? deps.translations(article.id) : Promise.resolve([]),
      ]);
      const html = renderArticlePage(await frame(article.lang), { article, media: images, related, discussion, corrections, commentCount, translations });
      const tags = [`article:${article.id}`, ...related.map((r) => `shows:${r.id}`), ...translations.map((t) => `shows:${t.id}`)];
      return { article, html, tags, ...(deps.ownActionQuery?.(query) ? { own: true } : {}) };
    },

    async tag(slug: string, page: number, lang?: Language): Promise<Rendered | null> {
      const tag = await content.store.tagBy('slug', slug);
      if (!tag) return null;
      const list = await content.listPublished({ page, perPage: PER_PAGE, tagId: tag.id, lang });
      checkPage(page, list.pages);
      const [images, counts] = await Promise.all([media.getMany(featuredIds(list.items)), countsOf(list.items)]);
      return { html: renderTagPage(await frame(lang), tag, list, images, counts, lang), tags: listingTags(list.items) };
    },

    async author(slug: string, page: number, lang?: Language): Promise<Rendered | null> {
      const author = await content.store.authorBy('slug', slug);
      if (!author) return null;
      const list = await content.listPublished({ page, perPage: PER_PAGE, authorId: author.id, lang });
      checkPage(page, list.pages);
      const ids = [...featuredIds(list.items), ...(author.avatarMediaId ? [author.avatarMediaId] : [])];
      const [images, counts] = await Promise.all([media.getMany(ids), countsOf(list.items)]);
      return { html: renderAuthorPage(await frame(lang), author, list, images, counts, lang), tags: listingTags(list.items) };
    },

    async search(q: string, page: number): Promise<string> {
      if (q.length > MAX_QUERY) throw new AppError('QUERY_TOO_LONG', { field: 'q' });
      const trimmed = q.trim();
      if (!trimmed) return renderSearchPage(await frame(), { q: '', page: 1, pages: 1, total: 0, items: [] });
      const result = await search.search(trimmed, { page, perPage: PER_PAGE, now: deps.now() });
      const pages = Math.max(1, Math.ceil(result.total / PER_PAGE));
      return renderSearchPage(await frame(), { q: trimmed, page, pages, total: result.total, totalIsLowerBound: result.totalIsLowerBound, items: result.items });
    },

    async renderErrorPage(_request: FastifyRequest, error: AppError): Promise<string> {
      const latest = error.status === 404 ? (await content.listPublished({ page: 1, perPage: 5 })).items : [];
      return renderErrorView(await frame(), error, latest);
    },
  };
}

export type Site = ReturnType<typeof createSite>;
