/**
 * Imported HTML as a small tree the converters walk. htmlparser2 does the parsing because
 * post bodies from the wild are tag soup (unclosed `<p>`, stray `</div>`) that it repairs
 * the way browsers roughly do; the tree is narrowed to the few fields we read.
 *
 * @example
 *   const nodes = parseHtml('<p>Hallo <b>Welt</b></p>');
 *   textOf(nodes); // 'Hallo Welt'
 */
import { parseDocument } from 'htmlparser2';

export interface HNode {
  type: 'tag' | 'text' | 'comment' | 'other';
  /** Lower-case tag name for elements. */
  name: string;
  attribs: Record<string, string>;
  children: HNode[];
  /** Text of text and comment nodes. */
  data: string;
}

interface RawNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: RawNode[];
  data?: string;
}

function narrow(node: RawNode): HNode {
  const element = node.type === 'tag' || node.type === 'script' || node.type === 'style';
  const type = element ? 'tag' : node.type === 'text' || node.type === 'cdata' ? 'text' : node.type === 'comment' ? 'comment' : 'other';
  const children = (node.children ?? []).map(narrow);
  // CDATA sections inside HTML carry their text as a child text node.
  if (node.type === 'cdata') return { type: 'text', name: '', attribs: {}, children: [], data: children.map((c) => c.data).join('') };
  return { type, name: (node.name ?? '').toLowerCase(), attribs: node.attribs ?? {}, children, data: node.data ?? '' };
}

/** Parses an HTML fragment; entities are decoded in text and attributes. */
export function parseHtml(html: string): HNode[] {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }) as unknown as RawNode;
  return (document.children ?? []).map(narrow);
}

/** Elements whose content is never text for a reader. */
export const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'object', 'embed', 'canvas', 'select', 'textarea', 'button', 'input']);

const BLOCKS = new Set(['p', 'div', 'li', 'ul', 'ol', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'dt', 'dd', 'figure', 'figcaption', 'section', 'article', 'pre', 'table']);

/** The visible text of nodes, whitespace collapsed. */
export function textOf(nodes: readonly HNode[] | HNode): string {
  const list = Array.isArray(nodes) ? nodes : [nodes as HNode];
  let out = '';
  const walk = (items: readonly HNode[]) => {
    for (const node of items) {
      if (node.type === 'text') out += node.data;
      else if (node.type === 'tag' && !INVISIBLE.has(node.name)) {
        // Block boundaries separate words: '<p>Hallo</p>— X' reads 'Hallo — X'.
        const block = node.name === 'br' || BLOCKS.has(node.name);
        if (block) out += ' ';
        walk(node.children);
        if (block) out += ' ';
      }
    }
  };
  walk(list);
  return out.replace(/\s+/g, ' ').trim();
}

export function hasClass(node: HNode, pattern: RegExp): boolean {
  return (node.attribs.class ?? '').split(/\s+/).some((c) => pattern.test(c));
}

/** Every element below `nodes` (depth first) that matches. */
export function findAll(nodes: readonly HNode[], match: (node: HNode) => boolean): HNode[] {
  const found: HNode[] = [];
  const walk = (items: readonly HNode[]) => {
    for (const node of items) {
      if (node.type !== 'tag') continue;
      if (match(node)) found.push(node);
      walk(node.children);
    }
  };
  walk(nodes);
  return found;
}

export const element = (node: HNode, ...names: string[]): boolean => node.type === 'tag' && names.includes(node.name);
