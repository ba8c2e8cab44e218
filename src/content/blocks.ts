/**
 * The structured article body: a list of blocks. Stored as JSON in `articles.body`.
 * Inline text in paragraphs, list items, quotes, table cells, captions and footnotes is a
 * small Markdown-like subset (see `inline.ts`): **bold**, *italic*, `code`, ~~struck~~,
 * H~2~O, x^2^, [BSW]{title="Bündnis Sahra Wagenknecht"}, [links](https://…) and
 * footnote refs [^1]. Code blocks keep their text exactly as typed.
 */
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; level: 2 | 3 | 4; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'quote'; text: string; attribution?: string; sourceUrl?: string; sourceTitle?: string }
  | { type: 'image'; mediaId: number; caption?: string; alt?: string }
  | { type: 'embed'; provider: 'youtube' | 'vimeo' | 'iframe' | 'link'; url: string; title?: string; caption?: string }
  | { type: 'donation'; text?: string }
  | { type: 'footnotes'; items: { id: string; text: string }[] }
  | TableBlock
  | CodeBlock
  | GalleryBlock
  | { type: 'details'; summary: string; text: string }
  | { type: 'separator' };

export type BlockType = Block['type'];

/** Column alignment; null keeps the reading direction's default. */
export type TableAlign = 'left' | 'center' | 'right' | null;

/**
 * A table of inline-text cells. Every row has the same number of cells; `headerRow` makes
 * the first row column headings, `headerColumn` the first cell of each row a row heading.
 */
export interface TableBlock {
  type: 'table';
  rows: string[][];
  headerRow?: boolean;
  headerColumn?: boolean;
  /** One entry per column, when any column is aligned. */
  align?: TableAlign[];
  caption?: string;
  /** "Quelle: Statistisches Landesamt", shown under the table. */
  source?: string;
}

/** Code or preformatted text, shown exactly as typed (whitespace kept, no markup). */
export interface CodeBlock {
  type: 'code';
  text: string;
  /** A label such as "Python" or "JSON"; no highlighting script is needed for it. */
  language?: string;
  /** Verse, ASCII art, a timetable: monospace and whitespace kept, but not code. */
  preformatted?: boolean;
}

export interface GalleryImage {
  mediaId: number;
  caption?: string;
  alt?: string;
}

/** Images from the media library in a grid; each opens at full size, without JavaScript. */
export interface GalleryBlock {
  type: 'gallery';
  images: GalleryImage[];
  caption?: string;
}

/** Media ids a body refers to (images and galleries), for loading them in one go. */
export function mediaIdsOf(blocks: readonly Block[]): number[] {
  return blocks.flatMap((b) => (b.type === 'image' ? [b.mediaId] : b.type === 'gallery' ? b.images.map((i) => i.mediaId) : []));
}
