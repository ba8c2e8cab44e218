// The README's quick start: `npm start` builds, seeds demo content and serves. This runs the
// same script (with another port and data folder) and the type check the build relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';

const root = fileURLToPath(new URL('../..', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

test('the code and its tests type-check in strict mode', () => {
  const { bin } = JSON.parse(spawnSync(process.execPath, ['-p', "JSON.stringify(require('typescript/package.json'))"], { cwd: root, encoding: 'utf8' }).stdout) as { bin: { tsc: string } };
  // tsconfig.json builds the server (tests left out of dist/); tsconfig.test.json checks the tests too.
  for (const project of ['tsconfig.json', 'tsconfig.test.json']) {
    const result = spawnSync(process.execPath, [join(root, 'node_modules/typescript', bin.tsc), '--noEmit', '-p', project], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, `${project}:\n${result.stdout}${result.stderr}`);
  }
});

test('npm start builds, seeds the demo and serves the site', { timeout: 240_000 }, async () => {
  const data = mkdtempSync(join(tmpdir(), 'bw-start-'));
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs'), '--port', String(port), '--data', data, '--log-level', 'warn'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const started = Date.now();
    // The sign-in hint is printed right after the "running" line, and may arrive in a later
    // chunk of the pipe: wait for whichever hint comes, then check it is the sign-in.
    while (!output.includes('Blattwerk is running at') || !/Newsroom sign-in|Create a staff account/.test(output)) {
      if (child.exitCode !== null) assert.fail(`npm start exited early:\n${output}`);
      if (Date.now() - started > 200_000) assert.fail(`npm start did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(output, /Newsroom sign-in/);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /Lindenauer Blatt/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(data, { recursive: true, force: true });
  }
});
