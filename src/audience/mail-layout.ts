/**
 * The frame of every newsletter mail: the site's masthead, paper and ink colours and
 * serif type, as inline CSS (mail clients drop `<style>` and never load stylesheets),
 * in a table layout that survives Outlook. No remote images, fonts or pixels: the mail
 * shows at once and no request tells us that, when or where it was opened.
 *
 * @example
 *   mailDocument({ site: 'Lindenauer Blatt', lang: 'de', publicUrl, title: subject, content: html`<p>…</p>`, footer });
 *   textDocument('Lindenauer Blatt', 'Hallo …', 'Abbestellen: https://…');
 */
import { html, type SafeHtml } from '../platform/html.js';
import type { Language } from '../platform/i18n.js';

/** The site's palette (site.css) as inline styles. */
export const STYLE = {
  h1: 'margin:0 0 8px;font-family:Georgia,"Times New Roman",serif;font-size:28px;line-height:1.2;color:#1b1f24;',
  h2: 'margin:28px 0 8px;font-family:Georgia,"Times New Roman",serif;font-size:21px;line-height:1.3;color:#1b1f24;',
  h3: 'margin:24px 0 8px;font-family:Georgia,"Times New Roman",serif;font-size:18px;line-height:1.3;color:#1b1f24;',
  p: 'margin:0 0 16px;',
  standfirst: 'margin:0 0 12px;font-size:19px;line-height:1.5;color:#1b1f24;',
  meta: 'margin:0 0 20px;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#545b64;',
  quote: 'margin:0 0 16px;padding:4px 0 4px 16px;border-left:4px solid #1d5b8c;font-style:italic;',
  small: 'font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#545b64;',
  link: 'color:#1d5b8c;',
  button:
    'display:inline-block;padding:10px 18px;background:#1d5b8c;border-radius:3px;color:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:15px;font-weight:bold;text-decoration:none;',
  card: 'margin:0 0 20px;padding:0 0 16px;border-bottom:1px solid #ddd5c5;',
} as const;

export interface MailFrame {
  site: string;
  lang: Language;
  publicUrl: string;
  title: string;
  content: SafeHtml;
  footer: SafeHtml;
  /** The line clients show after the subject in the inbox; hidden in the mail itself. */
  preheader?: string;
}

export function mailDocument(frame: MailFrame): string {
  return html`<!doctype html>
<html lang="${frame.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${frame.title}</title>
</head>
<body style="margin:0;padding:0;background:#f4efe4;">
${frame.preheader ? html`<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${frame.preheader}</div>
` : ''}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4efe4;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#fffdf8;border:1px solid #ddd5c5;">
<tr><td style="padding:20px 28px 14px;border-bottom:3px double #ddd5c5;font-family:Georgia,'Times New Roman',serif;font-size:24px;font-weight:bold;">
<a href="${frame.publicUrl}/" style="color:#1b1f24;text-decoration:none;">${frame.site}</a>
</td></tr>
<tr><td style="padding:24px 28px 8px;font-family:Georgia,'Times New Roman',serif;font-size:17px;line-height:1.6;color:#1b1f24;">
${frame.content}
</td></tr>
<tr><td style="padding:16px 28px 24px;border-top:1px solid #ddd5c5;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:1.5;color:#545b64;">
${frame.footer}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`.toString();
}

/** The plain-text part: the same content, links written out. */
export function textDocument(site: string, content: string, footer: string): string {
  return `${site}\n${'='.repeat(Math.min(site.length, 60))}\n\n${content.trim()}\n\n-- \n${footer.trim()}\n`;
}

/** A call to action that works in every client (a styled link, not a form or a script). */
export function button(href: string, label: string): SafeHtml {
  return html`<p style="margin:24px 0;"><a href="${href}" style="${STYLE.button}">${label}</a></p>`;
}
