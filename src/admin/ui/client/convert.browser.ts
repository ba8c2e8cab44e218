/**
 * The structured body (`Block[]`, content/blocks.ts) to and from the editor's document
 * (TipTap JSON). Pure data in, pure data out, so it is tested in Node beside the server's
 * renderer: a body that goes through the editor unchanged renders the same HTML.
 *
 * @example
 *   const doc = blocksToDoc([{ type: 'heading', level: 2, text: 'Worum es geht' }]);
 *   docToBlocks(doc); // [{ type: 'heading', level: 2, text: 'Worum es geht' }]
 */
import type { JSONContent } from '@tiptap/core';
import type { Block, TableAlign } from '../../../content/blocks.js';
import { inlineToJson, jsonToInline } from './inline.browser.js';

function inline(type: string, textValue: string, attrs?: Record<string, unknown>): JSONContent {
  const content = inlineToJson(textValue);
  return { type, ...(attrs ? { attrs } : {}), ...(content.length ? { content } : {}) };
}

/** Optional text fields: the editor keeps '' for "none", the body leaves them out. */
function optional<K extends string>(attrs: Record<string, unknown> | undefined, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = attrs?.[key];
    if (typeof value === 'string' && value.trim() !== '') out[key] = value;
  }
  return out;
}

function blockToNode(block: Block): JSONContent | null {
  switch (block.type) {
    case 'paragraph':
      return inline('paragraph', block.text);
    case 'heading':
      return inline('heading', block.text, { level: block.level });
    case 'list':
      return {
        type: block.ordered ? 'orderedList' : 'bulletList',
        content: (block.items.length ? block.items : ['']).map((item) => ({ type: 'listItem', content: [inline('paragraph', item)] })),
      };
    case 'quote':
      return inline('quote', block.text, {
        attribution: block.attribution ?? '',
        sourceUrl: block.sourceUrl ?? '',
        sourceTitle: block.sourceTitle ?? '',
      });
    case 'image':
      return { type: 'image', attrs: { mediaId: block.mediaId, caption: block.caption ?? '', alt: block.alt ?? '' } };
    case 'embed':
      return { type: 'embed', attrs: { provider: block.provider, url: block.url, title: block.title ?? '', caption: block.caption ?? '' } };
    case 'donation':
      return { type: 'donation', attrs: { text: block.text ?? '' } };
    case 'footnotes':
      return { type: 'footnotes', attrs: { items: block.items.map((item) => ({ id: item.id, text: item.text })) } };
    case 'table': {
      const columns = block.rows[0]?.length ?? 0;
      return {
        type: 'table',
        attrs: {
          rows: block.rows.map((row) => [...row]),
          headerRow: block.headerRow ?? false,
          headerColumn: block.headerColumn ?? false,
          align: block.align ? [...block.align] : Array.from({ length: columns }, () => null),
          caption: block.caption ?? '',
          source: block.source ?? '',
        },
      };
    }
    case 'code':
      return {
        type: 'codeBlock',
        attrs: { language: block.language ?? '', preformatted: block.preformatted ?? false },
        ...(block.text ? { content: [{ type: 'text', text: block.text }] } : {}),
      };
    case 'gallery':
      return { type: 'gallery', attrs: { images: block.images.map((image) => ({ ...image })), caption: block.caption ?? '' } };
    case 'details':
      return inline('details', block.text, { summary: block.summary });
    case 'separator':
      return { type: 'horizontalRule' };
    default:
      return null;
  }
}

/** The editor document for a body; an empty body is one empty paragraph to type into. */
export function blocksToDoc(blocks: readonly Block[]): JSONContent {
  const content = blocks.map(blockToNode).filter((node): node is JSONContent => node !== null);
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}

