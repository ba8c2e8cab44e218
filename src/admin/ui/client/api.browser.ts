/**
 * Calls to the JSON API with the visitor's CSRF token (from `<meta name="csrf-token">`,
 * filled in per visitor by the server). Errors come back as `ApiError` with the API's
 * code, message (already in the site's language) and field.
 *
 * @example
 *   const article = await api<ArticleJson>('PUT', `/api/v1/admin/articles/${id}`, payload);
 */
import type { Block } from '../../../content/blocks.js';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': csrfToken() };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError('', 'NETWORK', 0);
  }
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; field?: string } } | null;
  if (!response.ok) {
    const error = json?.error;
    throw new ApiError(error?.message ?? response.statusText, error?.code ?? 'HTTP', response.status, error?.field);
  }
  return json as T;
}

/** An article as the article API returns it (the fields the editor uses). */
export interface ArticleJson {
  id: number;
  kind: 'article' | 'page';
  slug: string;
  lang: 'de' | 'en';
  title: string;
  subtitle: string;
  body: Block[];
  status: 'draft' | 'scheduled' | 'published';
  publishedAt: string | null;
  scheduledAt: string | null;
  featuredMediaId: number | null;
  featuredCaption: string;
  seoTitle: string;
  seoDescription: string;
  commentsOpen: boolean;
  authorIds: number[];
  tagIds: number[];
}

/** What the editor sends to create or update an article (the API refuses anything else). */
export type ArticlePayload = Omit<ArticleJson, 'id' | 'slug' | 'publishedAt'> & { slug?: string; mainTagId?: number | null };

/** A media library entry as GET /api/v1/admin/media lists it. */
export interface MediaJson {
  id: number;
  path: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  sourceUrl: string | null;
  licence: string;
  variants: { path: string; width: number; format: string }[];
}

export interface Finding {
  word: string;
  offset: number;
  length: number;
  kind: string;
  code: string;
  message: string;
  suggestions: string[];
}
