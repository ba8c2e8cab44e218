/**
 * `blattwerk export --format wordpress [FILE]`: the site as a WordPress export (WXR 1.2)
 * that WordPress's own importer reads, so nobody is locked in: authors, tags, every
 * article and page with its rendered HTML, the image library as attachments (WordPress
 * fetches them from this site), and the comments with their threading.
 *
 * Titles and excerpts are HTML in WordPress, so ours (plain text) go out escaped.
 *
 * Mapping: articles are posts, pages are pages, our ids are WordPress ids (attachments are
 * numbered after the last article); scheduled is `future`; removed comments that keep
 * replies in place go out as `trash` without text. Times are UTC in both date fields.
 * Blattwerk has one taxonomy, so tags stay tags. Comment authors' e-mail addresses are in
 * the file (WordPress needs them to recognise commenters): keep it private.
 *
 * @example
 *   const counts = await exportWxr(deps, createWriteStream('blattwerk.xml'));
 *   // { articles: 120, pages: 4, comments: 3800, attachments: 240, authors: 6, tags: 31 }
 */
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { mediaIdsOf, mediaUrl, renderBody, renderInline, type Article, type Block, type ContentService } from '../content/index.js';
import type { MediaItem, MediaService } from '../media/index.js';
import type { Database } from '../platform/db/schema.js';
import { escapeHtml } from '../platform/html.js';
import type { SettingsService } from '../platform/settings.js';
import { cdata, xmlText, xmlWriter, type XmlWriter } from './xml-write.js';

export interface ExportDeps {
  db: Kysely<Database>;
  content: Pick<ContentService, 'store'>;
  media: Pick<MediaService, 'getMany'>;
  settings: Pick<SettingsService, 'get'>;
  publicUrl: string;
}

export interface ExportCounts {
  articles: number;
  pages: number;
  comments: number;
  attachments: number;
  authors: number;
  tags: number;
}

const BATCH = 100;
const STATUS = { published: 'publish', draft: 'draft', scheduled: 'future' } as const;

/** '2025-02-13 09:30:00' (UTC), the form WordPress stores. */
function wpTime(value: Date | string | null): string {
  if (!value) return '0000-00-00 00:00:00';
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? '0000-00-00 00:00:00' : date.toISOString().slice(0, 19).replace('T', ' ');
}

function meta(key: string, value: string): string {
  return `\t\t<wp:postmeta><wp:meta_key>${cdata(key)}</wp:meta_key><wp:meta_value>${cdata(value)}</wp:meta_value></wp:postmeta>\n`;
}

/**
 * An article body as WordPress HTML, and its footnotes for the `footnotes` meta. Our
 * renderer writes paragraphs, lists, headings, tables, details and separators in plain
 * HTML WordPress shows as it is; images, galleries, embeds, quotes, code and footnote
 * markers are written the way WordPress writes them (`<img class="wp-image-N">`, an embed
 * URL on its own line, a quote with `<cite>`, `<pre class="wp-block-code">`, `<sup
 * data-fn>` with `<!-- wp:footnotes /-->`), so WordPress shows them natively, and our own
 * importer reads everything back (the round-trip test).
 */
