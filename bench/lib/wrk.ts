/**
 * Running wrk and reading its report. The parser accepts wrk 4.x text output (with or
 * without `--latency`) and turns every figure into plain numbers: milliseconds for time,
 * bytes for sizes, counts for requests. It never guesses: a report without
 * "Requests/sec" is an error that quotes what wrk printed.
 *
 * @example
 *   const result = await runWrk({ url: 'http://127.0.0.1:8080/', threads: 1, connections: 50, durationS: 8 });
 *   console.log(result.requestsPerSec, result.p50Ms, result.p99Ms);
 */
import { spawn } from 'node:child_process';
import { track } from './processes.js';

export interface WrkResult {
  url: string | null;
  threads: number | null;
  connections: number | null;
  /** Requests completed in the run. */
  requests: number;
  durationS: number;
  /** Bytes read over the whole run (headers and bodies). */
  bytesRead: number;
  requestsPerSec: number;
  /** Bytes per second. */
  transferPerSec: number;
  latency: { avgMs: number; stdevMs: number; maxMs: number } | null;
  /** Latency percentiles in milliseconds, keyed by percent ("50", "75", "90", "99"). */
  percentiles: Record<string, number>;
  p50Ms: number | null;
  p99Ms: number | null;
  errors: { connect: number; read: number; write: number; timeout: number };
  /** Responses whose status was neither 2xx nor 3xx. */
  non2xx3xx: number;
}

export class WrkParseError extends Error {
  constructor(message: string, readonly output: string) {
    super(`${message}\n--- wrk output ---\n${output.trim()}\n------------------`);
    this.name = 'WrkParseError';
  }
}

const TIME_TO_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const BINARY: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, P: 1024 ** 5 };

