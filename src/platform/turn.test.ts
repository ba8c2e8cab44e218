// forThisTurn (turn.ts): one read per key and turn; the next turn reads again; failures are not kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { forThisTurn } from './turn.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

test('a lookup is read once per key in a turn, and again in the next turn', async () => {
  const reads: number[] = [];
  let version = 1;
  const lookup = forThisTurn(async (key: number) => (reads.push(key), `${key}@${version}`));
  assert.deepEqual(await Promise.all([lookup(1), lookup(1), lookup(2)]), ['1@1', '1@1', '2@1']);
  assert.deepEqual(reads, [1, 2]);
  version = 2;
  assert.equal(await lookup(1), '1@1', 'still the same turn');
  await nextTurn();
  assert.equal(await lookup(1), '1@2', 'a change counts from the next turn');
  assert.deepEqual(reads, [1, 2, 1]);
});

test('a failed read is not remembered', async () => {
  let fail = true;
  const lookup = forThisTurn(async (key: string) => {
    if (fail) throw new Error('down');
    return key;
  });
  await assert.rejects(lookup('a'), /down/);
  fail = false;
  assert.equal(await lookup('a'), 'a');
});

test('answers of past turns do not outlive young collections', () => {
  // In a process of its own that loads nothing else: the test runner's own promises, or the
  // modules testing.ts loads (hence not its `collector()`), made the figure vary (0.01–6.7 MB).
  const probe = `
    import { setFlagsFromString } from 'node:v8';
    import { runInNewContext } from 'node:vm';
    import { forThisTurn } from ${JSON.stringify(new URL('./turn.ts', import.meta.url).href)};
    setFlagsFromString('--expose-gc');
    setFlagsFromString('--no-concurrent-array-buffer-sweeping');
    const gc = runInNewContext('gc');
    const lookup = forThisTurn(async (key) => ({ key, data: new Uint8Array(2048) }));
    const turns = async (count) => {
      for (let turn = 0; turn < count; turn++) {
        await Promise.all([lookup(1), lookup(2), lookup(3)]);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await turns(100);
    gc({ type: 'major', execution: 'sync' });
    const before = process.memoryUsage().arrayBuffers;
    await turns(200);
    gc({ type: 'minor', execution: 'sync' });
    gc({ type: 'minor', execution: 'sync' }); // the table of the moment is now old
    await turns(1000);
    gc({ type: 'minor', execution: 'sync' });
    gc({ type: 'minor', execution: 'sync' });
    console.log(process.memoryUsage().arrayBuffers - before);
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const kept = Number(run.stdout.trim());
  // 1,200 turns of three 2 KB answers: 7.2 MB. A Map emptied each turn kept 7.0 MB of them.
  assert.ok(kept < 1024 * 1024, `${(kept / 1048576).toFixed(2)} MB of past turns' answers outlived young collections`);
});
