// Handing a page from a render thread to the main thread (pages.ts `packed`): it crosses as
// its own size, and only memory that is the page's alone is moved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PageCache } from './cache.js';
import type { Csrf } from './csrf.js';
import { packed, RELAY_HEADER, sendRelayed, transferablesOf, TRANSFER_MIN_BYTES, type PageSender, type RelayedPage } from './pages.js';
import { collector } from './testing.js';

/** A page whose parts are cut from one 64 KB slab, as Node's buffer pool cuts them. */
function pageFromSlab(sizes: { template: number; parts: number[]; identity: number; br: number }): RelayedPage {
  const slab = Buffer.allocUnsafeSlow(256 * 1024);
  let at = 0;
  const cut = (size: number, letter: string) => {
    slab.fill(letter, at, at + size);
    at += size;
    return slab.subarray(at - size, at);
  };
  return {
    template: cut(sizes.template, 't'),
    prebuilt: { parts: sizes.parts.map((size, i) => cut(size, String(i))), personal: false, anonymous: { token: 'token', identity: cut(sizes.identity, 'i'), etag: '"e"', shared: false, br: cut(sizes.br, 'b') } },
  };
}

/** The memory a page takes on the other side of a thread boundary (structured clone, as postMessage). */
function memoryAfterCrossing(page: RelayedPage, transfer: ArrayBuffer[] = []): { page: RelayedPage; bytes: number } {
  const arrived = structuredClone(page, { transfer });
  const views = [arrived.template, ...arrived.prebuilt.parts, arrived.prebuilt.anonymous!.identity, arrived.prebuilt.anonymous!.br!];
  return { page: arrived, bytes: [...new Set(views.map((view) => view.buffer))].reduce((sum, memory) => sum + memory.byteLength, 0) };
}

const bytesOf = (page: RelayedPage) => [page.template, ...page.prebuilt.parts, page.prebuilt.anonymous!.identity, page.prebuilt.anonymous!.br!].map((view) => Buffer.from(view).toString('latin1'));

test('a search page crosses to the other thread as its own size, not as the memory its parts were cut from', () => {
  const page = pageFromSlab({ template: 7224, parts: [442, 6776], identity: 7261, br: 3044 });
  const size = 7224 + 442 + 6776 + 7261 + 3044;
  assert.equal(memoryAfterCrossing(page).bytes, 256 * 1024, 'unpacked, the parts take their whole slab along');
  const moved = packed(page);
  const crossed = memoryAfterCrossing(moved);
  assert.equal(crossed.bytes, size);
  assert.deepEqual(bytesOf(crossed.page), bytesOf(page), 'the same bytes, in the same places');
  assert.equal(moved.prebuilt.anonymous!.token, 'token');
  assert.deepEqual(transferablesOf(moved), [], 'a small page is copied, not moved');
});

test('only memory that is the page\'s alone is moved; a large packed page is', () => {
  const page = pageFromSlab({ template: 40_000, parts: [20_000, 30_000], identity: 40_000, br: 9_000 });
  assert.deepEqual(transferablesOf(page), [], 'the slab holds more than this page: moving it would empty it for the others');
  const moved = packed(page);
  const transfer = transferablesOf(moved);
  assert.equal(transfer.length, 1);
  assert.equal(transfer[0]!.byteLength, 139_000);
  assert.ok(transfer[0]!.byteLength >= TRANSFER_MIN_BYTES);
  const crossed = memoryAfterCrossing(moved, transfer);
  assert.equal(crossed.bytes, 139_000);
  assert.deepEqual(bytesOf(crossed.page), bytesOf(page));
  assert.equal(moved.template.byteLength, 0, 'moved, not copied: gone from this side');
});

test('a template given as text is encoded straight into the packed memory: the same bytes as packing its buffer', () => {
  const text = 'Grüße aus Lindenau — Straßenbahn «7» 🚋 '.repeat(300);
  const prebuilt: RelayedPage['prebuilt'] = { parts: [Buffer.from('Teil eins'), Buffer.from('Teil zwei')], personal: false, anonymous: { token: 't', identity: Buffer.from('ganz'), etag: '"e"', shared: false, br: Buffer.from([1, 2, 3]) } };
  const fromText = packed({ template: text, prebuilt });
  const fromBytes = packed({ template: Buffer.from(text), prebuilt });
  assert.equal(Buffer.from(fromText.template).toString('utf8'), text);
  assert.deepEqual(bytesOf(fromText), bytesOf(fromBytes));
  assert.equal(fromText.template.buffer, fromText.prebuilt.parts[0]!.buffer, 'one piece of memory');
  assert.equal(fromText.template.buffer.byteLength, Buffer.byteLength(text) + 9 + 9 + 4 + 3);
});

test('a relayed search page, once sent, leaves nothing that young collections cannot free', () => {
  const gc = collector();
  const token = 'token';
  const sender: PageSender = { cache: new PageCache(), csrf: { anonymousToken: () => token, tokenFor: () => token } as unknown as Csrf, enabled: true };
  const meta = { status: 200, contentType: 'text/html; charset=utf-8', cacheable: true, maxAgeMs: 5000, tags: ['listing'], who: null };
  const headers = { [RELAY_HEADER]: encodeURIComponent(JSON.stringify(meta)) };
  let sentBytes = 0;
  const res = { writeHead: () => res, end: (body?: Buffer) => ((sentBytes += body?.length ?? 0), res) } as unknown as ServerResponse;
  const send = (from: number, count: number) => {
    for (let n = from; n < from + count; n++) {
      // As the page arrives from a render thread: 13 KB of its own memory, cloned across.
      const page = structuredClone(packed({ template: Buffer.alloc(0), prebuilt: { parts: [], personal: false, copyOnly: true, anonymous: { token, identity: Buffer.alloc(10_000, 'i'), etag: '"e"', shared: false, gzip: Buffer.alloc(3_000, 'g') } } }));
      const request = { method: 'GET', url: `/search?q=rat&r=${n}`, headers: { 'accept-encoding': 'gzip' } } as unknown as IncomingMessage;
      sendRelayed(sender, request, res, { status: 200, headers, body: Buffer.alloc(0), page });
    }
  };
  send(0, 200); // every function on the way compiled, the cache's table of one-off addresses grown
  gc({ type: 'major', execution: 'sync' });
  const before = process.memoryUsage().arrayBuffers;
  sentBytes = 0;
  send(200, 300);
  assert.equal(sentBytes, 300 * 3_000, 'each reader was sent the gzip copy');
  gc({ type: 'minor', execution: 'sync' });
  gc({ type: 'minor', execution: 'sync' });
  const kept = process.memoryUsage().arrayBuffers - before;
  // An object literal with a getter over the page kept every one of them, 3.9 MB
  // (pages.ts `RelayedResult`); now none is.
  assert.ok(kept < (300 * 13_000) / 10, `${(kept / 1048576).toFixed(2)} MB of the 300 pages (3.9 MB) outlived two young collections`);
});
