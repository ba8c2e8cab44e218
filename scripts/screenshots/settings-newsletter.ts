/**
 * The settings pages', the newsletter composer's and the notification choice's screens for
 * `npm run screenshots` (issue 11c), spread into `newsroom.ts`: the settings index, a page
 * with links lists, the legal page for Austria, the newsletter's sender defaults, the
 * newsletter overview with issues, the composer, its preview at both widths, the question
 * before a send, a send's figures, and how often an author hears about comments.
 */
import type { Shot, ShotContext } from './types.js';

let issueId = 0;
let sendId = 0;

/** A composed issue with two demo articles and the donation block, and one sent issue. */
async function issues({ site, userId }: ShotContext): Promise<void> {
  if (issueId) return;
  const { newsletter, settings, database } = site.app.services;
  const db = database.db;
  await settings.update('site', { social: [{ label: 'Mastodon', url: 'https://social.example.org/@lindenauer' }, { label: 'Telegram', url: 'https://t.me/lindenauer' }] });
  const articles = await db.selectFrom('articles').select('id').where('status', '=', 'published').where('kind', '=', 'article').orderBy('published_at', 'desc').limit(3).execute();
  const ids = articles.map((a) => a.id);
  const at = new Date().toISOString();
  for (const [i, email] of ['anna@example.org', 'bert@example.org', 'carla@example.org'].entries()) {
    await db.insertInto('subscribers' as never).values({ email, email_hash: `shot-${i}`, name: '', status: 'active', source: 'import', subscribed_at: at, confirmed_at: at, updated_at: at } as never).execute();
  }
  const sent = await newsletter.issues.save(null, {
    subject: 'Die Woche in Lindenau', preheader: 'Haushalt, Freibad und was sonst geschah',
    intro: 'Liebe Leserinnen und Leser,\n\ndiese Woche hat der Stadtrat den **Haushalt** beschlossen.', articleIds: ids.slice(1, 3), donation: false, topic: null,
  }, userId ?? null);
  sendId = (await newsletter.issues.sendNow(sent, userId ?? null)).id;
  while ((await site.app.services.jobs.runOnce(50)) > 0);
  issueId = await newsletter.issues.save(null, {
    subject: 'Lindenau am Wochenende',
    preheader: 'Was der Stadtrat beschlossen hat und wo man am Samstag hingeht',
    intro: 'Liebe Leserinnen und Leser,\n\nin dieser Ausgabe: was der Stadtrat **wirklich** beschlossen hat, und wo am Samstag gefeiert wird. Mehr auf [unserer Website](https://lindenauer-blatt.example.org/).',
    articleIds: ids.slice(0, 2), donation: true, topic: null,
  }, userId ?? null);
}

export const SETTINGS_NEWSLETTER_SHOTS: Shot[] = [
  { name: 'settings', path: '/admin/settings/', signIn: 'owner', fullPage: true },
  { name: 'settings-navigation', path: '/admin/settings/navigation/', signIn: 'owner', setup: issues, fullPage: true },
  { name: 'settings-legal-austria', path: '/admin/settings/legal/', signIn: 'owner', then: async (page) => { await page.selectOption('#s-legal-country', 'at'); await page.locator('#s-legal-mediaOwner').scrollIntoViewIfNeeded(); } },
  { name: 'settings-newsletter', path: '/admin/settings/newsletter/', signIn: 'owner' },
  { name: 'notifications', path: '/admin/account/notifications/', signIn: 'author' },
  { name: 'newsletter-issues', path: '/admin/newsletter/', signIn: 'editor', setup: issues },
  { name: 'newsletter-composer', path: () => `/admin/newsletter/issues/${issueId}/`, signIn: 'editor', setup: issues, fullPage: true },
  { name: 'newsletter-preview', path: () => `/admin/newsletter/issues/${issueId}/preview/`, signIn: 'editor', setup: issues, fullPage: true, then: async (page) => { await page.frameLocator('iframe.mail-preview-frame').locator('h1').waitFor(); } },
  { name: 'newsletter-preview-phone', path: () => `/admin/newsletter/issues/${issueId}/preview/?width=phone`, signIn: 'editor', setup: issues, fullPage: true, then: async (page) => { await page.frameLocator('iframe.mail-preview-frame').locator('h1').waitFor(); } },
  { name: 'newsletter-send-confirm', path: () => `/admin/newsletter/issues/${issueId}/send`, signIn: 'editor', setup: issues },
  { name: 'newsletter-send-figures', path: () => `/admin/newsletter/${sendId}/`, signIn: 'editor', setup: issues },
];
