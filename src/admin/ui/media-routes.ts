/**
 * The media library's pages and their plain-form posts: the library with search and
 * filters, an image's page, saving its texts (303 with a notice, or 422 with every wrong
 * field marked and the typed values kept), and deleting it (refused while in use: the
 * page again, 409, with the list of uses). Uploads and file replacement go through the
 * media API with progress (client/library.browser.ts). Both doors call the library's
 * operations (media/library.ts), so the form and the API answer alike.
 *
 * @example
 *   registerMediaPages(scope, { app, services });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createMediaLibrary, isMediaFilter, MediaInUseError, type MediaService } from '../../media/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { Frame } from '../../site/index.js';
import { PAGE, sendAdminPage, type AdminUiHttpDeps } from './http.js';
import type { AdminPage, T } from './layout.js';
import { renderMediaEdit, renderMediaLibrary, type MediaEditPage, type MediaNotice } from './media-view.js';

/** What this module needs from the composition root. */
export type AdminUiMediaRoutesDeps = Pick<PlatformDeps, 'database' | 'bus'> & { media: MediaService } & AdminUiHttpDeps;

/** The library page's script (client/library.browser.ts, built beside the editor's). */
export const MEDIA_BUNDLE = 'media.js';

const FORM = { type: 'object', required: ['_csrf'], properties: { _csrf: { type: 'string' } } } as const;
const form = (page: typeof PAGE.writers) => ({ ...page, schema: { ...page.schema, body: FORM } });
const ID = /^[1-9][0-9]{0,9}$/;
const NOTICES: readonly MediaNotice[] = ['saved', 'replaced', 'deleted'];
const noticeOf = (value: unknown): MediaNotice | null => (NOTICES.includes(value as MediaNotice) ? (value as MediaNotice) : null);

function idOf(raw: string): number {
  if (!ID.test(raw)) throw new AppError('NOT_FOUND');
  return Number(raw);
}

type FormValues = NonNullable<MediaEditPage['values']>;
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

export function registerMediaPages(scope: FastifyInstance, { app, services }: { app: FastifyInstance; services: AdminUiMediaRoutesDeps }): void {
  const library = createMediaLibrary({ db: services.database.db, media: services.media });
  const send = (request: FastifyRequest, reply: FastifyReply, page: (t: T, frame: Frame) => AdminPage, status = 200) =>
    sendAdminPage(app, services, request, reply, page, status);
  const back = (reply: FastifyReply, url: string) => reply.header('cache-control', 'no-store').redirect(url, 303);

  scope.get<{ Querystring: { q?: string; filter?: string; done?: string } }>('/admin/media/', PAGE.writers, async (request, reply) => {
    const q = typeof request.query.q === 'string' ? request.query.q.slice(0, 200) : '';
    const filter = isMediaFilter(request.query.filter) ? request.query.filter : 'all';
    const { items, uses } = await library.search({ q, filter });
    return send(request, reply, (t) => ({
      title: t('media.title'),
      path: '/admin/media/',
      main: renderMediaLibrary(t, { items, uses, q, filter, notice: noticeOf(request.query.done) }),
      modules: [MEDIA_BUNDLE],
    }));
  });

  /** An image's page; `errors` are worded in the site's language once the frame is known. */
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    view: Omit<MediaEditPage, 'item' | 'uses' | 'errors'> & { errors?: (frame: Frame) => Record<string, string> },
    status = 200,
  ) {
    const item = (await services.media.getMany([id])).get(id);
    if (!item) throw new AppError('NOT_FOUND');
    const uses = (await library.usesOf([id])).get(id) ?? [];
    const { errors, ...rest } = view;
    return send(
      request,
      reply,
      (t, frame) => ({ title: t('media.editTitle'), path: '/admin/media/', main: renderMediaEdit(t, { item, uses, ...rest, ...(errors ? { errors: errors(frame) } : {}) }), modules: [MEDIA_BUNDLE] }),
      status,
    );
  }

  scope.get<{ Params: { id: string }; Querystring: { done?: string } }>('/admin/media/:id/', PAGE.writers, async (request, reply) =>
    show(request, reply, idOf(request.params.id), { notice: noticeOf(request.query.done) }),
  );

  scope.post<{ Params: { id: string }; Body: Record<string, unknown> }>('/admin/media/:id/', form(PAGE.writers), async (request, reply) => {
    const id = idOf(request.params.id);
    const body = request.body;
    const values: FormValues = { alt: textOf(body.alt), caption: textOf(body.caption), credit: textOf(body.credit), sourceUrl: textOf(body.sourceUrl), licence: textOf(body.licence) };
    try {
      await library.update(request.staff!, id, values);
    } catch (error) {
      if (!(error instanceof AppError) || !['VALIDATION', 'URL_INVALID'].includes(error.code)) throw error;
      return show(request, reply, id, { values, notice: null, errors: (frame) => ({ [error.field ?? 'alt']: error.localized(frame.lang) }) }, 422);
    }
    await services.bus.emit('taxonomy.changed', { kind: 'media' });
    return back(reply, `/admin/media/${id}/?done=saved`);
  });

  scope.post<{ Params: { id: string }; Body: Record<string, unknown> }>('/admin/media/:id/delete', form(PAGE.writers), async (request, reply) => {
    const id = idOf(request.params.id);
    if (request.body.confirm !== 'yes') throw new AppError('VALIDATION', { field: 'confirm', detail: 'tick the confirmation' });
    try {
      await library.remove(request.staff!, id);
    } catch (error) {
      if (!(error instanceof MediaInUseError)) throw error;
      return show(request, reply, id, { notice: null, inUse: true }, 409);
    }
    await services.bus.emit('taxonomy.changed', { kind: 'media' });
    return back(reply, '/admin/media/?done=deleted');
  });
}
