/**
 * The proofreading worker thread: answers `EngineRequest`s with the in-thread Hunspell,
 * one at a time, so the server's own thread never runs the dictionaries.
 *
 * @example
 *   // started by engine.ts: new Worker(new URL('./engine-worker.js', import.meta.url))
 */
import { parentPort } from 'node:worker_threads';
import { inlineEngine, type EngineReply, type EngineRequest } from './engine.js';

parentPort?.on('message', async (request: EngineRequest) => {
  let reply: EngineReply;
  try {
    const result = request.op === 'check'
      ? await inlineEngine.check(request.variant, request.words)
      : await inlineEngine.suggest(request.variant, request.words);
    reply = { id: request.id, result };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
