/**
 * The media library API for the newsroom: upload (multipart, real decoding, size and
 * pixel limits), list, and edit the credit, source and licence of an image (editors, or
 * the uploader while the image is only in their own drafts: access.ts). Everything an
 * editor sends is validated; a refused file or change changes nothing.
 *
 * @example
 *   curl -F file=@rathaus.jpg -F licence=cc-by-4.0 -F credit='Jana Beispiel' …/api/v1/admin/media
 */
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { PlatformDeps } from '../platform/deps.js';
import type { MediaService } from '../media/index.js';
import { AppError } from '../platform/errors.js';
import { checkedHttpUrl } from '../platform/links.js';
import { LICENCES, isLicenceCode } from './types.js';
import { MAX_UPLOAD_BYTES, toMediaItem } from './service.js';
import { assertMayEditMedia } from './access.js';

/** What this module needs from the composition root. */
export type MediaAdminRoutesDeps = Pick<PlatformDeps, 'bus' | 'database'> & { media: MediaService };

const EDITORS = ['owner', 'admin', 'editor', 'author', 'contributor'] as const;
const STAFF = { config: { access: 'staff' as const, roles: [...EDITORS] } };

/** What an edit may change, as its JSON schema. */
const EDITABLE = {
  alt: { type: 'string', maxLength: 500 },
  caption: { type: 'string', maxLength: 2000 },
  credit: { type: 'string', maxLength: 300 },
  sourceUrl: { type: ['string', 'null'], maxLength: 2000 },
  licence: { type: 'string', enum: Object.keys(LICENCES) },
} as const;

/** An image's source: empty means none; anything else must be an absolute http(s) URL. */
function httpUrlOrNull(value: unknown, field: string): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  if (typeof value === 'string' && value.length > 2000) throw new AppError('VALIDATION', { field, detail: 'at most 2000 characters' });
  return checkedHttpUrl(value, field);
}

export async function registerMediaAdminRoutes(app: FastifyInstance, services: MediaAdminRoutesDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 10_000 } });

    scope.post('/api/v1/admin/media', STAFF, async (request, reply) => {
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
  });

  app.get('/api/v1/admin/media', STAFF, async () => {
    const rows = await services.database.db.selectFrom('media').selectAll().orderBy('id', 'desc').limit(200).execute();
    return { media: rows.map(toMediaItem), licences: LICENCES };
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
      },
    },
    async (request) => {
      const id = Number(request.params.id);
      if (!Number.isInteger(id) || id <= 0) throw new AppError('BAD_REQUEST', { field: 'id' });
      const { db } = services.database;
      const existing = await db.selectFrom('media').select('id').where('id', '=', id).executeTakeFirst();
      if (!existing) throw new AppError('NOT_FOUND', { field: 'id' });
      await assertMayEditMedia(db, request.staff!, id);
      const body = request.body ?? {};
      const changes = {
        ...(body.alt !== undefined ? { alt: body.alt } : {}),
        ...(body.caption !== undefined ? { caption: body.caption } : {}),
        ...(body.credit !== undefined ? { credit: body.credit } : {}),
        ...(body.sourceUrl !== undefined ? { source_url: httpUrlOrNull(body.sourceUrl, 'sourceUrl') } : {}),
        ...(body.licence !== undefined ? { licence: body.licence } : {}),
      };
      // An UPDATE with nothing to set is not valid SQL: say so instead of failing.
      if (Object.keys(changes).length === 0) throw new AppError('NOTHING_TO_CHANGE', { detail: `send at least one of ${Object.keys(EDITABLE).join(', ')}` });
      await db.updateTable('media').set(changes).where('id', '=', id).execute();
      await services.bus.emit('taxonomy.changed', { kind: 'media' });
      return toMediaItem(await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    },
  );
}
