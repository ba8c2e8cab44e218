/**
 * `blattwerk import wordpress FILE.xml [--media-dir DIR]`: a WordPress export (WXR), read
 * as a stream twice. The first pass indexes attachments, authors and terms and proves the
 * file is whole; the second imports posts, pages and comments one `<item>` at a time,
 * inside one transaction (see session.ts). Memory stays flat however big the file is:
 * an item is dropped as soon as it is written.
 *
 * @example
 *   const report = await importWordPress(deps, 'export.xml', { mediaDir: '/srv/old/wp-content/uploads' });
 *   console.log(report.format());
 */
import { slugify } from '../content/index.js';
import { isLanguage, type Language } from '../platform/i18n.js';
import { ImportFileError } from './errors.js';
import { addRedirect, findItem } from './ledger.js';
import { createMediaFiles } from './media-files.js';
import { prefetch, type MediaJob } from './prefetch.js';
import { silentProgress } from './progress.js';
import type { ImportReport } from './report.js';
import { runSession, type ImportDeps, type ImportOptions, type Session } from './session.js';
import { assertFormat } from './sniff.js';
import { indexWxr, uploadPath, type WxrIndex } from './wp-index.js';
import { attachmentAddresses, importPost, libraryFields, type WpContext } from './wp-post.js';
import { readItem, type WxrTerm } from './wxr-records.js';
import { streamXml } from './xml-stream.js';
import { ensureAuthor, ensureTag } from './writer.js';

const IMAGE_FILE = /\.(jpe?g|png|gif|webp|avif|heic|heif|tiff?)$/i;

/** Item types that are site machinery, not content: skipped and counted, not reported. */
const MACHINERY = new Set([
  'attachment', 'nav_menu_item', 'wp_block', 'wp_template', 'wp_template_part', 'wp_global_styles', 'wp_navigation',
  'custom_css', 'customize_changeset', 'oembed_cache', 'revision', 'user_request', 'wp_font_family', 'wp_font_face',
]);

function siteLanguage(channel: string, fallback: Language): Language {
  const code = channel.slice(0, 2).toLowerCase();
  return isLanguage(code) ? code : fallback;
}

/** Hierarchical category paths ('politik/stadtrat'), as WordPress puts them in URLs. */
function categoryPaths(terms: WxrTerm[]): Map<string, string> {
  const bySlug = new Map(terms.filter((t) => t.taxonomy === 'category').map((t) => [t.slug, t]));
  const paths = new Map<string, string>();
  for (const term of bySlug.values()) {
    const parts = [term.slug];
    const seen = new Set([term.slug]);
    for (let parent = bySlug.get(term.parent); parent && !seen.has(parent.slug); parent = bySlug.get(parent.parent)) {
      parts.unshift(parent.slug);
      seen.add(parent.slug);
    }
    paths.set(term.slug, parts.join('/'));
  }
  return paths;
}

