/**
 * Corrections from readers: a reader suggests a replacement for a passage; an editor
 * applies it in one click (a new revision through `updateArticle`, never a write around
 * it), or dismisses it; a public correction note may go with it. Every decision is
 * logged with who, what, when and why. Routes, staff page and tests call only this.
 *
 * @example
 *   const corrections = createCorrectionsService({ db, content, bus, now });
 *   const { id } = await corrections.suggest(article, { passage: 'Urkaine', replacement: 'Ukraine', kind: 'typo' }, ipHash);
 *   await corrections.apply(id, staff, { note: 'Wir haben einen Tippfehler korrigiert.' });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { EventBus } from '../../platform/events.js';
import { AppError } from '../../platform/errors.js';
import type { Role } from '../../platform/users.js';
import type { ContentService } from '../service.js';
import type { Article, ArticleInput } from '../types.js';
import { describeSlot, locate, replaceOnce, type ArticleText } from './passage.js';
import { createCorrectionsStore, type Actor, type InboxRow } from './store.js';
import type { NoteRow, SuggestionKind, SuggestionStatus } from './tables.js';

/** Lengths in characters; the form fields and the JSON schema use the same numbers. */
export const LIMITS = { passage: 500, replacement: 1000, note: 2000, name: 100, email: 254, publicNote: 2000 } as const;
export const KINDS: readonly SuggestionKind[] = ['typo', 'fact'];
export const STATUSES: readonly SuggestionStatus[] = ['open', 'applied', 'dismissed'];
/** Staff roles that decide on corrections; `author` only for their own articles. */
export const DECIDING_ROLES: Role[] = ['owner', 'admin', 'editor', 'author'];

export interface CorrectionsDeps {
  db: Kysely<Database>;
  content: Pick<ContentService, 'store' | 'updateArticle'>;
  bus: EventBus;
  now?: () => Date;
}

/** What a reader sent; everything is checked here, whichever transport it came by. */
export interface SuggestionInput {
  passage?: unknown;
  replacement?: unknown;
  kind?: unknown;
  note?: unknown;
  name?: unknown;
  email?: unknown;
}

export interface Staff {
  id: number;
  name: string;
  role: Role;
}

/** A public correction note as readers see it. */
export interface CorrectionNote {
  id: number;
  text: string;
  createdAt: Date;
}

/**
 * @example
 *   toNote({ id: 1, text: 'Korrigiert.', created_at: '2026-05-01T10:00:00.000Z' }).createdAt; // Date
 */
export function toNote(row: Pick<NoteRow, 'id' | 'text' | 'created_at'>): CorrectionNote {
  return { id: row.id, text: row.text, createdAt: new Date(row.created_at) };
}

/** Text a person typed: no NUL or other control characters except line breaks, trimmed. */
function clean(value: unknown, field: string, max: number, required = false): string {
  if (value === undefined || value === null) value = '';
  if (typeof value !== 'string') throw new AppError('VALIDATION', { field, detail: `${field} must be text` });
  const text = value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '').trim();
  if (required && !text) throw new AppError('VALIDATION', { field, detail: `${field} is required` });
  if (text.length > max) throw new AppError('VALIDATION', { field, detail: `${field} is longer than ${max}` });
  return text;
}

/** Everything `updateArticle` needs, taken unchanged from the article, with new text. */
function inputFrom(article: Article, text: ArticleText): ArticleInput {
  return {
    kind: article.kind,
    slug: article.slug,
    lang: article.lang,
    title: text.title,
    subtitle: text.subtitle,
    body: [...text.body],
    status: article.status,
    publishedAt: article.publishedAt,
    scheduledAt: article.scheduledAt,
    featuredMediaId: article.featuredMediaId,
    featuredCaption: article.featuredCaption,
    seoTitle: article.seoTitle,
    seoDescription: article.seoDescription,
    commentsOpen: article.commentsOpen,
    authorIds: article.authors.map((a) => a.id),
    tagIds: article.tags.map((t) => t.id),
  };
}

