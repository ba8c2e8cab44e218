/**
 * Preview as readers will see it: the body is rendered by the server's own renderer (the
 * preview API), framed like the article page (headline, standfirst, byline, featured
 * image with its credit) and styled by the site's stylesheet, which the admin page loads.
 * Embeds show their two-click placeholder; nothing loads from a provider.
 *
 * @example
 *   const preview = createPreview({ t, media, collect: () => ({ ...panel.values(), body }) });
 *   await preview.open();
 */
import { api, ApiError, type ArticlePayload } from './api.browser.js';
import { byId, el, openDialog } from './dom.browser.js';
import type { T } from './i18n.browser.js';
import { creditLine, fullImage, type MediaLibrary } from './media.browser.js';

export function createPreview(deps: { t: T; media: MediaLibrary; root: HTMLElement; collect: () => ArticlePayload }) {
  const { t, media } = deps;
  const dialog = byId<HTMLDialogElement>('preview-dialog');
  const target = byId('preview-content');

  function authorNames(ids: readonly number[]): string {
    return ids
      .map((id) => deps.root.querySelector<HTMLInputElement>(`input[name="authorIds"][value="${id}"]`)?.parentElement?.textContent?.trim() ?? '')
      .filter(Boolean)
      .join(', ');
  }

  function featured(payload: ArticlePayload): HTMLElement | null {
    const item = payload.featuredMediaId ? media.get(payload.featuredMediaId) : undefined;
    if (!item) return null;
    const caption = payload.featuredCaption.trim() || item.caption;
    const credit = creditLine(t, media, item);
    return el('figure', { class: 'image featured-image' }, [
      el('img', { src: fullImage(item), alt: item.alt, width: String(item.width), height: String(item.height) }),
      caption || credit ? el('figcaption', {}, [caption ? el('span', { class: 'image-caption' }, [caption]) : null, caption && credit ? ' ' : null, credit ? el('small', { class: 'image-credit' }, [credit]) : null]) : null,
    ]);
  }

  return {
    async open() {
      const payload = deps.collect();
      target.replaceChildren(el('p', { class: 'muted' }, [t('preview.loading')]));
      openDialog(dialog);
      try {
        const { html } = await api<{ html: string }>('POST', '/api/v1/admin/preview', { body: payload.body, lang: payload.lang });
        const body = el('div', { class: 'article-body' });
        // The server's renderer escapes every text and checks every link (content/render.ts).
        body.innerHTML = html;
        const authors = authorNames(payload.authorIds);
        target.replaceChildren(
          el('article', { class: 'article', lang: payload.lang }, [
            el('header', { class: 'article-header' }, [
              el('h1', {}, [payload.title]),
              payload.subtitle ? el('p', { class: 'standfirst' }, [payload.subtitle]) : null,
              authors ? el('p', { class: 'byline' }, [el('span', {}, [`${t('preview.by')} ${authors}`])]) : null,
            ]),
            featured(payload),
            body,
          ]),
        );
      } catch (error) {
        target.replaceChildren(el('p', { class: 'notice notice-error', role: 'alert' }, [t('preview.failed', { message: error instanceof ApiError ? error.message : String(error) })]));
      }
    },
  };
}