function nodeToBlock(node: JSONContent): Block | null {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case 'paragraph': {
      const value = jsonToInline(node.content);
      return value.trim() ? { type: 'paragraph', text: value } : null;
    }
    case 'heading': {
      const value = jsonToInline(node.content);
      const level = [2, 3, 4].includes(attrs.level) ? (attrs.level as 2 | 3 | 4) : 2;
      return value.trim() ? { type: 'heading', level, text: value } : null;
    }
    case 'bulletList':
    case 'orderedList': {
      const items = (node.content ?? [])
        .map((item) => (item.content ?? []).map((child) => jsonToInline(child.content)).join('\n'))
        .filter((item) => item.trim() !== '');
      return items.length ? { type: 'list', ordered: node.type === 'orderedList', items } : null;
    }
    case 'quote': {
      const value = jsonToInline(node.content);
      if (!value.trim()) return null;
      return { type: 'quote', text: value, ...optional(attrs, ['attribution', 'sourceUrl', 'sourceTitle'] as const) };
    }
    case 'image': {
      const mediaId = Number(attrs.mediaId);
      if (!Number.isSafeInteger(mediaId) || mediaId <= 0) return null;
      return { type: 'image', mediaId, ...optional(attrs, ['caption', 'alt'] as const) };
    }
    case 'embed':
      return typeof attrs.url === 'string' && attrs.url
        ? { type: 'embed', provider: attrs.provider, url: attrs.url, ...optional(attrs, ['title', 'caption'] as const) }
        : null;
    case 'donation':
      return { type: 'donation', ...optional(attrs, ['text'] as const) };
    case 'footnotes': {
      const items = (Array.isArray(attrs.items) ? (attrs.items as { id?: unknown; text?: unknown }[]) : [])
        .map((item) => ({ id: String(item.id ?? '').trim(), text: String(item.text ?? '') }))
        .filter((item) => item.id !== '' || item.text.trim() !== '');
      return items.length ? { type: 'footnotes', items } : null;
    }
    case 'table': {
      const rows = (Array.isArray(attrs.rows) ? (attrs.rows as unknown[][]) : []).map((row) => (Array.isArray(row) ? row.map((cell) => String(cell ?? '')) : []));
      const align = Array.isArray(attrs.align) ? (attrs.align as (TableAlign | '')[]).map((a) => (a === 'left' || a === 'center' || a === 'right' ? a : null)) : [];
      return {
        type: 'table',
        rows,
        ...(attrs.headerRow ? { headerRow: true } : {}),
        ...(attrs.headerColumn ? { headerColumn: true } : {}),
        ...(align.some(Boolean) ? { align } : {}),
        ...optional(attrs, ['caption', 'source'] as const),
      };
    }
    case 'codeBlock': {
      const text = (node.content ?? []).map((child) => child.text ?? '').join('');
      if (!text.trim()) return null;
      const language = typeof attrs.language === 'string' ? attrs.language.trim() : '';
      return { type: 'code', text, ...(language ? { language } : {}), ...(attrs.preformatted ? { preformatted: true } : {}) };
    }
    case 'gallery': {
      // An empty gallery is sent as it is: the server says at the field that it needs an image.
      const images = (Array.isArray(attrs.images) ? (attrs.images as { mediaId?: unknown; caption?: unknown; alt?: unknown }[]) : [])
        .map((image) => ({ mediaId: Number(image.mediaId), ...optional(image as Record<string, unknown>, ['caption', 'alt'] as const) }))
        .filter((image) => Number.isSafeInteger(image.mediaId) && image.mediaId > 0);
      return { type: 'gallery', images, ...optional(attrs, ['caption'] as const) };
    }
    case 'details': {
      const summary = typeof attrs.summary === 'string' ? attrs.summary : '';
      const value = jsonToInline(node.content);
      return summary.trim() || value.trim() ? { type: 'details', summary, text: value } : null;
    }
    case 'horizontalRule':
      return { type: 'separator' };
    default:
      return null;
  }
}

/**
 * Which node of the document holds the body's block `index` (empty paragraphs are left
 * out of the body), so an error the server names as `body[3].rows[1]` can be shown there.
 */
export function nodeIndexOfBlock(doc: JSONContent, index: number): number | null {
  let seen = -1;
  const nodes = doc.content ?? [];
  for (let i = 0; i < nodes.length; i++) {
    if (nodeToBlock(nodes[i]!) !== null) seen++;
    if (seen === index) return i;
  }
  return null;
}

/** The body for the API: empty paragraphs and empty list items are left out. */
export function docToBlocks(doc: JSONContent): Block[] {
  return (doc.content ?? []).map(nodeToBlock).filter((block): block is Block => block !== null);
}
