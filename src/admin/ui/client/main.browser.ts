/**
 * The article editor, started on `/admin/articles/new/` and `/admin/articles/:id/`: loads
 * the media library and the article, builds the TipTap editor on our body schema and
 * wires the panel, saving (explicit and automatic), publishing with the proofreading
 * check, preview and history. When everything is ready, the page root gets
 * `data-ready="true"` (what tests wait for).
 *
 * @example
 *   <div id="article-editor" data-article-id="42" …> … <script type="module" src="/assets/editor.…js">
 */
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { api, type ArticleJson, type ArticlePayload } from './api.browser.js';
import { blocksToDoc, docToBlocks, nodeIndexOfBlock } from './convert.browser.js';
import { byId, maybeId, openDialog } from './dom.browser.js';
import { createHistory } from './history.browser.js';
import { translator } from './i18n.browser.js';
import { createInserter, inserterKeys, type Inserter } from './inserter.browser.js';
import { createMediaLibrary } from './media.browser.js';
import { bodyNodes } from './nodes.browser.js';
import { richNodes } from './nodes-rich.browser.js';
import { createPanel } from './panel.browser.js';
import { createPreview } from './preview.browser.js';
import { createProofreader, listFindings, ProofreadMarks, type Located } from './proofread.browser.js';
import { createSaver, createStatusLine } from './save.browser.js';
import { wireToolbar } from './toolbar.browser.js';

/** The settings panel folds away (remembered in this browser); on a phone it starts folded. */
function wirePanelToggle(root: HTMLElement) {
  const button = byId<HTMLButtonElement>('btn-panel');
  const layout = byId('editor-layout');
  const set = (open: boolean) => {
    layout.classList.toggle('panel-closed', !open);
    byId('editor-panel').hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', (open ? button.dataset.hide : button.dataset.show) ?? '');
  };
  const stored = localStorage.getItem('blattwerk.editorPanel');
  set(stored ? stored === 'open' : window.matchMedia('(min-width: 72rem)').matches);
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    localStorage.setItem('blattwerk.editorPanel', open ? 'open' : 'closed');
    set(open);
  });
  void root;
}

/** The headline wraps onto as many lines as it needs; Enter moves on to the standfirst. */
function wireTitle(title: HTMLTextAreaElement, subtitle: HTMLTextAreaElement) {
  const fit = () => {
    title.style.height = 'auto';
    title.style.height = `${title.scrollHeight}px`;
  };
  title.addEventListener('input', fit);
  title.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    subtitle.focus();
  });
  // A pasted headline keeps to one paragraph.
  title.addEventListener('input', () => {
    if (/[\r\n]/.test(title.value)) title.value = title.value.replace(/\s*[\r\n]+\s*/g, ' ');
  });
  new ResizeObserver(fit).observe(title);
  fit();
}

