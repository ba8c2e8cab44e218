/**
 * The media library's and the article editor's screens for `npm run screenshots` (issue
 * 11b), spread into `newsroom.ts`: the library, an image's page, the editor on a demo
 * article, and the editor with the block inserter open.
 */
import type { Shot, ShotContext } from './types.js';

let imageId = 0;
let articleId = 0;

/** The newest demo image and the newest published demo article with a main tag. */
async function pick({ site }: ShotContext): Promise<void> {
  const { db } = site.app.services.database;
  imageId = (await db.selectFrom('media').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
  articleId = (await db.selectFrom('articles').select('id').where('status', '=', 'published').where('kind', '=', 'article').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
}

const ready = async (page: import('playwright-core').Page) => {
  await page.locator('#article-editor[data-ready="true"]').waitFor();
};

export const EDITOR_SHOTS: Shot[] = [
  { name: 'media-library', path: '/admin/media/', signIn: 'editor' },
  { name: 'media-image', path: () => `/admin/media/${imageId}/`, signIn: 'editor', setup: pick },
  { name: 'editor', path: () => `/admin/articles/${articleId}/`, signIn: 'editor', setup: pick, then: ready },
  {
    name: 'editor-inserter',
    path: () => `/admin/articles/${articleId}/`,
    signIn: 'editor',
    setup: pick,
    then: async (page) => {
      await ready(page);
      // An empty line before the second paragraph, then "/" as its first character.
      await page.locator('#editor-body .ProseMirror > p').nth(1).click({ position: { x: 2, y: 8 } });
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.type('/');
      await page.locator('#block-menu:not([hidden])').waitFor();
    },
  },
  { name: 'editor-new', path: '/admin/articles/new/', signIn: 'author', then: ready },
];
