/**
 * The block inserter, as in Ghost's editor: a "+" beside an empty line (and the toolbar's
 * "+"), or "/" typed at the start of an empty line, opens one menu of every block the body
 * knows (text, images, embeds, donation appeal, table, code, details, divider, footnotes).
 * Typing filters it (after "/" in the text, or in the menu's own field), arrow keys move,
 * Enter inserts, Escape closes and gives the text back its focus. The menu is the page's
 * `#block-menu` (server-rendered, so its names are in the site's language); embeds ask for
 * their address in `#embed-dialog`.
 *
 * @example
 *   const inserter = createInserter({ editor, t, media });
 *   inserter.open('plus');
 */
import { Extension, type Editor } from '@tiptap/core';
import { parseEmbed } from '../../../content/embed.js';
import { byId, openDialog } from './dom.browser.js';
import type { T } from './i18n.browser.js';
import type { MediaLibrary } from './media.browser.js';
import { insertBlock } from './nodes.browser.js';

type Mode = 'plus' | 'slash';
type EmbedKind = 'video' | 'social' | 'linkCard';

export interface Inserter {
  open(mode: Mode): void;
  close(): void;
  /** True while the menu is open (the editor's keys go to it). */
  isOpen(): boolean;
  /** Keys from the editor while "/" is being typed; true when the menu used the key. */
  key(event: KeyboardEvent): boolean;
}

/** The body's keys go to the menu while it is open from "/". */
export function inserterKeys(get: () => Inserter | null) {
  return Extension.create({
    name: 'blockInserterKeys',
    priority: 1100,
    addProseMirrorPlugins() {
      return [];
    },
    addKeyboardShortcuts() {
      const pass = (key: string) => () => get()?.key(new KeyboardEvent('keydown', { key })) ?? false;
      return { ArrowDown: pass('ArrowDown'), ArrowUp: pass('ArrowUp'), Enter: pass('Enter'), Escape: pass('Escape'), Tab: pass('Tab') };
    },
  });
}

/** The empty top-level paragraph the cursor is in, or the "/…" paragraph being typed. */
function currentLine(editor: Editor): { text: string; from: number; to: number } | null {
  const { selection } = editor.state;
  const { $from } = selection;
  if (!selection.empty || $from.depth !== 1 || $from.parent.type.name !== 'paragraph') return null;
  return { text: $from.parent.textContent, from: $from.before(1), to: $from.after(1) };
}

