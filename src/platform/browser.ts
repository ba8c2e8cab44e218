/**
 * Debian's Chromium for browser journeys and audits, never a downloaded browser. Tests ask
 * `browserSkip()` whether to run: without Chromium they are skipped with a message that
 * says why, unless `BLATTWERK_REQUIRE_BROWSER=1` (CI), where they run and fail loudly.
 * Every launch uses the same flags (headless, no sandbox, no background traffic) and a
 * fresh profile, so a run neither phones home nor inherits state.
 *
 * @example
 *   test('home page', { skip: browserSkip() }, async () => {
 *     const browser = await launchBrowser();
 *     try { const page = await browser.newPage(); await page.goto(url); } finally { await browser.close(); }
 *   });
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright-core';

/** The flags every Chromium we start gets; the profile folder is added per launch. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `BLATTWERK_CHROMIUM`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.BLATTWERK_CHROMIUM || '/usr/bin/chromium';
}

export function browserRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BLATTWERK_REQUIRE_BROWSER === '1';
}

/** True when the Chromium binary exists and may be executed. */
export function browserAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    accessSync(chromiumPath(env), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The `skip` option for a browser test: a reason when Chromium is missing, else false.
 * With `BLATTWERK_REQUIRE_BROWSER=1` it never skips, so the launch fails the test instead.
 */
export function browserSkip(env: NodeJS.ProcessEnv = process.env): string | false {
  if (browserAvailable(env) || browserRequired(env)) return false;
  return `Chromium not found at ${chromiumPath(env)} (install Debian's chromium or set BLATTWERK_CHROMIUM; BLATTWERK_REQUIRE_BROWSER=1 makes this a failure)`;
}

function assertAvailable(env: NodeJS.ProcessEnv): void {
  if (!browserAvailable(env)) {
    throw new Error(`Chromium is required (BLATTWERK_REQUIRE_BROWSER=1) but not executable at ${chromiumPath(env)}`);
  }
}

/**
 * Starts Chromium through playwright-core. Playwright gives every launch a fresh temporary
 * profile (its own `--user-data-dir`) and removes it on close.
 */
export async function launchBrowser(options: Omit<LaunchOptions, 'executablePath'> = {}): Promise<Browser> {
  assertAvailable(process.env);
  return chromium.launch({
    headless: true,
    ...options,
    executablePath: chromiumPath(),
    args: [...CHROMIUM_FLAGS, ...(options.args ?? [])],
  });
}

/**
 * Keeps a browser context on the site under test: every request to another origin is
 * refused (and reported to `offsite`, when given), so a test also shows that a page loads
 * nothing from third parties.
 *
 * @example
 *   const offsite: string[] = [];
 *   await keepOnSite(context, site.baseUrl, (url) => offsite.push(url));
 */
export async function keepOnSite(context: BrowserContext, baseUrl: string, offsite?: (url: string) => void): Promise<void> {
  const origin = new URL(baseUrl).origin;
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      offsite?.(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
}

export interface DebuggableChromium {
  /** The DevTools port, for tools that drive Chromium themselves (Lighthouse). */
  port: number;
  close(): Promise<void>;
}

/**
 * Starts Chromium with a DevTools port of its own choosing and a fresh profile folder, for
 * tools that connect by port. Resolves once Chromium prints where it listens.
 *
 * @example
 *   const chrome = await launchDebuggableChromium();
 *   try { await lighthouse(url, { port: chrome.port }); } finally { await chrome.close(); }
 */
export async function launchDebuggableChromium(timeoutMs = 30_000): Promise<DebuggableChromium> {
  assertAvailable(process.env);
  const profile = mkdtempSync(join(tmpdir(), 'blattwerk-chromium-'));
  const child = spawn(chromiumPath(), [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    // Chromium's helper processes can still be writing into the profile for a moment after
    // the browser exits (ENOTEMPTY): retry, and a leftover temp folder never fails a test.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch {
      // left in the temp folder
    }
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not open a DevTools port within ${timeoutMs} ms:\n${output}`)), timeoutMs);
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        output += chunk;
        const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Chromium exited early (${signal ?? code}):\n${output}`));
      });
    });
    // Keep draining stderr so a chatty Chromium never blocks on a full pipe.
    child.stderr.resume();
    return { port, close };
  } catch (error) {
    await close();
    throw error;
  }
}
