/**
 * Checks of typed text fields shared by articles, authors and tags: a coded VALIDATION
 * error naming the field, NUL characters dropped, surrounding space trimmed. Person names
 * (authors) follow the one rule for names instead (`personName`).
 *
 * @example
 *   text(input.title, 'title', 300, true); // 'Stadtrat tagt' or AppError VALIDATION at `title`
 */
import { AppError } from '../platform/errors.js';
import { cleanPersonName } from '../platform/names.js';

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

/**
 * A person's name (an author) by the one rule for names (platform/names.ts): required,
 * and refused at the field when nothing visible is left or it is too long.
 *
 * @example
 *   personName('\u202emoc.elgoog', 200); // 'moc.elgoog'
 */
export function personName(value: unknown, max: number, field = 'name'): string {
  if (value !== undefined && value !== null && typeof value !== 'string') throw new AppError('VALIDATION', { field, detail: `${field} must be text` });
  const name = cleanPersonName(value, Number.MAX_SAFE_INTEGER);
  if (!name) throw new AppError('VALIDATION', { field, detail: `${field} is required` });
  if (name.length > max) throw new AppError('VALIDATION', { field, detail: `${field} is longer than ${max}` });
  return name;
}
