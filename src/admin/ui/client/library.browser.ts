/**
 * The media library page's uploads: files dropped on the area or chosen with the picker
 * (several at once) go up one after another through the media API, each with a progress
 * bar, the credit and licence typed above, and a link to its page once stored; a refused
 * file says why (the API's message, in the site's language) and nothing is kept of it.
 * On an image's page, "replace" sends the new file the same way and reloads the page.
 * Built into its own small bundle (media.js): no editor code is loaded here.
 *
 * @example
 *   <div id="media-library-page" data-uploading="Lädt hoch: {name}" …> … <script type="module" src="/assets/media.….js">
 */

interface Uploaded {
  id: number;
  caption: string;
  alt: string;
  credit: string;
  variants: { path: string; width: number; format: string }[];
  path: string;
}

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

function mediaSrc(path: string): string {
  return '/media/' + path.split('/').filter((s) => s && s !== '.' && s !== '..').map(encodeURIComponent).join('/');
}

function say(root: HTMLElement, key: 'uploading' | 'uploaded' | 'failed', name: string): string {
  return (root.dataset[key] ?? '{name}').replace('{name}', name);
}

/** Sends one file with XMLHttpRequest (fetch reports no upload progress). */
function send(method: 'POST' | 'PUT', url: string, data: FormData, progress: HTMLProgressElement): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, url);
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader('x-csrf-token', csrfToken());
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
    });
    request.addEventListener('load', () => {
      let json: { error?: { message?: string } } & Partial<Uploaded> = {};
      try {
        json = JSON.parse(request.responseText) as typeof json;
      } catch {
        // An answer that is not JSON: the status says enough.
      }
      if (request.status >= 200 && request.status < 300) resolve(json as Uploaded);
      else reject(new Error(json.error?.message ?? `HTTP ${request.status}`));
    });
    request.addEventListener('error', () => reject(new Error('network')));
    request.send(data);
  });
}

/** A row in the queue: the file's name, a progress bar, then the outcome. */
function queueRow(queue: HTMLElement, label: string): { row: HTMLLIElement; progress: HTMLProgressElement; text: HTMLSpanElement } {
  const row = document.createElement('li');
  row.className = 'upload-row';
  const text = document.createElement('span');
  text.textContent = label;
  const progress = document.createElement('progress');
  progress.max = 100;
  progress.value = 0;
  progress.setAttribute('aria-label', label);
  row.append(text, progress);
  queue.append(row);
  return { row, progress, text };
}

function addCard(grid: HTMLElement | null, item: Uploaded, editLabel: string) {
  if (!grid) return;
  const small = item.variants.filter((v) => v.format !== 'avif').sort((a, b) => a.width - b.width)[0];
  const li = document.createElement('li');
  li.className = 'media-card';
  li.id = `media-${item.id}`;
  const link = document.createElement('a');
  link.className = 'media-card-link';
  link.href = `/admin/media/${item.id}/`;
  link.setAttribute('aria-label', `${editLabel}: #${item.id}`);
  const img = document.createElement('img');
  img.src = mediaSrc(small?.path ?? item.path);
  img.alt = '';
  link.append(img);
  li.append(link);
  grid.prepend(li);
}

function wireLibrary(root: HTMLElement) {
  const drop = document.getElementById('media-drop');
  const input = document.getElementById('media-files') as HTMLInputElement | null;
  const queue = document.getElementById('upload-queue');
  const grid = document.getElementById('media-grid');
  if (!drop || !input || !queue) return;
  const credit = document.getElementById('upload-credit') as HTMLInputElement | null;
  const licence = document.getElementById('upload-licence') as HTMLSelectElement | null;
  let chain: Promise<void> = Promise.resolve();

  function upload(files: Iterable<File>) {
    for (const file of files) {
      const { row, progress, text } = queueRow(queue!, say(root, 'uploading', file.name));
      // One after another: two cores decode images; parallel uploads would only queue there.
      chain = chain.then(async () => {
        const data = new FormData();
        data.append('licence', licence?.value ?? 'all-rights-reserved');
        data.append('credit', credit?.value ?? '');
        data.append('name', file.name.replace(/\.[a-z0-9]+$/i, ''));
        data.append('file', file);
        try {
          const item = await send('POST', '/api/v1/admin/media', data, progress);
          progress.value = 100;
          text.textContent = say(root, 'uploaded', file.name) + ' ';
          const link = document.createElement('a');
          link.href = `/admin/media/${item.id}/`;
          link.textContent = root.dataset.editLabel ?? '';
          text.append(link);
          row.classList.add('upload-done');
          addCard(grid, item, root.dataset.editLabel ?? '');
        } catch (error) {
          progress.remove();
          text.textContent = `${say(root, 'failed', file.name)} – ${(error as Error).message}`;
          row.classList.add('upload-failed');
          row.setAttribute('role', 'alert');
        }
      });
    }
    return chain;
  }

  input.addEventListener('change', () => {
    if (input.files?.length) void upload([...input.files]).then(() => (input.value = ''));
  });
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add('media-drop-over');
    });
  }
  for (const type of ['dragleave', 'drop']) drop.addEventListener(type, () => drop.classList.remove('media-drop-over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    const files = (event as DragEvent).dataTransfer?.files;
    if (files?.length) void upload([...files]);
  });
}

function wireReplace(root: HTMLElement) {
  const form = document.getElementById('media-replace') as HTMLFormElement | null;
  const queue = document.getElementById('upload-queue');
  if (!form || !queue) return;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = form.querySelector<HTMLInputElement>('input[type="file"]')?.files?.[0];
    if (!file) return;
    queue.replaceChildren();
    const { row, progress, text } = queueRow(queue, say(root, 'uploading', file.name));
    const data = new FormData();
    data.append('name', file.name.replace(/\.[a-z0-9]+$/i, ''));
    data.append('file', file);
    try {
      await send('PUT', `/api/v1/admin/media/${form.dataset.mediaId}/file`, data, progress);
      location.assign(`/admin/media/${form.dataset.mediaId}/?done=replaced`);
    } catch (error) {
      progress.remove();
      text.textContent = `${say(root, 'failed', file.name)} – ${(error as Error).message}`;
      row.setAttribute('role', 'alert');
    }
  });
}

const libraryRoot = document.getElementById('media-library-page');
if (libraryRoot) wireLibrary(libraryRoot);
const editRoot = document.getElementById('media-edit-page');
if (editRoot) wireReplace(editRoot);
document.documentElement.dataset.mediaReady = 'true';
