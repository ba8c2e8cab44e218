/**
 * The JSON API of moderation (documented in the OpenAPI document through the schemas):
 * the public report endpoint, and for moderators bulk decisions, reports, DSA notices,
 * filters, bans, trusted commenters and the log. Every staff route sits behind the one
 * guard (`MODERATORS`); every write needs the CSRF token like any other.
 *
 * @example
 *   registerModerationApi(app, deps);
 */
import type { FastifyInstance } from 'fastify';
import { bulkAnswer, decisionAnswer, logAnswer, moderationAnswers, queueAnswer, reportsAnswer } from './api-schemas.js'; // issue 17: answers
import { banAnswer, bansAnswer, deskLogAnswer, filterAnswer, filtersAnswer, noticeDecidedAnswer, noticesAnswer, publicLogAnswer, removedAnswer, reportedAnswer, trustedAnswer, trustedListAnswer } from './api-schemas.js';
import { errorResponses } from '../../platform/openapi.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { Limits } from '../../platform/ratelimit.js';
import type { SettingsService } from '../../platform/settings.js';
import { MODERATION_ACTIONS, decisionInput } from '../schemas.js';
import type { DiscussionStore } from '../store.js';
import type { Decide } from './decide.js';
import { MODERATORS, PUBLIC, actorOf, parseId } from './http.js';
import type { Notices } from './notices.js';
import type { Reports } from './reports.js';
import type { Moderation } from './service.js';
import { publicLog, recentLog } from './log.js';
import { REPORT_REASONS } from './reports.js';
import { moderationDb, type BanKind, type BanRow, type FilterAction, type FilterKind, type NoticeRow } from './tables.js';

const reasonOnly = {
  body: { type: ['object', 'null'], properties: { reason: { type: 'string', maxLength: 2000 } }, additionalProperties: false },
};

function banJson(row: BanRow) {
  return {
    id: row.id, kind: row.kind, value: row.value, reason: row.reason, expiresAt: row.expires_at, createdBy: row.created_by,
    createdAt: row.created_at, liftedAt: row.lifted_at, liftedBy: row.lifted_by,
  };
}

function noticeJson(row: NoticeRow) {
  return {
    id: row.id, commentId: row.comment_id, articleId: row.article_id, category: row.category, explanation: row.explanation,
    notifier: { name: row.notifier_name, email: row.notifier_email }, createdAt: row.created_at, deadlineAt: row.deadline_at,
    status: row.status, decidedAt: row.decided_at, decidedBy: row.decided_by, reason: row.decision_reason, ground: row.decision_ground,
  };
}

function expiryOf(body: { expiresAt?: string | null; days?: number }, now: Date): Date | null {
  if (body.days !== undefined) return new Date(now.getTime() + body.days * 86_400_000);
  if (!body.expiresAt) return null;
  const at = new Date(body.expiresAt);
  if (Number.isNaN(at.getTime())) throw new AppError('VALIDATION', { field: 'expiresAt' });
  return at;
}

export interface ModerationApiDeps {
  moderation: { rules: Moderation; reports: Pick<Reports, 'file' | 'open'>; notices: Pick<Notices, 'open' | 'decide'>; decide: Decide };
  discussion: { store: Pick<DiscussionStore, 'queue'> };
  settings: Pick<SettingsService, 'get'>;
  limits: Pick<Limits, 'limit'>;
  database: { db: Kysely<Database> };
  now: () => Date;
}

