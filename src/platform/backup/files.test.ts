// Reading a backup line by line (files.ts): a reader that stops after the first line of a
// damaged gzip file must not leave an error behind that nobody listens to (it crashed the
// process: "unexpected end of file" from gunzip, after restore had read the header).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { readLines } from './files.js';
import { BackupError } from './format.js';

test('stopping after the first line of a cut gzip file leaves no stray error; reading on is a BackupError', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-lines-'));
  const stray: unknown[] = [];
  const onStray = (error: unknown) => stray.push(error);
  process.on('uncaughtException', onStray);
  try {
    // Text that does not compress, so the cut falls early in the stream.
    const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ n: i, text: randomBytes(60).toString('base64') }));
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, gzipSync(lines.join('\n')).subarray(0, 2000));
    for (let round = 0; round < 20; round++) {
      for await (const line of readLines(cut)) {
        assert.equal(JSON.parse(line).n, 0);
        break; // as restore reads the header
      }
      for (let i = 0; i < 20; i++) await tick();
    }
    await assert.rejects(async () => {
      for await (const line of readLines(cut)) void line;
    }, BackupError);
    assert.deepEqual(stray, []);
  } finally {
    process.off('uncaughtException', onStray);
    rmSync(dir, { recursive: true, force: true });
  }
});
