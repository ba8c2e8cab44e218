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
import { othersBusy, othersCpu } from '../../bench/lib/others.js';
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
/** Performance runs in all, when the first fell short: enough for three measured on a quiet machine. */
const PERFORMANCE_RUNS = 6;
/** Other processes' CPU during a run, as a share of one CPU, above which the run measured the machine. */
const OTHERS_MAX_SHARE = 0.25;
/**
 * Lighthouse's own threshold of its host CPU benchmark, below which it warns that "the tested
 * device appears to have a slower CPU than Lighthouse expects" (core/gather/driver/environment.js).
 */
const SLOW_HOST_INDEX = 1000;
/** Distinct (family, weight, style, size) of the article's text; 39 before the type scale, 21 after. */
const MAX_TYPE_STYLES = 24;
/** Lighthouse's runtime errors for a trace it failed to record, the ones it asks to be run again. */
const TRACE_ERRORS = new Set(['NO_NAVSTART', 'NO_FCP', 'NO_LCP', 'NO_TRACING_STARTED', 'NO_DCL', 'NO_SPEEDLINE_FRAMES', 'NO_RESOURCE_REQUEST']);

/**
 * One Lighthouse run of the showcase article in a Chromium of its own, and the CPU other
 * processes used meanwhile (taken before Chromium closes, while its helpers still count as ours).
 */
