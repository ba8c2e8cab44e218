/**
 * The toolbar's buttons run editor commands; toggle buttons show with `aria-pressed`
 * whether the selection has that format, updated on every selection change.
 *
 * @example
 *   wireToolbar({ editor, t, openInserter: () => inserter.open('plus'), fail });
 */
import type { Editor } from '@tiptap/core';
import { byId } from './dom.browser.js';
import type { T } from './i18n.browser.js';

type Command = { run: (editor: Editor) => void; active?: (editor: Editor) => boolean };

/** Links may go to http(s), mailto or this site; the server's renderer refuses the rest anyway. */
function acceptableHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)\S+$/i.test(href) || /^\/(?![/\\])\S*$/.test(href);
}

export function wireToolbar(deps: { editor: Editor; t: T; openInserter: () => void; fail: (message: string) => void }): void {
  const { editor, t } = deps;
  const chain = () => editor.chain().focus();
  const commands: Record<string, Command> = {
    paragraph: { run: () => chain().setParagraph().run(), active: (e) => e.isActive('paragraph') },
    h2: { run: () => chain().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
    h3: { run: () => chain().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
    h4: { run: () => chain().toggleHeading({ level: 4 }).run(), active: (e) => e.isActive('heading', { level: 4 }) },
    bold: { run: () => chain().toggleBold().run(), active: (e) => e.isActive('bold') },
    italic: { run: () => chain().toggleItalic().run(), active: (e) => e.isActive('italic') },
    link: {
      run: (e) => {
        const current = String(e.getAttributes('link').href ?? '');
        const href = window.prompt(t('link.prompt'), current);
        if (href === null) return;
        if (href.trim() === '') return void chain().extendMarkRange('link').unsetLink().run();
        if (!acceptableHref(href.trim())) return deps.fail(t('link.invalid'));
        chain().extendMarkRange('link').setLink({ href: href.trim() }).run();
      },
      active: (e) => e.isActive('link'),
    },
    bulletList: { run: () => chain().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
    orderedList: { run: () => chain().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
    quote: { run: () => chain().toggleNode('quote', 'paragraph').run(), active: (e) => e.isActive('quote') },
    strike: { run: () => chain().toggleStrike().run(), active: (e) => e.isActive('strike') },
    subscript: { run: () => chain().toggleMark('subscript').run(), active: (e) => e.isActive('subscript') },
    superscript: { run: () => chain().toggleMark('superscript').run(), active: (e) => e.isActive('superscript') },
    abbr: {
      run: (e) => {
        const title = window.prompt(t('abbr.prompt'), String(e.getAttributes('abbr').title ?? ''));
        if (title === null) return;
        if (title.trim() === '') return void chain().extendMarkRange('abbr').unsetMark('abbr').run();
        chain().extendMarkRange('abbr').setMark('abbr', { title: title.trim() }).run();
      },
      active: (e) => e.isActive('abbr'),
    },
    // Blocks come from the inserter (inserter.browser.ts), as with "+" beside a line and "/".
    insert: { run: () => deps.openInserter() },
    undo: { run: () => chain().undo().run() },
    redo: { run: () => chain().redo().run() },
  };

  const toolbar = byId('editor-toolbar');
  const buttons = [...toolbar.querySelectorAll<HTMLButtonElement>('button[data-cmd]')];
  for (const button of buttons) {
    const command = commands[button.dataset.cmd ?? ''];
    if (!command) continue;
    // mousedown would take the focus (and the selection) away from the text.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', () => command.run(editor));
  }
  const update = () => {
    for (const button of buttons) {
      const active = commands[button.dataset.cmd ?? '']?.active;
      if (active) button.setAttribute('aria-pressed', String(active(editor)));
    }
  };
  editor.on('selectionUpdate', update);
  editor.on('transaction', update);
  update();
}
