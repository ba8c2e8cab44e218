/**
 * The composition root: builds config-driven platform pieces, stores and services, wires
 * events to their subscribers and registers every capability's routes. Nothing else in
 * the code base constructs services; tests call `buildApp` with their own config.
 *
 * @example
 *   const app = await buildApp(loadConfig({ env: process.env }));
 *   await app.http.listen({ port: 3000, host: '127.0.0.1' });
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import { randomBytes } from 'node:crypto';
import type { Config } from './platform/config.js';
import { openDatabase, type DatabaseHandle } from './platform/db/index.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { allMigrations } from './migrations.js';
import { createEventBus, type EventBus } from './platform/events.js';
import { createSettingsService, type SettingsService } from './platform/settings.js';
import { PageCache } from './platform/cache.js';
import { createCsrf, type Csrf } from './platform/csrf.js';
import { answerFromCache, registerPageCache, spliceForVisitor, type PageSender } from './platform/pages.js';
import { createRelay, createRenderPool, type RenderPool } from './platform/threads.js'; // issue 16: render threads
import { createServer } from 'node:http';
import { installErrorHandling, requestId, requireAccessDeclarations } from './platform/http.js';
import { installSecurityHeaders } from './platform/headers.js'; // security (issue 15)
import { loadAssets, type Assets } from './platform/assets.js';
import { createLogger, type Logger } from './platform/logging.js';
import { createScheduler, type Scheduler } from './platform/scheduler.js';
import { createArticleOperations, createContentService, type ContentService } from './content/index.js';
import { createCorrectionsService, type CorrectionsService } from './content/index.js';
import { createTranslations, registerTranslationRoutes, type Translations } from './content/index.js'; // translations (issue 12)
import { newsletterPersonalData } from './audience/personal-data.js'; // readers' data rights (issue 12)
import { correctionsPersonalData } from './content/corrections/personal-data.js'; // readers' data rights (issue 12)
import { registerCorrectionRoutes } from './content/corrections/routes.js';
import { createMediaService, type MediaService } from './media/index.js';
import { cachedRelated, connectSearchIndex, createSearchService, type SearchService } from './search/index.js';
import { createSite, registerSiteRoutes, renderDocument, type Site } from './site/index.js';
import { createTheme, registerThemeRoutes } from './site/index.js'; // design settings (issue 12)
import { registerDistributionRoutes } from './distribution/index.js';
// distribution (issue 5): channel autopost, WebSub pings, webhooks
import { connectAutopost, registerAutopostRoutes } from './distribution/autopost/index.js';
import { connectWebhooks, registerWebhookPages, registerWebhookRoutes, webhookDocs } from './distribution/webhooks/index.js';
import { registerFundingRoutes } from './funding/index.js';
import { registerProofreadRoutes } from './admin/proofread/index.js';
import { registerMediaRoutes } from './media/routes.js';
import { registerMediaAdminRoutes } from './media/admin-routes.js';
import { registerArticleAdminRoutes } from './admin/articles/routes.js';
import { registerTaxonomyRoutes } from './admin/taxonomy/routes.js'; // admin (issue 4): authors and tags
import { createAudit } from './admin/audit.js';
import { registerAccountRoutes } from './admin/account/routes.js';
import { createPeople, registerPeopleRoutes } from './admin/people/index.js'; // people (issue 11)
import { registerDashboardRoutes } from './admin/dashboard.js';
import { registerSettingsRoutes } from './admin/settings.js';
import { registerDesignRoutes } from './admin/design/index.js'; // design settings (issue 12)
import { registerAdminUi, sendAdminPage } from './admin/ui/index.js'; // admin ui (issue 4): newsroom pages and editor
import { registerAssetRoutes, registerHealthRoutes } from './platform/routes.js';
import { createSessions, type Sessions } from './platform/sessions.js';
import { installCaller } from './platform/caller.js';
import { createIntegrations, registerIntegrations } from './integrations/index.js'; // integrations (issue 17)
import { installContractCheck } from './platform/contract.js'; // issue 17: response contract in tests
import { openApiOptions } from './platform/openapi.js'; // issue 17
import { scopeForRoute } from './platform/permissions.js'; // issue 17
import { createLimits, type Limits } from './platform/ratelimit.js';
import { invalidateOnEvents, whoOf } from './platform/pages.js';
import { createWhoMemo } from './platform/who.js';
import { createUserNames } from './platform/users.js';
import { createJobQueue, type JobQueue } from './platform/jobs/index.js';
import { createFederationService, registerFederationPages, registerFederationRoutes, type FederationService } from './federation/index.js'; // issue 13
import { createMailer, type Mailer } from './platform/mail/index.js';
import { createNewsletter, registerNewsletterAdminPages, registerNewsletterAdminRoutes, registerNewsletterRoutes, type Newsletter } from './audience/index.js'; // audience
import { connectNotifications, registerNotifications } from './discussion/notify/index.js'; // notify
import { installGuard } from './platform/guard.js';
import { createReaders, registerMoreComments, registerReaderRoutes, type Readers } from './discussion/readers/index.js'; // readers
import { createSseHub, type SseHub } from './platform/sse.js';
import { bridgeEvents, type Bridge } from './platform/bridge.js';
import { registerMetrics } from './platform/metrics.js';
import { createPageViews, type PageViews } from './platform/pageviews.js';
import {
  cachedArticles,
  cachedNames,
  connectLiveStream,
  createDefence,
  createDiscussionOperations,
  createDiscussionSection,
  createDiscussionService,
  isOwnActionQuery,
  registerDiscussionRoutes,
  registerPrivacyRoutes,
  type Defence,
  type DiscussionOperations,
  type DiscussionService,
} from './discussion/index.js';
import { registerSignIn } from './admin/account/sign-in.js';
import { authChrome } from './admin/account/auth-frame.js'; // 11a: sign-in and reset pages in the newsroom's style
import { findLegacyRedirect } from './migrate-in/index.js';
// moderation (issue: moderation): rules screen, reports, DSA notices, desk
import {
  composeScreens,
  createModeration,
  createModerationServices,
  registerModerationRoutes,
  type ModerationServices,
} from './discussion/moderation/index.js';

export interface Services {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  bus: EventBus;
  settings: SettingsService;
  content: ContentService;
  corrections: CorrectionsService; // corrections from readers
  translations: Translations; // linked translations (issue 12)
  media: MediaService;
  search: SearchService;
  pages: PageSender;
  csrf: Csrf;
  assets: Assets;
  site: Site;
  sessions: Sessions;
  sse: SseHub;
  discussion: DiscussionService;
  /** Every write to a discussion: post, edit, remove, like (see discussion/operations). */
  operations: DiscussionOperations;
  spam: Defence;
  limits: Limits;
  moderation: ModerationServices;
  jobs: JobQueue;
  federation: FederationService; // issue 13: the fediverse (Fedify)
  mailer: Mailer;
  newsletter: Newsletter; // audience
  readers: Readers; // readers: accounts, mute lists
  bridge: Bridge;
  views: PageViews;
  secret: string;
  now: () => Date;
}

