/**
 * Post HTML (WordPress classic or block editor, Ghost cards, Disqus never) to our
 * structured body. Paragraphs, headings, lists, quotes, images, galleries and embeds map
 * to their blocks; block-editor comments are hints only, because the HTML between them is
 * already the rendered block. Images are left as `pending-image` drafts for the importer
 * to resolve (local file, or remote URL), since that needs the attachment index and I/O.
 *
 * What has no block (tables, scripts, forms, unknown iframes) is converted to the closest
 * readable form or removed, and each such case becomes a note carrying the sanitised
 * original, so an editor can look at it.
 *
 * @example
 *   const { blocks, notes } = htmlToBlocks('<h2>Worum es geht</h2><p>Der <b>Rat</b> tagt.</p>', { link: plainLink });
 *   // blocks: [{ type: 'heading', level: 2, text: 'Worum es geht' }, { type: 'paragraph', text: 'Der **Rat** tagt.' }]
 */
import { element, findAll, hasClass, INVISIBLE, parseHtml, textOf, type HNode } from './dom.js';
import { embedBlock, iframeBlock, isBareUrl } from './embeds.js';
import { inlineMarkdown, type InlineOptions } from './inline.js';
import { keepForReview } from './sanitize.js';
import { fit, type Conversion, type ConversionNote, type Draft } from './drafts.js';

export type { Conversion, ConversionNote, Draft, PendingImage, PendingGallery } from './drafts.js';

const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd',
  'label', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);
/** Elements that become blocks of their own wherever they stand. */
const MEDIA = new Set(['img', 'iframe', 'video', 'audio', 'bw-embed', 'bw-gallery', 'picture']);
const REMOVED = new Set([...INVISIBLE, 'form', 'input', 'link', 'meta', 'frameset', 'frame', 'applet', 'portal']);
/** Block-editor blocks that are rendered when the page is viewed, so the export has no content for them. */
const HARMLESS_SELF_CLOSING = new Set(['spacer', 'separator', 'more', 'nextpage', 'core/spacer', 'core/separator', 'core/more', 'core/nextpage']);

const containsMedia = (node: HNode): boolean => findAll([node], (n) => MEDIA.has(n.name)).length > 0;

function attachmentIdOf(img: HNode): number | null {
  const fromClass = /(?:^|\s)wp-image-(\d+)(?:\s|$)/.exec(img.attribs.class ?? '')?.[1];
  const id = fromClass ?? img.attribs['data-id'] ?? img.attribs['data-attachment-id'];
  return id && /^\d{1,12}$/.test(id) ? Number(id) : null;
}

class Converter {
  readonly blocks: Draft[] = [];
  readonly notes: ConversionNote[] = [];
  private inline: HNode[] = [];
  /** The URL of the last opened `wp:embed` block: its figure does not always repeat it. */
  private embedHint: string | null = null;

  constructor(private readonly options: InlineOptions) {}

  md(nodes: readonly HNode[]): string {
    return inlineMarkdown(nodes, this.options);
  }

  walk(nodes: readonly HNode[]): void {
    for (const node of nodes) {
      if (node.type === 'text') this.inline.push(node);
      else if (node.type === 'comment') this.comment(node.data);
      else if (node.type !== 'tag') continue;
      else if (INLINE.has(node.name) && !containsMedia(node) && !this.hasBlocks(node)) this.inline.push(node);
      else if (INLINE.has(node.name)) this.walk(node.children); // a link around an image: the image wins
      else {
        this.flush();
        this.block(node);
        this.flush();
      }
    }
  }

  private hasBlocks(node: HNode): boolean {
    return findAll(node.children, (n) => !INLINE.has(n.name)).length > 0;
  }

  /** The inline run collected so far becomes a paragraph (or an embed, for a bare URL). */
  flush(): void {
    const nodes = this.inline;
    this.inline = [];
    if (nodes.length === 0) return;
    const onlyText = nodes.every((n) => n.type === 'text' || (n.type === 'tag' && n.name === 'br'));
    const text = textOf(nodes);
    if (!text) return;
    if (onlyText && isBareUrl(text)) {
      const embed = embedBlock(text);
      if (embed) return void this.blocks.push(embed);
    }
    const markdown = this.md(nodes);
    if (markdown) this.blocks.push({ type: 'paragraph', text: markdown });
  }

