/**
 * Generates a large site for measurements (`blattwerk demo --articles 100000 --comments
 * 1000000`): synthetic articles in German and English built from our own word lists,
 * spread over years, with authors, tags and threaded comments (a few articles draw most of
 * the discussion, as on real sites). Rows go in with batched inserts inside transactions,
 * not through the services: a million comments one by one would take hours. The search
 * index is rebuilt at the end.
 *
 * @example
 *   await generateLargeSite(services, { articles: 100_000, comments: 1_000_000, onProgress: console.log });
 */
import type { PlatformDeps } from '../platform/deps.js';
import type { ContentService } from '../content/index.js';
import type { SearchService } from '../search/index.js';
import type { Block } from '../content/index.js';
import { renderCommentText as renderComment } from '../discussion/index.js';

/** What this module needs from the composition root. */
export type DemoGenerateDeps = Pick<PlatformDeps, 'database'> & { content: ContentService; search: SearchService };

export interface GenerateOptions {
  articles: number;
  comments: number;
  seed?: number;
  onProgress?: (message: string) => void;
}

const DE_WORDS = (
  'Stadtrat Haushalt Bürgermeisterin Verwaltung Straßenbahn Linie Bibliothek Schule Sanierung Fraktion Antrag ' +
  'Sitzung Beschluss Kosten Millionen Euro Bürger Anwohner Verkehr Radweg Innenstadt Stadtfest Bühne Programm ' +
  'Klimaschutz Bäume Fluss Ufer Park Wohnungen Mieten Baugebiet Gewerbe Steuer Kämmerin Kreditaufnahme Schulden ' +
  'Investitionen Kita Plätze Eltern Lehrkräfte Sporthalle Verein Ehrenamt Beteiligung Versammlung Empfehlung ' +
  'der die das und mit für von auf im am nach über unter zwischen gegen ohne neue alte große kleine wichtige ' +
  'hat haben wird werden soll sollen kann können muss müssen sagte erklärte kritisierte forderte beschloss plant'
).split(' ');
const EN_WORDS = (
  'council budget mayor administration tram line library school renovation group motion meeting decision cost ' +
  'million euro residents neighbours traffic cycle lane centre festival stage programme climate trees river bank ' +
  'park housing rents development business tax treasurer borrowing debt investment nursery places parents ' +
  'teachers sports hall club volunteers participation assembly recommendation the and with for from on in at ' +
  'after about under between against without new old large small important has have will would should can could ' +
  'must said explained criticised demanded decided plans'
).split(' ');
const NAMES = ['Anna', 'Ben', 'Clara', 'David', 'Elif', 'Finn', 'Greta', 'Hakan', 'Ida', 'Jonas', 'Kim', 'Lea', 'Mira', 'Noah', 'Ole', 'Paula'];

