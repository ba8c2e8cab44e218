// `blattwerk federation rotate-keys` replaces the actors' keys in the database; `--federation`
// and BLATTWERK_FEDERATION=on switch federation on (a wrong value stops the boot, naming it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportJwk } from '@fedify/fedify';
import { buildServices, closeServices } from '../app.js';
import { main } from '../cli/index.js';
import { ConfigError, loadConfig } from '../platform/config.js';
import { createTestDatabase } from '../platform/testing.js';

test('--federation and BLATTWERK_FEDERATION=on switch federation on; a wrong value names the setting', () => {
  assert.equal(loadConfig({ env: {} }).federation, false);
  assert.equal(loadConfig({ flags: { federation: true }, env: {} }).federation, true);
  assert.equal(loadConfig({ env: { BLATTWERK_FEDERATION: 'on' } }).federation, true);
  assert.throws(() => loadConfig({ env: { BLATTWERK_FEDERATION: 'vielleicht' } }), (error: unknown) => error instanceof ConfigError && error.setting === 'federation');
});

test('federation rotate-keys makes new keys for the actors that have some', async () => {
  const db = await createTestDatabase('sqlite');
  const args = ['--data', db.dataDir, '--database-url', db.url, '--log-level', 'silent'];
  const printed: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => void printed.push(parts.join(' '));
  try {
    assert.equal(await main(['federation', 'rotate-keys', ...args], {}), 0);
    assert.match(printed.at(-1) ?? '', /No actor has keys yet/);
    const config = loadConfig({ flags: { data: db.dataDir, 'database-url': db.url, 'log-level': 'silent', workers: 'false' }, env: {} });
    let services = await buildServices(config);
    const before = JSON.stringify(await exportJwk((await services.federation.keys.pairsOf('site'))[0]!.publicKey));
    await closeServices(services);
    assert.equal(await main(['federation', 'rotate-keys', ...args], {}), 0);
    assert.equal(printed.at(-1), 'New keys for: site');
    services = await buildServices(config);
    const after = JSON.stringify(await exportJwk((await services.federation.keys.pairsOf('site'))[0]!.publicKey));
    await closeServices(services);
    assert.notEqual(after, before);
    assert.equal(await main(['federation', 'nonsense', ...args], {}), 1);
  } finally {
    console.log = log;
    await db.drop();
  }
});
