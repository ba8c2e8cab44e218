// The typed TypeScript client (issue 17, clients/typescript/): its files are what the served
// document gives now (regenerate with `npm run client:generate`), and it works against a
// running server over real HTTP on loopback, with a content key and an integration token.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createBlattwerkClient } from '../../clients/typescript/index.js';
import { DOCUMENT_FILE, TYPES_FILE, documentNow, documentText, typesOf } from '../../clients/typescript/generate.js';
import { startKit, type Kit } from './testkit.js';

let kit: Kit;
let baseUrl: string;

before(async () => {
  kit = await startKit();
  await kit.app.http.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(kit.app.http.server.address() as AddressInfo).port}`;
});
after(async () => kit.stop());

test('the client is generated from the document the app serves (npm run client:generate)', async () => {
  const served = await fetch(`${baseUrl}/api/v1/openapi.json`).then((res) => res.json() as Promise<Record<string, unknown>>);
  const fresh = await documentNow();
  assert.deepEqual(fresh, served, 'a fresh app serves the same document');
  assert.equal(readFileSync(DOCUMENT_FILE, 'utf8'), documentText(served), 'clients/typescript/openapi.json is stale: run npm run client:generate');
  assert.equal(readFileSync(TYPES_FILE, 'utf8'), await typesOf(served), 'clients/typescript/schema.d.ts is stale: run npm run client:generate');
});

test('the client reads the Content API and writes with a token against a running server', async () => {
  const { token, contentKey } = await kit.createIntegration(['content:read', 'content:write'], 'Typed client');
  const author = await kit.app.services.content.createAuthor({ name: 'Clara Client' });
  const writer = createBlattwerkClient({ baseUrl, token });
  const created = await writer.POST('/api/v1/admin/articles', {
    body: { lang: 'de', title: 'Über den Client', body: [{ type: 'paragraph', text: 'Getippt.' }], status: 'published', authorIds: [author.id], tagIds: [] } as never,
  });
  assert.equal(created.response.status, 201, JSON.stringify(created.error));

  const reader = createBlattwerkClient({ baseUrl, contentKey });
  const { data, error, response } = await reader.GET('/api/v1/content/articles', { params: { query: { limit: '5', fields: 'id,title,url' } } });
  assert.equal(error, undefined);
  assert.equal(response.status, 200);
  assert.deepEqual(data?.articles.map((a) => a.title), ['Über den Client']);
  assert.equal(data?.meta.next, null);
  const one = await reader.GET('/api/v1/content/articles/{idOrSlug}', { params: { path: { idOrSlug: 'ueber-den-client' } } });
  assert.match(one.data?.article.html ?? '', /Getippt\./);

  const refused = await reader.GET('/api/v1/content/articles', { params: { query: { limit: '99' } } });
  assert.equal(refused.response.status, 400);
  assert.equal(refused.error?.error.field, 'limit');

  // The content key as the document lists it: `?key=`, a typed query parameter of every Content API route.
  const keyless = createBlattwerkClient({ baseUrl });
  const tags = await keyless.GET('/api/v1/content/tags', { params: { query: { key: contentKey } } });
  assert.equal(tags.response.status, 200);
  const unknown = await keyless.GET('/api/v1/content/settings', { params: { query: { key: 'bwc_unbekannt' } } });
  assert.equal(unknown.response.status, 401);
});