/** A small deterministic generator, so two runs make the same site. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

export async function generateLargeSite(services: Pick<DemoGenerateDeps, 'database' | 'content' | 'search'>, options: GenerateOptions): Promise<{ articles: number; comments: number }> {
  const { db } = services.database;
  const next = random(options.seed ?? 20261125);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const sentence = (words: readonly string[], n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(pick(words));
    const text = out.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1) + '.';
  };
  const progress = options.onProgress ?? (() => undefined);

  const authorIds = (await db.selectFrom('authors').select('id').execute()).map((a) => a.id);
  if (authorIds.length === 0) {
    authorIds.push((await services.content.createAuthor({ name: 'Redaktion Generator', slug: 'redaktion-generator' })).id);
  }
  const tagIds = (await db.selectFrom('tags').select('id').execute()).map((t) => t.id);
  if (tagIds.length === 0) tagIds.push((await services.content.createTag({ name: 'Lokales', slug: 'lokales' })).id);

  const start = Date.now();
  const now = Date.now();
  const batch = 500;
  const created: number[] = [];
  for (let done = 0; done < options.articles; done += batch) {
    const size = Math.min(batch, options.articles - done);
    await db.transaction().execute(async (tx) => {
      const rows = [];
      for (let i = 0; i < size; i++) {
        const n = done + i;
        const lang = next() < 0.75 ? 'de' : 'en';
        const words = lang === 'de' ? DE_WORDS : EN_WORDS;
        const body: Block[] = [];
        for (let p = 0; p < 6; p++) {
          if (p === 3) body.push({ type: 'heading', level: 2, text: sentence(words, 4).slice(0, -1) });
          body.push({ type: 'paragraph', text: [sentence(words, 12), sentence(words, 10), sentence(words, 14)].join(' ') });
        }
        const published = new Date(now - Math.floor(next() * 5 * 365 * 86_400_000)).toISOString();
        rows.push({
          kind: 'article' as const,
          slug: `generiert-${n + 1}`,
          lang,
          title: sentence(words, 7).slice(0, -1),
          subtitle: sentence(words, 16),
          body: JSON.stringify(body),
          status: 'published' as const,
          published_at: published,
          scheduled_at: null,
          updated_at: published,
          created_at: published,
          revised_at: null,
          featured_media_id: null,
          featured_caption: '',
          seo_title: '',
          seo_description: '',
          comments_open: 1,
          word_count: 250,
          reading_minutes: 2,
        });
      }
      const ids = (await tx.insertInto('articles').values(rows).returning('id').execute()).map((r) => r.id);
      created.push(...ids);
      await tx.insertInto('article_authors').values(ids.map((id) => ({ article_id: id, author_id: pick(authorIds), position: 0 }))).execute();
      await tx.insertInto('article_tags').values(ids.map((id) => ({ article_id: id, tag_id: pick(tagIds), position: 0 }))).execute();
    });
    if ((done / batch) % 20 === 0) progress(`articles: ${done + size}/${options.articles}`);
  }

  // Comments: most articles get a few, a small share get long threads (Zipf-like).
  let written = 0;
  const commentBatch = 1000;
  const html = new Map<string, string>();
  const bodyOf = () => {
    const text = sentence(pick([DE_WORDS, EN_WORDS]), 8 + Math.floor(next() * 30));
    let rendered = html.get(text);
    if (!rendered) {
      rendered = renderComment(text).toString();
      if (html.size < 5000) html.set(text, rendered);
    }
    return { text, rendered };
  };
  while (written < options.comments && created.length) {
    const size = Math.min(commentBatch, options.comments - written);
    await db.transaction().execute(async (tx) => {
      // Chunks of 20 comments each go to one article, chosen so that a few articles draw
      // long discussions and most get a handful.
      for (let i = 0; i < size; i += 20) {
        const chunk = Math.min(20, size - i);
        const articleId = created[Math.floor(Math.pow(next(), 3) * created.length)]!;
        const existing = await tx.selectFrom('comments').select(['id', 'thread_id', 'depth']).where('article_id', '=', articleId).orderBy('id', 'desc').limit(100).execute();
        const pool = existing.map((c) => ({ id: c.id, thread: c.thread_id ?? c.id, depth: c.depth }));
        const rows = [];
        const replyTo: ({ id: number; thread: number; depth: number } | null)[] = [];
        for (let k = 0; k < chunk; k++) {
          const parent = pool.length && next() < 0.6 ? pick(pool) : null;
          const ok = parent && parent.depth < 7 ? parent : null;
          replyTo.push(ok);
          const { text, rendered } = bodyOf();
          const name = pick(NAMES);
          rows.push({
            article_id: articleId,
            parent_id: ok ? ok.id : null,
            thread_id: ok ? ok.thread : null,
            depth: ok ? ok.depth + 1 : 0,
            author_name: name,
            author_email: `${name.toLowerCase()}@example.org`,
            identity: `email:generated-${name}`,
            session_hash: null,
            user_id: null,
            body: text,
            html: rendered,
            status: 'published' as const,
            likes: Math.floor(Math.pow(next(), 4) * 50),
            ip_hash: '',
            spam_score: 0,
            spam_reasons: '[]',
            created_at: new Date(now - Math.floor(next() * 365 * 86_400_000)).toISOString(),
            edited_at: null,
            deleted_at: null,
          });
        }
        const ids = (await tx.insertInto('comments').values(rows).returning('id').execute()).map((r) => r.id);
        const roots = ids.filter((_, k) => replyTo[k] === null);
        if (roots.length) {
          await tx.updateTable('comments').set((eb) => ({ thread_id: eb.ref('id') })).where('id', 'in', roots).execute();
        }
      }
    });
    written += size;
    if ((written / commentBatch) % 50 === 0) progress(`comments: ${written}/${options.comments}`);
  }
  progress('rebuilding the search index …');
  await services.search.reindexAll();
  progress(`done in ${((Date.now() - start) / 1000).toFixed(0)} s`);
  return { articles: created.length, comments: written };
}
