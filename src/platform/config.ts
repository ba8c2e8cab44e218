/**
 * Typed configuration, validated once at boot. Precedence: command-line flags, then
 * `BLATTWERK_*` environment variables, then a JSON config file (`--config FILE`,
 * `BLATTWERK_CONFIG`, or `<data>/blattwerk.json` when present). A bad value stops the
 * process with a `ConfigError` that names the setting.
 *
 * @example
 *   const config = loadConfig({ flags: { port: '8080' }, env: process.env });
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve, join } from 'node:path';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  publicUrl: string;
  smtpUrl: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Trust X-Forwarded-* from a proxy in front (nginx). */
  trustProxy: boolean;
  /** Serve anonymous pages from the in-memory page cache. */
  pageCache: boolean;
  /** Run the scheduler and job workers in this process. */
  workers: boolean;
  /**
   * Render threads (platform/threads.ts): cache misses, search and every other GET are
   * rendered off the event loop that answers cached pages. 0: render on it (tests).
   */
  renderThreads: number;
  /** Processes sharing the port and the database (`serve --processes N`, node:cluster). */
  processes: number;
  /** Bearer token for /metrics; without one the endpoint is off. */
  metricsToken: string | null;
  /**
   * Key for IBANs at rest (funding/crypto.ts): 32 bytes as 64 hex digits or base64. Null
   * derives one from the site secret, which is only good enough for a demo.
   */
  fundingKey: string | null;
  /** Federation (issue 13): on whatever the site setting says (`--federation`, BLATTWERK_FEDERATION=on). */
  federation: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`Invalid setting "${setting}": ${message}`);
    this.name = 'ConfigError';
  }
}

type Raw = Record<string, string | number | boolean | undefined>;

const KEYS: Record<keyof Config, string> = {
  host: 'HOST',
  port: 'PORT',
  dataDir: 'DATA',
  databaseUrl: 'DATABASE_URL',
  publicUrl: 'PUBLIC_URL',
  smtpUrl: 'SMTP_URL',
  logLevel: 'LOG_LEVEL',
  trustProxy: 'TRUST_PROXY',
  pageCache: 'PAGE_CACHE',
  workers: 'WORKERS',
  renderThreads: 'RENDER_THREADS',
  processes: 'PROCESSES',
  metricsToken: 'METRICS_TOKEN',
  fundingKey: 'FUNDING_KEY',
  federation: 'FEDERATION',
};

const FLAG_NAMES: Record<string, keyof Config> = {
  host: 'host',
  port: 'port',
  data: 'dataDir',
  'database-url': 'databaseUrl',
  'public-url': 'publicUrl',
  'smtp-url': 'smtpUrl',
  'log-level': 'logLevel',
  'trust-proxy': 'trustProxy',
  'page-cache': 'pageCache',
  workers: 'workers',
  'render-threads': 'renderThreads',
  processes: 'processes',
  'metrics-token': 'metricsToken',
  'funding-key': 'fundingKey',
  federation: 'federation',
};

export interface ConfigSources {
  flags?: Record<string, string | boolean | undefined>;
  env?: NodeJS.ProcessEnv;
}

export function loadConfig(sources: ConfigSources = {}): Config {
  const flags = sources.flags ?? {};
  const env = sources.env ?? {};
  const fromFlags: Raw = {};
  for (const [flag, key] of Object.entries(FLAG_NAMES)) {
    if (flags[flag] !== undefined) fromFlags[key] = flags[flag];
  }
  const fromEnv: Raw = {};
  for (const [key, suffix] of Object.entries(KEYS)) {
    const value = env[`BLATTWERK_${suffix}`];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const dataDir = String(fromFlags.dataDir ?? fromEnv.dataDir ?? './data');
  const fromFile = readConfigFile(
    (flags.config as string | undefined) ?? env.BLATTWERK_CONFIG,
    join(dataDir, 'blattwerk.json'),
  );
  const merged: Raw = { ...fromFile, ...fromEnv, ...fromFlags };
  return validate(merged);
}

function readConfigFile(explicit: string | undefined, fallback: string): Raw {
  const path = explicit ?? (existsSync(fallback) ? fallback : undefined);
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('config', `cannot read config file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('config', `config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError('config', `config file ${path} must contain a JSON object`);
  }
  const known = new Set(Object.keys(KEYS));
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) throw new ConfigError(key, `unknown setting in ${path} (known: ${[...known].join(', ')})`);
  }
  return parsed as Raw;
}

function bool(setting: string, value: string | number | boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  throw new ConfigError(setting, `expected true or false, got "${value}"`);
}

function validate(raw: Raw): Config {
  const port = Number(raw.port ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('port', `expected a whole number from 0 to 65535, got "${raw.port}"`);
  }
  const dataDir = resolve(String(raw.dataDir ?? './data'));
  const databaseUrl = String(raw.databaseUrl ?? `sqlite:${join(dataDir, 'blattwerk.db')}`);
  if (!/^sqlite:.+/.test(databaseUrl) && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    throw new ConfigError('databaseUrl', `expected sqlite:FILE or postgres://…, got "${databaseUrl}"`);
  }
  if (databaseUrl.startsWith('postgres')) {
    try {
      new URL(databaseUrl);
    } catch {
      throw new ConfigError('databaseUrl', 'not a valid postgres:// URL');
    }
  }
  const host = String(raw.host ?? '127.0.0.1');
  const publicUrl = String(raw.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  let parsedPublic: URL;
  try {
    parsedPublic = new URL(publicUrl);
  } catch {
    throw new ConfigError('publicUrl', `expected an absolute http(s) URL, got "${publicUrl}"`);
  }
  if (!/^https?:$/.test(parsedPublic.protocol)) {
    throw new ConfigError('publicUrl', `expected an http or https URL, got "${publicUrl}"`);
  }
  const smtpUrl = raw.smtpUrl === undefined ? null : String(raw.smtpUrl);
  if (smtpUrl !== null && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new ConfigError('smtpUrl', `expected smtp://user:pass@host:port, got "${smtpUrl}"`);
  }
  const logLevel = String(raw.logLevel ?? 'info');
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
  if (!(levels as readonly string[]).includes(logLevel)) {
    throw new ConfigError('logLevel', `expected one of ${levels.join(', ')}, got "${logLevel}"`);
  }
  const fundingKey = raw.fundingKey === undefined || raw.fundingKey === '' ? null : String(raw.fundingKey).trim();
  if (fundingKey !== null && !/^[0-9a-fA-F]{64}$/.test(fundingKey) && Buffer.from(fundingKey, 'base64').length !== 32) {
    throw new ConfigError('fundingKey', 'expected 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -hex 32`)');
  }
  return {
    host,
    port,
    dataDir,
    databaseUrl,
    publicUrl: parsedPublic.origin + parsedPublic.pathname.replace(/\/+$/, ''),
    smtpUrl,
    logLevel: logLevel as Config['logLevel'],
    trustProxy: bool('trustProxy', raw.trustProxy, false),
    pageCache: bool('pageCache', raw.pageCache, true),
    workers: bool('workers', raw.workers, true),
    renderThreads: count('renderThreads', raw.renderThreads, 0, 64),
    processes: count('processes', raw.processes, 1, 256),
    metricsToken: raw.metricsToken === undefined || raw.metricsToken === '' ? null : String(raw.metricsToken),
    fundingKey,
    federation: bool('federation', raw.federation, false),
  };
}

function count(setting: string, value: string | number | boolean | undefined, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new ConfigError(setting, `expected a whole number from 0 to ${max}, got "${String(value)}"`);
  return n;
}
