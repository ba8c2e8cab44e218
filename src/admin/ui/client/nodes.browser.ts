/**
 * The editor's schema beyond TipTap's starter kit, one node per block type of our body:
 * quote (a text block with attribution and source), image (from the media library),
 * embed (a placeholder, never the player), donation appeal, footnotes and footnote
 * references; list items hold one paragraph, as our list items are one line of text.
 * Pasting a video or other address on an empty line makes an embed.
 *
 * @example
 *   new Editor({ extensions: [StarterKit.configure({ listItem: false, blockquote: false }), ...bodyNodes(deps)] });
 */
import { Extension, InputRule, Node, textblockTypeInputRule, type AnyExtension, type Editor, type JSONContent } from '@tiptap/core';
import { ListItem } from '@tiptap/extension-list';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { parseEmbed } from '../../../content/embed.js';
import { donationView, embedView, footnotesView, imageView, quoteView, type ViewDeps } from './views.browser.js';

/** String attributes kept in `data-*` attributes, so copy and paste inside the editor keeps them. */
function dataAttrs(names: readonly string[]) {
  return Object.fromEntries(
    names.map((name) => [
      name,
      {
        default: '',
        parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name.toLowerCase()}`) ?? '',
        renderHTML: (attrs: Record<string, unknown>) => (attrs[name] ? { [`data-${name.toLowerCase()}`]: String(attrs[name]) } : {}),
      },
    ]),
  );
}

const FlatListItem = ListItem.extend({ content: 'paragraph' });

const Quote = Node.create<{ deps: ViewDeps | null }>({
  name: 'quote',
  group: 'block',
  content: 'inline*',
  defining: true,
  addOptions: () => ({ deps: null }),
  addAttributes: () => dataAttrs(['attribution', 'sourceUrl', 'sourceTitle']),
  parseHTML: () => [{ tag: 'blockquote[data-quote]' }, { tag: 'blockquote' }],
  renderHTML: ({ HTMLAttributes }) => ['blockquote', { ...HTMLAttributes, 'data-quote': '' }, 0],
  addInputRules() {
    return [textblockTypeInputRule({ find: /^>\s$/, type: this.type })];
  },
  addNodeView() {
    return quoteView(this.options.deps!);
  },
});

const Image = Node.create<{ deps: ViewDeps | null }>({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  addOptions: () => ({ deps: null }),
  addAttributes: () => ({
    mediaId: { default: null, parseHTML: (e: HTMLElement) => Number(e.getAttribute('data-media-id')) || null, renderHTML: (a: Record<string, unknown>) => ({ 'data-media-id': String(a.mediaId) }) },
    ...dataAttrs(['caption', 'alt']),
  }),
  parseHTML: () => [{ tag: 'figure[data-media-id]' }],
  renderHTML: ({ HTMLAttributes }) => ['figure', HTMLAttributes],
  addNodeView() {
    return imageView(this.options.deps!);
  },
});

const Embed = Node.create<{ deps: ViewDeps | null }>({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  addOptions: () => ({ deps: null }),
  addAttributes: () => dataAttrs(['provider', 'url', 'title', 'caption']),
  parseHTML: () => [{ tag: 'figure[data-url][data-provider]' }],
  renderHTML: ({ HTMLAttributes }) => ['figure', HTMLAttributes],
  addNodeView() {
    return embedView(this.options.deps!);
  },
});

const Donation = Node.create<{ deps: ViewDeps | null }>({
  name: 'donation',
  group: 'block',
  atom: true,
  draggable: true,
  addOptions: () => ({ deps: null }),
  addAttributes: () => dataAttrs(['text']),
  parseHTML: () => [{ tag: 'aside[data-donation]' }],
  renderHTML: ({ HTMLAttributes }) => ['aside', { ...HTMLAttributes, 'data-donation': '' }],
  addNodeView() {
    return donationView(this.options.deps!);
  },
});

const Footnotes = Node.create<{ deps: ViewDeps | null }>({
  name: 'footnotes',
  group: 'block',
  atom: true,
  addOptions: () => ({ deps: null }),
  addAttributes: () => ({
    items: {
      default: [],
      parseHTML: (e: HTMLElement) => {
        try {
          return JSON.parse(e.getAttribute('data-items') ?? '[]') as unknown;
        } catch {
          return [];
        }
      },
      renderHTML: (a: Record<string, unknown>) => ({ 'data-items': JSON.stringify(a.items ?? []) }),
    },
  }),
  parseHTML: () => [{ tag: 'section[data-items]' }],
  renderHTML: ({ HTMLAttributes }) => ['section', HTMLAttributes],
  addNodeView() {
    return footnotesView(this.options.deps!);
  },
});

/** `[^id]` in the text: typed as such, shown as a marker, saved as `[^id]` again. */
const FootnoteRef = Node.create({
  name: 'footnoteRef',
  group: 'inline',
  inline: true,
  atom: true,
  addAttributes: () => dataAttrs(['id']),
  parseHTML: () => [{ tag: 'sup[data-id]' }],
  renderHTML: ({ node, HTMLAttributes }) => ['sup', { ...HTMLAttributes, class: 'editor-footnote-ref' }, `[${String(node.attrs.id)}]`],
  addInputRules() {
    const type = this.type;
    // The whole `[^id]` becomes the node (TipTap's nodeInputRule would replace only the id).
    return [
      new InputRule({
        find: /\[\^([A-Za-z0-9_-]{1,64})\]$/,
        handler: ({ state, range, match }) => {
          state.tr.replaceWith(range.from, range.to, type.create({ id: match[1] }));
        },
      }),
    ];
  },
});

const embedPasteKey = new PluginKey('embed-paste');

/**
 * An address pasted alone on an empty top-level line becomes an embed block; anywhere
 * else the link extension makes it a link as usual. Runs before the link extension.
 */
const EmbedPaste = Extension.create({
  name: 'embedPaste',
  priority: 1000,
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: embedPasteKey,
        props: {
          handlePaste(view, event) {
            const text = event.clipboardData?.getData('text/plain').trim() ?? '';
            if (!text || /\s/.test(text)) return false;
            const parsed = parseEmbed(text);
            const { $from, empty } = view.state.selection;
            if (!parsed || !empty || $from.depth !== 1 || $from.parent.type.name !== 'paragraph' || $from.parent.content.size > 0) return false;
            // Another site starts as a link card: an iframe is the editor's explicit choice.
            const provider = parsed.provider === 'youtube' || parsed.provider === 'vimeo' ? parsed.provider : 'link';
            const node = view.state.schema.nodes.embed!.create({ provider, url: parsed.url, title: '', caption: '' });
            view.dispatch(view.state.tr.replaceWith($from.before(), $from.after(), node).scrollIntoView());
            return true;
          },
        },
      }),
    ];
  },
});

/**
 * Inserts a block where the editor is: in place of an empty line, else after the block
 * holding the cursor (or the selected block), so a second insert never replaces the first.
 */
export function insertBlock(editor: Editor, content: JSONContent): void {
  const { selection } = editor.state;
  const { $from } = selection;
  const emptyLine = selection.empty && $from.depth === 1 && $from.parent.type.name === 'paragraph' && $from.parent.content.size === 0;
  const at = emptyLine ? { from: $from.before(1), to: $from.after(1) } : $from.depth === 0 ? selection.to : $from.after(1);
  editor.chain().focus().insertContentAt(at, content).run();
}

/** Every extension the body needs besides the starter kit, wired to the media library and messages. */
export function bodyNodes(deps: ViewDeps): AnyExtension[] {
  return [
    FlatListItem,
    Quote.configure({ deps }),
    Image.configure({ deps }),
    Embed.configure({ deps }),
    Donation.configure({ deps }),
    Footnotes.configure({ deps }),
    FootnoteRef,
    EmbedPaste,
  ];
}
