/**
 * Imported tables, preformatted text and collapsible parts to their blocks. Old HTML is
 * looser than our blocks: merged cells, rows of unequal length, links inside `<pre>`. What
 * has to give is converted to the closest form and said in a note of kind "table
 * approximated" or "formatting in preformatted text dropped", never silently.
 *
 * @example
 *   const block = tableBlock(tableNode, api, 'Haushalt 2025');
 *   // { type: 'table', headerRow: true, rows: [['Posten', 'Betrag'], …], caption: 'Haushalt 2025' }
 */
import type { CodeBlock, TableAlign, TableBlock } from '../content/index.js';
import { BODY_LIMITS } from '../content/index.js';
import { element, findAll, hasClass, type HNode } from './dom.js';
import { keepForReview } from './sanitize.js';

/** What these converters need of the HTML converter (html-blocks.ts). */
export interface ConverterApi {
  /** Inline nodes as inline Markdown, line breaks kept. */
  md(nodes: readonly HNode[]): string;
  note(kind: string, message: string, html?: string): void;
}

const ALIGNS = new Set(['left', 'center', 'right']);

function alignOf(cell: HNode): TableAlign {
  const fromClass = /(?:^|\s)(?:has-text-align|ta)-(left|center|right)(?:\s|$)/.exec(cell.attribs.class ?? '')?.[1];
  const fromStyle = /text-align\s*:\s*(left|center|right)/i.exec(cell.attribs.style ?? '')?.[1]?.toLowerCase();
  const value = fromClass ?? cell.attribs['data-align'] ?? cell.attribs.align?.toLowerCase() ?? fromStyle;
  return value && ALIGNS.has(value) ? (value as TableAlign) : null;
}

function span(value: string | undefined, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 1 ? Math.min(n, max) : 1;
}

/** The table's rows in reading order: head, bodies, foot, and rows outside any section. */
function rowsOf(table: HNode): { row: HNode; head: boolean }[] {
  const rows: { row: HNode; head: boolean }[] = [];
  const foot: HNode[] = [];
  for (const child of table.children) {
    if (element(child, 'tr')) rows.push({ row: child, head: false });
    else if (element(child, 'thead')) rows.push(...child.children.filter((c) => element(c, 'tr')).map((row) => ({ row, head: true })));
    else if (element(child, 'tbody')) rows.push(...child.children.filter((c) => element(c, 'tr')).map((row) => ({ row, head: false })));
    else if (element(child, 'tfoot')) foot.push(...child.children.filter((c) => element(c, 'tr')));
  }
  return [...rows, ...foot.map((row) => ({ row, head: false }))];
}

/**
 * A `<table>` as a table block: merged cells split (their text in the first), short rows
 * padded, header row and column recognised from `<thead>`/`<th>`, column alignment from
 * WordPress's classes or the old `align`/`style`. Null for a table without any cell text.
 */
export function tableBlock(table: HNode, api: ConverterApi, figureCaption?: string): TableBlock | null {
  const found = rowsOf(table).slice(0, BODY_LIMITS.tableRows + 1);
  if (rowsOf(table).length > BODY_LIMITS.tableRows) api.note('table approximated', `a table had more than ${BODY_LIMITS.tableRows} rows; the rest was left out`, keepForReview(table));
  const grid: (string | null)[][] = [];
  const kinds: ('th' | 'td' | null)[][] = [];
  const aligns: TableAlign[][] = [];
  let merged = false;
  found.slice(0, BODY_LIMITS.tableRows).forEach(({ row }, r) => {
    grid[r] ??= [];
    kinds[r] ??= [];
    aligns[r] ??= [];
    let c = 0;
    for (const cell of row.children.filter((n) => element(n, 'td', 'th'))) {
      while (grid[r]![c] !== undefined) c++;
      const cols = span(cell.attribs.colspan, BODY_LIMITS.tableColumns);
      const rows = span(cell.attribs.rowspan, BODY_LIMITS.tableRows);
      if (cols > 1 || rows > 1) merged = true;
      if (findAll(cell.children, (n) => n.name === 'table').length) api.note('table approximated', 'a table inside a table cell was reduced to its text', keepForReview(cell));
      if (findAll(cell.children, (n) => n.name === 'img').length) api.note('table approximated', 'an image inside a table cell was left out', keepForReview(cell));
      const text = api.md(cell.children).replace(/\n{2,}/g, '\n').slice(0, BODY_LIMITS.text);
      for (let dr = 0; dr < rows && r + dr < BODY_LIMITS.tableRows; dr++) {
        grid[r + dr] ??= [];
        kinds[r + dr] ??= [];
        aligns[r + dr] ??= [];
        for (let dc = 0; dc < cols && c + dc < BODY_LIMITS.tableColumns; dc++) {
          grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? text : '';
          kinds[r + dr]![c + dc] = element(cell, 'th') ? 'th' : 'td';
          aligns[r + dr]![c + dc] = alignOf(cell);
        }
      }
      c += cols;
    }
  });
  const width = Math.min(BODY_LIMITS.tableColumns, Math.max(0, ...grid.map((row) => row.length)));
  if (width === 0 || grid.every((row) => row.every((cell) => !cell))) return null;
  if (merged) api.note('table approximated', 'merged cells were split; each text stays in its first cell', keepForReview(table));
  let padded = false;
  const rows = grid.map((row) =>
    Array.from({ length: width }, (_, c) => {
      if (row[c] === undefined || row[c] === null) padded = true;
      return row[c] ?? '';
    }),
  );
  if (padded && !merged) api.note('table approximated', 'rows of unequal length were padded with empty cells', keepForReview(table));
  const headerRow = found[0]?.head === true || (kinds[0]?.length === width && kinds[0].every((k) => k === 'th'));
  const body = kinds.slice(headerRow ? 1 : 0);
  const headerColumn = body.length > 0 && body.every((row) => row[0] === 'th') && !body.every((row) => row.every((k) => k === 'th'));
  const align = Array.from({ length: width }, (_, c) => {
    for (const row of aligns.slice(headerRow ? 1 : 0)) if (row[c]) return row[c]!;
    return aligns[0]?.[c] ?? null;
  });
  const captionNode = table.children.find((n) => element(n, 'caption'));
  const caption = (captionNode ? api.md(captionNode.children).replace(/\n+/g, ' ') : '') || figureCaption || '';
  return {
    type: 'table',
    rows,
    ...(headerRow ? { headerRow: true } : {}),
    ...(headerColumn ? { headerColumn: true } : {}),
    ...(align.some(Boolean) ? { align } : {}),
    ...(caption ? { caption } : {}),
  };
}

