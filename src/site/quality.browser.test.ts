// Quality gates for the public pages of the demo newsroom: accessibility (axe-core in
// Chromium), valid markup (the Nu HTML Checker) and Lighthouse's mobile audit of the
// showcase article. Lighthouse's scores are written to bench/LIGHTHOUSE.md on every run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import type { Page } from 'playwright-core';
import { browserRequired, browserSkip, launchBrowser, launchDebuggableChromium } from '../platform/browser.js';
import { SHOWCASE_PATH, startDemoSite, type DemoSite } from './fixture.js';
import { startStallWatch } from '../../bench/lib/stalls.js';

const require = createRequire(import.meta.url);
/** vnu-jar exports the path of vnu.jar (as a String object). */
const VNU_JAR = String(require('vnu-jar'));
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const LIGHTHOUSE_VERSION = (require('lighthouse/package.json') as { version: string }).version;
const REPORT = new URL('../../bench/LIGHTHOUSE.md', import.meta.url);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const MIN_SCORE = 0.95;
const LIGHTHOUSE_ATTEMPTS = 3;
/** Performance runs in all, when the first fell short: enough for three without a machine stop. */
const PERFORMANCE_RUNS = 6;
/** Lighthouse's runtime errors for a trace it failed to record, the ones it asks to be run again. */
const TRACE_ERRORS = new Set(['NO_NAVSTART', 'NO_FCP', 'NO_LCP', 'NO_TRACING_STARTED', 'NO_DCL', 'NO_SPEEDLINE_FRAMES', 'NO_RESOURCE_REQUEST']);

