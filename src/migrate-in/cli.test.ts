// The command-line entry points as src/cli/index.ts will call them: help, usage errors,
// a dry run, a real run with a JSON report, a failing file, and the WXR export to a file.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImportCommand, runWxrExport, type Io } from './cli.js';
import { FIXTURES } from './testkit.js';

const dir = mkdtempSync(join(tmpdir(), 'bw-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function capture(tty = false): Io & { text(): { out: string; err: string } } {
  let out = '';
  let err = '';
  return {
    out: { write: (s: string) => ((out += s), true) },
    err: { write: (s: string) => ((err += s), true), isTTY: tty, columns: 100 },
    text: () => ({ out, err }),
  } as Io & { text(): { out: string; err: string } };
}

const data = ['--data', join(dir, 'data')];
const env = {};

test('--help and usage errors', async () => {
  const io = capture();
  assert.equal(await runImportCommand(['--help'], env, io), 0);
  assert.match(io.text().out, /Usage: blattwerk import wordpress FILE\.xml \[--media-dir DIR\]/);
  assert.match(io.text().out, /--dry-run/);
  const bad = capture();
  assert.equal(await runImportCommand(['joomla', 'x.xml'], env, bad), 2);
  assert.equal(await runImportCommand(['wordpress'], env, bad), 2);
  assert.equal(await runImportCommand(['wordpress', 'x.xml', '--unknown'], env, bad), 2);
  assert.match(bad.text().err, /Unknown option '--unknown'/);
  const exportHelp = capture();
  assert.equal(await runWxrExport(['--help'], env, exportHelp), 0);
  assert.match(exportHelp.text().out, /Usage: blattwerk export --format wordpress \[FILE\] --public-url URL/);
  assert.equal(await runWxrExport(['--format', 'json'], env, capture()), 2);
});

test('a dry run prints the report and writes nothing', async () => {
  const io = capture();
  assert.equal(await runImportCommand(['import', 'wordpress', join(FIXTURES, 'wordpress.xml'), '--dry-run', '--quiet', ...data], env, io), 0);
  assert.match(io.text().out, /^Dry run \(nothing was written\): wordpress from wordpress\.xml/);
  assert.match(io.text().out, /would import: .*7 articles/);
  const again = capture();
  assert.equal(await runImportCommand(['wordpress', join(FIXTURES, 'wordpress.xml'), '--dry-run', '--quiet', ...data], env, again), 0);
  assert.match(again.text().out, /would import: .*7 articles/, 'the first dry run left nothing behind');
  assert.ok(!existsSync(join(dir, 'data')), 'not even the data folder or the database file was created');
});

test('a real run with progress lines, a JSON report, then nothing new', async () => {
  const io = capture();
  const report = join(dir, 'report.json');
  assert.equal(await runImportCommand(['wordpress', join(FIXTURES, 'wordpress.xml'), '--report', report, ...data], env, io), 0);
  // Real figures in every line: share, size read, items or posts and comments, a rate.
  assert.match(io.text().err, /^WordPress, reading: 100% · [\d.]+ kB of [\d.]+ kB · \d+ items · [\d.]+ [kM]B\/s$/m, 'plain progress lines when not on a terminal');
  assert.match(io.text().err, /^WordPress, importing: 100% · [\d.]+ kB of [\d.]+ kB · 9 posts · \d+ comments · [\d.]+ [kM]B\/s$/m);
  assert.doesNotMatch(io.text().err, / · {2}· |· 0\/s/, 'no empty figures'); 
  assert.match(io.text().out, /Import finished: wordpress/);
  const json = JSON.parse(readFileSync(report, 'utf8'));
  assert.equal(json.added.articles, 7);
  assert.equal(json.review.notes.length, json.review.count, 'every note is in the report file');
  assert.equal(Object.values(json.review.kinds as Record<string, { count: number }>).reduce((n, k) => n + k.count, 0), json.review.count);
  for (const [kind, { count }] of Object.entries(json.review.kinds as Record<string, { count: number }>)) {
    assert.ok(io.text().out.includes(`${count} × ${kind}`), `the terminal lists every kind with its count: ${kind}`);
  }
  const second = capture();
  assert.equal(await runImportCommand(['wordpress', join(FIXTURES, 'wordpress.xml'), '--quiet', ...data], env, second), 0);
  assert.match(second.text().out, /imported: nothing/);
});

test('on a terminal the progress line redraws in place', async () => {
  const io = capture(true);
  assert.equal(await runImportCommand(['disqus', join(FIXTURES, 'disqus.xml'), ...data], env, io), 0);
  assert.match(io.text().err, /\r\u001b\[2KDisqus, importing \[#+-*\] \d+(\.\d)?% · [\d.]+ kB of [\d.]+ kB · \d+ comments · [\d.]+ [kM]B\/s/);
});

test('Ghost and Disqus progress lines end on their real last figures, not on a stale share', async () => {
  const io = capture();
  const own = ['--data', join(dir, 'data-progress')];
  assert.equal(await runImportCommand(['ghost', join(FIXTURES, 'ghost.json'), '--site-url', 'https://ghost.example.org', ...own], env, io), 0);
  const lines = io.text().err.split('\n').filter((l) => l.startsWith('Ghost, importing'));
  assert.match(lines.at(-1) ?? '', /^Ghost, importing: 100% · (\d+) of \1 · \d+ posts and pages added · \d+\/s$/);
  const disqus = capture();
  assert.equal(await runImportCommand(['disqus', join(FIXTURES, 'disqus.xml'), ...own], env, disqus), 0);
  assert.match(disqus.text().err.trim().split('\n').at(-1) ?? '', /^Disqus, importing: 100% · [\d.]+ kB of [\d.]+ kB · \d+ comments · [\d.]+ [kM]B\/s$/);
});

test('a broken file: exit code 1, the line, and the promise that nothing was written', async () => {
  const io = capture();
  assert.equal(await runImportCommand(['wordpress', join(FIXTURES, 'malformed.xml'), '--quiet', ...data], env, io), 1);
  assert.match(io.text().err, /blattwerk import: malformed\.xml: line 18, column \d+: unexpected close tag/);
  assert.match(io.text().err, /Nothing was imported/);
  const ghost = capture();
  writeFileSync(join(dir, 'wrong.json'), '{"hello": "world"}');
  assert.equal(await runImportCommand(['ghost', join(dir, 'wrong.json'), '--quiet', ...data], env, ghost), 1);
  assert.match(ghost.text().err, /not a Ghost export/);
});

test('export --format wordpress refuses to guess the public address', async () => {
  const io = capture();
  const file = join(dir, 'guessed.xml');
  assert.equal(await runWxrExport(['--format', 'wordpress', file, ...data], env, io), 2);
  assert.match(io.text().err, /needs this site's public address .*--public-url/);
  assert.ok(!existsSync(file) && !existsSync(`${file}.partial`), 'nothing was written');
  assert.equal(await runWxrExport(['--format', 'wordpress', file, ...data], { BLATTWERK_PUBLIC_URL: 'https://zeitung.example' }, capture()), 0, 'the setting will do');
  assert.match(readFileSync(file, 'utf8'), /<wp:base_site_url>https:\/\/zeitung\.example<\/wp:base_site_url>/);
});

test('export --format wordpress writes a file WordPress can read', async () => {
  const io = capture();
  const file = join(dir, 'site.xml');
  assert.equal(await runWxrExport(['--format', 'wordpress', file, '--public-url', 'https://stadtblatt.example', ...data], env, io), 0);
  assert.match(io.text().err, /Exported 7 articles, 2 pages, 1[0-9] comments/);
  assert.ok(!existsSync(`${file}.partial`));
  assert.match(readFileSync(file, 'utf8'), /<wp:wxr_version>1\.2<\/wp:wxr_version>/);
});
