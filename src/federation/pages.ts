/**
 * The newsroom's federation page, `/admin/federation/` (owners and admins): the site's
 * handle and whether federation is on; the settings (on/off, approve followers, federate
 * comments, handle, blocked instances); follows waiting for approval with approve and turn
 * down; followers and their counts per actor; likes and announces per article; deliveries
 * (queued, failed, with the last error: a dead server shows here) and refused activities
 * with their reasons. Plain forms, no script needed.
 *
 * @example
 *   registerFederationPages(app, { federation, csrf, site, jobsDb: database.db });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { PAGE, sendAdminPage } from '../admin/index.js';
import { AppError } from '../platform/errors.js';
import { html, type SafeHtml } from '../platform/html.js';
import { defineMessages, translator, type Language } from '../platform/i18n.js';
import type { JobsDatabase } from '../platform/jobs/index.js';
import type { PlatformDeps } from '../platform/deps.js';
import { csrfField, type Site } from '../site/index.js';
import { SITE_ACTOR } from './objects.js';
import { FEDERATION_JOB } from './queue.js';
import type { FederationService } from './service.js';

export type FederationPageDeps = Pick<PlatformDeps, 'csrf'> & {
  site: Site;
  federation: Pick<FederationService, 'settings' | 'store' | 'actors' | 'inbox'>;
  jobsDb: Kysely<JobsDatabase>;
  publicUrl: string;
};

const messages = defineMessages({
  de: {
    title: 'Fediverse',
    on: 'Föderation ist an: Die Redaktion ist als {handle} zu finden.',
    off: 'Föderation ist aus.',
    forced: 'Per BLATTWERK_FEDERATION=on eingeschaltet.',
    settings: 'Einstellungen',
    enabled: 'Föderation an (Fediverse-Konten können der Redaktion und den Autorinnen folgen)',
    approve: 'Neue Folgende erst nach Freigabe',
    comments: 'Kommentare der Seite als Antworten ins Fediverse senden',
    handle: 'Name der Redaktion (@name@domain)',
    blocked: 'Gesperrte Instanzen (eine Domain je Zeile)',
    save: 'Speichern',
    pending: 'Warten auf Freigabe',
    accept: 'Freigeben',
    reject: 'Ablehnen',
    followers: 'Folgende',
    count: '{count, plural, one {# Folgender} other {# Folgende}}',
    none: 'Noch niemand.',
    reactions: 'Likes und Boosts je Artikel',
    article: 'Artikel',
    likes: 'Likes',
    announces: 'Boosts',
    deliveries: 'Zustellungen',
    queued: 'warten',
    failed: 'aufgegeben',
    lastErrors: 'Letzte Fehler',
    events: 'Abgewiesene und ignorierte Aktivitäten',
    when: 'Wann',
    instance: 'Instanz',
    kind: 'Art',
    reason: 'Grund',
    saved: 'Gespeichert.',
    account: 'Konto',
    name: 'Name',
    follows: 'folgt',
    since: 'seit',
  },
  en: {
    title: 'Fediverse',
    on: 'Federation is on: the newsroom is {handle}.',
    off: 'Federation is off.',
    forced: 'Switched on by BLATTWERK_FEDERATION=on.',
    settings: 'Settings',
    enabled: 'Federation on (fediverse accounts can follow the newsroom and its authors)',
    approve: 'New followers need approval',
    comments: 'Send the site’s comments to the fediverse as replies',
    handle: 'The newsroom’s name (@name@domain)',
    blocked: 'Blocked instances (one domain per line)',
    save: 'Save',
    pending: 'Waiting for approval',
    accept: 'Approve',
    reject: 'Turn down',
    followers: 'Followers',
    count: '{count, plural, one {# follower} other {# followers}}',
    none: 'Nobody yet.',
    reactions: 'Likes and boosts per article',
    article: 'Article',
    likes: 'Likes',
    announces: 'Boosts',
    deliveries: 'Deliveries',
    queued: 'waiting',
    failed: 'given up',
    lastErrors: 'Last errors',
    events: 'Refused and ignored activities',
    when: 'When',
    instance: 'Instance',
    kind: 'Type',
    reason: 'Reason',
    saved: 'Saved.',
    account: 'Account',
    name: 'Name',
    follows: 'follows',
    since: 'since',
  },
});

type Key = keyof (typeof messages)['en'];
const ID = /^[1-9][0-9]{0,9}$/;
const first = (value: unknown): string => ([value].flat().find((v): v is string => typeof v === 'string') ?? '');

export function registerFederationPages(app: FastifyInstance, deps: FederationPageDeps): void {
  const { federation } = deps;

  async function render(lang: Language, saved: boolean, error: string | null): Promise<SafeHtml> {
    const t = translator<Key>(lang, messages);
    const settings = await federation.settings.get();
    const host = new URL(deps.publicUrl).host;
    const handle = `@${await federation.actors.siteUsername()}@${host}`;
    const [pending, followers, total, reactions, events] = await Promise.all([
      federation.store.listFollowers('pending', 100, 0),
      federation.store.listFollowers('accepted', 100, 0),
      federation.store.countFollowers(null),
      federation.store.reactionCounts(30),
      federation.store.recentEvents(30),
    ]);
    const jobs = await deps.jobsDb
      .selectFrom('jobs')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
      .where('kind', '=', FEDERATION_JOB)
      .where('status', 'in', ['queued', 'running', 'failed'])
      .groupBy('status')
      .execute();
    const jobCount = (status: string) => Number(jobs.find((j) => j.status === status)?.n ?? 0);
    const errors = await deps.jobsDb
      .selectFrom('jobs')
      .select(['id', 'status', 'attempts', 'last_error', 'run_at'])
      .where('kind', '=', FEDERATION_JOB)
      .where('last_error', 'is not', null)
      .orderBy('id', 'desc')
      .limit(10)
      .execute();
    const perActor = new Map<string, number>();
    for (const f of followers) perActor.set(f.actor, (perActor.get(f.actor) ?? 0) + 1);
    const followerRow = (f: (typeof followers)[number], actions: boolean) => html`<tr><td>${f.url ? html`<a href="${f.url}" rel="nofollow noopener">${f.handle}</a>` : f.handle}</td><td>${f.name}</td><td>${f.actor === SITE_ACTOR ? handle : f.actor}</td><td>${f.created_at.slice(0, 10)}</td>${
      actions
        ? html`<td><form method="post" action="/admin/federation/followers/${f.id}/approve" class="inline-form">${csrfField()}<button type="submit">${t('accept')}</button></form> <form method="post" action="/admin/federation/followers/${f.id}/reject" class="inline-form">${csrfField()}<button type="submit" class="link-button">${t('reject')}</button></form></td>`
        : html`<td><form method="post" action="/admin/federation/followers/${f.id}/reject" class="inline-form">${csrfField()}<button type="submit" class="link-button">${t('reject')}</button></form></td>`
    }</tr>`;
    const head = html`<thead><tr><th>${t('account')}</th><th>${t('name')}</th><th>${t('follows')}</th><th>${t('since')}</th><th></th></tr></thead>`;
    return html`<h1>${t('title')}</h1>
${saved ? html`<p class="notice" role="status">${t('saved')}</p>` : ''}
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<p>${settings.enabled ? t('on', { handle }) : t('off')}${settings.forced ? html` ${t('forced')}` : ''}</p>
<p>${t('count', { count: total })} · ${t('deliveries')}: ${jobCount('queued') + jobCount('running')} ${t('queued')}, ${jobCount('failed')} ${t('failed')}</p>
<section><h2>${t('settings')}</h2>
<form method="post" action="/admin/federation/settings" class="settings-form">${csrfField()}
<p class="field-check"><label><input type="checkbox" name="enabled" value="on"${settings.enabled ? html` checked` : ''}> ${t('enabled')}</label></p>
<p class="field-check"><label><input type="checkbox" name="approveFollowers" value="on"${settings.approveFollowers ? html` checked` : ''}> ${t('approve')}</label></p>
<p class="field-check"><label><input type="checkbox" name="federateComments" value="on"${settings.federateComments ? html` checked` : ''}> ${t('comments')}</label></p>
<p class="field"><label for="fed-handle">${t('handle')}</label><input id="fed-handle" name="handle" value="${settings.handle}" maxlength="30" placeholder="${await federation.actors.siteUsername()}"></p>
<p class="field"><label for="fed-blocked">${t('blocked')}</label><textarea id="fed-blocked" name="blockedDomains" rows="4">${settings.blockedDomains.join('\n')}</textarea></p>
<p><button type="submit">${t('save')}</button></p>
</form></section>
<section><h2>${t('pending')}</h2>
${pending.length ? html`<div class="table-scroll"><table>${head}<tbody>${pending.map((f) => followerRow(f, true))}</tbody></table></div>` : html`<p>${t('none')}</p>`}
</section>
<section><h2>${t('followers')}</h2>
<ul>${[...perActor].map(([actor, n]) => html`<li>${actor === SITE_ACTOR ? handle : actor}: ${t('count', { count: n })}</li>`)}</ul>
${followers.length ? html`<div class="table-scroll"><table>${head}<tbody>${followers.map((f) => followerRow(f, false))}</tbody></table></div>` : html`<p>${t('none')}</p>`}
</section>
<section><h2>${t('reactions')}</h2>
${reactions.length ? html`<table><thead><tr><th>${t('article')}</th><th>${t('likes')}</th><th>${t('announces')}</th></tr></thead><tbody>${reactions.map((r) => html`<tr><td>${String(r.article_id)}</td><td>${String(Number(r.likes))}</td><td>${String(Number(r.announces))}</td></tr>`)}</tbody></table>` : html`<p>${t('none')}</p>`}
</section>
<section><h2>${t('lastErrors')}</h2>
${errors.length ? html`<ul>${errors.map((e) => html`<li>${e.status} · ${String(e.attempts)} · ${(e.last_error ?? '').slice(0, 300)}</li>`)}</ul>` : html`<p>${t('none')}</p>`}
</section>
<section><h2>${t('events')}</h2>
${events.length ? html`<div class="table-scroll"><table><thead><tr><th>${t('when')}</th><th>${t('instance')}</th><th>${t('kind')}</th><th>${t('reason')}</th></tr></thead><tbody>${events.map((e) => html`<tr><td>${e.at.slice(0, 19).replace('T', ' ')}</td><td>${e.instance}</td><td>${e.kind}</td><td>${e.outcome}: ${e.reason}</td></tr>`)}</tbody></table></div>` : html`<p>${t('none')}</p>`}
</section>`;
  }

  const show = async (request: FastifyRequest, reply: FastifyReply, saved: boolean, error: string | null = null, status = 200) => {
    const main = await render((await deps.site.frame()).lang, saved, error);
    return sendAdminPage(app, deps, request, reply, (_t, frame) => ({ title: translator<Key>(frame.lang, messages)('title'), path: '/admin/federation/', main }), status);
  };

  void app.register(async (scope) => {
    scope.get<{ Querystring: { saved?: string } }>('/admin/federation/', PAGE.administrators, async (request, reply) => show(request, reply, request.query.saved === '1'));
    scope.post<{ Body: Record<string, unknown> | undefined }>('/admin/federation/settings', PAGE.administrators, async (request, reply) => {
      const body = request.body ?? {};
      try {
        await federation.settings.update({
          enabled: first(body.enabled) === 'on',
          approveFollowers: first(body.approveFollowers) === 'on',
          federateComments: first(body.federateComments) === 'on',
          handle: first(body.handle).trim().toLowerCase(),
          blockedDomains: first(body.blockedDomains).split(/[\s,]+/).filter(Boolean),
        });
      } catch (error) {
        if (error instanceof AppError) return show(request, reply, false, `${error.code}: ${error.field ?? ''} ${error.detail ?? ''}`, 422);
        throw error;
      }
      return reply.redirect('/admin/federation/?saved=1', 303);
    });
    scope.post<{ Params: { id: string; action: string } }>('/admin/federation/followers/:id/:action', PAGE.administrators, async (request, reply) => {
      const { id, action } = request.params;
      if (!ID.test(id) || (action !== 'approve' && action !== 'reject')) throw new AppError('NOT_FOUND');
      const done = action === 'approve' ? await federation.inbox.approve(Number(id)) : await federation.inbox.reject(Number(id));
      if (!done) throw new AppError('NOT_FOUND');
      return reply.redirect('/admin/federation/?saved=1', 303);
    });
  });
}
