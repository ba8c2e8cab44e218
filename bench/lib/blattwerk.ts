/**
 * Blattwerk as a child process (`node bin/blattwerk.js serve …`), so the load generator and
 * the server never share an event loop. Output goes to a log file in the temp folder and
 * is quoted when the server fails to come up.
 *
 * @example
 *   const server = await startBlattwerk({ root, dataDir, port, demo: true, pageCache: true, logFile });
 *   await server.stop();
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stopChild, track, waitForHttp } from './processes.js';

export interface BlattwerkOptions {
  /** The checkout's root (holds bin/blattwerk.js). */
  root: string;
  dataDir: string;
  port: number;
  demo: boolean;
  pageCache: boolean;
  logFile: string;
  /** Boot (and demo seeding) may take a while when running from TypeScript sources. */
  startTimeoutMs?: number;
  /** Extra environment (e.g. BLATTWERK_RATE_LIMITS=off for the write benchmarks). */
  env?: Record<string, string>;
  /** Pins the server (and its worker threads) to these CPUs (`taskset -c`). */
  cpu?: string;
  /** Extra arguments to `serve` (e.g. `--processes 2`). */
  args?: string[];
}

export interface Blattwerk {
  url: string;
  child: ChildProcess;
  command: string;
  stop(): Promise<void>;
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

const built = new Set<string>();

/**
 * Compiles the checkout once per benchmark run: `bin/blattwerk.js` runs `dist/` when it
 * exists, and a `dist/` older than the sources would be timed instead of the code at hand.
 */
export function buildOnce(root: string): void {
  if (built.has(root)) return;
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    // Type errors still emit JavaScript; only a build that wrote nothing cannot be measured.
    const entry = join(root, 'dist', 'cli', 'run.js');
    if (!existsSync(entry) || statSync(entry).mtimeMs < started) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
    console.warn(`bench: the build reported type errors (${root}); measuring the JavaScript it emitted`);
  }
  built.add(root);
}

export async function startBlattwerk(options: BlattwerkOptions): Promise<Blattwerk> {
  buildOnce(options.root);
  const args = [
    join(options.root, 'bin', 'blattwerk.js'),
    'serve',
    ...(options.demo ? ['--demo'] : []),
    '--data', options.dataDir,
    '--host', '127.0.0.1',
    '--port', String(options.port),
    '--log-level', 'warn',
    ...(options.args ?? []),
  ];
  const log = openSync(options.logFile, 'a');
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Settings meant for the benchmark's own shell must not reach the server; the server runs
  // the fresh build, never the sources through tsx.
  for (const name of ['BLATTWERK_PORT', 'BLATTWERK_HOST', 'BLATTWERK_DATA', 'BLATTWERK_DATABASE_URL', 'BLATTWERK_CONFIG', 'BLATTWERK_PUBLIC_URL', 'BLATTWERK_FROM_SOURCE', 'NODE_OPTIONS']) delete env[name];
  Object.assign(env, { BLATTWERK_PAGE_CACHE: options.pageCache ? 'true' : 'false', NODE_ENV: 'production' }, options.env);
  const child = track(
    options.cpu
      ? spawn('taskset', ['-c', options.cpu, process.execPath, ...args], { cwd: options.root, env, stdio: ['ignore', log, log], detached: true })
      : spawn(process.execPath, args, { cwd: options.root, env, stdio: ['ignore', log, log], detached: true }),
    `blattwerk (page cache ${options.pageCache ? 'on' : 'off'})`,
  );
  closeSync(log);
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForHttp(`${url}/healthz`, {
      child,
      timeoutMs: options.startTimeoutMs ?? 180_000,
      describe: () => `--- ${options.logFile} ---\n${tail(options.logFile)}`,
    });
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const extra = Object.entries(options.env ?? {}).map(([name, value]) => `${name}=${/\s/.test(value) ? `'${value}'` : value} `).join('');
  const command = `${extra}BLATTWERK_PAGE_CACHE=${options.pageCache} ${options.cpu ? `taskset -c ${options.cpu} ` : ''}node bin/blattwerk.js ${args.slice(1).join(' ')}`;
  return { url, child, command, stop: () => stopChild(child) };
}

export { tail as logTail };
