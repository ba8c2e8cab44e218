/**
 * For tests: a stand-in Mastodon server on loopback (serves its actor from fixtures/, takes
 * deliveries) that signs what it sends with its own RSA key as Mastodon does (draft-cavage
 * HTTP signatures), and a Blattwerk instance with federation on at a known public URL.
 *
 * @example
 *   const mastodon = await startMastodon();
 *   const site = await startFederatingSite('sqlite');
 *   await mastodon.deliver(`${site.url}/ap/inbox`, mastodon.payload('follow', site.url, 1));
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { webcrypto } from 'node:crypto';
import { exportSpki, generateCryptoKeyPair, signRequest } from '@fedify/fedify';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createTestDatabase, type TestDatabase } from '../platform/testing.js';

type KeyPair = Awaited<ReturnType<typeof generateCryptoKeyPair>>;

export const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8');

export interface Mastodon {
  url: string;
  server: Server;
  received: Record<string, unknown>[];
  key: KeyPair;
  /** A fixture with this server's and the site's addresses filled in. */
  payload(name: string, site: string, articleId: number): string;
  /** POSTs `body` to `inbox`, signed as alice (or with `key`, or not at all). */
  deliver(inbox: string, body: string, options?: { key?: webcrypto.CryptoKey; unsigned?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

/** `actor` overrides fields of alice's actor document (a hostile name, a private inbox). */
export async function startMastodon(actor: Record<string, unknown> = {}): Promise<Mastodon> {
  const key = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
  const pem = await exportSpki(key.publicKey);
  const received: Record<string, unknown>[] = [];
  const server = createServer();
  const mastodon: Mastodon = {
    url: '',
    server,
    received,
    key,
    payload: (name, site, articleId) =>
      fixture(name).replaceAll('https://mastodon.example', mastodon.url).replaceAll('https://news.example', site).replaceAll('ARTICLE_ID', String(articleId)),
    async deliver(inbox, body, options = {}) {
      let request = new Request(inbox, { method: 'POST', headers: { 'content-type': 'application/activity+json' }, body });
      if (!options.unsigned) {
        request = await signRequest(request, options.key ?? key.privateKey, new URL(`${mastodon.url}/users/alice#main-key`), { spec: 'draft-cavage-http-signatures-12' });
      }
      return fetch(request);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  server.on('request', (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      if (request.method === 'GET' && request.url?.startsWith('/users/alice')) {
        const document = JSON.parse(fixture('actor').replaceAll('https://mastodon.example', mastodon.url)) as Record<string, unknown>;
        (document.publicKey as Record<string, unknown>).publicKeyPem = pem;
        response.writeHead(200, { 'content-type': 'application/activity+json' });
        response.end(JSON.stringify({ ...document, ...actor }));
        return;
      }
      if (request.method === 'POST') {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
        response.writeHead(202);
        response.end();
        return;
      }
      response.writeHead(404);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mastodon.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return mastodon;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface FederatingSite {
  app: App;
  db: TestDatabase;
  url: string;
  close(): Promise<void>;
}

/** A Blattwerk instance listening on loopback with federation on; workers off (tests run jobs). */
export async function startFederatingSite(kind: 'sqlite' | 'postgres'): Promise<FederatingSite> {
  process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = '1';
  const db = await createTestDatabase(kind);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = await buildApp(loadConfig({ flags: { data: db.dataDir, 'database-url': db.url, 'log-level': 'silent', workers: 'false', 'public-url': url }, env: { BLATTWERK_FEDERATION: 'on' } }));
  await app.http.listen({ port, host: '127.0.0.1' });
  app.services.federation.startQueue();
  return {
    app,
    db,
    url,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
