/**
 * The supporters' mails, rendered when the job sends them (so they speak of the mandate
 * as it is then): confirmation, pre-notification, thanks, paused, ended, receipt. Each
 * carries the self-service link. Plain text and simple HTML, every value escaped, no
 * remote images, no tracking.
 *
 * @example
 *   const mail = await renderMail(ctx, { kind: 'prenotify', mandateId: 3, change: 'new' }); // { to, subject, text, html } | null
 */
import { html, type SafeHtml } from '../platform/html.js';
import { formatDate, isLanguage, translator, type Language } from '../platform/i18n.js';
import type { FundingContext, MailJob } from './context.js';
import { euro } from './receipt-pdf.js';
import { supporterMessages, type SupporterMessageKey } from './supporter-messages.js';
import { amountOn, mandateById, num, supporterById, type MandateRow, type SupporterRow } from './store.js';
import { confirmToken, manageToken } from './tokens.js';

export interface RenderedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const STYLE = {
  body: 'margin:0;padding:24px 12px;background:#f4efe4;',
  box: 'max-width:600px;margin:0 auto;padding:24px 28px;background:#fffdf8;border:1px solid #ddd5c5;font-family:Georgia,serif;font-size:17px;line-height:1.6;color:#1b1f24;',
  button: 'display:inline-block;padding:10px 18px;background:#1d5b8c;border-radius:3px;color:#ffffff;font-family:Arial,sans-serif;font-weight:bold;text-decoration:none;',
  small: 'font-family:Arial,sans-serif;font-size:13px;color:#545b64;',
} as const;

export const dayText = (day: string, lang: Language) => formatDate(new Date(`${day}T12:00:00Z`), lang);

export function manageUrl(ctx: Pick<FundingContext, 'publicUrl' | 'secret'>, supporter: Pick<SupporterRow, 'id' | 'link_version'>): string {
  return `${ctx.publicUrl}/support/manage?token=${encodeURIComponent(manageToken(ctx.secret, supporter.id, supporter.link_version))}`;
}

