// Assets are compressed once and kept by content hash (assets.ts): what a later start reads
// back must be the same bytes, and must decompress to the file as it is now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { loadAssets, projectRoot } from './assets.js';

test('every compressible asset decompresses to its body, from a fresh start and from the kept copies', () => {
  const first = loadAssets();
  const again = loadAssets();
  const css = first.get(first.url('site.css'));
  assert.ok(css?.gzip && css.br, 'site.css is served compressed');
  assert.equal(gunzipSync(css.gzip).toString(), css.body.toString());
  assert.equal(brotliDecompressSync(css.br).toString(), css.body.toString());
  assert.deepEqual(again.get(again.url('site.css'))?.br, css.br);
});

test('a changed file gets fresh compression, never the copy kept for its old content', () => {
  // A project root of our own: the real assets folder copied, one stylesheet then changed.
  const root = mkdtempSync(join(tmpdir(), 'bw-assets-'));
  try {
    writeFileSync(join(root, 'package.json'), '{}');
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(join(projectRoot(), 'node_modules', '@fontsource'), join(root, 'node_modules', '@fontsource')); // the fonts
    cpSync(join(projectRoot(), 'src', 'site', 'assets'), join(root, 'src', 'site', 'assets'), { recursive: true });
    const before = loadAssets(root);
    const old = before.get(before.url('site.css'))!;
    writeFileSync(join(root, 'src', 'site', 'assets', 'site.css'), `${old.body.toString()}\n.geaendert { color: red }\n`);
    const after = loadAssets(root);
    const changed = after.get(after.url('site.css'))!;
    assert.notEqual(changed.url, old.url);
    assert.match(gunzipSync(changed.gzip!).toString(), /\.geaendert/);
    assert.match(brotliDecompressSync(changed.br!).toString(), /\.geaendert/);
    assert.ok(readdirSync(join(root, 'node_modules', '.cache', 'blattwerk-assets')).length >= 4, 'copies kept for both versions');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
