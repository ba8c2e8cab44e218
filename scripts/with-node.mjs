// Runs `node ARGS…` on a supported Node: the machine's when it is 22 or newer, else the
// project's pinned Node 24 in .node/ (fetched on first use; node-runtime.mjs). The npm
// scripts besides start and test (benchmarks) go through it, so they work on a Node 20
// machine too.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';
import { runOnSupportedNode } from './node-runtime.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
await runOnSupportedNode(root, fileURLToPath(import.meta.url));
ensureDependencies(root);
const child = spawn(process.execPath, process.argv.slice(2), { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
