/**
 * Table types for Kysely. Times are ISO-8601 UTC strings (`toISOString()`) in both
 * databases, so they sort as text and compare the same way everywhere; booleans are
 * 0/1 integers; JSON is text. That keeps one query path for SQLite and PostgreSQL.
 */
import type { Generated, Selectable } from 'kysely';

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** JSON: { de?: string, en?: string } */
  bio: string;
  avatar_media_id: number | null;
  /** JSON: { label, url }[] */
  links: string;
  /** JSON: { title, url, year }[] */
  books: string;
  user_id: number | null;
  created_at: string;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
}

export interface MediaTable {
  id: Generated<number>;
  path: string;
  mime: string;
  width: number;
  height: number;
  size: number;
  alt: string;
  caption: string;
  credit: string;
  source_url: string | null;
  licence: string;
  /** JSON: MediaVariant[] */
  variants: string;
  created_at: string;
  /** The staff account that uploaded it (null: before 0026, imports, the demo). */
  uploaded_by: number | null;
}

export type ArticleStatus = 'draft' | 'scheduled' | 'published';
export type ArticleKind = 'article' | 'page';

export interface ArticlesTable {
  id: Generated<number>;
  kind: ArticleKind;
  slug: string;
  lang: string;
  title: string;
  subtitle: string;
  /** JSON: Block[] */
  body: string;
  status: ArticleStatus;
  published_at: string | null;
  scheduled_at: string | null;
  updated_at: string;
  created_at: string;
  /** Set when the content changed after publication ("updated" date on the page). */
  revised_at: string | null;
  featured_media_id: number | null;
  featured_caption: string;
  seo_title: string;
  seo_description: string;
  comments_open: number;
  word_count: number;
  reading_minutes: number;
}

export interface ArticleAuthorsTable {
  article_id: number;
  author_id: number;
  position: number;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: number;
}

export interface RevisionsTable {
  id: Generated<number>;
  article_id: number;
  /** JSON snapshot of the article as saved (fields, author ids, tag ids). */
  data: string;
  user_id: number | null;
  note: string;
  created_at: string;
}

export interface SlugRedirectsTable {
  old_slug: string;
  article_id: number;
  created_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  role: string;
  created_at: string;
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  /** The last TOTP time step used: a code is good once. */
  totp_last_step: Generated<number>;
  /** JSON array of SHA-256 hashes of unused recovery codes. */
  recovery_codes: Generated<string>;
  failed_logins: Generated<number>;
  /** Progressive delay: no sign-in attempt is checked before this time. */
  locked_until: string | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  expires_at: string;
  used_at: string | null;
}

/** PostgreSQL only; SQLite keeps its index in the FTS5 table `search_fts`. */
export interface SearchDocumentsTable {
  article_id: number;
  lang: string;
  title: string;
  body: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: Generated<string>;
}

export type CommentStatus = 'pending' | 'published' | 'rejected' | 'spam' | 'deleted';

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  /** Id of the top-level comment of the thread (its own id for a top-level comment). */
  thread_id: number | null;
  depth: number;
  author_name: string;
  /** Never shown; used for notifications and to recognise a returning commenter. */
  author_email: string;
  /** Who wrote it, for moderation policy: `email:<hash>` or `user:<id>`. */
  identity: string;
  /** Hash of the writer's session cookie: lets them edit or delete for a while. */
  session_hash: string | null;
  user_id: number | null;
  body: string;
  html: string;
  status: CommentStatus;
  likes: number;
  ip_hash: string;
  spam_score: number;
  spam_reasons: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  /**
   * An edit the screen held: waits for a moderator while the approved text stays what
   * readers see (0040_pending_edits). Null when there is none.
   */
  pending_body: string | null;
  pending_html: string | null;
  pending_at: string | null;
  /** Federation (0065): `@user@host` and the original post of a comment from the fediverse. */
  origin_handle: string | null;
  origin_url: string | null;
}

export interface CommentEditsTable {
  id: Generated<number>;
  comment_id: number;
  body: string;
  created_at: string;
}

export interface CommentLikesTable {
  comment_id: number;
  voter: string;
  created_at: string;
}

export interface ModerationLogTable {
  id: Generated<number>;
  actor_user_id: number | null;
  actor: string;
  action: string;
  comment_id: number | null;
  article_id: number | null;
  reason: string;
  created_at: string;
}

export interface Database {
  password_resets: PasswordResetsTable;
  sessions: SessionsTable;
  comments: CommentsTable;
  comment_edits: CommentEditsTable;
  comment_likes: CommentLikesTable;
  moderation_log: ModerationLogTable;
  settings: SettingsTable;
  authors: AuthorsTable;
  tags: TagsTable;
  media: MediaTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  revisions: RevisionsTable;
  slug_redirects: SlugRedirectsTable;
  users: UsersTable;
  search_documents: SearchDocumentsTable;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type AuthorRow = Selectable<AuthorsTable>;
export type TagRow = Selectable<TagsTable>;
export type MediaRow = Selectable<MediaTable>;

export type CommentRow = Selectable<CommentsTable>;
