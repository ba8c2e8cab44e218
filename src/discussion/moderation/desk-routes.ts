/**
 * The moderation desk's doors, inside the newsroom frame the root hands in: the desk page
 * per filter, one form per card decision (decide, trust, ban, reply), the bulk form, one
 * card alone (for live arrivals) and the desk's event stream. Each door parses, calls one
 * operation (`decide` or the desk actions) and renders; a plain form is answered with a
 * redirect back to the desk, the desk script (asking for JSON) with the sentence to show.
 *
 * @example
 *   registerDeskRoutes(app, { ...services, newsroom: (request, reply, page) => sendAdminPage(app, services, request, reply, () => page) });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Csrf } from '../../platform/csrf.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, ERROR_STATUS, errorMessages, type ErrorCode } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events.js';
import type { SafeHtml } from '../../platform/html.js';
import { translator, type Language } from '../../platform/i18n.js';
import type { SettingsService } from '../../platform/settings.js';
import type { SseHub } from '../../platform/sse.js';
import type { Decide } from './decide.js';
import { rejectReason, type DeskActions } from './desk-actions.js';
import { DESK_FILTERS, deskCards, deskCounts, heldIds, spamIds, type DeskFilter } from './desk-data.js';
import { deskLog } from './desk-log-view.js';
import { deskMessages } from './desk-messages.js';
import { renderCard, renderDesk } from './desk-view.js';
import { MODERATORS, field, parseId, sendHtml } from './http.js';
import type { Notices } from './notices.js';
import type { Reports } from './reports.js';
import { moderationDb } from './tables.js';

/** A page in the newsroom's frame (navigation, who is signed in), sent by the admin capability. */
export type NewsroomPage = (
  request: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; path: string; main: SafeHtml; modules?: string[]; stylesheets?: string[] },
  status?: number,
) => Promise<unknown>;

export interface DeskRouteDeps {
  moderation: { reports: Pick<Reports, 'open'>; notices: Pick<Notices, 'open'>; decide: Decide; desk: DeskActions };
  settings: Pick<SettingsService, 'get'>;
  csrf: Pick<Csrf, 'tokenFor'>;
  database: { db: Kysely<Database> };
  sse: Pick<SseHub, 'subscribe' | 'publish'>;
  bus: Pick<EventBus, 'on'>;
  newsroom: NewsroomPage;
  now: () => Date;
}

const CARDS = 100;
/** The desk's pages and forms: moderators only, and no part of the OpenAPI document (not an API). */
const DESK = { ...MODERATORS, schema: { hide: true } };
const CHANNEL = 'moderation';

function filterOf(raw: unknown): DeskFilter {
  if (raw === undefined || raw === '') return 'held';
  if (typeof raw === 'string' && (DESK_FILTERS as readonly string[]).includes(raw)) return raw as DeskFilter;
  throw new AppError('VALIDATION', { field: 'filter' });
}

const wantsJson = (request: FastifyRequest) => (request.headers.accept ?? '').startsWith('application/json');

