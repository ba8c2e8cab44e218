/**
 * WordPress's auto-paragraphs (`wpautop`), simplified: classic-editor posts and comments
 * are stored as text with blank lines between paragraphs and single line breaks inside
 * them, and WordPress adds the `<p>` and `<br>` only when it shows them. Block-level
 * elements stand on their own; `<pre>` is left exactly as it is.
 *
 * @example
 *   autop('Erster Absatz\nzweite Zeile\n\nZweiter Absatz');
 *   // '<p>Erster Absatz<br>\nzweite Zeile</p>\n<p>Zweiter Absatz</p>'
 */

const BLOCK = 'table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe|video|audio|bw-gallery|bw-embed|script';
const BLOCK_OPEN = new RegExp(`(<(?:${BLOCK})[\\s/>])`, 'gi');
const BLOCK_CLOSE = new RegExp(`(</(?:${BLOCK})>)`, 'gi');
const STARTS_BLOCK = new RegExp(`^</?(?:${BLOCK})[\\s/>]`, 'i');

/** Whether WordPress would add paragraphs to this body (it does not for block-editor posts). */
export function needsAutop(content: string): boolean {
  return !content.includes('<!-- wp:');
}

export function autop(content: string): string {
  if (!content.trim()) return '';
  // Keep <pre> blocks out of the way: their line breaks are the content.
  const pres: string[] = [];
  let text = content.replace(/\r\n?/g, '\n').replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (pre) => {
    pres.push(pre);
    return `\n\n<pre data-bw="${pres.length - 1}"></pre>\n\n`;
  });
  text = text.replace(BLOCK_OPEN, '\n\n$1').replace(BLOCK_CLOSE, '$1\n\n');
  const out: string[] = [];
  for (const raw of text.split(/\n\s*\n/)) {
    const chunk = raw.trim();
    if (!chunk) continue;
    const quote = /^<blockquote([^>]*)>([\s\S]*?)<\/blockquote>$/i.exec(chunk);
    // Like WordPress: text straight inside a quote gets its paragraph (and line breaks) too.
    if (quote && !STARTS_BLOCK.test(quote[2]!.trim())) out.push(`<blockquote${quote[1]}><p>${quote[2]!.trim().replace(/\s*\n\s*/g, '<br>\n')}</p></blockquote>`);
    else if (STARTS_BLOCK.test(chunk)) out.push(chunk);
    else out.push(`<p>${chunk.replace(/\s*\n\s*/g, '<br>\n')}</p>`);
  }
  return out.join('\n').replace(/<pre data-bw="(\d+)"><\/pre>/g, (_, i: string) => pres[Number(i)] ?? '');
}
