/**
 * The author and tag pages and their form posts. Thin transports: a form is parsed
 * (`taxonomy-form.ts`), handed to the operation the JSON API calls
 * (`admin/taxonomy/service.ts`: who may, the change, the audit entry) and answered with a
 * 303 and a notice, or the page again (422) with every wrong field marked and what was
 * typed kept; nothing is saved then. Editors and up see every author and tag; an author
 * or contributor opens and saves only the profile linked to their own account.
 *
 * @example
 *   registerTaxonomyPages(scope, { app, services, audit });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { AdminUiDataDeps } from './data.js';
import type { AdminUiHttpDeps } from './http.js';
import type { ContentService } from '../../content/index.js';
import type { Author } from '../../content/index.js';
import { AppError } from '../../platform/errors.js';
import type { Frame } from '../../site/index.js';
import type { Audit } from '../audit.js';
import { may } from '../../platform/permissions.js';
import { createTaxonomyAdmin } from '../taxonomy/service.js';
import { renderAuthorForm, renderAuthorList, type StaffOption } from './authors-view.js';
import { listMedia } from './data.js';
import { PAGE, sendAdminPage } from './http.js';
import type { AdminPage, T } from './layout.js';
import { authorFormValues, fieldErrorsOf, isRefusal, parseAuthorForm, parseTagForm, tagFormValues, type AuthorFormValues, type FieldErrors, type TagFormValues } from './taxonomy-form.js';
import { renderTagEdit, renderTagList, TAG_NOTICES } from './tags-view.js';

/** What this module needs from the composition root. */
export type AdminUiTaxonomyRoutesDeps = Pick<PlatformDeps, 'database'> & { content: ContentService } & AdminUiHttpDeps & AdminUiDataDeps;

const FORM = { type: 'object', required: ['_csrf'], properties: { _csrf: { type: 'string' } } } as const;
const form = (page: typeof PAGE.anyStaff) => ({ ...page, schema: { ...page.schema, body: FORM } });
const ID = /^[1-9][0-9]{0,9}$/;

function idOf(raw: string): number {
  if (!ID.test(raw)) throw new AppError('NOT_FOUND');
  return Number(raw);
}

interface Deps {
  app: FastifyInstance;
  services: AdminUiTaxonomyRoutesDeps;
  audit: Audit;
}

