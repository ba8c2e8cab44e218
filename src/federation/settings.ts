/**
 * The federation's site settings, one JSON document under the key `federation` in the
 * `settings` table (like every settings section), edited on the newsroom's federation page.
 * Off by default; `BLATTWERK_FEDERATION=on` (`--federation`) turns it on whatever is stored.
 *
 * @example
 *   const settings = createFederationSettings({ db, bus, forceOn: config.federation, now });
 *   if ((await settings.get()).enabled) …
 *   await settings.update({ blockedDomains: ['spam.example'] });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { EventBus } from '../platform/events.js';
import { AppError } from '../platform/errors.js';

export interface FederationSettings {
  /** The site's actor and its doors answer (else 404 on /.well-known/webfinger, /ap/…). */
  enabled: boolean;
  /** The site actor's name in `@name@domain`; empty: taken from the site's address. */
  handle: string;
  /** Follows wait in the newsroom until someone approves them. */
  approveFollowers: boolean;
  /** Instances (domains, with their subdomains) whose activities are refused. */
  blockedDomains: string[];
  /** Comments written on the site are sent out as replies to the article. */
  federateComments: boolean;
}

export const DEFAULT_FEDERATION: FederationSettings = {
  enabled: false,
  handle: '',
  approveFollowers: false,
  blockedDomains: [],
  federateComments: false,
};

const KEY = 'federation';
const HANDLE = /^[a-z0-9_][a-z0-9_.-]{0,29}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** `Spam.Example.` → `spam.example`; null for what is no domain name. */
export function normaliseDomain(text: string): string | null {
  const domain = text.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
  return DOMAIN.test(domain) ? domain : null;
}

/** True when `host` is a blocked domain or one of its subdomains. */
export function isBlocked(host: string, blocked: readonly string[]): boolean {
  const h = host.toLowerCase();
  return blocked.some((domain) => h === domain || h.endsWith(`.${domain}`));
}

export interface FederationSettingsStore {
  get(): Promise<FederationSettings & { forced: boolean }>;
  update(patch: Partial<FederationSettings>): Promise<FederationSettings>;
}

export function createFederationSettings(deps: {
  db: Kysely<Database>;
  bus: Pick<EventBus, 'on' | 'emit'>;
  forceOn: boolean;
  now: () => Date;
}): FederationSettingsStore {
  let cached: Promise<FederationSettings> | null = null;
  deps.bus.on('settings.changed', ({ keys }) => {
    if (keys.includes(KEY)) cached = null;
  });

  async function read(): Promise<FederationSettings> {
    const row = await deps.db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
    if (!row) return { ...DEFAULT_FEDERATION };
    try {
      return { ...DEFAULT_FEDERATION, ...(JSON.parse(row.value) as Partial<FederationSettings>) };
    } catch {
      return { ...DEFAULT_FEDERATION };
    }
  }

  return {
    async get() {
      cached ??= read();
      const stored = await cached.catch((error: unknown) => {
        cached = null;
        throw error;
      });
      return { ...stored, enabled: stored.enabled || deps.forceOn, forced: deps.forceOn };
    },
    async update(patch) {
      const next: FederationSettings = { ...(await read()), ...patch };
      if (typeof next.enabled !== 'boolean') throw new AppError('VALIDATION', { field: 'enabled' });
      if (typeof next.approveFollowers !== 'boolean') throw new AppError('VALIDATION', { field: 'approveFollowers' });
      if (typeof next.federateComments !== 'boolean') throw new AppError('VALIDATION', { field: 'federateComments' });
      if (typeof next.handle !== 'string' || (next.handle !== '' && !HANDLE.test(next.handle))) {
        throw new AppError('VALIDATION', { field: 'handle', detail: 'a–z, 0–9, _ . - and at most 30 characters' });
      }
      if (!Array.isArray(next.blockedDomains) || next.blockedDomains.length > 5000) throw new AppError('VALIDATION', { field: 'blockedDomains' });
      const domains: string[] = [];
      for (const entry of next.blockedDomains) {
        const domain = typeof entry === 'string' ? normaliseDomain(entry) : null;
        if (domain === null) throw new AppError('VALIDATION', { field: 'blockedDomains', detail: String(entry).slice(0, 100) });
        if (!domains.includes(domain)) domains.push(domain);
      }
      next.blockedDomains = domains;
      const value = JSON.stringify(next);
      const updated_at = deps.now().toISOString();
      await deps.db
        .insertInto('settings')
        .values({ key: KEY, value, updated_at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at }))
        .execute();
      cached = null;
      await deps.bus.emit('settings.changed', { keys: [KEY] });
      return next;
    },
  };
}
