/**
 * Which kind of export a file is, from its first kilobytes, so that handing a Ghost JSON
 * file to the WordPress importer gets "this is a Ghost export; use `import ghost`" rather
 * than an XML parser's complaint about line 1.
 *
 * @example
 *   sniffFormat('export.xml'); // 'wordpress'
 *   assertFormat('ghost.json', 'wordpress'); // throws ImportFileError: … looks like a Ghost export (JSON) …
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { ImportFileError } from './errors.js';

export type ExportFormat = 'wordpress' | 'disqus' | 'ghost' | 'json' | 'xml' | 'empty' | 'unknown';

const NAMES: Record<ExportFormat, string> = {
  wordpress: 'a WordPress export (WXR)',
  disqus: 'a Disqus export (XML)',
  ghost: 'a Ghost export (JSON)',
  json: 'a JSON file, but not a Ghost export',
  xml: 'an XML file of another kind',
  empty: 'empty',
  unknown: 'neither XML nor JSON',
};

export function sniffFormat(file: string): ExportFormat {
  let head: string;
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(64 * 1024);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, read).toString('utf8').replace(/^\ufeff/, '');
  } catch (error) {
    throw new ImportFileError(basename(file), `cannot read the file: ${(error as Error).message}`);
  } finally {
    if (fd !== null) closeSync(fd);
  }
  const start = head.trimStart();
  if (!start) return 'empty';
  if (start.startsWith('{') || start.startsWith('[')) {
    return /"db"\s*:|"posts"\s*:|"meta"\s*:\s*\{[^}]*"exported_on"/.test(head) ? 'ghost' : 'json';
  }
  if (start.startsWith('<')) {
    if (/<disqus[\s>]/.test(head)) return 'disqus';
    if (/<rss[\s>]/.test(head) && /wordpress\.org\/export\//.test(head)) return 'wordpress';
    return 'xml';
  }
  return 'unknown';
}

const COMMANDS: Partial<Record<ExportFormat, string>> = { wordpress: 'wordpress', disqus: 'disqus', ghost: 'ghost' };

/** Throws a clear error unless the file is of the expected kind. */
export function assertFormat(file: string, expected: 'wordpress' | 'disqus' | 'ghost'): void {
  const found = sniffFormat(file);
  if (found === expected) return;
  const hint = COMMANDS[found] ? `; use "blattwerk import ${COMMANDS[found]}"` : '';
  throw new ImportFileError(basename(file), `this is not ${NAMES[expected]}: it looks ${found === 'empty' ? 'empty' : `like ${NAMES[found]}`}${hint}`);
}
