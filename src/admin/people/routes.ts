/**
 * The people page's doors (owner and admin only): the page, the invitation form, and one
 * form per change; and the same operations as JSON under `/api/v1/admin/people`. Each door
 * parses, calls one operation of `service.ts` and renders; a refused form comes back with
 * the message at its field (422 for an invitation, a redirect with the code otherwise).
 *
 * @example
 *   registerPeopleRoutes(app, { ...services, people });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import { AppError, ERROR_STATUS, errorMessages, type ErrorCode } from '../../platform/errors.js';
import { translator, type Language } from '../../platform/i18n.js';
import { formField } from '../../platform/http.js';
import { ROLES_FOR } from '../../platform/permissions.js';
import type { Role } from '../../platform/users.js';
import type { Site } from '../../site/index.js';
import { PAGE, sendAdminPage } from '../ui/index.js';
import { adminUiMessages } from '../ui/messages.js';
import { peopleMessages, type PeopleMessageKey } from './messages.js';
import { INVITE_JOB, type InvitePayload, type People } from './service.js';
import { changedAnswer, invitedAnswer, peopleAnswer, peopleAnswers } from './answers.js'; // issue 17
import { renderPeople, type PeopleView } from './view.js';

export type PeopleRouteDeps = Pick<PlatformDeps, 'csrf' | 'settings' | 'jobs' | 'mailer' | 'config'> & { site: Site; people: People };

const API = { config: { access: 'staff' as const, roles: [...ROLES_FOR.administer] } };
const DONE = ['invited', 'role', 'suspended', 'unsuspended', 'removed', 'totp'] as const;
const ID = /^[1-9][0-9]{0,9}$/;

function idOf(raw: string): number {
  if (!ID.test(raw)) throw new AppError('BAD_REQUEST', { field: 'id' });
  return Number(raw);
}

export function registerPeopleRoutes(app: FastifyInstance, deps: PeopleRouteDeps): void {
  const language = async (): Promise<Language> => (await deps.settings.get('site')).language;

  deps.jobs.register<InvitePayload>(INVITE_JOB, async (job) => {
    const p = job.payload;
    const t = translator(p.lang, peopleMessages);
    const site = (await deps.settings.get('site')).title;
    const roles = translator(p.lang, adminUiMessages);
    const link = `${deps.config.publicUrl}/admin/reset/?token=${p.token}&welcome=1`;
    await deps.mailer.send({
      to: p.email,
      subject: t('mail.subject', { site }),
      text: t('mail.body', { name: p.name, inviter: p.inviter, site, role: roles(`role.${p.role}`), link, email: p.email, signIn: `${deps.config.publicUrl}/admin/login/` }),
    });
  });

  async function page(request: FastifyRequest, reply: FastifyReply, extra: Pick<PeopleView, 'flash' | 'error' | 'values'>, status = 200) {
    const lang = await language();
    const people = await deps.people.list(request.caller);
    const t = translator(lang, peopleMessages);
    return sendAdminPage(app, deps, request, reply, (at) => ({
      title: t('people.title'), path: '/admin/people/', stylesheets: ['desk.css', 'people.css'],
      main: renderPeople({ lang, people, me: request.staff!.id, actorRole: request.staff!.role, roleName: (r: Role) => at(`role.${r}`), ...extra }),
    }), status);
  }

  app.get<{ Querystring: { done?: string; error?: string } }>('/admin/people/', PAGE.administrators, async (request, reply) => {
    const lang = await language();
    const t = translator(lang, peopleMessages);
    const done = request.query.done;
    const flash = done && (DONE as readonly string[]).includes(done) ? [t(`done.${done}` as PeopleMessageKey)] : [];
    const code = request.query.error;
    const error = code && Object.hasOwn(ERROR_STATUS, code) ? { message: errorMessages[lang][code as ErrorCode] } : null;
    return page(request, reply, { flash, error, values: {} });
  });

  app.post('/admin/people/invite', PAGE.administrators, async (request, reply) => {
    const values = { email: formField(request.body, 'email'), name: formField(request.body, 'name'), role: formField(request.body, 'role') };
    try {
      await deps.people.invite(request.caller, values);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const lang = await language();
      return page(request, reply, { flash: [], error: { message: error.localized(lang), field: error.field ?? 'email' }, values }, error.status === 409 ? 409 : 422);
    }
    return reply.redirect('/admin/people/?done=invited', 303);
  });

  /** One change from the list: redirect with what was done, or with the refusal's code. */
  const change = (path: string, done: (typeof DONE)[number], run: (request: FastifyRequest<{ Params: { id: string } }>, id: number) => Promise<void>) =>
    app.post<{ Params: { id: string } }>(`/admin/people/:id/${path}`, PAGE.administrators, async (request, reply) => {
      try {
        await run(request, idOf(request.params.id));
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return reply.redirect(`/admin/people/?error=${error.code}`, 303);
        throw error;
      }
      return reply.redirect(`/admin/people/?done=${done}`, 303);
    });

  change('role', 'role', (request, id) => deps.people.changeRole(request.caller, id, formField(request.body, 'role')));
  change('suspend', 'suspended', (request, id) => deps.people.suspend(request.caller, id));
  change('unsuspend', 'unsuspended', (request, id) => deps.people.unsuspend(request.caller, id));
  change('reset-totp', 'totp', (request, id) => deps.people.resetTotp(request.caller, id));
  change('remove', 'removed', async (request, id) => {
    if (formField(request.body, 'confirm') !== 'yes') throw new AppError('VALIDATION', { field: 'confirm' });
    await deps.people.remove(request.caller, id);
  });

  // --- JSON ------------------------------------------------------------------------------
  app.get('/api/v1/admin/people', { ...API, schema: { response: peopleAnswers(200, peopleAnswer) } }, async (request) => ({ people: await deps.people.list(request.caller) }));
  app.post<{ Body: { email?: unknown; name?: unknown; role?: unknown } }>('/api/v1/admin/people', { ...API, schema: { response: peopleAnswers(201, invitedAnswer) } }, async (request, reply) => {
    const body = request.body ?? {};
    return reply.code(201).send(await deps.people.invite(request.caller, { email: body.email, name: body.name, role: body.role }));
  });
  app.patch<{ Params: { id: string }; Body: { role?: unknown } }>('/api/v1/admin/people/:id', { ...API, schema: { response: peopleAnswers(204, changedAnswer) } }, async (request, reply) => {
    await deps.people.changeRole(request.caller, idOf(request.params.id), request.body?.role);
    return reply.code(204).send();
  });
  for (const [path, op] of [['suspend', 'suspend'], ['unsuspend', 'unsuspend'], ['remove', 'remove'], ['reset-totp', 'resetTotp']] as const) {
    app.post<{ Params: { id: string } }>(`/api/v1/admin/people/:id/${path}`, { ...API, schema: { response: peopleAnswers(204, changedAnswer) } }, async (request, reply) => {
      await deps.people[op](request.caller, idOf(request.params.id));
      return reply.code(204).send();
    });
  }
}
