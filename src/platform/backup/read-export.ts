/**
 * Reads an export document as a stream of events. Files written by `exportSite` have one
 * item per line and are read line by line, in constant memory; any other valid JSON of
 * the same shape (pretty-printed, hand-made, reordered) is parsed whole instead.
 *
 * @example
 *   for await (const event of readExport('site.json')) {
 *     if (event.kind === 'item') console.log(event.section, event.index);
 *   }
 */
import { EXPORT_FORMAT, EXPORT_VERSION, SECTIONS, type ExportHeader, type Section } from './document.js';
import { readLines } from './files.js';
import { ImportError } from './validate.js';

export type ExportEvent =
  | { kind: 'header'; header: ExportHeader }
  | { kind: 'settings'; settings: Record<string, unknown> }
  | { kind: 'item'; section: Section; index: number; item: unknown };

const START = /^\{"format":"blattwerk-export",.*,$/;
const SETTINGS = /^"settings":(\{.*\}),$/;
const SECTION = /^"([a-z]+)":\[$/;

export async function* readExport(file: string): AsyncGenerator<ExportEvent> {
  const lines = readLines(file);
  const first = await lines.next();
  if (first.done) throw new ImportError(`${file} is empty.`);
  if (!START.test(first.value)) {
    await lines.return(undefined);
    yield* wholeDocument(file);
    return;
  }
  yield { kind: 'header', header: checkHeader(parse(`${first.value.slice(0, -1)}}`, 1)) };
  let section: Section | null = null;
  let index = 0;
  let number = 1;
  let ended = false;
  for await (const line of lines) {
    number++;
    if (ended) throw new ImportError(`line ${number}: text after the end of the document`);
    const settings = section === null ? SETTINGS.exec(line) : null;
    const start = section === null ? SECTION.exec(line) : null;
    if (settings) {
      yield { kind: 'settings', settings: parse(settings[1]!, number) as Record<string, unknown> };
    } else if (start) {
      if (!(SECTIONS as readonly string[]).includes(start[1]!)) throw new ImportError(`line ${number}: unknown section "${start[1]}"`);
      section = start[1] as Section;
      index = 0;
    } else if (section !== null && (line === '],' || line === ']}')) {
      section = null;
      ended = line === ']}';
    } else if (section !== null) {
      yield { kind: 'item', section, index: index++, item: parse(line.endsWith(',') ? line.slice(0, -1) : line, number) };
    } else {
      throw new ImportError(`line ${number}: unexpected text`);
    }
  }
  if (!ended) throw new ImportError('The export is incomplete (it ends before the document does): nothing was imported.');
}

async function* wholeDocument(file: string): AsyncGenerator<ExportEvent> {
  let text = '';
  for await (const line of readLines(file)) text += `${line}\n`;
  const doc = parse(text, 0) as Record<string, unknown>;
  if (typeof doc !== 'object' || doc === null) throw new ImportError(`${file} is not a Blattwerk export.`);
  yield { kind: 'header', header: checkHeader(doc) };
  if (doc.settings !== undefined) yield { kind: 'settings', settings: doc.settings as Record<string, unknown> };
  for (const section of SECTIONS) {
    const items = doc[section] ?? [];
    if (!Array.isArray(items)) throw new ImportError(`"${section}" must be an array`);
    for (const [index, item] of items.entries()) yield { kind: 'item', section, index, item };
  }
}

function checkHeader(value: unknown): ExportHeader {
  const header = value as Partial<ExportHeader>;
  if (header?.format !== EXPORT_FORMAT) throw new ImportError('This is not a Blattwerk export (no "format": "blattwerk-export").');
  if (header.version !== EXPORT_VERSION) throw new ImportError(`Export version ${header.version} is not supported (this Blattwerk reads ${EXPORT_VERSION}).`);
  return header as ExportHeader;
}

function parse(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ImportError(line ? `line ${line} is not valid JSON` : 'The file is not valid JSON.');
  }
}
