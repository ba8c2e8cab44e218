/**
 * The structured article body: a list of blocks. Stored as JSON in `articles.body`.
 * Inline text in paragraphs, list items, quotes and footnotes is a small Markdown-like
 * subset (see `inline.ts`): **bold**, *italic*, [links](https://…) and footnote refs [^1].
 */
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; level: 2 | 3 | 4; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'quote'; text: string; attribution?: string; sourceUrl?: string; sourceTitle?: string }
  | { type: 'image'; mediaId: number; caption?: string; alt?: string }
  | { type: 'embed'; provider: 'youtube' | 'vimeo' | 'iframe' | 'link'; url: string; title?: string; caption?: string }
  | { type: 'donation'; text?: string }
  | { type: 'footnotes'; items: { id: string; text: string }[] };

export type BlockType = Block['type'];
