/**
 * Who may change which author profile: editors and up any; an author or contributor only
 * the profile linked to their own account, and without moving that link. The JSON API and
 * the newsroom pages both ask here.
 *
 * @example
 *   assertMayEditAuthor(request.staff!, author);              // 403 FORBIDDEN when not theirs
 *   assertMayLink(request.staff!, author, input.userId);      // 403 when a writer re-links
 */
import type { Author } from '../../content/index.js';
import { AppError } from '../../platform/errors.js';
import type { StaffUser } from '../../platform/sessions.js';
import { may } from '../../platform/permissions.js';

export function mayEditAuthor(user: Pick<StaffUser, 'id' | 'role'>, author: Pick<Author, 'userId'>): boolean {
  return may(user.role, 'publishAny') || (may(user.role, 'write') && author.userId === user.id);
}

export function assertMayEditAuthor(user: Pick<StaffUser, 'id' | 'role'>, author: Pick<Author, 'userId'>): void {
  if (!mayEditAuthor(user, author)) throw new AppError('FORBIDDEN', { field: 'id', detail: 'only the profile linked to your own account' });
}

/** Linking a profile to a staff account (the author badge in comments) is for editors and up. */
export function assertMayLink(user: Pick<StaffUser, 'role'>, author: Pick<Author, 'userId'> | null, userId: number | null | undefined): void {
  if (userId === undefined || may(user.role, 'publishAny')) return;
  if (author && userId === author.userId) return;
  throw new AppError('FORBIDDEN', { field: 'userId', detail: 'editors link profiles to accounts' });
}
