/**
 * What the block editor's comments (`<!-- wp:name {attrs} -->`) tell the HTML converter.
 * The HTML between them is already the rendered block, so most blocks need nothing here;
 * this table says which ones change meaning when flattened to our body (columns, cover,
 * buttons: noted as approximations), which ones WordPress renders only when a page is
 * viewed (latest posts, search: noted as left out), and which leave nothing worth a note.
 * A block from a plugin, known to nobody here, is converted from its HTML and noted.
 *
 * @example
 *   blockPolicy('core/columns'); // { kind: 'columns flattened', message: … }
 *   blockPolicy('latest-posts', true); // { kind: 'dynamic block left out', … }
 */

/** Core blocks whose HTML the converter maps on its own, with nothing lost. */
const MAPPED = new Set([
  'paragraph', 'heading', 'list', 'list-item', 'quote', 'pullquote', 'image', 'gallery', 'table', 'code', 'preformatted',
  'verse', 'details', 'separator', 'embed', 'html', 'freeform', 'shortcode', 'footnotes', 'audio', 'video', 'file',
  'column', 'missing', 'block', 'text-columns', 'more',
]);

/** Blocks WordPress draws when the page is viewed: the export has no content for them. */
const DYNAMIC = new Set([
  'archives', 'avatar', 'calendar', 'categories', 'latest-comments', 'latest-posts', 'loginout', 'navigation',
  'navigation-link', 'navigation-submenu', 'page-list', 'page-list-item', 'pattern', 'query', 'query-pagination',
  'query-title', 'query-no-results', 'post-template', 'post-title', 'post-content', 'post-date', 'post-excerpt',
  'post-featured-image', 'post-author', 'post-author-name', 'post-author-biography', 'post-terms', 'post-navigation-link',
  'post-comments-form', 'read-more', 'rss', 'search', 'site-logo', 'site-title', 'site-tagline', 'social-link',
  'social-links', 'tag-cloud', 'template-part', 'term-description', 'comments', 'comment-template', 'home-link',
  'table-of-contents', 'widget-group', 'legacy-widget',
]);

/** Blocks kept in another shape, each worth a note on the article it is in. */
const APPROXIMATED: Record<string, { kind: string; message: string }> = {
  columns: { kind: 'columns flattened', message: 'columns were placed one below the other, in reading order' },
  group: { kind: 'group flattened', message: 'a group (a box with its own layout or background) became plain blocks' },
  row: { kind: 'group flattened', message: 'a row of blocks was placed one below the other' },
  stack: { kind: 'group flattened', message: 'a stack of blocks became plain blocks' },
  buttons: { kind: 'buttons shown as links', message: 'buttons became plain links' },
  cover: { kind: 'cover shown as image and text', message: 'a cover (text over an image) became the image followed by its text' },
  'media-text': { kind: 'media and text shown one below the other', message: 'a media-and-text block became the image followed by its text' },
  spacer: { kind: 'spacer left out', message: 'an empty spacer was left out' },
  nextpage: { kind: 'page break left out', message: 'a page break (<!--nextpage-->) was left out: the article is one page here' },
};

export interface BlockPolicy {
  kind: string;
  message: string;
}

/**
 * The note a block comment calls for when it opens (or stands alone, `selfClosing`), or
 * null when the block's HTML says everything.
 */
export function blockPolicy(rawName: string, selfClosing = false): BlockPolicy | null {
  const name = rawName.replace(/^core\//, '');
  const approximated = APPROXIMATED[name];
  if (approximated) return approximated;
  if (!rawName.includes('/') || rawName.startsWith('core/')) {
    if (MAPPED.has(name) || name === 'button') return null;
    if (DYNAMIC.has(name) || selfClosing) {
      return { kind: 'dynamic block left out', message: `block "${name}" is drawn by WordPress when the page is viewed; the export has no content for it` };
    }
    return null;
  }
  // A plugin's block: its HTML was converted like any other, but nobody here knows what it meant.
  return selfClosing
    ? { kind: 'plugin block left out', message: `block "${rawName}" (from a plugin) has no content in the export and was left out` }
    : { kind: 'plugin block converted from its HTML', message: `block "${rawName}" (from a plugin) was converted from its HTML; check it` };
}
