/**
 * The public site's screens for `npm run screenshots` (kept by the public-site side; the
 * newsroom's are in `newsroom.ts`). See `types.ts` for the fields. Whole pages, so a reader's
 * way down the page can be judged; the article's first screen only (its discussion is long:
 * `article-end` shows what follows the text).
 */
import { SHOWCASE_PATH } from '../../src/site/fixture.js';
import type { Shot } from './types.js';

export const PUBLIC: Shot[] = [
  { name: 'home', path: '/', fullPage: true },
  { name: 'article', path: SHOWCASE_PATH },
  {
    name: 'article-end',
    path: SHOWCASE_PATH,
    // From the end of the text: author box, support and follow boxes, related articles.
    then: async (page) => {
      await page.locator('.author-box').first().scrollIntoViewIfNeeded();
      await page.evaluate(`document.querySelector('.author-box')?.scrollIntoView({ block: 'start' })`);
    },
  },
  { name: 'tag', path: '/tag/stadtrat/', fullPage: true },
  { name: 'author', path: '/author/miriam-albrecht/', fullPage: true },
  { name: 'support', path: '/support/', fullPage: true },
  { name: 'newsletter-signup', path: '/newsletter/', fullPage: true },
  { name: 'impressum', path: '/impressum/', fullPage: true },
  { name: 'privacy', path: '/datenschutz/', fullPage: true },
];

// The newsroom's design page belongs with the look it sets (kept here with the public side).
PUBLIC.push({ name: 'newsroom-design', path: '/admin/design/', signIn: 'admin', fullPage: true });