const LANGUAGE_CLASS = /(?:^|\s)(?:language|lang)-([A-Za-z0-9+#._-]{1,40})(?:\s|$)/;

/** The language label: a data attribute (as written, "C++"), the block's own attribute, a class. */
function languageOf(nodes: HNode[], hint?: string): string | undefined {
  const usable = (value: string | undefined) => (value && /^[^\u0000-\u001f]{1,40}$/.test(value.trim()) && !/^(none|plain|text)$/i.test(value) ? value.trim() : undefined);
  for (const node of nodes) {
    const value = usable(node.attribs['data-language'] ?? node.attribs['data-lang']);
    if (value) return value;
  }
  if (usable(hint)) return usable(hint);
  for (const node of nodes) {
    const value = usable(LANGUAGE_CLASS.exec(node.attribs.class ?? '')?.[1]);
    if (value) return value;
  }
  return undefined;
}

/** Text of preformatted nodes exactly as shown: every space kept, `<br>` as a line break. */
function preText(nodes: readonly HNode[]): string {
  return nodes
    .map(function text(n): string {
      return n.type === 'text' ? n.data : n.type === 'tag' ? (n.name === 'br' ? '\n' : n.children.map(text).join('')) : '';
    })
    .join('');
}

/** Elements that carry meaning a code block cannot keep (highlighting spans carry none). */
const MEANINGFUL = new Set(['a', 'b', 'strong', 'em', 'i', 'u', 'mark', 'del', 's', 'sub', 'sup', 'img', 'abbr']);

/**
 * `<pre>` as a code block: with a `<code>` inside it is code (its language from
 * `language-x`, `lang-x` or `data-lang`), otherwise preformatted text (verse, ASCII art,
 * `wp-block-preformatted`). Links and emphasis inside are dropped with a note.
 */
export function codeBlock(pre: HNode, api: ConverterApi, languageHint?: string): CodeBlock | null {
  const codes = findAll(pre.children, (n) => n.name === 'code');
  const code = codes.length > 0 && !hasClass(pre, /^wp-block-(verse|preformatted)$/);
  // Browsers drop one newline right after <pre>; so do we, and trailing blank lines.
  let text = preText(pre.children).replace(/\r\n?/g, '\n').replace(/^\n/, '').replace(/\s+$/, '');
  if (!text.trim()) return null;
  const lost = findAll(pre.children, (n) => MEANINGFUL.has(n.name));
  if (lost.length) {
    const what = [...new Set(lost.map((n) => `<${n.name}>`))].join(', ');
    api.note('formatting in preformatted text dropped', `${what} inside preformatted text: the text is kept, the markup is not`, keepForReview(pre));
  }
  if (text.length > BODY_LIMITS.text) {
    api.note('code shortened', `a code block of ${text.length.toLocaleString('en')} characters was cut to ${BODY_LIMITS.text.toLocaleString('en')}`);
    text = text.slice(0, BODY_LIMITS.text);
  }
  const language = code ? languageOf([pre, ...codes], languageHint) : undefined;
  return { type: 'code', text, ...(language ? { language } : {}), ...(code ? {} : { preformatted: true }) };
}
