// Node.js 24 bootstrap (issue 13). Blattwerk needs Node 22.12 or newer (Fedify, better-sqlite3
// 13, Lighthouse 13). Many machines still come with Node 20, and the README's two commands
// (`npm start`, `npm test`) must stay the whole set-up there. So: on a Node older than 22 the
// scripts fetch a pinned Node 24 from the npm registry (the `node-<platform>-<arch>` packages
// hold bin/node and the C headers in include/node), unpack it into `.node/` (git-ignored),
// and run again on it. On Node 22 or newer nothing happens: the machine's Node is used.
// Only the npm registry is needed (nodejs.org is not): native modules are built against the
// headers in `.node/include/node` through npm_config_nodedir (see ensure-deps.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** The Node release fetched on old machines; bump together with the CI notes in the README. */
export const PINNED_NODE = '24.22.3';
/** The oldest Node the project runs on as it is (package.json engines say the same). */
export const MINIMUM_MAJOR = 22;

const major = (version) => Number(version.replace(/^v/, '').split('.')[0]);

/** Folder of the project's own Node (`ROOT/.node`). */
export const runtimeDir = (root) => join(root, '.node');

/**
 * The folder to hand node-gyp as `nodedir` for the Node running now: its install prefix when
 * that carries the headers (the project's `.node/`, or an official Node tarball), else none
 * (node-gyp then finds headers its usual way).
 */
export function headersDirFor(execPath = process.execPath) {
  const prefix = dirname(dirname(execPath));
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

/** The environment for a child that must run on the Node at `execPath`, npm and node-gyp included. */
export function environmentFor(execPath, base = process.env) {
  const env = { ...base, PATH: `${dirname(execPath)}${delimiter}${base.PATH ?? ''}` };
  const nodedir = headersDirFor(execPath);
  if (nodedir) env.npm_config_nodedir = nodedir;
  return env;
}

function installedVersion(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Puts the pinned Node into `ROOT/.node` unless it is there already; answers its `bin/node`. */
export function ensurePinnedNode(root) {
  const dir = runtimeDir(root);
  const binary = join(dir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (installedVersion(dir) === PINNED_NODE && existsSync(binary)) return binary;
  const pkg = `node-${process.platform}-${process.arch}@${PINNED_NODE}`;
  // Unpacked beside the final folder and renamed into place, so two commands started at once
  // (npm start and npm test) never see a half-written runtime.
  const staging = join(root, `.node-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const packed = spawnSync(npm, ['pack', pkg, '--silent', '--pack-destination', staging], { cwd: root, encoding: 'utf8' });
    const tarball = readdirSync(staging).find((name) => name.endsWith('.tgz'));
    if (packed.status !== 0 || !tarball) {
      throw new Error(`could not fetch ${pkg} from the npm registry: ${(packed.stderr || packed.stdout || '').trim()}`);
    }
    const unpack = spawnSync('tar', ['-xzf', join(staging, tarball), '-C', staging, '--strip-components=1',
      'package/package.json', 'package/bin', 'package/include'], { encoding: 'utf8' });
    if (unpack.status !== 0) throw new Error(`could not unpack ${tarball}: ${unpack.stderr.trim()}`);
    rmSync(join(staging, tarball), { force: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

/**
 * On a Node older than 22: fetch the pinned Node 24 if needed, say so in one line, run this
 * script again on it with the same arguments, and exit with its status (signals are passed
 * on). Answers only when the running Node is new enough.
 */
export async function runOnSupportedNode(root, script) {
  if (major(process.version) >= MINIMUM_MAJOR) return;
  let binary;
  try {
    binary = ensurePinnedNode(root);
  } catch (error) {
    console.error(`Node ${process.version} is older than ${MINIMUM_MAJOR}, and Node ${PINNED_NODE} could not be set up: ${error.message}`);
    process.exit(1);
  }
  console.log(`Node ${process.version} is older than ${MINIMUM_MAJOR}: running on Node ${PINNED_NODE} from the npm registry in .node/`);
  const child = spawn(binary, [script, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd(), env: environmentFor(binary) });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  await new Promise(() => {
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  });
}
