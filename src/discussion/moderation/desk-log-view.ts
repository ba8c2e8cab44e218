/**
 * The recent moderation decisions as sentences: "Mo Moderatorin hat den Kommentar von
 * Karl zu „Haushalt“ freigegeben", with the comment and the article linked and the reason
 * under it. Names and reasons are escaped; the sentence's words come from the catalogue.
 *
 * @example
 *   renderLog(await deskLog(db, 30), 'de');
 */
import type { Kysely } from 'kysely';
import { html, join, raw, type SafeHtml } from '../../platform/html.js';
import { formatDate, translator, type Language } from '../../platform/i18n.js';
import type { Database } from '../../platform/db/schema.js';
import { deskMessages, type DeskMessageKey } from './desk-messages.js';
import { moderationDb } from './tables.js';

export interface LogLine {
  id: number;
  actor: string;
  action: string;
  at: string;
  reason: string;
  comment: { id: number; authorName: string; status: string } | null;
  article: { slug: string; title: string } | null;
}

export async function deskLog(db: Kysely<Database>, limit = 30): Promise<LogLine[]> {
  const rows = await moderationDb(db)
    .selectFrom('moderation_log as l')
    .leftJoin('comments as c', 'c.id', 'l.comment_id')
    .leftJoin('articles as a', 'a.id', 'l.article_id')
    .select(['l.id', 'l.actor', 'l.action', 'l.created_at', 'l.reason', 'l.comment_id', 'c.author_name', 'c.status', 'a.slug', 'a.title'])
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id, actor: r.actor, action: r.action, at: r.created_at, reason: r.reason,
    comment: r.comment_id && r.author_name !== null ? { id: r.comment_id, authorName: r.author_name, status: r.status ?? '' } : null,
    article: r.slug && r.title ? { slug: r.slug, title: r.title } : null,
  }));
}

const MARK = '\u0001';

/** Fills a sentence whose parameters are pieces of markup, keeping the words escaped. */
function sentence(text: (params: Record<string, string>) => string, parts: Record<string, SafeHtml>): SafeHtml {
  const names = Object.keys(parts);
  const filled = text(Object.fromEntries(names.map((name, i) => [name, `${MARK}${i}${MARK}`])));
  return join(filled.split(MARK).map((piece, i) => (i % 2 === 1 ? parts[names[Number(piece)]!]! : html`${piece}`)), raw(''));
}

function line(entry: LogLine, lang: Language): SafeHtml {
  const t = translator(lang, deskMessages);
  const c = entry.comment;
  // A ban or trust made without a comment (from the API) has a sentence of its own.
  const plainKey = `log.sentence.${entry.action}.plain`;
  const key = (!c && Object.hasOwn(deskMessages[lang], plainKey) ? plainKey : `log.sentence.${entry.action}`) as DeskMessageKey;
  const known = Object.hasOwn(deskMessages[lang], key);
  const commentLink = c && entry.article
    ? html`<a href="/${entry.article.slug}/comment/${c.id}/">${t('log.comment', { name: c.authorName })}</a>`
    : c ? html`${t('log.comment', { name: c.authorName })}` : html`${t('log.commentGone')}`;
  const parts: Record<string, SafeHtml> = {
    actor: html`<strong>${entry.actor}</strong>`,
    comment: commentLink,
    article: entry.article ? html`<a href="/${entry.article.slug}/">„${entry.article.title}“</a>` : html`—`,
    author: c ? html`${c.authorName}` : html`${t('log.someone')}`,
    action: html`${entry.action}`,
  };
  const words = sentence((params) => t(known ? key : 'log.sentence.other', params), parts);
  return html`<li><p>${words}.</p><p class="log-meta"><time datetime="${entry.at}">${formatDate(new Date(entry.at), lang, true)}</time>${entry.reason ? html` · ${t('log.because', { reason: entry.reason })}` : ''}</p></li>`;
}

export function renderLog(entries: LogLine[], lang: Language): SafeHtml {
  if (entries.length === 0) return html`<p class="muted">${translator(lang, deskMessages)('desk.logEmpty')}</p>`;
  return html`<ol class="log-lines">${entries.map((entry) => line(entry, lang))}</ol>`;
}