  private comment(data: string): void {
    const match = /^\s*(\/?)wp:([a-z0-9/-]+)\s*(\{[\s\S]*\})?\s*(\/?)\s*$/.exec(data);
    if (!match) return;
    const [, closing, name = '', json, selfClosing] = match;
    let attrs: Record<string, unknown> = {};
    try {
      attrs = json ? (JSON.parse(json) as Record<string, unknown>) : {};
    } catch {
      attrs = {};
    }
    if (!closing && /embed/.test(name) && typeof attrs.url === 'string') this.embedHint = attrs.url;
    if (closing && /embed/.test(name)) this.embedHint = null;
    if (selfClosing && !HARMLESS_SELF_CLOSING.has(name)) {
      this.notes.push({ message: `block "${name}" is rendered by WordPress when the page is viewed; it has no content in the export and was left out` });
    }
  }

  private block(node: HNode): void {
    const name = node.name;
    if (/^h[1-6]$/.test(name)) return this.heading(node);
    switch (name) {
      case 'p':
        return this.walk(node.children);
      case 'ul':
      case 'ol':
        return this.list(node);
      case 'blockquote':
        return this.quote(node);
      case 'figure':
        return this.figure(node);
      case 'img':
        return this.image(node);
      case 'picture': {
        const img = findAll(node.children, (n) => n.name === 'img')[0];
        return img ? this.image(img) : undefined;
      }
      case 'iframe':
        return this.iframe(node);
      case 'video':
      case 'audio':
        return this.mediaFile(node);
      case 'bw-embed':
        return this.shortcodeEmbed(node);
      case 'bw-gallery': {
        const ids = (node.attribs['data-ids'] ?? '').split(',').filter((s) => /^\d+$/.test(s)).map(Number);
        return void this.blocks.push({ type: 'pending-gallery', ids });
      }
      case 'table':
        return this.table(node);
      case 'pre':
        return this.pre(node);
      case 'hr':
        return;
      case 'dl':
        return this.definitions(node);
      case 'details': {
        const summary = node.children.find((c) => element(c, 'summary'));
        if (summary) this.pushParagraph(`**${this.md(summary.children)}**`);
        return this.walk(node.children.filter((c) => c !== summary));
      }
      default:
        if (REMOVED.has(name)) {
          const html = keepForReview(node);
          this.notes.push({ message: `a <${name}> element was removed`, ...(html ? { html } : {}) });
          return;
        }
        return this.walk(node.children);
    }
  }

  private pushParagraph(text: string): void {
    if (text.replace(/\*/g, '').trim()) this.blocks.push({ type: 'paragraph', text });
  }

  private heading(node: HNode): void {
    const text = this.md(node.children).replace(/\n+/g, ' ');
    if (!text) return;
    const n = Number(node.name[1]);
    this.blocks.push({ type: 'heading', level: n <= 2 ? 2 : n === 3 ? 3 : 4, text });
    for (const media of findAll(node.children, (c) => MEDIA.has(c.name))) this.block(media);
  }

  private listItems(list: HNode, prefix: string): string[] {
    const items: string[] = [];
    for (const li of list.children) {
      if (li.type === 'text' && li.data.trim()) items.push(prefix + this.md([li]));
      if (!element(li, 'li')) continue;
      const own = li.children.filter((c) => !element(c, 'ul', 'ol'));
      const text = this.md(own).replace(/\n+/g, ' ');
      if (text) items.push(prefix + text);
      if (own.some(containsMedia)) this.notes.push({ message: 'an image inside a list item was left out', html: keepForReview(li) });
      for (const nested of li.children.filter((c) => element(c, 'ul', 'ol'))) items.push(...this.listItems(nested, `${prefix}– `));
    }
    return items;
  }

  private list(node: HNode): void {
    const items = this.listItems(node, '');
    if (items.length) this.blocks.push({ type: 'list', ordered: node.name === 'ol', items });
  }

