/**
 * A composed issue as mail (issue 11): the intro (a lean Markdown field: paragraphs,
 * **bold**, *italic*, [links](https://…), rendered by the site's own inline renderer), the
 * chosen articles as cards with image, headline, teaser and byline, and an optional
 * donation block with the appeal from the settings and a button to the support page.
 * Card images are the site's own JPEG variants, the same address for every reader: no
 * per-reader URL, so loading them tells nobody who opened the mail.
 *
 * @example
 *   const mail = issueContent(ctx, { subject, preheader, intro }, articles, images, donation);
 *   mail.subject; mail.html; mail.text; mail.preheader;
 */
import { inlineToText, mediaUrl, renderInline, type ArticleSummary } from '../content/index.js';
import { html, join, type SafeHtml } from '../platform/html.js';
import { formatDate } from '../platform/i18n.js';
import { button, STYLE } from './mail-layout.js';
import type { MailContext, RenderedMail } from './mails.js';

/** What a card needs of an image (the media library's item, narrowed). */
export interface IssueImage {
  path: string;
  alt: string;
  width: number;
  height: number;
  variants: readonly { path: string; width: number; format: string }[];
}

export interface IssueText {
  subject: string;
  preheader: string;
  intro: string;
}

export interface DonationBlock {
  appeal: string;
}

export type RenderedIssue = RenderedMail & { preheader: string };

/** The JPEG closest above 600 px wide (a card is 544 px in the 600 px mail), else the original. */
function cardImage(image: IssueImage): { src: string; width: number; height: number } {
  const jpegs = image.variants.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width);
  const pick = jpegs.find((v) => v.width >= 600) ?? jpegs.at(-1);
  const width = 544;
  const ratio = image.width > 0 && image.height > 0 ? image.height / image.width : 9 / 16;
  return { src: mediaUrl(pick?.path ?? image.path), width, height: Math.round(width * ratio) };
}

const paragraphs = (text: string) =>
  text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);

function byline(ctx: MailContext, article: ArticleSummary): string {
  const names = article.authors.map((a) => a.name).join(', ');
  const date = article.publishedAt ? formatDate(article.publishedAt, ctx.lang) : '';
  return [names ? `${ctx.t('mail.by')} ${names}` : '', date].filter(Boolean).join(' · ');
}

export function issueContent(
  ctx: MailContext,
  text: IssueText,
  articles: readonly ArticleSummary[],
  images: ReadonlyMap<number, IssueImage>,
  donation: DonationBlock | null,
): RenderedIssue {
  const url = (slug: string) => `${ctx.publicUrl}/${slug}/`;
  const intro = paragraphs(text.intro);
  const cards = articles.map((a) => {
    const image = a.featuredMediaId ? images.get(a.featuredMediaId) : undefined;
    const picture = image ? cardImage(image) : null;
    return html`<div style="${STYLE.card}">
${picture ? html`<a href="${url(a.slug)}"><img src="${ctx.publicUrl}${picture.src}" width="${picture.width}" height="${picture.height}" alt="${image!.alt}" style="display:block;width:100%;max-width:${picture.width}px;height:auto;margin:0 0 12px;border:0;"></a>` : ''}
<h2 style="${STYLE.h3}margin-top:0;"><a href="${url(a.slug)}" style="color:#1b1f24;text-decoration:none;">${a.title}</a></h2>
${a.subtitle ? html`<p style="${STYLE.p}">${a.subtitle}</p>` : ''}
<p style="${STYLE.meta}margin:0 0 8px;">${byline(ctx, a)}</p>
<p style="margin:0;"><a href="${url(a.slug)}" style="${STYLE.link}font-family:Arial,Helvetica,sans-serif;font-size:15px;">${ctx.t('mail.readMore')} →</a></p>
</div>`;
  });
  const support = `${ctx.publicUrl}/support/`;
  const donationBlock: SafeHtml | '' = donation
    ? html`<div style="margin:8px 0 20px;padding:16px 20px;background:#f4efe4;border-left:4px solid #1d5b8c;">
<h2 style="${STYLE.h3}margin-top:0;">${ctx.t('mail.donationTitle')}</h2>
${paragraphs(donation.appeal || ctx.t('mail.donationDefault')).map((p) => html`<p style="${STYLE.p}">${p}</p>`)}
${button(support, ctx.t('mail.donationAction'))}
</div>`
    : '';
  const content = html`<h1 style="${STYLE.h1}">${text.subject}</h1>
${join(intro.map((p) => html`<p style="${STYLE.p}">${renderInline(p)}</p>`), '\n')}
${articles.length ? html`<div style="margin:24px 0 0;">${cards}</div>` : ''}
${donationBlock}`;
  const plain = [
    text.subject,
    ...intro.map((p) => inlineToText(p)),
    ...articles.map((a) => [a.title, a.subtitle, byline(ctx, a), url(a.slug)].filter(Boolean).join('\n')),
    donation ? [ctx.t('mail.donationTitle'), ...paragraphs(donation.appeal || ctx.t('mail.donationDefault')), `${ctx.t('mail.donationAction')}: ${support}`].join('\n\n') : null,
  ]
    .filter((block): block is string => Boolean(block))
    .join('\n\n');
  return { subject: text.subject, preheader: text.preheader, html: content.toString(), text: plain };
}