function compose(site: string, lang: Language, to: string, subject: string, paragraphs: string[], action: { label: string; url: string } | null, footer: { label: string; url: string; note: string }): RenderedMail {
  const blocks: SafeHtml[] = paragraphs.map((p) => html`<p>${p.split('\n').map((line, i) => (i === 0 ? line : html`<br>${line}`))}</p>`);
  const body = html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${subject}</title></head><body style="${STYLE.body}"><div style="${STYLE.box}">
<p style="font-size:22px;font-weight:bold;margin:0 0 16px;">${site}</p>
${blocks}
${action ? html`<p style="margin:24px 0;"><a href="${action.url}" style="${STYLE.button}">${action.label}</a></p>` : ''}
<p style="${STYLE.small}"><a href="${footer.url}">${footer.label}</a><br>${footer.note}</p>
</div></body></html>`;
  const text = [site, '='.repeat(Math.min(site.length, 60)), '', ...paragraphs.flatMap((p) => [p, '']), ...(action ? [`${action.label}:`, action.url, ''] : []), '-- ', `${footer.label}: ${footer.url}`, footer.note, ''].join('\n');
  return { to, subject, text, html: body.toString() };
}

export async function renderMail(ctx: FundingContext, job: MailJob): Promise<RenderedMail | null> {
  const [site, settings] = await Promise.all([ctx.siteSettings.get('site'), ctx.supporterSettings.get()]);
  let mandate: MandateRow | null = null;
  let supporter: SupporterRow | null = null;
  let amountCents = 0;
  if ('mandateId' in job) {
    mandate = await mandateById(ctx.db, job.mandateId);
    supporter = mandate ? await supporterById(ctx.db, mandate.supporter_id) : null;
  } else if (job.kind === 'thanks') {
    const entry = await ctx.db.selectFrom('statement_entries').select(['supporter_id', 'amount_cents']).where('id', '=', job.entryId).executeTakeFirst();
    supporter = entry?.supporter_id ? await supporterById(ctx.db, entry.supporter_id) : null;
    amountCents = num(entry?.amount_cents);
  } else {
    const receipt = await ctx.db.selectFrom('receipts').select(['supporter_id', 'total_cents', 'year', 'id']).where('id', '=', job.receiptId).executeTakeFirst();
    supporter = receipt ? await supporterById(ctx.db, receipt.supporter_id) : null;
    amountCents = num(receipt?.total_cents);
    if (receipt && supporter?.email) {
      const lang = isLanguage(supporter.lang) ? supporter.lang : site.language;
      const t = translator(lang, supporterMessages);
      const link = manageUrl(ctx, supporter);
      return compose(site.title, lang, supporter.email, t('mail.receiptSubject', { year: num(receipt.year), site: site.title }),
        [t('mail.receiptIntro', { amount: euro(amountCents), year: num(receipt.year) })],
        { label: t('mail.receiptAction'), url: `${ctx.publicUrl}/support/receipts/${receipt.id}.pdf?token=${encodeURIComponent(link.split('token=')[1] ?? '')}` },
        { label: t('mail.manageAction'), url: link, note: t('mail.manageNote') });
    }
    return null;
  }
  if (!supporter?.email || supporter.erased_at) return null;
  const lang: Language = isLanguage(supporter.lang) ? supporter.lang : site.language;
  const t = translator(lang, supporterMessages);
  const footer = { label: t('mail.manageAction'), url: manageUrl(ctx, supporter), note: t('mail.manageNote') };
  const interval = (m: MandateRow) => t(`form.${m.interval}` as SupporterMessageKey);
  switch (job.kind) {
    case 'confirm': {
      if (!mandate || mandate.status !== 'pending') return null;
      const url = `${ctx.publicUrl}/support/confirm?token=${encodeURIComponent(confirmToken(ctx.secret, mandate.id, ctx.now()))}`;
      return compose(site.title, lang, supporter.email, t('mail.confirmSubject', { site: site.title }),
        [t('mail.confirmIntro', { site: site.title, amount: euro(num(mandate.amount_cents)), interval: interval(mandate) }), t('mail.confirmNote')],
        { label: t('mail.confirmAction'), url }, footer);
    }
    case 'prenotify': {
      if (!mandate || mandate.status !== 'active' || !mandate.next_due) return null;
      let from = mandate.next_due;
      if (job.change === 'amount') {
        const change = await ctx.db.selectFrom('mandate_amounts').select('from_day').where('mandate_id', '=', mandate.id).orderBy('id', 'desc').executeTakeFirst();
        from = change?.from_day ?? from;
      }
      const amount = euro((await amountOn(ctx.db, mandate.id, from)) ?? num(mandate.amount_cents));
      const key = job.change === 'new' ? 'mail.prenotifyNew' : job.change === 'amount' ? 'mail.prenotifyAmount' : 'mail.prenotifyResumed';
      return compose(site.title, lang, supporter.email, t('mail.prenotifySubject', { site: site.title }),
        [t(key, { amount, interval: interval(mandate), date: dayText(from, lang) }), t('mail.prenotifyFacts', { reference: mandate.reference, creditorId: settings.creditorId, iban: mandate.iban_masked })],
        null, footer);
    }
    case 'thanks': {
      const text = settings.thanks[lang];
      const fill = (s: string) => s.replaceAll('{name}', supporter!.name).replaceAll('{amount}', euro(amountCents)).replaceAll('{site}', site.title);
      return compose(site.title, lang, supporter.email, fill(text.subject), fill(text.body).split(/\n\s*\n/), null, footer);
    }
    case 'paused':
      return compose(site.title, lang, supporter.email, t('mail.pausedSubject', { site: site.title }), [t('mail.pausedIntro')], { label: t('mail.manageAction'), url: footer.url }, footer);
    case 'ended':
      if (!mandate) return null;
      return compose(site.title, lang, supporter.email, t('mail.endedSubject', { site: site.title }), [t('mail.endedIntro', { reference: mandate.reference })], null, footer);
  }
}
