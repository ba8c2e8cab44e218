/**
 * Child processes and HTTP helpers for the benchmark. Every child is started in its own
 * process group (detached) and tracked, so that cleanup can end it and everything it
 * started (nginx's worker) by group id, on success, on error and on SIGINT/SIGTERM.
 * Nothing here ever signals a process the benchmark did not start.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const children = new Map<ChildProcess, string>();

export function track<T extends ChildProcess>(child: T, name: string): T {
  children.set(child, name);
  child.once('exit', () => children.delete(child));
  return child;
}

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Signals the child's process group (it was spawned detached), or the child alone. */
function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
      // already gone
    }
  }
}

/** Asks a child to stop (SIGTERM), and kills its group after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (alive(child)) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    signal(child, 'SIGTERM');
    const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
    if ((await Promise.race([exited, timer])) === 'late') {
      signal(child, 'SIGKILL');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    }
  }
  children.delete(child);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children.keys()].map((child) => stopChild(child)));
}

/** For `process.on('exit')`, where nothing asynchronous runs any more. */
export function killAllSync(): void {
  for (const child of children.keys()) signal(child, 'SIGKILL');
  children.clear();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The header block as sent (status line and headers, CRLFs included), in bytes. */
  headerBytes: number;
  body: Buffer;
}

/**
 * A plain GET on 127.0.0.1 without cookies that returns the exact bytes: identity unless
 * `encoding` names one to accept (the body is then left compressed, as wrk receives it).
 */
export function get(url: string, timeoutMs = 15_000, encoding: 'identity' | 'gzip' | 'br' = 'identity'): Promise<RawResponse> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') return Promise.reject(new Error(`refusing non-loopback URL ${url}`));
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: target.port, path: target.pathname + target.search, method: 'GET', headers: { host: target.host, ...(encoding === 'identity' ? {} : { 'accept-encoding': encoding }) }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const raw = res.rawHeaders;
          let headerBytes = Buffer.byteLength(`HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\r\n`) + 2;
          for (let i = 0; i + 1 < raw.length; i += 2) headerBytes += Buffer.byteLength(`${raw[i]}: ${raw[i + 1]}\r\n`);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, headerBytes, body: Buffer.concat(chunks) });
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Polls `url` until it answers (any status below 500), the child dies, or time runs out. */
export async function waitForHttp(url: string, options: { child?: ChildProcess; timeoutMs: number; describe?: () => string }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (options.child && !alive(options.child)) {
      throw new Error(`${children.get(options.child) ?? 'process'} exited (${options.child.exitCode ?? options.child.signalCode}) before ${url} answered${options.describe ? `\n${options.describe()}` : ''}`);
    }
    try {
      const response = await get(url, 2000);
      if (response.status < 500) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${options.timeoutMs / 1000} s (last: ${last})${options.describe ? `\n${options.describe()}` : ''}`);
}

/**
 * A temp folder for one benchmark run that goes away however the run ends: normal exit,
 * an exception, or Ctrl-C (servers are stopped first; a second signal kills at once).
 *
 * @example
 *   const temp = benchWorkspace('blattwerk-bench-', 'bench');
 */
export function benchWorkspace(prefix: string, label: string): string {
  const temp = mkdtempSync(join(tmpdir(), prefix));
  let cleaned = false;
  const remove = () => {
    if (cleaned) return;
    cleaned = true;
    rmSync(temp, { recursive: true, force: true });
  };
  process.on('exit', () => {
    killAllSync();
    remove();
  });
  let interrupted = false;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      if (interrupted) {
        killAllSync();
        process.exit(130);
      }
      interrupted = true;
      console.error(`\n${label}: ${sig}, stopping servers and removing ${temp} …`);
      void stopAll().finally(() => {
        remove();
        process.exit(sig === 'SIGINT' ? 130 : 143);
      });
    });
  }
  return temp;
}