async function auditShowcase(site: DemoSite) {
  const before = othersCpu();
  const chrome = await launchDebuggableChromium();
  try {
    const result = await lighthouse(`${site.baseUrl}${SHOWCASE_PATH}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    return { lhr: result?.lhr, othersShare: othersBusy(before, othersCpu())?.share ?? null };
  } finally {
    await chrome.close();
  }
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

/** One judged performance run, with what could have made it measure the machine instead of the page. */
interface PerformanceRun {
  score: number;
  tbtMs: number;
  benchmarkIndex: number;
  /** Stops of the machine (bench/lib/stalls.ts) during the run. */
  stops: number;
  othersShare: number | null;
}

function performanceRun(lhr: Lhr, othersShare: number | null, stops: number): PerformanceRun {
  return {
    score: lhr.categories.performance?.score ?? 0,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
    benchmarkIndex: lhr.environment.benchmarkIndex,
    stops,
    othersShare,
  };
}

/** No stop of the machine, no other work holding a CPU, and a host Lighthouse does not call slow. */
const quiet = (run: PerformanceRun): boolean =>
  run.stops === 0 && (run.othersShare ?? 0) <= OTHERS_MAX_SHARE && run.benchmarkIndex >= SLOW_HOST_INDEX;

/** The median of the quiet runs when there are three, else of every run. */
export function judgedPerformance(runs: readonly PerformanceRun[]): number {
  const calm = runs.filter(quiet);
  const scores = (runs.length > 1 && calm.length >= 3 ? calm : runs).map((run) => run.score).sort((a, b) => a - b);
  return scores[Math.floor((scores.length - 1) / 2)]!;
}

function describeRun(run: PerformanceRun): string {
  const why = [
    run.stops > 0 ? `the machine stopped ${run.stops}×` : '',
    (run.othersShare ?? 0) > OTHERS_MAX_SHARE ? 'other processes held a CPU' : '',
    run.benchmarkIndex < SLOW_HOST_INDEX ? 'Lighthouse called the host slow' : '',
  ].filter(Boolean);
  const others = run.othersShare === null ? 'n/a' : `${Math.round(run.othersShare * 100)} %`;
  return `${run.score.toFixed(2)} (TBT ${Math.round(run.tbtMs)} ms, benchmark ${Math.round(run.benchmarkIndex)}, others ${others} of a CPU${why.length ? `; ${why.join(', ')}` : ''})`;
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

  test(`the article sets its text in at most ${MAX_TYPE_STYLES} type styles (family, weight, style, size)`, async () => {
    // Chromium asks its browser process about every distinct style (a font "strike") while it
    // lays the page out, once with the fallback font and again when the web font arrives: 39
    // styles cost ~115 ms of the first layouts in round trips on this machine, and more on a busy
    // one, which Lighthouse multiplies by four. The type scale keeps the count down.
    const browser = await launchBrowser();
    try {
      for (const viewport of [{ width: 412, height: 823 }, { width: 1280, height: 900 }]) {
        const page = await browser.newPage({ viewport });
        await page.goto(`${site.baseUrl}${SHOWCASE_PATH}`, { waitUntil: 'load' });
        const styles = await page.evaluate<string[]>(`(() => {
          const seen = new Set();
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.textContent.trim() || !node.parentElement.checkVisibility()) continue;
            const s = getComputedStyle(node.parentElement);
            seen.add(s.fontFamily.split(',')[0] + ' ' + s.fontWeight + ' ' + s.fontStyle + ' ' + s.fontSize);
          }
          return [...seen].sort();
        })()`);
        assert.ok(styles.length >= 4, `the walk found text: ${styles.join(', ')}`);
        assert.ok(styles.length <= MAX_TYPE_STYLES, `${styles.length} type styles at ${viewport.width} px:\n  ${styles.join('\n  ')}`);
        await page.close();
      }
    } finally {
      await browser.close();
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
    // median of three quiet ones is judged (at most PERFORMANCE_RUNS in all; else the median of
    // every run). Quiet: no stop of the machine overlapped it (the host stops a busy virtual CPU
    // for ~100 ms, bench/lib/stalls.ts, which the simulated slower CPU turns into 400 ms of
    // blocking time: a CI run failed at 0.94 on 260 ms of it), other processes used at most a
    // quarter of a CPU meanwhile (bench/lib/others.ts: one busy core put the total blocking time
    // from ~100 ms to 300–600 ms here), and Lighthouse did not warn of a slow host. The other
    // categories do not vary and are judged as run. Every run's figures are in the report and,
    // on failure, in the message.
    const watch = await startStallWatch(Array.from({ length: availableParallelism() }, (_, cpu) => String(cpu)));
    let lhr: Lhr | undefined;
    let attempts = 0;
    const performance: PerformanceRun[] = [];
    try {
      let from = Date.now();
      let audit: Awaited<ReturnType<typeof auditShowcase>> | undefined;
      while (attempts < LIGHTHOUSE_ATTEMPTS) {
        attempts += 1;
        from = Date.now();
        audit = await auditShowcase(site);
        if (!audit.lhr?.runtimeError || !TRACE_ERRORS.has(audit.lhr.runtimeError.code)) break;
      }
      lhr = audit?.lhr;
      assert.ok(lhr, 'Lighthouse returned no result');
      assert.equal(lhr.runtimeError, undefined, lhr.runtimeError?.message);
      performance.push(performanceRun(lhr, audit!.othersShare, watch.between(from, Date.now()).count));
      if (performance[0]!.score < MIN_SCORE) {
        // Counted by runs made, not kept: a run that errs must not make this loop endless.
        for (let made = 1; made < PERFORMANCE_RUNS && performance.filter(quiet).length < 3; made++) {
          from = Date.now();
          const again = await auditShowcase(site);
          if (again.lhr && !again.lhr.runtimeError) performance.push(performanceRun(again.lhr, again.othersShare, watch.between(from, Date.now()).count));
        }
      }
    } finally {
      await watch.stop();
    }
    const judged = judgedPerformance(performance);
    const scoreOf = (id: (typeof CATEGORIES)[number]) => (id === 'performance' ? judged : lhr.categories[id]?.score ?? null);
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
      `below ${MIN_SCORE}: ${low.map((s) => `${s.id} ${s.score}`).join(', ')}; audits not passed:\n${failing.join('\n')}\nperformance runs: ${performance.map(describeRun).join('; ')}`,
    );
  });
});

test('performance is judged on quiet runs: a stop, busy neighbours or a slow host leave a run out when three others were quiet', () => {
  const run = (score: number, extra: Partial<PerformanceRun> = {}): PerformanceRun => ({ score, tbtMs: 100, benchmarkIndex: 1600, stops: 0, othersShare: 0.03, ...extra });
  // One run is judged as it is.
  assert.equal(judgedPerformance([run(0.9)]), 0.9);
  // Three quiet runs among noisy ones: the noisy ones do not count.
  const mixed = [run(0.8, { stops: 1 }), run(0.97), run(0.81, { othersShare: 0.9 }), run(0.96), run(0.82, { benchmarkIndex: 900 }), run(0.98)];
  assert.equal(judgedPerformance(mixed), 0.97);
  // Fewer than three quiet runs: every run counts, so a noisy machine cannot pass a slow page.
  assert.equal(judgedPerformance([run(0.8, { stops: 1 }), run(0.97), run(0.81, { othersShare: 0.9 }), run(0.82, { benchmarkIndex: 900 })]), 0.81);
  // An unknown share of others (no /proc) is not held against a run.
  assert.equal(judgedPerformance([run(0.99, { othersShare: null }), run(0.96, { othersShare: null }), run(0.97, { othersShare: null }), run(0.5, { stops: 2 })]), 0.97);
});

type Audits = Record<string, { numericValue?: number; displayValue?: string } | undefined>;

function lighthouseReport(scores: { title: string; score: number | null }[], fetchTime: string, audits: Audits, attempts: number, performance: readonly PerformanceRun[]): string {
  const metric = (id: string) => audits[id]?.displayValue ?? '–';
  return `# Lighthouse

The showcase article of the demo newsroom (\`${SHOWCASE_PATH}\`), served on loopback by
the test's own instance, audited with Lighthouse ${LIGHTHOUSE_VERSION} in its default mobile preset
(simulated throttling) in Debian's Chromium. Written by \`src/site/quality.browser.test.ts\`
on every run; the test fails below ${MIN_SCORE}.

Run: ${fetchTime}${attempts > 1 ? ` (attempt ${attempts}: the earlier ones recorded no trace)` : ''}

Performance ${
    performance.length > 1
      ? 'is the median of several runs (the first fell short; a run that was not quiet is left out when three others were)'
      : 'run'
  }: ${performance.map(describeRun).join('; ')}.

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
