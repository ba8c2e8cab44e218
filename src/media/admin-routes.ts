/**
 * The media library API for the newsroom: upload (multipart, real decoding, size and
 * pixel limits), list, and edit the credit, source and licence of an image (editors, or
 * the uploader while the image is only in their own drafts: access.ts). Everything an
 * editor sends is validated; a refused file or change changes nothing.
 *
 * @example
 *   curl -F file=@rathaus.jpg -F licence=cc-by-4.0 -F credit='Jana Beispiel' …/api/v1/admin/media
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mediaAnswers, mediaItemAnswer, mediaListAnswer } from './schemas.js'; // issue 17: answers
import multipart from '@fastify/multipart';
import type { PlatformDeps } from '../platform/deps.js';
import type { MediaService } from '../media/index.js';
import { AppError } from '../platform/errors.js';
import { LICENCES, isLicenceCode } from './types.js';
import { MAX_UPLOAD_BYTES } from './service.js';
import { assertMayEditMedia } from './access.js';
import { MEDIA_FILTERS, MediaInUseError, TEXT_LIMITS, createMediaLibrary, httpUrlOrNull, isMediaFilter } from './library.js';

/** What this module needs from the composition root. */
export type MediaAdminRoutesDeps = Pick<PlatformDeps, 'bus' | 'database' | 'settings'> & { media: MediaService };

const EDITORS = ['owner', 'admin', 'editor', 'author', 'contributor'] as const;
const STAFF = { config: { access: 'staff' as const, roles: [...EDITORS] } };

/** What an edit may change, as its JSON schema. */
const EDITABLE = {
  alt: { type: 'string', maxLength: TEXT_LIMITS.alt },
  caption: { type: 'string', maxLength: TEXT_LIMITS.caption },
  credit: { type: 'string', maxLength: TEXT_LIMITS.credit },
  sourceUrl: { type: ['string', 'null'], maxLength: TEXT_LIMITS.sourceUrl },
  licence: { type: 'string', enum: Object.keys(LICENCES) },
} as const;

function mediaId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new AppError('BAD_REQUEST', { field: 'id' });
  return id;
}

/** The one file (`file`) and the text fields of a multipart upload; too large or missing is refused. */
async function readUpload(request: FastifyRequest): Promise<{ file: Buffer; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { field: 'file', detail: 'send multipart/form-data' });
  const fields: Record<string, string> = {};
  let file: Buffer | null = null;
  let truncated = false;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        continue;
      }
      file = await part.toBuffer().catch((error: unknown) => {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') truncated = true;
        return Buffer.alloc(0);
      });
      if (part.file.truncated) truncated = true;
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  if (truncated) throw new AppError('PAYLOAD_TOO_LARGE', { field: 'file', detail: `at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
  if (!file || file.length === 0) throw new AppError('VALIDATION', { field: 'file', detail: 'no file' });
  return { file, fields };
}

export async function registerMediaAdminRoutes(app: FastifyInstance, services: MediaAdminRoutesDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 10_000 } });

    scope.post('/api/v1/admin/media', { ...STAFF, schema: mediaAnswers({ 201: mediaItemAnswer }) }, async (request, reply) => {
      const { file, fields } = await readUpload(request);
      const licence = fields.licence ?? 'all-rights-reserved';
      if (!isLicenceCode(licence)) throw new AppError('VALIDATION', { field: 'licence', detail: `one of ${Object.keys(LICENCES).join(', ')}` });
      const item = await services.media.importImage(file, {
        name: (fields.name ?? '').slice(0, 60),
        alt: fields.alt ?? '',
        caption: fields.caption ?? '',
        credit: fields.credit ?? '',
        sourceUrl: httpUrlOrNull(fields.sourceUrl, 'sourceUrl'),
        licence,
        uploadedBy: request.staff!.id,
      });
      await services.bus.emit('taxonomy.changed', { kind: 'media' });
      return reply.code(201).send(item);
    });

    // A new file behind the same image: texts and uses stay (the library page's "replace").
    scope.put<{ Params: { id: string } }>('/api/v1/admin/media/:id/file', { ...STAFF, schema: mediaAnswers({ 200: mediaItemAnswer }) }, async (request) => {
      const id = mediaId(request.params.id);
      const { db } = services.database;
      if (!(await db.selectFrom('media').select('id').where('id', '=', id).executeTakeFirst())) throw new AppError('NOT_FOUND', { field: 'id' });
      await assertMayEditMedia(db, request.staff!, id);
      const { file, fields } = await readUpload(request);
      const item = await services.media.replaceImage(id, file, (fields.name ?? '').slice(0, 60));
      await services.bus.emit('taxonomy.changed', { kind: 'media' });
      return item;
    });
  });

  const library = createMediaLibrary({ db: services.database.db, media: services.media });

  // `q` searches the texts and file name; `filter` is all, unused or uncredited. Each item
  // carries its uses (articles and author pictures), newest image first, at most 200.
  app.get<{ Querystring: { q?: string; filter?: string } }>(
    '/api/v1/admin/media',
    { ...STAFF, schema: { querystring: { type: 'object', properties: { q: { type: 'string', maxLength: 200 }, filter: { type: 'string', enum: [...MEDIA_FILTERS] } } }, ...mediaAnswers({ 200: mediaListAnswer }) } },
    async (request) => {
      const filter = isMediaFilter(request.query.filter) ? request.query.filter : 'all';
      const { items, uses } = await library.search({ q: request.query.q ?? '', filter });
      return { media: items.map((item) => ({ ...item, uses: uses.get(item.id) ?? [] })), licences: LICENCES };
    },
  );

  // Refused (409 MEDIA_IN_USE) while anything shows the image, with `uses` naming where.
  app.delete<{ Params: { id: string } }>('/api/v1/admin/media/:id', { ...STAFF, schema: mediaAnswers({ 204: { type: 'null', description: 'Deleted.' } }) }, async (request, reply) => {
    try {
      await library.remove(request.staff!, mediaId(request.params.id));
    } catch (error) {
      if (!(error instanceof MediaInUseError)) throw error;
      const lang = (await services.settings.get('site')).language;
      return reply.code(409).send({ error: { code: error.code, message: error.localized(lang), field: error.field, uses: error.uses } });
    }
    await services.bus.emit('taxonomy.changed', { kind: 'media' });
    return reply.code(204).send();
  });

  app.patch<{ Params: { id: string }; Body: { alt?: string; caption?: string; credit?: string; sourceUrl?: string | null; licence?: string } }>(
    '/api/v1/admin/media/:id',
    {
      ...STAFF,
      schema: {
        body: {
          type: 'object',
          properties: EDITABLE,
          additionalProperties: false,
        },
        ...mediaAnswers({ 200: mediaItemAnswer }),
      },
    },
    async (request) => {
      const item = await library.update(request.staff!, mediaId(request.params.id), request.body ?? {});
      await services.bus.emit('taxonomy.changed', { kind: 'media' });
      return item;
    },
  );
}
