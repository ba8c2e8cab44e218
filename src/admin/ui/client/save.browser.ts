/**
 * Saving: "Save" and "Publish" write the article through the article API; after ~10 s
 * without typing, the work goes to the autosave API (a new article is first created as
 * a draft, so there is something to autosave to). One save at a time, in order, so an
 * autosave can never race a publish into two articles. Errors name their field and keep
 * everything typed.
 *
 * @example
 *   const saver = createSaver({ t, lang, root, collect, onSaved });
 *   editor.on('update', () => saver.changed());
 *   await saver.save('published');
 */
import { api, ApiError, type ArticleJson, type ArticlePayload } from './api.browser.js';
import { byId } from './dom.browser.js';
import { clock, type T } from './i18n.browser.js';

export const AUTOSAVE_AFTER_MS = 10_000;

/** The panel field an API error names ("slug", "body[3].url", …). */
const FIELD_INPUTS: Record<string, string> = {
  title: 'f-title', subtitle: 'f-subtitle', slug: 'f-slug', mainTagId: 'f-main-tag', lang: 'f-lang', status: 'f-status', scheduledAt: 'f-scheduled',
  featuredMediaId: 'btn-featured-choose', featuredCaption: 'f-featured-caption', seoTitle: 'f-seo-title', seoDescription: 'f-seo-description',
};

export interface StatusLine {
  say(text: string): void;
  fail(message: string, field?: string): void;
  clear(): void;
  /** The element showing the body's block `index`, once the editor exists. */
  locateBlock?: (index: number) => HTMLElement | null;
}

/** Inside a refused block, the field the path names: a table row's first cell, else the block. */
function fieldIn(block: HTMLElement, path: string): HTMLElement {
  const row = /^\.rows\[(\d+)\]/.exec(path)?.[1];
  const cell = row !== undefined ? block.querySelector<HTMLElement>(`[data-cell^="${row}:"]`) : null;
  const named = /^\.(caption|source|language|summary)\b/.exec(path)?.[1];
  const input = named ? block.querySelector<HTMLElement>(`[data-attr="${named}"]`) : null;
  return cell ?? input ?? block.querySelector<HTMLElement>('input, textarea, pre, button') ?? block;
}

