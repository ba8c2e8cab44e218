/**
 * WordPress shortcodes turned into HTML the block converter understands, before the HTML
 * is parsed: `[caption]` becomes a figure, `[gallery]`, `[embed]`, `[youtube]`, `[vimeo]`,
 * `[video]` and `[audio]` become placeholder elements (`<bw-gallery>`, `<bw-embed>`).
 * Plugin shortcodes we cannot run (contact forms, sliders) are removed, keeping any text
 * they enclose, and reported. Brackets in prose (`[sic]`, `[Update: …]`) stay as typed:
 * only lower-case names with quoted attributes, a `/]` or a closing tag count as shortcodes.
 *
 * @example
 *   expandShortcodes('[caption id="a1"]<img src="x.jpg"> Rathaus[/caption]', notes);
 *   // '<figure class="wp-caption"><img src="x.jpg"><figcaption>Rathaus</figcaption></figure>'
 */
import { escapeHtml } from '../platform/html.js';

const OPEN = /\[(\[?)([A-Za-z][\w-]*)(?![\w-])([^\]]*?)(\/?)\](\]?)/g;
const KNOWN = new Set(['caption', 'wp_caption', 'gallery', 'embed', 'youtube', 'vimeo', 'video', 'audio', 'playlist']);
/** Shortcodes that always enclose content. */
const ENCLOSING = new Set(['caption', 'wp_caption', 'embed']);
const ATTR = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)/g;

export interface ShortcodeNote {
  message: string;
}

/** Attributes as WordPress's `shortcode_parse_atts` reads them; positional ones as '0', '1', … */
export function parseAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let position = 0;
  for (const m of text.matchAll(ATTR)) {
    const name = m[1] ?? m[3] ?? m[5];
    const value = m[2] ?? m[4] ?? m[6] ?? m[7] ?? m[8] ?? m[9] ?? '';
    if (name) out[name.toLowerCase()] = value;
    else out[String(position++)] = value;
  }
  return out;
}

const attr = (value: string) => escapeHtml(value);

/** A video shortcode's URL: `[youtube https://…]`, `[youtube=https://…]`, `[youtube id]`, `[vimeo 123]`. */
function videoUrl(name: 'youtube' | 'vimeo', raw: string, atts: Record<string, string>, content: string): string | null {
  const candidate = (atts.url ?? atts.id ?? atts['0'] ?? content ?? raw.replace(/^=/, '')).trim().replace(/^=/, '').split(/[\s&]w=/)[0]!.trim();
  if (/^https?:\/\//i.test(candidate)) return candidate.replace(/&amp;/g, '&');
  if (name === 'youtube' && /^[A-Za-z0-9_-]{11}$/.test(candidate)) return `https://www.youtube.com/watch?v=${candidate}`;
  if (name === 'vimeo' && /^\d{1,15}$/.test(candidate)) return `https://vimeo.com/${candidate}`;
  return null;
}

function caption(atts: Record<string, string>, content: string): string {
  const match = /^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(content);
  const image = match?.[1] ?? '';
  const text = (atts.caption ?? match?.[2] ?? content).trim();
  return `\n\n<figure class="wp-caption">${image}${text ? `<figcaption>${text}</figcaption>` : ''}</figure>\n\n`;
}

function expandOne(name: string, raw: string, content: string | null, notes: ShortcodeNote[]): string {
  const atts = parseAttributes(raw);
  switch (name) {
    case 'caption':
    case 'wp_caption':
      return caption(atts, content ?? '');
    case 'gallery': {
      const ids = (atts.ids ?? atts.include ?? '').split(',').map((s) => s.trim()).filter((s) => /^\d+$/.test(s));
      return `\n\n<bw-gallery data-ids="${ids.join(',')}"></bw-gallery>\n\n`;
    }
    case 'embed': {
      const url = (content ?? atts.src ?? '').trim();
      return `\n\n<bw-embed data-url="${attr(url)}"></bw-embed>\n\n`;
    }
    case 'youtube':
    case 'vimeo': {
      const url = videoUrl(name, raw, atts, content ?? '');
      if (url) return `\n\n<bw-embed data-url="${attr(url)}"></bw-embed>\n\n`;
      notes.push({ message: `[${name}] shortcode without a usable video address removed` });
      return '';
    }
    case 'video':
    case 'audio': {
      const src = atts.src ?? atts.mp4 ?? atts.m4v ?? atts.webm ?? atts.ogv ?? atts.mp3 ?? atts.ogg ?? atts.wav ?? atts.m4a ?? '';
      if (src) return `\n\n<bw-embed data-url="${attr(src)}" data-kind="${name}"></bw-embed>\n\n`;
      notes.push({ message: `[${name}] shortcode without a file removed` });
      return content ?? '';
    }
    default:
      notes.push({ message: `[${name}] shortcode (a plugin's) removed${content ? ', its text kept' : ''}` });
      return content ?? '';
  }
}

/**
 * Replaces the shortcodes in a post body; `notes` collects what was removed.
 */
export function expandShortcodes(content: string, notes: ShortcodeNote[]): string {
  if (!content.includes('[')) return content;
  let out = '';
  let at = 0;
  const open = new RegExp(OPEN.source, 'g'); // own state: this function recurses
  for (let m = open.exec(content); m; m = open.exec(content)) {
    const [whole, escapedOpen, rawName, raw = '', selfClose, escapedClose] = m;
    const name = rawName!.toLowerCase();
    const start = m.index;
    if (escapedOpen && escapedClose) {
      // `[[caption]]` is WordPress's way of writing a shortcode as text.
      out += content.slice(at, start) + whole.slice(1, -1);
      at = start + whole.length;
      continue;
    }
    const closeTag = `[/${rawName}]`;
    const closeAt = selfClose ? -1 : content.indexOf(closeTag, start + whole.length);
    const known = KNOWN.has(name);
    const looksLike = /^[a-z][a-z0-9_-]*$/.test(rawName!) && (Boolean(selfClose) || closeAt >= 0 || /[\w-]+\s*=\s*["']/.test(raw));
    if (!known && !looksLike) continue;
    if (ENCLOSING.has(name) && closeAt < 0) continue;
    const content_ = closeAt >= 0 ? content.slice(start + whole.length, closeAt) : null;
    const end = closeAt >= 0 ? closeAt + closeTag.length : start + whole.length;
    out += content.slice(at, start) + expandOne(name, raw, content_ === null ? null : expandShortcodes(content_, notes), notes);
    at = end;
    open.lastIndex = end;
  }
  return out + content.slice(at);
}
