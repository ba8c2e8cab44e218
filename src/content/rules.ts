/**
 * Who may change which article, and to which status: contributors write drafts only;
 * authors work on and publish their own articles; editors and above anything. "Own"
 * means the staff account is linked to one of the article's authors.
 */
import type { Article } from './types.js';
import type { StaffUser } from '../platform/sessions.js';
import { AppError } from '../platform/errors.js';
import { may } from '../platform/permissions.js';

export function ownsArticle(user: StaffUser, article: Pick<Article, 'authors'>): boolean {
  return article.authors.some((a) => a.userId === user.id);
}

export function assertMayEdit(user: StaffUser, article: Pick<Article, 'authors'>): void {
  if (may(user.role, 'publishAny')) return;
  if (may(user.role, 'write') && ownsArticle(user, article)) return;
  throw new AppError('FORBIDDEN', { detail: 'not your article' });
}

export function assertMayUseStatus(user: StaffUser, status: string, wasPublished: boolean): void {
  if (status === 'draft' && !wasPublished) return;
  if (may(user.role, 'publishOwn')) return;
  throw new AppError('FORBIDDEN', { field: 'status', detail: 'contributors write drafts; an editor publishes' });
}