export function createStatusLine(root: HTMLElement): StatusLine {
  const line = byId('editor-status');
  const alert = byId('editor-error');
  const clearInvalid = () => {
    for (const input of root.querySelectorAll('[aria-invalid="true"]:not([data-attr])')) input.removeAttribute('aria-invalid');
    for (const block of root.querySelectorAll('.editor-block-invalid')) block.classList.remove('editor-block-invalid');
    for (const note of root.querySelectorAll('.editor-block-error')) note.remove();
  };
  const status: StatusLine = {
    say(text) {
      line.textContent = text;
    },
    fail(message, field) {
      clearInvalid();
      alert.textContent = message;
      alert.hidden = false;
      // A refused block (a ragged table, an empty gallery, code too long) is marked where it is.
      const inBody = /^body\[(\d+)\](.*)$/.exec(field ?? '');
      const block = inBody ? status.locateBlock?.(Number(inBody[1])) : null;
      if (block && inBody) {
        block.classList.add('editor-block-invalid');
        const note = document.createElement('p');
        note.className = 'editor-block-error';
        note.setAttribute('contenteditable', 'false');
        note.textContent = message;
        block.prepend(note);
        const target = fieldIn(block, inBody[2] ?? '');
        if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') target.setAttribute('aria-invalid', 'true');
        target.scrollIntoView({ block: 'center' });
        target.focus();
        return;
      }
      const name = field?.replace(/\[.*$/, '') ?? '';
      const target = name === 'body' ? document.querySelector<HTMLElement>('#editor-body .ProseMirror') : FIELD_INPUTS[name] ? byId(FIELD_INPUTS[name]) : name === 'authorIds' || name === 'tagIds' ? root.querySelector<HTMLElement>(`input[name="${name}"]`) : null;
      if (target && target.tagName !== 'BUTTON') target.setAttribute('aria-invalid', 'true');
      target?.focus();
    },
    clear() {
      alert.hidden = true;
      alert.textContent = '';
      clearInvalid();
    },
  };
  return status;
}

export interface SaverDeps {
  t: T;
  lang: string;
  root: HTMLElement;
  status: StatusLine;
  collect(status: ArticlePayload['status']): ArticlePayload;
  currentStatus(): ArticlePayload['status'];
  onSaved(article: ArticleJson): void;
}

export function createSaver(deps: SaverDeps) {
  const { t, root, status } = deps;
  let id = Number(root.dataset.articleId) || null;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let edits = 0;
  let savedEdits = 0;

  function enqueue<R>(job: () => Promise<R>): Promise<R> {
    const next = queue.then(job);
    queue = next.catch(() => undefined);
    return next;
  }

  function problem(error: unknown): { message: string; field?: string } {
    if (error instanceof ApiError) return { message: error.code === 'NETWORK' ? t('status.network') : error.message, field: error.field };
    return { message: String(error) };
  }

  /** What the form itself can tell before asking the server. */
  function precheck(payload: ArticlePayload): { message: string; field: string } | null {
    if (!payload.title.trim()) return { message: t('status.needTitle'), field: 'title' };
    if (payload.status === 'scheduled' && !payload.scheduledAt) return { message: t('status.needDate'), field: 'scheduledAt' };
    return null;
  }

  async function write(payload: ArticlePayload): Promise<ArticleJson> {
    const article = id
      ? await api<ArticleJson>('PUT', `/api/v1/admin/articles/${id}`, payload)
      : await api<ArticleJson>('POST', '/api/v1/admin/articles', payload);
    if (!id) {
      id = article.id;
      root.dataset.articleId = String(id);
      // The address now names the article, so a reload opens it rather than a blank one.
      history.replaceState(null, '', `/admin/articles/${id}/`);
      byId<HTMLButtonElement>('btn-history').disabled = false;
    }
    return article;
  }

  return {
    get id() {
      return id;
    },
    /** Whether there are edits no save or autosave has taken yet. */
    get dirty() {
      return edits !== savedEdits;
    },
    changed() {
      edits++;
      clearTimeout(timer);
      timer = setTimeout(() => void this.autosave(), AUTOSAVE_AFTER_MS);
    },
    /** Everything on screen is what the server has (after a load or restore). */
    clean() {
      savedEdits = edits;
      clearTimeout(timer);
    },
    /** Whether the form is complete enough to save as `target`; says what is missing if not. */
    ready(target: ArticlePayload['status']): boolean {
      const local = precheck(deps.collect(target));
      if (local) status.fail(local.message, local.field);
      return local === null;
    },
    save(target: ArticlePayload['status'] = deps.currentStatus()): Promise<ArticleJson | null> {
      return enqueue(async () => {
        const payload = deps.collect(target);
        const local = precheck(payload);
        if (local) {
          status.fail(local.message, local.field);
          return null;
        }
        const at = edits;
        const wasPublished = root.dataset.status === 'published';
        status.say(t('status.saving'));
        try {
          const article = await write(payload);
          savedEdits = at;
          if (!this.dirty) clearTimeout(timer);
          status.clear();
          deps.onSaved(article);
          status.say(t(article.status === 'published' && !wasPublished ? 'status.published' : 'status.saved', { time: clock(deps.lang) }));
          return article;
        } catch (error) {
          const { message, field } = problem(error);
          status.say('');
          status.fail(t('status.failed', { message }), field);
          return null;
        }
      });
    },
    autosave(): Promise<void> {
      return enqueue(async () => {
        if (!this.dirty) return;
        const at = edits;
        try {
          if (!id) {
            const payload = deps.collect('draft');
            if (precheck(payload)) return; // nothing to name the draft by yet
            const article = await write(payload);
            deps.onSaved(article);
            status.say(t('status.created', { time: clock(deps.lang) }));
          } else {
            await api('PUT', `/api/v1/admin/articles/${id}/autosave`, deps.collect(deps.currentStatus()));
            status.say(t('status.autosaved', { time: clock(deps.lang) }));
          }
          savedEdits = at;
        } catch (error) {
          status.say(t('status.autosaveFailed', { message: problem(error).message }));
        }
      });
    },
  };
}

export type Saver = ReturnType<typeof createSaver>;