export function bodyHtml(
  blocks: readonly Block[],
  media: ReadonlyMap<number, MediaItem>,
  ctx: { publicUrl: string; lang: 'de' | 'en'; donationText: string; attachmentId: (mediaId: number) => number },
): { html: string; footnotes: { id: string; content: string }[] } {
  const special = new Map<string, string>();
  const inline = (text: string) => renderInline(text).toString();
  const placeholders: Block[] = blocks.map((block, i) => {
    const token = `BWXRBLOCK${i}X`;
    const html = specialHtml(block, media, ctx, inline);
    if (html === null) return block;
    special.set(token, html);
    return { type: 'paragraph', text: token };
  });
  const rendered = renderBody(placeholders, { lang: ctx.lang, media, supportUrl: `${ctx.publicUrl}/support/`, donationText: ctx.donationText, plain: true }).toString();
  // WordPress keeps footnotes in the post's meta and marks references with data-fn.
  const footnotes = blocks.flatMap((b) => (b.type === 'footnotes' ? b.items : [])).filter((item, i, all) => all.findIndex((x) => x.id === item.id) === i);
  let placed = false;
  const html = rendered
    .replace(/<p>(BWXRBLOCK\d+X)<\/p>/g, (_whole, token: string) => special.get(token) ?? '')
    .replace(/<sup><a href="#fn-([A-Za-z0-9_-]+)" id="fnref-[A-Za-z0-9_.-]+">(\d+)<\/a><\/sup>/g, (_whole, id: string, n: string) => `<sup data-fn="${id}" class="fn"><a href="#${id}" id="${id}-link">${n}</a></sup>`)
    .replace(/<section class="footnotes-section"[\s\S]*?<\/section>/g, () => (placed ? '' : ((placed = true), '<!-- wp:footnotes /-->')))
    // Site-relative links are relative to this site, which WordPress will not be.
    .replace(/(href|src)="\/(?!\/)/g, `$1="${ctx.publicUrl}/`);
  return { html, footnotes: footnotes.map((item) => ({ id: item.id, content: inline(item.text).replace(/(href|src)="\/(?!\/)/g, `$1="${ctx.publicUrl}/`) })) };
}

/** The blocks WordPress has a form of its own for; null for those our renderer writes. */
function specialHtml(
  block: Block,
  media: ReadonlyMap<number, MediaItem>,
  ctx: { publicUrl: string; lang: 'de' | 'en'; attachmentId: (mediaId: number) => number; donationText: string },
  inline: (text: string) => string,
): string | null {
  const file = (item: MediaItem) => escapeHtml(`${ctx.publicUrl}${mediaUrl(item.path)}`);
  // The credit is shown as WordPress shows captions, and marked so our importer leaves it out of the caption.
  const credit = (item: MediaItem) => (item.credit ? `<span class="bw-credit"> (${escapeHtml(item.credit)})</span>` : '');
  const figure = (item: MediaItem, caption: string | undefined, alt: string | undefined) =>
    `<figure class="wp-block-image"><img src="${file(item)}" alt="${escapeHtml(alt ?? item.alt)}" width="${item.width}" height="${item.height}" class="wp-image-${ctx.attachmentId(item.id)}">${(caption ?? item.caption) || item.credit ? `<figcaption class="wp-element-caption">${inline(caption ?? item.caption)}${credit(item)}</figcaption>` : ''}</figure>`;
  switch (block.type) {
    case 'image': {
      const item = media.get(block.mediaId);
      return item ? figure(item, block.caption, block.alt) : '';
    }
    case 'gallery': {
      const images = block.images.flatMap((image) => {
        const item = media.get(image.mediaId);
        return item ? [figure(item, image.caption, image.alt)] : [];
      });
      if (!images.length) return '';
      const caption = block.caption ? `<figcaption class="blocks-gallery-caption wp-element-caption">${inline(block.caption)}</figcaption>` : '';
      return `<!-- wp:gallery --><figure class="wp-block-gallery has-nested-images columns-default is-cropped">${images.join('')}${caption}</figure><!-- /wp:gallery -->`;
    }
    case 'embed': {
      const caption = block.caption ? `<figcaption>${inline(block.caption)}</figcaption>` : '';
      return `<figure class="wp-block-embed"${block.title ? ` data-title="${escapeHtml(block.title)}"` : ''}><div class="wp-block-embed__wrapper">\n${escapeHtml(block.url)}\n</div>${caption}</figure>`;
    }
    case 'quote': {
      const inner = block.text.split(/\n{2,}/).map((p) => `<p>${inline(p)}</p>`).join('');
      const who = block.attribution ? `<span class="bw-attribution">${escapeHtml(block.attribution)}</span>` : '';
      const source = block.sourceUrl
        ? `<a class="bw-source" href="${escapeHtml(block.sourceUrl)}">${escapeHtml(block.sourceTitle || block.sourceUrl)}</a>`
        : block.sourceTitle ? `<span class="bw-source">${escapeHtml(block.sourceTitle)}</span>` : '';
      const cite = [who, source].filter(Boolean).join(', ');
      return `<blockquote class="wp-block-quote">${inner}${cite ? `<cite>${cite}</cite>` : ''}</blockquote>`;
    }
    case 'code': {
      const text = escapeHtml(block.text);
      if (block.preformatted) return `<!-- wp:preformatted --><pre class="wp-block-preformatted">${text}</pre><!-- /wp:preformatted -->`;
      const language = block.language ? ` data-language="${escapeHtml(block.language)}"` : '';
      return `<!-- wp:code --><pre class="wp-block-code"${language}><code>${text}</code></pre><!-- /wp:code -->`;
    }
    case 'donation': {
      // Our own appeal: WordPress shows its text and link; the importer knows it by data-blattwerk.
      const text = block.text?.trim() || ctx.donationText;
      return `<aside class="donation-appeal" data-blattwerk="donation"${block.text !== undefined ? ` data-text="${escapeHtml(block.text)}"` : ''}><p>${inline(text)}</p><p><a href="${escapeHtml(`${ctx.publicUrl}/support/`)}">${ctx.lang === 'de' ? 'Jetzt unterstützen' : 'Support our work'}</a></p></aside>`;
    }
    default:
      return null;
  }
}

async function writeChannel(out: XmlWriter, deps: ExportDeps, counts: ExportCounts, users: Map<number, string>): Promise<void> {
  const site = await deps.settings.get('site');
  await out.write(`<?xml version="1.0" encoding="UTF-8" ?>
<!-- WordPress eXtended RSS (WXR 1.2), written by Blattwerk. Import it in WordPress under Tools → Import → WordPress. -->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>${xmlText(site.title)}</title>
\t<link>${xmlText(deps.publicUrl)}</link>
\t<description>${xmlText(site.description)}</description>
\t<pubDate>${new Date().toUTCString()}</pubDate>
\t<language>${site.language === 'de' ? 'de-DE' : 'en-GB'}</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${xmlText(deps.publicUrl)}</wp:base_site_url>
\t<wp:base_blog_url>${xmlText(deps.publicUrl)}</wp:base_blog_url>
`);
  for (const author of await deps.content.store.allAuthors()) {
    const email = author.userId !== null ? users.get(author.userId) ?? '' : '';
    await out.write(`\t<wp:author><wp:author_id>${author.id}</wp:author_id><wp:author_login>${cdata(author.slug)}</wp:author_login><wp:author_email>${cdata(email)}</wp:author_email><wp:author_display_name>${cdata(author.name)}</wp:author_display_name><wp:author_first_name>${cdata('')}</wp:author_first_name><wp:author_last_name>${cdata('')}</wp:author_last_name></wp:author>\n`);
    counts.authors++;
  }
  for (const tag of await deps.content.store.allTags()) {
    await out.write(`\t<wp:tag><wp:term_id>${tag.id}</wp:term_id><wp:tag_slug>${cdata(tag.slug)}</wp:tag_slug><wp:tag_name>${cdata(tag.name)}</wp:tag_name><wp:tag_description>${cdata(tag.description)}</wp:tag_description></wp:tag>\n`);
    counts.tags++;
  }
  await out.write('\t<generator>Blattwerk</generator>\n');
}

/**
 * WordPress names a comment's writer by user id, the same id its `wp:author` entries use;
 * ours are author ids, so a staff comment is credited to the author behind that account.
 */
async function writeComments(out: XmlWriter, db: Kysely<Database>, articleId: number, authorOfUser: ReadonlyMap<number, number>): Promise<number> {
  const rows = await db.selectFrom('comments').selectAll().where('article_id', '=', articleId).where('status', '!=', 'spam').orderBy('id').execute();
  for (const c of rows) {
    const removed = c.status === 'deleted' || c.status === 'rejected';
    const approved = c.status === 'published' ? '1' : c.status === 'pending' ? '0' : 'trash';
    await out.write(`\t\t<wp:comment>
\t\t\t<wp:comment_id>${c.id}</wp:comment_id>
\t\t\t<wp:comment_author>${cdata(removed ? '' : c.author_name)}</wp:comment_author>
\t\t\t<wp:comment_author_email>${cdata(removed ? '' : c.author_email)}</wp:comment_author_email>
\t\t\t<wp:comment_author_url>${cdata('')}</wp:comment_author_url>
\t\t\t<wp:comment_author_IP>${cdata('')}</wp:comment_author_IP>
\t\t\t<wp:comment_date>${cdata(wpTime(c.created_at))}</wp:comment_date>
\t\t\t<wp:comment_date_gmt>${cdata(wpTime(c.created_at))}</wp:comment_date_gmt>
\t\t\t<wp:comment_content>${cdata(removed ? '' : c.html)}</wp:comment_content>
\t\t\t<wp:comment_approved>${cdata(approved)}</wp:comment_approved>
\t\t\t<wp:comment_type>${cdata('comment')}</wp:comment_type>
\t\t\t<wp:comment_parent>${c.parent_id ?? 0}</wp:comment_parent>
\t\t\t<wp:comment_user_id>${removed || c.user_id === null ? 0 : authorOfUser.get(c.user_id) ?? 0}</wp:comment_user_id>
\t\t</wp:comment>\n`);
  }
  return rows.length;
}

interface ArticleContext {
  lang: 'de' | 'en';
  donationText: string;
  attachmentId: (id: number) => number;
  authorOfUser: ReadonlyMap<number, number>;
}

async function writeArticle(out: XmlWriter, deps: ExportDeps, article: Article, ctx: ArticleContext): Promise<number> {
  const media = await deps.media.getMany(mediaIdsOf(article.body));
  const { html, footnotes } = bodyHtml(article.body, media, { ...ctx, publicUrl: deps.publicUrl });
  const date = article.status === 'scheduled' ? article.scheduledAt : article.publishedAt ?? article.createdAt;
  const tags = article.tags.map((t) => `\t\t<category domain="post_tag" nicename="${xmlText(t.slug)}">${cdata(t.name)}</category>\n`).join('');
  await out.write(`\t<item>
\t\t<title>${cdata(escapeHtml(article.title))}</title>
\t\t<link>${xmlText(`${deps.publicUrl}/${article.slug}/`)}</link>
\t\t<pubDate>${(date ?? article.createdAt).toUTCString()}</pubDate>
\t\t<dc:creator>${cdata(article.authors[0]?.slug ?? '')}</dc:creator>
\t\t<guid isPermaLink="false">${xmlText(`${deps.publicUrl}/?p=${article.id}`)}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(html)}</content:encoded>
\t\t<excerpt:encoded>${cdata(escapeHtml(article.subtitle))}</excerpt:encoded>
\t\t<wp:post_id>${article.id}</wp:post_id>
\t\t<wp:post_date>${cdata(wpTime(date))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(article.status === 'draft' ? wpTime(null) : wpTime(date))}</wp:post_date_gmt>
\t\t<wp:post_modified>${cdata(wpTime(article.updatedAt))}</wp:post_modified>
\t\t<wp:post_modified_gmt>${cdata(wpTime(article.updatedAt))}</wp:post_modified_gmt>
\t\t<wp:comment_status>${cdata(article.commentsOpen ? 'open' : 'closed')}</wp:comment_status>
\t\t<wp:ping_status>${cdata('closed')}</wp:ping_status>
\t\t<wp:post_name>${cdata(article.slug)}</wp:post_name>
\t\t<wp:status>${cdata(STATUS[article.status])}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>${cdata(article.kind === 'page' ? 'page' : 'post')}</wp:post_type>
\t\t<wp:post_password>${cdata('')}</wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
${tags}${footnotes.length ? meta('footnotes', JSON.stringify(footnotes)) : ''}${article.featuredMediaId !== null ? meta('_thumbnail_id', String(ctx.attachmentId(article.featuredMediaId))) : ''}${article.seoTitle ? meta('_yoast_wpseo_title', article.seoTitle) : ''}${article.seoDescription ? meta('_yoast_wpseo_metadesc', article.seoDescription) : ''}`);
  const comments = await writeComments(out, deps.db, article.id, ctx.authorOfUser);
  await out.write('\t</item>\n');
  return comments;
}

async function writeAttachments(out: XmlWriter, deps: ExportDeps, attachmentId: (id: number) => number): Promise<number> {
  let count = 0;
  for (let after = 0; ; ) {
    const rows = await deps.db.selectFrom('media').selectAll().where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (rows.length === 0) return count;
    for (const row of rows) {
      const url = `${deps.publicUrl}${mediaUrl(row.path)}`;
      const name = row.path.split('/').pop()!.replace(/\.[^.]+$/, '');
      await out.write(`\t<item>
\t\t<title>${cdata(row.alt || name)}</title>
\t\t<link>${xmlText(url)}</link>
\t\t<guid isPermaLink="false">${xmlText(url)}</guid>
\t\t<content:encoded>${cdata(row.credit)}</content:encoded>
\t\t<excerpt:encoded>${cdata(row.caption)}</excerpt:encoded>
\t\t<wp:post_id>${attachmentId(row.id)}</wp:post_id>
\t\t<wp:post_date>${cdata(wpTime(row.created_at))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(wpTime(row.created_at))}</wp:post_date_gmt>
\t\t<wp:post_name>${cdata(name)}</wp:post_name>
\t\t<wp:status>${cdata('inherit')}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:post_type>${cdata('attachment')}</wp:post_type>
\t\t<wp:attachment_url>${cdata(url)}</wp:attachment_url>
${meta('_wp_attached_file', row.path)}${meta('_wp_attachment_image_alt', row.alt)}${row.credit ? meta('_blattwerk_credit', row.credit) : ''}${meta('_blattwerk_licence', row.licence)}${row.source_url ? meta('_blattwerk_source_url', row.source_url) : ''}\t</item>\n`);
      count++;
    }
    after = rows.at(-1)!.id;
  }
}

export async function exportWxr(deps: ExportDeps, stream: Writable): Promise<ExportCounts> {
  const out = xmlWriter(stream);
  const counts: ExportCounts = { articles: 0, pages: 0, comments: 0, attachments: 0, authors: 0, tags: 0 };
  const users = new Map((await deps.db.selectFrom('users').select(['id', 'email']).execute()).map((u) => [u.id, u.email]));
  const last = await deps.db.selectFrom('articles').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  // WordPress numbers posts and attachments in one sequence: images come after the articles.
  const offset = Number(last?.id ?? 0) + 1000;
  const attachmentId = (mediaId: number) => offset + mediaId;
  const [site, donation] = await Promise.all([deps.settings.get('site'), deps.settings.get('donation')]);
  const authors = await deps.content.store.allAuthors();
  const authorOfUser = new Map(authors.flatMap((a) => (a.userId !== null ? [[a.userId, a.id] as const] : [])));
  const ctx: ArticleContext = { lang: site.language, donationText: donation.appeal, attachmentId, authorOfUser };
  await writeChannel(out, deps, counts, users);
  counts.attachments = await writeAttachments(out, deps, attachmentId);
  for (let after = 0; ; ) {
    const ids = await deps.db.selectFrom('articles').select('id').where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (ids.length === 0) break;
    for (const { id } of ids) {
      const article = await deps.content.store.findBy('id', id);
      if (!article) continue;
      counts.comments += await writeArticle(out, deps, article, ctx);
      if (article.kind === 'page') counts.pages++;
      else counts.articles++;
    }
    after = ids.at(-1)!.id;
  }
  await out.write('</channel>\n</rss>\n');
  await out.end();
  return counts;
}
