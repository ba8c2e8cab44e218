/**
 * The moderation rules every comment passes: bans (account, e-mail or IP hash, with
 * expiry), word and domain filters (hold or reject), and trusted commenters who skip the
 * first-comment hold. `screen` plugs into the discussion's post flow; every change to the
 * rules lands in the append-only moderation log with actor and reason.
 *
 * @example
 *   const moderation = createModeration({ db, secret, now });
 *   const discussion = createDiscussionService({ ..., screen: composeScreens(moderation.screen, spam.screen), isTrusted: moderation.isTrusted });
 *   await moderation.bans.add(actor, { kind: 'email', email: 'troll@example.org', reason: 'Beleidigungen', expiresAt: null });
 */
import type { Kysely } from 'kysely';
import { compiledOnce } from '../../platform/db/compiled.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { emailHash } from '../../platform/privacy.js';
import type { Screen, ScreenVerdict } from '../service.js';
import { matchFilters, normalisePattern } from './filters.js';
import { writeLog, type Actor } from './log.js';
import { moderationDb, type BanKind, type BanRow, type FilterAction, type FilterKind, type FilterRow, type TrustedRow } from './tables.js';

export interface ModerationDeps {
  db: Kysely<Database>;
  secret: string;
  now?: () => Date;
}

export interface BanInput {
  kind: BanKind;
  /** The stored value itself: an identity (`user:7`) or an IP hash. */
  value?: string;
  /** For `email` bans: the address, hashed here. */
  email?: string;
  /** Ban whoever wrote this comment (its identity, e-mail hash or IP hash). */
  commentId?: number;
  reason: string;
  /** Null: until lifted. */
  expiresAt: Date | null;
}

const MAX_REASON = 2000;
// Weights on the spam rules' scale: 1 holds, 3 rejects (see spam/rules.ts).
const WEIGHT = { hold: 1, reject: 3 } as const;

function requireReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (!text) throw new AppError('VALIDATION', { field: 'reason', detail: 'a reason is required' });
  return text.slice(0, MAX_REASON);
}

/** How long a process keeps the word and domain filters without reading them again. */
const FILTERS_KEPT_MS = 5_000;

