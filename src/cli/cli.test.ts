// The `blattwerk` command as users run it: a real child process per call.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/blattwerk.js', import.meta.url));
let dir: string;

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BLATTWERK_LOG_LEVEL: 'silent', BLATTWERK_FROM_SOURCE: '1', ...env },
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'bw-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('every command has --help', () => {
  for (const command of [[], ['serve'], ['demo'], ['migrate'], ['user']]) {
    const { code, out } = run([...command, '--help']);
    assert.equal(code, 0, command.join(' '));
    assert.match(out, /Usage: blattwerk/);
    assert.match(out, /--data DIR/);
  }
  const unknown = run(['publish-everything']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /Unknown command/);
});

test('migrate, then demo twice: the second run adds nothing', () => {
  const data = join(dir, 'site');
  const migrate = run(['migrate', '--data', data]);
  assert.equal(migrate.code, 0, migrate.err);
  assert.match(migrate.out, /0001_platform/);
  assert.match(run(['migrate', '--data', data]).out, /up to date/);
  const first = run(['demo', '--data', data]);
  assert.equal(first.code, 0, first.err);
  const articles = Number(/(\d+) new articles/.exec(first.out)?.[1]);
  assert.ok(articles >= 12, first.out);
  const second = run(['demo', '--data', data]);
  assert.equal(second.code, 0, second.err);
  assert.match(second.out, /0 new articles, 0 pages, 0 authors, 0 tags, 0 images/);
});

test('user add creates a staff account and refuses bad input clearly', () => {
  const data = join(dir, 'users');
  const ok = run(['user', 'add', '--data', data, '--email', 'chefin@example.org', '--password', 'lang-und-geheim', '--role', 'owner']);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /Created owner chefin@example.org/);
  const twice = run(['user', 'add', '--data', data, '--email', 'chefin@example.org', '--password', 'lang-und-geheim', '--role', 'owner']);
  assert.equal(twice.code, 1);
  assert.match(twice.err, /email/);
  const role = run(['user', 'add', '--data', data, '--email', 'x@example.org', '--password', 'lang-und-geheim', '--role', 'king']);
  assert.equal(role.code, 1);
  assert.match(role.err, /role/);
  const short = run(['user', 'add', '--data', data, '--email', 'y@example.org', '--password', 'kurz', '--role', 'editor']);
  assert.equal(short.code, 1);
  assert.match(short.err, /password/);
});

test('a broken config file or database URL stops the server at boot, naming the setting', () => {
  const data = join(dir, 'broken');
  const bad = run(['serve', '--data', data], { BLATTWERK_DATABASE_URL: 'mysql://nope' });
  assert.equal(bad.code, 1);
  assert.match(bad.err, /databaseUrl/);
  const unreachable = run(['serve', '--data', data], { BLATTWERK_DATABASE_URL: 'postgres://x:y@127.0.0.1:1/none' });
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.err, /databaseUrl/);
  const config = join(dir, 'broken.json');
  writeFileSync(config, '{ "port": ');
  const file = run(['serve', '--data', data, '--config', config]);
  assert.equal(file.code, 1);
  assert.match(file.err, /config/);
  const port = run(['serve', '--data', data, '--port', 'abc']);
  assert.equal(port.code, 1);
  assert.match(port.err, /port/);
});

test('import wordpress and export --format wordpress are wired into the command', () => {
  const data = join(dir, 'wp');
  const imported = run(['import', 'wordpress', fileURLToPath(new URL('../migrate-in/fixtures/wordpress.xml', import.meta.url)), '--data', data, '--quiet']);
  assert.equal(imported.code, 0, imported.err + imported.out);
  assert.equal(run(['export', '--format', 'wordpress', '--data', data]).code, 2, 'without a public address the export refuses to guess one');
  const exported = run(['export', '--format', 'wordpress', '--data', data, '--public-url', 'https://zeitung.example']);
  assert.equal(exported.code, 0, exported.err);
  assert.match(exported.out, /<rss[^>]+xmlns:wp=/);
  assert.match(exported.out, /<wp:comment>/);
  assert.equal(run(['import', 'ghost', '--help']).code, 0);
});