export function registerDeskRoutes(app: FastifyInstance, deps: DeskRouteDeps): void {
  const db = moderationDb(deps.database.db);
  const language = async (): Promise<Language> => (await deps.settings.get('site')).language;

  // A held comment reaches every open desk at once (the desk script fetches its card).
  deps.bus.on('comment.pending', ({ commentId }) => {
    deps.sse.publish(CHANNEL, 'held', { id: commentId }, commentId);
  });

  async function reportsById() {
    const reported = await deps.moderation.reports.open(CARDS);
    return new Map(reported.map((r) => [r.commentId, r]));
  }

  app.get<{ Querystring: Record<string, string | undefined> }>('/admin/comments/', DESK, async (request, reply) => {
    const filter = filterOf(request.query.filter);
    const lang = await language();
    const [reports, notices, counts, log, policy] = await Promise.all([
      reportsById(), deps.moderation.notices.open(), deskCounts(db), deskLog(deps.database.db, 30), deps.settings.get('discussion'),
    ]);
    const ids = filter === 'held' ? await heldIds(db, CARDS) : filter === 'spam' ? await spamIds(db, CARDS) : filter === 'reported' ? [...reports.keys()] : [];
    const cards = await deskCards(db, ids, deps.now());
    const main = renderDesk({
      lang, filter, cards, reports, notices, log, flash: flashOf(request.query, lang), publicLog: policy.publicLog,
      counts: { held: counts.held, reported: reports.size, notices: notices.length, spam: counts.spam },
    });
    return deps.newsroom(request, reply, { title: translator(lang, deskMessages)('desk.title'), path: '/admin/comments/', main, modules: ['desk.js'], stylesheets: ['desk.css'] });
  });

  /** One card alone, for the desk script when a comment arrives live. */
  app.get<{ Params: { id: string }; Querystring: { filter?: string } }>('/admin/comments/:id/card', DESK, async (request, reply) => {
    const filter = filterOf(request.query.filter);
    const [card] = await deskCards(db, [parseId(request.params.id)], deps.now());
    if (!card) throw new AppError('NOT_FOUND');
    const reports = filter === 'reported' ? await reportsById() : new Map();
    return sendHtml(deps, request, reply, 200, renderCard(card, { lang: await language(), filter, reports }).toString());
  });

  app.get('/admin/comments/stream', DESK, async (request, reply) => {
    deps.sse.subscribe(CHANNEL, reply.raw, { address: request.ip });
    reply.hijack();
  });

  /**
   * Runs one card decision and answers it: JSON `{ message }` for the desk script, else a
   * redirect back to the desk with a count or an error code (nothing typed is echoed).
   */
  async function answer(request: FastifyRequest, reply: FastifyReply, run: (lang: Language) => Promise<string>) {
    const body = request.body;
    const filter = (DESK_FILTERS as readonly string[]).includes(field(body, 'filter') ?? '') ? field(body, 'filter')! : 'held';
    const lang = await language();
    try {
      const message = await run(lang);
      if (wantsJson(request)) return reply.send({ message });
      return reply.redirect(`/admin/comments/?filter=${filter}&done=1`, 303);
    } catch (error) {
      if (wantsJson(request) || !(error instanceof AppError) || error.status >= 500) throw error;
      return reply.redirect(`/admin/comments/?filter=${filter}&error=${error.code}`, 303);
    }
  }

  async function nameOf(id: number): Promise<string> {
    const row = await db.selectFrom('comments').select('author_name').where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { field: 'id' });
    return row.author_name;
  }

  type ById = { Params: { id: string } };

  app.post<ById>('/admin/comments/:id/decide', DESK, async (request, reply) =>
    answer(request, reply, async (lang) => {
      const t = translator(lang, deskMessages);
      const id = parseId(request.params.id);
      const action = field(request.body, 'action');
      const reason = action === 'reject'
        ? rejectReason(field(request.body, 'preset'), field(request.body, 'reason'), (preset) => t(`preset.${preset}`))
        : field(request.body, 'reason') ?? '';
      const name = await nameOf(id);
      const [result] = await deps.moderation.decide(request.caller, [id], action, reason);
      if (result && 'error' in result) throw new AppError(result.error as ErrorCode, { field: 'id' });
      return t(action === 'reject' ? 'done.reject' : action === 'spam' ? 'done.spam' : 'done.approve', { name });
    }),
  );

  app.post<ById>('/admin/comments/:id/trust', DESK, async (request, reply) =>
    answer(request, reply, async (lang) => {
      const id = parseId(request.params.id);
      const name = await nameOf(id);
      await deps.moderation.desk.trust(request.caller, id, field(request.body, 'reason') ?? '');
      return translator(lang, deskMessages)('done.trust', { name });
    }),
  );

  app.post<ById>('/admin/comments/:id/ban', DESK, async (request, reply) =>
    answer(request, reply, async (lang) => {
      const id = parseId(request.params.id);
      const name = await nameOf(id);
      await deps.moderation.desk.ban(request.caller, id, { days: field(request.body, 'days'), reason: field(request.body, 'reason') });
      return translator(lang, deskMessages)('done.ban', { name });
    }),
  );

  app.post<ById>('/admin/comments/:id/reply', DESK, async (request, reply) =>
    answer(request, reply, async (lang) => {
      await deps.moderation.desk.reply(request.caller, parseId(request.params.id), field(request.body, 'body'));
      return translator(lang, deskMessages)('done.reply');
    }),
  );

  app.post('/admin/comments/bulk', DESK, async (request, reply) => {
    const raw = (request.body as Record<string, unknown> | undefined)?.ids;
    const ids = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string' && /^[1-9][0-9]{0,9}$/.test(v)).map(Number);
    const filter = (DESK_FILTERS as readonly string[]).includes(field(request.body, 'filter') ?? '') ? field(request.body, 'filter')! : 'held';
    try {
      const results = await deps.moderation.decide(request.caller, ids, field(request.body, 'action'), field(request.body, 'reason') ?? '');
      const failed = results.filter((r) => 'error' in r).length;
      return reply.redirect(`/admin/comments/?filter=${filter}&done=${results.length - failed}&failed=${failed}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return reply.redirect(`/admin/comments/?filter=${filter}&error=${error.code}`, 303);
      throw error;
    }
  });
}

/** Messages after a redirect, from numbers and known codes only: nothing from the URL is echoed. */
export function flashOf(query: Record<string, string | undefined>, lang: Language): string[] {
  const t = translator(lang, deskMessages);
  const number = (value: string | undefined) => (value && /^[0-9]{1,6}$/.test(value) ? Number(value) : null);
  const lines: string[] = [];
  const done = number(query.done);
  const failed = number(query.failed);
  const decided = number(query.decided);
  if (done !== null) lines.push(t('desk.done', { count: done }));
  if (failed) lines.push(t('desk.failed', { count: failed }));
  if (decided) lines.push(t('desk.decided', { id: decided }));
  if (query.error && Object.hasOwn(ERROR_STATUS, query.error)) lines.push(errorMessages[lang][query.error as ErrorCode]);
  return lines;
}
