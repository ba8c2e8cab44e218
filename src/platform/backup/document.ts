/**
 * The export document (`blattwerk export`; see FORMAT.md): the site's content in plain,
 * documented JSON for moving between databases or to another tool. Unlike a backup it
 * names things by slug, parses JSON columns into JSON, and leaves out what only makes
 * sense inside one installation (staff passwords, sessions, the site key and the hashes
 * made with it, rate limits, jobs).
 *
 * @example
 *   const doc = JSON.parse(readFileSync('site.json', 'utf8')) as ExportDocument;
 *   doc.articles[0].tags; // ['stadtrat', 'haushalt']
 */
import type { Dialect } from '../db/index.js';

export const EXPORT_FORMAT = 'blattwerk-export';
export const EXPORT_VERSION = 1;

export interface ExportedMedia {
  id: number;
  /** Relative to the data folder's `media/`; the files themselves are not in the export. */
  path: string;
  mime: string;
  width: number;
  height: number;
  size: number;
  alt: string;
  caption: string;
  credit: string;
  sourceUrl: string | null;
  licence: string;
  variants: unknown[];
  createdAt: string;
}

export interface ExportedAuthor {
  id: number;
  slug: string;
  name: string;
  bio: Record<string, string>;
  avatarMediaId: number | null;
  links: unknown[];
  books: unknown[];
  /** The staff account's e-mail; re-linked on import if that account exists there. */
  userEmail: string | null;
  createdAt: string;
}

export interface ExportedTag {
  id: number;
  slug: string;
  name: string;
  description: string;
}

export interface ExportedArticle {
  id: number;
  slug: string;
  lang: string;
  title: string;
  subtitle: string;
  /** Body blocks as the editor stores them (image blocks refer to `media[].id`). */
  body: unknown[];
  status: string;
  publishedAt: string | null;
  scheduledAt: string | null;
  createdAt: string;
  updatedAt: string;
  revisedAt: string | null;
  featuredMediaId: number | null;
  featuredCaption: string;
  seoTitle: string;
  seoDescription: string;
  commentsOpen: boolean;
  wordCount: number;
  readingMinutes: number;
  /** Author slugs in byline order. */
  authors: string[];
  /** Tag slugs in order. */
  tags: string[];
  /** Earlier slugs that still redirect here. */
  oldSlugs: string[];
}

export interface ExportedComment {
  id: number;
  /** Slug of the article or page. */
  article: string;
  parentId: number | null;
  threadId: number | null;
  depth: number;
  authorName: string;
  authorEmail: string;
  /** Staff comments: the account's e-mail, re-linked on import. */
  userEmail: string | null;
  body: string;
  html: string;
  status: string;
  likes: number;
  spamScore: number;
  spamReasons: unknown[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  /** Earlier versions, oldest first. */
  edits: { body: string; createdAt: string }[];
}

export interface ExportedSubscriber {
  email: string;
  name: string;
  status: string;
  source: string;
  subscribedAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  bouncedAt: string | null;
  bounceReason: string | null;
  confirmSentAt: string | null;
  updatedAt: string;
  topics: string[];
}

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  source: { dialect: Dialect; migrations: string[] };
}

export interface ExportDocument extends ExportHeader {
  /** Settings sections by key, parsed (the site key `__secret` is never exported). */
  settings: Record<string, unknown>;
  media: ExportedMedia[];
  authors: ExportedAuthor[];
  tags: ExportedTag[];
  articles: ExportedArticle[];
  pages: ExportedArticle[];
  comments: ExportedComment[];
  subscribers: ExportedSubscriber[];
}

/** The array sections, in the order they appear in the file and are imported. */
export const SECTIONS = ['media', 'authors', 'tags', 'articles', 'pages', 'comments', 'subscribers'] as const;
export type Section = (typeof SECTIONS)[number];

/** Settings keys that never leave the installation. */
export const PRIVATE_SETTINGS = new Set(['__secret']);
