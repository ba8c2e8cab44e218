/**
 * Checks an article body from the editor, the API or an import, and returns a clean copy
 * holding only the known fields, so stray editor state never reaches the database. A
 * refusal names the value (`body[3].rows[1]`) and carries the catalogue code the API
 * answers with: `TABLE_RAGGED`, `GALLERY_EMPTY`, `BLOCK_TOO_LONG`, else `VALIDATION`.
 *
 * @example
 *   validateBlocks([{ type: 'heading', level: 5, text: 'x' }]);
 *   // throws BlockValidationError('must be 2, 3 or 4', 'body[0].level')
 */
import type { Block, CodeBlock, GalleryBlock, TableAlign, TableBlock } from './blocks.js';
import { parseEmbed, parseHttpUrl } from './embed.js';
import { FOOTNOTE_ID } from './inline.js';

/** The catalogue codes (platform/errors.ts) a body refusal can carry. */
export type BlockErrorCode = 'VALIDATION' | 'TABLE_RAGGED' | 'GALLERY_EMPTY' | 'BLOCK_TOO_LONG';

/** Thrown by `validateBlocks`; `path` names the offending value, e.g. `body[3].items[1]`. */
export class BlockValidationError extends Error {
  readonly code = 'BLOCK_INVALID';
  constructor(
    message: string,
    readonly path: string,
    /** What the API answers with (see platform/errors.ts). */
    readonly errorCode: BlockErrorCode = 'VALIDATION',
  ) {
    super(message);
    this.name = 'BlockValidationError';
  }
}

export const BODY_LIMITS = {
  blocks: 2000,
  items: 2000,
  /** Characters in one text: a paragraph, a cell, a code block (about 2,500 lines of code). */
  text: 100_000,
  tableRows: 1000,
  tableColumns: 50,
  galleryImages: 200,
  codeLanguage: 40,
} as const;

const PROVIDERS = ['youtube', 'vimeo', 'iframe', 'link'] as const;
const ALIGNS = ['left', 'center', 'right'] as const;

function fail(message: string, path: string, code: BlockErrorCode = 'VALIDATION'): never {
  throw new BlockValidationError(message, path, code);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') fail('must be a string', path);
  if (value.length > BODY_LIMITS.text) fail(`must be at most ${BODY_LIMITS.text} characters`, path, 'BLOCK_TOO_LONG');
  return value;
}

/** Optional fields: absent, or null as editors send for a cleared field, are both dropped. */
function optText(o: Record<string, unknown>, key: string, path: string): { [k: string]: string } {
  const value = o[key];
  return value === undefined || value === null ? {} : { [key]: text(value, `${path}.${key}`) };
}

/** Optional switches are kept only when on, so a body reads the same however it was sent. */
function optFlag(o: Record<string, unknown>, key: string, path: string): { [k: string]: true } {
  const value = o[key];
  if (value === undefined || value === null || value === false) return {};
  if (value !== true) fail('must be true or false', `${path}.${key}`);
  return { [key]: true };
}

function array(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail('must be an array', path);
  if (value.length > max) fail(`must have at most ${max} entries`, path);
  return value;
}

function mediaId(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) fail('must be a positive integer', path);
  return value;
}

/**
 * @example
 *   validateBlocks([{ type: 'table', rows: [['a', 'b'], ['c']] }]);
 *   // throws BlockValidationError('has 1 cells, the first row 2', 'body[0].rows[1]', 'TABLE_RAGGED')
 */
export function validateBlocks(input: unknown, root = 'body'): Block[] {
  const list = array(input, root, BODY_LIMITS.blocks);
  const footnoteIds = new Set<string>();
  return list.map((value, i) => validateBlock(value, `${root}[${i}]`, footnoteIds));
}

function validateTable(o: Record<string, unknown>, path: string): TableBlock {
  const rows = array(o.rows, `${path}.rows`, BODY_LIMITS.tableRows).map((row, r) =>
    array(row, `${path}.rows[${r}]`, BODY_LIMITS.tableColumns).map((cell, c) => text(cell, `${path}.rows[${r}][${c}]`)),
  );
  if (rows.length === 0 || rows[0]!.length === 0) fail('a table needs at least one row with one cell', `${path}.rows`);
  const columns = rows[0]!.length;
  rows.forEach((row, r) => {
    if (row.length !== columns) fail(`has ${row.length} cells, the first row ${columns}`, `${path}.rows[${r}]`, 'TABLE_RAGGED');
  });
  let align: TableAlign[] | undefined;
  if (o.align !== undefined && o.align !== null) {
    const list = array(o.align, `${path}.align`, BODY_LIMITS.tableColumns);
    if (list.length !== columns) fail(`must have one entry per column (${columns})`, `${path}.align`, 'TABLE_RAGGED');
    align = list.map((a, c) => {
      if (a === null || a === '') return null;
      if (!ALIGNS.includes(a as never)) fail('must be left, center, right or null', `${path}.align[${c}]`);
      return a as TableAlign;
    });
    if (align.every((a) => a === null)) align = undefined;
  }
  return {
    type: 'table',
    rows,
    ...optFlag(o, 'headerRow', path),
    ...optFlag(o, 'headerColumn', path),
    ...(align ? { align } : {}),
    ...optText(o, 'caption', path),
    ...optText(o, 'source', path),
  };
}

