// `npm start`: build if the sources are newer than the build, then serve with demo content
// on first run at http://127.0.0.1:3000 from ./data (SQLite).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';
import { runOnSupportedNode } from './node-runtime.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// On Node 20 this fetches the pinned Node 24 into .node/ and runs this script again on it.
await runOnSupportedNode(root, fileURLToPath(import.meta.url));
ensureDependencies(root);

// admin ui (issue 4): the generated editor bundle is output, not a source to rebuild from.
const GENERATED = join(root, 'src/admin/ui/bundle');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (path === GENERATED) continue;
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const built = join(root, 'dist/cli/run.js');
if (!existsSync(built) || newest(join(root, 'src')) > statSync(built).mtimeMs) {
  console.log('Building …');
  const result = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
// admin ui (issue 4): the editor bundle is generated, not committed; build it if missing.
const { buildEditorBundle, editorBundleMissing } = await import('../src/admin/ui/build.mjs');
if (editorBundleMissing()) await buildEditorBundle();
const child = spawn(process.execPath, [built, 'serve', '--demo', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
