/**
 * Reads a large XML file as a stream and hands over one record at a time (a WordPress
 * `<item>`, a Disqus `<post>`) as a small tree, so memory depends on the largest record,
 * not on the file: a 2 GB export is read in 1 MB slices.
 *
 * Hostile input: saxes expands no entities beyond XML's five and character references,
 * so external entities (XXE) and "billion laughs" cannot be expanded; a DOCTYPE that
 * declares entities is refused outright with its line, because no export we read has one.
 * A record larger than `maxRecordChars` is refused too, so one giant element cannot
 * exhaust memory. Control characters that XML forbids (WordPress exports often contain
 * them) are removed before parsing and counted.
 *
 * @example
 *   await streamXml({ file, recordDepth: 2, onRoot: checkRoot, onRecord: async (node) => { … } });
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { SaxesParser } from 'saxes';
import { ImportFileError } from './errors.js';
import { own } from './own.js';

export interface XNode {
  name: string;
  attrs: Record<string, string>;
  /** Text and CDATA directly inside this element. */
  text: string;
  children: XNode[];
  /** Line of the start tag, for error messages. */
  line: number;
}

export interface StreamOptions {
  file: string;
  /** Elements at this depth (root = 0) are handed over as records. */
  recordDepth: number;
  /** The root element's name and attributes: the place to refuse a file of the wrong kind. */
  onRoot?(name: string, attrs: Record<string, string>): void;
  onRecord(node: XNode): Promise<void> | void;
  onProgress?(bytesRead: number, totalBytes: number): void;
  maxRecordChars?: number;
}

const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const DEFAULT_MAX_RECORD = 64 * 1024 * 1024;

export function child(node: XNode, name: string): XNode | undefined {
  return node.children.find((c) => c.name === name);
}

/** The text of a named child, trimmed; '' when there is none. */
export function childText(node: XNode, name: string): string {
  return (child(node, name)?.text ?? '').trim();
}

export function childrenNamed(node: XNode, name: string): XNode[] {
  return node.children.filter((c) => c.name === name);
}

export interface StreamResult {
  /** Forbidden control characters removed. */
  removedControls: number;
  bytes: number;
}

/** A record's strings copied out of the 1 MB slices they were parsed from (see own.ts). */
function detach(node: XNode): XNode {
  node.text = own(node.text);
  for (const key of Object.keys(node.attrs)) node.attrs[key] = own(node.attrs[key]!);
  for (const child of node.children) detach(child);
  return node;
}

export async function streamXml(options: StreamOptions): Promise<StreamResult> {
  const name = basename(options.file);
  const total = statSync(options.file).size;
  const max = options.maxRecordChars ?? DEFAULT_MAX_RECORD;
  const parser = new SaxesParser({ position: true });
  const stack: XNode[] = [];
  const done: XNode[] = [];
  let recordChars = 0;
  let removedControls = 0;
  let rootSeen = false;

  const fail = (detail: string, line = parser.line, column = parser.column): never => {
    throw new ImportFileError(name, `line ${line}, column ${column}: ${detail}`);
  };
  const addText = (text: string) => {
    const top = stack[stack.length - 1];
    if (!top || stack.length <= options.recordDepth) return;
    recordChars += text.length;
    if (recordChars > max) fail(`one element is larger than ${Math.round(max / 1048576)} MB; refusing to hold it in memory`);
    top.text += text;
  };

  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      fail('the file declares its own XML entities (<!ENTITY …>), which no export does; refused (XML external entity or entity expansion attack)');
    }
  });
  parser.on('opentag', (tag) => {
    const attrs = tag.attributes as Record<string, string>;
    if (!rootSeen) {
      rootSeen = true;
      options.onRoot?.(tag.name, attrs);
    }
    const node: XNode = { name: tag.name, attrs, text: '', children: [], line: parser.line };
    if (stack.length > options.recordDepth) stack[stack.length - 1]!.children.push(node);
    if (stack.length === options.recordDepth) recordChars = 0;
    stack.push(node);
  });
  parser.on('closetag', () => {
    const node = stack.pop();
    if (node && stack.length === options.recordDepth) done.push(detach(node));
  });
  parser.on('text', addText);
  parser.on('cdata', addText);

  const feed = (write: () => void) => {
    try {
      write();
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      const message = (error as Error).message;
      const at = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(message);
      if (at) fail(at[3]!.replace(/\.$/, ''), Number(at[1]), Number(at[2]));
      fail(message);
    }
  };
  const drain = async () => {
    while (done.length) await options.onRecord(done.shift()!);
  };

  const stream = createReadStream(options.file, { highWaterMark: 1 << 20 });
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const clean = chunk.replace(FORBIDDEN, () => {
        removedControls++;
        return '';
      });
      feed(() => parser.write(clean));
      await drain();
      options.onProgress?.(stream.bytesRead, total);
    }
    if (!rootSeen) fail('the file is empty or holds no XML element', 1, 1);
    feed(() => parser.close());
    await drain();
  } finally {
    stream.destroy();
  }
  return { removedControls, bytes: total };
}