export function registerModerationApi(app: FastifyInstance, deps: ModerationApiDeps): void {
  const { moderation, settings } = deps;
  const db = moderationDb(deps.database.db);

  app.post<{ Params: { id: string }; Body: { reason: string; note?: string } }>(
    '/api/v1/comments/:id/report',
    {
      ...PUBLIC,
      schema: {
        body: {
          type: 'object', required: ['reason'], additionalProperties: false,
          properties: { reason: { type: 'string', enum: [...REPORT_REASONS] }, note: { type: 'string', maxLength: 1000 } },
        },
        response: { 202: reportedAnswer, ...errorResponses(400, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const id = parseId(request.params.id);
      const caller = request.caller;
      await deps.limits.limit('report', caller.ipHash);
      const reporter = caller.sessionHash ?? caller.ensureSession?.() ?? caller.ipHash;
      await moderation.reports.file({ commentId: id, reason: request.body.reason, note: request.body.note, reporter });
      // The same answer for a repeated report: nothing to learn from trying.
      return reply.code(202).send({ reported: true });
    },
  );

  app.get('/api/v1/moderation-log', { ...PUBLIC, schema: { response: { 200: publicLogAnswer, ...errorResponses(404) } } }, async () => {
    if (!(await settings.get('discussion')).publicLog) throw new AppError('NOT_FOUND');
    return { entries: await publicLog(db, { limit: 100, offset: 0, now: deps.now() }) };
  });

  // --- Moderators ----------------------------------------------------------------------
  // Every decision, one comment or many, goes through the one operation (decide.ts).

  app.get('/api/v1/admin/comments', { ...MODERATORS, schema: moderationAnswers({ 200: queueAnswer }) }, async () => {
    const rows = await deps.discussion.store.queue(200, 0);
    return {
      comments: rows.map((row) => ({
        id: row.id,
        articleId: row.article_id,
        article: { slug: row.article_slug, title: row.article_title },
        parentId: row.parent_id,
        author: { name: row.author_name },
        html: row.pending_html ?? row.html,
        status: row.status,
        /** A held edit of a published comment: `html` is the edit, readers still see the approved text. */
        pendingEdit: row.pending_body !== null,
        spamScore: row.spam_score,
        spamReasons: JSON.parse(row.spam_reasons) as unknown,
        createdAt: row.created_at,
      })),
    };
  });

  for (const action of MODERATION_ACTIONS) {
    app.post<{ Params: { id: string }; Body: { reason?: string } | undefined }>(
      `/api/v1/admin/comments/:id/${action}`,
      { ...MODERATORS, schema: { body: decisionInput.single, ...moderationAnswers({ 200: decisionAnswer }) } },
      async (request) => {
        const [result] = await moderation.decide(request.caller, [parseId(request.params.id)], action, request.body?.reason ?? '');
        if (!result || 'error' in result) throw new AppError(result && result.error === 'NOT_FOUND' ? 'NOT_FOUND' : 'VALIDATION', { field: 'id' });
        return result;
      },
    );
  }

  app.post<{ Body: { ids: number[]; action: (typeof MODERATION_ACTIONS)[number]; reason?: string } }>(
    '/api/v1/admin/comments/bulk',
    { ...MODERATORS, schema: { body: decisionInput.bulk, ...moderationAnswers({ 200: bulkAnswer }) } },
    async (request) => ({ results: await moderation.decide(request.caller, request.body.ids, request.body.action, request.body.reason ?? '') }),
  );

  // The log as stored (the older, raw form of /api/v1/admin/moderation/log; clients use both).
  app.get('/api/v1/admin/moderation-log', { ...MODERATORS, schema: moderationAnswers({ 200: logAnswer }) }, async () => ({
    entries: await db.selectFrom('moderation_log').selectAll().orderBy('id', 'desc').limit(200).execute(),
  }));

  app.get('/api/v1/admin/reports', { ...MODERATORS, schema: moderationAnswers({ 200: reportsAnswer }) }, async () => ({ comments: await moderation.reports.open(200) }));

  app.get('/api/v1/admin/notices', { ...MODERATORS, schema: moderationAnswers({ 200: noticesAnswer }) }, async () => ({
    notices: (await moderation.notices.open()).map((n) => ({
      ...noticeJson(n), overdue: n.overdue,
      comment: { id: n.comment_id, author: n.commentAuthor, body: n.commentBody, status: n.commentStatus },
      article: { slug: n.articleSlug, title: n.articleTitle },
    })),
  }));

  app.post<{ Params: { id: string }; Body: { action: 'remove' | 'keep'; reason: string; ground?: string } }>(
    '/api/v1/admin/notices/:id/decide',
    {
      ...MODERATORS,
      schema: {
        body: {
          type: 'object', required: ['action', 'reason'], additionalProperties: false,
          properties: {
            action: { type: 'string', enum: ['remove', 'keep'] },
            reason: { type: 'string', minLength: 1, maxLength: 2000 },
            ground: { type: 'string', maxLength: 500 },
          },
        },
        ...moderationAnswers({ 200: noticeDecidedAnswer }),
      },
    },
    async (request) => {
      const result = await moderation.notices.decide(request.caller, parseId(request.params.id), request.body);
      return { notice: noticeJson(result.notice), statementId: result.statementId };
    },
  );

  app.get('/api/v1/admin/filters', { ...MODERATORS, schema: moderationAnswers({ 200: filtersAnswer }) }, async () => ({ filters: await moderation.rules.filters.list() }));

  app.post<{ Body: { kind: FilterKind; pattern: string; action: FilterAction; reason?: string } }>(
    '/api/v1/admin/filters',
    {
      ...MODERATORS,
      schema: {
        body: {
          type: 'object', required: ['kind', 'pattern', 'action'], additionalProperties: false,
          properties: {
            kind: { type: 'string', enum: ['word', 'domain'] },
            pattern: { type: 'string', minLength: 1, maxLength: 300 },
            action: { type: 'string', enum: ['hold', 'reject'] },
            reason: { type: 'string', maxLength: 2000 },
          },
        },
        ...moderationAnswers({ 201: filterAnswer }),
      },
    },
    async (request, reply) => reply.code(201).send({ filter: await moderation.rules.filters.add(actorOf(request), request.body) }),
  );

  app.delete<{ Params: { id: string }; Body: { reason?: string } | null }>('/api/v1/admin/filters/:id', { ...MODERATORS, schema: { ...reasonOnly, ...moderationAnswers({ 204: removedAnswer }) } }, async (request, reply) => {
    await moderation.rules.filters.remove(actorOf(request), parseId(request.params.id), request.body?.reason ?? '');
    return reply.code(204).send();
  });

  app.get<{ Querystring: { all?: string } }>(
    '/api/v1/admin/bans',
    { ...MODERATORS, schema: { querystring: { type: 'object', properties: { all: { type: 'string', enum: ['1'] } }, additionalProperties: false }, ...moderationAnswers({ 200: bansAnswer }) } },
    async (request) => ({ bans: (await moderation.rules.bans.list({ all: request.query.all === '1' })).map(banJson) }),
  );

  app.post<{ Body: { kind: BanKind; value?: string; email?: string; commentId?: number; reason: string; expiresAt?: string | null; days?: number } }>(
    '/api/v1/admin/bans',
    {
      ...MODERATORS,
      schema: {
        body: {
          type: 'object', required: ['kind', 'reason'], additionalProperties: false,
          properties: {
            kind: { type: 'string', enum: ['account', 'email', 'ip'] },
            value: { type: 'string', maxLength: 200 },
            email: { type: 'string', maxLength: 254 },
            commentId: { type: 'integer', minimum: 1 },
            reason: { type: 'string', minLength: 1, maxLength: 2000 },
            expiresAt: { type: ['string', 'null'], maxLength: 40 },
            days: { type: 'number', exclusiveMinimum: 0, maximum: 36500 },
          },
        },
        ...moderationAnswers({ 201: banAnswer }),
      },
    },
    async (request, reply) => {
      const { kind, value, email, commentId, reason } = request.body;
      const ban = await moderation.rules.bans.add(actorOf(request), {
        kind, value, email, commentId, reason, expiresAt: expiryOf(request.body, deps.now()),
      });
      return reply.code(201).send({ ban: banJson(ban) });
    },
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/v1/admin/bans/:id/lift',
    {
      ...MODERATORS,
      schema: { body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } } }, ...moderationAnswers({ 200: banAnswer }) },
    },
    async (request) => ({ ban: banJson(await moderation.rules.bans.lift(actorOf(request), parseId(request.params.id), request.body.reason)) }),
  );

  app.get('/api/v1/admin/trusted', { ...MODERATORS, schema: moderationAnswers({ 200: trustedListAnswer }) }, async () => ({ trusted: await moderation.rules.trusted.list() }));

  app.post<{ Body: { identity?: string; email?: string; commentId?: number; reason?: string } }>(
    '/api/v1/admin/trusted',
    {
      ...MODERATORS,
      schema: {
        body: {
          type: 'object', additionalProperties: false,
          properties: {
            identity: { type: 'string', maxLength: 100 },
            email: { type: 'string', maxLength: 254 },
            commentId: { type: 'integer', minimum: 1 },
            reason: { type: 'string', maxLength: 2000 },
          },
        },
        ...moderationAnswers({ 201: trustedAnswer }),
      },
    },
    async (request, reply) => reply.code(201).send({ trusted: await moderation.rules.trusted.add(actorOf(request), request.body) }),
  );

  app.delete<{ Params: { identity: string }; Body: { reason?: string } | null }>(
    '/api/v1/admin/trusted/:identity',
    { ...MODERATORS, schema: { ...reasonOnly, ...moderationAnswers({ 204: removedAnswer }) } },
    async (request, reply) => {
      await moderation.rules.trusted.remove(actorOf(request), request.params.identity, request.body?.reason ?? '');
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: { limit?: string } }>(
    '/api/v1/admin/moderation/log',
    { ...MODERATORS, schema: { querystring: { type: 'object', properties: { limit: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' } }, additionalProperties: false }, ...moderationAnswers({ 200: deskLogAnswer }) } },
    async (request) => ({ entries: await recentLog(db, Math.min(500, Number(request.query.limit ?? 100))) }),
  );
}
