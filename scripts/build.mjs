// Compiles src/ to dist/ with the TypeScript compiler (its own bin, found via package.json),
// after building the article editor's browser bundle.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url);
const manifest = require.resolve('typescript/package.json');
const { bin } = require('typescript/package.json');
const tsc = join(dirname(manifest), typeof bin === 'string' ? bin : bin.tsc);
// admin ui (issue 4): the editor's browser bundle first, so dist/ ends up the newest
// output and `npm start` does not take the bundle for a change to rebuild from.
const { buildEditorBundle } = await import('../src/admin/ui/build.mjs');
await buildEditorBundle();
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
