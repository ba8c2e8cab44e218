/** The content model as the rest of the system sees it (rows are an implementation detail). */
import type { Block } from './blocks.js';
import type { Language } from '../platform/i18n.js';
import type { ArticleKind, ArticleStatus } from '../platform/db/schema.js';

export interface AuthorLink {
  label: string;
  url: string;
}

export interface Book {
  title: string;
  url: string;
  year?: number;
}

export interface Author {
  id: number;
  slug: string;
  name: string;
  bio: Partial<Record<Language, string>>;
  avatarMediaId: number | null;
  links: AuthorLink[];
  books: Book[];
  /** The staff account that writes as this author (author badge in the discussion). */
  userId: number | null;
}

export interface Tag {
  id: number;
  slug: string;
  name: string;
  description: string;
}

export interface Article {
  id: number;
  kind: ArticleKind;
  slug: string;
  lang: Language;
  title: string;
  subtitle: string;
  body: Block[];
  status: ArticleStatus;
  publishedAt: Date | null;
  scheduledAt: Date | null;
  updatedAt: Date;
  createdAt: Date;
  /** Last change of the text after publication, shown as "updated". */
  revisedAt: Date | null;
  featuredMediaId: number | null;
  featuredCaption: string;
  seoTitle: string;
  seoDescription: string;
  commentsOpen: boolean;
  wordCount: number;
  readingMinutes: number;
  authors: Author[];
  tags: Tag[];
}

/** What lists (home, tag, author, feeds) need of an article. */
export type ArticleSummary = Omit<Article, 'body'>;

export interface ArticleInput {
  kind?: ArticleKind;
  slug?: string;
  lang: Language;
  title: string;
  subtitle?: string;
  body: Block[];
  status: ArticleStatus;
  publishedAt?: Date | null;
  scheduledAt?: Date | null;
  featuredMediaId?: number | null;
  featuredCaption?: string;
  seoTitle?: string;
  seoDescription?: string;
  commentsOpen?: boolean;
  authorIds: number[];
  /** In order; the first is the main tag, shown above the headline. */
  tagIds: number[];
  /** The main tag: one of `tagIds`, put first by the operations (left out: the order given). */
  mainTagId?: number | null;
}

export interface AuthorInput {
  slug?: string;
  name: string;
  bio?: Partial<Record<Language, string>>;
  avatarMediaId?: number | null;
  links?: AuthorLink[];
  books?: Book[];
  /** The staff account writing as this author; on update, left out keeps the current one. */
  userId?: number | null;
}

export interface TagInput {
  slug?: string;
  name: string;
  description?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
  pages: number;
}
