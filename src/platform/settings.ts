/**
 * Site settings that editors change in the admin (not boot config): the site's name and
 * language, donation details, the facts the legal pages are generated from. Stored as
 * one JSON document per section in `settings`; read through a small in-memory copy that
 * is dropped when a `settings.changed` event arrives (also from other nodes).
 *
 * @example
 *   const site = await settings.get('site');
 *   await settings.update('donation', { iban: 'DE02120300000000202051' });
 */
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { EventBus } from './events.js';
import type { Language } from './i18n.js';

export interface Link {
  label: string;
  url: string;
}

export interface SiteSettings {
  site: {
    title: string;
    tagline: string;
    description: string;
    language: Language;
    /** The home page shows articles in the site's language before those in other languages. */
    homeLanguageFirst: boolean;
    navigation: Link[];
    social: Link[];
    /** Shown in the follow box under articles. */
    followText: string;
  };
  donation: {
    enabled: boolean;
    recipient: string;
    iban: string;
    bic: string;
    /** Remittance text put into the GiroCode. */
    purpose: string;
    appeal: string;
    /** Suggested amounts in euro for the GiroCode buttons; 0 = reader decides. */
    amounts: number[];
    providers: Link[];
  };
  discussion: {
    /** 'first': hold the first comment of a new identity; 'all': hold all; 'none': publish directly. */
    policy: 'first' | 'all' | 'none';
    /** Who may comment: guests with name and e-mail, reader accounts, or both. */
    identity: 'guests' | 'accounts' | 'both';
    /** Replies deeper than this continue on their own page. */
    depthCap: number;
    editMinutes: number;
    /** Close comments automatically this many days after publication; 0 = never. */
    closeAfterDays: number;
    maxLinks: number;
    /** Top-level threads per page under an article. */
    threadsPerPage: number;
    /** moderation: a public page (/moderation/) lists moderation actions, without personal data. */
    publicLog: boolean;
    /** moderation: hours a moderator has to decide on a DSA notice of illegal content. */
    noticeDeadlineHours: number;
  };
  legal: {
    /** Which Impressum to generate: German (DDG/MStV) or Austrian (ECG/MedienG). */
    country: 'de' | 'at';
    publisher: string;
    legalForm: string;
    address: string;
    email: string;
    phone: string;
    register: string;
    vatId: string;
    responsibleEditor: string;
    responsibleEditorAddress: string;
    /** Austria, § 25 MedienG: media owner and the fundamental editorial line. */
    mediaOwner: string;
    editorialLine: string;
    privacyContact: string;
    hostingProvider: string;
  };
  // --- audience (newsletter, src/audience/) ---
  newsletter: {
    /** Tag slugs readers may choose as topics when they subscribe. */
    topics: string[];
    /** From of newsletter mail; with an empty address the mailer's own From is used. */
    senderName: string;
    senderEmail: string;
    /** Newsletter mails handed to SMTP per second, all nodes together. */
    ratePerSecond: number;
  };
  // --- end audience ---
  // --- distribution (issue 5: autopost, webhooks, feed extras) ---
  /** Channel autopost through the Telegram Bot API (distribution/autopost). */
  telegram: {
    enabled: boolean;
    /** Secret: never logged, never sent to a browser. */
    botToken: string;
    /** `@channelname` or a numeric chat id. */
    channel: string;
    /** A self-hosted Bot API server, or a stand-in in tests. */
    apiBase: string;
  };
  distribution: {
    /** A WebSub hub announced in every feed and pinged on publication; empty = none. */
    websubHub: string;
    /** Lets webhooks reach loopback and private networks (off: SSRF protection). */
    allowPrivateWebhookTargets: boolean;
  };
  // --- end distribution ---
  // --- admin (issue 4: newsroom rules) ---
  editorial: {
    /** Publishing is refused while an image in the article lacks a credit or a licence. */
    requireImageCredit: boolean;
  };
  // --- end admin ---
  // --- design (issue 12: site/theme) ---
  design: DesignSettings;
  // --- end design ---
}

/**
 * The site's look, edited on the newsroom's design page (site/theme checks every value).
 * Image fields hold the URL path of a stored theme asset (`/theme/logo-light.HASH.png`), or ''.
 */
