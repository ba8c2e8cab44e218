// Builds the article editor's browser bundle with esbuild: client/main.browser.ts and
// everything it imports (TipTap, ProseMirror, markdown-it) as one minified ES module,
// written to src/admin/ui/bundle/editor.js, where platform/assets.ts serves it from
// under a content-hashed name. The folder is generated (git-ignored); scripts/build.mjs,
// scripts/start.mjs (when missing) and the admin UI tests call this.
//
//   node src/admin/ui/build.mjs      # or: import { buildEditorBundle } from './build.mjs'
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = new URL('.', import.meta.url);
export const BUNDLE_FILE = fileURLToPath(new URL('bundle/editor.js', here));
/** The media library page's own small script (uploads with progress), built beside it. */
export const MEDIA_BUNDLE_FILE = fileURLToPath(new URL('bundle/media.js', here));

/** True when a bundle has not been built yet. */
export function editorBundleMissing() {
  return !existsSync(BUNDLE_FILE) || !existsSync(MEDIA_BUNDLE_FILE);
}

/**
 * Builds the bundle; resolves when it is written.
 * @param {{ quiet?: boolean }} [options]
 */
export async function buildEditorBundle(options = {}) {
  // Imported here, not at the top: the server never loads esbuild, only builds do.
  const { build } = await import('esbuild');
  const started = Date.now();
  const result = await build({
    entryPoints: {
      editor: fileURLToPath(new URL('client/main.browser.ts', here)),
      media: fileURLToPath(new URL('client/library.browser.ts', here)),
    },
    outdir: dirname(BUNDLE_FILE),
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    minify: true,
    // Licence headers of the bundled libraries stay in the file we serve.
    legalComments: 'eof',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: options.quiet ? 'error' : 'warning',
  });
  // Written aside and renamed into place: a server or test starting meanwhile (test files
  // run in parallel) reads the old bundle or the new one, never half of one.
  mkdirSync(dirname(BUNDLE_FILE), { recursive: true });
  for (const output of result.outputFiles) {
    const temporary = `${output.path}.${process.pid}.tmp`;
    writeFileSync(temporary, output.contents);
    renameSync(temporary, output.path);
  }
  if (!options.quiet) console.log(`editor bundle built in ${Date.now() - started} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildEditorBundle();
}
