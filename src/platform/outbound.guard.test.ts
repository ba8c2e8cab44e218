// Every server-side request goes through one guarded helper (issue 15, finding 4): the
// WebSub hub and the Telegram API base are refused on private addresses, redirects into
// the private network are not followed, and no module calls `fetch` or `http.request`
// itself. Stand-in servers listen on 127.0.0.1 only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWebsubPing } from '../distribution/autopost/websub.js';
import { sendTelegramMessage } from '../distribution/autopost/telegram.js';
import type { Job } from './jobs/index.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));
/** The one module allowed to open outbound connections. */
const HELPER = 'platform/outbound.ts';

/** The source without comments, so a `fetch(` in an example does not count. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const DIRECT_CALLS: [RegExp, string][] = [
  // A method named fetch (`async fetch(request)`, Fedify's `federation.fetch(request)`) answers incoming requests.
  [/(?<![\w$.])(?<!\basync\s+)fetch\s*\(/, 'fetch('],
  [/\b(?:globalThis|window|self)\.fetch\b/, 'globalThis.fetch'],
  [/\bhttps?\.request\s*\(/, 'http.request / https.request'],
  // The whole module (its `get` too); a Fastify instance named `http` with `http.get(…)` is fine.
  [/import\s+(?!type\b)(?:\*\s*as\s+)?[\w$]+\s+from\s*['"](?:node:)?https?['"]/, 'node:http(s) imported whole'],
  [/import\s*\{[^}]*\b(?:request|get)\b[^}]*\}\s*from\s*['"](?:node:)?https?['"]/, 'request imported from node:http(s)'],
  [/from\s*['"](?:undici|node-fetch|axios|got)['"]/, 'an HTTP client library'],
  [/\b(?:net|tls)\.(?:connect|createConnection)\s*\(/, 'net/tls connect'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // Browser code (page scripts, the built editor bundle) fetches from the reader's browser, not the server.
    if (entry.isDirectory()) return ['assets', 'bundle', 'node_modules'].includes(entry.name) ? [] : sourceFiles(path);
    if (!/\.(ts|js|mjs)$/.test(entry.name) || /\.d\.ts$/.test(entry.name)) return [];
    // Tests and their kits (testkit.ts) talk to their own stand-ins; browser scripts run in the reader's browser.
    if (/\.test\.ts$/.test(entry.name) || /\.browser\.ts$/.test(entry.name) || entry.name === 'testkit.ts') return [];
    return [path];
  });
}

test('no module under src/ calls fetch or http(s).request itself: only platform/outbound.ts does', () => {
  const found: string[] = [];
  const files = sourceFiles(SRC);
  assert.ok(files.length > 100, `only ${files.length} files scanned`);
  for (const file of files) {
    const name = relative(SRC, file);
    if (name === HELPER) continue;
    const text = code(readFileSync(file, 'utf8'));
    for (const [pattern, what] of DIRECT_CALLS) if (pattern.test(text)) found.push(`${name}: ${what}`);
  }
  assert.deepEqual(found, [], 'use outboundRequest from platform/outbound.ts');
});

test('the scan itself catches each way of calling out', () => {
  const samples = [
    'await fetch(url)',
    'const r = await globalThis.fetch(u);',
    "import { request } from 'node:https';",
    "import { get as httpGet, request } from 'http';",
    'http.request(url, {})',
    "import * as https from 'node:https';",
    "import http from 'http';",
    "import { fetch } from 'undici';",
    'net.connect(80, host)',
  ];
  for (const sample of samples) assert.ok(DIRECT_CALLS.some(([pattern]) => pattern.test(code(sample))), sample);
  for (const fine of [
    '// fetch(x) in a comment',
    'prefetch(x)',
    'store.fetch(x)',
    "const url = 'http://x/'; // fetch(url)",
    "import { createServer } from 'node:http';",
    "import type * as http from 'node:http';",
    "http.get('/api/v1/openapi.json', {}, handler)",
  ]) {
    assert.ok(!DIRECT_CALLS.some(([pattern]) => pattern.test(code(fine))), fine);
  }
});

// --- A stand-in on 127.0.0.1 that records what reached it ------------------------------------

let server: Server;
let base: string;
const seen: string[] = [];
let answer: { status: number; headers?: Record<string, string>; body?: string } = { status: 200, body: '{"ok":true,"result":{}}' };

before(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function websub(hub: string) {
  const article = { id: 7, kind: 'article', publishedAt: new Date('2026-05-01T10:00:00Z'), tags: [], authors: [] };
  const ping = createWebsubPing({
    settings: { get: (async () => ({ websubHub: hub })) as never },
    articles: { findBy: (async () => article) as never },
    jobs: { enqueue: (async () => undefined) as never },
    publicUrl: 'https://zeitung.example',
    now: () => new Date('2026-05-01T10:00:00Z'),
  });
  return ping.handle({ payload: { articleId: 7 } } as Job<{ articleId: number }>);
}

async function withLoopback<T>(allowed: boolean, run: () => Promise<T>): Promise<T> {
  const saved = process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK;
  if (allowed) process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = '1';
  else delete process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK;
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK;
    else process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = saved;
  }
}

test('WebSub: a hub on a loopback or private address is refused, and nothing reaches it', async () => {
  const before = seen.length;
  await withLoopback(false, async () => {
    await assert.rejects(websub(`${base}/hub`), /private/);
    await assert.rejects(websub('http://localhost:1/hub'), /private/);
    await assert.rejects(websub('http://[::ffff:127.0.0.1]:1/hub'), /private/);
  });
  assert.equal(seen.length, before, 'no request reached the stand-in');
});

test('WebSub: a hub redirecting into the private network is not followed', async () => {
  // 0.0.0.0 is outside the public internet but not loopback; were it followed, the
  // connection would stay on this machine (port 1 refuses), so the test never leaves it.
  answer = { status: 307, headers: { location: 'http://0.0.0.0:1/latest/meta-data/' } };
  try {
    await withLoopback(true, async () => {
      await assert.rejects(websub(`${base}/hub`), /HTTP 307/);
    });
  } finally {
    answer = { status: 200, body: '{"ok":true,"result":{}}' };
  }
});

test('Telegram: an API base on a loopback or private address is refused for good, without sending the token anywhere', async () => {
  const before = seen.length;
  await withLoopback(false, async () => {
    const outcome = await sendTelegramMessage({ apiBase: base, botToken: '123:geheim', channel: '@zeitung' }, 'Hallo');
    assert.equal(outcome.kind, 'permanent', JSON.stringify(outcome));
    assert.match(outcome.kind === 'permanent' ? outcome.error : '', /private/);
    assert.doesNotMatch(JSON.stringify(outcome), /geheim/);
    const mapped = await sendTelegramMessage({ apiBase: 'http://[::ffff:127.0.0.1]:1', botToken: '123:geheim', channel: '@zeitung' }, 'Hallo');
    assert.equal(mapped.kind, 'permanent');
  });
  assert.equal(seen.length, before, 'no request reached the stand-in');
});

test('the documented test switch lets loopback through (and only loopback)', async () => {
  await withLoopback(true, async () => {
    const outcome = await sendTelegramMessage({ apiBase: base, botToken: '123:geheim', channel: '@zeitung' }, 'Hallo');
    assert.equal(outcome.kind, 'sent', JSON.stringify(outcome));
    const privateNet = await sendTelegramMessage({ apiBase: 'http://0.0.0.0:1', botToken: '123:geheim', channel: '@zeitung' }, 'Hallo');
    assert.equal(privateNet.kind, 'permanent');
  });
});