/** One Lighthouse run of the showcase article in a Chromium of its own. */
async function auditShowcase(site: DemoSite) {
  const chrome = await launchDebuggableChromium();
  try {
    const result = await lighthouse(`${site.baseUrl}${SHOWCASE_PATH}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    return result?.lhr;
  } finally {
    await chrome.close();
  }
}

/** Every kind of public page; the error page too, since readers meet it. */
const VALIDATED_PAGES: Record<string, string> = {
  article: SHOWCASE_PATH,
  home: '/',
  tag: '/tag/stadtrat/',
  author: '/author/miriam-albrecht/',
  search: '/search?q=Haushalt',
  'search-empty': '/search',
  support: '/support/',
  impressum: '/impressum/',
  datenschutz: '/datenschutz/',
  'not-found': '/diese-seite-gibt-es-nicht/',
};

/** The Nu HTML Checker needs Java: skipped without it, unless the browser tests are required (CI). */
function javaSkip(): string | false {
  if (spawnSync('java', ['-version']).status === 0 || browserRequired()) return false;
  return 'Java not found: the Nu HTML Checker (vnu-jar) needs it; BLATTWERK_REQUIRE_BROWSER=1 makes this a failure';
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
}

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

function runVnu(files: string[]): Promise<VnuMessage[]> {
  return new Promise((resolve, reject) => {
    // vnu exits non-zero when it finds errors; the JSON on stdout is what we judge.
    execFile('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout', ...files], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      try {
        resolve((JSON.parse(stdout) as { messages: VnuMessage[] }).messages);
      } catch {
        reject(new Error(`vnu gave no JSON (${error?.message ?? 'no error'}): ${stderr}`));
      }
    });
  });
}

async function axe(page: Page): Promise<AxeResult> {
  await page.addScriptTag({ content: AXE_SOURCE });
  // target-size (WCAG 2.2 AA) is off in axe by default; readers on phones need it.
  // A string, because it runs in the page and the project compiles without DOM types.
  return page.evaluate<AxeResult>(`axe.run(document, { rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] }).then((r) => ({ violations: r.violations }))`);
}

describe('page quality', { skip: browserSkip() }, () => {
  let site: DemoSite;

  before(async () => {
    site = await startDemoSite();
  });

  after(async () => {
    await site?.close();
  });

  test('axe-core finds no serious or critical violations on the article and home page', async () => {
    const browser = await launchBrowser();
    try {
      const problems: string[] = [];
      for (const viewport of [{ width: 412, height: 823 }, { width: 1280, height: 900 }]) {
        // bypassCSP only lets axe's own script in; the pages are audited as served.
        const context = await browser.newContext({ viewport, bypassCSP: true });
        for (const path of [SHOWCASE_PATH, '/']) {
          const page = await context.newPage();
          const response = await page.goto(`${site.baseUrl}${path}`);
          assert.equal(response?.status(), 200, path);
          const result = await axe(page);
          for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
            const where = v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`);
            problems.push(`${path} @${viewport.width}px ${v.impact} ${v.id}: ${v.help}\n${where.join('\n')}`);
          }
          await page.close();
        }
        await context.close();
      }
      assert.ok(problems.length === 0, `axe-core violations:\n${problems.join('\n')}`);
    } finally {
      await browser.close();
    }
  });

  test('the Nu HTML Checker finds no errors in the public pages', { skip: javaSkip() }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blattwerk-vnu-'));
    try {
      const files: string[] = [];
      for (const [name, path] of Object.entries(VALIDATED_PAGES)) {
        const response = await fetch(`${site.baseUrl}${path}`);
        assert.equal(response.status, name === 'not-found' ? 404 : 200, path);
        assert.match(response.headers.get('content-type') ?? '', /^text\/html/, path);
        const file = join(dir, `${name}.html`);
        writeFileSync(file, await response.text());
        files.push(file);
      }
      // A page with a known error proves the checker ran and read the files; it is set apart below.
      const canary = join(dir, 'canary.html');
      writeFileSync(canary, '<!doctype html><html lang="en"><title>canary</title><p id="twice"></p><p id="twice"></p></html>');
      const messages = await runVnu([...files, canary]);
      const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal');
      const fromCanary = (m: VnuMessage) => m.url?.endsWith('/canary.html') === true;
      assert.ok(errors.some((m) => fromCanary(m) && /Duplicate ID/.test(m.message)), `vnu did not report the canary's error: ${JSON.stringify(messages)}`);
      const report = errors
        .filter((m) => !fromCanary(m))
        .map((m) => `${m.url?.split('/').pop()}:${m.lastLine ?? '?'} ${m.message}\n    ${(m.extract ?? '').replace(/\s+/g, ' ')}`);
      assert.ok(report.length === 0, `Nu HTML Checker errors:\n${report.join('\n')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`Lighthouse (mobile) scores the article at least ${MIN_SCORE} in every category`, async () => {
    // Lighthouse now and then fails to record the page load's trace (NO_NAVSTART and kin; its
    // own message says "Please run Lighthouse again"). Such a run measured nothing, so it is run
    // again in a fresh Chromium, at most LIGHTHOUSE_ATTEMPTS times; any other error, and any
    // score, is judged on the first run that recorded a trace.
    // Performance is timed on this machine (simulated 4× slower CPU on top of it), so one run
    // moves with whatever else the machine does; Lighthouse's own advice is the median of
    // several. When the first run falls short on performance alone, more are made and the
    // median of three is judged: three that no stop of the machine overlapped, where there are
    // (at most PERFORMANCE_RUNS in all; else the median of every run). The host stops a busy
    // virtual CPU for ~100 ms (bench/lib/stalls.ts), and the simulated slower CPU turns that
    // into 400 ms of blocking time: a CI run failed at 0.94 on 260 ms of it. The other
    // categories do not vary and are judged as run.
    const watch = await startStallWatch(Array.from({ length: availableParallelism() }, (_, cpu) => String(cpu)));
    let lhr: Awaited<ReturnType<typeof auditShowcase>>;
    let attempts = 0;
    const performance: { score: number; stopped: boolean }[] = [];
    try {
      let from = Date.now();
      while (attempts < LIGHTHOUSE_ATTEMPTS) {
        attempts += 1;
        from = Date.now();
        lhr = await auditShowcase(site);
        if (!lhr?.runtimeError || !TRACE_ERRORS.has(lhr.runtimeError.code)) break;
      }
      assert.ok(lhr, 'Lighthouse returned no result');
      assert.equal(lhr.runtimeError, undefined, lhr.runtimeError?.message);
      performance.push({ score: lhr.categories.performance?.score ?? 0, stopped: watch.between(from, Date.now()).count > 0 });
      if (performance[0]!.score < MIN_SCORE) {
        while (performance.length < PERFORMANCE_RUNS && performance.filter((run) => !run.stopped).length < 3) {
          from = Date.now();
          const again = await auditShowcase(site);
          if (again && !again.runtimeError) performance.push({ score: again.categories.performance?.score ?? 0, stopped: watch.between(from, Date.now()).count > 0 });
        }
      }
    } finally {
      await watch.stop();
    }
    const clean = performance.filter((run) => !run.stopped);
    const judged = (performance.length > 1 && clean.length >= 3 ? clean : performance).map((run) => run.score).sort((a, b) => a - b);
    const medianPerformance = judged[Math.floor((judged.length - 1) / 2)]!;
    const scoreOf = (id: (typeof CATEGORIES)[number]) => (id === 'performance' ? medianPerformance : lhr.categories[id]?.score ?? null);
    const scores = CATEGORIES.map((id) => ({ id, title: lhr.categories[id]?.title ?? id, score: scoreOf(id) }));
    writeFileSync(REPORT, lighthouseReport(scores, lhr.fetchTime, lhr.audits, attempts, performance));

    const low = scores.filter((s) => s.score === null || s.score < MIN_SCORE);
    const failing = low.flatMap(({ id }) =>
      (lhr.categories[id]?.auditRefs ?? [])
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a && a.score !== null && a.score < 1 && !['informative', 'notApplicable', 'manual'].includes(a.scoreDisplayMode))
        .map((a) => `  ${id}: ${a!.id} ${a!.score} ${a!.displayValue ?? ''} – ${a!.title}`),
    );
    assert.ok(
      low.length === 0,
      `below ${MIN_SCORE}: ${low.map((s) => `${s.id} ${s.score}`).join(', ')}; audits not passed:\n${failing.join('\n')}`,
    );
  });
});

type Audits = Record<string, { numericValue?: number; displayValue?: string } | undefined>;

function lighthouseReport(scores: { title: string; score: number | null }[], fetchTime: string, audits: Audits, attempts: number, performance: { score: number; stopped: boolean }[]): string {
  const metric = (id: string) => audits[id]?.displayValue ?? '–';
  return `# Lighthouse

The showcase article of the demo newsroom (\`${SHOWCASE_PATH}\`), served on loopback by
the test's own instance, audited with Lighthouse ${LIGHTHOUSE_VERSION} in its default mobile preset
(simulated throttling) in Debian's Chromium. Written by \`src/site/quality.browser.test.ts\`
on every run; the test fails below ${MIN_SCORE}.

Run: ${fetchTime}${attempts > 1 ? ` (attempt ${attempts}: the earlier ones recorded no trace)` : ''}${
    performance.length > 1
      ? `. Performance is the median of several runs (the first fell short): ${performance.map((run) => `${run.score.toFixed(2)}${run.stopped ? ' (the machine stopped: left out when three others did not)' : ''}`).join(', ')}`
      : ''
  }

| category | score |
|---|---|
${scores.map((s) => `| ${s.title} | ${s.score === null ? 'n/a' : s.score.toFixed(2)} |`).join('\n')}

| metric | value |
|---|---|
| First Contentful Paint | ${metric('first-contentful-paint')} |
| Largest Contentful Paint | ${metric('largest-contentful-paint')} |
| Total Blocking Time | ${metric('total-blocking-time')} |
| Cumulative Layout Shift | ${metric('cumulative-layout-shift')} |
| Speed Index | ${metric('speed-index')} |
`;
}
