import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import type { Block, BlockType } from '../content/blocks.js';
import { isLicenceCode } from '../media/types.js';
import {
  DEMO_SHOWCASE_SLUG,
  demoArticles,
  demoAuthors,
  demoBodyImages,
  demoImages,
  demoPages,
  demoTags,
  type DemoArticle,
} from './content.js';
import { DEMO_MOTIFS, demoImageSvg, isDemoMotif, renderDemoImage } from './images.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ALL_BLOCK_TYPES: BlockType[] = ['paragraph', 'heading', 'list', 'quote', 'image', 'embed', 'donation', 'footnotes'];
/** Public paths that an article or page slug at `/:slug/` must not shadow. */
const RESERVED = new Set(['page', 'tag', 'author', 'search', 'support', 'newsletter', 'api', 'admin', 'media', 'assets', 'static', 'feed', 'healthz', 'sitemap', 'robots']);

/** The inline text of a block (paragraphs, headings, list items, quotes, footnotes, captions). */
function blockTexts(block: Block): string[] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return [block.text];
    case 'list':
      return block.items;
    case 'quote':
      return [block.text, block.attribution ?? ''];
    case 'footnotes':
      return block.items.map((item) => item.text);
    case 'donation':
      return [block.text ?? ''];
    case 'image':
      return [block.caption ?? '', block.alt ?? ''];
    case 'embed':
      return [block.title ?? '', block.caption ?? ''];
    // The demo does not use the richer blocks (table, code, gallery, details, separator).
    default:
      return [];
  }
}

/** Word count of an article body, with inline markup removed. */
function countWords(body: Block[]): number {
  const text = body
    .flatMap(blockTexts)
    .join(' ')
    .replace(/\[\^[^\]]+\]/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_]/g, '');
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function urlsIn(text: string): string[] {
  return [...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] ?? '');
}

function isExampleUrl(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' && /(^|\.)example\.(org|com)$/.test(hostname);
}

const articleBySlug = new Map(demoArticles.map((a) => [a.slug, a]));
const imageKeys = new Set(demoImages.map((i) => i.key));

function showcase(): DemoArticle {
  const article = articleBySlug.get(DEMO_SHOWCASE_SLUG);
  assert.ok(article, 'showcase article exists');
  return article;
}

