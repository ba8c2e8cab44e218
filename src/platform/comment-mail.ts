/**
 * How often a staff member hears about comments on their articles (issue 11): one mail per
 * comment, a digest at most once an hour per article (the default), once a day, or never.
 * A person's own choice, kept beside the account (`staff_mail_prefs`, `0050_staff_mail_prefs`):
 * the newsroom's account page writes it, the discussion's notification jobs read it.
 *
 * @example
 *   await setCommentMail(db, user.id, 'daily', new Date());
 *   (await commentMailOf(db, user.id)).value; // 'daily'
 */
import type { Kysely } from 'kysely';
import type { Migration } from './db/migrate.js';

export const COMMENT_MAIL = ['hourly', 'daily', 'each', 'off'] as const;
export type CommentMail = (typeof COMMENT_MAIL)[number];
export const COMMENT_MAIL_DEFAULT: CommentMail = 'hourly';

/** How long a digest collects before it is mailed: at most one mail per article in this time. */
export const DIGEST_WINDOW_MS: Record<'hourly' | 'daily', number> = { hourly: 3_600_000, daily: 86_400_000 };

export interface StaffMailPrefsTable {
  user_id: number;
  comment_mail: string;
  updated_at: string;
}
export interface StaffMailPrefsDatabase {
  staff_mail_prefs: StaffMailPrefsTable;
}

export const staffMailMigrations: Migration[] = [
  {
    name: '0050_staff_mail_prefs',
    async up(db) {
      await db.schema
        .createTable('staff_mail_prefs')
        .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('comment_mail', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
];

export function isCommentMail(value: unknown): value is CommentMail {
  return typeof value === 'string' && (COMMENT_MAIL as readonly string[]).includes(value);
}

/** The choice and when it was made (null: never chosen, the default applies). */
export async function commentMailOf<DB>(handle: Kysely<DB>, userId: number): Promise<{ value: CommentMail; updatedAt: string | null }> {
  const db = handle as unknown as Kysely<StaffMailPrefsDatabase>;
  const row = await db.selectFrom('staff_mail_prefs').select(['comment_mail', 'updated_at']).where('user_id', '=', userId).executeTakeFirst();
  return commentMailFrom(row);
}

/** The choice a stored row (or none) makes; for a caller that read the row with more in one statement. */
export function commentMailFrom(row: { comment_mail: string; updated_at: string } | undefined): { value: CommentMail; updatedAt: string | null } {
  return row && isCommentMail(row.comment_mail) ? { value: row.comment_mail, updatedAt: row.updated_at } : { value: COMMENT_MAIL_DEFAULT, updatedAt: null };
}

export async function setCommentMail<DB>(handle: Kysely<DB>, userId: number, value: CommentMail, now: Date): Promise<void> {
  const db = handle as unknown as Kysely<StaffMailPrefsDatabase>;
  const at = now.toISOString();
  await db
    .insertInto('staff_mail_prefs')
    .values({ user_id: userId, comment_mail: value, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ comment_mail: value, updated_at: at }))
    .execute();
}
