/**
 * One WordPress post or page: status, slug, title, body, excerpt, featured image, authors,
 * categories and tags, its old addresses, and its comments. A post imported by an earlier
 * run is left as it is; only comments that were not there yet are added to it.
 *
 * Statuses: published stays published (at its old date); scheduled (`future`) stays
 * scheduled; drafts stay drafts. Private and password-protected posts have no equivalent
 * here and are kept as drafts, each reported, so nothing becomes public that was not.
 *
 * @example
 *   await importPost(ctx, readItem(node));
 */
import { isValidSlug } from '../content/index.js';
import type { Language } from '../platform/i18n.js';
import { isLanguage } from '../platform/i18n.js';
import { autop, needsAutop } from './autop.js';
import { importThread, type IncomingComment, type IncomingStatus } from './comments.js';
import { resolveDrafts, type ConversionNote, type DraftContext } from './drafts.js';
import { sourceFootnotes } from './footnotes.js';
import { htmlToBlocks, type PendingImage } from './html-blocks.js';
import { plainLink } from './inline.js';
import { addRedirects, findItem, remember } from './ledger.js';
import type { MediaFiles, MediaRequest } from './media-files.js';
import { htmlToText } from './sanitize.js';
import type { Session } from './session.js';
import { expandShortcodes } from './shortcodes.js';
import { uploadPath, type WxrAttachment, type WxrIndex } from './wp-index.js';
import { wpDate, type WxrComment, type WxrItem } from './wxr-records.js';
import { clip, insertArticle, uniqueSlug, userByEmail } from './writer.js';

export interface WpContext {
  s: Session;
  index: WxrIndex;
  media: MediaFiles;
  /** The old site's address, without a trailing slash. */
  base: string;
  lang: Language;
  /** Author login → our author (and the staff account behind it). */
  authors: Map<string, { id: number; userId: number | null }>;
  /** WordPress user id → the same, for comments written by authors. */
  authorsByWpId: Map<string, { id: number; userId: number | null }>;
  /** 'category:politik', 'post_tag:haushalt' → tag id. */
  tags: Map<string, number>;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
};

/** Every old address of an attachment: its file, its attachment page and `/?attachment_id=N`. */
export function attachmentAddresses(attachment: WxrAttachment): string[] {
  return [attachment.url, attachment.link, `/?attachment_id=${attachment.id}`].filter(Boolean);
}

/** What the media library keeps of an attachment: alt, caption, and from our own exports credit, licence and source. */
export function libraryFields(a: WxrAttachment) {
  return { alt: a.alt, caption: a.caption, ...(a.credit ? { credit: a.credit } : {}), ...(a.licence ? { licence: a.licence } : {}), ...(a.sourceUrl ? { sourceUrl: a.sourceUrl } : {}) };
}

/** Links into the old site become site-relative, so they reach the new article (through its redirect). */
export function articleLink(base: string) {
  const host = hostOf(base);
  return (href: string): string | null => {
    const trimmed = href.trim();
    if (host && /^https?:\/\//i.test(trimmed) && hostOf(trimmed) === host) {
      const url = new URL(trimmed);
      // Uploaded files (PDFs, …) are not moved here: their links keep the old address.
      if (url.pathname.startsWith('/wp-content/')) return plainLink(trimmed);
      const path = `${url.pathname}${url.search}${url.hash}`;
      return path.startsWith('/') ? plainLink(path) : null;
    }
    return plainLink(trimmed);
  };
}

