/**
 * Checks an export item before import touches the database, so a hand-edited file fails
 * with "comments[12].parentId must be a whole number or null" rather than a constraint
 * error from deep inside a transaction.
 *
 * @example
 *   checkItem('tags', 0, { id: 1, slug: 'rat', name: 'Rat', description: '' }); // passes
 *   checkItem('tags', 1, { id: 'x' }); // ImportError: tags[1].id must be a whole number
 */
import { BackupError } from './format.js';
import type { Section } from './document.js';

export class ImportError extends BackupError {}

type Kind = 'int' | 'int?' | 'number' | 'string' | 'string?' | 'boolean' | 'array' | 'object';

const ARTICLE: Record<string, Kind> = {
  id: 'int', slug: 'string', lang: 'string', title: 'string', subtitle: 'string', body: 'array', status: 'string',
  publishedAt: 'string?', scheduledAt: 'string?', createdAt: 'string', updatedAt: 'string', revisedAt: 'string?',
  featuredMediaId: 'int?', featuredCaption: 'string', seoTitle: 'string', seoDescription: 'string', commentsOpen: 'boolean',
  wordCount: 'int', readingMinutes: 'int', authors: 'array', tags: 'array', oldSlugs: 'array',
};

const SHAPES: Record<Section, Record<string, Kind>> = {
  media: {
    id: 'int', path: 'string', mime: 'string', width: 'int', height: 'int', size: 'int', alt: 'string', caption: 'string',
    credit: 'string', sourceUrl: 'string?', licence: 'string', variants: 'array', createdAt: 'string',
  },
  authors: {
    id: 'int', slug: 'string', name: 'string', bio: 'object', avatarMediaId: 'int?', links: 'array', books: 'array',
    userEmail: 'string?', createdAt: 'string',
  },
  tags: { id: 'int', slug: 'string', name: 'string', description: 'string' },
  articles: ARTICLE,
  pages: ARTICLE,
  comments: {
    id: 'int', article: 'string', parentId: 'int?', threadId: 'int?', depth: 'int', authorName: 'string', authorEmail: 'string',
    userEmail: 'string?', body: 'string', html: 'string', status: 'string', likes: 'int', spamScore: 'number',
    spamReasons: 'array', createdAt: 'string', editedAt: 'string?', deletedAt: 'string?', edits: 'array',
  },
  subscribers: {
    email: 'string', name: 'string', status: 'string', source: 'string', subscribedAt: 'string', confirmedAt: 'string?',
    unsubscribedAt: 'string?', bouncedAt: 'string?', bounceReason: 'string?', confirmSentAt: 'string?', updatedAt: 'string',
    topics: 'array',
  },
};

function fits(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'int': return Number.isSafeInteger(value);
    case 'int?': return value === null || Number.isSafeInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'string': return typeof value === 'string';
    case 'string?': return value === null || typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'array': return Array.isArray(value);
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

const DESCRIBE: Record<Kind, string> = {
  int: 'a whole number', 'int?': 'a whole number or null', number: 'a number', string: 'a string',
  'string?': 'a string or null', boolean: 'true or false', array: 'an array', object: 'an object',
};

export function checkItem(section: Section, index: number, item: unknown): object {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new ImportError(`${section}[${index}] must be an object`);
  for (const [field, kind] of Object.entries(SHAPES[section])) {
    const value = (item as Record<string, unknown>)[field];
    if (!fits(value, kind)) throw new ImportError(`${section}[${index}].${field} must be ${DESCRIBE[kind]}`);
  }
  return item;
}