  private quote(node: HNode): void {
    if (hasClass(node, /^(twitter-tweet|instagram-media|tiktok-embed|bluesky-embed|mastodon-embed)$/)) {
      const links = findAll(node.children, (n) => n.name === 'a' && /^https?:\/\//.test(n.attribs.href ?? ''));
      const url = node.attribs['data-instgrm-permalink'] ?? node.attribs.cite ?? links.at(-1)?.attribs.href;
      const embed = url ? embedBlock(url, { title: textOf(node).slice(0, 200) }) : null;
      if (embed) return void this.blocks.push(embed);
    }
    const paragraphs: string[] = [];
    let attribution = '';
    let loose: HNode[] = [];
    const take = () => {
      const text = this.md(loose);
      if (text) paragraphs.push(text);
      loose = [];
    };
    const visit = (nodes: readonly HNode[]) => {
      for (const child of nodes) {
        const meaningful = child.children.filter((c) => c.type === 'tag' || c.data.trim());
        // Auto-paragraphs wrap a quote's <cite> in a <p> of its own.
        const wrappedCite = element(child, 'p') && meaningful.length === 1 && element(meaningful[0]!, 'cite');
        if (element(child, 'cite', 'footer', 'figcaption') || wrappedCite) {
          take();
          attribution = textOf(child).replace(/^[—–-]\s*/, '');
        } else if (element(child, 'p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6')) {
          take();
          loose = [...child.children];
          take();
        } else if (element(child, 'blockquote', 'ul', 'ol')) {
          take();
          visit(child.children);
        } else loose.push(child);
      }
    };
    visit(node.children);
    take();
    const text = paragraphs.join('\n\n');
    if (!text) return;
    this.blocks.push({ type: 'quote', text, ...(attribution ? { attribution } : {}) });
    if (containsMedia(node)) this.notes.push({ message: 'an image or embed inside a quote was left out', html: keepForReview(node) });
  }

  private figure(node: HNode): void {
    const captionNode = node.children.find((c) => element(c, 'figcaption'));
    const caption = captionNode ? this.md(captionNode.children).replace(/\n+/g, ' ') : '';
    const inner = node.children.filter((c) => c !== captionNode);
    const embedWrapper = findAll(inner, (n) => hasClass(n, /^wp-block-embed__wrapper$/))[0];
    if (hasClass(node, /^wp-block-embed/) || embedWrapper) {
      const url = (embedWrapper ? textOf(embedWrapper) : '') || this.embedHint;
      const title = node.attribs['data-title']?.slice(0, 300);
      const embed = url ? embedBlock(url, { ...(caption ? { caption } : {}), ...(title ? { title } : {}) }) : null;
      if (embed) return void this.blocks.push(embed);
    }
    if (findAll(inner, (n) => n.name === 'blockquote').length) {
      this.walk(inner);
      const last = this.blocks.at(-1);
      if (caption && last?.type === 'quote' && !last.attribution) last.attribution = captionNode ? textOf(captionNode) : caption;
      return;
    }
    const tables = findAll(inner, (n) => n.name === 'table');
    if (tables.length) {
      for (const table of tables) this.table(table);
      if (caption) this.pushParagraph(`*${caption}*`);
      return;
    }
    const images = findAll(inner, (n) => n.name === 'img');
    const gallery = hasClass(node, /gallery/) || images.length > 1;
    if (gallery) {
      for (const img of images) {
        const own = this.ownCaption(img, inner);
        this.image(img, own ?? undefined);
      }
      if (caption) this.pushParagraph(`*${caption}*`);
      return;
    }
    if (images.length === 1) return this.image(images[0]!, caption || undefined);
    this.walk(inner);
    if (caption) this.pushParagraph(`*${caption}*`);
  }

  /** The caption of one image in a gallery: the figcaption of its own nested figure. */
  private ownCaption(img: HNode, roots: readonly HNode[]): string | null {
    for (const figure of findAll(roots, (n) => n.name === 'figure')) {
      if (findAll(figure.children, (n) => n === img).length) {
        const caption = figure.children.find((c) => element(c, 'figcaption'));
        return caption ? this.md(caption.children).replace(/\n+/g, ' ') : null;
      }
    }
    return null;
  }

  private image(img: HNode, caption?: string): void {
    const src = (img.attribs['data-orig-file'] ?? img.attribs.src ?? img.attribs['data-src'] ?? '').trim();
    if (!src || /^data:/i.test(src)) {
      if (src) this.notes.push({ message: 'an inline data: image was left out' });
      return;
    }
    const alt = (img.attribs.alt ?? '').trim();
    this.blocks.push({
      type: 'pending-image',
      src,
      attachmentId: attachmentIdOf(img),
      ...(caption ? { caption } : {}),
      ...(alt ? { alt } : {}),
    });
  }

  private iframe(node: HNode): void {
    const src = node.attribs.src ?? node.attribs['data-src'] ?? '';
    const block = src ? iframeBlock(src, node.attribs.title ? { title: node.attribs.title } : {}) : null;
    if (block) return void this.blocks.push(block);
    this.notes.push({ message: `an <iframe> that is not https (${src.slice(0, 200) || 'no address'}) was removed` });
  }

  private mediaFile(node: HNode): void {
    const source = node.attribs.src ?? findAll(node.children, (n) => n.name === 'source')[0]?.attribs.src ?? '';
    const block = source ? embedBlock(source, { title: source.split('/').pop() ?? source }) : null;
    if (block) this.blocks.push(block);
    this.notes.push({ message: `a <${node.name}> file is shown as a link (${source.slice(0, 200) || 'no address'})` });
  }

  /** `<bw-embed>`: from `[embed]`, `[youtube]`, `[video]` shortcodes and Ghost embed, bookmark and media cards. */
  private shortcodeEmbed(node: HNode): void {
    const url = node.attribs['data-url'] ?? '';
    const kind = node.attribs['data-kind'];
    const title = node.attribs['data-title'] ?? (kind ? url.split('/').pop() ?? url : '');
    const caption = node.attribs['data-caption'] ? this.md(parseHtml(node.attribs['data-caption'])).replace(/\n+/g, ' ') : '';
    const block = url ? embedBlock(url, { ...(title ? { title: title.slice(0, 300) } : {}), ...(caption ? { caption } : {}) }) : null;
    if (block) this.blocks.push(block);
    if (kind) this.notes.push({ message: `a [${kind}] file is shown as a link (${url.slice(0, 200)})` });
    else if (!block) this.notes.push({ message: `an embed without a usable address (${url.slice(0, 200) || 'empty'}) was removed` });
  }

  /** Tables have no block: each row becomes a list item, and the original is kept for review. */
  private table(node: HNode): void {
    const rows = findAll(node.children, (n) => n.name === 'tr');
    const items = rows
      .map((row) => {
        const cells = row.children.filter((c) => element(c, 'td', 'th'));
        const texts = cells.map((cell) => {
          const text = this.md(cell.children).replace(/\n+/g, ' ');
          return element(cell, 'th') && text ? `**${text}**` : text;
        });
        return texts.filter(Boolean).join(' · ');
      })
      .filter(Boolean);
    if (items.length) this.blocks.push({ type: 'list', ordered: false, items });
    this.notes.push({ message: 'a table was converted to a list (one item per row)', html: keepForReview(node) });
  }

  /** Code keeps its lines as code spans; verse and preformatted prose keep their line breaks. */
  private pre(node: HNode): void {
    const code = findAll(node.children, (n) => n.name === 'code').length > 0 && !hasClass(node, /verse|preformatted/);
    const raw = node.children.map(function text(n): string {
      return n.type === 'text' ? n.data : n.type === 'tag' ? (n.name === 'br' ? '\n' : n.children.map(text).join('')) : '';
    }).join('');
    const lines = raw.replace(/\r\n?/g, '\n').replace(/^\n+|\n+$/g, '').split('\n');
    const text = code
      ? lines.filter((l) => l.trim()).map((l) => this.md([{ type: 'tag', name: 'code', attribs: {}, children: [{ type: 'text', name: '', attribs: {}, children: [], data: l }], data: '' }])).join('\n')
      : lines.map((l) => this.md([{ type: 'text', name: '', attribs: {}, children: [], data: l }])).join('\n');
    this.pushParagraph(text);
  }

  private definitions(node: HNode): void {
    for (const child of node.children) {
      if (element(child, 'dt')) this.pushParagraph(`**${this.md(child.children)}**`);
      else if (element(child, 'dd')) {
        this.walk(child.children);
        this.flush();
      }
    }
  }
}

export function htmlToBlocks(html: string, options: InlineOptions): Conversion {
  const converter = new Converter(options);
  converter.walk(parseHtml(html));
  converter.flush();
  return { blocks: fit(converter.blocks, converter.notes), notes: converter.notes };
}