export interface DesignSettings {
  /** Accent colour as `#rrggbb`: links and buttons. The dark-mode variant is derived. */
  accent: string;
  /** One of the bundled font pairings (site/theme/fonts.ts). */
  fonts: string;
  /** Home page: lead story over a grid of cards, or a plain river of headlines. */
  homeLayout: 'lead-grid' | 'river';
  newsletterBox: boolean;
  supportBox: boolean;
  logoLight: string;
  logoDark: string;
  /** App icons made from one square upload; '' = the bundled icon. */
  icons: { png32: string; png180: string; png192: string; png512: string } | null;
  /** Served as a stylesheet of its own (hashed URL), never inside the HTML. */
  customCss: string;
}

export type SettingsSection = keyof SiteSettings;

export const DEFAULT_SETTINGS: SiteSettings = {
  site: {
    title: 'Blattwerk',
    tagline: 'Unabhängiger Lokaljournalismus',
    description: 'Eine unabhängige, von Leserinnen und Lesern finanzierte Redaktion.',
    language: 'de',
    homeLanguageFirst: true,
    navigation: [],
    social: [],
    followText: '',
  },
  donation: {
    enabled: true,
    recipient: '',
    iban: '',
    bic: '',
    purpose: 'Spende',
    appeal: '',
    amounts: [5, 10, 25, 50],
    providers: [],
  },
  discussion: {
    policy: 'first',
    identity: 'guests',
    depthCap: 8,
    editMinutes: 15,
    closeAfterDays: 0,
    maxLinks: 3,
    threadsPerPage: 50,
    publicLog: false,
    noticeDeadlineHours: 24,
  },
  legal: {
    country: 'de',
    publisher: '',
    legalForm: '',
    address: '',
    email: '',
    phone: '',
    register: '',
    vatId: '',
    responsibleEditor: '',
    responsibleEditorAddress: '',
    mediaOwner: '',
    editorialLine: '',
    privacyContact: '',
    hostingProvider: '',
  },
  // --- audience (newsletter) ---
  newsletter: { topics: [], senderName: '', senderEmail: '', ratePerSecond: 20 },
  // --- end audience ---
  // --- distribution (issue 5) ---
  telegram: { enabled: false, botToken: '', channel: '', apiBase: 'https://api.telegram.org' },
  distribution: { websubHub: '', allowPrivateWebhookTargets: false },
  // --- end distribution ---
  // --- admin (issue 4) --- off by default: sites that published uncredited images keep working.
  editorial: { requireImageCredit: false },
  // --- end admin ---
  // --- design (issue 12) ---
  design: {
    accent: '#1d5b8c',
    fonts: 'classic',
    homeLayout: 'lead-grid',
    newsletterBox: true,
    supportBox: true,
    logoLight: '',
    logoDark: '',
    icons: null,
    customCss: '',
  },
  // --- end design ---
};

export interface SettingsService {
  get<S extends SettingsSection>(section: S): Promise<SiteSettings[S]>;
  all(): Promise<SiteSettings>;
  update<S extends SettingsSection>(section: S, patch: Partial<SiteSettings[S]>): Promise<SiteSettings[S]>;
  /** Forget the in-memory copy (another node changed settings). */
  invalidate(): void;
}

export function createSettingsService(db: Kysely<Database>, bus: EventBus): SettingsService {
  let cached: Promise<SiteSettings> | null = null;

  async function load(): Promise<SiteSettings> {
    const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
    const result = structuredClone(DEFAULT_SETTINGS);
    for (const row of rows) {
      if (!Object.hasOwn(DEFAULT_SETTINGS, row.key)) continue;
      const section = row.key as SettingsSection;
      try {
        Object.assign(result[section], JSON.parse(row.value));
      } catch {
        // A damaged row falls back to defaults rather than taking the site down.
      }
    }
    return result;
  }

  const service: SettingsService = {
    async all() {
      cached ??= load().catch((error: unknown) => {
        cached = null;
        throw error;
      });
      return cached;
    },
    async get(section) {
      return (await service.all())[section];
    },
    async update(section, patch) {
      const current = await service.get(section);
      const next = { ...current, ...patch };
      const now = new Date().toISOString();
      const value = JSON.stringify(next);
      await db
        .insertInto('settings')
        .values({ key: section, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
      cached = null;
      await bus.emit('settings.changed', { keys: [section] });
      return next;
    },
    invalidate() {
      cached = null;
    },
  };
  bus.on('settings.changed', () => {
    cached = null;
  });
  return service;
}
