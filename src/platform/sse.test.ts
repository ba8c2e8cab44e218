// Live streams per address (issue 15, finding 12): one address (an IPv6 sender by its /64)
// may hold only so many open streams; the next is refused with 429 before anything is
// written, and a closed stream makes room again. Through the app over real HTTP on
// 127.0.0.1, a second loopback address (127.0.0.2) stands for another reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { get, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../app.js';
import { loadConfig } from './config.js';
import { AppError } from './errors.js';
import { createSseHub, SSE_PER_ADDRESS } from './sse.js';
import { createHttpTestDatabase } from './testing.js';

/** Only what the hub touches: writeHead, write, end and the close event. */
function fakeResponse() {
  const res = new EventEmitter() as EventEmitter & { status?: number; written: string[]; writeHead(status: number): void; write(chunk: string): boolean; end(): void };
  res.written = [];
  res.writeHead = (status: number) => void (res.status = status);
  res.write = (chunk: string) => (res.written.push(chunk), true);
  res.end = () => void res.emit('close');
  return res;
}
const asResponse = (res: ReturnType<typeof fakeResponse>) => res as unknown as ServerResponse;

test('the hub refuses the stream over the cap for one address, before writing anything', () => {
  const hub = createSseHub({ maxPerAddress: 3 });
  try {
    const open = Array.from({ length: 3 }, () => fakeResponse());
    for (const res of open) hub.subscribe('article:1', asResponse(res), { address: '203.0.113.7' });
    const over = fakeResponse();
    assert.throws(() => hub.subscribe('article:2', asResponse(over), { address: '203.0.113.7' }), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'RATE_LIMITED');
      assert.ok((error.retryAfter ?? 0) > 0);
      return true;
    });
    assert.deepEqual([over.status, over.written], [undefined, []], 'nothing written to the refused stream');
    assert.equal(hub.connections(), 3);
    // Another reader is not affected; a closed stream makes room.
    hub.subscribe('article:1', asResponse(fakeResponse()), { address: '203.0.113.8' });
    open[0]!.emit('close');
    hub.subscribe('article:1', asResponse(fakeResponse()), { address: '203.0.113.7' });
    assert.equal(hub.connections(), 4);
  } finally {
    hub.close();
  }
});

test('IPv6 senders are counted by their /64', () => {
  const hub = createSseHub({ maxPerAddress: 2 });
  try {
    hub.subscribe('article:1', asResponse(fakeResponse()), { address: '2001:db8:1:2::1' });
    hub.subscribe('article:1', asResponse(fakeResponse()), { address: '2001:db8:1:2::ffff' });
    assert.throws(() => hub.subscribe('article:1', asResponse(fakeResponse()), { address: '2001:db8:1:2:abcd::9' }), /RATE_LIMITED/);
    hub.subscribe('article:1', asResponse(fakeResponse()), { address: '2001:db8:1:3::1' });
  } finally {
    hub.close();
  }
});

test('through the app: the stream over the cap from one address gets 429, another address still streams', async () => {
  const db = await createHttpTestDatabase();
  const app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const opened: IncomingMessage[] = [];
  try {
    await app.services.content.createArticle({ lang: 'de', title: 'Live', slug: 'live', body: [], status: 'published', authorIds: [], tagIds: [] });
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.http.server.address() as AddressInfo;
    const open = (from: string) =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const req = get({ host: '127.0.0.1', port, path: '/api/v1/articles/live/comments/stream', localAddress: from, agent: false }, (res) => {
          opened.push(res);
          resolve(res);
        });
        req.on('error', reject);
      });
    for (let i = 0; i < SSE_PER_ADDRESS; i++) {
      const res = await open('127.0.0.1');
      assert.equal(res.statusCode, 200, `stream ${i + 1}`);
      assert.match(String(res.headers['content-type']), /^text\/event-stream/);
    }
    const refused = await open('127.0.0.1');
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    const body = await new Promise<string>((resolve) => {
      let text = '';
      refused.on('data', (chunk: Buffer) => (text += chunk.toString()));
      refused.on('end', () => resolve(text));
    });
    assert.equal(JSON.parse(body).error.code, 'RATE_LIMITED');
    const other = await open('127.0.0.2');
    assert.equal(other.statusCode, 200, 'another address still streams');
    assert.equal(app.services.sse.connections(), SSE_PER_ADDRESS + 1);
  } finally {
    for (const res of opened) res.destroy();
    await app.close();
    await db.drop();
  }
});
