/**
 * Backup and export files on disk. Written to a temporary name beside the target,
 * flushed to disk and renamed, so a crash or a full disk never leaves a truncated file
 * under the name a restore will later trust. Lines are streamed through gzip with
 * back-pressure: a table of any size passes through without being held in memory.
 *
 * @example
 *   await writeLines('backup.jsonl.gz', generateLines(), { gzip: true });
 *   for await (const line of readLines('backup.jsonl.gz')) console.log(line);
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { BackupError } from './format.js';

const GZIP_MAGIC = [0x1f, 0x8b];

/** Writes every line (each ends with "\n") to `file`, or to `stream` when given one (stdout). */
export async function writeLines(target: string | Writable, lines: AsyncIterable<string>, options: { gzip: boolean }): Promise<void> {
  const source = Readable.from(lines, { objectMode: false });
  if (typeof target !== 'string') {
    await (options.gzip ? pipeline(source, createGzip(), target, { end: false }) : pipeline(source, target, { end: false }));
    return;
  }
  const path = resolve(target);
  const temporary = `${path}.partial-${process.pid}`;
  try {
    const out = createWriteStream(temporary, { mode: 0o600 });
    await (options.gzip ? pipeline(source, createGzip(), out) : pipeline(source, out));
    await syncFile(temporary);
    await rename(temporary, path);
    await syncFile(dirname(path)).catch(() => undefined); // the rename itself; not every filesystem allows it
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The file's lines, gunzipped if the file starts with the gzip magic bytes. */
export async function* readLines(file: string): AsyncGenerator<string> {
  const head = Buffer.alloc(2);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new BackupError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const raw = createReadStream(file);
  const gzipped = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  const input = gzipped ? raw.pipe(createGunzip()) : raw;
  // pipe() does not forward errors: a damaged gzip stream must fail the reader, not hang it.
  if (gzipped) raw.on('error', (error) => input.destroy(error));
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) yield line;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is damaged: ${(error as Error).message}`);
  } finally {
    lines.close();
    raw.destroy();
    if (input !== raw) {
      // A reader that stops early (the header) leaves gunzip with the rest of the file: a damaged
      // end would then be an error event nobody listens to, and crash the process.
      input.on('error', () => {});
      input.destroy();
    }
  }
}
