// The outbound helper: which addresses count as private, how URLs are judged, and what a
// request does with slow, large and redirecting answers. Servers here listen on 127.0.0.1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackAddress, isPrivateAddress, senderKey } from './ip.js';
import { checkOutboundUrl, OutboundError, outboundRequest } from './outbound.js';

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

async function problem(url: string, options: Parameters<typeof checkOutboundUrl>[1]): Promise<string | null> {
  try {
    await checkOutboundUrl(url, options);
    return null;
  } catch (error) {
    assert.ok(error instanceof OutboundError);
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

test('loopback only, and who a sender is', () => {
  for (const ip of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) assert.equal(isLoopbackAddress(ip), true, ip);
  for (const ip of ['10.0.0.1', '::', '::2', 'fe80::1', '8.8.8.8', '::ffff:10.0.0.1', 'localhost']) assert.equal(isLoopbackAddress(ip), false, ip);
  assert.equal(senderKey('2001:DB8:0:0:1::5'), '2001:db8:0:0::/64');
  assert.equal(senderKey('::ffff:203.0.113.7'), '203.0.113.7');
  assert.equal(senderKey('203.0.113.7'), '203.0.113.7');
});

// --- Requests ------------------------------------------------------------------------------

let server: Server;
let base: string;
const hits: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/big') return res.end('x'.repeat(100_000));
    if (url.pathname === '/hang') return;
    if (url.pathname === '/dribble') {
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (url.pathname === '/to-private') return res.writeHead(302, { location: 'http://0.0.0.0:1/secret' }).end();
    if (url.pathname === '/to-self') return res.writeHead(303, { location: '/final' }).end();
    if (url.pathname === '/loop') return res.writeHead(302, { location: '/loop' }).end();
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${url.pathname} ${body}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A test with the documented switch on: the server here is on loopback. */
function withLoopback(name: string, run: () => Promise<void>) {
  test(name, async () => {
    process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = '1';
    try {
      await run();
    } finally {
      delete process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK;
    }
  });
}

const problemOf = async (run: Promise<unknown>) => {
  try {
    await run;
    return null;
  } catch (error) {
    return error instanceof OutboundError ? error.problem : String(error);
  }
};

withLoopback('answers status, headers and body; POST sends its body', async () => {
  const answer = await outboundRequest(`${base}/echo`, { method: 'POST', body: 'a=1' });
  assert.equal(answer.status, 200);
  assert.equal(answer.body.toString(), 'POST /echo a=1');
  assert.equal(answer.headers['content-type'], 'text/plain');
});

withLoopback('the size cap: refused by default, or cut at the cap when asked', async () => {
  assert.equal(await problemOf(outboundRequest(`${base}/big`, { maxBytes: 1000 })), 'too-large');
  const cut = await outboundRequest(`${base}/big`, { maxBytes: 1000, overflow: 'truncate' });
  assert.deepEqual([cut.body.length, cut.truncated], [1000, true]);
  assert.equal((await outboundRequest(`${base}/big`)).body.length, 100_000, 'under the default cap of 1 MB');
});

withLoopback('one deadline for the whole exchange: a silent server and a dribbling one', async () => {
  assert.equal(await problemOf(outboundRequest(`${base}/hang`, { timeoutMs: 200 })), 'timeout');
  assert.equal(await problemOf(outboundRequest(`${base}/dribble`, { timeoutMs: 300 })), 'timeout');
});

withLoopback('redirects: not followed unless asked; followed ones are checked again, and counted', async () => {
  const unfollowed = await outboundRequest(`${base}/to-self`);
  assert.equal(unfollowed.status, 303);
  const followed = await outboundRequest(`${base}/to-self`, { method: 'POST', body: 'x', redirects: 2 });
  assert.deepEqual([followed.status, followed.body.toString(), followed.url], [200, 'GET /final ', `${base}/final`]);
  const before = hits.length;
  assert.equal(await problemOf(outboundRequest(`${base}/to-private`, { redirects: 3 })), 'private');
  assert.deepEqual(hits.slice(before), ['/to-private'], 'the private hop was never tried');
  assert.equal((await outboundRequest(`${base}/loop`, { redirects: 3 })).status, 302, 'gives up after the allowed hops');
});

test('without the test switch, loopback is refused before any connection; private targets only when allowed', async () => {
  {
    const before = hits.length;
    assert.equal(await problemOf(outboundRequest(`${base}/echo`)), 'private');
    const port = new URL(base).port;
    assert.equal(await problemOf(outboundRequest(`http://localhost:${port}/echo`)), 'private', 'a name resolving to loopback');
    assert.equal(await problemOf(outboundRequest(`http://[::ffff:7f00:1]:${port}/echo`)), 'private');
    assert.equal(await problemOf(outboundRequest('ftp://example.org/')), 'scheme');
    assert.equal(await problemOf(outboundRequest('nonsense')), 'invalid');
    assert.equal(hits.length, before, 'nothing reached the server');
    assert.equal((await outboundRequest(`${base}/echo`, { allowPrivate: true })).status, 200);
  }
});