export interface App {
  http: FastifyInstance;
  services: Services;
  /** Render threads (platform/threads.ts); null when pages render on the event loop. */
  renderThreads: RenderPool | null;
  close(): Promise<void>;
}

/**
 * The site's secret (CSRF tokens, IP and e-mail hashes, signed links), created once and
 * kept in the database, so that every node of a cluster uses the same one.
 */
export async function loadSecret(database: DatabaseHandle): Promise<string> {
  const read = () => database.db.selectFrom('settings').select('value').where('key', '=', SECRET_KEY).executeTakeFirst();
  const existing = await read();
  if (existing) return existing.value;
  await database.db
    .insertInto('settings')
    .values({ key: SECRET_KEY, value: randomBytes(32).toString('base64url'), updated_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Two nodes starting at once: whichever insert won, both read the same value.
  return (await read())!.value;
}

const SECRET_KEY = '__secret';

/**
 * Database, services and event wiring, without HTTP (the CLI uses this). `cacheClock`: the
 * page cache's clock in ms (tests of its refresh interval); the wall clock otherwise.
 */
export async function buildServices(config: Config, options: { now?: () => Date; logger?: Logger; cacheClock?: () => number } = {}): Promise<Services> {
  const logger = options.logger ?? createLogger(config);
  const now = options.now ?? (() => new Date());
  const database = await openDatabase(config.databaseUrl);
  await migrateToLatest(database, allMigrations);
  const secret = await loadSecret(database);
  const bus = createEventBus(logger);
  const settings = createSettingsService(database.db, bus);
  const content = createContentService({ db: database.db, bus, now });
  const corrections = createCorrectionsService({ db: database.db, content, bus, now }); // corrections
  const translations = createTranslations({ db: database.db, bus, now }); // translations (issue 12)
  const media = createMediaService({ db: database.db, dataDir: config.dataDir, now });
  const search = createSearchService(database);
  const csrf = createCsrf(secret);
  const views = createPageViews(database.db, { now });
  // Who recent sessions are, so cached pages greet signed-in visitors without a lookup.
  const who = createWhoMemo();
  const pages: PageSender = { cache: new PageCache(options.cacheClock ? { now: options.cacheClock } : {}), csrf, enabled: config.pageCache, views, who };
  const assets = loadAssets();
  const spam = createDefence({ handle: database, secret, settings, now });
  const limits = createLimits(database, { now });
  // moderation: bans and filters screen before the classifier; trusted commenters skip the hold.
  const moderationRules = createModeration({ db: database.db, secret, now });
  const discussion = createDiscussionService({ db: database.db, settings, content, secret });
  const operations = createDiscussionOperations({
    db: database.db, durably: database.durably, store: discussion.store, article: cachedArticles((ref) => content.visibleArticle(ref), bus, now), settings, bus, secret, now, limits,
    screen: composeScreens(moderationRules.screen, spam.screen), isTrusted: moderationRules.isTrusted,
    checkForm: (form) => spam.checkForm(form),
    // Guests may not write under a name of the newsroom: staff accounts and author profiles.
    reservedNames: cachedNames(async () => [...(await createUserNames(database.db)()), ...(await content.store.authorNames())], now),
    // notify: `notify` is created below, once jobs and mailer exist; this runs only on a post.
    notifyReplies: (request) => notify.subscribe(request),
    announcing: (comment) => notify.announcing(comment),
  });
  const discussionSection = createDiscussionSection({ discussion, settings, formStamp: () => spam.formStamp(), now });
  const related = cachedRelated(search, bus);
  const site = createSite({
    settings, content, media, assets, publicUrl: config.publicUrl, now, discussionSection, ownActionQuery: isOwnActionQuery,
    search: { search: (q, options) => search.search(q, options), related },
    commentCounts: (ids) => discussion.store.counts(ids),
    correctionNotes: (id) => corrections.notes(id), // corrections
    translations: (id) => translations.of(id), // translations (issue 12): hreflang and the switch
  });
  const sessions = createSessions(database.db, { secure: config.publicUrl.startsWith('https:'), now });
  const sse = createSseHub();
  const jobs = createJobQueue(database, { logger, now });
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    dataDir: config.dataDir,
    from: `Blattwerk <noreply@${new URL(config.publicUrl).hostname.replace(/^(\d+\.){3}\d+$|^localhost$/, 'localhost.localdomain')}>`,
    logger,
  });
  // notify: reply subscriptions, author and moderation-queue mails as durable jobs.
  const notify = connectNotifications({ db: database.db, bus, jobs, mailer, settings, secret, publicUrl: config.publicUrl, logger, now });
  const moderation = createModerationServices({
    db: database.db, rules: moderationRules, learn: (row, label) => spam.learn(row, label), settings, bus, jobs, mailer,
    publicUrl: config.publicUrl, now, postComment: operations.postComment, // 11a: replies from the desk
  });
  // audience: the newsletter (subscriptions, sends, CSV) and its durable jobs.
  const newsletter = createNewsletter({ handle: database, jobs, mailer, settings, content, bus, secret, publicUrl: config.publicUrl, now, images: media });
  newsletter.registerJobs(jobs);
  // readers: magic-link accounts; registers its `reader.login` mail job.
  const readers = createReaders({ db: database.db, jobs, mailer, settings, secret, publicUrl: config.publicUrl, now });
  connectLiveStream({ bus, sse, discussion, content, settings });
  const bridge = await bridgeEvents(bus, database, logger);
  // issue 13: actors, inbox and delivery; replies go through the discussion's operations.
  const federation = createFederationService({
    database, jobs, bus, settings, content, media, operations, commentById: (id) => discussion.store.byId(id), logger,
    publicUrl: config.publicUrl, secret, forceOn: config.federation, now,
  });

  // A change drops only the cached pages that show it (tags; see platform/pages.ts).
  invalidateOnEvents(bus, pages.cache);
  connectSearchIndex(bus, search);
  // distribution (issue 5): published articles and other events become durable jobs.
  const distributionDeps = { bus, jobs, settings, content, database, config, now };
  connectAutopost(distributionDeps);
  connectWebhooks(distributionDeps);

  return {
    config, logger, database, bus, settings, content, corrections, translations, media, search, pages, csrf, assets, site,
    sessions, sse, discussion, operations, spam, limits, moderation, jobs, mailer, newsletter, bridge, views, secret, now, federation,
    readers,
  };
}

