/**
 * Reader accounts with e-mail magic-link sign-in, their sessions and mute lists. The
 * sign-in link is made when the mail job runs, not when it is asked for, so the jobs
 * table never holds a usable link and the 15 minutes start when the mail goes out.
 * Only a hash of each link and each session cookie is stored.
 *
 * @example
 *   const readers = createReaders({ db, jobs, mailer, settings, secret, publicUrl, now });
 *   await readers.requestLogin('lea@example.org', '/stadtrat-tagt/');   // mails a link
 *   const done = await readers.confirm(token, 'Lea');                   // { reader, sid, returnTo }
 *   const reader = await readers.current(request);                      // { id, name, email } | null
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { SettingsService } from '../../platform/settings.js';
import { AppError } from '../../platform/errors.js';
import { translator } from '../../platform/i18n.js';
import { sessionCookieOf } from '../../platform/pages.js';
import { cleanPersonName } from '../../platform/names.js';
import { emailHash, sessionHash } from '../../platform/privacy.js';
import { readerMessages } from './messages.js';
import { createReaderStore, MAX_MUTES } from './store.js';

export interface Reader {
  id: number;
  name: string;
  email: string;
}

export interface ReadersDeps {
  db: Kysely<Database>;
  jobs: Pick<JobQueue, 'register' | 'enqueue'>;
  mailer: Pick<Mailer, 'send'>;
  settings: Pick<SettingsService, 'get'>;
  secret: string;
  publicUrl: string;
  now?: () => Date;
}

export const LINK_MINUTES = 15;
export const SESSION_DAYS = 90;
const LOGIN_JOB = 'reader.login';
const NAME_MAX = 80;
/** One mail per address per this many ms, however often the form is sent. */
const MAIL_SPACING_MS = 2 * 60_000;

const tokenHash = (token: string) => createHash('sha256').update(`reader-login:${token}`).digest('base64url');

/** Site-relative paths only: `//evil.example` or `/\evil.example` would leave the site. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && value.length <= 300 && /^\/(?![/\\])[A-Za-z0-9/_.~%-]*$/.test(value) ? value : '/';
}

/** An account's name, by the one rule for person names (platform/names.ts). */
export function cleanName(value: unknown): string | null {
  return cleanPersonName(value, NAME_MAX);
}

export function createReaders(deps: ReadersDeps) {
  const now = deps.now ?? (() => new Date());
  const store = createReaderStore(deps.db);

  deps.jobs.register<{ email: string; returnTo: string }>(LOGIN_JOB, async (job) => {
    const at = now();
    const token = randomBytes(32).toString('base64url');
    await store.pruneLogins(new Date(at.getTime() - 86_400_000).toISOString());
    await store.addLogin({
      token_hash: tokenHash(token),
      email: job.payload.email,
      return_to: safeReturnPath(job.payload.returnTo),
      created_at: at.toISOString(),
      expires_at: new Date(at.getTime() + LINK_MINUTES * 60_000).toISOString(),
      used_at: null,
    });
    const site = await deps.settings.get('site');
    const t = translator(site.language, readerMessages);
    const link = `${deps.publicUrl}/account/login/confirm?token=${token}`;
    await deps.mailer.send({ to: job.payload.email, subject: t('mail.subject', { site: site.title }), text: t('mail.body', { site: site.title, link }) });
  });

  return {
    store,

    /** 'guests' turns accounts off: no sign-in, and a reader session counts for nothing. */
    async accountsAllowed(): Promise<boolean> {
      return (await deps.settings.get('discussion')).identity !== 'guests';
    },

    /**
     * Mails a sign-in link to any valid address: known or not, the caller learns nothing
     * (a first sign-in creates the account), and the work done is the same.
     */
    async requestLogin(email: string, returnTo: string): Promise<void> {
      const bucket = Math.floor(now().getTime() / MAIL_SPACING_MS);
      await deps.jobs.enqueue(LOGIN_JOB, { email, returnTo: safeReturnPath(returnTo) }, { dedupeKey: `${LOGIN_JOB}:${emailHash(email, deps.secret)}:${bucket}` });
    },

    /** What an unused, unexpired link stands for (the confirm page); null otherwise. */
    async link(token: unknown) {
      if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
      const row = await store.openLogin(tokenHash(token), now().toISOString());
      if (!row) return null;
      return { email: row.email, returnTo: row.return_to, known: (await store.byEmail(row.email)) !== undefined };
    },

    /**
     * Uses the link once and opens a session; `name` is needed only for a new account
     * (NAME_REQUIRED otherwise, leaving the link unused). Null: invalid, expired or used.
     */
    async confirm(token: unknown, name: unknown): Promise<{ reader: Reader; sid: string; returnTo: string } | null> {
      const link = await this.link(token);
      if (!link) return null;
      const existing = await store.byEmail(link.email);
      const chosen = existing ? existing.name : cleanName(name);
      if (!chosen) throw new AppError('NAME_REQUIRED', { field: 'name' });
      const at = now();
      if (!(await store.useLogin(tokenHash(token as string), at.toISOString()))) return null;
      const row = await store.signedIn(link.email, chosen, at.toISOString());
      // A new cookie value at every sign-in: a session id planted before cannot be promoted.
      const sid = randomBytes(24).toString('base64url');
      await store.addSession(sessionHash(sid), row.id, at.toISOString(), new Date(at.getTime() + SESSION_DAYS * 86_400_000).toISOString());
      return { reader: { id: row.id, name: row.name, email: row.email }, sid, returnTo: link.returnTo };
    },

    /** The reader signed in with this request's `bw_sid`, if accounts are on. */
    async current(request: Parameters<typeof sessionCookieOf>[0]): Promise<Reader | null> {
      const sid = sessionCookieOf(request);
      if (!sid || !(await this.accountsAllowed())) return null;
      const row = await store.bySession(sessionHash(sid), now().toISOString());
      return row ? { id: row.id, name: row.name, email: row.email } : null;
    },

    async signOut(sid: string | undefined): Promise<void> {
      if (sid) await store.dropSession(sessionHash(sid));
    },

    mutes: (readerId: number) => store.mutes(readerId),

    async mute(readerId: number, key: string): Promise<string[]> {
      if ((await store.muteCount(readerId)) >= MAX_MUTES) throw new AppError('VALIDATION', { field: 'key', detail: `at most ${MAX_MUTES} muted commenters` });
      await store.mute(readerId, key, now().toISOString());
      return store.mutes(readerId);
    },

    async unmute(readerId: number, key: string): Promise<string[]> {
      await store.unmute(readerId, key);
      return store.mutes(readerId);
    },
  };
}

export type Readers = ReturnType<typeof createReaders>;
