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

export function createAudit(db: Kysely<Database>, now: () => Date = () => new Date()) {
  const audit = db.withTables<AuditTables>();
  return {
    async record(
      actor: { id: number; name: string } | null,
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
      return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
    },
  };
}

export type Audit = ReturnType<typeof createAudit>;