function number(text: string): number {
  const lower = text.toLowerCase();
  if (lower === 'nan' || lower === '-nan') return Number.NaN;
  if (lower === 'inf' || lower === '+inf') return Number.POSITIVE_INFINITY;
  if (lower === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** "635.91us", "1.20ms", "2.00s", "1.50m" → milliseconds. A bare number is taken as microseconds (wrk's base). */
export function parseTime(text: string): number {
  const match = /^(-?(?:\d+(?:\.\d*)?|\.\d+|nan|inf))(us|ms|s|m|h)?$/i.exec(text.trim());
  if (!match) throw new Error(`not a wrk time: ${JSON.stringify(text)}`);
  const unit = (match[2] ?? 'us').toLowerCase();
  return number(match[1]!) * TIME_TO_MS[unit]!;
}

/** "1.67GB", "512.00B", "209.44MB" → bytes (wrk uses powers of 1024). */
export function parseBytes(text: string): number {
  const match = /^(-?(?:\d+(?:\.\d*)?|\.\d+|nan|inf))\s*([KMGTP]?)i?B?$/i.exec(text.trim());
  if (!match) throw new Error(`not a wrk size: ${JSON.stringify(text)}`);
  return number(match[1]!) * BINARY[match[2]!.toUpperCase()]!;
}

/** Parses the text wrk prints. Throws `WrkParseError` if the essential figures are absent. */
export function parseWrk(output: string): WrkResult {
  const text = output.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');

  const head = /Running\s+\S+\s+test\s+@\s+(\S+)/.exec(text);
  const shape = /(\d+)\s+threads?\s+and\s+(\d+)\s+connections?/.exec(text);

  const rps = /^[ \t]*Requests\/sec:[ \t]*(\S+)[ \t]*$/m.exec(text);
  if (!rps) {
    const reason = /unable to connect[^\n]*/i.exec(text)?.[0] ?? 'no "Requests/sec" line';
    throw new WrkParseError(`wrk report not understood: ${reason}`, output);
  }
  const requestsPerSec = number(rps[1]!);
  if (!Number.isFinite(requestsPerSec)) throw new WrkParseError('wrk reported no valid request rate', output);

  const transfer = /^[ \t]*Transfer\/sec:[ \t]*(\S+)[ \t]*$/m.exec(text);
  const total = /^[ \t]*(\d+)[ \t]+requests[ \t]+in[ \t]+(\S+),[ \t]+(\S+)[ \t]+read[ \t]*$/m.exec(text);
  if (!total) throw new WrkParseError('wrk report has no "N requests in T, B read" line', output);

  let latency: WrkResult['latency'] = null;
  const latencyLine = /^[ \t]*Latency[ \t]+(\S+)[ \t]+(\S+)[ \t]+(\S+)[ \t]+\S+[ \t]*$/m.exec(text);
  if (latencyLine) {
    latency = { avgMs: parseTime(latencyLine[1]!), stdevMs: parseTime(latencyLine[2]!), maxMs: parseTime(latencyLine[3]!) };
  }

  const percentiles: Record<string, number> = {};
  const start = lines.findIndex((line) => /^\s*Latency Distribution\s*$/.test(line));
  if (start >= 0) {
    for (const line of lines.slice(start + 1)) {
      const match = /^\s*(\d+(?:\.\d+)?)%\s+(\S+)\s*$/.exec(line);
      if (!match) break;
      percentiles[String(Number(match[1]))] = parseTime(match[2]!);
    }
  }

  const socket = /Socket errors:\s*connect\s+(\d+),\s*read\s+(\d+),\s*write\s+(\d+),\s*timeout\s+(\d+)/.exec(text);
  const non2xx = /Non-2xx or 3xx responses:\s*(\d+)/.exec(text);

  return {
    url: head?.[1] ?? null,
    threads: shape ? Number(shape[1]) : null,
    connections: shape ? Number(shape[2]) : null,
    requests: Number(total[1]),
    durationS: parseTime(total[2]!) / 1000,
    bytesRead: parseBytes(total[3]!),
    requestsPerSec,
    transferPerSec: transfer ? parseBytes(transfer[1]!) : Number.NaN,
    latency,
    percentiles,
    p50Ms: percentiles['50'] ?? null,
    p99Ms: percentiles['99'] ?? null,
    errors: {
      connect: socket ? Number(socket[1]) : 0,
      read: socket ? Number(socket[2]) : 0,
      write: socket ? Number(socket[3]) : 0,
      timeout: socket ? Number(socket[4]) : 0,
    },
    non2xx3xx: non2xx ? Number(non2xx[1]) : 0,
  };
}

export interface WrkOptions {
  url: string;
  threads: number;
  connections: number;
  durationS: number;
  /** Extra headers, e.g. { 'Accept-Encoding': 'gzip' }. None by default: identity bodies. */
  headers?: Record<string, string>;
  /** Seconds after which a request counts as timed out (wrk's --timeout). */
  timeoutS?: number;
  /** A Lua script (e.g. one that POSTs), passed as `-s`. */
  script?: string;
  wrk?: string;
  /** Pins wrk to these CPUs (`taskset -c`), so that it and the server never share a core. */
  cpu?: string;
}

export function wrkArgs(options: WrkOptions): string[] {
  const args = ['-t', String(options.threads), '-c', String(options.connections), '-d', `${options.durationS}s`, '--latency'];
  if (options.timeoutS !== undefined) args.push('--timeout', `${options.timeoutS}s`);
  if (options.script) args.push('-s', options.script);
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}: ${value}`);
  args.push(options.url);
  return args;
}

/** Shell-quoted form of a command, for printing what was run. */
export function commandLine(program: string, args: readonly string[]): string {
  return [program, ...args].map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Runs wrk once, bounded in time (duration + 20 s), and parses its report. */
export function runWrk(options: WrkOptions): Promise<{ result: WrkResult; command: string; output: string }> {
  const wrk = options.wrk ?? 'wrk';
  const program = options.cpu ? 'taskset' : wrk;
  const args = options.cpu ? ['-c', options.cpu, wrk, ...wrkArgs(options)] : wrkArgs(options);
  const command = commandLine(program, args);
  return new Promise((resolve, reject) => {
    const child = track(spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] }), 'wrk');
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const limitMs = (options.durationS + 20) * 1000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not finish within ${limitMs / 1000} s`));
    }, limitMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const output = stdout + stderr;
      if (code !== 0) {
        reject(new Error(`${command} exited with ${code ?? signal}\n${output.trim()}`));
        return;
      }
      try {
        resolve({ result: parseWrk(output), command, output });
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}
