/**
 * The audit log of staff actions (published, edited, deleted, changed settings, signed
 * in): append-only, each entry with actor, action, target and time. Services do not
 * write it; the admin routes do, because only they know who acted.
 *
 * @example
 *   await audit.record(request.staff, 'article.publish', 'article', article.id, { slug: article.slug });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

export type AuditTables = {
  audit_log: {
    id: import('kysely').Generated<number>;
    user_id: number | null;
    actor: string;
    action: string;
    target_type: string;
    target_id: string | null;
    detail: string;
    created_at: string;
  };
  article_autosaves: { article_id: number; user_id: number; data: string; saved_at: string };
};

export interface AuditQuery {
  page: number;
  perPage: number;
  action?: string | null;
  userId?: number | null;
}

export type AuditEntry = Omit<AuditTables['audit_log'], 'id' | 'detail'> & { id: number; detail: Record<string, unknown> };

function parsed(row: { id: number; detail: string } & Omit<AuditTables['audit_log'], 'id' | 'detail'>): AuditEntry {
  let detail: Record<string, unknown> = {};
  try {
    detail = JSON.parse(row.detail) as Record<string, unknown>;
  } catch {
    // A damaged entry still shows who did what and when.
  }
  return { ...row, detail };
}

export function createAudit(db: Kysely<Database>, now: () => Date = () => new Date()) {
  const audit = db.withTables<AuditTables>();
  return {
    async record(
      // id null with a name: an integration (issue 17), named but no staff account.
      actor: { id: number | null; name: string } | null,
      action: string,
      targetType: string,
      targetId: string | number | null,
      detail: Record<string, unknown> = {},
    ): Promise<void> {
      await audit
        .insertInto('audit_log')
        .values({
          user_id: actor?.id ?? null,
          actor: actor?.name ?? 'system',
          action,
          target_type: targetType,
          target_id: targetId === null ? null : String(targetId),
          detail: JSON.stringify(detail),
          created_at: now().toISOString(),
        })
        .execute();
    },
    async list(limit = 100, offset = 0) {
      const rows = await audit.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
      return rows.map(parsed);
    },
    /**
     * One page of the log, newest first, optionally only one action or one staff member;
     * `more` tells whether an older page exists (one row more is read, no count).
     */
    async page(query: AuditQuery): Promise<{ entries: AuditEntry[]; more: boolean }> {
      let select = audit.selectFrom('audit_log').selectAll();
      if (query.action) select = select.where('action', '=', query.action);
      if (query.userId) select = select.where('user_id', '=', query.userId);
      const rows = await select
        .orderBy('id', 'desc')
        .limit(query.perPage + 1)
        .offset((query.page - 1) * query.perPage)
        .execute();
      return { entries: rows.slice(0, query.perPage).map(parsed), more: rows.length > query.perPage };
    },
    /** The actions that occur in the log, for a filter. */
    async actions(): Promise<string[]> {
      const rows = await audit.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
      return rows.map((row) => row.action);
    },
    /** Staff members who appear in the log, each with the name of their latest entry. */
    async actors(): Promise<{ id: number; name: string }[]> {
      const rows = await audit
        .selectFrom('audit_log')
        .select(['user_id', (eb) => eb.fn.max('id').as('last')])
        .where('user_id', 'is not', null)
        .groupBy('user_id')
        .execute();
      if (rows.length === 0) return [];
      const names = await audit.selectFrom('audit_log').select(['user_id', 'actor']).where('id', 'in', rows.map((row) => Number(row.last))).execute();
      return names
        .map((row) => ({ id: Number(row.user_id), name: row.actor }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    },
  };
}

export type Audit = ReturnType<typeof createAudit>;
