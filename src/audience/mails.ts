/**
 * What the newsletter mails say: the double opt-in, the "you are already subscribed"
 * note, an article, the weekly digest, and the personal footer every issue carries.
 * Text is escaped by the `html` template; every link is absolute (`publicUrl`).
 *
 * @example
 *   const ctx = mailContext('Lindenauer Blatt', 'de', 'https://blatt.example.org');
 *   const { subject, html, text } = confirmationMail(ctx, confirmUrl);
 */
import { html, join, raw, type SafeHtml } from '../platform/html.js';
import { formatDate, translator, type Language, type Translate } from '../platform/i18n.js';
import { bodyToText, type Article, type ArticleSummary, type Block } from '../content/index.js';
import { audienceMessages, type AudienceMessageKey } from './messages.js';
import { button, mailDocument, STYLE, textDocument } from './mail-layout.js';

export interface MailContext {
  site: string;
  lang: Language;
  publicUrl: string;
  t: Translate<AudienceMessageKey>;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export function mailContext(site: string, lang: Language, publicUrl: string): MailContext {
  return { site, lang, publicUrl, t: translator(lang, audienceMessages) };
}

function simpleMail(ctx: MailContext, subject: string, intro: string, action: string, link: string, note: string): RenderedMail {
  const content = html`<p style="${STYLE.p}">${intro}</p>${button(link, action)}<p style="${STYLE.small}">${note}</p>`;
  return {
    subject,
    html: mailDocument({ site: ctx.site, lang: ctx.lang, publicUrl: ctx.publicUrl, title: subject, content, footer: html`${ctx.site} · ${ctx.publicUrl}` }),
    text: textDocument(ctx.site, `${intro}\n\n${action}:\n${link}\n\n${note}`, `${ctx.site} · ${ctx.publicUrl}`),
  };
}

export function confirmationMail(ctx: MailContext, confirmUrl: string): RenderedMail {
  const { t, site } = ctx;
  return simpleMail(ctx, t('mail.confirmSubject', { site }), t('mail.confirmIntro', { site }), t('mail.confirmAction'), confirmUrl, t('mail.confirmValidity'));
}

export function alreadySubscribedMail(ctx: MailContext, preferencesUrl: string): RenderedMail {
  const { t, site } = ctx;
  return simpleMail(ctx, t('mail.knownSubject', { site }), t('mail.knownIntro'), t('mail.knownAction'), preferencesUrl, t('mail.knownNote'));
}

const articleUrl = (ctx: MailContext, slug: string) => `${ctx.publicUrl}/${slug}/`;

function byline(ctx: MailContext, article: ArticleSummary): string {
  const names = article.authors.map((a) => a.name).join(', ');
  const date = article.publishedAt ? formatDate(article.publishedAt, ctx.lang) : '';
  return [names ? `${ctx.t('mail.by')} ${names}` : '', date].filter(Boolean).join(' · ');
}

/** One block for mail: text kinds as text (inline markup dropped), media as a link to the site. */
function blockHtml(ctx: MailContext, block: Block, url: string): SafeHtml {
  const text = bodyToText([block]);
  switch (block.type) {
    case 'paragraph':
      return html`<p style="${STYLE.p}">${text}</p>`;
    case 'heading':
      return block.level === 2 ? html`<h2 style="${STYLE.h2}">${text}</h2>` : html`<h3 style="${STYLE.h3}">${text}</h3>`;
    case 'list': {
      const items = block.items.map((item) => html`<li style="margin:0 0 6px;">${bodyToText([{ type: 'paragraph', text: item }])}</li>`);
      return block.ordered ? html`<ol style="${STYLE.p}">${items}</ol>` : html`<ul style="${STYLE.p}">${items}</ul>`;
    }
    case 'quote': {
      const said = bodyToText([{ type: 'paragraph', text: block.text }]);
      return html`<blockquote style="${STYLE.quote}">${said}${block.attribution ? html`<br><span style="${STYLE.small}">– ${block.attribution}</span>` : ''}</blockquote>`;
    }
    case 'embed':
      return html`<p style="${STYLE.p}"><a href="${url}" style="${STYLE.link}">${block.title || ctx.t('mail.embed')}</a> (${ctx.t('mail.embed')})</p>`;
    default:
      // Images, donation appeals and footnotes belong to the page.
      return html``;
  }
}

const underline = (text: string, char: string) => `${text}\n${char.repeat(Math.min(text.length, 60))}`;

function blockText(block: Block): string {
  if (block.type === 'list') {
    return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${bodyToText([{ type: 'paragraph', text: item }])}`).join('\n');
  }
  if (block.type === 'heading') return underline(bodyToText([block]), '-');
  if (block.type === 'quote') return `> ${bodyToText([{ type: 'paragraph', text: block.text }])}${block.attribution ? `\n> – ${block.attribution}` : ''}`;
  if (block.type === 'paragraph') return bodyToText([block]);
  return '';
}

/** The shared part of an article issue (the footer is added per reader). */
export function articleContent(ctx: MailContext, article: Article): RenderedMail {
  const url = articleUrl(ctx, article.slug);
  const meta = byline(ctx, article);
  const content = html`<h1 style="${STYLE.h1}"><a href="${url}" style="color:#1b1f24;text-decoration:none;">${article.title}</a></h1>
${article.subtitle ? html`<p style="${STYLE.standfirst}">${article.subtitle}</p>` : ''}
${meta ? html`<p style="${STYLE.meta}">${meta}</p>` : ''}
${join(article.body.map((block) => blockHtml(ctx, block, url)), '\n')}
${button(url, ctx.t('mail.readOnline'))}`;
  const body = article.body.map(blockText).filter(Boolean).join('\n\n');
  const text = [underline(article.title, '='), article.subtitle, meta, body, `${ctx.t('mail.readOnline')}:\n${url}`].filter(Boolean).join('\n\n');
  return { subject: article.title, html: content.toString(), text };
}

/** The week's articles as cards: headline, standfirst, byline, link. */
export function digestContent(ctx: MailContext, articles: ArticleSummary[], until: Date, topicName: string | null): RenderedMail {
  const { t } = ctx;
  const intro = topicName ? t('mail.digestTopicIntro', { topic: topicName }) : t('mail.digestIntro');
  const subject = t('mail.digestSubject', { site: ctx.site, date: formatDate(until, ctx.lang) });
  const cards = articles.map((a) => {
    const url = articleUrl(ctx, a.slug);
    return html`<div style="${STYLE.card}"><h2 style="${STYLE.h3}margin-top:0;"><a href="${url}" style="${STYLE.link}">${a.title}</a></h2>
${a.subtitle ? html`<p style="${STYLE.p}">${a.subtitle}</p>` : ''}<p style="${STYLE.meta}margin:0;">${byline(ctx, a)}</p></div>`;
  });
  const content = html`<h1 style="${STYLE.h1}">${subject}</h1><p style="${STYLE.standfirst}">${intro}</p>${cards}`;
  const text = [subject, intro, ...articles.map((a) => [a.title, a.subtitle, byline(ctx, a), articleUrl(ctx, a.slug)].filter(Boolean).join('\n'))].join('\n\n');
  return { subject, html: content.toString(), text };
}

/** A stored issue with this reader's footer: why they get it, settings, unsubscribe. */
export function issueMail(ctx: MailContext, issue: RenderedMail & { preheader?: string }, links: { preferences: string; unsubscribe: string }): RenderedMail {
  const { t, site } = ctx;
  const footer = html`<p style="margin:0 0 8px;">${t('mail.footerWhy', { site })}</p>
<p style="margin:0;"><a href="${links.preferences}" style="${STYLE.link}">${t('mail.footerPrefs')}</a> · <a href="${links.unsubscribe}" style="${STYLE.link}">${t('mail.footerUnsubscribe')}</a></p>`;
  return {
    subject: issue.subject,
    // The stored part was escaped when it was rendered from the article.
    html: mailDocument({ site, lang: ctx.lang, publicUrl: ctx.publicUrl, title: issue.subject, content: raw(issue.html), footer, ...(issue.preheader ? { preheader: issue.preheader } : {}) }),
    text: textDocument(site, issue.text, `${t('mail.footerWhy', { site })}\n${t('mail.footerPrefs')}: ${links.preferences}\n${t('mail.footerUnsubscribe')}: ${links.unsubscribe}`),
  };
}
