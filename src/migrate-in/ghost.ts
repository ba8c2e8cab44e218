/**
 * `blattwerk import ghost FILE.json [--media-dir content/images] [--site-url URL]`: a Ghost
 * export (Ghost 1–5, `db[0].data` or `data` at the top): users become authors, tags
 * become tags, posts and pages become articles and pages (Lexical, mobiledoc or HTML
 * content), members become newsletter subscribers with their consent state.
 *
 * Ghost exports hold no images and name the site as `__GHOST_URL__`; `--site-url` says
 * what that was, `--media-dir` where the `content/images` folder is now. The file is JSON
 * and is read whole: Ghost exports carry text only and stay small next to WXR files.
 *
 * Members go in through the newsletter's own import (audience/), after the content has
 * been committed, so they get exactly the consent handling a CSV import gets.
 *
 * @example
 *   const report = await importGhost(deps, 'ghost.json', { siteUrl: 'https://old.example.org' }, newsletter);
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { isLanguage } from '../platform/i18n.js';
import type { Newsletter } from '../audience/index.js';
import { resolveDrafts, type ConversionNote } from './drafts.js';
import { ImportFileError } from './errors.js';
import { lexicalToHtml, mobiledocToHtml, type ContentNote } from './ghost-content.js';
import { membersCsv, rows, str, type GhostData, type Row } from './ghost-members.js';
import { htmlToBlocks } from './html-blocks.js';
import { addRedirect, findItem, remember } from './ledger.js';
import { createMediaFiles, type MediaFiles } from './media-files.js';
import { prefetch, type MediaJob } from './prefetch.js';
import type { ImportReport } from './report.js';
import { htmlToText } from './sanitize.js';
import { runSession, type ImportDeps, type ImportOptions, type Session } from './session.js';
import { assertFormat } from './sniff.js';
import { articleLink } from './wp-post.js';
import { clip, ensureAuthor, ensureTag, insertArticle, uniqueSlug } from './writer.js';

export interface GhostOptions extends ImportOptions {
  /** What `__GHOST_URL__` stood for, e.g. 'https://old.example.org'. */
  siteUrl?: string;
}


/** Ghost times: ISO strings, 'YYYY-MM-DD HH:MM:SS' (UTC) or milliseconds in old exports. */
export function ghostDate(value: unknown): Date | null {
  if (typeof value === 'number') return new Date(value);
  const text = str(value).trim();
  if (!text) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Far beyond any Ghost export (text only); JSON.parse could not hold much more anyway. */
const MAX_BYTES = 400 * 1024 * 1024;

function readExport(file: string): GhostData {
  let parsed: unknown;
  if (statSync(file).size > MAX_BYTES) {
    throw new ImportFileError(basename(file), `larger than ${MAX_BYTES / 1048576} MB; a Ghost export holds text only and is far smaller: is this the right file?`);
  }
  const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    if (Number.isFinite(position)) {
      const before = text.slice(0, position);
      const line = before.split('\n').length;
      throw new ImportFileError(basename(file), `line ${line}, column ${position - before.lastIndexOf('\n')}: not valid JSON (${message})`);
    }
    throw new ImportFileError(basename(file), `not valid JSON (${message}); is the file complete?`);
  }
  const root = parsed as { db?: unknown[]; data?: unknown };
  const data = (Array.isArray(root.db) ? (root.db[0] as { data?: unknown })?.data : root.data) as GhostData | undefined;
  if (!data || typeof data !== 'object' || !Array.isArray(data.posts)) {
    throw new ImportFileError(basename(file), 'not a Ghost export: there is no db[0].data.posts list');
  }
  return data;
}

interface GhostContext {
  s: Session;
  data: GhostData;
  media: MediaFiles;
  site: string;
  authors: Map<string, number>;
  tags: Map<string, number>;
}

function ghostUrl(ctx: GhostContext, url: string): string {
  return url.replace(/__GHOST_URL__/g, ctx.site);
}

