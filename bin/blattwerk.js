#!/usr/bin/env node
// Runs the compiled CLI; in a checkout without a build (or with BLATTWERK_FROM_SOURCE=1,
// as the tests do, so a stale build is never what they test) the TypeScript sources via tsx.
// Blattwerk needs Node 22.12 or newer: on an older Node it runs on the project's own Node 24
// in .node/, which `npm start` and `npm test` put there (scripts/node-runtime.mjs).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

if (Number(process.versions.node.split('.')[0]) < 22) {
  const own = fileURLToPath(new URL('../.node/bin/node', import.meta.url));
  if (!existsSync(own)) {
    console.error(`Blattwerk needs Node.js 22.12 or newer (this is ${process.version}). Run \`npm start\` once: it sets up Node 24 in .node/.`);
    process.exit(1);
  }
  const env = { ...process.env, PATH: `${dirname(own)}${delimiter}${process.env.PATH ?? ''}` };
  const child = spawn(own, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const compiled = new URL('../dist/cli/run.js', import.meta.url);
  if (existsSync(compiled) && process.env.BLATTWERK_FROM_SOURCE !== '1') {
    await import(compiled.href);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import(new URL('../src/cli/run.ts', import.meta.url).href);
  }
}
