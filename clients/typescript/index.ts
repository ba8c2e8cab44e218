/**
 * A typed client for the Blattwerk API, over openapi-fetch with the types generated from the
 * OpenAPI document (`schema.d.ts`, by `npm run client:generate`). Paths, query parameters,
 * bodies and answers are checked by the compiler; an integration token or a content key is
 * sent with every request when given.
 *
 * @example
 *   const blattwerk = createBlattwerkClient({ baseUrl: 'https://news.example.org', token: process.env.BLATTWERK_TOKEN });
 *   const { data, error } = await blattwerk.GET('/api/v1/content/articles', { params: { query: { tag: 'stadtrat', limit: '5' } } });
 *   data?.articles.map((a) => a.title);
 */
import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

export type { paths } from './schema.js';

export interface BlattwerkClientOptions {
  /** The site's origin, e.g. `https://news.example.org`. */
  baseUrl: string;
  /** An integration token for the newsroom API (`Authorization: Bearer …`). */
  token?: string;
  /** A content key for the Content API (higher rate limits, CORS for its origins). */
  contentKey?: string;
  fetch?: typeof fetch;
}

export function createBlattwerkClient(options: BlattwerkClientOptions) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.contentKey) headers['x-content-key'] = options.contentKey;
  return createClient<paths>({ baseUrl: options.baseUrl.replace(/\/$/, ''), headers, ...(options.fetch ? { fetch: options.fetch } : {}) });
}

export type BlattwerkClient = ReturnType<typeof createBlattwerkClient>;