async function start(root: HTMLElement): Promise<void> {
  const lang = root.dataset.uiLang ?? 'de';
  const t = translator(lang);
  const status = createStatusLine(root);
  const media = createMediaLibrary(t);
  const id = Number(root.dataset.articleId) || null;
  const [article] = await Promise.all([id ? api<ArticleJson>('GET', `/api/v1/admin/articles/${id}`) : Promise.resolve(null), media.load()]);
  const kind = article?.kind ?? 'article';

  // Assigned once the editor exists; the panel and editor only call it on user edits.
  let changed = () => {};
  let inserter: Inserter | null = null;
  const panel = createPanel({ t, media, root, onChange: () => changed() });
  const editor = new Editor({
    element: byId('editor-body'),
    // TipTap would add a <style> element, which the admin's CSP (style-src 'self') refuses;
    // admin.css carries the few rules ProseMirror needs.
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        listItem: false,
        blockquote: false,
        // Our own code block (nodes-rich.browser.ts) keeps a language label and knows preformatted text.
        codeBlock: false,
        underline: false,
        link: { openOnClick: false, autolink: true, linkOnPaste: true, protocols: ['mailto'], HTMLAttributes: { rel: 'noopener', target: null } },
      }),
      ...bodyNodes({ t, media }),
      ...richNodes({ t, media }),
      ProofreadMarks,
      inserterKeys(() => inserter),
    ],
    content: blocksToDoc(article?.body ?? []),
    // The sticky bar at the top never hides the line being typed: scrolling keeps it clear.
    editorProps: { scrollMargin: { top: 140, bottom: 40, left: 0, right: 0 }, scrollThreshold: { top: 140, bottom: 40, left: 0, right: 0 }, attributes: { class: 'article-body editor-prose', 'aria-labelledby': 'editor-body-label', 'aria-describedby': 'editor-shortcuts', role: 'textbox', 'aria-multiline': 'true', spellcheck: 'false' } },
  });

  status.locateBlock = (index) => {
    const at = nodeIndexOfBlock(editor.getJSON(), index);
    if (at === null) return null;
    let pos = -1;
    editor.state.doc.forEach((_node, offset, i) => {
      if (i === at) pos = offset;
    });
    const dom = pos >= 0 ? editor.view.nodeDOM(pos) : null;
    return dom instanceof HTMLElement ? dom : null;
  };
  const collect = (target: ArticlePayload['status']): ArticlePayload => ({ kind, ...panel.values(), status: target, body: docToBlocks(editor.getJSON()) });
  const proofreader = createProofreader({
    t, editor, title: panel.fields.title, subtitle: panel.fields.subtitle, language: () => panel.fields.lang.value,
    mayAddWords: root.dataset.mayPublish === 'true', say: (message) => status.say(message),
  });
  const saver = createSaver({ t, lang, root, status, collect, currentStatus: panel.status, onSaved: (saved) => panel.saved(saved) });
  changed = () => {
    saver.changed();
    proofreader.schedule();
  };
  editor.on('update', () => changed());

  /** Body and panel from an article (a restored revision, an autosave), taken as saved or not. */
  function load(from: Partial<ArticleJson>, saved: boolean) {
    panel.fill(from);
    editor.commands.setContent(blocksToDoc(from.body ?? []), { emitUpdate: false });
    if (saved) {
      panel.saved(from as ArticleJson);
      saver.clean();
    } else saver.changed();
    proofreader.schedule();
  }

  inserter = createInserter({ editor, t, media, column: root.querySelector<HTMLElement>('.editor-body-wrap')! });
  wireToolbar({ editor, t, openInserter: () => inserter?.open('plus'), fail: (message) => status.fail(message) });
  wirePanelToggle(root);
  wireTitle(panel.fields.title, panel.fields.subtitle);

  const publishDialog = byId<HTMLDialogElement>('publish-dialog');
  /** The second click: open findings are listed, and going on needs "publish anyway" or "schedule anyway". */
  function confirmPublish(open: Located[], target: 'published' | 'scheduled'): Promise<boolean> {
    listFindings(byId('publish-findings'), open, t);
    const wording = target === 'scheduled' ? 'schedule' : 'publish';
    for (const id of ['publish-dialog-title', 'publish-dialog-intro', 'btn-publish-confirm']) {
      const node = byId(id);
      node.textContent = node.dataset[wording] ?? node.textContent;
    }
    openDialog(publishDialog);
    return new Promise((resolve) => {
      const done = (answer: boolean) => {
        confirm.removeEventListener('click', yes);
        cancel.removeEventListener('click', no);
        publishDialog.removeEventListener('close', no);
        if (publishDialog.open) publishDialog.close();
        resolve(answer);
      };
      const yes = () => done(true);
      const no = () => done(false);
      const confirm = byId('btn-publish-confirm');
      const cancel = byId('btn-publish-cancel');
      confirm.addEventListener('click', yes);
      cancel.addEventListener('click', no);
      publishDialog.addEventListener('close', no);
    });
  }

  /** Going live now or at a set time: open proofreading findings need "publish anyway". */
  async function publish(target: 'published' | 'scheduled') {
    if (!saver.ready(target)) return;
    const open = await proofreader.checkNow();
    if (open.length && !(await confirmPublish(open, target))) return;
    await saver.save(target);
  }

  byId('btn-save').addEventListener('click', async () => {
    // Choosing "published" or "scheduled" in the status list goes through the same check.
    const target = panel.status();
    if ((target === 'published' || target === 'scheduled') && root.dataset.status !== target) return publish(target);
    await saver.save();
  });
  // "Publish" says "Schedule" while the status list says "scheduled", and does that.
  const publishButton = maybeId('btn-publish');
  publishButton?.addEventListener('click', () => void publish(panel.status() === 'scheduled' ? 'scheduled' : 'published'));
  const label = () => {
    if (publishButton) publishButton.textContent = (panel.status() === 'scheduled' ? publishButton.dataset.schedule : publishButton.dataset.publish) ?? publishButton.textContent;
  };
  panel.fields.status.addEventListener('change', label);
  label();

  const preview = createPreview({ t, media, root, collect: () => collect(panel.status()) });
  byId('btn-preview').addEventListener('click', () => void preview.open());

  const history = createHistory({
    t,
    lang,
    articleId: () => saver.id,
    fail: (message) => status.fail(message),
    onRestored: (restored) => {
      load(restored, true);
      status.say(t('history.restored'));
    },
  });
  byId('btn-history').addEventListener('click', () => void history.open().catch((error: unknown) => status.fail(String(error))));

  maybeId('btn-autosave-restore')?.addEventListener('click', async () => {
    if (!saver.id) return;
    const { data } = await api<{ data: Partial<ArticleJson> }>('GET', `/api/v1/admin/articles/${saver.id}/autosave`);
    load(data, false);
    maybeId('autosave-notice')?.remove();
    status.say(t('status.autosaveLoaded'));
  });

  proofreader.schedule();
  root.dataset.ready = 'true';
}

const root = document.getElementById('article-editor');
if (root) {
  start(root).catch((error: unknown) => {
    const alert = document.getElementById('editor-error');
    if (alert) {
      alert.textContent = error instanceof Error ? error.message : String(error);
      alert.hidden = false;
    }
    root.dataset.ready = 'failed';
  });
}
