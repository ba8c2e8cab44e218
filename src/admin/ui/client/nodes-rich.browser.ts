/**
 * The editor's schema for tables, code and preformatted text, galleries and details (the
 * separator is the starter kit's horizontal rule), and the inline marks subscript,
 * superscript and abbreviation (strikethrough is the starter kit's). Each maps to one
 * block or mark of our body (see convert.browser.ts and content/blocks.ts).
 *
 * @example
 *   new Editor({ extensions: [...bodyNodes(deps), ...richNodes(deps)] });
 */
import { Mark, Node, type AnyExtension } from '@tiptap/core';
import { codeView, detailsView, galleryView, tableView } from './views-rich.browser.js';
import type { ViewDeps } from './views.browser.js';

/** A JSON value kept in a data attribute, so copy and paste inside the editor keeps it. */
function jsonAttr(name: string, fallback: unknown) {
  return {
    default: fallback,
    parseHTML: (element: HTMLElement) => {
      try {
        return JSON.parse(element.getAttribute(`data-${name}`) ?? '') as unknown;
      } catch {
        return fallback;
      }
    },
    renderHTML: (attrs: Record<string, unknown>) => ({ [`data-${name}`]: JSON.stringify(attrs[name] ?? fallback) }),
  };
}

function textAttr(name: string) {
  return {
    default: '',
    parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name}`) ?? '',
    renderHTML: (attrs: Record<string, unknown>) => (attrs[name] ? { [`data-${name}`]: String(attrs[name]) } : {}),
  };
}

function flagAttr(name: string) {
  return {
    default: false,
    parseHTML: (element: HTMLElement) => element.hasAttribute(`data-${name}`),
    renderHTML: (attrs: Record<string, unknown>) => (attrs[name] ? { [`data-${name}`]: '' } : {}),
  };
}

const Table = Node.create<{ deps: ViewDeps | null }>({
  name: 'table',
  group: 'block',
  atom: true,
  draggable: true,
  addOptions: () => ({ deps: null }),
  addAttributes: () => ({
    rows: jsonAttr('rows', [['', ''], ['', '']]),
    headerRow: flagAttr('header-row'),
    headerColumn: flagAttr('header-column'),
    align: jsonAttr('align', [null, null]),
    caption: textAttr('caption'),
    source: textAttr('source'),
  }),
  parseHTML: () => [{ tag: 'figure[data-rows]' }],
  renderHTML: ({ HTMLAttributes }) => ['figure', HTMLAttributes],
  addNodeView() {
    return tableView(this.options.deps!);
  },
});

const Gallery = Node.create<{ deps: ViewDeps | null }>({
  name: 'gallery',
  group: 'block',
  atom: true,
  draggable: true,
  addOptions: () => ({ deps: null }),
  addAttributes: () => ({ images: jsonAttr('images', []), caption: textAttr('caption') }),
  parseHTML: () => [{ tag: 'figure[data-images]' }],
  renderHTML: ({ HTMLAttributes }) => ['figure', HTMLAttributes],
  addNodeView() {
    return galleryView(this.options.deps!);
  },
});

/** Code keeps every character: no marks, whitespace as typed, Enter is a new line. */
const CodeBlock = Node.create<{ deps: ViewDeps | null }>({
  name: 'codeBlock',
  group: 'block',
  content: 'text*',
  marks: '',
  code: true,
  defining: true,
  whitespace: 'pre',
  addOptions: () => ({ deps: null }),
  addAttributes: () => ({ language: textAttr('language'), preformatted: flagAttr('preformatted') }),
  parseHTML: () => [{ tag: 'pre', preserveWhitespace: 'full' }],
  renderHTML: ({ HTMLAttributes }) => ['pre', HTMLAttributes, ['code', 0]],
  addNodeView() {
    return codeView(this.options.deps!);
  },
});

const Details = Node.create<{ deps: ViewDeps | null }>({
  name: 'details',
  group: 'block',
  content: 'inline*',
  defining: true,
  addOptions: () => ({ deps: null }),
  addAttributes: () => ({ summary: textAttr('summary') }),
  parseHTML: () => [{ tag: 'section[data-details]' }],
  renderHTML: ({ HTMLAttributes }) => ['section', { ...HTMLAttributes, 'data-details': '' }, 0],
  addNodeView() {
    return detailsView(this.options.deps!);
  },
});

const Subscript = Mark.create({
  name: 'subscript',
  excludes: 'superscript',
  parseHTML: () => [{ tag: 'sub' }],
  renderHTML: () => ['sub', 0],
});

const Superscript = Mark.create({
  name: 'superscript',
  excludes: 'subscript',
  // A footnote reference is a <sup data-id> node of its own, not this mark.
  parseHTML: () => [{ tag: 'sup', getAttrs: (element: HTMLElement) => (element.hasAttribute('data-id') ? false : null) }],
  renderHTML: () => ['sup', 0],
});

const Abbr = Mark.create({
  name: 'abbr',
  addAttributes: () => ({
    title: { default: '', parseHTML: (element: HTMLElement) => element.getAttribute('title') ?? '', renderHTML: (attrs: Record<string, unknown>) => ({ title: String(attrs.title ?? '') }) },
  }),
  parseHTML: () => [{ tag: 'abbr[title]' }],
  renderHTML: ({ HTMLAttributes }) => ['abbr', HTMLAttributes, 0],
});

/** The rich blocks and marks, wired to the media library and messages. */
export function richNodes(deps: ViewDeps): AnyExtension[] {
  return [Table.configure({ deps }), Gallery.configure({ deps }), CodeBlock.configure({ deps }), Details.configure({ deps }), Subscript, Superscript, Abbr];
}
