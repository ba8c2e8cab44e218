/**
 * `GET /support/` (the support page, optionally for one amount) and
 * `GET /support/girocode.svg` (the same GiroCode on its own, to save or print).
 * Both are anonymous pages sent through the page cache, which settings changes clear.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../platform/deps.js';
import { AppError } from '../platform/errors.js';
import type { SafeHtml } from '../platform/html.js';
import type { Language } from '../platform/i18n.js';
import { sendPage } from '../platform/pages.js';
import { createFrame } from '../site/index.js';
import { epcQrSvg } from './epc.js';
import { qrLabel, renderSupportPage, supportPath } from './support-page.js';
import { parseAmount, resolveTransfer, safeProviders, suggestedAmounts } from './transfer.js';

/** What this module needs from the composition root. */
export type FundingRoutesDeps = Pick<PlatformDeps, 'assets' | 'config' | 'pages' | 'settings'> & {
  /** The direct-debit sign-up form for the page's language, or null when not offered. */
  mandateForm?: (lang: Language) => Promise<SafeHtml | null>;
};

const PUBLIC = { config: { access: 'public' as const } };
type AmountQuery = { Querystring: { amount?: string | string[] } };

/**
 * Only the plain URLs of the suggested amounts are cached: the cache is bounded, and
 * 10 000 possible amounts or stray query parameters must not push articles out of it.
 */
function isCacheable(request: FastifyRequest, path: string, amount: number | undefined, suggested: number[]): boolean {
  return request.url === path && (amount === undefined || suggested.includes(amount));
}

export function registerSupportRoutes(app: FastifyInstance, services: FundingRoutesDeps): void {
  const { settings, pages, assets, config } = services;

  app.get<AmountQuery>('/support/', PUBLIC, async (request, reply) => {
    const amount = parseAmount(request.query.amount);
    const all = await settings.all();
    const { donation } = all;
    const result = resolveTransfer(donation, amount);
    if (!result.ok && result.reason === 'incomplete') {
      request.log.warn({ field: result.field }, 'donation settings incomplete: the support page shows no GiroCode');
    }
    const lang = all.site.language;
    const qrSvg = result.ok ? await epcQrSvg(result.transfer.payload, { label: qrLabel(lang, result.transfer) }) : null;
    const amounts = suggestedAmounts(donation.amounts);
    const body = renderSupportPage(createFrame(all, assets, config.publicUrl), {
      appeal: donation.appeal,
      result,
      amounts,
      providers: safeProviders(donation.providers),
      qrSvg,
      mandateForm: (await services.mandateForm?.(lang)) ?? null,
    });
    return sendPage(pages, request, reply, {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body,
      cacheable: isCacheable(request, supportPath(amount), amount, amounts),
    });
  });

  app.get<AmountQuery>('/support/girocode.svg', PUBLIC, async (request, reply) => {
    const amount = parseAmount(request.query.amount);
    const all = await settings.all();
    const result = resolveTransfer(all.donation, amount);
    if (!result.ok) throw new AppError('NOT_FOUND', { detail: 'no valid donation details' });
    const svg = await epcQrSvg(result.transfer.payload, { label: qrLabel(all.site.language, result.transfer), size: 320 });
    const path = `/support/girocode.svg${amount === undefined ? '' : `?amount=${amount}`}`;
    return sendPage(pages, request, reply, {
      status: 200,
      contentType: 'image/svg+xml; charset=utf-8',
      body: svg,
      cacheable: isCacheable(request, path, amount, suggestedAmounts(all.donation.amounts)),
    });
  });
}
