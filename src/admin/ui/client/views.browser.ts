/**
 * Node views for the blocks that are more than text: each shows the block as readers
 * will roughly see it, plus fields for its attributes (attribution, caption, …). Typing
 * in a field sets the node's attribute in one transaction, so undo, autosave and the
 * document stay the single source of truth. No embed ever loads its provider here.
 *
 * @example
 *   addNodeView() { return imageView(this.options.deps); }
 */
import type { NodeViewRenderer, NodeViewRendererProps } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { parseEmbed } from '../../../content/embed.js';
import { el, field } from './dom.browser.js';
import type { T } from './i18n.browser.js';
import { creditLine, thumbnail, type MediaLibrary } from './media.browser.js';

export interface ViewDeps {
  t: T;
  media: MediaLibrary;
}

type Props = NodeViewRendererProps;

function setAttr(props: Props, name: string, value: unknown): void {
  const pos = props.getPos();
  if (typeof pos !== 'number') return;
  const { view } = props.editor;
  view.dispatch(view.state.tr.setNodeAttribute(pos, name, value));
}

function removeButton(props: Props, t: T): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'link-button block-remove' }, [t('block.remove')]);
  button.addEventListener('click', () => {
    const pos = props.getPos();
    if (typeof pos !== 'number') return;
    const { view } = props.editor;
    view.dispatch(view.state.tr.delete(pos, pos + view.state.doc.nodeAt(pos)!.nodeSize));
    view.focus();
  });
  return button;
}

/** Fields bound to string attributes; `sync` refreshes the ones not being typed in. */
function boundFields(props: Props, specs: { name: string; label: string; multiline?: boolean; type?: string; maxLength?: number }[]) {
  const fields = specs.map((spec) => {
    const { wrapper, input } = field(spec.label, String(props.node.attrs[spec.name] ?? ''), spec);
    input.addEventListener('input', () => setAttr(props, spec.name, input.value));
    return { spec, wrapper, input };
  });
  return {
    wrappers: fields.map((f) => f.wrapper),
    inputs: fields.map((f) => f.input),
    sync(node: PMNode) {
      for (const f of fields) {
        const value = String(node.attrs[f.spec.name] ?? '');
        if (f.input.value !== value && document.activeElement !== f.input) f.input.value = value;
      }
    },
  };
}

/** An atom block: ProseMirror leaves its inside (our fields) alone. */
function atomView(props: Props, dom: HTMLElement, sync: (node: PMNode) => void) {
  return {
    dom,
    update(node: PMNode) {
      if (node.type !== props.node.type) return false;
      sync(node);
      return true;
    },
    stopEvent: (event: Event) => event.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT|BUTTON|LABEL)$/.test(event.target.tagName),
    ignoreMutation: () => true,
  };
}

/** Quote: the text is edited in place; who said it and where, in fields below. */
export function quoteView({ t }: ViewDeps): NodeViewRenderer {
  return (props) => {
    const contentDOM = el('blockquote');
    const fields = boundFields(props, [
      { name: 'attribution', label: t('quote.attribution'), maxLength: 500 },
      { name: 'sourceUrl', label: t('quote.sourceUrl'), type: 'url', maxLength: 2000 },
      { name: 'sourceTitle', label: t('quote.sourceTitle'), maxLength: 500 },
    ]);
    const urlInput = fields.inputs[1]!;
    const checkUrl = () => {
      const value = urlInput.value.trim();
      const bad = value !== '' && !/^https?:\/\/\S+$/i.test(value);
      urlInput.setAttribute('aria-invalid', String(bad));
      urlInput.title = bad ? t('quote.badUrl') : '';
    };
    urlInput.addEventListener('input', checkUrl);
    checkUrl();
    const caption = el('div', { class: 'editor-fields', contenteditable: 'false' }, fields.wrappers);
    const dom = el('figure', { class: 'quote editor-quote' }, [contentDOM, caption]);
    return {
      dom,
      contentDOM,
      update(node: PMNode) {
        if (node.type !== props.node.type) return false;
        fields.sync(node);
        return true;
      },
      stopEvent: (event: Event) => event.target instanceof globalThis.Node && caption.contains(event.target),
      ignoreMutation: (mutation) => mutation.type !== 'selection' && !contentDOM.contains(mutation.target),
    };
  };
}

export function imageView({ t, media }: ViewDeps): NodeViewRenderer {
  return (props) => {
    const id = Number(props.node.attrs.mediaId);
    const item = media.get(id);
    const fields = boundFields(props, [
      { name: 'caption', label: t('image.caption'), maxLength: 2000 },
      { name: 'alt', label: t('image.alt'), maxLength: 500 },
    ]);
    const picture = item
      ? el('img', { src: thumbnail(item), alt: String(props.node.attrs.alt || item.alt || ''), width: String(item.width), height: String(item.height) })
      : el('p', { class: 'muted' }, [t('image.missing', { id })]);
    const credit = item ? creditLine(t, media, item) : '';
    const dom = el('figure', { class: 'image editor-image', 'data-media-id': String(id) }, [
      picture,
      el('div', { class: 'editor-fields' }, [...fields.wrappers, credit ? el('p', { class: 'image-credit' }, [credit]) : null, removeButton(props, t)]),
    ]);
    return atomView(props, dom, fields.sync);
  };
}

