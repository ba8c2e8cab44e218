// The delivery POST: a receiver that never answers is given up on at the deadline, and
// the guarded lookup refuses names that resolve to loopback.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { postWebhook } from './http.js';
import { standIn, type StandIn } from './harness.js';

let receiver: StandIn;
before(async () => {
  receiver = await standIn({ status: 204 });
});
after(() => receiver.close());

test('answers status and the start of the body', async () => {
  receiver.answers.push({ status: 500, body: 'x'.repeat(10_000) });
  const answer = await postWebhook(new URL(`${receiver.url}/in`), '{"a":1}', { 'x-test': '1' }, { guard: false });
  assert.equal(answer.status, 500);
  assert.equal(answer.excerpt.length, 2048);
  const seen = receiver.requests.at(-1)!;
  assert.equal(seen.body, '{"a":1}');
  assert.equal(seen.headers['content-type'], 'application/json');
  assert.equal(seen.headers['x-test'], '1');
});

test('a receiver that never answers times out', async () => {
  receiver.answers.push({ status: 200, hang: true });
  const started = Date.now();
  await assert.rejects(postWebhook(new URL(receiver.url), '{}', {}, { guard: false, timeoutMs: 200 }), /no answer within 0.2 s/);
  assert.ok(Date.now() - started < 5000);
});

test('with the guard on, a name resolving to loopback is refused at connect time', async () => {
  const before = receiver.requests.length;
  const port = new URL(receiver.url).port;
  await assert.rejects(postWebhook(new URL(`http://localhost:${port}/`), '{}', {}, { guard: true }), (error: Error & { code?: string }) => error.code === 'EPRIVATE');
  assert.equal(receiver.requests.length, before, 'nothing reached the server');
});