describe('demo content', () => {
  it('has enough authors, tags, articles and both pages', () => {
    assert.ok(demoAuthors.length >= 4);
    assert.ok(demoTags.length >= 8);
    assert.ok(demoArticles.length >= 16);
    assert.ok(demoAuthors.some((a) => a.books.length >= 2), 'one author has two books');
    assert.deepEqual(
      demoPages.map((p) => [p.slug, p.lang]).sort(),
      [
        ['about', 'en'],
        ['ueber-uns', 'de'],
      ],
    );
  });

  it('has unique, URL-safe slugs that do not collide across articles, pages and reserved paths', () => {
    const atRoot = [...demoArticles.map((a) => a.slug), ...demoPages.map((p) => p.slug)];
    assert.equal(new Set(atRoot).size, atRoot.length, 'article and page slugs are unique');
    for (const slug of atRoot) {
      assert.match(slug, SLUG);
      assert.ok(slug.length <= 80, `${slug} is not too long`);
      assert.ok(!RESERVED.has(slug), `${slug} is not a reserved path`);
    }
    for (const list of [demoAuthors.map((a) => a.slug), demoTags.map((t) => t.slug), demoImages.map((i) => i.key)]) {
      assert.equal(new Set(list).size, list.length);
      for (const slug of list) assert.match(slug, SLUG);
    }
  });

  it('references only existing authors, tags and images', () => {
    const authors = new Set(demoAuthors.map((a) => a.slug));
    const tags = new Set(demoTags.map((t) => t.slug));
    for (const article of demoArticles) {
      assert.ok(article.authors.length > 0, `${article.slug} has an author`);
      assert.ok(article.tags.length > 0, `${article.slug} has a tag`);
      for (const a of article.authors) assert.ok(authors.has(a), `${article.slug}: author ${a}`);
      for (const t of article.tags) assert.ok(tags.has(t), `${article.slug}: tag ${t}`);
      assert.ok(imageKeys.has(article.imageKey), `${article.slug}: image ${article.imageKey}`);
    }
    for (const author of demoAuthors) assert.ok(imageKeys.has(author.avatarKey), `${author.slug}: avatar`);
    for (const tag of demoTags) assert.ok(demoArticles.some((a) => a.tags.includes(tag.slug)), `tag ${tag.slug} is used`);
    for (const author of demoAuthors) assert.ok(demoArticles.some((a) => a.authors.includes(author.slug)), `${author.slug} wrote something`);
  });

  it('describes every image with a known motif, licence and credit', () => {
    const licences = new Set<string>();
    for (const image of demoImages) {
      assert.ok(isDemoMotif(image.motif), image.key);
      assert.ok(isLicenceCode(image.licence), image.key);
      licences.add(image.licence);
      assert.equal(image.credit, 'Blattwerk-Demo / Illustration');
      for (const text of [image.alt.de, image.alt.en, image.caption.de, image.caption.en]) assert.ok(text.trim().length > 0, image.key);
      if (image.sourceUrl !== null) assert.ok(isExampleUrl(image.sourceUrl), image.sourceUrl);
    }
    assert.deepEqual([...licences].sort(), ['cc-by-4.0', 'cc-by-sa-4.0', 'cc0-1.0']);
    const avatars = new Set(demoAuthors.map((a) => a.avatarKey));
    for (const image of demoImages) assert.equal(image.motif === 'portrait', avatars.has(image.key), image.key);
  });

  it('has both languages, about 10 German and 6 English articles, spread over 60 days', () => {
    const published = demoArticles.filter((a) => a.status !== 'scheduled');
    const de = demoArticles.filter((a) => a.lang === 'de').length;
    const en = demoArticles.filter((a) => a.lang === 'en').length;
    assert.ok(de >= 10, `German: ${de}`);
    assert.ok(en >= 6, `English: ${en}`);
    const days = published.map((a) => a.publishedDaysAgo);
    assert.ok(Math.max(...days) <= 60 && Math.max(...days) >= 45, 'reaches back to about 60 days');
    assert.ok(Math.min(...days) >= 0 && Math.min(...days) <= 3, 'something recent');
    for (const article of demoArticles) {
      if (article.updatedDaysAgo !== undefined) {
        assert.ok(article.updatedDaysAgo <= article.publishedDaysAgo, `${article.slug}: updated after published`);
      }
      assert.ok(article.title.trim() && article.subtitle.trim(), article.slug);
    }
  });

  it('has exactly one article scheduled 48 hours ahead', () => {
    const scheduled = demoArticles.filter((a) => a.status === 'scheduled');
    assert.equal(scheduled.length, 1);
    assert.equal(scheduled[0]?.scheduledInHours, 48);
    for (const a of demoArticles) if (a.status !== 'scheduled') assert.equal(a.scheduledInHours, undefined, a.slug);
  });

  it('keeps articles between 300 and 900 words, the showcase at 1,100 or more', () => {
    for (const article of demoArticles) {
      const words = countWords(article.body);
      if (article.slug === DEMO_SHOWCASE_SLUG) {
        assert.ok(words >= 1100, `showcase has ${words} words`);
      } else {
        assert.ok(words >= 300 && words <= 900, `${article.slug} has ${words} words`);
      }
    }
  });

  it('showcases every block type in the budget debate article', () => {
    const article = showcase();
    assert.equal(article.lang, 'de');
    const types = new Set(article.body.map((b) => b.type));
    for (const type of ALL_BLOCK_TYPES) assert.ok(types.has(type), `showcase has a ${type} block`);
    const lists = article.body.filter((b) => b.type === 'list');
    assert.ok(lists.some((l) => l.ordered) && lists.some((l) => !l.ordered), 'bullet and numbered list');
    const quotes = article.body.filter((b) => b.type === 'quote');
    assert.ok(quotes.length >= 2);
    for (const q of quotes) assert.ok(q.attribution && q.sourceUrl, 'quote with attribution and source');
    assert.ok(article.body.some((b) => b.type === 'heading' && b.level === 2));
    assert.ok(article.body.some((b) => b.type === 'heading' && b.level === 3));
    const youtube = article.body.find((b) => b.type === 'embed' && b.provider === 'youtube');
    assert.ok(youtube?.type === 'embed');
    assert.equal(youtube.url, 'https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    assert.ok(youtube.title);
  });

  it('uses quotes, lists, a Vimeo embed and a link embed elsewhere too', () => {
    const others = demoArticles.filter((a) => a.slug !== DEMO_SHOWCASE_SLUG).flatMap((a) => a.body);
    assert.ok(others.filter((b) => b.type === 'quote').length >= 10);
    assert.ok(others.filter((b) => b.type === 'list').length >= 10);
    assert.ok(others.some((b) => b.type === 'embed' && b.provider === 'vimeo' && b.url === 'https://vimeo.com/76979871'));
    assert.ok(others.some((b) => b.type === 'embed' && b.provider === 'link'));
  });

  it('points every external link at example.org or example.com', () => {
    const check = (url: string, where: string): void => assert.ok(isExampleUrl(url), `${where}: ${url}`);
    for (const author of demoAuthors) {
      for (const link of author.links) check(link.url, author.slug);
      for (const book of author.books) check(book.url, author.slug);
    }
    const bodies: [string, Block[]][] = [...demoArticles.map((a) => [a.slug, a.body] as [string, Block[]]), ...demoPages.map((p) => [p.slug, p.body] as [string, Block[]])];
    for (const [slug, body] of bodies) {
      for (const block of body) {
        for (const text of blockTexts(block)) for (const url of urlsIn(text)) check(url, slug);
        if (block.type === 'quote' && block.sourceUrl) check(block.sourceUrl, slug);
        if (block.type === 'embed' && (block.provider === 'link' || block.provider === 'iframe')) check(block.url, slug);
      }
    }
  });

  it('matches footnote references with footnotes', () => {
    for (const article of demoArticles) {
      const refs = new Set(
        article.body
          .filter((b) => b.type !== 'footnotes')
          .flatMap(blockTexts)
          .flatMap((t) => [...t.matchAll(/\[\^([^\]]+)\]/g)].map((m) => m[1])),
      );
      const notes = article.body.flatMap((b) => (b.type === 'footnotes' ? b.items.map((i) => i.id) : []));
      assert.deepEqual([...refs].sort(), [...notes].sort(), article.slug);
    }
  });

  it('lists, per article, one image key for every image block', () => {
    for (const article of demoArticles) {
      const blocks = article.body.filter((b) => b.type === 'image');
      for (const b of blocks) assert.equal(b.type === 'image' && b.mediaId, 0);
      const keys = demoBodyImages[article.slug] ?? [];
      assert.equal(keys.length, blocks.length, article.slug);
      for (const key of keys) assert.ok(imageKeys.has(key), `${article.slug}: ${key}`);
    }
    for (const slug of Object.keys(demoBodyImages)) assert.ok(articleBySlug.has(slug), slug);
    for (const page of demoPages) assert.ok(!page.body.some((b) => b.type === 'image'), page.slug);
  });

  it('writes German with German quotation marks and umlauts', () => {
    const german = demoArticles.filter((a) => a.lang === 'de').flatMap((a) => a.body.flatMap(blockTexts)).join(' ');
    assert.match(german, /[äöüß]/);
    assert.match(german, /„[^“]+“/);
    assert.doesNotMatch(german, /"/, 'no straight double quotes in German text');
  });
});

describe('demo images', () => {
  it('covers every motif used by the content', () => {
    for (const image of demoImages) assert.ok((DEMO_MOTIFS as readonly string[]).includes(image.motif));
    assert.ok(DEMO_MOTIFS.length >= 8);
  });

  it('draws self-contained SVG without text or external references, deterministically', () => {
    for (const motif of DEMO_MOTIFS) {
      const svg = demoImageSvg(motif, 'seed', 320, 180);
      assert.doesNotMatch(svg, /<text|<image|<use|font|href=|xlink|<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/, motif);
      assert.equal(svg, demoImageSvg(motif, 'seed', 320, 180), `${motif} is deterministic`);
      assert.notEqual(svg, demoImageSvg(motif, 'another seed', 320, 180), `${motif} varies with the seed`);
    }
  });

  it('renders a JPEG of the requested size for every motif', async () => {
    for (const motif of DEMO_MOTIFS) {
      const jpeg = await renderDemoImage(motif, `test-${motif}`, 480, 270);
      assert.equal(jpeg[0], 0xff);
      assert.equal(jpeg[1], 0xd8);
      const meta = await sharp(jpeg).metadata();
      assert.equal(meta.format, 'jpeg', motif);
      assert.equal(meta.width, 480, motif);
      assert.equal(meta.height, 270, motif);
      const stats = await sharp(jpeg).stats();
      assert.ok(stats.channels.some((c) => c.stdev > 10), `${motif} is not a blank image`);
    }
  });

  it('renders portraits at 400×400 and scenes at 1600×900 by default', async () => {
    const avatar = await sharp(await renderDemoImage('portrait', 'avatar')).metadata();
    assert.deepEqual([avatar.format, avatar.width, avatar.height], ['jpeg', 400, 400]);
    const scene = await sharp(await renderDemoImage('townhall', 'hero')).metadata();
    assert.deepEqual([scene.format, scene.width, scene.height], ['jpeg', 1600, 900]);
  });

  it('rejects absurd sizes', async () => {
    await assert.rejects(renderDemoImage('river', 'x', 0, 100), RangeError);
    await assert.rejects(renderDemoImage('river', 'x', 100, 100_000), RangeError);
  });
});
