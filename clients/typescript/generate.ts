/**
 * Regenerates the typed client's files from the document the app serves: `openapi.json`
 * (the OpenAPI 3.1 document, as `/api/v1/openapi.json` gives it) and `schema.d.ts` (its
 * types, by openapi-typescript). Run with `npm run client:generate` after changing a route.
 * `documentNow()` and `typesOf()` are shared with the test that checks the files are current.
 *
 * @example
 *   npm run client:generate
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS from 'openapi-typescript';

const here = dirname(fileURLToPath(import.meta.url));
export const DOCUMENT_FILE = join(here, 'openapi.json');
export const TYPES_FILE = join(here, 'schema.d.ts');

/** The document of a fresh app with the default public address (what the files hold). */
export async function documentNow(): Promise<Record<string, unknown>> {
  const { buildApp } = await import('../../src/app.js');
  const { loadConfig } = await import('../../src/platform/config.js');
  const dir = mkdtempSync(join(tmpdir(), 'blattwerk-client-'));
  const app = await buildApp(loadConfig({ flags: { data: dir, 'database-url': `sqlite:${join(dir, 'client.db')}`, 'log-level': 'silent', workers: false }, env: {} }));
  try {
    return JSON.parse(JSON.stringify(app.http.swagger())) as Record<string, unknown>;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const documentText = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

/** The TypeScript types of a document (openapi-typescript 6; see README.md why not 7). */
export async function typesOf(doc: Record<string, unknown>): Promise<string> {
  // openapi-typescript 6 reads the document it is given; it fetches nothing.
  return openapiTS(doc as never, { exportType: false, alphabetize: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const doc = await documentNow();
  writeFileSync(DOCUMENT_FILE, documentText(doc));
  writeFileSync(TYPES_FILE, await typesOf(doc));
  console.log(`wrote ${DOCUMENT_FILE} and ${TYPES_FILE}`);
}
