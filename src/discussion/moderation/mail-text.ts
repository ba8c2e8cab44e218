/**
 * The texts of moderation mail, plain text only (nothing a reader typed can run as
 * script in a mail client): the statement of reasons to the author of a removed comment
 * (Art. 17 DSA) and, to whoever sent a notice, the receipt and the decision (Art. 16).
 * Pure functions of their data, so tests can read them without sending anything.
 *
 * @example
 *   const { subject, text } = statementMail('de', { id: 3, authorName: 'Lea', ... });
 */
import { formatDate, type Language } from '../../platform/i18n.js';

export interface StatementMailData {
  id: number;
  authorName: string;
  commentAt: Date;
  articleTitle: string;
  commentUrl: string;
  excerpt: string;
  byNotice: boolean;
  ground: string;
  facts: string;
  contact: string;
  site: string;
}

export interface NotifierMailData {
  noticeId: number;
  name: string;
  commentUrl: string;
  category: string;
  deadline: Date;
  decision?: 'removed' | 'kept';
  reason?: string;
  contact: string;
  site: string;
}

/** Default grounds when a moderator removes a comment on their own review. */
export const DEFAULT_GROUND: Record<Language, { rules: string; illegal: string }> = {
  de: { rules: 'Verstoß gegen unsere Diskussionsregeln (Nutzungsbedingungen)', illegal: 'Rechtswidriger Inhalt' },
  en: { rules: 'Breach of our discussion rules (terms of use)', illegal: 'Illegal content' },
};

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const short = flat.length > 400 ? `${flat.slice(0, 400)} …` : flat;
  return `> ${short}`;
}

export function statementMail(lang: Language, d: StatementMailData): { subject: string; text: string } {
  return withDataPage(lang, statementText(lang, d), d.commentUrl);
}

/**
 * Every mail to a commenter or notifier ends with the readers' data page (issue 12): where
 * they can see or delete what the site keeps about them.
 */
function withDataPage(lang: Language, mail: { subject: string; text: string }, siteLink: string): { subject: string; text: string } {
  const page = `${URL.canParse(siteLink) ? new URL(siteLink).origin : ''}/privacy/comments/`;
  return { ...mail, text: `${mail.text}${lang === 'de' ? 'Ihre Daten einsehen oder löschen' : 'See or delete your data'}: ${page}\n` };
}

function statementText(lang: Language, d: StatementMailData): { subject: string; text: string } {
  const when = formatDate(d.commentAt, lang, true);
  if (lang === 'en') {
    return {
      subject: `Your comment was removed – statement of reasons (${d.site})`,
      text: `Hello ${d.authorName},

we have removed your comment of ${when} on the article “${d.articleTitle}”.

Your comment:
${quote(d.excerpt)}
${d.commentUrl}

Decision: the comment is no longer visible to readers.
What led to it: ${d.byNotice ? 'a notice of illegal content sent to us under Art. 16 of the Digital Services Act' : 'our own review of the discussion'}.
Ground: ${d.ground}
Facts and reasons: ${d.facts}

This decision was taken by a person on our team. No automated means were used to detect the comment or to decide.

How to appeal: if you think the decision is wrong, reply to this e-mail or write to ${d.contact} and tell us why. Someone will review the comment again. You may also take the matter to a court.

Reference: statement ${d.id}
${d.site}
`,
    };
  }
  return {
    subject: `Ihr Kommentar wurde entfernt – Begründung (${d.site})`,
    text: `Guten Tag ${d.authorName},

wir haben Ihren Kommentar vom ${when} zum Artikel „${d.articleTitle}“ entfernt.

Ihr Kommentar:
${quote(d.excerpt)}
${d.commentUrl}

Entscheidung: Der Kommentar ist für Leserinnen und Leser nicht mehr sichtbar.
Anlass: ${d.byNotice ? 'eine Meldung rechtswidriger Inhalte an uns nach Art. 16 des Gesetzes über digitale Dienste (DSA)' : 'unsere eigene Prüfung der Diskussion'}.
Grund: ${d.ground}
Sachverhalt und Begründung: ${d.facts}

Diese Entscheidung hat ein Mensch aus unserem Team getroffen. Automatisierte Mittel wurden weder zum Erkennen des Kommentars noch für die Entscheidung eingesetzt.

Widerspruch: Wenn Sie die Entscheidung für falsch halten, antworten Sie auf diese E-Mail oder schreiben Sie an ${d.contact} und sagen Sie uns, warum. Der Kommentar wird dann noch einmal geprüft. Sie können die Sache außerdem vor Gericht bringen.

Kennzeichen: Begründung ${d.id}
${d.site}
`,
  };
}

export function notifierMail(lang: Language, d: NotifierMailData): { subject: string; text: string } {
  return withDataPage(lang, notifierText(lang, d), d.commentUrl);
}

function notifierText(lang: Language, d: NotifierMailData): { subject: string; text: string } {
  const deadline = formatDate(d.deadline, lang, true);
  if (lang === 'en') {
    if (!d.decision) {
      return {
        subject: `Confirmation of receipt: your notice #${d.noticeId}`,
        text: `Hello ${d.name},

we have received your notice #${d.noticeId} about this comment:
${d.commentUrl}
Category: ${d.category}

A person on our team will review it by ${deadline} and tell you the decision.

${d.site}
`,
      };
    }
    return {
      subject: `Decision on your notice #${d.noticeId}`,
      text: `Hello ${d.name},

we have reviewed the comment you notified us of (notice #${d.noticeId}):
${d.commentUrl}

Decision: ${d.decision === 'removed' ? 'the comment has been removed.' : 'the comment stays online; we do not consider it illegal.'}
Reasons: ${d.reason ?? ''}

This decision was taken by a person on our team, not by automated means. If you disagree, write to ${d.contact}; you may also take the matter to a court or to the competent authorities.

${d.site}
`,
    };
  }
  if (!d.decision) {
    return {
      subject: `Eingangsbestätigung: Ihre Meldung #${d.noticeId}`,
      text: `Guten Tag ${d.name},

wir haben Ihre Meldung #${d.noticeId} zu diesem Kommentar erhalten:
${d.commentUrl}
Kategorie: ${d.category}

Ein Mensch aus unserem Team prüft sie bis ${deadline} und teilt Ihnen die Entscheidung mit.

${d.site}
`,
    };
  }
  return {
    subject: `Entscheidung zu Ihrer Meldung #${d.noticeId}`,
    text: `Guten Tag ${d.name},

wir haben den von Ihnen gemeldeten Kommentar geprüft (Meldung #${d.noticeId}):
${d.commentUrl}

Entscheidung: ${d.decision === 'removed' ? 'Der Kommentar wurde entfernt.' : 'Der Kommentar bleibt online; wir halten ihn nicht für rechtswidrig.'}
Begründung: ${d.reason ?? ''}

Diese Entscheidung hat ein Mensch aus unserem Team getroffen, nicht ein automatisiertes Verfahren. Wenn Sie nicht einverstanden sind, schreiben Sie an ${d.contact}; Sie können sich außerdem an ein Gericht oder die zuständigen Behörden wenden.

${d.site}
`,
  };
}