export function createModeration(deps: ModerationDeps) {
  const db = moderationDb(deps.db);
  const now = deps.now ?? (() => new Date());

  async function commentOf(id: number | undefined) {
    if (id === undefined) return undefined;
    const row = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { field: 'commentId' });
    return row;
  }

  // Run for every comment post (issue 16): compiled once, so its shape is fixed: the e-mail
  // branch is always there, and with no address (null) it matches nothing.
  const bansOf = compiledOnce((p: { identity: string; ipHash: string; email: string | null; at: string }) =>
    db
      .selectFrom('moderation_bans')
      .selectAll()
      .where('lifted_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', p.at)]))
      .where((eb) =>
        eb.or([
          eb.and([eb('kind', '=', 'account'), eb('value', '=', p.identity)]),
          eb.and([eb('kind', '=', 'ip'), eb('value', '=', p.ipHash)]),
          eb.and([eb('kind', '=', 'email'), eb('value', '=', p.email)]),
        ]),
      ),
  );

  async function activeBan(identity: string, ipHash: string, at: string): Promise<BanRow | undefined> {
    const email = identity.startsWith('email:') ? identity.slice('email:'.length) : null;
    // The oldest of the (rarely several) matches is chosen here, not by ORDER BY: SQLite sorts
    // the union of index lookups in a temporary b-tree, ~30 µs on every comment post (issue 16).
    const { rows } = await bansOf(db, { identity, ipHash, email, at });
    return rows.reduce<BanRow | undefined>((oldest, ban) => (oldest === undefined || ban.id < oldest.id ? ban : oldest), undefined);
  }

  // The filters, read once per burst of comments: forgotten when this process changes them,
  // and after 5 s at most (another process or node changed them).
  let filtersKept: { at: number; rows: Promise<Pick<FilterRow, 'kind' | 'pattern' | 'action'>[]> } | null = null;
  const activeFilters = () => {
    const at = now().getTime();
    if (!filtersKept || at - filtersKept.at > FILTERS_KEPT_MS || at < filtersKept.at) {
      const rows = db.selectFrom('moderation_filters').select(['kind', 'pattern', 'action']).orderBy('id').execute();
      rows.catch(() => (filtersKept = null));
      filtersKept = { at, rows };
    }
    return filtersKept.rows;
  };

  const screen: Screen = async (input) => {
    const at = now().toISOString();
    const ban = await activeBan(input.identity, input.ipHash, at);
    if (ban) {
      const until = ban.expires_at ? ` until ${ban.expires_at}` : '';
      return { action: 'reject', score: WEIGHT.reject, reasons: [{ code: 'banned', detail: `${ban.kind} ban #${ban.id}${until}`, weight: WEIGHT.reject }] };
    }
    const filters = await activeFilters();
    const hits = matchFilters(input.body, filters);
    const verdict: ScreenVerdict = { action: 'accept', score: 0, reasons: [] };
    for (const hit of hits) {
      verdict.reasons.push({ code: `filter_${hit.kind}`, detail: `${hit.action}: ${hit.found}`, weight: WEIGHT[hit.action] });
      verdict.score += WEIGHT[hit.action];
      if (hit.action === 'reject') verdict.action = 'reject';
      else if (verdict.action === 'accept') verdict.action = 'hold';
    }
    return verdict;
  };

  return {
    screen,

    /** Trusted commenters are published directly, whatever the hold policy says. */
    async isTrusted(identity: string): Promise<boolean> {
      const row = await db.selectFrom('moderation_trusted').select('identity').where('identity', '=', identity).executeTakeFirst();
      return Boolean(row);
    },

    filters: {
      async list(): Promise<FilterRow[]> {
        return db.selectFrom('moderation_filters').selectAll().orderBy('kind').orderBy('pattern').execute();
      },

      /** Adds a filter, or changes the action of an existing one. */
      async add(actor: Actor, input: { kind: FilterKind; pattern: string; action: FilterAction; reason?: string }): Promise<FilterRow> {
        if (input.kind !== 'word' && input.kind !== 'domain') throw new AppError('VALIDATION', { field: 'kind' });
        if (input.action !== 'hold' && input.action !== 'reject') throw new AppError('VALIDATION', { field: 'action' });
        const pattern = normalisePattern(input.kind, String(input.pattern ?? ''));
        if (!pattern) throw new AppError('VALIDATION', { field: 'pattern' });
        const at = now().toISOString();
        return db.transaction().execute(async (tx) => {
          const row = await tx
            .insertInto('moderation_filters')
            .values({ kind: input.kind, pattern, action: input.action, created_by: actor.name, created_at: at })
            .onConflict((oc) => oc.columns(['kind', 'pattern']).doUpdateSet({ action: input.action }))
            .returningAll()
            .executeTakeFirstOrThrow();
          await writeLog(tx, {
            actor, action: 'filter.add', target: `filter:${row.id}`, detail: `${row.kind} "${row.pattern}" → ${row.action}`,
            reason: (input.reason ?? '').trim(), at,
          });
          return row;
        }).finally(() => (filtersKept = null));
      },

      async remove(actor: Actor, id: number, reason = ''): Promise<void> {
        const at = now().toISOString();
        await db.transaction().execute(async (tx) => {
          const row = await tx.deleteFrom('moderation_filters').where('id', '=', id).returningAll().executeTakeFirst();
          if (!row) throw new AppError('NOT_FOUND', { field: 'id' });
          await writeLog(tx, {
            actor, action: 'filter.remove', target: `filter:${row.id}`, detail: `${row.kind} "${row.pattern}" (${row.action})`, reason: reason.trim(), at,
          });
        }).finally(() => (filtersKept = null));
      },
    },

    bans: {
      /** Bans that still apply (or all, with `all: true`), newest first. */
      async list(options: { all?: boolean } = {}): Promise<BanRow[]> {
        let query = db.selectFrom('moderation_bans').selectAll().orderBy('id', 'desc').limit(500);
        if (!options.all) {
          const at = now().toISOString();
          query = query.where('lifted_at', 'is', null).where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]));
        }
        return query.execute();
      },

      async add(actor: Actor, input: BanInput): Promise<BanRow> {
        const reason = requireReason(input.reason);
        const comment = await commentOf(input.commentId);
        let value: string | undefined;
        if (input.kind === 'email') {
          if (comment) value = comment.identity.startsWith('email:') ? comment.identity.slice('email:'.length) : undefined;
          else if (input.email) value = emailHash(input.email, deps.secret);
          else value = input.value;
        } else if (input.kind === 'account') {
          value = comment ? comment.identity : input.value;
        } else if (input.kind === 'ip') {
          value = comment ? comment.ip_hash : input.value;
        } else {
          throw new AppError('VALIDATION', { field: 'kind' });
        }
        if (!value || value.length > 200) throw new AppError('VALIDATION', { field: input.commentId ? 'commentId' : 'value' });
        const stamp = now();
        if (input.expiresAt && (Number.isNaN(input.expiresAt.getTime()) || input.expiresAt <= stamp)) {
          throw new AppError('VALIDATION', { field: 'expiresAt', detail: 'must lie in the future' });
        }
        const at = stamp.toISOString();
        const expires = input.expiresAt?.toISOString() ?? null;
        return db.transaction().execute(async (tx) => {
          const row = await tx
            .insertInto('moderation_bans')
            .values({
              kind: input.kind, value, reason, expires_at: expires, created_by_user_id: actor.userId, created_by: actor.name,
              created_at: at, lifted_at: null, lifted_by: null,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await writeLog(tx, {
            actor, action: 'ban.add', commentId: comment?.id ?? null, articleId: comment?.article_id ?? null, target: `ban:${row.id}`,
            // IP hashes change daily: an IP ban in practice ends with the day it was made.
            detail: `${row.kind} ban${expires ? ` until ${expires}` : ''}${row.kind === 'ip' ? ' (IP hash of that day)' : ''}`,
            reason, at,
          });
          return row;
        });
      },

      async lift(actor: Actor, id: number, reason: string): Promise<BanRow> {
        const why = requireReason(reason);
        const at = now().toISOString();
        return db.transaction().execute(async (tx) => {
          const row = await tx
            .updateTable('moderation_bans')
            .set({ lifted_at: at, lifted_by: actor.name })
            .where('id', '=', id)
            .where('lifted_at', 'is', null)
            .returningAll()
            .executeTakeFirst();
          if (!row) throw new AppError('NOT_FOUND', { field: 'id' });
          await writeLog(tx, { actor, action: 'ban.lift', target: `ban:${row.id}`, detail: `${row.kind} ban lifted`, reason: why, at });
          return row;
        });
      },
    },

    trusted: {
      async list(): Promise<TrustedRow[]> {
        return db.selectFrom('moderation_trusted').selectAll().orderBy('created_at', 'desc').limit(500).execute();
      },

      /** Trusts an identity given directly, by e-mail address, or as the writer of a comment. */
      async add(actor: Actor, input: { identity?: string; email?: string; commentId?: number; label?: string; reason?: string }): Promise<TrustedRow> {
        const comment = await commentOf(input.commentId);
        const identity = comment?.identity ?? (input.email ? `email:${emailHash(input.email, deps.secret)}` : input.identity);
        if (!identity || !/^(email|user|reader):[A-Za-z0-9_-]{1,64}$/.test(identity)) throw new AppError('VALIDATION', { field: 'identity' });
        const label = (comment?.author_name ?? input.label ?? '').slice(0, 200);
        const reason = (input.reason ?? '').trim().slice(0, MAX_REASON);
        const at = now().toISOString();
        return db.transaction().execute(async (tx) => {
          const row = await tx
            .insertInto('moderation_trusted')
            .values({ identity, label, reason, created_by: actor.name, created_at: at })
            .onConflict((oc) => oc.column('identity').doUpdateSet({ label, reason }))
            .returningAll()
            .executeTakeFirstOrThrow();
          await writeLog(tx, {
            actor, action: 'trust.add', commentId: comment?.id ?? null, articleId: comment?.article_id ?? null,
            target: `trusted:${identity}`, detail: label ? `trusted "${label}"` : 'trusted', reason, at,
          });
          return row;
        });
      },

      async remove(actor: Actor, identity: string, reason = ''): Promise<void> {
        const at = now().toISOString();
        await db.transaction().execute(async (tx) => {
          const row = await tx.deleteFrom('moderation_trusted').where('identity', '=', identity).returningAll().executeTakeFirst();
          if (!row) throw new AppError('NOT_FOUND', { field: 'identity' });
          await writeLog(tx, {
            actor, action: 'trust.remove', target: `trusted:${identity}`, detail: row.label ? `no longer trusted "${row.label}"` : 'no longer trusted',
            reason: reason.trim(), at,
          });
        });
      },
    },
  };
}

export type Moderation = ReturnType<typeof createModeration>;
