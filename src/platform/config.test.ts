import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from './config.js';

test('flags win over environment variables, which win over the config file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-config-'));
  writeFileSync(join(dir, 'blattwerk.json'), JSON.stringify({ port: 4000, host: '0.0.0.0', logLevel: 'warn' }));
  const config = loadConfig({ flags: { data: dir, port: '5000' }, env: { BLATTWERK_PORT: '4500', BLATTWERK_HOST: '127.0.0.2' } });
  assert.equal(config.port, 5000);
  assert.equal(config.host, '127.0.0.2');
  assert.equal(config.logLevel, 'warn');
  assert.equal(config.databaseUrl, `sqlite:${join(dir, 'blattwerk.db')}`);
});

test('defaults serve on 127.0.0.1:3000 from ./data', () => {
  const config = loadConfig({ env: {} });
  assert.equal(config.port, 3000);
  assert.equal(config.host, '127.0.0.1');
  assert.match(config.databaseUrl, /^sqlite:.*data\/blattwerk\.db$/);
  assert.equal(config.publicUrl, 'http://127.0.0.1:3000');
});

test('bad values stop the boot with the setting named', () => {
  const cases: [Parameters<typeof loadConfig>[0], string][] = [
    [{ flags: { port: 'abc' } }, 'port'],
    [{ flags: { port: '70000' } }, 'port'],
    [{ env: { BLATTWERK_DATABASE_URL: 'mysql://x' } }, 'databaseUrl'],
    [{ env: { BLATTWERK_PUBLIC_URL: 'ftp://example.org' } }, 'publicUrl'],
    [{ env: { BLATTWERK_PUBLIC_URL: 'not a url' } }, 'publicUrl'],
    [{ env: { BLATTWERK_LOG_LEVEL: 'loud' } }, 'logLevel'],
    [{ env: { BLATTWERK_PAGE_CACHE: 'maybe' } }, 'pageCache'],
    [{ env: { BLATTWERK_SMTP_URL: 'http://mail' } }, 'smtpUrl'],
  ];
  for (const [sources, setting] of cases) {
    assert.throws(() => loadConfig(sources), (e: unknown) => e instanceof ConfigError && e.setting === setting, setting);
  }
});

test('a broken config file is named in the error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-config-'));
  writeFileSync(join(dir, 'blattwerk.json'), '{ port: 3000');
  assert.throws(() => loadConfig({ flags: { data: dir } }), (e: unknown) => e instanceof ConfigError && e.setting === 'config' && /not valid JSON/.test(e.message));
  writeFileSync(join(dir, 'blattwerk.json'), JSON.stringify({ prot: 3000 }));
  assert.throws(() => loadConfig({ flags: { data: dir } }), (e: unknown) => e instanceof ConfigError && e.setting === 'prot');
});
