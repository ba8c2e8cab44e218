/**
 * The theme's public files: `/theme/theme.HASH.css` (the theme stylesheet with the custom
 * CSS), `/theme/NAME.HASH.png` (logos, icons) and `/site.webmanifest` (name and app icons).
 * Hashed files are cached for a year like the other assets; the stylesheet goes out as
 * `text/css` with `nosniff`, so whatever the custom CSS holds is only ever read as CSS.
 *
 * @example
 *   registerThemeRoutes(app, { ...services, theme: createTheme(…) });
 */
import type { FastifyInstance } from 'fastify';
import type { SettingsService } from '../../platform/settings.js';
import type { Theme } from './service.js';

export interface ThemeRoutesDeps {
  theme: Theme;
  settings: Pick<SettingsService, 'all'>;
}

const PUBLIC = { config: { access: 'public' as const } };
const IMMUTABLE = 'public, max-age=31536000, immutable';
const NAME = /^[a-z0-9-]+\.[A-Za-z0-9]{10}\.(css|png)$/;

export function registerThemeRoutes(app: FastifyInstance, deps: ThemeRoutesDeps): void {
  app.get<{ Params: { file: string } }>('/theme/:file', PUBLIC, async (request, reply) => {
    const { file } = request.params;
    if (!NAME.test(file)) return reply.callNotFound();
    reply.header('x-content-type-options', 'nosniff').header('vary', 'Accept-Encoding');
    if (file.startsWith('theme.')) {
      const sheet = await deps.theme.stylesheet(`/theme/${file}`);
      if (!sheet) return reply.callNotFound();
      reply.header('cache-control', IMMUTABLE).header('etag', sheet.etag).type('text/css; charset=utf-8');
      if (request.headers['if-none-match'] === sheet.etag) return reply.code(304).send();
      return reply.send(sheet.body);
    }
    const asset = await deps.theme.asset(file);
    if (!asset) return reply.callNotFound();
    const etag = `"${file.split('.')[1]}"`;
    reply.header('cache-control', IMMUTABLE).header('etag', etag).type(asset.contentType);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(asset.body);
  });

  app.get('/site.webmanifest', PUBLIC, async (_request, reply) => {
    const { site, design } = await deps.settings.all();
    const icons = design.icons
      ? [
          { src: design.icons.png192, sizes: '192x192', type: 'image/png' },
          { src: design.icons.png512, sizes: '512x512', type: 'image/png' },
        ]
      : [];
    reply.header('cache-control', 'public, max-age=3600').type('application/manifest+json; charset=utf-8');
    return reply.send(
      JSON.stringify({ name: site.title, short_name: site.title.slice(0, 12), lang: site.language, start_url: '/', display: 'browser', background_color: '#fffdf8', theme_color: design.accent, icons }),
    );
  });
}
