/**
 * Fills a data folder for the benchmark before a server starts on it: the demo newsroom,
 * then comments under chosen articles (threaded, as readers write them), straight through
 * the services — the HTTP API would be slowed by its own rate limits.
 *
 * @example
 *   await seedComments(dataDir, [{ slug: 'haushaltsdebatte-im-stadtrat', count: 200 }]);
 */
import { buildServices, closeServices } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { seedDemo } from '../../src/demo/seed.js';

const WORDS = 'Stadtrat Haushalt Schulden Schulen Straßenbahn Bürger Verwaltung Kämmerin Antrag Sitzung Entscheidung richtig falsch teuer wichtig endlich warum'.split(' ');

export async function seedSite(dataDir: string, threads: { slug: string; count: number }[]): Promise<void> {
  const services = await buildServices(loadConfig({ flags: { data: dataDir, 'log-level': 'silent' }, env: {} }));
  try {
    await seedDemo(services);
    await services.search.reindexAll();
    await services.settings.update('discussion', { policy: 'none' });
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const { slug, count } of threads) {
      const article = await services.content.store.findBy('slug', slug);
      if (!article) throw new Error(`no article ${slug}`);
      const ids: number[] = [];
      for (let i = 0; i < count; i++) {
        const words = Array.from({ length: 20 + Math.floor(next() * 60) }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
        const parentId = ids.length > 3 && next() < 0.5 ? ids[Math.floor(next() * ids.length)]! : null;
        // A guest per comment (its own address hash), as readers write them.
        const guest = { kind: 'guest' as const, sessionHash: null, ipHash: `bench-${i}` };
        const { id } = await services.operations
          .postComment(guest, article.id, { body: `${words} (${i})`, parentId, name: `Leserin ${i % 37}`, email: `leserin${i % 37}@example.org`, notify: false })
          .catch(async (error: { code?: string }) => {
            // Too deep for the cap: answer at top level instead.
            if (error.code !== 'COMMENT_DEPTH') throw error;
            return services.operations.postComment(guest, article.id, { body: `${words} (${i}, top)`, parentId: null, name: 'Leser', email: 'leser@example.org', notify: false });
          });
        ids.push(id);
      }
    }
  } finally {
    await closeServices(services);
  }
}