/** Comments may only link to absolute addresses (see discussion/text); old-site paths are made absolute. */
export function commentLink(base: string) {
  return (href: string): string | null => {
    const trimmed = href.trim();
    if (trimmed.startsWith('/') && !trimmed.startsWith('//') && /^https?:\/\//i.test(base)) return plainLink(`${base}${trimmed}`);
    return /^(?:https?:\/\/|mailto:)/i.test(trimmed) ? plainLink(trimmed) : null;
  };
}

interface Status {
  status: 'draft' | 'scheduled' | 'published';
  note?: string;
}

function mapStatus(item: WxrItem, date: Date | null, now: Date): Status | null {
  const password = item.password !== '';
  switch (item.status) {
    case 'publish':
      return password ? { status: 'draft', note: 'password-protected on WordPress: kept unpublished (Blattwerk has no passwords on articles)' } : { status: 'published' };
    case 'future':
      if (!date) return { status: 'draft', note: 'scheduled without a date: kept as a draft' };
      return {
        status: 'scheduled',
        ...(password ? { note: 'scheduled and password-protected: it will be published without the password' } : {}),
        ...(date < now ? { note: 'scheduled for a time that has passed: it is published when the scheduler next runs' } : {}),
      };
    case 'private':
      return { status: 'draft', note: 'private on WordPress: kept unpublished' };
    case 'draft':
    case 'pending':
      return { status: 'draft' };
    default:
      return null;
  }
}

function commentStatus(approved: string): IncomingStatus | null {
  if (approved === '1' || approved === 'approve') return 'published';
  if (approved === '0' || approved === 'hold') return 'pending';
  if (approved === 'spam') return 'spam';
  if (approved === 'trash' || approved === 'post-trashed') return 'deleted';
  return null;
}

async function incomingComments(ctx: WpContext, comments: WxrComment[], label: string): Promise<IncomingComment[]> {
  const out: IncomingComment[] = [];
  for (const c of comments) {
    if (c.type && c.type !== 'comment') {
      ctx.s.report.skip(c.type === 'pingback' || c.type === 'trackback' ? 'pingback or trackback' : `comment of type "${c.type}"`, `comment ${c.id} (${label})`);
      continue;
    }
    const status = commentStatus(c.approved);
    if (!status) {
      ctx.s.report.skip('comment with an unknown status', `comment ${c.id} (${label}): "${c.approved}"`);
      continue;
    }
    const staff = c.userId && c.userId !== '0' ? ctx.authorsByWpId.get(c.userId)?.userId ?? null : null;
    out.push({
      externalId: c.id,
      parentId: c.parent && c.parent !== '0' ? c.parent : null,
      status,
      authorName: htmlToText(c.author),
      authorEmail: c.email,
      userId: staff ?? (await userByEmail(ctx.s, c.email)),
      content: c.content,
      createdAt: wpDate(c.dateGmt, c.date) ?? ctx.s.now,
    });
  }
  return out;
}

function draftContext(ctx: WpContext, item: WxrItem, label: string, note: DraftContext['note']): DraftContext {
  return {
    media: ctx.media,
    label,
    note,
    lookup(image: PendingImage): Omit<MediaRequest, 'label'> {
      const byId = image.attachmentId !== null ? ctx.index.attachments.get(String(image.attachmentId)) : undefined;
      const path = uploadPath(image.src);
      const attachment = byId ?? (path ? ctx.index.attachments.get(ctx.index.byPath.get(path) ?? '') : undefined);
      if (attachment) {
        return { key: `attachment:${attachment.id}`, path: attachment.file || uploadPath(attachment.url), url: image.src || attachment.url, aliases: attachmentAddresses(attachment), ...libraryFields(attachment) };
      }
      return { key: path ? `upload:${path}` : null, path, url: image.src };
    },
    gallery(ids) {
      const list = ids.length ? ids.map(String) : ctx.index.children.get(item.postId) ?? [];
      return list.flatMap((id) => {
        const a = ctx.index.attachments.get(id);
        return a ? [{ type: 'pending-image' as const, src: a.url, attachmentId: Number(id), ...(a.caption ? { caption: htmlToText(a.caption) } : {}), ...(a.alt ? { alt: a.alt } : {}) }] : [];
      });
    },
  };
}

/** `<!-- wp:block {"ref":12} /-->` replaced by the reusable block's content (two levels deep at most). */
function spliceReusable(content: string, reusable: Map<string, string>, depth = 0): string {
  if (depth > 2 || !content.includes('wp:block')) return content;
  return content.replace(/<!--\s*wp:block\s*\{[^}]*"ref"\s*:\s*(\d+)[^}]*\}\s*\/-->/g, (whole, id: string) => {
    const inner = reusable.get(id);
    return inner === undefined ? whole : spliceReusable(inner, reusable, depth + 1);
  });
}

