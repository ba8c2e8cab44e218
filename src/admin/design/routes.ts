/**
 * The design settings in the newsroom (owner, admin): the page `/admin/design/` with its
 * forms, and the JSON API `GET|PUT /api/v1/admin/design`, `PUT|DELETE
 * /api/v1/admin/design/images/:slot` (the image's bytes as the body). Doors over the
 * theme's operations (site/theme): parse, call, audit, render. A refused change answers
 * its coded error at the field (the page: 422 with what was typed kept) and saves nothing.
 *
 * @example
 *   registerDesignRoutes(app, { ...services, theme, audit });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { designAnswers } from './answers.js'; // issue 17
import { formField } from '../../platform/http.js';
import { translator } from '../../platform/i18n.js';
import { ROLES_FOR } from '../../platform/permissions.js';
import { FONT_PAIRINGS, MAX_UPLOAD_BYTES, type DesignInput, type DesignResult, type ImageSlot, type Theme } from '../../site/index.js';
import type { Audit } from '../audit.js';
import { PAGE, sendAdminPage, type AdminUiHttpDeps } from '../ui/http.js';
import { designMessages } from './messages.js';
import { renderDesignPage, type DesignView } from './view.js';

/** What this module needs from the composition root. */
export type DesignRoutesDeps = Pick<PlatformDeps, 'settings' | 'assets'> & AdminUiHttpDeps & { theme: Theme; audit: Audit };

const ADMINS = { config: { access: 'staff' as const, roles: [...ROLES_FOR.administer] } };
const SLOTS: readonly ImageSlot[] = ['logoLight', 'logoDark', 'icons'];
/** Room for a 2 MB image and the form around it; the image's own cap is checked with its code. */
const BODY_LIMIT = 3 * MAX_UPLOAD_BYTES;

const DESIGN_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    accent: { type: 'string', maxLength: 20 },
    fonts: { type: 'string', enum: FONT_PAIRINGS.map((p) => p.id) },
    homeLayout: { type: 'string', enum: ['lead-grid', 'river'] },
    newsletterBox: { type: 'boolean' },
    supportBox: { type: 'boolean' },
    customCss: { type: 'string' },
  },
} as const;

function slotOf(raw: unknown): ImageSlot {
  if (!SLOTS.includes(raw as ImageSlot)) throw new AppError('VALIDATION', { field: 'slot', detail: `one of ${SLOTS.join(', ')}` });
  return raw as ImageSlot;
}

const json = (result: DesignResult) => ({ design: result.design, warnings: result.warnings });

/** The form's fields as a change: checkboxes are off when left out (the form says it has them). */
export function designInputOfForm(body: unknown): DesignInput {
  const input: DesignInput = {};
  for (const key of ['accent', 'fonts', 'homeLayout', 'customCss'] as const) {
    const value = formField(body, key);
    if (value !== undefined) input[key] = value;
  }
  if (formField(body, 'boxes') === '1') {
    input.newsletterBox = formField(body, 'newsletterBox') === '1';
    input.supportBox = formField(body, 'supportBox') === '1';
  }
  return input;
}