const quote = (text: string, max = 200) => `"${text.length > max ? `${text.slice(0, max)}…` : text}"`;

export function createCorrectionsService({ db, content, bus, now = () => new Date() }: CorrectionsDeps) {
  const store = createCorrectionsStore(db);
  const actorOf = (staff: Staff): Actor => ({ userId: staff.id, name: staff.name });

  /** Fails closed: only the deciding roles, and an author only for an article they wrote. */
  function authorize(staff: Staff, article: Article): void {
    if (staff.role === 'owner' || staff.role === 'admin' || staff.role === 'editor') return;
    if (staff.role === 'author' && article.authors.some((a) => a.userId === staff.id)) return;
    throw new AppError('FORBIDDEN');
  }

  async function articleOf(id: number): Promise<Article> {
    const article = await content.store.findBy('id', id);
    if (!article) throw new AppError('NOT_FOUND', { field: 'article' });
    return article;
  }

  async function decidable(id: number, staff: Staff) {
    const suggestion = await store.suggestion(id);
    if (!suggestion) throw new AppError('NOT_FOUND', { field: 'id' });
    const article = await articleOf(suggestion.article_id);
    authorize(staff, article);
    return { suggestion, article };
  }

  async function addNote(article: Article, staff: Staff, text: string, suggestionId: number | null) {
    const row = await store.insertNote({ articleId: article.id, suggestionId, text, actor: actorOf(staff), at: now() });
    await store.writeLog({ action: 'note', suggestionId, articleId: article.id, actor: actorOf(staff), reason: '', detail: text, at: now() });
    return toNote(row);
  }

  /** What readers see changed without a text change: pages and feeds are cached on it. */
  const announce = (article: Article) => bus.emit('article.saved', { articleId: article.id, slug: article.slug, status: article.status });

  return {
    store,

    /**
     * Records a reader's suggestion. The passage must occur in the article as it is now:
     * that is also most of the spam defence, since a bot's text does not.
     */
    async suggest(article: Article, input: SuggestionInput, ipHash: string): Promise<{ id: number; status: 'open' }> {
      const passage = clean(input.passage, 'passage', LIMITS.passage, true);
      const replacement = clean(input.replacement, 'replacement', LIMITS.replacement, true);
      if (!KINDS.includes(input.kind as SuggestionKind)) throw new AppError('VALIDATION', { field: 'kind', detail: 'typo or fact' });
      const note = clean(input.note, 'note', LIMITS.note);
      // Never empty: one click must not delete text; "die die" → "die" covers doubled words.
      if (replacement === passage) {
        throw new AppError('VALIDATION', { field: 'replacement', detail: 'replacement must differ from the passage' });
      }
      const name = clean(input.name, 'name', LIMITS.name);
      const email = clean(input.email, 'email', LIMITS.email).toLowerCase();
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AppError('EMAIL_INVALID', { field: 'email' });
      const slot = locate(article, passage);
      if (!slot) throw new AppError('VALIDATION', { field: 'passage', detail: 'the passage does not occur in the article' });
      const id = await store.insertSuggestion({
        articleId: article.id, passage, blockIndex: slot.block, field: slot.field, replacement,
        kind: input.kind as SuggestionKind, note, name, email, ipHash, at: now(),
      });
      await bus.emit('correction.suggested', { suggestionId: id, articleId: article.id });
      return { id, status: 'open' };
    },

    /** The inbox for one staff member: an author sees only their own articles. */
    async list(staff: Staff, status: SuggestionStatus = 'open', limit = 200): Promise<InboxRow[]> {
      if (!DECIDING_ROLES.includes(staff.role)) throw new AppError('FORBIDDEN');
      return store.list({ status, limit, authorUserId: staff.role === 'author' ? staff.id : undefined });
    },

    /**
     * Applies a suggestion: the passage is replaced once, in the place it was suggested
     * for, and the article saved as a new revision. Claimed first, so a second click (or
     * a second editor) gets `CORRECTION_STALE` instead of a second change.
     */
    async apply(id: number, staff: Staff, options: { note?: unknown; reason?: unknown; replacement?: unknown } = {}) {
      const { suggestion, article } = await decidable(id, staff);
      const publicNote = clean(options.note, 'note', LIMITS.publicNote);
      const reason = clean(options.reason, 'reason', LIMITS.note);
      // The editor may adjust the reader's wording before applying it.
      const replacement = options.replacement === undefined ? suggestion.replacement : clean(options.replacement, 'replacement', LIMITS.replacement, true);
      if (!(await store.claim(id, 'applied', actorOf(staff), now()))) {
        throw new AppError('CORRECTION_STALE', { field: 'id', detail: `already ${suggestion.status}` });
      }
      let updated: Article;
      let where: string;
      try {
        // Read again after the claim: the text may have changed since the inbox was loaded.
        const current = await articleOf(article.id);
        const slot = locate(current, suggestion.passage, { block: suggestion.block_index, field: suggestion.field });
        if (!slot) throw new AppError('CORRECTION_STALE', { field: 'passage', detail: 'the passage no longer occurs' });
        where = describeSlot(slot);
        const text = replaceOnce(current, slot, suggestion.passage, replacement);
        const revisionNote = `Correction from a reader (#${id}): ${quote(suggestion.passage)} → ${quote(replacement)}`;
        updated = await content.updateArticle(current.id, inputFrom(current, text), staff.id, revisionNote);
      } catch (error) {
        await store.release(id);
        throw error;
      }
      await store.writeLog({
        action: 'apply', suggestionId: id, articleId: article.id, actor: actorOf(staff), reason,
        detail: `${quote(suggestion.passage)} → ${quote(replacement)} in ${where}`, at: now(),
      });
      const note = publicNote ? await addNote(updated, staff, publicNote, id) : null;
      if (note) await announce(updated);
      return { id, status: 'applied' as const, article: updated, note };
    },

    async dismiss(id: number, staff: Staff, options: { reason?: unknown } = {}) {
      const { suggestion, article } = await decidable(id, staff);
      const reason = clean(options.reason, 'reason', LIMITS.note);
      if (!(await store.claim(id, 'dismissed', actorOf(staff), now()))) {
        throw new AppError('CORRECTION_STALE', { field: 'id', detail: `already ${suggestion.status}` });
      }
      await store.writeLog({
        action: 'dismiss', suggestionId: id, articleId: article.id, actor: actorOf(staff), reason,
        detail: `${quote(suggestion.passage)} → ${quote(suggestion.replacement)}`, at: now(),
      });
      return { id, status: 'dismissed' as const };
    },

    /** A public correction note without a reader's suggestion (an editor found the error). */
    async note(articleId: number, staff: Staff, text: unknown): Promise<CorrectionNote> {
      const article = await articleOf(articleId);
      authorize(staff, article);
      const note = await addNote(article, staff, clean(text, 'text', LIMITS.publicNote, true), null);
      await announce(article);
      return note;
    },

    /** Public notes of one article, oldest first. */
    async notes(articleId: number): Promise<CorrectionNote[]> {
      return (await store.notesFor([articleId])).map(toNote);
    },

    /** Public notes of many articles (a feed) in one query. */
    async notesFor(articleIds: readonly number[]): Promise<Map<number, CorrectionNote[]>> {
      const byArticle = new Map<number, CorrectionNote[]>();
      for (const row of await store.notesFor(articleIds)) {
        const list = byArticle.get(row.article_id) ?? [];
        list.push(toNote(row));
        byArticle.set(row.article_id, list);
      }
      return byArticle;
    },

    /** The decision log, newest first. */
    async log(options: { articleId?: number; limit?: number } = {}) {
      return store.log({ articleId: options.articleId, limit: options.limit ?? 200 });
    },
  };
}

export type CorrectionsService = ReturnType<typeof createCorrectionsService>;
