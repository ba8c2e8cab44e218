#!/usr/bin/env node
// Runs the compiled CLI; in a checkout without a build (or with BLATTWERK_FROM_SOURCE=1,
// as the tests do, so a stale build is never what they test) the TypeScript sources via tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/run.js', import.meta.url);
if (existsSync(compiled) && process.env.BLATTWERK_FROM_SOURCE !== '1') {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/run.ts', import.meta.url).href);
}
