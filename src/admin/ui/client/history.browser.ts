/**
 * Revision history: the article's revisions, newest first; choosing one shows the
 * readable diff from it to the current text (the API's HTML: escaped words in <ins> and
 * <del>), and "restore" brings that version's text back through the API.
 *
 * @example
 *   const history = createHistory({ t, lang, articleId: () => saver.id, onRestored: (article) => load(article) });
 *   await history.open();
 */
import { api, type ArticleJson } from './api.browser.js';
import { byId, el, openDialog } from './dom.browser.js';
import { dateTime, type T } from './i18n.browser.js';

interface Revision {
  id: number;
  user_id: number | null;
  note: string;
  created_at: string;
}

export function createHistory(deps: { t: T; lang: string; articleId: () => number | null; onRestored: (article: ArticleJson) => void; fail: (message: string) => void }) {
  const { t } = deps;
  const dialog = byId<HTMLDialogElement>('history-dialog');
  const list = byId<HTMLOListElement>('history-list');
  const diff = byId('history-diff');
  const restore = byId<HTMLButtonElement>('btn-restore');
  let chosen: number | null = null;

  const note = (value: string) => (value === 'created' ? t('history.note.created') : value === 'saved' ? t('history.note.saved') : value);

  async function show(revision: Revision, button: HTMLButtonElement) {
    const id = deps.articleId();
    if (!id) return;
    for (const other of list.querySelectorAll('button')) other.removeAttribute('aria-current');
    button.setAttribute('aria-current', 'true');
    chosen = revision.id;
    diff.textContent = t('history.loading');
    const answer = await api<{ html: string; changedFields: string[] }>('GET', `/api/v1/admin/articles/${id}/diff?from=${revision.id}`);
    const changed = answer.changedFields.length > 0;
    // The diff HTML is the server's own: every word escaped, only <ins>, <del> and <br> added.
    const body = el('div', { class: 'history-text' });
    body.innerHTML = answer.html;
    diff.replaceChildren(el('p', { class: 'field-note' }, [changed ? t('history.fields', { fields: answer.changedFields.join(', ') }) : t('history.nothing')]), body);
    restore.hidden = false;
  }

  restore.addEventListener('click', async () => {
    const id = deps.articleId();
    if (!id || chosen === null) return;
    restore.disabled = true;
    try {
      const article = await api<ArticleJson>('POST', `/api/v1/admin/articles/${id}/revisions/${chosen}/restore`);
      dialog.close();
      deps.onRestored(article);
    } catch (error) {
      deps.fail(error instanceof Error ? error.message : String(error));
    } finally {
      restore.disabled = false;
    }
  });

  return {
    async open() {
      const id = deps.articleId();
      if (!id) return;
      chosen = null;
      restore.hidden = true;
      diff.replaceChildren();
      list.replaceChildren(el('li', { class: 'muted' }, [t('history.loading')]));
      openDialog(dialog);
      const { revisions } = await api<{ revisions: Revision[] }>('GET', `/api/v1/admin/articles/${id}/revisions`);
      list.replaceChildren(
        ...(revisions.length
          ? revisions.map((revision) => {
              const button = el('button', { type: 'button', class: 'link-button', 'data-revision': String(revision.id) }, [`${dateTime(deps.lang, revision.created_at)} · ${note(revision.note)}`]);
              button.addEventListener('click', () => void show(revision, button).catch((error: unknown) => (diff.textContent = String(error))));
              return el('li', {}, [button]);
            })
          : [el('li', { class: 'muted' }, [t('history.empty')])]),
      );
    },
  };
}
