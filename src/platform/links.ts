/**
 * Links a person types and the site later shows as `href` (an author's website and books,
 * an image's source, settings links) are stored only as absolute http(s) URLs; anything
 * else (`javascript:`, `data:`, `vbscript:`, a scheme hidden behind spaces) is refused
 * with `URL_INVALID` (422) naming the field. Pages still render such values through
 * `httpLink` (html.ts), so one that got in some other way stays inert.
 *
 * @example
 *   checkedHttpUrl(' https://example.org/buch ', 'books[0].url'); // 'https://example.org/buch'
 *   checkedHttpUrl('javascript:alert(1)', 'links[0].url');         // throws AppError URL_INVALID
 */
import { AppError } from './errors.js';
import { parseHttpUrl } from './html.js';

export function checkedHttpUrl(value: unknown, field: string): string {
  const url = typeof value === 'string' ? value.trim() : value;
  if (!parseHttpUrl(url)) throw new AppError('URL_INVALID', { field, detail: 'an absolute http(s) address' });
  return url as string;
}
