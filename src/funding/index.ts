/**
 * Funding: the support page with SEPA bank details and GiroCode, links to other payment
 * providers, and regular supporters (issue 18): SEPA direct-debit mandates with double
 * opt-in, pain.008 files for the bank, camt.053 statements matched, thanks, receipts,
 * the supporter's own page, and the newsroom's pages and API for the finance role.
 *
 * @example
 *   registerFundingRoutes(app, { ...platformDeps, site, audit }); // /support/…, /api/v1/supporters/…, /admin/supporters/…
 */
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../platform/deps.js';
import type { Language } from '../platform/i18n.js';
import { translator } from '../platform/i18n.js';
import type { Site } from '../site/index.js';
import { registerSupporterAdminPages } from './admin-pages.js';
import { registerSupporterAdminRoutes } from './admin-routes.js';
import type { AuditLog } from './context.js';
import { isValidIban } from './epc.js';
import { registerSupportRoutes, type FundingRoutesDeps } from './routes.js';
import { createSupporters, type Supporters } from './service.js';
import { mandateForm } from './supporter-pages.js';
import { supporterMessages } from './supporter-messages.js';
import { registerSupporterRoutes } from './supporter-routes.js';

export { epcPayload, epcQrSvg, formatIban, isValidBic, isValidIban, normalizeIban } from './epc.js';
export { resolveTransfer, safeProviders } from './transfer.js';
export { fundingMigrations } from './migrations.js';
export { seedDemoSupporters, DEMO_CREDITOR_ID } from './demo.js';
export { parseFundingKey } from './crypto.js';
export type { Supporters } from './service.js';

/** What funding needs from the composition root, by name. */
export type FundingDeps = FundingRoutesDeps &
  Pick<PlatformDeps, 'database' | 'jobs' | 'mailer' | 'csrf' | 'limits' | 'secret' | 'now' | 'logger'> & {
    site: Site;
    audit: AuditLog;
  };

export function registerFundingRoutes(app: FastifyInstance, deps: FundingDeps): Supporters {
  const supporters = createSupporters({
    handle: deps.database,
    jobs: deps.jobs,
    settings: deps.settings,
    audit: deps.audit,
    // Sign-ups share the public sign-up budget per address (20 an hour).
    limit: (key) => deps.limits.limit('subscribe', key),
    secret: deps.secret,
    fundingKey: deps.config.fundingKey,
    publicUrl: deps.config.publicUrl,
    now: deps.now,
    logger: deps.logger,
  });
  supporters.registerJobs(deps.jobs, deps.mailer);
  void supporters.scheduleDaily(deps.jobs).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not schedule the supporters’ daily job'));

  const mandateFormFor = async (lang: Language) => {
    const [settings, donation] = await Promise.all([supporters.settings.get(), deps.settings.get('donation')]);
    if (!settings.enabled || !settings.creditorId || !isValidIban(donation.iban) || !donation.recipient.trim()) return null;
    return mandateForm(translator(lang, supporterMessages), lang, { amountCap: settings.amountCap, creditor: donation.recipient.trim(), creditorId: settings.creditorId });
  };
  registerSupportRoutes(app, { ...deps, mandateForm: mandateFormFor });
  registerSupporterRoutes(app, { supporters, site: deps.site, csrf: deps.csrf, secret: deps.secret, now: deps.now });
  registerSupporterAdminRoutes(app, { supporters, secret: deps.secret, now: deps.now, settingsChanged: () => deps.pages.cache.clear() });
  registerSupporterAdminPages(app, { supporters, site: deps.site, csrf: deps.csrf, settings: deps.settings, secret: deps.secret, now: deps.now, settingsChanged: () => deps.pages.cache.clear() });
  return supporters;
}
