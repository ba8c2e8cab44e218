// Installs the locked dependencies when a fresh clone has none yet, so that `npm start` and
// `npm test` are the only two commands a new checkout needs; and rebuilds the native modules
// when node_modules was built for another Node (a clone first installed on Node 20, then run
// on the project's Node 24; see node-runtime.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentFor } from './node-runtime.mjs';

// Native modules built against one Node ABI (NODE_MODULE_VERSION). sharp and @node-rs/argon2
// use Node-API and run on every Node as they are.
const ABI_BOUND = ['better-sqlite3'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(root, args) {
  const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit', env: environmentFor(process.execPath) });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** True when every ABI-bound module loads in this Node. */
function nativeModulesLoad(root) {
  const probe = "new (require('better-sqlite3'))(':memory:').close()";
  return spawnSync(process.execPath, ['-e', probe], { cwd: root, stdio: 'ignore' }).status === 0;
}

export function ensureDependencies(root) {
  const marker = join(root, 'node_modules', '.blattwerk-node-abi');
  if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
    console.log(`Installing dependencies (npm ci) for Node ${process.version} …`);
    run(root, ['ci', '--no-audit', '--no-fund']);
  } else {
    const builtFor = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '';
    if (builtFor === process.versions.modules) return;
    if (!nativeModulesLoad(root)) {
      console.log(`Rebuilding native modules for Node ${process.version} (${ABI_BOUND.join(', ')}) …`);
      run(root, ['rebuild', ...ABI_BOUND]);
    }
  }
  writeFileSync(marker, `${process.versions.modules}\n`);
}