export function registerDesignRoutes(app: FastifyInstance, services: DesignRoutesDeps): void {
  const { theme, audit } = services;

  async function record(request: FastifyRequest, what: string, fields: string[]) {
    await audit.record(request.staff!, 'design.change', 'settings', 'design', { what, fields });
  }

  async function page(request: FastifyRequest, reply: FastifyReply, extra: Partial<DesignView> = {}, status = 200) {
    const [current, site] = await Promise.all([theme.design(), services.settings.get('site')]);
    const view: DesignView = { design: current.design, warnings: current.warnings, siteTitle: site.title, ...extra };
    return sendAdminPage(
      app,
      services,
      request,
      reply,
      (_t, frame) => {
        const t = translator(frame.lang, designMessages);
        return { title: t('title'), path: '/admin/design/', main: renderDesignPage(t, frame.lang, view), modules: ['design.js', 'settings.js'], stylesheets: ['design.css'] };
      },
      status,
    );
  }

  async function refused(request: FastifyRequest, reply: FastifyReply, error: unknown, typed: DesignView['typed'] = {}) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    const lang = (await services.settings.get('site')).language;
    return page(request, reply, { error: { message: error.localized(lang), ...(error.field ? { field: error.field } : {}) }, typed }, error.status === 413 || error.status === 415 ? error.status : 422);
  }

  // --- the page ---
  app.get<{ Querystring: { saved?: string } }>('/admin/design/', PAGE.administrators, async (request, reply) => page(request, reply, { saved: request.query.saved === '1' }));

  app.post('/admin/design', PAGE.administrators, async (request, reply) => {
    const input = designInputOfForm(request.body);
    try {
      await theme.update(input);
    } catch (error) {
      return refused(request, reply, error, { accent: formField(request.body, 'accent'), customCss: formField(request.body, 'customCss') });
    }
    await record(request, 'settings', Object.keys(input));
    return reply.redirect('/admin/design/?saved=1', 303);
  });

  // Fonts of every pairing for the page's samples and preview (design.js links it).
  const fontsCss = FONT_PAIRINGS.flatMap((pairing) => [
    ...pairing.faces.map(
      (face) => `@font-face{font-family:"${face.family}";font-style:${face.style};font-weight:${face.weight};font-display:swap;src:url(${services.assets.url(face.file)}) format("woff2")}`,
    ),
    `.design-font-${pairing.id} .design-font-sample{font-family:${pairing.text}}`,
    `.design-preview-page[data-font="${pairing.id}"]{--preview-text:${pairing.text};--preview-ui:${pairing.ui}}`,
  ]).join('\n');
  app.get('/admin/design/fonts.css', PAGE.administrators, async (_request, reply) =>
    reply.header('cache-control', 'private, max-age=3600').type('text/css; charset=utf-8').send(fontsCss),
  );

  // The image forms: multipart read whole by our own parser (as funding's statement upload),
  // so the guard finds the form's `_csrf` field like any other form's.
  void app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (request, body, done) => {
      new Response(body as Buffer, { headers: { 'content-type': String(request.headers['content-type']) } })
        .formData()
        .then(async (form) => {
          const text = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : undefined);
          const file = form.get('file');
          const bytes = file && typeof file !== 'string' ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
          done(null, { _csrf: text('_csrf'), slot: text('slot'), remove: text('remove'), file: bytes });
        })
        .catch(() => done(new AppError('BAD_REQUEST', { field: 'file', detail: 'unreadable multipart body' })));
    });
    scope.post<{ Body: { slot?: string; remove?: string; file?: Buffer } }>('/admin/design/images', { ...PAGE.administrators, bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const body = request.body ?? {};
      try {
        const slot = slotOf(body.slot);
        if (body.remove === '1') await theme.removeImage(slot);
        else if (!body.file || body.file.length === 0) throw new AppError('VALIDATION', { field: slot, detail: 'no file' });
        else if (slot === 'icons') await theme.uploadIcon(body.file);
        else await theme.uploadLogo(slot, body.file);
        await record(request, body.remove === '1' ? `remove ${slot}` : `upload ${slot}`, [slot]);
      } catch (error) {
        return refused(request, reply, error);
      }
      return reply.redirect('/admin/design/?saved=1', 303);
    });
  });

  // --- the JSON API ---
  app.get('/api/v1/admin/design', { ...ADMINS, schema: { summary: 'The design settings, with warnings (an accent too faint to read)', response: designAnswers() } }, async () => json(await theme.design()));

  app.put<{ Body: DesignInput }>(
    '/api/v1/admin/design',
    { ...ADMINS, schema: { summary: 'Change the design settings (fields left out are kept)', body: DESIGN_BODY, response: designAnswers(400, 413) } },
    async (request) => {
      const result = await theme.update(request.body);
      await record(request, 'settings', Object.keys(request.body));
      return json(result);
    },
  );

  void app.register(async (scope) => {
    scope.addContentTypeParser(['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml', 'image/gif', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    scope.put<{ Params: { slot: string }; Body: Buffer }>(
      '/api/v1/admin/design/images/:slot',
      { ...ADMINS, bodyLimit: BODY_LIMIT, schema: { summary: 'Upload a logo (logoLight, logoDark) or the site icon (icons): PNG, JPEG or WebP bytes as the body', response: designAnswers(400, 413, 415) } },
      async (request) => {
        const slot = slotOf(request.params.slot);
        if (!Buffer.isBuffer(request.body)) throw new AppError('THEME_NOT_IMAGE', { field: slot });
        const result = slot === 'icons' ? await theme.uploadIcon(request.body) : await theme.uploadLogo(slot, request.body);
        await record(request, `upload ${slot}`, [slot]);
        return json(result);
      },
    );
  });

  app.delete<{ Params: { slot: string } }>('/api/v1/admin/design/images/:slot', { ...ADMINS, schema: { summary: 'Remove a logo or the site icon', response: designAnswers(400) } }, async (request) => {
    const slot = slotOf(request.params.slot);
    const result = await theme.removeImage(slot);
    await record(request, `remove ${slot}`, [slot]);
    return json(result);
  });
}
