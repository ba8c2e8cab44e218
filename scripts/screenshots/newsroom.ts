/**
 * The newsroom's screens for `npm run screenshots` (moderation, people, sign-in, media,
 * editor, settings, newsletter). See `types.ts` for the fields; add a screen by adding an
 * entry. The public site's are in `public.ts`.
 */
import { DEMO_SHOWCASE_SLUG } from '../../src/demo/content.js';
import { seedDeskQueue } from '../../src/discussion/moderation/desk-fixture.js';
import type { Shot, ShotContext } from './types.js';
import { EDITOR_SHOTS } from './editor.js'; // media library and editor (issue 11b)
import { SETTINGS_NEWSLETTER_SHOTS } from './settings-newsletter.js'; // settings, newsletter composer, notifications (issue 11c)

let deskReady = false;
let welcomePath = '/admin/reset/';

/** One invitation sent through the people page's operation; its welcome link is kept for the next shot. */
async function invitation({ site, page }: ShotContext): Promise<void> {
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

export const NEWSROOM: Shot[] = [
  { name: 'sign-in', path: '/admin/login/' },
  { name: 'overview', path: '/admin/', signIn: 'owner' },
  { name: 'moderation', path: '/admin/comments/', signIn: 'moderator', setup: deskQueue, fullPage: true },
  { name: 'moderation-reject', path: '/admin/comments/', signIn: 'moderator', setup: deskQueue, then: async (page) => { await page.locator('.card-reject summary').nth(1).click(); await page.locator('.card-reject[open]').scrollIntoViewIfNeeded(); } },
  { name: 'moderation-reported', path: '/admin/comments/?filter=reported', signIn: 'moderator', setup: deskQueue },
  { name: 'account', path: '/admin/account/', signIn: 'editor' },
  ...EDITOR_SHOTS,
  ...SETTINGS_NEWSLETTER_SHOTS,
];
