// The four commands as users run them: `blattwerk backup|restore|export|import` in a
// child process, against a site that is running in this process (an online backup).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/index.js';
import { seedBusySite } from './fixture.js';
import { assertSameRows, dumpTables } from './compare.js';

const bin = fileURLToPath(new URL('../../../bin/blattwerk.js', import.meta.url));
let dir: string;
let site: App;

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BLATTWERK_LOG_LEVEL: 'silent', BLATTWERK_FROM_SOURCE: '1' },
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-backup-cli-'));
  site = await buildApp(loadConfig({ flags: { data: join(dir, 'site'), 'log-level': 'silent', workers: 'false' }, env: {} }));
  await seedBusySite(site.services);
});

after(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

test('backup, restore, export and import have --help and ask for their file', () => {
  for (const command of ['backup', 'restore', 'export', 'import']) {
    const help = run([command, '--help']);
    assert.equal(help.code, 0, command);
    assert.match(help.out, new RegExp(`Usage: blattwerk ${command}`));
    assert.match(help.out, /--data DIR/);
  }
  assert.match(run(['--help']).out, /backup +write a consistent backup/);
  for (const command of ['backup', 'restore', 'import']) {
    const bare = run([command]);
    assert.equal(bare.code, 1, command);
    assert.match(bare.err, new RegExp(`Usage: blattwerk ${command} FILE`));
  }
  const missing = run(['restore', join(dir, 'gibt-es-nicht.jsonl.gz'), '--data', join(dir, 'nowhere')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^blattwerk: Cannot read .*ENOENT/);
});

test('backup of the running site, restore into a new data folder: the same rows; a second restore is refused', async () => {
  const file = join(dir, 'site.jsonl.gz');
  const backup = run(['backup', file, '--data', join(dir, 'site')]);
  assert.equal(backup.code, 0, backup.err);
  assert.match(backup.out, /Backed up \d+ rows of \d+ tables \(sqlite\)/);
  const restore = run(['restore', file, '--data', join(dir, 'restored')]);
  assert.equal(restore.code, 0, restore.err);
  const restored = await openDatabase(`sqlite:${join(dir, 'restored', 'blattwerk.db')}`);
  try {
    assertSameRows(await dumpTables(restored), await dumpTables(site.services.database));
  } finally {
    await restored.close();
  }
  const again = run(['restore', file, '--data', join(dir, 'restored')]);
  assert.equal(again.code, 1);
  assert.match(again.err, /^blattwerk: The database is not empty/);
});

test('export to standard output, import twice: the second import adds nothing', () => {
  const exported = run(['export', '--data', join(dir, 'site')]);
  assert.equal(exported.code, 0, exported.err);
  assert.match(exported.err, /Exported 2 media, 2 authors, 2 tags, 25 articles, 1 pages, 205 comments, 1 subscribers\./);
  const file = join(dir, 'site.json');
  writeFileSync(file, exported.out);
  assert.equal(JSON.parse(exported.out).format, 'blattwerk-export');
  const first = run(['import', file, '--data', join(dir, 'imported')]);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /articles 25 new, 0 already there/);
  const second = run(['import', file, '--data', join(dir, 'imported')]);
  assert.equal(second.code, 0, second.err);
  assert.doesNotMatch(second.out, /[1-9]\d* new/);
  assert.match(second.out, /comments 0 new, 205 already there/);
});
