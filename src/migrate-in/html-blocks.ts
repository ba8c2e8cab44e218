/**
 * Post HTML (WordPress classic or block editor, Ghost cards, Disqus never) to our
 * structured body. Paragraphs, headings, lists, quotes, tables, code and preformatted
 * text, galleries, details, separators, images and embeds map to their blocks; columns
 * and groups are flattened in reading order, buttons become links, cover and media-text
 * become image plus text; block-editor footnotes (the post's `footnotes` meta) become the
 * footnotes block with their markers in place. Block-editor comments are hints only
 * (wp-blocks.ts), because the HTML between them is already the rendered block. Images are
 * left as `pending-image` drafts for the importer to resolve (local file, or remote URL).
 *
 * What has no block (definition lists, scripts, forms, unknown iframes) is converted to
 * the closest readable form or removed, and each such case becomes a note with its kind
 * and the sanitised original, so an editor can look at it. Nothing unknown stops an import.
 *
 * @example
 *   const { blocks, notes } = htmlToBlocks('<h2>Worum es geht</h2><p>Der <b>Rat</b> tagt.</p>', { link: plainLink });
 *   // blocks: [{ type: 'heading', level: 2, text: 'Worum es geht' }, { type: 'paragraph', text: 'Der **Rat** tagt.' }]
 */
import { element, findAll, hasClass, INVISIBLE, parseHtml, textOf, type HNode } from './dom.js';
import { embedBlock, iframeBlock, isBareUrl } from './embeds.js';
import { codeBlock, tableBlock, type ConverterApi } from './html-rich.js';
import { inlineMarkdown, type InlineOptions } from './inline.js';
import { keepForReview } from './sanitize.js';
import { fit, type Conversion, type ConversionNote, type Draft, type PendingImage } from './drafts.js';
import { blockPolicy } from './wp-blocks.js';

export type { Conversion, ConversionNote, Draft, PendingImage, PendingGallery } from './drafts.js';

const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd',
  'label', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);
/** Elements that become blocks of their own wherever they stand. */
const MEDIA = new Set(['img', 'iframe', 'video', 'audio', 'bw-embed', 'bw-gallery', 'picture']);
const REMOVED = new Set([...INVISIBLE, 'form', 'input', 'link', 'meta', 'frameset', 'frame', 'applet', 'portal']);

/** One footnote of a block-editor post (its `footnotes` meta, see footnotes.ts). */
export interface SourceFootnote {
  /** The id its markers use (`<sup data-fn="…">`). */
  sourceId: string;
  /** Our footnote id. */
  id: string;
  html: string;
}

export interface ConvertOptions extends InlineOptions {
  /** The post's footnotes; their markers (`<sup data-fn>`) become `[^id]`. */
  footnotes?: readonly SourceFootnote[];
}

const containsMedia = (node: HNode): boolean => findAll([node], (n) => MEDIA.has(n.name)).length > 0;

function attachmentIdOf(img: HNode): number | null {
  const fromClass = /(?:^|\s)wp-image-(\d+)(?:\s|$)/.exec(img.attribs.class ?? '')?.[1];
  const id = fromClass ?? img.attribs['data-id'] ?? img.attribs['data-attachment-id'];
  return id && /^\d{1,12}$/.test(id) ? Number(id) : null;
}

/** Who said a quote and where: our export's marked parts, or a link inside any `<cite>`. */
type Cite = { attribution?: string; sourceUrl?: string; sourceTitle?: string };

