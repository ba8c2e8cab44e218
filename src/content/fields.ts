/**
 * Checks of typed text fields shared by articles, authors and tags: a coded VALIDATION
 * error naming the field, NUL characters dropped, surrounding space trimmed.
 *
 * @example
 *   text(input.title, 'title', 300, true); // 'Stadtrat tagt' or AppError VALIDATION at `title`
 */
import { AppError } from '../platform/errors.js';

export function text(value: unknown, field: string, max: number, required = false): string {
  if (value === undefined || value === null) {
    if (required) throw new AppError('VALIDATION', { field, detail: `${field} is required` });
    return '';
  }
  if (typeof value !== 'string') throw new AppError('VALIDATION', { field, detail: `${field} must be text` });
  const trimmed = value.replace(/\u0000/g, '').trim();
  if (required && !trimmed) throw new AppError('VALIDATION', { field, detail: `${field} is required` });
  if (trimmed.length > max) throw new AppError('VALIDATION', { field, detail: `${field} is longer than ${max}` });
  return trimmed;
}
