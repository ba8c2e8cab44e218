/**
 * The author and tag forms as strings and back. A form names its inputs like the service
 * names its fields (`name`, `bio.de`, `links[2].url`, `books[0].year`), so a refusal
 * lands on its input. Empty link and book rows are left out before saving; `rowOf`
 * turns the service's index back into the row on the page (`links[0]` may be row 2).
 *
 * @example
 *   const { input, values, formField } = parseAuthorForm(request.body, true);
 *   formField('links[0].url'); // 'links[2].url' when rows 0 and 1 were empty
 */
import type { Author, AuthorInput, Tag, TagInput } from '../../content/index.js';
import { AppError } from '../../platform/errors.js';
import type { Language } from '../../platform/i18n.js';
import { TaxonomyInvalid } from '../../content/index.js';
import type { T } from './layout.js';
import { formField } from '../../platform/http.js';

/** Rows a form offers beyond the filled ones, for adding. */
export const EMPTY_ROWS = 3;
const MAX_ROWS = 50;

export interface LinkRow { label: string; url: string }
export interface BookRow { title: string; url: string; year: string }

export interface AuthorFormValues {
  name: string;
  slug: string;
  bioDe: string;
  bioEn: string;
  avatarMediaId: string;
  userId: string;
  links: LinkRow[];
  books: BookRow[];
}

export interface TagFormValues { name: string; slug: string; description: string }

const field = (body: unknown, name: string): string => formField(body, name) ?? '';

/** How many rows of `links[i].…` the form sent (the highest index plus one, at most 50). */
function rowCount(body: unknown, list: string): number {
  let count = 0;
  const pattern = new RegExp(`^${list}\\[(\\d{1,2})\\]\\.`);
  for (const key of Object.keys(body && typeof body === 'object' ? body : {})) {
    const match = pattern.exec(key);
    if (match) count = Math.max(count, Math.min(MAX_ROWS, Number(match[1]) + 1));
  }
  return count;
}

export function authorFormValues(author: Author | null): AuthorFormValues {
  return {
    name: author?.name ?? '',
    slug: author?.slug ?? '',
    bioDe: author?.bio.de ?? '',
    bioEn: author?.bio.en ?? '',
    avatarMediaId: author?.avatarMediaId ? String(author.avatarMediaId) : '',
    userId: author?.userId ? String(author.userId) : '',
    links: author?.links.map((l) => ({ label: l.label, url: l.url })) ?? [],
    books: author?.books.map((b) => ({ title: b.title, url: b.url, year: b.year ? String(b.year) : '' })) ?? [],
  };
}

const optionalId = (raw: string): number | null => (raw.trim() === '' ? null : Number(raw.trim()));

/**
 * The typed values and the service input. `withUser` is false for a writer's own profile:
 * the linked account is not theirs to change, so it is left out (kept).
 */
export function parseAuthorForm(body: unknown, withUser: boolean) {
  const values: AuthorFormValues = {
    name: field(body, 'name'),
    slug: field(body, 'slug'),
    bioDe: field(body, 'bio.de'),
    bioEn: field(body, 'bio.en'),
    avatarMediaId: field(body, 'avatarMediaId'),
    userId: field(body, 'userId'),
    links: Array.from({ length: rowCount(body, 'links') }, (_, i) => ({ label: field(body, `links[${i}].label`), url: field(body, `links[${i}].url`) })),
    books: Array.from({ length: rowCount(body, 'books') }, (_, i) => ({
      title: field(body, `books[${i}].title`), url: field(body, `books[${i}].url`), year: field(body, `books[${i}].year`),
    })),
  };
  const rows = { links: [] as number[], books: [] as number[] };
  const links = values.links.flatMap((row, i) => (row.label.trim() || row.url.trim() ? (rows.links.push(i), [{ label: row.label, url: row.url }]) : []));
  const books = values.books.flatMap((row, i) => {
    if (!(row.title.trim() || row.url.trim() || row.year.trim())) return [];
    rows.books.push(i);
    // A year that is not a whole number reaches the service as one (NaN, 20.5) and is refused there.
    return [{ title: row.title, url: row.url, ...(row.year.trim() ? { year: Number(row.year.trim()) } : {}) }];
  });
  const input: AuthorInput = {
    name: values.name,
    slug: values.slug,
    bio: { de: values.bioDe, en: values.bioEn },
    avatarMediaId: optionalId(values.avatarMediaId),
    links,
    books,
    ...(withUser ? { userId: optionalId(values.userId) } : {}),
  };
  const formField = (serviceField: string): string =>
    serviceField.replace(/^(links|books)\[(\d+)\]/, (whole, list: 'links' | 'books', index: string) => `${list}[${rows[list][Number(index)] ?? index}]`);
  return { values, input, formField };
}

export function tagFormValues(tag: Tag | null): TagFormValues {
  return { name: tag?.name ?? '', slug: tag?.slug ?? '', description: tag?.description ?? '' };
}

export function parseTagForm(body: unknown): { values: TagFormValues; input: TagInput } {
  const values = { name: field(body, 'name'), slug: field(body, 'slug'), description: field(body, 'description') };
  return { values, input: { ...values } };
}

/** Field → sentence for the page. */
export type FieldErrors = Record<string, string>;

/** A refusal of what was typed (shown at its field); anything else (not found, forbidden, a failure) goes on up. */
export function isRefusal(error: unknown): error is AppError {
  return error instanceof AppError && error.status < 500 && !['NOT_FOUND', 'FORBIDDEN', 'UNAUTHORIZED', 'CSRF', 'RATE_LIMITED'].includes(error.code);
}

export function fieldErrorsOf(error: AppError, t: T, lang: Language, formField: (f: string) => string = (f) => f): FieldErrors {
  const list = error instanceof TaxonomyInvalid ? error.errors : [error];
  const errors: FieldErrors = {};
  for (const one of list) {
    const at = formField(one.field ?? '');
    if (errors[at]) continue;
    errors[at] = sentence(one, t, lang);
  }
  return errors;
}

function sentence(error: AppError, t: T, lang: Language): string {
  const field = error.field ?? '';
  const detail = error.detail ?? '';
  if (error.code !== 'VALIDATION') return error.localized(lang);
  if (/\.year$/.test(field)) return t('taxonomy.problem.year');
  if (field === 'avatarMediaId') return t('taxonomy.problem.avatar');
  if (field === 'userId') return t('taxonomy.problem.user');
  if (field === 'links' || field === 'books') return t('taxonomy.problem.tooMany');
  if (/is required$/.test(detail)) return t('taxonomy.problem.required');
  const longer = /is longer than (\d+)$/.exec(detail);
  if (longer) return t('taxonomy.problem.tooLong', { max: Number(longer[1]) });
  return error.localized(lang);
}
