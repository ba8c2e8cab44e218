/**
 * Prometheus metrics at `/metrics`, behind a bearer token (`BLATTWERK_METRICS_TOKEN`;
 * without one the endpoint does not exist). Request durations per route, page-cache hits
 * and misses, job queue depth and open SSE connections, plus Node's process metrics.
 *
 * @example
 *   curl -H 'Authorization: Bearer $TOKEN' http://127.0.0.1:3000/metrics
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PageCache } from './cache.js';
import type { JobQueue } from './jobs/index.js';
import type { SseHub } from './sse.js';

export interface MetricsDeps {
  token: string | null;
  cache: PageCache;
  jobs: Pick<JobQueue, 'stats'>;
  sse: Pick<SseHub, 'connections'>;
}

export function registerMetrics(app: FastifyInstance, deps: MetricsDeps): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'blattwerk_' });
  const duration = new Histogram({
    name: 'blattwerk_http_request_duration_seconds',
    help: 'Duration of requests answered by a route (page-cache hits are counted separately)',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Counter({
    name: 'blattwerk_page_cache_hits_total',
    help: 'Pages answered from the page cache',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(deps.cache.hits);
    },
  });
  new Counter({
    name: 'blattwerk_page_cache_misses_total',
    help: 'Page-cache lookups that had to render',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(deps.cache.misses);
    },
  });
  new Gauge({
    name: 'blattwerk_page_cache_entries',
    help: 'Pages held in the page cache',
    registers: [registry],
    collect() {
      this.set(deps.cache.size);
    },
  });
  new Gauge({
    name: 'blattwerk_sse_connections',
    help: 'Open Server-Sent Events streams',
    registers: [registry],
    collect() {
      this.set(deps.sse.connections());
    },
  });
  new Gauge({
    name: 'blattwerk_jobs',
    help: 'Durable jobs by status (queued = queue depth)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const stats = await deps.jobs.stats();
      this.reset();
      for (const [status, count] of Object.entries(stats.total)) this.set({ status }, Number(count));
      this.set({ status: 'due' }, stats.due);
    },
  });

  // On the raw response, so pages sent by the page cache's writer (hijacked replies,
  // which skip onResponse hooks) are measured too.
  app.addHook('onRequest', (request, reply, done) => {
    const started = process.hrtime.bigint();
    reply.raw.once('finish', () => {
      const route = request.routeOptions.url ?? 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      duration.observe({ method: request.method, route, status: String(reply.raw.statusCode) }, seconds);
    });
    done();
  });

  if (deps.token) {
    const expected = Buffer.from(`Bearer ${deps.token}`);
    app.get('/metrics', { config: { access: 'token' }, schema: { hide: true } }, async (request, reply) => {
      const given = Buffer.from(String(request.headers.authorization ?? ''));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send({ error: { code: 'UNAUTHORIZED', message: 'metrics token required' } });
      }
      return reply.type(registry.contentType).header('cache-control', 'no-store').send(await registry.metrics());
    });
  }
  return registry;
}
