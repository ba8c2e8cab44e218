/**
 * Node views for tables, code, galleries and details. A table is edited as a grid of
 * fields that stays rectangular by construction (rows and columns are added and removed
 * whole), with header switches, column alignment, caption and source; a gallery as its
 * images from the library, each with caption and alt text; code and details as text
 * edited in place, with their label or summary in a field. Every change is one
 * transaction on the node's attributes, so undo, autosave and saving see the same thing.
 *
 * @example
 *   addNodeView() { return tableView(this.options.deps); }
 */
import type { NodeViewRenderer, NodeViewRendererProps } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { el, field } from './dom.browser.js';
import { thumbnail } from './media.browser.js';
import type { ViewDeps } from './views.browser.js';

type Props = NodeViewRendererProps;
type Align = 'left' | 'center' | 'right' | null;
type GalleryItem = { mediaId: number; caption?: string; alt?: string };

function setAttrs(props: Props, attrs: Record<string, unknown>): void {
  const pos = props.getPos();
  if (typeof pos !== 'number') return;
  const { view } = props.editor;
  let tr = view.state.tr;
  for (const [name, value] of Object.entries(attrs)) tr = tr.setNodeAttribute(pos, name, value);
  view.dispatch(tr);
}

function removeButton(props: Props, label: string): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'link-button block-remove' }, [label]);
  button.addEventListener('click', () => {
    const pos = props.getPos();
    if (typeof pos !== 'number') return;
    const { view } = props.editor;
    view.dispatch(view.state.tr.delete(pos, pos + view.state.doc.nodeAt(pos)!.nodeSize));
    view.focus();
  });
  return button;
}

function button(label: string, onClick: () => void, cls = 'button-secondary'): HTMLButtonElement {
  const b = el('button', { type: 'button', class: cls }, [label]);
  b.addEventListener('click', onClick);
  return b;
}

function checkbox(label: string, checked: boolean, onChange: (value: boolean) => void): HTMLElement {
  const id = `cb-${Math.random().toString(36).slice(2, 9)}`;
  const input = el('input', { id, type: 'checkbox' });
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return el('p', { class: 'field field-inline' }, [input, ' ', el('label', { for: id }, [label])]);
}

/** Events inside our fields belong to them, not to ProseMirror. */
const ownEvent = (event: Event) => event.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT|BUTTON|LABEL)$/.test(event.target.tagName);

