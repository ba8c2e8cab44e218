// SSRF protection: which addresses count as private, and how URLs are judged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWebhookUrl, isPrivateAddress, WebhookTargetError } from './address.js';

test('loopback, private, link-local and other non-public addresses', () => {
  for (const ip of [
    '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254',
    '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '198.18.0.1',
    '::1', '::', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:c0a8:101::1', '::127.0.0.1',
    'not-an-ip',
  ]) {
    assert.equal(isPrivateAddress(ip), true, ip);
  }
  for (const ip of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2002:808:808::1']) {
    assert.equal(isPrivateAddress(ip), false, ip);
  }
});

async function problem(url: string, options: Parameters<typeof checkWebhookUrl>[1]): Promise<string | null> {
  try {
    await checkWebhookUrl(url, options);
    return null;
  } catch (error) {
    assert.ok(error instanceof WebhookTargetError);
    return error.problem;
  }
}

test('URLs: http(s) only; private targets refused unless allowed; names judged by what they resolve to', async () => {
  const resolve = async (host: string) => ({ 'hooks.example.org': ['93.184.215.14'], 'intern.example.org': ['93.184.215.14', '10.1.1.1'] })[host] ?? [];
  const off = { allowPrivate: false, resolve };
  assert.equal(await problem('https://hooks.example.org/in', off), null);
  assert.equal(await problem('http://127.0.0.1:8080/', off), 'private');
  assert.equal(await problem('http://[::1]/', off), 'private');
  assert.equal(await problem('http://[::ffff:127.0.0.1]/', off), 'private');
  assert.equal(await problem('http://2130706433/', off), 'private', 'the URL parser turns this into 127.0.0.1');
  assert.equal(await problem('https://intern.example.org/', off), 'private', 'one private address is enough');
  assert.equal(await problem('https://nowhere.example.org/', off), 'unresolvable');
  assert.equal(await problem('ftp://hooks.example.org/', off), 'scheme');
  assert.equal(await problem('javascript:alert(1)', off), 'scheme');
  assert.equal(await problem('not a url', off), 'invalid');
  assert.equal(await problem('http://127.0.0.1:8080/', { allowPrivate: true }), null);
  assert.equal(await problem('file:///etc/passwd', { allowPrivate: true }), 'scheme');
});

test('localhost resolves to loopback and is refused', async () => {
  assert.equal(await problem('http://localhost:5432/', { allowPrivate: false }), 'private');
});
