/**
 * The newsroom's screens for `npm run screenshots` (moderation, people, sign-in, media,
 * editor, settings, newsletter). See `types.ts` for the fields; add a screen by adding an
 * entry. The public site's are in `public.ts`.
 */
import { DEMO_SHOWCASE_SLUG } from '../../src/demo/content.js';
import { seedDeskQueue } from '../../src/discussion/moderation/desk-fixture.js';
import type { Page } from 'playwright-core';
import type { Shot, ShotContext } from './types.js';
import { EDITOR_SHOTS } from './editor.js'; // media library and editor (issue 11b)
import { SETTINGS_NEWSLETTER_SHOTS } from './settings-newsletter.js'; // settings, newsletter composer, notifications (issue 11c)

let deskReady = false;
let welcomePath = '/admin/reset/';
let invited = false;

/** One invitation sent through the people page's operation; its welcome link is kept for the next shot. */
async function invitation({ site, page }: ShotContext): Promise<void> {
  if (invited) return;
  invited = true;
  await page.goto(`${site.baseUrl}/admin/people/`);
  await page.fill('#invite-name', 'Nora Neu');
  await page.fill('#invite-email', 'nora@example.org');
  await page.selectOption('#invite-role', 'editor');
  await Promise.all([page.waitForURL(/done=invited/), page.click('form[action="/admin/people/invite"] button[type="submit"]')]);
  const job = await site.app.services.database.db.selectFrom('jobs').select('payload').where('kind', '=', 'people.invite').executeTakeFirstOrThrow();
  const { token } = JSON.parse(String(job.payload)) as { token: string };
  welcomePath = `/admin/reset/?token=${token}&welcome=1`;
}

/** A queue of held comments, a reported one, and two decisions in the log (made through the desk itself). */
async function deskQueue({ site, page }: ShotContext): Promise<void> {
  if (deskReady) return;
  deskReady = true;
  const services = site.app.services;
  await seedDeskQueue({ ...services, postComment: services.operations.postComment }, { article: DEMO_SHOWCASE_SLUG, count: 9 });
  await page.goto(`${site.baseUrl}/admin/comments/`);
  await page.locator('.desk-card form[data-action="approve"] button').first().click();
  await page.locator('.desk-flash .notice').waitFor();
  const reject = page.locator('.desk-card .card-reject').first();
  await reject.locator('summary').click();
  await reject.locator('input[value="off_topic"]').check();
  await reject.locator('button.danger').click();
  await page.locator('.desk-flash .notice:has-text("abgelehnt")').waitFor();
}

/** The welcome page is what the invited person sees: signed out, so the owner's session is dropped first. */
async function signedOut(page: Page): Promise<void> {
  await page.context().clearCookies();
  await page.reload({ waitUntil: 'load' });
  await page.locator('#reset-password').waitFor();
}

export const NEWSROOM: Shot[] = [
  { name: 'sign-in', path: '/admin/login/' },
  { name: 'overview', path: '/admin/', signIn: 'owner', fullPage: true },
  { name: 'people', path: '/admin/people/', signIn: 'owner', setup: invitation, fullPage: true },
  { name: 'welcome', path: () => welcomePath, signIn: 'owner', setup: invitation, then: signedOut },
  { name: 'articles', path: '/admin/articles/', signIn: 'editor' },
  { name: 'corrections', path: '/admin/corrections/', signIn: 'editor', fullPage: true },
  { name: 'moderation', path: '/admin/comments/', signIn: 'moderator', setup: deskQueue, fullPage: true },
  { name: 'moderation-reject', path: '/admin/comments/', signIn: 'moderator', setup: deskQueue, then: async (page) => { await page.locator('.card-reject summary').nth(1).click(); await page.locator('.card-reject[open]').scrollIntoViewIfNeeded(); } },
  { name: 'moderation-reported', path: '/admin/comments/?filter=reported', signIn: 'moderator', setup: deskQueue },
  { name: 'moderation-notices', path: '/admin/comments/?filter=notices', signIn: 'moderator', setup: deskQueue },
  { name: 'moderation-spam', path: '/admin/comments/?filter=spam', signIn: 'moderator', setup: deskQueue },
  { name: 'account', path: '/admin/account/', signIn: 'editor', fullPage: true },
  { name: 'integrations', path: '/admin/integrations/', signIn: 'admin', fullPage: true },
  { name: 'webhooks', path: '/admin/webhooks/', signIn: 'admin', fullPage: true },
  { name: 'autopost', path: '/admin/autopost/', signIn: 'editor', fullPage: true },
  { name: 'federation', path: '/admin/federation/', signIn: 'admin', fullPage: true },
  { name: 'authors', path: '/admin/authors/', signIn: 'editor' },
  { name: 'tags', path: '/admin/tags/', signIn: 'editor' },
  { name: 'audit', path: '/admin/audit/', signIn: 'owner' },
  { name: 'supporters', path: '/admin/supporters/', signIn: 'finance', fullPage: true },
  ...EDITOR_SHOTS,
  ...SETTINGS_NEWSLETTER_SHOTS,
];