export function embedView({ t }: ViewDeps): NodeViewRenderer {
  return (props) => {
    const url = String(props.node.attrs.url ?? '');
    const parsed = parseEmbed(url);
    const host = (() => {
      try {
        return new URL(url).hostname.replace(/^www\./, '');
      } catch {
        return url;
      }
    })();
    const video = parsed?.provider === 'youtube' || parsed?.provider === 'vimeo';
    const heading = video ? t('embed.video', { provider: parsed.provider === 'youtube' ? 'YouTube' : 'Vimeo' }) : t('embed.content', { host });
    const fields = boundFields(props, [
      { name: 'title', label: t('embed.title'), maxLength: 300 },
      { name: 'caption', label: t('embed.caption'), maxLength: 2000 },
    ]);
    const extra: HTMLElement[] = [];
    if (!video && url.startsWith('https:')) {
      // Another site: a link card unless the editor chooses the (click-to-load) iframe.
      const id = `embed-kind-${Math.random().toString(36).slice(2, 9)}`;
      const select = el('select', { id, 'data-attr': 'provider' }, [
        el('option', { value: 'link' }, [t('embed.kindLink')]),
        el('option', { value: 'iframe' }, [t('embed.kindIframe')]),
      ]);
      select.value = props.node.attrs.provider === 'iframe' ? 'iframe' : 'link';
      select.addEventListener('change', () => setAttr(props, 'provider', select.value));
      extra.push(el('p', { class: 'field' }, [el('label', { for: id }, [t('embed.kind')]), select]));
    }
    const dom = el('figure', { class: 'editor-embed', 'data-provider': String(props.node.attrs.provider) }, [
      el('div', { class: 'editor-embed-placeholder' }, [
        el('p', { class: 'embed-title' }, [heading]),
        el('p', { class: 'embed-url' }, [url]),
        el('p', { class: 'field-note' }, [t('embed.notice')]),
      ]),
      el('div', { class: 'editor-fields' }, [...fields.wrappers, ...extra, removeButton(props, t)]),
    ]);
    return atomView(props, dom, fields.sync);
  };
}

export function donationView({ t }: ViewDeps): NodeViewRenderer {
  return (props) => {
    const fields = boundFields(props, [{ name: 'text', label: t('donation.text'), multiline: true, maxLength: 2000 }]);
    const dom = el('aside', { class: 'donation-appeal editor-donation' }, [
      el('p', { class: 'editor-block-label' }, [t('donation.label')]),
      el('div', { class: 'editor-fields' }, [...fields.wrappers, removeButton(props, t)]),
    ]);
    return atomView(props, dom, fields.sync);
  };
}

type Footnote = { id: string; text: string };

/** Footnotes: rows of key and text; the rows are rebuilt only when they changed elsewhere (undo). */
export function footnotesView({ t }: ViewDeps): NodeViewRenderer {
  return (props) => {
    let items: Footnote[] = (props.node.attrs.items as Footnote[]) ?? [];
    const list = el('ol', { class: 'editor-footnotes' });
    const write = (next: Footnote[]) => {
      items = next;
      setAttr(props, 'items', next);
    };
    const render = () => {
      list.replaceChildren(
        ...items.map((item, i) => {
          const key = field(t('footnotes.id'), item.id, { name: `fn-id-${i}`, maxLength: 64 });
          const text = field(t('footnotes.text'), item.text, { name: `fn-text-${i}`, maxLength: 2000 });
          key.input.addEventListener('input', () => write(items.map((it, j) => (j === i ? { ...it, id: key.input.value } : it))));
          text.input.addEventListener('input', () => write(items.map((it, j) => (j === i ? { ...it, text: text.input.value } : it))));
          const remove = el('button', { type: 'button', class: 'link-button' }, [t('footnotes.remove', { id: item.id || String(i + 1) })]);
          remove.addEventListener('click', () => {
            write(items.filter((_, j) => j !== i));
            render();
          });
          return el('li', { class: 'editor-footnote' }, [key.wrapper, text.wrapper, remove]);
        }),
      );
    };
    const add = el('button', { type: 'button', class: 'button-secondary' }, [t('footnotes.add')]);
    add.addEventListener('click', () => {
      const used = new Set(items.map((item) => item.id));
      let n = items.length + 1;
      while (used.has(String(n))) n++;
      write([...items, { id: String(n), text: '' }]);
      render();
    });
    render();
    const dom = el('section', { class: 'footnotes-section editor-footnotes-block' }, [
      el('p', { class: 'editor-block-label' }, [t('footnotes.title')]),
      list,
      el('p', { class: 'field-note' }, [t('footnotes.hint')]),
      el('p', {}, [add, ' ', removeButton(props, t)]),
    ]);
    return atomView(props, dom, (node) => {
      const next = (node.attrs.items as Footnote[]) ?? [];
      if (JSON.stringify(next) !== JSON.stringify(items)) {
        items = next;
        render();
      }
    });
  };
}