/** The table: a grid of cell fields, kept rectangular; header switches, alignment, caption, source. */
export function tableView({ t }: ViewDeps): NodeViewRenderer {
  return (props) => {
    let attrs = props.node.attrs as { rows: string[][]; headerRow: boolean; headerColumn: boolean; align: Align[]; caption: string; source: string };
    const grid = el('table', { class: 'editor-table-grid' });
    const write = (next: Partial<typeof attrs>, rebuild = false) => {
      attrs = { ...attrs, ...next };
      setAttrs(props, next);
      if (rebuild) render();
    };
    const columns = () => attrs.rows[0]?.length ?? 0;
    const render = () => {
      const head = el('tr', {}, [
        el('td', {}, []),
        ...Array.from({ length: columns() }, (_, c) => {
          const select = el('select', { 'aria-label': t('table.alignColumn', { n: c + 1 }) }, [
            el('option', { value: '' }, [t('table.alignDefault')]),
            el('option', { value: 'left' }, [t('table.alignLeft')]),
            el('option', { value: 'center' }, [t('table.alignCenter')]),
            el('option', { value: 'right' }, [t('table.alignRight')]),
          ]);
          select.value = attrs.align[c] ?? '';
          select.addEventListener('change', () => {
            const align = Array.from({ length: columns() }, (_, i) => (i === c ? ((select.value || null) as Align) : attrs.align[i] ?? null));
            write({ align });
          });
          const drop = button(t('table.removeColumn', { n: c + 1 }), () => {
            if (columns() <= 1) return;
            write({ rows: attrs.rows.map((row) => row.filter((_, i) => i !== c)), align: attrs.align.filter((_, i) => i !== c) }, true);
          }, 'link-button');
          return el('th', { scope: 'col' }, [select, drop]);
        }),
      ]);
      const body = attrs.rows.map((row, r) =>
        el('tr', {}, [
          el('th', { scope: 'row' }, [
            button(t('table.removeRow', { n: r + 1 }), () => {
              if (attrs.rows.length <= 1) return;
              write({ rows: attrs.rows.filter((_, i) => i !== r) }, true);
            }, 'link-button'),
          ]),
          ...row.map((cell, c) => {
            const input = el('input', { type: 'text', 'aria-label': t('table.cell', { row: r + 1, column: c + 1 }), 'data-cell': `${r}:${c}` });
            input.value = cell;
            input.addEventListener('input', () => write({ rows: attrs.rows.map((x, i) => (i === r ? x.map((v, j) => (j === c ? input.value : v)) : x)) }));
            return el('td', {}, [input]);
          }),
        ]),
      );
      grid.replaceChildren(el('thead', {}, [head]), el('tbody', {}, body));
    };
    const caption = field(t('table.caption'), attrs.caption, { name: 'caption', maxLength: 2000 });
    caption.input.addEventListener('input', () => write({ caption: caption.input.value }));
    const source = field(t('table.source'), attrs.source, { name: 'source', maxLength: 2000 });
    source.input.addEventListener('input', () => write({ source: source.input.value }));
    const controls = el('p', { class: 'editor-table-controls' }, [
      button(t('table.addRow'), () => write({ rows: [...attrs.rows, Array.from({ length: columns() }, () => '')] }, true)),
      ' ',
      button(t('table.addColumn'), () => write({ rows: attrs.rows.map((row) => [...row, '']), align: [...attrs.align, null] }, true)),
    ]);
    render();
    const dom = el('figure', { class: 'editor-table', 'data-block': 'table' }, [
      el('p', { class: 'editor-block-label' }, [t('table.label')]),
      caption.wrapper,
      el('div', { class: 'editor-table-scroll' }, [grid]),
      controls,
      checkbox(t('table.headerRow'), attrs.headerRow, (value) => write({ headerRow: value })),
      checkbox(t('table.headerColumn'), attrs.headerColumn, (value) => write({ headerColumn: value })),
      source.wrapper,
      el('p', { class: 'field-note' }, [t('table.hint')]),
      removeButton(props, t('block.remove')),
    ]);
    return {
      dom,
      update(node: PMNode) {
        if (node.type !== props.node.type) return false;
        const next = node.attrs as typeof attrs;
        // Rebuilt only when the change came from elsewhere (undo): typing keeps its field.
        if (JSON.stringify(next) !== JSON.stringify(attrs)) {
          attrs = next;
          caption.input.value = attrs.caption;
          source.input.value = attrs.source;
          render();
        }
        return true;
      },
      stopEvent: ownEvent,
      ignoreMutation: () => true,
    };
  };
}

/** A gallery: its images from the library, each with caption and alt text; more can be added. */
export function galleryView({ t, media }: ViewDeps): NodeViewRenderer {
  return (props) => {
    let images = (props.node.attrs.images as GalleryItem[]) ?? [];
    const list = el('ul', { class: 'editor-gallery-list' });
    const write = (next: GalleryItem[], rebuild = false) => {
      images = next;
      setAttrs(props, { images: next });
      if (rebuild) render();
    };
    const render = () => {
      list.replaceChildren(
        ...images.map((image, i) => {
          const item = media.get(image.mediaId);
          const caption = field(t('image.caption'), image.caption ?? '', { name: `g-caption-${i}`, maxLength: 2000 });
          const alt = field(t('image.alt'), image.alt ?? '', { name: `g-alt-${i}`, maxLength: 500 });
          caption.input.addEventListener('input', () => write(images.map((x, j) => (j === i ? { ...x, caption: caption.input.value } : x))));
          alt.input.addEventListener('input', () => write(images.map((x, j) => (j === i ? { ...x, alt: alt.input.value } : x))));
          const picture = item
            ? el('img', { src: thumbnail(item), alt: image.alt || item.alt || '', width: String(item.width), height: String(item.height) })
            : el('p', { class: 'muted' }, [t('image.missing', { id: image.mediaId })]);
          return el('li', { class: 'editor-gallery-item' }, [
            picture,
            caption.wrapper,
            alt.wrapper,
            button(t('gallery.removeImage', { n: i + 1 }), () => write(images.filter((_, j) => j !== i), true), 'link-button'),
          ]);
        }),
      );
    };
    const caption = field(t('gallery.caption'), String(props.node.attrs.caption ?? ''), { name: 'caption', maxLength: 2000 });
    caption.input.addEventListener('input', () => setAttrs(props, { caption: caption.input.value }));
    const add = button(t('gallery.addImage'), async () => {
      const item = await media.choose();
      if (item) write([...images, { mediaId: item.id, caption: item.caption, alt: item.alt }], true);
    });
    render();
    const dom = el('figure', { class: 'editor-gallery', 'data-block': 'gallery' }, [
      el('p', { class: 'editor-block-label' }, [t('gallery.label')]),
      list,
      el('p', {}, [add, ' ', removeButton(props, t('block.remove'))]),
      caption.wrapper,
    ]);
    return {
      dom,
      update(node: PMNode) {
        if (node.type !== props.node.type) return false;
        const next = (node.attrs.images as GalleryItem[]) ?? [];
        if (JSON.stringify(next) !== JSON.stringify(images)) {
          images = next;
          render();
        }
        if (document.activeElement !== caption.input) caption.input.value = String(node.attrs.caption ?? '');
        return true;
      },
      stopEvent: ownEvent,
      ignoreMutation: () => true,
    };
  };
}

