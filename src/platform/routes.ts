/** Platform routes: health checks and the hashed static assets. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Assets } from './assets.js';
import type { DatabaseHandle } from './db/index.js';

export function registerHealthRoutes(app: FastifyInstance, { database }: { database: DatabaseHandle }): void {
  app.get('/healthz', { config: { access: 'public' } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/readyz', { config: { access: 'public' } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ready', database: database.dialect };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: database.dialect });
    }
  });
}

export function registerAssetRoutes(app: FastifyInstance, assets: Assets): void {
  app.get('/assets/*', { config: { access: 'public' } }, async (request, reply) => {
    const asset = assets.get(request.url.split('?')[0] ?? '');
    if (!asset) return reply.callNotFound();
    reply
      .header('content-type', asset.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', asset.etag)
      .header('vary', 'Accept-Encoding')
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    const accept = String(request.headers['accept-encoding'] ?? '');
    if (asset.br && accept.includes('br')) return reply.header('content-encoding', 'br').send(asset.br);
    if (asset.gzip && accept.includes('gzip')) return reply.header('content-encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.body);
  });
  const favicon = assets.get(assets.url('favicon.svg'));
  app.get('/favicon.ico', { config: { access: 'public' } }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml');
    return reply.send(favicon?.body ?? '');
  });
}
