// Examples built from a schema (issue 17) keep to the schema's limits and the demo newsroom's
// words; a schema's own example wins; the document gets one wherever it has none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addExamples, exampleOf } from './openapi-examples.js';

const ctx = (route: string, name = route) => ({ route, parent: '', name, index: 0 });

test('a built example keeps to enums, lengths, minimums, patterns and nullable "not yet" fields', () => {
  const schema = {
    type: 'object',
    properties: {
      id: { type: 'integer', minimum: 1000 },
      title: { type: 'string', maxLength: 20 },
      kind: { type: 'string', enum: ['page', 'article'] },
      mode: { type: 'string', enum: ['stumm', 'laut'] },
      word: { type: 'string', pattern: '^[\\p{L}]+$' },
      revokedAt: { type: ['string', 'null'], format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
      url: { type: 'string', format: 'uri' },
      tags: { type: 'array', maxItems: 0, items: { type: 'string' } },
    },
  };
  const example = exampleOf(schema, ctx('integrations')) as Record<string, unknown>;
  assert.equal(example.id, 1000);
  assert.equal((example.title as string).length, 20);
  assert.equal(example.kind, 'article', 'the demo word where the enum allows it');
  assert.equal(example.mode, 'stumm', 'else the first value');
  assert.match(example.word as string, /^\p{L}+$/u);
  assert.equal(example.revokedAt, null);
  assert.match(example.createdAt as string, /^\d{4}-\d\d-\d\dT/);
  assert.ok(URL.canParse(example.url as string));
  assert.deepEqual(example.tags, []);
});

test('a schema’s own example is kept; words follow the route (a tag is named as a tag)', () => {
  assert.deepEqual(exampleOf({ type: 'object', examples: [{ name: 'n8n' }] }), { name: 'n8n' });
  const tag = exampleOf({ type: 'object', properties: { name: { type: 'string' }, slug: { type: 'string' } } }, ctx('tags')) as Record<string, string>;
  assert.deepEqual(tag, { name: 'Stadtrat', slug: 'stadtrat' });
});

test('addExamples fills success answers and bodies only, and leaves a written example alone', () => {
  const schema = { type: 'object', properties: { id: { type: 'integer' } } };
  const document = {
    paths: {
      '/api/v1/admin/tags': {
        post: {
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } },
          responses: {
            201: { content: { 'application/json': { schema } } },
            400: { content: { 'application/json': { schema } } },
            200: { content: { 'application/json': { schema, example: { id: 7 } } } },
          },
        },
      },
    },
  };
  addExamples(document);
  const post = document.paths['/api/v1/admin/tags'].post;
  assert.deepEqual((post.requestBody.content['application/json'] as { example?: unknown }).example, { name: 'Stadtrat' });
  assert.deepEqual((post.responses[201].content['application/json'] as { example?: unknown }).example, { id: 3 });
  assert.equal((post.responses[400].content['application/json'] as { example?: unknown }).example, undefined);
  assert.deepEqual(post.responses[200].content['application/json'].example, { id: 7 });
});