/** Releases what `buildServices` opened (for the CLI, which has no HTTP server). */
export async function closeServices(services: Services): Promise<void> {
  await services.views.stop();
  await services.jobs.stop();
  await services.mailer.close();
  await services.bridge.close();
  await services.database.close();
}

/**
 * Render threads (platform/threads.ts), each running this app (cli/render-worker.ts) on its
 * own database connection; events follow into them. Null when `renderThreads` is 0.
 */
function startRenderThreads(config: Config, services: Services, threads: RenderThreadOptions): RenderPool | null {
  if (config.renderThreads < 1) return null;
  const entry = new URL(`./cli/render-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);
  const pool = createRenderPool({
    size: config.renderThreads, entry, workerData: { config, faults: threads.faults === true }, logger: services.logger,
    resourceLimits: threads.maxOldGenerationSizeMb ? { maxOldGenerationSizeMb: threads.maxOldGenerationSizeMb } : undefined,
    ...(threads.deadlineMs ? { deadlineMs: threads.deadlineMs } : {}),
    onEvent: (event, payload) => void services.bus.emit(event as Parameters<EventBus['emit']>[0], payload as never),
  });
  services.bus.onAny((event, payload) => pool.broadcast(event, payload));
  return pool;
}

/** Tests only: let a request take its render thread down (`x-blattwerk-fault`), with a small heap. */
export interface RenderThreadOptions {
  faults?: boolean;
  maxOldGenerationSizeMb?: number;
  deadlineMs?: number;
}

export async function buildApp(
  config: Config,
  options: { now?: () => Date; logger?: Logger; cacheClock?: () => number; renderThread?: boolean; threads?: RenderThreadOptions } = {},
): Promise<App> {
  const services = await buildServices(config, options);
  // In a render thread pages go back to the main thread as templates; there, misses go to the threads.
  services.pages.relay = options.renderThread === true;
  const pool = options.renderThread ? null : startRenderThreads(config, services, options.threads ?? {});
  const http = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    // Access lines (with request ids) only at debug level: at info they would cost the
    // page-cache hot path more than the page itself.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(config.logLevel) }),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: requestId,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
    // Cached pages are answered before Fastify: no routing, hooks or reply objects.
    serverFactory: (handler) => {
      const relay = pool && createRelay(pool, services.pages, services.logger);
      return createServer((request, response) => {
        if (answerFromCache(services.pages, request, response)) return;
        if (!relay || !pool?.takes(request)) return handler(request, response);
        relay(request, response);
      });
    },
    // Unknown fields and wrong types are errors, not silently dropped or converted.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  requireAccessDeclarations(http);
  installSecurityHeaders(http); // security (issue 15): every answer's headers, by content type
  await http.register(cookie);
  await http.register(formbody, { bodyLimit: 256 * 1024 });
  // The OpenAPI document is generated from the route schemas; only /api/ routes are in it.
  // OpenAPI 3.1 from the route schemas (only /api/ routes), security schemes, webhooks (issue 17).
  await http.register(swagger, openApiOptions({ publicUrl: config.publicUrl, webhooks: webhookDocs(), tokenScope: scopeForRoute }));
  if (process.env.NODE_ENV === 'test') installContractCheck(http); // issue 17: every answer in the HTTP suites against its schema
  installErrorHandling(
    http,
    async (request, error) => spliceForVisitor(await services.site.renderErrorPage(request, error), services.csrf, request),
    async () =>
    (await services.settings.get('site')).language,
  );
  // Who is asking, once per request; the guard then checks each route's declared access.
  // Before the page cache's hook: a cached page with a "who is writing" section needs it.
  const integrations = createIntegrations({ db: services.database.db, now: services.now }); // issue 17: bearer tokens
  installCaller(http, { sessions: services.sessions, readers: services.readers, secret: services.secret, now: services.now, who: services.pages.who, integrations });
  registerPageCache(http, services.pages);
  // Safety net: a page sent without the page cache still gets its holes filled, so no NUL
  // marker ever reaches a browser, whichever route forgot to splice.
  http.addHook('onSend', async (request, _reply, payload) =>
    typeof payload === 'string' && payload.includes('\u0000') ? spliceForVisitor(payload, services.csrf, request, whoOf(request.caller)) : payload,
  );
  installGuard(http, { csrf: services.csrf, publicUrl: config.publicUrl });
  registerHealthRoutes(http, services);
  registerMetrics(http, { token: config.metricsToken, cache: services.pages.cache, jobs: services.jobs, sse: services.sse });
  http.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => http.swagger());
  registerAssetRoutes(http, services.assets);
  const theme = createTheme({ db: services.database.db, settings: services.settings, bus: services.bus, assets: services.assets, now: services.now }); // design (issue 12)
  registerThemeRoutes(http, { settings: services.settings, theme });
  registerMediaRoutes(http, services.media);
  await registerMediaAdminRoutes(http, services);
  const audit = createAudit(services.database.db, services.now);
  const articles = createArticleOperations({ ...services, audit: (actor, action, type, id, detail) => audit.record(actor, action, type, id, detail) });
  registerArticleAdminRoutes(http, { ...services, articles }, audit);
  registerTaxonomyRoutes(http, services, audit); // admin (issue 4): authors and tags
  registerAccountRoutes(http, services, audit);
  const people = createPeople({ db: services.database.db, sessions: services.sessions, jobs: services.jobs, audit, language: async () => (await services.settings.get('site')).language, now: services.now });
  registerPeopleRoutes(http, { ...services, people }); // people (issue 11): /admin/people/, /api/v1/admin/people
  registerDashboardRoutes(http, services);
  registerSettingsRoutes(http, services, audit);
  registerDistributionRoutes(http, services);
  registerIntegrations(http, { ...services, integrations, audit: (actor, action, type, id, detail) => audit.record(actor, action, type, id, detail), document: () => http.swagger() }); // issue 17
  registerAutopostRoutes(http, services); // distribution (issue 5)
  registerWebhookRoutes(http, services); // distribution (issue 5)
  registerWebhookPages(http, services); // distribution (issue 5): /admin/webhooks/…
  registerFundingRoutes(http, { ...services, audit }); // funding (issue 18): supporters write the audit log
  registerDesignRoutes(http, { ...services, theme, audit }); // design (issue 12): /admin/design/, /api/v1/admin/design
  registerSignIn(http, { ...services, document: async (title, canonicalPath, main) => { const frame = await services.site.frame(); return renderDocument(frame, { title, canonicalPath, noindex: true, main, ...authChrome(frame) }); } }); // 11a: the newsroom's door
  registerDiscussionRoutes(http, { ...services, formStamp: () => services.spam.formStamp() });
  registerNotifications(http, services); // notify
  registerCorrectionRoutes(http, {
    ...services,
    // content renders inside the site's frame without importing site (site reads content).
    site: { frame: async () => { const frame = await services.site.frame(); return { lang: frame.lang, document: (page) => renderDocument(frame, page) }; } },
    newsroom: (request, reply, page, status) => sendAdminPage(http, services, request, reply, () => page, status), // issue 11: the inbox in the newsroom frame
  });
  registerModerationRoutes(http, { ...services, newsroom: (request, reply, page, status) => sendAdminPage(http, services, request, reply, () => page, status) }); // moderation: the desk in the newsroom frame
  registerProofreadRoutes(http, services); // proofreading (issue 4)
  // Readers' data rights (issue 12): the newsletter's and the corrections' records join the export and the deletion.
  registerPrivacyRoutes(http, { ...services, personalData: [newsletterPersonalData(services.database.db), correctionsPersonalData(services.database.db)] });
  registerTranslationRoutes(http, services); // issue 12
  registerReaderRoutes(http, services); // readers: /account/…, /api/v1/me
  registerMoreComments(http, services); // readers: /:slug/comments/page/:n/ for "more comments"
  registerNewsletterRoutes(http, services); // audience
  registerNewsletterAdminRoutes(http, services); // audience
  registerNewsletterAdminPages(http, services); // audience: /admin/newsletter/…
  registerFederationRoutes(http, { federation: services.federation, database: services.database, publicUrl: config.publicUrl, now: services.now }); // issue 13
  registerFederationPages(http, { ...services, jobsDb: services.database.db.withTables<import('./platform/jobs/index.js').JobsDatabase>(), publicUrl: config.publicUrl }); // issue 13
  registerSiteRoutes(http, { ...services, legacyRedirect: (url) => findLegacyRedirect(services.database.db, url) });
  // admin ui (issue 4): last, so its navigation sees which newsroom pages others registered.
  await registerAdminUi(http, services, audit);

  let scheduler: Scheduler | null = null;
  if (config.workers) {
    scheduler = createScheduler(services);
    scheduler.start();
    services.jobs.start(1000);
    services.federation.startQueue(); // issue 13: deliveries are jobs of this queue
    services.views.start();
  }
  http.addHook('preClose', async () => {
    // Open SSE streams would keep close() waiting forever.
    services.sse.close();
  });
  http.addHook('onClose', async () => {
    scheduler?.stop();
    await pool?.close();
    await services.views.stop();
    await services.jobs.stop();
    await services.mailer.close();
  });
  await http.ready();
  return {
    http,
    services,
    renderThreads: pool,
    async close() {
      await http.close();
      await services.bridge.close();
      await services.database.close();
    },
  };
}
