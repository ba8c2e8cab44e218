/**
 * The proofreader of one site: `proofread` with the site's published vocabulary and the
 * newsroom dictionary filled in. The routes, the editor and the pre-publish checklist
 * share one per app through `proofreaderOf(services)`, so the vocabulary is built once.
 *
 * @example
 *   const proofreader = proofreaderOf(app.services);
 *   const findings = await proofreader.check('Frau Lindenau sprach von der Urkaine.', 'de');
 *   findings.map((f) => f.word); // ['Urkaine'] once "Lindenau" is in a published article
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { EventBus } from '../../platform/events.js';
import { createNewsroomDictionary } from './dictionary.js';
import { anyOf } from './known.js';
import { proofread, type ProofreadOptions } from './proofread.js';
import { publishedTexts } from './published.js';
import type { Finding, Language } from './types.js';
import { createSiteVocabulary } from './vocabulary.js';

export interface ProofreadDeps {
  db: Kysely<Database>;
  bus: Pick<EventBus, 'on'>;
  now?: () => Date;
}

export function createProofreadService({ db, bus, now }: ProofreadDeps) {
  const vocabulary = createSiteVocabulary(publishedTexts(db), bus);
  const dictionary = createNewsroomDictionary(db, now);
  return {
    vocabulary,
    dictionary,
    /** `proofread` with this site's own words accepted. */
    async check(text: string, language: Language, options: Omit<ProofreadOptions, 'known'> = {}): Promise<Finding[]> {
      const [site, newsroom] = await Promise.all([vocabulary.known(), dictionary.known()]);
      return proofread(text, language, { ...options, known: anyOf(newsroom, site) });
    },
    stop: () => vocabulary.stop(),
  };
}

export type ProofreadService = ReturnType<typeof createProofreadService>;

const services = new WeakMap<object, ProofreadService>();

/**
 * The one proofreader of an app, created on first use. Keyed by the app's services
 * object, so each app (and each test's app) has its own, and it goes when the app does.
 */
export function proofreaderOf(app: { database: { db: Kysely<Database> }; bus: Pick<EventBus, 'on'>; now: () => Date }): ProofreadService {
  let service = services.get(app);
  if (!service) {
    service = createProofreadService({ db: app.database.db, bus: app.bus, now: app.now });
    services.set(app, service);
  }
  return service;
}
