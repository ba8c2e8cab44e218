/**
 * Cursors of the Content API: opaque to clients, base64url JSON inside. A date-ordered page
 * continues after an article (`published_at`, id: keyset paging, stable while articles are
 * published); a relevance-ordered page continues at a position in the search's ranking.
 * Anything else is a malformed cursor (400 naming `cursor`).
 *
 * @example
 *   encodeCursor({ order: 'date', publishedAt: '2026-12-01T10:00:00.000Z', id: 7 }); // 'eyJvIjoiZCIs…'
 *   decodeCursor(cursor, 'date'); // { order: 'date', publishedAt, id } or throws VALIDATION
 */
import { AppError } from '../platform/errors.js';

export type Cursor = { order: 'date'; publishedAt: string; id: number } | { order: 'relevance'; offset: number };

export function encodeCursor(cursor: Cursor): string {
  const raw = cursor.order === 'date' ? { o: 'd', p: cursor.publishedAt, i: cursor.id } : { o: 'r', n: cursor.offset };
  return Buffer.from(JSON.stringify(raw)).toString('base64url');
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function decodeCursor(text: string, order: 'date' | 'relevance'): Cursor {
  const refuse = () => new AppError('VALIDATION', { field: 'cursor', detail: 'malformed cursor' });
  if (!/^[A-Za-z0-9_-]{1,300}$/.test(text)) throw refuse();
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const value = raw as { o?: unknown; p?: unknown; i?: unknown; n?: unknown } | null;
  if (order === 'date' && value?.o === 'd' && typeof value.p === 'string' && ISO.test(value.p) && Number.isInteger(value.i) && (value.i as number) > 0) {
    return { order, publishedAt: value.p, id: value.i as number };
  }
  if (order === 'relevance' && value?.o === 'r' && Number.isInteger(value.n) && (value.n as number) > 0 && (value.n as number) < 10_000) {
    return { order, offset: value.n as number };
  }
  throw refuse();
}
