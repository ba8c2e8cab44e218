// Where Hunspell runs: the worker answers as the in-thread engine does, and while it
// works out slow suggestions the server's own thread stays free for readers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineEngine, workerEngine } from './engine.js';
import { proofread } from './proofread.js';

test('loading Hunspell in this thread leaves no uncaughtException listener behind', async () => {
  const before = process.listeners('uncaughtException').length;
  await inlineEngine.check('en-US', ['receive']);
  assert.equal(process.listeners('uncaughtException').length, before);
});

test('the worker engine answers as the in-thread engine does', async () => {
  const words = ['Stadtrat', 'Urkaine', 'Pressemitteilung', 'Minnuten'];
  const worker = workerEngine();
  assert.deepEqual(await worker.check('de-DE', words), await inlineEngine.check('de-DE', words));
  assert.deepEqual(await worker.suggest('de-DE', ['Urkaine']), [['Ukraine']]);
  assert.deepEqual(await worker.check('de-DE', []), []);
});

test('slow suggestions do not block this thread', async () => {
  // Long misspelled compounds: each costs Hunspell 50–300 ms of suggestions.
  const text = 'Verteidigungsministeer Bundesregirung Pressemitteilnug Haushaltsdebate Stadtrta Bürgermeisetr Wahlkmapf Komunalwahlkampf';
  await proofread('Stadtrat', 'de'); // the dictionary is loaded, as in a running server
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  const findings = await proofread(text, 'de');
  const took = performance.now() - started;
  longest = Math.max(longest, performance.now() - last); // a stall until now never ran the timer
  clearInterval(timer);
  assert.equal(findings.length, 8);
  assert.ok(longest < Math.max(150, took / 3), `the event loop stalled for ${longest.toFixed(0)} ms of ${took.toFixed(0)} ms`);
});