function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

async function recordAddresses(ctx: WpContext, item: WxrItem, kind: 'article' | 'page', target: string): Promise<void> {
  const urls = [item.link, `/?p=${item.postId}`];
  if (kind === 'page') urls.push(`/?page_id=${item.postId}`);
  if (/[?&](p|page_id)=\d+/.test(item.guid)) urls.push(item.guid);
  const wpSlug = decodeSlug(item.slug);
  if (wpSlug) urls.push(`/${wpSlug}/`);
  let linkPath = '';
  try {
    linkPath = new URL(item.link).pathname;
  } catch {
    linkPath = '';
  }
  // Earlier slugs WordPress itself still redirected: alone, and inside a date permalink.
  for (const old of item.meta.get('_wp_old_slug') ?? []) {
    const slug = old.trim();
    if (!slug) continue;
    urls.push(`/${decodeSlug(slug)}/`);
    if (wpSlug && linkPath.includes(`/${item.slug}/`)) urls.push(linkPath.replace(`/${item.slug}/`, `/${slug}/`));
  }
  const added = await addRedirects(ctx.s.tx, urls.filter(Boolean), target, ctx.s.source, ctx.s.now);
  if (added) ctx.s.report.added('old addresses redirected', added);
}

export async function importPost(ctx: WpContext, item: WxrItem): Promise<void> {
  const { s } = ctx;
  const kind = item.type === 'page' ? 'page' : 'article';
  const plural = kind === 'page' ? 'pages' : 'articles';
  const title = htmlToText(item.title);
  const label = `${item.type} ${item.postId} "${clip(title || '(untitled)', 60)}" (line ${item.line})`;
  const date = wpDate(item.dateGmt, item.date);
  const status = mapStatus(item, date, s.now);
  if (!status) {
    s.report.skip(item.status === 'trash' ? 'in the trash' : `status "${item.status || 'none'}"`, label);
    return;
  }
  let articleId = await findItem(s.tx, s.source, item.type, item.postId);
  if (articleId !== null && !(await s.tx.selectFrom('articles').select('id').where('id', '=', articleId).executeTakeFirst())) articleId = null;
  if (articleId !== null) {
    s.report.existing(plural);
  } else {
    articleId = await createArticle(ctx, item, { kind, title, label, date, status });
    s.report.added(plural);
  }
  const comments = await incomingComments(ctx, item.comments, label);
  if (comments.length) {
    await importThread(s, articleId, comments, { autop: true, link: commentLink(ctx.base) }, label);
  }
}