/** Fields around text edited in place (code, details): the fields stay ProseMirror's outsiders. */
function textWithFields(props: Props, dom: HTMLElement, contentDOM: HTMLElement, fields: HTMLElement, sync: (node: PMNode) => void) {
  return {
    dom,
    contentDOM,
    update(node: PMNode) {
      if (node.type !== props.node.type) return false;
      sync(node);
      return true;
    },
    stopEvent: (event: Event) => event.target instanceof globalThis.Node && fields.contains(event.target),
    ignoreMutation: (mutation: MutationRecord | { type: 'selection'; target: Node }) => mutation.type !== 'selection' && !contentDOM.contains(mutation.target),
  };
}

/** Code or preformatted text: typed in place, every space kept; its language in a field. */
export function codeView({ t }: ViewDeps): NodeViewRenderer {
  return (props) => {
    const contentDOM = el('code');
    const language = field(t('code.language'), String(props.node.attrs.language ?? ''), { name: 'language', maxLength: 40 });
    language.input.addEventListener('input', () => setAttrs(props, { language: language.input.value }));
    const plain = checkbox(t('code.preformatted'), Boolean(props.node.attrs.preformatted), (value) => setAttrs(props, { preformatted: value }));
    const fields = el('div', { class: 'editor-fields', contenteditable: 'false' }, [language.wrapper, plain, el('p', { class: 'field-note' }, [t('code.hint')]), removeButton(props, t('block.remove'))]);
    const dom = el('figure', { class: 'editor-code', 'data-block': 'code' }, [el('pre', { spellcheck: 'false' }, [contentDOM]), fields]);
    return textWithFields(props, dom, contentDOM, fields, (node) => {
      if (document.activeElement !== language.input) language.input.value = String(node.attrs.language ?? '');
      const box = plain.querySelector('input');
      if (box) box.checked = Boolean(node.attrs.preformatted);
    });
  };
}

/** Details: the summary in a field, the collapsible text typed in place. */
export function detailsView({ t }: ViewDeps): NodeViewRenderer {
  return (props) => {
    const contentDOM = el('div', { class: 'editor-details-text' });
    const summary = field(t('details.summary'), String(props.node.attrs.summary ?? ''), { name: 'summary', maxLength: 500 });
    summary.input.addEventListener('input', () => setAttrs(props, { summary: summary.input.value }));
    const fields = el('div', { class: 'editor-fields', contenteditable: 'false' }, [el('p', { class: 'editor-block-label' }, [t('details.label')]), summary.wrapper]);
    const tail = el('div', { class: 'editor-fields', contenteditable: 'false' }, [el('p', { class: 'field-note' }, [t('details.hint')]), removeButton(props, t('block.remove'))]);
    const dom = el('section', { class: 'editor-details', 'data-block': 'details' }, [fields, contentDOM, tail]);
    const view = textWithFields(props, dom, contentDOM, fields, (node) => {
      if (document.activeElement !== summary.input) summary.input.value = String(node.attrs.summary ?? '');
    });
    return { ...view, stopEvent: (event: Event) => event.target instanceof globalThis.Node && (fields.contains(event.target) || tail.contains(event.target)) };
  };
}
