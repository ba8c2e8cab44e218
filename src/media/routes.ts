/**
 * Serves uploaded media from `<data>/media`. Names are content-hashed, so responses are
 * immutable. The requested path is checked against a strict pattern and must resolve
 * inside the media folder: no traversal, no dot files, no symlink escapes.
 */
import type { FastifyInstance } from 'fastify';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { MediaService } from './service.js';

const TYPES: Record<string, string> = { jpg: 'image/jpeg', webp: 'image/webp', avif: 'image/avif', png: 'image/png' };
const SAFE_PATH = /^[0-9]{4}\/[0-9]{2}\/[a-z0-9-]+\.(jpg|webp|avif|png)$/;

export function registerMediaRoutes(app: FastifyInstance, media: Pick<MediaService, 'root'>): void {
  app.get('/media/*', { config: { access: 'public' } }, async (request, reply) => {
    const relative = (request.params as { '*': string })['*'];
    if (!SAFE_PATH.test(relative)) return reply.callNotFound();
    let file: string;
    try {
      const root = await realpath(media.root);
      file = await realpath(join(root, relative));
      if (!file.startsWith(root + sep)) return reply.callNotFound();
      const info = await stat(file);
      if (!info.isFile()) return reply.callNotFound();
      reply.header('content-length', info.size);
    } catch {
      return reply.callNotFound();
    }
    const ext = relative.slice(relative.lastIndexOf('.') + 1);
    return reply
      .header('content-type', TYPES[ext] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(file));
  });
}