/** 'content/images/size/w600/2024/01/x.jpg' → '2024/01/x.jpg' (the path below content/images). */
function imagePath(url: string): string | null {
  const m = /\/content\/images\/(?:size\/w\d+(?:h\d+)?\/)?(?:format\/\w+\/)?(.+?)(?:[?#].*)?$/.exec(url);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

/** Images of Ghost's own `content/images` in any post (its HTML, Lexical, mobiledoc or feature image). */
const GHOST_IMAGE = /(?:__GHOST_URL__|https?:\/\/[^\s"'<>()\\]+?)\/content\/images\/[^\s"'<>()\\]+/g;

/** What --fetch-media downloads: every image below `content/images` the posts use. */
function mediaJobs(data: GhostData, site: string): MediaJob[] {
  const jobs: MediaJob[] = [];
  for (const post of rows(data.posts)) {
    const text = [post.html, post.lexical, post.mobiledoc, post.feature_image].map(str).join('\n');
    for (const [found] of text.matchAll(GHOST_IMAGE)) {
      const url = found.replace(/__GHOST_URL__/g, site);
      const path = imagePath(url);
      if (path && /^https?:\/\//.test(url)) jobs.push({ key: `image:${path}`, path, url, label: `post ${str(post.id)}` });
    }
  }
  return jobs;
}

function imageRequest(ctx: GhostContext, src: string) {
  const path = imagePath(src);
  return { key: path ? `image:${path}` : null, path, url: ghostUrl(ctx, src) };
}

async function importPeople(ctx: GhostContext): Promise<void> {
  const { s, data } = ctx;
  for (const user of rows(data.users)) {
    const id = str(user.id);
    await s.item(`user ${str(user.slug) || id}`, async () => {
      const author = await ensureAuthor(s, { externalId: id, name: str(user.name), slug: str(user.slug), email: str(user.email), bio: str(user.bio), website: str(user.website) });
      ctx.authors.set(id, author.id);
      const slug = (await s.tx.selectFrom('authors').select('slug').where('id', '=', author.id).executeTakeFirstOrThrow()).slug;
      await addRedirect(s.tx, `/author/${str(user.slug)}/`, `/author/${slug}/`, s.source, s.now);
    });
  }
  for (const tag of rows(data.tags)) {
    const id = str(tag.id);
    // Internal tags ('#newsletter') organise Ghost's admin; readers never saw them.
    if (str(tag.visibility) === 'internal' || str(tag.name).startsWith('#')) {
      s.report.skip('internal Ghost tag', str(tag.name));
      continue;
    }
    await s.item(`tag ${str(tag.slug) || id}`, async () => {
      const made = await ensureTag(s, { externalId: id, name: str(tag.name), slug: str(tag.slug), description: str(tag.description) });
      ctx.tags.set(id, made.id);
      await addRedirect(s.tx, `/tag/${str(tag.slug)}/`, `/tag/${made.slug}/`, s.source, s.now);
    });
  }
}

function related(list: unknown, postId: string, key: string): string[] {
  return rows(list)
    .filter((r) => str(r.post_id) === postId)
    .sort((x, y) => Number(x.sort_order ?? 0) - Number(y.sort_order ?? 0))
    .map((r) => str(r[key]));
}

function postHtml(post: Row, notes: ContentNote[]): string {
  if (str(post.lexical)) return lexicalToHtml(str(post.lexical), notes);
  if (str(post.mobiledoc)) return mobiledocToHtml(str(post.mobiledoc), notes);
  return str(post.html);
}

async function importPost(ctx: GhostContext, post: Row): Promise<void> {
  const { s } = ctx;
  const id = str(post.id);
  const page = post.type === 'page' || post.page === true || post.page === 1;
  const kind = page ? 'page' : 'article';
  const title = htmlToText(str(post.title));
  const label = `${kind} ${id} "${clip(title || '(untitled)', 60)}"`;
  const existing = await findItem(s.tx, s.source, kind, id);
  if (existing !== null) return void s.report.existing(page ? 'pages' : 'articles');
  // Notes wait for the article's id, so each names the article it is about.
  const later: ConversionNote[] = [];
  const review = async (kind: string, message: string) => void later.push({ kind, message });
  const visibility = str(post.visibility) || 'public';
  let status: 'draft' | 'scheduled' | 'published' = 'draft';
  const when = ghostDate(post.published_at);
  if (post.status === 'published' && visibility === 'public') status = 'published';
  else if (post.status === 'scheduled' && visibility === 'public' && when) status = 'scheduled';
  if (visibility !== 'public' && post.status !== 'draft') await review('kept unpublished or rescheduled', `only for ${visibility === 'paid' ? 'paying ' : ''}members on Ghost: kept unpublished`);
  if (post.status === 'sent') await review('kept unpublished or rescheduled', 'sent only as an e-mail on Ghost: kept as a draft');

  const notes: ContentNote[] = [];
  const conversion = htmlToBlocks(ghostUrl(ctx, postHtml(post, notes)), { link: articleLink(ctx.site) });
  later.push(...notes, ...conversion.notes);
  const body = await resolveDrafts(conversion.blocks, {
    media: ctx.media,
    label,
    lookup: (image) => imageRequest(ctx, image.src),
    gallery: () => [],
    note: (note) => later.push(note),
  });

  const meta = rows(ctx.data.posts_meta).find((m) => str(m.post_id) === id) ?? {};
  let featuredMediaId: number | null = null;
  if (str(post.feature_image)) {
    const result = await ctx.media.resolve({ ...imageRequest(ctx, str(post.feature_image)), alt: str(meta.feature_image_alt), label });
    if (result && 'mediaId' in result) featuredMediaId = result.mediaId;
    else await review('featured image not imported', `the featured image ${result && 'remote' in result ? result.remote : str(post.feature_image)} is not in the library: the article shows none (give --media-dir or --fetch-media)`);
  }
  const authorIds = related(ctx.data.posts_authors, id, 'author_id').concat(str(post.author_id) ? [str(post.author_id)] : []);
  const slug = await uniqueSlug(s, str(post.slug), title || `beitrag-${id}`);
  if (str(post.slug) && slug !== str(post.slug)) await review('address changed', `address changed from /${str(post.slug)}/ to /${slug}/`);
  const lang = str(post.locale).slice(0, 2);
  const articleId = await insertArticle(s, {
    kind,
    slug,
    lang: isLanguage(lang) ? lang : s.deps.lang,
    title: title || (s.deps.lang === 'de' ? '(ohne Titel)' : '(untitled)'),
    subtitle: htmlToText(str(post.custom_excerpt)),
    body,
    status,
    publishedAt: status === 'published' ? when : null,
    scheduledAt: status === 'scheduled' ? when : null,
    createdAt: ghostDate(post.created_at) ?? s.now,
    updatedAt: ghostDate(post.updated_at) ?? s.now,
    featuredMediaId,
    featuredCaption: htmlToText(str(meta.feature_image_caption ?? post.feature_image_caption)),
    seoTitle: htmlToText(str(meta.meta_title ?? post.meta_title)),
    seoDescription: htmlToText(str(meta.meta_description ?? post.meta_description)),
    commentsOpen: true,
    authorIds: authorIds.flatMap((a) => (ctx.authors.has(a) ? [ctx.authors.get(a)!] : [])),
    tagIds: related(ctx.data.posts_tags, id, 'tag_id').flatMap((t) => (ctx.tags.has(t) ? [ctx.tags.get(t)!] : [])),
  });
  await remember(s.tx, s.source, kind, id, articleId, s.now);
  s.report.added(page ? 'pages' : 'articles');
  for (const note of later) await s.report.review(label, note.message, { kind: note.kind, ...(note.html ? { html: note.html } : {}), articleId });
  if (str(post.slug)) await addRedirect(s.tx, `/${str(post.slug)}/`, `/${slug}/`, s.source, s.now);
  if (str(post.uuid)) await addRedirect(s.tx, `/p/${str(post.uuid)}/`, `/${slug}/`, s.source, s.now);
}

export async function importGhost(
  deps: ImportDeps,
  file: string,
  options: GhostOptions = {},
  subscribers?: Pick<Newsletter, 'importCsv'>,
): Promise<ImportReport> {
  assertFormat(file, 'ghost');
  const data = readExport(file);
  const site = (options.siteUrl ?? '').replace(/\/+$/, '');
  const settings = rows(data.settings);
  const locale = str(settings.find((r) => r.key === 'locale')?.value).slice(0, 2);
  const lang = isLanguage(locale) ? locale : deps.lang;
  const fetched = await prefetch(deps, options, `ghost:${site}`, mediaJobs(data, site), 'Ghost, downloading media');
  const report = await runSession({ ...deps, lang }, options, `ghost:${site}`, file, async (s) => {
    if (!site) await s.report.review('the file', 'no --site-url given: links and images that pointed to the Ghost site are kept as site-relative addresses', { kind: 'site address unknown' });
    await fetched?.report(s);
    const ctx: GhostContext = { s, data, media: createMediaFiles(s, { dirs: [options.mediaDir, fetched?.dir], base: site }), site, authors: new Map(), tags: new Map() };
    await importPeople(ctx);
    const progress = s.progress('Ghost, importing');
    const posts = rows(data.posts);
    for (const [i, post] of posts.entries()) {
      await s.item(`post ${str(post.id)} "${clip(str(post.title), 60)}"`, () => importPost(ctx, post));
      progress.update({ done: i + 1, total: posts.length, unit: 'items', counts: { 'posts and pages added': s.report.count('articles') + s.report.count('pages') } });
    }
    progress.finish();
  }).finally(() => fetched?.cleanup());
  const members = membersCsv(data, deps.now());
  for (const [reason, count] of Object.entries(members.skipped)) for (let i = 0; i < count; i++) report.skip(reason, 'member');
  if (members.count === 0) return report;
  if (options.dryRun || !subscribers) {
    report.added(options.dryRun ? 'newsletter subscribers (at most; addresses already here are left alone)' : 'members not imported (no newsletter service)', members.count);
    return report;
  }
  const result = await subscribers.importCsv(members.csv);
  if (result.imported) report.added('newsletter subscribers', result.imported);
  if (result.existing) report.existing('newsletter subscribers', result.existing);
  for (const error of result.errors) report.skip(`member not imported: ${error.reason}`, `member ${members.ids[error.row - 1] ?? error.row}`);
  return report;
}