async function createArticle(
  ctx: WpContext,
  item: WxrItem,
  info: { kind: 'article' | 'page'; title: string; label: string; date: Date | null; status: Status },
): Promise<number> {
  const { s } = ctx;
  const { label } = info;
  // Notes wait for the article's id, so each names the article it is about.
  const notes: ConversionNote[] = [];
  const review = async (kind: string, message: string) => void notes.push({ kind, message });
  if (info.status.note) await review('kept unpublished or rescheduled', info.status.note);
  if (item.sticky) await review('sticky post', 'sticky on WordPress: Blattwerk has no pinned articles; check the home page order');
  if (/<[a-z!/]/i.test(item.title)) await review('title cleaned', 'the title contained markup, which was removed');
  const title = info.title || (ctx.lang === 'de' ? '(ohne Titel)' : '(untitled)');
  if (!info.title) await review('title cleaned', 'the title was empty');

  const shortcodes: { message: string }[] = [];
  let html = expandShortcodes(spliceReusable(item.content, ctx.index.reusable), shortcodes);
  if (needsAutop(item.content)) html = autop(html);
  const footnotes = sourceFootnotes(item.meta.get('footnotes')?.[0]);
  const conversion = htmlToBlocks(html, { link: articleLink(ctx.base), footnotes });
  notes.push(...shortcodes.map((n) => ({ kind: 'shortcode removed', ...n })), ...conversion.notes);
  const body = await resolveDrafts(conversion.blocks, draftContext(ctx, item, label, (note) => notes.push(note)));

  let featuredMediaId: number | null = null;
  const thumbnail = item.meta.get('_thumbnail_id')?.[0]?.trim();
  const attachment = thumbnail ? ctx.index.attachments.get(thumbnail) : undefined;
  if (attachment) {
    const result = await ctx.media.resolve({ key: `attachment:${attachment.id}`, path: attachment.file || uploadPath(attachment.url), url: attachment.url, aliases: attachmentAddresses(attachment), ...libraryFields(attachment), label });
    // The featured image is often also in the body; either reference imports it once.
    // One that did not come in shows nothing: a page never loads it from the old server.
    if (result && 'mediaId' in result) featuredMediaId = result.mediaId;
    else if (result) await review('featured image not imported', `the featured image ${result.remote} is not in the library: the article shows none (give --media-dir or --fetch-media)`);
  } else if (thumbnail) await review('featured image not imported', `featured image ${thumbnail} is not in the export: the article shows none`);

  const slug = await uniqueSlug(s, decodeSlug(item.slug), info.title || `beitrag-${item.postId}`);
  if (item.slug && slug !== decodeSlug(item.slug)) {
    const old = decodeSlug(item.slug);
    // A well-formed slug that is still refused is one of the site's own addresses (/newsletter/).
    const reserved = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(old) && !isValidSlug(old);
    await review('address changed', `address changed from /${decodeSlug(item.slug)}/ to /${slug}/ (${reserved ? 'the old one is a page of Blattwerk itself' : 'the old one redirects'})`);
  }
  const meta = (key: string) => htmlToText(item.meta.get(key)?.[0] ?? '');
  const seo = (value: string) => (value.includes('%%') ? '' : value);
  const authorIds = [ctx.authors.get(item.creator)?.id].filter((id): id is number => id !== undefined);
  if (item.creator && authorIds.length === 0) await review('author unknown', `author "${item.creator}" is not in the export's author list`);
  const tagIds = item.terms.flatMap((t) => {
    const id = ctx.tags.get(`${t.domain}:${decodeSlug(t.slug)}`);
    return id === undefined ? [] : [id];
  });
  const language = ctx.lang;
  const articleId = await insertArticle(s, {
    kind: info.kind,
    slug,
    lang: isLanguage(language) ? language : 'de',
    title,
    subtitle: htmlToText(item.excerpt),
    body,
    status: info.status.status,
    publishedAt: info.status.status === 'published' ? info.date : null,
    scheduledAt: info.status.status === 'scheduled' ? info.date : null,
    createdAt: info.date ?? s.now,
    updatedAt: wpDate(item.modifiedGmt, '') ?? info.date ?? s.now,
    featuredMediaId,
    seoTitle: seo(meta('_yoast_wpseo_title') || meta('rank_math_title')),
    seoDescription: seo(meta('_yoast_wpseo_metadesc') || meta('rank_math_description')),
    commentsOpen: item.commentStatus !== 'closed',
    authorIds,
    tagIds,
  });
  await remember(s.tx, s.source, item.type, item.postId, articleId, s.now);
  await recordAddresses(ctx, item, info.kind, `/${slug}/`);
  for (const note of notes) await s.report.review(label, note.message, { kind: note.kind, ...(note.html ? { html: note.html } : {}), articleId });
  return articleId;
}
