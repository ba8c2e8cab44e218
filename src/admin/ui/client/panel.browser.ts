/**
 * The side panel and title fields: reads them into the article payload, fills them from
 * an article (after a restore or loading an autosave), and keeps the live parts current:
 * the scheduling field, the note that an old address will redirect, the social card
 * preview and the featured image.
 *
 * @example
 *   const panel = createPanel({ t, media, onChange: () => saver.changed() });
 *   const { title, tagIds } = panel.values();
 */
import type { ArticleJson, ArticlePayload } from './api.browser.js';
import { byId, el } from './dom.browser.js';
import type { T } from './i18n.browser.js';
import { thumbnail, type MediaLibrary } from './media.browser.js';

export type Status = ArticleJson['status'];
export type PanelValues = Omit<ArticlePayload, 'body' | 'status' | 'kind'>;

/** "2026-03-01T09:30" in the browser's time zone, as datetime-local wants it. */
function localInputValue(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function createPanel(deps: { t: T; media: MediaLibrary; root: HTMLElement; onChange: () => void }) {
  const { media, root } = deps;
  const f = {
    title: byId<HTMLTextAreaElement>('f-title'),
    subtitle: byId<HTMLTextAreaElement>('f-subtitle'),
    status: byId<HTMLSelectElement>('f-status'),
    scheduled: byId<HTMLInputElement>('f-scheduled'),
    slug: byId<HTMLInputElement>('f-slug'),
    lang: byId<HTMLSelectElement>('f-lang'),
    featured: byId<HTMLInputElement>('f-featured'),
    featuredCaption: byId<HTMLInputElement>('f-featured-caption'),
    seoTitle: byId<HTMLInputElement>('f-seo-title'),
    seoDescription: byId<HTMLTextAreaElement>('f-seo-description'),
    comments: byId<HTMLInputElement>('f-comments'),
  };
  const slugNote = byId('slug-redirect');
  const mainTag = document.getElementById('f-main-tag') as HTMLSelectElement | null;
  /** Ticked tags in the order they were ticked (the page's order for those ticked before). */
  let tagOrder = checkedIdsOf('tagIds');
  const scheduledField = byId('scheduled-field');
  const featuredPreview = byId('featured-preview');
  const featuredRemove = byId<HTMLButtonElement>('btn-featured-remove');
  const card = { image: byId('card-image'), title: byId('card-title'), description: byId('card-description') };
  f.scheduled.value = localInputValue(f.scheduled.dataset.iso ?? null);

  function checkedIdsOf(name: string) {
    return [...root.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${name}"]`)].filter((box) => box.checked).map((box) => Number(box.value));
  }
  const checkedIds = checkedIdsOf;
  const tagName = (id: number) => root.querySelector<HTMLInputElement>(`input[name="tagIds"][value="${id}"]`)?.parentElement?.textContent?.trim() ?? `#${id}`;

  /** The main-tag list offers the ticked tags; the chosen one stays while it is ticked. */
  function syncMainTag(prefer?: number | null) {
    if (!mainTag) return;
    const ticked = checkedIds('tagIds');
    tagOrder = [...tagOrder.filter((id) => ticked.includes(id)), ...ticked.filter((id) => !tagOrder.includes(id))];
    const current = prefer ?? (mainTag.value ? Number(mainTag.value) : null);
    const chosen = current !== null && tagOrder.includes(current) ? current : (tagOrder[0] ?? null);
    mainTag.replaceChildren(
      ...(tagOrder.length ? tagOrder.map((id) => el('option', { value: String(id) }, [tagName(id)])) : [el('option', { value: '' }, [mainTag.dataset.none ?? ''])]),
    );
    mainTag.disabled = tagOrder.length === 0;
    if (chosen !== null) mainTag.value = String(chosen);
  }
  const setChecked = (name: string, ids: readonly number[]) => {
    for (const box of root.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${name}"]`)) box.checked = ids.includes(Number(box.value));
  };

  function refresh() {
    scheduledField.hidden = f.status.value !== 'scheduled';
    const saved = root.dataset.slug ?? '';
    const slug = f.slug.value.trim();
    const moving = root.dataset.status === 'published' && saved !== '' && slug !== '' && slug !== saved;
    slugNote.hidden = !moving;
    slugNote.textContent = moving ? (slugNote.dataset.template ?? '').replace('{old}', `/${saved}/`) : '';
    card.title.textContent = f.seoTitle.value.trim() || f.title.value;
    card.description.textContent = f.seoDescription.value.trim() || f.subtitle.value;
  }

  function showFeatured(id: number | null) {
    f.featured.value = id ? String(id) : '';
    const item = id ? media.get(id) : undefined;
    featuredRemove.hidden = !id;
    featuredPreview.replaceChildren(item ? el('img', { src: thumbnail(item), alt: item.alt }) : id ? el('p', {}, [`#${id}`]) : el('p', { class: 'muted' }, [featuredPreview.dataset.none ?? '']));
    card.image.replaceChildren(...(item ? [el('img', { src: thumbnail(item), alt: '' })] : []));
  }

  const changed = () => {
    refresh();
    deps.onChange();
  };
  for (const input of [f.title, f.subtitle, f.status, f.scheduled, f.slug, f.lang, f.featuredCaption, f.seoTitle, f.seoDescription, f.comments]) {
    input.addEventListener('input', changed);
    input.addEventListener('change', changed);
  }
  for (const box of root.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name="authorIds"], input[type="checkbox"][name="tagIds"]')) {
    box.addEventListener('change', () => {
      if (box.name === 'tagIds') syncMainTag();
      changed();
    });
  }
  mainTag?.addEventListener('change', changed);
  byId('btn-featured-choose').addEventListener('click', async () => {
    const item = await media.choose();
    if (!item) return;
    showFeatured(item.id);
    changed();
  });
  featuredRemove.addEventListener('click', () => {
    showFeatured(null);
    changed();
  });
  refresh();

  return {
    fields: f,
    values(): PanelValues {
      const slug = f.slug.value.trim();
      return {
        title: f.title.value,
        subtitle: f.subtitle.value,
        ...(slug ? { slug } : {}),
        lang: f.lang.value === 'en' ? 'en' : 'de',
        scheduledAt: f.status.value === 'scheduled' && f.scheduled.value ? new Date(f.scheduled.value).toISOString() : null,
        featuredMediaId: f.featured.value ? Number(f.featured.value) : null,
        featuredCaption: f.featuredCaption.value,
        seoTitle: f.seoTitle.value,
        seoDescription: f.seoDescription.value,
        commentsOpen: f.comments.checked,
        authorIds: checkedIds('authorIds'),
        tagIds: tagOrder.filter((id) => checkedIds('tagIds').includes(id)),
        mainTagId: mainTag && mainTag.value ? Number(mainTag.value) : null,
      };
    },
    status: () => f.status.value as Status,
    /** The status the select shows; adds the option when the role could not pick it. */
    setStatus(status: Status) {
      if (![...f.status.options].some((o) => o.value === status)) f.status.append(el('option', { value: status }, [status]));
      f.status.value = status;
      refresh();
    },
    /** Everything but the body, from an article (restore, autosave). */
    fill(article: Partial<ArticleJson>) {
      f.title.value = article.title ?? '';
      f.subtitle.value = article.subtitle ?? '';
      if (article.slug !== undefined) f.slug.value = article.slug;
      if (article.lang) f.lang.value = article.lang;
      if (article.status) this.setStatus(article.status);
      f.scheduled.value = localInputValue(article.scheduledAt ?? null);
      f.featuredCaption.value = article.featuredCaption ?? '';
      f.seoTitle.value = article.seoTitle ?? '';
      f.seoDescription.value = article.seoDescription ?? '';
      f.comments.checked = article.commentsOpen ?? true;
      setChecked('authorIds', article.authorIds ?? []);
      setChecked('tagIds', article.tagIds ?? []);
      tagOrder = [...(article.tagIds ?? [])];
      syncMainTag(article.tagIds?.[0] ?? null);
      showFeatured(article.featuredMediaId ?? null);
      refresh();
    },
    /** After a save: the server's address and status are now the saved ones. */
    saved(article: ArticleJson) {
      root.dataset.slug = article.slug;
      root.dataset.status = article.status;
      // Published is published: from then on "Save" is the button.
      const publish = document.getElementById('btn-publish');
      if (publish) publish.hidden = article.status === 'published';
      f.slug.value = article.slug;
      // Once published the address stays; the note under it says so.
      if (article.status === 'published' && root.dataset.slugFollows === 'true') {
        root.dataset.slugFollows = 'false';
        const help = document.getElementById('slug-help');
        if (help && help.dataset.fixed) help.textContent = help.dataset.fixed;
      }
      this.setStatus(article.status);
    },
    refresh,
  };
}

export type Panel = ReturnType<typeof createPanel>;
