/**
 * One screen for `npm run screenshots`. Each side keeps its own list (`newsroom.ts` for the
 * newsroom, `public.ts` for the public site); the runner (`../screenshots.ts`) takes every
 * entry at 375 and 1,280 px, light and dark, into `docs/screenshots/NAME-WIDTH-SCHEME.png`.
 *
 * @example
 *   export const NEWSROOM: Shot[] = [
 *     { name: 'moderation', path: '/admin/moderation/', signIn: 'moderator' },
 *     { name: 'article-editor', path: '/admin/articles/new', signIn: 'editor', then: (page) => page.click('#title') },
 *   ];
 */
import type { Page } from 'playwright-core';
import type { DemoSite } from '../../src/site/fixture.js';
import type { Role } from '../../src/platform/users.js';

export interface ShotContext {
  site: DemoSite;
  /** The page, already signed in as `signIn` when that is given, at the width being taken. */
  page: Page;
  /** The signed-in staff member's user id (when `signIn` is given). */
  userId?: number;
}

export interface Shot {
  /** File name stem: `docs/screenshots/${name}-375-light.png` and so on. Lower case, dashes. */
  name: string;
  /** Path on the demo site, e.g. `/admin/moderation/`. May be a function of the set-up's result. */
  path: string | ((ctx: ShotContext) => string);
  /** Sign in as a staff member of this role first (a user is created once per role). */
  signIn?: Role;
  /** Runs once before the first take of this shot (seed data through the app's operations). */
  setup?: (ctx: ShotContext) => Promise<void>;
  /** Runs after the page has loaded, before each take (open a menu, focus a field). */
  then?: (page: Page) => Promise<void>;
  /** The whole page instead of the first screen (long lists stay readable without). */
  fullPage?: boolean;
}
