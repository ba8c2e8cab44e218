/**
 * Old embeds (oEmbed URLs, `[embed]`, `<iframe>`) as our embed blocks. The content
 * capability's own validation decides which provider a URL fits, so an imported embed
 * is exactly what the editor would have made: a YouTube or Vimeo player behind the
 * two-click consent, a generic https iframe behind the same consent, or a link card
 * (tweets, Instagram posts, anything we cannot play without loading a third party).
 *
 * @example
 *   embedBlock('https://youtu.be/dQw4w9WgXcQ');  // { type: 'embed', provider: 'youtube', url: 'https://youtu.be/dQw4w9WgXcQ' }
 *   embedBlock('https://twitter.com/x/status/1'); // { type: 'embed', provider: 'link', url: … }
 *   embedBlock('javascript:alert(1)');            // null
 */
import { validateBlocks, type Block } from '../content/index.js';

type EmbedBlock = Extract<Block, { type: 'embed' }>;

function valid(block: EmbedBlock): EmbedBlock | null {
  try {
    return validateBlocks([block])[0] as EmbedBlock;
  } catch {
    return null;
  }
}

function absolute(url: string): string {
  const trimmed = url.trim().replace(/&amp;/g, '&');
  return trimmed.startsWith('//') ? `https:${trimmed}` : trimmed;
}

/** A URL on its own line, `[embed]` or an oEmbed block: a player if we know the site, else a link card. */
export function embedBlock(url: string, extra: { title?: string; caption?: string } = {}): EmbedBlock | null {
  const href = absolute(url);
  const fields = { ...(extra.title ? { title: extra.title } : {}), ...(extra.caption ? { caption: extra.caption } : {}) };
  for (const provider of ['youtube', 'vimeo', 'link'] as const) {
    const block = valid({ type: 'embed', provider, url: href, ...fields });
    if (block) return block;
  }
  return null;
}

/**
 * An `<iframe src>`: players by their player URL, other https frames behind consent. A
 * plain-http frame is refused (null): it would be mixed content, and is often a tracker.
 */
export function iframeBlock(src: string, extra: { title?: string; caption?: string } = {}): EmbedBlock | null {
  const href = absolute(src);
  const fields = { ...(extra.title ? { title: extra.title } : {}), ...(extra.caption ? { caption: extra.caption } : {}) };
  for (const provider of ['youtube', 'vimeo', 'iframe'] as const) {
    const block = valid({ type: 'embed', provider, url: href, ...fields });
    if (block) return block;
  }
  return null;
}

/** Whether a text is nothing but one http(s) URL (WordPress embeds such lines). */
export function isBareUrl(text: string): boolean {
  return /^https?:\/\/[^\s<>"]+$/i.test(text.trim());
}
