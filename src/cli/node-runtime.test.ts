// The Node 24 bootstrap (issue 13, scripts/node-runtime.mjs): on a Node older than 22 the
// project's scripts run again on the pinned Node 24 in .node/, saying so in one line; on a
// new enough Node they use it as it is. The old-Node case needs an old Node on the machine
// (CI's Debian Node 20 at /usr/bin/node, or BLATTWERK_OLD_NODE); without one it is skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const wrapper = join(root, 'scripts/with-node.mjs');

function versionOf(binary: string): string | undefined {
  const result = spawnSync(binary, ['-p', 'process.version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

const oldNode = [process.env.BLATTWERK_OLD_NODE, '/usr/bin/node'].find((candidate): candidate is string => {
  if (!candidate || !existsSync(candidate)) return false;
  const version = versionOf(candidate);
  return version !== undefined && Number(version.slice(1).split('.')[0]) < 22;
});

test('on Node 22 or newer the scripts use the running Node as it is', () => {
  const result = spawnSync(process.execPath, [wrapper, '-p', 'process.version'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.trim(), process.version);
  assert.doesNotMatch(result.stdout, /older than/);
});

test('on an older Node the scripts say so in one line and run on the pinned Node 24', { skip: oldNode ? false : 'no Node older than 22 on this machine' }, () => {
  const { PINNED_NODE } = JSON.parse(
    spawnSync(process.execPath, ['--input-type=module', '-e', "import('./scripts/node-runtime.mjs').then((m) => console.log(JSON.stringify({ PINNED_NODE: m.PINNED_NODE })))"], { cwd: root, encoding: 'utf8' }).stdout,
  ) as { PINNED_NODE: string };
  const result = spawnSync(oldNode as string, [wrapper, '-p', 'process.version + " " + process.execPath'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.trim().split('\n');
  assert.equal(lines.length, 2, result.stdout);
  assert.match(lines[0] ?? '', new RegExp(`older than 22: running on Node ${PINNED_NODE.replace(/\./g, '\\.')} from the npm registry in \\.node/`));
  assert.equal(lines[1], `v${PINNED_NODE} ${join(root, '.node', 'bin', 'node')}`);
});
