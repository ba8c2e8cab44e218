/**
 * The media library in the editor: a cache of the newest images (for image blocks, the
 * featured image and the preview) and the image dialog, which uploads a new image with
 * its alt text, caption, credit, source and licence through the media API, or picks one
 * from the library.
 *
 * @example
 *   const library = createMediaLibrary(t);
 *   await library.load();
 *   const item = await library.choose(); // null when the dialog was closed
 */
import { api, ApiError, type MediaJson } from './api.browser.js';
import { byId, el, openDialog } from './dom.browser.js';
import type { T } from './i18n.browser.js';

/** '/media/' + path with each segment encoded, as the server's `mediaUrl` does. */
export function mediaSrc(path: string): string {
  return '/media/' + path.split('/').filter((s) => s && s !== '.' && s !== '..').map(encodeURIComponent).join('/');
}

/** The smallest JPEG or WebP variant: enough for the editor, cheap to load. */
export function thumbnail(item: MediaJson): string {
  const small = item.variants.filter((v) => v.format !== 'avif').sort((a, b) => a.width - b.width)[0];
  return mediaSrc(small?.path ?? item.path);
}

/** The widest JPEG: what the site itself shows in an article. */
export function fullImage(item: MediaJson): string {
  const jpegs = item.variants.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width);
  return mediaSrc(jpegs.at(-1)?.path ?? item.path);
}

export interface MediaLibrary {
  get(id: number): MediaJson | undefined;
  licenceName(code: string): string;
  load(): Promise<void>;
  choose(): Promise<MediaJson | null>;
}

export function createMediaLibrary(t: T): MediaLibrary {
  const items = new Map<number, MediaJson>();
  let licences: Record<string, { name: string }> = {};
  const dialog = byId<HTMLDialogElement>('media-dialog');
  const list = byId<HTMLUListElement>('media-library');
  const form = byId<HTMLFormElement>('media-upload');
  const error = byId<HTMLParagraphElement>('media-error');
  const submit = byId<HTMLButtonElement>('m-submit');
  let settle: ((item: MediaJson | null) => void) | null = null;

  function finish(item: MediaJson | null) {
    const done = settle;
    settle = null;
    if (dialog.open) dialog.close();
    done?.(item);
  }
  dialog.addEventListener('close', () => finish(null));

  function renderList() {
    const entries = [...items.values()].sort((a, b) => b.id - a.id);
    list.replaceChildren(
      ...(entries.length
        ? entries.map((item) => {
            const label = item.caption || item.alt || t('image.missing', { id: item.id });
            const button = el('button', { type: 'button', class: 'media-pick-button', 'aria-label': `${t('media.pick')}: ${label}` }, [
              el('img', { src: thumbnail(item), alt: '', loading: 'lazy' }),
              el('span', {}, [label]),
            ]);
            button.addEventListener('click', () => finish(item));
            return el('li', {}, [button]);
          })
        : [el('li', { class: 'muted' }, [t('media.empty')])]),
    );
  }

  function showError(message: string, fieldName?: string) {
    error.textContent = message;
    error.hidden = false;
    const input = fieldName ? form.querySelector<HTMLInputElement>(`[name="${fieldName}"]`) : null;
    input?.setAttribute('aria-invalid', 'true');
    input?.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    const file = form.querySelector<HTMLInputElement>('[name="file"]')?.files?.[0];
    if (!file) return showError(t('media.noFile'), 'file');
    const data = new FormData(form);
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    try {
      const item = await api<MediaJson>('POST', '/api/v1/admin/media', data);
      items.set(item.id, item);
      form.reset();
      renderList();
      finish(item);
    } catch (caught) {
      const failure = caught instanceof ApiError ? caught : new ApiError(String(caught), 'CLIENT', 0);
      showError(failure.code === 'NETWORK' ? t('status.network') : failure.message, failure.field);
    } finally {
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
    }
  });

  return {
    get: (id) => items.get(id),
    licenceName: (code) => licences[code]?.name ?? code,
    async load() {
      const answer = await api<{ media: MediaJson[]; licences: Record<string, { name: string }> }>('GET', '/api/v1/admin/media');
      licences = answer.licences;
      for (const item of answer.media) items.set(item.id, item);
      renderList();
    },
    choose() {
      finish(null);
      error.hidden = true;
      openDialog(dialog);
      return new Promise((resolve) => (settle = resolve));
    },
  };
}

/** "Foto: Jana Beispiel, CC BY 4.0", as the site credits the image. */
export function creditLine(t: T, library: MediaLibrary, item: MediaJson): string {
  const parts = [item.credit.trim(), library.licenceName(item.licence)].filter(Boolean);
  return parts.length ? `${t('image.credit')} ${parts.join(', ')}` : '';
}