export function registerTaxonomyPages(scope: FastifyInstance, { app, services, audit }: Deps): void {
  const taxonomy = createTaxonomyAdmin(services, audit);
  const { content } = services;
  const send = (request: FastifyRequest, reply: FastifyReply, page: (t: T, frame: Frame) => AdminPage, status = 200) =>
    sendAdminPage(app, services, request, reply, page, status);
  const back = (reply: FastifyReply, url: string) => reply.header('cache-control', 'no-store').redirect(url, 303);

  const staffOptions = (): Promise<StaffOption[]> =>
    services.database.db.selectFrom('users').select(['id', 'name', 'email', 'role']).orderBy('name').orderBy('id').execute();

  // --- Authors -------------------------------------------------------------------------

  scope.get('/admin/authors/', PAGE.editors, async (request, reply) => {
    const [rows, users] = await Promise.all([content.store.authorsWithCounts(), staffOptions()]);
    return send(request, reply, (t) => ({ title: t('authors.title'), path: '/admin/authors/', main: renderAuthorList(t, rows, users) }));
  });

  async function showAuthor(
    request: FastifyRequest,
    reply: FastifyReply,
    author: Author | null,
    view: { values?: AuthorFormValues; errors?: (t: T, frame: Frame) => FieldErrors; notice?: 'created' | 'saved' | null },
    status = 200,
  ) {
    const mayLink = may(request.staff!.role, 'publishAny');
    const [media, users] = await Promise.all([listMedia(services), mayLink ? staffOptions() : Promise.resolve([])]);
    return send(
      request,
      reply,
      (t, frame) => ({
        title: author ? t('authors.editTitle', { name: author.name }) : t('authors.newTitle'),
        path: author ? `/admin/authors/${author.id}/` : '/admin/authors/new/',
        main: renderAuthorForm(t, {
          author, values: view.values ?? authorFormValues(author), errors: view.errors?.(t, frame) ?? {}, notice: view.notice ?? null, media, users, mayLink,
        }),
      }),
      status,
    );
  }

  scope.get('/admin/authors/new/', PAGE.editors, async (request, reply) => showAuthor(request, reply, null, {}));

  scope.post('/admin/authors/', form(PAGE.editors), async (request, reply) => {
    const { values, input, formField } = parseAuthorForm(request.body, true);
    let author: Author;
    try {
      author = await taxonomy.createAuthor(request.staff!, input);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return showAuthor(request, reply, null, { values, errors: (t, frame) => fieldErrorsOf(error, t, frame.lang, formField) }, 422);
    }
    return back(reply, `/admin/authors/${author.id}/?done=created`);
  });

  scope.get<{ Params: { id: string }; Querystring: { done?: string } }>('/admin/authors/:id/', PAGE.writers, async (request, reply) => {
    const author = await taxonomy.authorFor(request.staff!, idOf(request.params.id));
    const done = request.query.done;
    return showAuthor(request, reply, author, { notice: done === 'created' || done === 'saved' ? done : null });
  });

  scope.post<{ Params: { id: string } }>('/admin/authors/:id/', form(PAGE.writers), async (request, reply) => {
    const user = request.staff!;
    const before = await taxonomy.authorFor(user, idOf(request.params.id));
    const { values, input, formField } = parseAuthorForm(request.body, may(user.role, 'publishAny'));
    try {
      await taxonomy.updateAuthor(user, before.id, input);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return showAuthor(request, reply, before, { values, errors: (t, frame) => fieldErrorsOf(error, t, frame.lang, formField) }, 422);
    }
    return back(reply, `/admin/authors/${before.id}/?done=saved`);
  });

  // --- Tags ----------------------------------------------------------------------------

  async function showTags(request: FastifyRequest, reply: FastifyReply, view: { values?: TagFormValues; errors?: (t: T, frame: Frame) => FieldErrors; notice?: (typeof TAG_NOTICES)[number] | null }, status = 200) {
    const rows = await content.store.tagsWithCounts();
    return send(
      request,
      reply,
      (t, frame) => ({
        title: t('tags.title'),
        path: '/admin/tags/',
        main: renderTagList(t, { rows, values: view.values ?? tagFormValues(null), errors: view.errors?.(t, frame) ?? {}, notice: view.notice ?? null }),
      }),
      status,
    );
  }

  scope.get<{ Querystring: { done?: string } }>('/admin/tags/', PAGE.editors, async (request, reply) =>
    showTags(request, reply, { notice: TAG_NOTICES.find((n) => n === request.query.done) ?? null }),
  );

  scope.post('/admin/tags/', form(PAGE.editors), async (request, reply) => {
    const { values, input } = parseTagForm(request.body);
    try {
      await taxonomy.createTag(request.staff!, input);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return showTags(request, reply, { values, errors: (t, frame) => fieldErrorsOf(error, t, frame.lang) }, 422);
    }
    return back(reply, '/admin/tags/?done=created');
  });

  async function showTag(request: FastifyRequest, reply: FastifyReply, id: number, view: { values?: TagFormValues; errors?: (t: T, frame: Frame) => FieldErrors; confirmMissing?: boolean }, status = 200) {
    const tag = (await content.store.tagsWithCounts()).find((row) => row.id === id);
    if (!tag) throw new AppError('NOT_FOUND');
    return send(
      request,
      reply,
      (t, frame) => ({
        title: t('tags.editTitle', { name: tag.name }),
        path: `/admin/tags/${tag.id}/`,
        main: renderTagEdit(t, { tag, values: view.values ?? tagFormValues(tag), errors: view.errors?.(t, frame) ?? {}, confirmMissing: view.confirmMissing ?? false }),
      }),
      status,
    );
  }

  scope.get<{ Params: { id: string } }>('/admin/tags/:id/', PAGE.editors, async (request, reply) => showTag(request, reply, idOf(request.params.id), {}));

  scope.post<{ Params: { id: string } }>('/admin/tags/:id/', form(PAGE.editors), async (request, reply) => {
    const id = idOf(request.params.id);
    const { values, input } = parseTagForm(request.body);
    try {
      await taxonomy.updateTag(request.staff!, id, input);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return showTag(request, reply, id, { values, errors: (t, frame) => fieldErrorsOf(error, t, frame.lang) }, 422);
    }
    return back(reply, '/admin/tags/?done=updated');
  });

  scope.post<{ Params: { id: string } }>('/admin/tags/:id/delete', form(PAGE.editors), async (request, reply) => {
    const id = idOf(request.params.id);
    const confirmed = (request.body as Record<string, unknown>).confirm === 'yes';
    if (!confirmed) {
      if (!(await content.store.tagBy('id', id))) throw new AppError('NOT_FOUND');
      return showTag(request, reply, id, { confirmMissing: true }, 422);
    }
    await taxonomy.deleteTag(request.staff!, id);
    return back(reply, '/admin/tags/?done=deleted');
  });
}
