/**
 * The four notification mails as subject, plain text and HTML, built from the same parts
 * so both bodies say the same. Pure: links come in absolute, words from the catalogue.
 * In HTML everything is escaped except the comment's own HTML, which the discussion
 * sanitised when it was posted.
 *
 * @example
 *   const t = translator('en', notifyMessages);
 *   const mail = replyMail(t, {
 *     name: 'Lea', title: 'Council meets', text: 'I agree.', html: raw('<p>I agree.</p>'),
 *     commentUrl: 'https://example.org/council-meets/comment/9/', unsubscribeUrl: 'https://example.org/notify/unsubscribe/r3.…',
 *   });
 *   mail.subject; // 'Lea replied to your comment'
 */
import { html, type SafeHtml } from '../../platform/html.js';
import type { Language, Translate } from '../../platform/i18n.js';
import type { NotifyMessageKey } from './messages.js';

export interface MailParts {
  subject: string;
  text: string;
  html: string;
}

type T = Translate<NotifyMessageKey>;

interface Layout {
  lang: Language;
  subject: string;
  intro: string;
  /** A comment shown in the mail: plain text for the text part, sanitised HTML for the other. */
  comment?: { text: string; html: SafeHtml };
  action: { url: string; label: string };
  notes: string[];
  unsubscribeUrl: string;
}

/** The readers' data page on the site the mail comes from (every comment mail links it). */
const dataPage = (siteLink: string) => `${URL.canParse(siteLink) ? new URL(siteLink).origin : ''}/privacy/comments/`;

// Quoted like a reply in a mail client, so the reader's words stand apart from ours.
const quoted = (text: string) => text.split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n');

function layout(t: T, parts: Layout): MailParts {
  const text = [
    parts.intro,
    parts.comment ? quoted(parts.comment.text) : null,
    `${parts.action.label}:\n${parts.action.url}`,
    // "-- " on its own line: mail clients recognise (and may fold away) what follows.
    ['-- ', ...parts.notes, t('mail.unsubscribeText', { link: parts.unsubscribeUrl }), t('mail.dataRights', { link: dataPage(parts.unsubscribeUrl) })].join('\n'),
  ]
    .filter((block) => block !== null)
    .join('\n\n');
  const body = html`<!doctype html>
<html lang="${parts.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${parts.subject}</title></head>
<body style="font-family: Georgia, serif; line-height: 1.5; max-width: 36em; margin: 0 auto; padding: 1em;">
<p>${parts.intro}</p>
${parts.comment ? html`<blockquote style="margin: 1em 0; padding: 0 1em; border-left: 3px solid #ccc;">${parts.comment.html}</blockquote>` : ''}
<p><a href="${parts.action.url}">${parts.action.label}</a></p>
<hr>
<p style="font-size: 0.85em; color: #555;">${parts.notes.map((note) => html`${note}<br>`)}<a href="${parts.unsubscribeUrl}">${t('mail.unsubscribe')}</a> · <a href="${dataPage(parts.unsubscribeUrl)}">${t('mail.dataRightsLink')}</a></p>
</body>
</html>`;
  return { subject: parts.subject, text: `${text}\n`, html: body.toString() };
}

export function confirmMail(t: T, lang: Language, input: { title: string; confirmUrl: string; unsubscribeUrl: string }): MailParts {
  return layout(t, {
    lang,
    subject: t('confirm.subject'),
    intro: t('confirm.intro', { title: input.title }),
    action: { url: input.confirmUrl, label: t('confirm.action') },
    notes: [t('confirm.ignore')],
    unsubscribeUrl: input.unsubscribeUrl,
  });
}

export interface CommentMailInput {
  /** Who wrote the comment (a reader's free text). */
  name: string;
  title: string;
  text: string;
  html: SafeHtml;
  commentUrl: string;
  unsubscribeUrl: string;
}

export function replyMail(t: T, lang: Language, input: CommentMailInput): MailParts {
  return layout(t, {
    lang,
    subject: t('reply.subject', { name: input.name }),
    intro: t('reply.intro', { name: input.name, title: input.title }),
    comment: { text: input.text, html: input.html },
    action: { url: input.commentUrl, label: t('reply.action') },
    notes: [t('reply.why')],
    unsubscribeUrl: input.unsubscribeUrl,
  });
}

export function authorMail(t: T, lang: Language, input: CommentMailInput): MailParts {
  return layout(t, {
    lang,
    subject: t('author.subject', { title: input.title }),
    intro: t('author.intro', { name: input.name, title: input.title }),
    comment: { text: input.text, html: input.html },
    action: { url: input.commentUrl, label: t('author.action') },
    notes: [t('author.why')],
    unsubscribeUrl: input.unsubscribeUrl,
  });
}

export function queueMail(t: T, lang: Language, input: { count: number; queueUrl: string; unsubscribeUrl: string }): MailParts {
  const one = input.count === 1;
  return layout(t, {
    lang,
    subject: one ? t('queue.subjectOne') : t('queue.subject', { count: input.count }),
    intro: one ? t('queue.introOne') : t('queue.intro', { count: input.count }),
    action: { url: input.queueUrl, label: t('queue.action') },
    notes: [t('queue.why')],
    unsubscribeUrl: input.unsubscribeUrl,
  });
}