function validateCode(o: Record<string, unknown>, path: string): CodeBlock {
  const language = optText(o, 'language', path).language?.trim();
  if (language && (language.length > BODY_LIMITS.codeLanguage || /[\u0000-\u001f]/.test(language))) {
    fail(`must be one line of at most ${BODY_LIMITS.codeLanguage} characters`, `${path}.language`);
  }
  // Trailing line breaks show as nothing; dropping them keeps a body the same through every export.
  const code = text(o.text, `${path}.text`).replace(/\s+$/, '');
  return { type: 'code', text: code, ...(language ? { language } : {}), ...optFlag(o, 'preformatted', path) };
}

function validateGallery(o: Record<string, unknown>, path: string): GalleryBlock {
  const images = array(o.images, `${path}.images`, BODY_LIMITS.galleryImages).map((item, j) => {
    const at = `${path}.images[${j}]`;
    if (!isRecord(item)) fail('must be an object', at);
    return { mediaId: mediaId(item.mediaId, `${at}.mediaId`), ...optText(item, 'caption', at), ...optText(item, 'alt', at) };
  });
  if (images.length === 0) fail('a gallery needs at least one image', `${path}.images`, 'GALLERY_EMPTY');
  return { type: 'gallery', images, ...optText(o, 'caption', path) };
}

function validateBlock(value: unknown, path: string, footnoteIds: Set<string>): Block {
  if (!isRecord(value)) fail('must be an object', path);
  const o = value;
  switch (o.type) {
    case 'paragraph':
      return { type: 'paragraph', text: text(o.text, `${path}.text`) };
    case 'heading': {
      const level = o.level;
      if (level !== 2 && level !== 3 && level !== 4) fail('must be 2, 3 or 4', `${path}.level`);
      return { type: 'heading', level, text: text(o.text, `${path}.text`) };
    }
    case 'list': {
      if (typeof o.ordered !== 'boolean') fail('must be true or false', `${path}.ordered`);
      const items = array(o.items, `${path}.items`, BODY_LIMITS.items).map((item, j) => text(item, `${path}.items[${j}]`));
      return { type: 'list', ordered: o.ordered, items };
    }
    case 'quote': {
      if (o.sourceUrl !== undefined && o.sourceUrl !== null && !parseHttpUrl(o.sourceUrl)) {
        fail('must be an http(s) URL', `${path}.sourceUrl`);
      }
      return {
        type: 'quote',
        text: text(o.text, `${path}.text`),
        ...optText(o, 'attribution', path),
        ...optText(o, 'sourceUrl', path),
        ...optText(o, 'sourceTitle', path),
      };
    }
    case 'image':
      return { type: 'image', mediaId: mediaId(o.mediaId, `${path}.mediaId`), ...optText(o, 'caption', path), ...optText(o, 'alt', path) };
    case 'embed': {
      const provider = o.provider;
      if (!PROVIDERS.includes(provider as never)) fail(`must be one of ${PROVIDERS.join(', ')}`, `${path}.provider`);
      const url = text(o.url, `${path}.url`);
      const p = provider as (typeof PROVIDERS)[number];
      if (!parseHttpUrl(url, p === 'iframe')) fail(p === 'iframe' ? 'must be an https URL' : 'must be an http(s) URL', `${path}.url`);
      if (p !== 'link' && parseEmbed(url, p)?.provider !== p) fail(`is not a ${p} URL`, `${path}.url`);
      return { type: 'embed', provider: p, url, ...optText(o, 'title', path), ...optText(o, 'caption', path) };
    }
    case 'donation':
      return { type: 'donation', ...optText(o, 'text', path) };
    case 'footnotes': {
      const items = array(o.items, `${path}.items`, BODY_LIMITS.items).map((item, j) => {
        const at = `${path}.items[${j}]`;
        if (!isRecord(item)) fail('must be an object', at);
        if (typeof item.id !== 'string' || !FOOTNOTE_ID.test(item.id)) fail('must be 1–64 letters, digits, _ or -', `${at}.id`);
        if (footnoteIds.has(item.id)) fail('is used by another footnote', `${at}.id`);
        footnoteIds.add(item.id);
        return { id: item.id, text: text(item.text, `${at}.text`) };
      });
      return { type: 'footnotes', items };
    }
    case 'table':
      return validateTable(o, path);
    case 'code':
      return validateCode(o, path);
    case 'gallery':
      return validateGallery(o, path);
    case 'details': {
      const summary = text(o.summary, `${path}.summary`);
      if (!summary.trim()) fail('must not be empty', `${path}.summary`);
      return { type: 'details', summary, text: text(o.text, `${path}.text`) };
    }
    case 'separator':
      return { type: 'separator' };
    default:
      return fail(typeof o.type === 'string' ? `unknown block type "${o.type.slice(0, 40)}"` : 'must be a string', `${path}.type`);
  }
}