async function importTaxonomies(s: Session, index: WxrIndex, ctx: WpContext): Promise<void> {
  for (const author of index.authors) {
    const label = `author ${author.login}`;
    await s.item(label, async () => {
      const mapped = await ensureAuthor(s, { externalId: author.id || author.login, name: author.displayName, slug: author.login, email: author.email });
      ctx.authors.set(author.login, mapped);
      if (author.id) ctx.authorsByWpId.set(author.id, mapped);
      const slug = (await s.tx.selectFrom('authors').select('slug').where('id', '=', mapped.id).executeTakeFirstOrThrow()).slug;
      await addRedirect(s.tx, `/author/${slugify(author.login)}/`, `/author/${slug}/`, s.source, s.now);
    });
  }
  const paths = categoryPaths(index.terms);
  for (const term of index.terms) {
    if (term.taxonomy !== 'category' && term.taxonomy !== 'post_tag') {
      s.report.skip('term of another taxonomy (menus, formats, …)', `${term.taxonomy} ${term.slug}`);
      continue;
    }
    const slug = decode(term.slug);
    if (term.taxonomy === 'category' && slug === 'uncategorized') {
      s.report.skip('the default category "Uncategorized"', term.name);
      continue;
    }
    await s.item(`${term.taxonomy} ${slug}`, async () => {
      const tag = await ensureTag(s, { externalId: `${term.taxonomy}:${term.id || slug}`, name: term.name, slug, description: term.description });
      ctx.tags.set(`${term.taxonomy}:${slug}`, tag.id);
      const target = `/tag/${tag.slug}/`;
      if (term.taxonomy === 'category') {
        await addRedirect(s.tx, `/category/${decode(paths.get(term.slug) ?? term.slug)}/`, target, s.source, s.now);
        await addRedirect(s.tx, `/category/${slug}/`, target, s.source, s.now);
        if (term.id) await addRedirect(s.tx, `/?cat=${term.id}`, target, s.source, s.now);
      } else {
        await addRedirect(s.tx, `/tag/${slug}/`, target, s.source, s.now);
        await addRedirect(s.tx, `/?tag=${slug}`, target, s.source, s.now);
      }
    });
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** With an uploads folder: images nobody links to still belong in the media library. */
async function sweepAttachments(s: Session, ctx: WpContext): Promise<void> {
  for (const attachment of ctx.index.attachments.values()) {
    const path = attachment.file || uploadPath(attachment.url);
    const label = `attachment ${attachment.id} (${path ?? attachment.url})`;
    if (!path || !IMAGE_FILE.test(path)) {
      s.report.skip('attachment that is not an image (the media library holds images; links keep the old address)', label);
      continue;
    }
    if ((await findItem(s.tx, s.source, 'media', `attachment:${attachment.id}`)) !== null) continue;
    await s.item(label, () => ctx.media.resolve({ key: `attachment:${attachment.id}`, path, url: attachment.url, aliases: attachmentAddresses(attachment), ...libraryFields(attachment), label }));
  }
}

/** What --fetch-media downloads: every image attachment of the export, by its upload path. */
function mediaJobs(index: WxrIndex, base: string): MediaJob[] {
  return [...index.attachments.values()].flatMap((a) => {
    const path = a.file || uploadPath(a.url);
    const url = /^https?:\/\//i.test(a.url) ? a.url : a.url.startsWith('/') && base ? `${base}${a.url}` : '';
    return path && url && IMAGE_FILE.test(path) ? [{ key: `attachment:${a.id}`, path, url, label: `attachment ${a.id} (${path})` }] : [];
  });
}

export async function importWordPress(deps: ImportDeps, file: string, options: ImportOptions = {}): Promise<ImportReport> {
  assertFormat(file, 'wordpress');
  const reading = deps.progress?.('WordPress, reading') ?? silentProgress;
  const index = await indexWxr(file, { keepGoing: options.keepGoing, onProgress: (done, total, items) => reading.update({ done, total, counts: { items } }) });
  reading.finish();
  const base = (index.channel.baseBlogUrl || index.channel.link || index.channel.baseSiteUrl).replace(/\/+$/, '');
  const source = `wordpress:${base}`;
  const fetched = await prefetch(deps, options, source, mediaJobs(index, base), 'WordPress, downloading media');
  try {
    return await runSession(deps, options, source, file, async (s, report) => {
    if (index.error) report.skip('the rest of the file could not be read (--keep-going)', index.error.message);
    if (index.removedControls) await report.review('the file', `${index.removedControls} control characters that XML does not allow were removed`, { kind: 'file cleaned' });
    await fetched?.report(s);
    const ctx: WpContext = {
      s,
      index,
      media: createMediaFiles(s, { dirs: [options.mediaDir, fetched?.dir], base }),
      base,
      lang: siteLanguage(index.channel.language, deps.lang),
      authors: new Map(),
      authorsByWpId: new Map(),
      tags: new Map(),
    };
    await importTaxonomies(s, index, ctx);
    const progress = s.progress('WordPress, importing');
    try {
      await streamXml({
        file,
        recordDepth: 2,
        onProgress: (done, total) =>
          progress.update({ done, total, counts: { posts: report.count('articles') + report.count('pages'), comments: report.count('comments') } }),
        async onRecord(node) {
          if (node.name !== 'item') return;
          const item = readItem(node);
          if (item.type === 'post' || item.type === 'page') {
            await s.item(`${item.type} ${item.postId} (line ${item.line})`, () => importPost(ctx, item));
          } else if (!MACHINERY.has(item.type)) {
            report.skip(`post type "${item.type}" (from a plugin or theme)`, `${item.type} ${item.postId}`);
          }
        },
      });
    } catch (error) {
      if (!(options.keepGoing && error instanceof ImportFileError && index.error)) throw error;
    } finally {
      progress.finish();
    }
    if (options.mediaDir || fetched?.dir) await sweepAttachments(s, ctx);
    });
  } finally {
    fetched?.cleanup();
  }
}