function citeOf(node: HNode): Cite {
  const marked = (cls: RegExp) => findAll([node], (n) => hasClass(n, cls))[0];
  const who = marked(/^bw-attribution$/);
  const where = marked(/^bw-source$/);
  const link = where?.name === 'a' ? where : findAll(node.children, (n) => n.name === 'a' && /^https?:\/\//i.test(n.attribs.href ?? ''))[0];
  const out: Cite = {};
  const title = where ? textOf(where) : link ? textOf(link) : '';
  if (link?.attribs.href && /^https?:\/\//i.test(link.attribs.href)) out.sourceUrl = link.attribs.href;
  if (title && title !== out.sourceUrl) out.sourceTitle = title;
  // What is left of the cite once the source is taken out names the speaker.
  const rest = who ? textOf(who) : textOf(node.children.filter((c) => c !== link && c !== where)).replace(/[,;:]\s*$/, '');
  const attribution = rest.replace(/^[—–-]\s*/, '').trim();
  if (attribution) out.attribution = attribution;
  return out;
}

/** Caption nodes without our export's credit span (the credit lives with the image). */
function withoutCredit(nodes: readonly HNode[]): HNode[] {
  return nodes.filter((n) => !hasClass(n, /^bw-credit$/));
}

class Converter implements ConverterApi {
  readonly blocks: Draft[] = [];
  readonly notes: ConversionNote[] = [];
  private inline: HNode[] = [];
  /** The URL of the last opened `wp:embed` block: its figure does not always repeat it. */
  private embedHint: string | null = null;
  /** The `language` attribute of an open code block (plugins for highlighting set it). */
  private languageHint: string | undefined;
  private readonly inlineOptions: InlineOptions;
  private footnotesPlaced = false;
  /** Formatting dropped in this body, noted once per kind at the end. */
  private readonly droppedLooks = new Map<string, number>();

  constructor(private readonly options: ConvertOptions) {
    const ids = new Map((options.footnotes ?? []).map((f) => [f.sourceId, f.id]));
    this.inlineOptions = {
      ...options,
      footnote: (id) => ids.get(id) ?? null,
      dropped: (what) => this.droppedLooks.set(what, (this.droppedLooks.get(what) ?? 0) + 1),
    };
  }

  md(nodes: readonly HNode[]): string {
    return inlineMarkdown(nodes, this.inlineOptions);
  }

  note(kind: string, message: string, html?: string): void {
    this.notes.push({ kind, message, ...(html ? { html } : {}) });
  }

  /** The post's footnotes as our block, where `<!-- wp:footnotes /-->` stands or at the end. */
  placeFootnotes(): void {
    if (this.footnotesPlaced || !this.options.footnotes?.length) return;
    this.footnotesPlaced = true;
    const items = this.options.footnotes.map((f) => ({ id: f.id, text: this.md(parseHtml(f.html)).replace(/\n{2,}/g, '\n') || '–' }));
    this.blocks.push({ type: 'footnotes', items });
  }

  /** Notes gathered over the whole body (dropped formatting: once per kind, with a count). */
  finish(): void {
    this.flush();
    this.placeFootnotes();
    for (const [what, n] of this.droppedLooks) {
      this.note('formatting dropped', `${n} × ${what} had no counterpart; the words were kept`);
    }
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
    if (/code/.test(name)) this.languageHint = closing ? undefined : typeof attrs.language === 'string' ? attrs.language : typeof attrs.lang === 'string' ? attrs.lang : undefined;
    if (closing) return;
    if (name === 'footnotes' || name === 'core/footnotes') {
      this.flush();
      return this.placeFootnotes();
    }
    const policy = blockPolicy(name, Boolean(selfClosing));
    if (policy) this.note(policy.kind, policy.message);
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
        return void this.blocks.push({ type: 'pending-gallery', ids, images: [] });
      }
      case 'table':
        return this.table(node);
      case 'pre': {
        const block = codeBlock(node, this, this.languageHint);
        return void (block && this.blocks.push(block));
      }
      case 'hr':
        return void this.blocks.push({ type: 'separator' });
      case 'dl':
        return this.definitions(node);
      case 'details':
        return this.details(node);
      default:
        if (REMOVED.has(name)) return this.note('element removed', `a <${name}> element was removed`, keepForReview(node));
        // Our own export's donation appeal (wxr-export.ts) comes back as one.
        if (node.attribs['data-blattwerk'] === 'donation') {
          const text = node.attribs['data-text'];
          return void this.blocks.push({ type: 'donation', ...(text !== undefined ? { text } : {}) });
        }
        // A table with its source line under it (our renderer's and export's form).
        if (hasClass(node, /^table-block$/)) {
          const table = findAll(node.children, (n) => n.name === 'table')[0];
          const sourceNode = findAll(node.children, (n) => hasClass(n, /^table-source$/))[0];
          const block = table ? tableBlock(table, this) : null;
          const source = sourceNode ? this.md(sourceNode.children).replace(/\n+/g, ' ') : '';
          if (block) return void this.blocks.push({ ...block, ...(source ? { source } : {}) });
        }
        // An old cover block keeps its image in the style: image first, then the text over it.
        if (hasClass(node, /^wp-block-cover$/)) {
          const url = /background-image\s*:\s*url\(\s*['"]?([^'")]+)/i.exec(node.attribs.style ?? '')?.[1];
          if (url && !findAll(node.children, (n) => n.name === 'img').length) this.blocks.push({ type: 'pending-image', src: url, attachmentId: null });
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
      if (own.some(containsMedia)) this.note('image in a list left out', 'an image inside a list item was left out', keepForReview(li));
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
    let cite: Cite = {};
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
          cite = citeOf(child);
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
    this.blocks.push({ type: 'quote', text, ...cite });
    if (containsMedia(node)) this.note('image in a quote left out', 'an image or embed inside a quote was left out', keepForReview(node));
  }

  private figure(node: HNode): void {
    const captionNode = node.children.find((c) => element(c, 'figcaption'));
    const caption = captionNode ? this.md(withoutCredit(captionNode.children)).replace(/\n+/g, ' ') : '';
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
      tables.forEach((table, i) => this.table(table, tables.length === 1 || i === 0 ? caption : undefined));
      return;
    }
    const images = findAll(inner, (n) => n.name === 'img');
    const gallery = hasClass(node, /gallery/) || images.length > 1;
    if (gallery) {
      const pending = images.flatMap((img) => {
        const own = this.ownCaption(img, inner);
        const found = this.pendingImage(img, own ?? undefined);
        return found ? [found] : [];
      });
      return void this.blocks.push({ type: 'pending-gallery', ids: [], images: pending, ...(caption ? { caption } : {}) });
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
        return caption ? this.md(withoutCredit(caption.children)).replace(/\n+/g, ' ') : null;
      }
    }
    return null;
  }

  private pendingImage(img: HNode, caption?: string): PendingImage | null {
    const src = (img.attribs['data-orig-file'] ?? img.attribs['data-full-url'] ?? img.attribs.src ?? img.attribs['data-src'] ?? '').trim();
    if (!src || /^data:/i.test(src)) {
      if (src) this.note('image left out', 'an inline data: image was left out');
      return null;
    }
    const alt = (img.attribs.alt ?? '').trim();
    return { type: 'pending-image', src, attachmentId: attachmentIdOf(img), ...(caption ? { caption } : {}), ...(alt ? { alt } : {}) };
  }

  private image(img: HNode, caption?: string): void {
    const pending = this.pendingImage(img, caption);
    if (pending) this.blocks.push(pending);
  }

  private iframe(node: HNode): void {
    const src = node.attribs.src ?? node.attribs['data-src'] ?? '';
    const block = src ? iframeBlock(src, node.attribs.title ? { title: node.attribs.title } : {}) : null;
    if (block) return void this.blocks.push(block);
    this.note('element removed', `an <iframe> that is not https (${src.slice(0, 200) || 'no address'}) was removed`);
  }

  private mediaFile(node: HNode): void {
    const source = node.attribs.src ?? findAll(node.children, (n) => n.name === 'source')[0]?.attribs.src ?? '';
    const block = source ? embedBlock(source, { title: source.split('/').pop() ?? source }) : null;
    if (block) this.blocks.push(block);
    this.note('file shown as a link', `a <${node.name}> file is shown as a link (${source.slice(0, 200) || 'no address'})`);
  }

  /** `<bw-embed>`: from `[embed]`, `[youtube]`, `[video]` shortcodes and Ghost embed, bookmark and media cards. */
  private shortcodeEmbed(node: HNode): void {
    const url = node.attribs['data-url'] ?? '';
    const kind = node.attribs['data-kind'];
    const title = node.attribs['data-title'] ?? (kind ? url.split('/').pop() ?? url : '');
    const caption = node.attribs['data-caption'] ? this.md(parseHtml(node.attribs['data-caption'])).replace(/\n+/g, ' ') : '';
    const block = url ? embedBlock(url, { ...(title ? { title: title.slice(0, 300) } : {}), ...(caption ? { caption } : {}) }) : null;
    if (block) this.blocks.push(block);
    if (kind) this.note('file shown as a link', `a [${kind}] file is shown as a link (${url.slice(0, 200)})`);
    else if (!block) this.note('embed removed', `an embed without a usable address (${url.slice(0, 200) || 'empty'}) was removed`);
  }

  private table(node: HNode, caption?: string): void {
    const block = tableBlock(node, this, caption);
    if (block) this.blocks.push(block);
  }

  /**
   * `<details>`: the summary and the text as paragraphs. What cannot sit inside (images,
   * tables, embeds) follows the block, and lists become lines; both are noted.
   */
  private details(node: HNode): void {
    const summaryNode = node.children.find((c) => element(c, 'summary'));
    const summary = summaryNode ? this.md(summaryNode.children).replace(/\n+/g, ' ') : '';
    const inner = new Converter(this.options);
    inner.walk(node.children.filter((c) => c !== summaryNode));
    inner.flush();
    const paragraphs: string[] = [];
    const moved: Draft[] = [];
    for (const block of inner.blocks) {
      if (block.type === 'paragraph' || block.type === 'heading') paragraphs.push(block.type === 'heading' ? `**${block.text}**` : block.text);
      else if (block.type === 'list') paragraphs.push(block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '–'} ${item}`).join('\n'));
      else if (block.type === 'quote') paragraphs.push(`„${block.text.replace(/\n{2,}/g, '\n')}“${block.attribution ? ` – ${block.attribution}` : ''}`);
      else moved.push(block);
    }
    this.notes.push(...inner.notes);
    if (inner.blocks.some((b) => b.type === 'list' || b.type === 'quote')) this.note('details approximated', 'a list or quote inside a collapsible part became lines of text', keepForReview(node));
    if (moved.length) this.note('details approximated', `${moved.length} block(s) inside a collapsible part (images, tables, embeds) follow it instead`, keepForReview(node));
    if (summary || paragraphs.length) {
      this.blocks.push({ type: 'details', summary: summary || (paragraphs.shift()?.replace(/\n+/g, ' ') ?? '…'), text: paragraphs.join('\n\n') });
    }
    this.blocks.push(...moved);
  }

  private definitions(node: HNode): void {
    for (const child of node.children) {
      if (element(child, 'dt')) this.pushParagraph(`**${this.md(child.children)}**`);
      else if (element(child, 'dd')) {
        this.walk(child.children);
        this.flush();
      }
    }
    this.note('definition list as paragraphs', 'a definition list became a bold term followed by its definition', keepForReview(node));
  }
}

export function htmlToBlocks(html: string, options: ConvertOptions): Conversion {
  const converter = new Converter(options);
  converter.walk(parseHtml(html));
  converter.finish();
  return { blocks: fit(converter.blocks, converter.notes), notes: converter.notes };
}
