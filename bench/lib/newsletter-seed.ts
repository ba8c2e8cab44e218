/**
 * Prepares a data folder for the newsletter benchmark before the server starts on it:
 * the demo newsroom (for a real article to send), newsletter settings with the rate
 * limit raised out of the way, a staff account to start the send with, and N confirmed
 * subscribers inserted straight into the table (the sign-up path is not what is measured).
 *
 * While the services are open it also times the per-mail work on its own, in this
 * process and without I/O: rendering the reader's mail from the stored issue (the same
 * functions `newsletter.deliver` calls) and building the MIME message nodemailer would
 * hand to SMTP.
 *
 * @example
 *   const seeded = await seedNewsletter(dataDir, { subscribers: 10_000, publicUrl, staff });
 */
import { createTransport } from 'nodemailer';
import { buildServices, closeServices, type Services } from '../../src/app.js';
import { articleContent, issueMail, mailContext } from '../../src/audience/mails.js';
import { listId, messageDomain, readerLinks } from '../../src/audience/delivery.js';
import { audienceDb } from '../../src/audience/store.js';
import type { SubscribersTable } from '../../src/audience/types.js';
import { loadConfig } from '../../src/platform/config.js';
import { composeMessage } from '../../src/platform/mail/compose.js';
import { emailHash } from '../../src/platform/privacy.js';
import { createUser } from '../../src/platform/users.js';
import { seedDemo } from '../../src/demo/seed.js';
import { DEMO_SHOWCASE_SLUG } from '../../src/demo/content.js';

export const SENDER = { name: 'Lindenauer Blatt', email: 'newsletter@lindenauer-blatt.example.org' };
const INSERT_CHUNK = 500;

export interface RenderFigures {
  /** Mails rendered / built in the loop. */
  count: number;
  /** Rendering the shared part of the issue once (when the send starts). */
  issueMs: number;
  /** Per reader: links, footer, the HTML frame and the plain text (`issueMail`). */
  renderUsPerMail: number;
  /** Per reader: headers and multipart/alternative MIME with quoted-printable bodies (`composeMessage` + nodemailer). */
  mimeUsPerMail: number;
  htmlBytes: number;
  textBytes: number;
  mimeBytes: number;
}

export interface Seeded {
  articleId: number;
  articleTitle: string;
  subscribers: number;
  seedMs: number;
  insertMs: number;
  render: RenderFigures;
}

async function insertSubscribers(services: Services, count: number): Promise<void> {
  const db = audienceDb(services.database);
  const at = new Date().toISOString();
  for (let start = 0; start < count; start += INSERT_CHUNK) {
    const rows: Omit<SubscribersTable, 'id'>[] = [];
    for (let i = start; i < Math.min(count, start + INSERT_CHUNK); i++) {
      const email = `leserin.${String(i).padStart(5, '0')}@example.org`;
      rows.push({
        email, email_hash: emailHash(email, services.secret), name: `Leserin ${i}`, status: 'active', source: 'import',
        subscribed_at: at, confirmed_at: at, unsubscribed_at: null, bounced_at: null, bounce_reason: null, confirm_sent_at: null, updated_at: at,
      });
    }
    await db.transaction().execute((tx) => tx.insertInto('subscribers').values(rows).execute());
  }
}

/** Times the per-mail work of `newsletter.deliver` apart from the database, the queue and SMTP. */
async function measureRender(services: Services, articleId: number, publicUrl: string, count: number): Promise<RenderFigures> {
  const site = await services.settings.get('site');
  const ctx = mailContext(site.title, site.language, publicUrl);
  const article = (await services.content.store.findBy('id', articleId))!;
  let started = performance.now();
  const issue = articleContent(ctx, article);
  const issueMs = performance.now() - started;

  // Warm-up, so the figures are not the JIT's first steps.
  for (let i = 0; i < 200; i++) issueMail(ctx, issue, readerLinks(publicUrl, services.secret, i + 1));

  let htmlBytes = 0;
  let textBytes = 0;
  const mails: ReturnType<typeof issueMail>[] = [];
  started = performance.now();
  for (let i = 0; i < count; i++) {
    const mail = issueMail(ctx, issue, readerLinks(publicUrl, services.secret, i + 1));
    htmlBytes += Buffer.byteLength(mail.html);
    textBytes += Buffer.byteLength(mail.text);
    if (i < 500) mails.push(mail);
  }
  const renderMs = performance.now() - started;

  // The MIME message as the SMTP transport would stream it, built into a buffer instead.
  const transporter = createTransport({ streamTransport: true, buffer: true, newline: 'windows', disableFileAccess: true, disableUrlAccess: true });
  const domain = messageDomain(SENDER.email, publicUrl);
  const build = async (i: number) => {
    const mail = mails[i % mails.length]!;
    const links = readerLinks(publicUrl, services.secret, i + 1);
    const message = composeMessage(
      {
        to: `leserin.${String(i).padStart(5, '0')}@example.org`, subject: mail.subject, text: mail.text, html: mail.html,
        from: { name: SENDER.name, address: SENDER.email }, headers: { 'List-Id': listId(site.title, domain) },
        listUnsubscribe: { url: links.unsubscribe }, messageId: `newsletter.1.${i + 1}@${domain}`,
      },
      { from: `${SENDER.name} <${SENDER.email}>`, now: new Date() },
    );
    const info = await transporter.sendMail(message);
    return (info.message as Buffer).length;
  };
  for (let i = 0; i < 100; i++) await build(i);
  let mimeBytes = 0;
  started = performance.now();
  for (let i = 0; i < count; i++) mimeBytes += await build(i);
  const mimeMs = performance.now() - started;
  transporter.close();

  return {
    count, issueMs,
    renderUsPerMail: (renderMs * 1000) / count,
    mimeUsPerMail: (mimeMs * 1000) / count,
    htmlBytes, textBytes, mimeBytes,
  };
}

export async function seedNewsletter(
  dataDir: string,
  options: { subscribers: number; publicUrl: string; staff: { email: string; password: string } },
): Promise<Seeded> {
  const started = performance.now();
  const services = await buildServices(loadConfig({ flags: { data: dataDir, 'log-level': 'silent', 'public-url': options.publicUrl, workers: false }, env: {} }));
  try {
    await seedDemo(services);
    await services.settings.update('newsletter', { senderName: SENDER.name, senderEmail: SENDER.email, ratePerSecond: 10_000 });
    await createUser(services.database.db, { email: options.staff.email, password: options.staff.password, role: 'editor', name: 'Benchmark' });
    const article = await services.content.store.findBy('slug', DEMO_SHOWCASE_SLUG);
    if (!article) throw new Error(`the demo has no article ${DEMO_SHOWCASE_SLUG}`);
    const seedMs = performance.now() - started;
    const insertStarted = performance.now();
    await insertSubscribers(services, options.subscribers);
    const insertMs = performance.now() - insertStarted;
    const render = await measureRender(services, article.id, options.publicUrl, options.subscribers);
    return { articleId: article.id, articleTitle: article.title, subscribers: options.subscribers, seedMs, insertMs, render };
  } finally {
    await closeServices(services);
  }
}