export function createInserter(deps: { editor: Editor; t: T; media: MediaLibrary; column: HTMLElement }): Inserter {
  const { editor, t, media } = deps;
  const menu = byId('block-menu');
  const filter = byId<HTMLInputElement>('block-filter');
  const plus = byId<HTMLButtonElement>('block-plus');
  const empty = byId('block-empty');
  const toolbarButton = document.querySelector<HTMLButtonElement>('#editor-toolbar [data-cmd="insert"]');
  const options = [...menu.querySelectorAll<HTMLLIElement>('[role="option"]')];
  let mode: Mode | null = null;
  let active = 0;

  const chain = () => editor.chain().focus();
  /** Takes out the "/query" typed to open the menu, leaving an empty line to insert at. */
  function clearSlash() {
    const line = currentLine(editor);
    if (mode === 'slash' && line && line.text.startsWith('/')) editor.chain().focus().deleteRange({ from: line.from + 1, to: line.to - 1 }).run();
  }

  async function embed(kind: EmbedKind) {
    const dialog = byId<HTMLDialogElement>('embed-dialog');
    const form = byId<HTMLFormElement>('embed-form');
    const input = byId<HTMLInputElement>('embed-url');
    const error = byId('embed-error');
    const title = byId('embed-dialog-title');
    title.textContent = title.dataset[kind] ?? title.textContent;
    input.value = '';
    input.removeAttribute('aria-invalid');
    error.hidden = true;
    openDialog(dialog);
    input.focus();
    const url = await new Promise<string | null>((resolve) => {
      const submit = (event: Event) => {
        event.preventDefault();
        const parsed = parseEmbed(input.value.trim(), kind === 'social' ? 'iframe' : undefined);
        const problem = !parsed ? t('insert.urlInvalid') : kind === 'video' && parsed.provider !== 'youtube' && parsed.provider !== 'vimeo' ? t('insert.videoInvalid') : kind === 'social' && parsed.provider !== 'iframe' && parsed.provider !== 'youtube' && parsed.provider !== 'vimeo' ? t('insert.urlInvalid') : null;
        if (problem) {
          error.textContent = problem;
          error.hidden = false;
          input.setAttribute('aria-invalid', 'true');
          input.focus();
          return;
        }
        done(parsed!.url);
      };
      const done = (value: string | null) => {
        form.removeEventListener('submit', submit);
        dialog.removeEventListener('close', cancel);
        if (dialog.open) dialog.close();
        resolve(value);
      };
      const cancel = () => done(null);
      form.addEventListener('submit', submit);
      dialog.addEventListener('close', cancel);
    });
    if (!url) return void editor.commands.focus();
    const provider = kind === 'linkCard' ? 'link' : (parseEmbed(url, kind === 'social' ? 'iframe' : undefined)?.provider ?? 'link');
    insertBlock(editor, { type: 'embed', attrs: { provider, url, title: '', caption: '' } });
  }

  const blocks: Record<string, () => void | Promise<void>> = {
    paragraph: () => void chain().setParagraph().run(),
    h2: () => void chain().setHeading({ level: 2 }).run(),
    h3: () => void chain().setHeading({ level: 3 }).run(),
    h4: () => void chain().setHeading({ level: 4 }).run(),
    bulletList: () => void chain().toggleBulletList().run(),
    orderedList: () => void chain().toggleOrderedList().run(),
    quote: () => void chain().toggleNode('quote', 'paragraph').run(),
    image: async () => {
      const item = await media.choose();
      if (item) insertBlock(editor, { type: 'image', attrs: { mediaId: item.id, caption: item.caption, alt: item.alt } });
    },
    gallery: async () => {
      const item = await media.choose();
      if (item) insertBlock(editor, { type: 'gallery', attrs: { images: [{ mediaId: item.id, caption: item.caption, alt: item.alt }], caption: '' } });
    },
    video: () => embed('video'),
    social: () => embed('social'),
    linkCard: () => embed('linkCard'),
    donation: () => insertBlock(editor, { type: 'donation', attrs: { text: '' } }),
    table: () => insertBlock(editor, { type: 'table', attrs: { rows: [['', ''], ['', '']], headerRow: true, headerColumn: false, align: [null, null], caption: '', source: '' } }),
    code: () => insertBlock(editor, { type: 'codeBlock', attrs: { language: '', preformatted: false } }),
    details: () => insertBlock(editor, { type: 'details', attrs: { summary: '' } }),
    separator: () => insertBlock(editor, { type: 'horizontalRule' }),
    footnotes: () => insertBlock(editor, { type: 'footnotes', attrs: { items: [{ id: '1', text: '' }] } }),
  };

  const visible = () => options.filter((o) => !o.hidden);

  function highlight(index: number) {
    const list = visible();
    active = list.length ? (index + list.length) % list.length : 0;
    for (const option of options) option.setAttribute('aria-selected', 'false');
    const current = list[active];
    if (current) {
      current.setAttribute('aria-selected', 'true');
      current.scrollIntoView({ block: 'nearest' });
      filter.setAttribute('aria-activedescendant', current.id);
    } else filter.removeAttribute('aria-activedescendant');
  }

  function applyFilter(query: string) {
    const words = query.toLowerCase().trim();
    for (const option of options) option.hidden = words !== '' && !(option.dataset.words ?? '').includes(words);
    for (const group of menu.querySelectorAll<HTMLLIElement>('.block-group')) {
      let next = group.nextElementSibling;
      let any = false;
      while (next && !next.classList.contains('block-group')) {
        if (!(next as HTMLElement).hidden) any = true;
        next = next.nextElementSibling;
      }
      group.hidden = !any;
    }
    const none = visible().length === 0;
    empty.hidden = !none;
    empty.textContent = none ? t('insert.none', { query }) : '';
    highlight(0);
  }

  /** Places the menu under the line the cursor is on, inside the writing column. */
  function place() {
    const column = deps.column.getBoundingClientRect();
    const at = editor.view.coordsAtPos(editor.state.selection.from);
    menu.style.setProperty('--menu-top', `${Math.round(at.bottom - column.top + 6)}px`);
  }

  async function run(option: HTMLElement | undefined) {
    if (!option) return;
    const command = blocks[option.dataset.cmd ?? ''];
    clearSlash();
    close();
    await command?.();
  }

  function open(how: Mode) {
    mode = how;
    menu.hidden = false;
    menu.dataset.mode = how;
    toolbarButton?.setAttribute('aria-expanded', 'true');
    place();
    if (how === 'plus') {
      filter.value = '';
      applyFilter('');
      filter.focus();
    } else applyFilter(currentLine(editor)?.text.slice(1) ?? '');
  }

  function close() {
    if (!mode) return;
    mode = null;
    menu.hidden = true;
    toolbarButton?.setAttribute('aria-expanded', 'false');
  }

  function key(event: KeyboardEvent): boolean {
    if (!mode) return false;
    if (event.key === 'ArrowDown') highlight(active + 1);
    else if (event.key === 'ArrowUp') highlight(active - 1);
    else if (event.key === 'Enter') {
      if (visible().length === 0) return close(), false;
      void run(visible()[active]);
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      close();
      editor.commands.focus();
      return event.key === 'Escape';
    } else return false;
    return true;
  }

  // "/" at the start of an empty line opens the menu; what follows filters it.
  editor.on('update', () => {
    const line = currentLine(editor);
    const slash = line !== null && /^\/[^\s/]*$/.test(line.text);
    if (slash && mode !== 'plus') open('slash');
    else if (mode === 'slash') close();
  });
  // The "+" floats beside an empty line while the text has the focus.
  const movePlus = () => {
    const line = currentLine(editor);
    const show = editor.isFocused && line !== null && line.text === '';
    plus.hidden = !show;
    if (!show) return;
    const column = deps.column.getBoundingClientRect();
    const at = editor.view.coordsAtPos(editor.state.selection.from);
    plus.style.setProperty('--plus-top', `${Math.round(at.top - column.top - 4)}px`);
  };
  editor.on('selectionUpdate', movePlus);
  editor.on('focus', movePlus);
  editor.on('update', movePlus);
  editor.on('blur', () => setTimeout(() => {
    if (!plus.matches(':hover, :focus')) plus.hidden = true;
  }, 150));
  plus.addEventListener('mousedown', (event) => event.preventDefault());
  plus.addEventListener('click', () => open('plus'));
  filter.addEventListener('input', () => applyFilter(filter.value));
  filter.addEventListener('keydown', (event) => {
    if (key(event)) event.preventDefault();
  });
  for (const option of options) {
    option.addEventListener('mousedown', (event) => event.preventDefault());
    option.addEventListener('click', () => void run(option));
  }
  document.addEventListener('mousedown', (event) => {
    if (mode && !menu.contains(event.target as Node) && event.target !== plus && event.target !== toolbarButton) close();
  });

  return { open, close, isOpen: () => mode !== null, key };
}
