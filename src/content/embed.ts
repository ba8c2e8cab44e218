/**
 * Embeds behind a two-click consent. The server renders a placeholder that names the
 * provider and links to the original; only when the reader clicks does
 * `site/assets/embeds.js` insert the player iframe. Until then the page makes no request
 * to the provider: no iframe, no thumbnail, no preconnect (DSGVO, see DESIGN.md).
 */
import { html, parseHttpUrl, type SafeHtml } from '../platform/html.js';
import { translator, type Language } from '../platform/i18n.js';
import { renderInline } from './inline.js';
import { contentMessages } from './messages.js';

export type EmbedProvider = 'youtube' | 'vimeo' | 'iframe' | 'link';

export interface ParsedEmbed {
  provider: EmbedProvider;
  /** The URL the reader gave, normalised; the no-JavaScript fallback link points here. */
  url: string;
  /** What the iframe loads after consent; null for link cards. */
  playerUrl: string | null;
}

export interface EmbedContext {
  lang: Language;
}

// The strict http(s) check lives with the other link helpers; re-exported for the editor bundle.
export { parseHttpUrl };

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com']);

/** Seconds from `t=90`, `t=1m30s` or `start=90`; YouTube accepts all of these. */
function startSeconds(url: URL): number {
  const value = url.searchParams.get('t') ?? url.searchParams.get('start') ?? '';
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(value);
  if (!value || !m) return 0;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

function youtubeId(url: URL): string | null {
  const host = url.hostname.toLowerCase();
  const parts = url.pathname.split('/').filter(Boolean);
  let id: string | undefined;
  if (host === 'youtu.be') id = parts[0];
  else if (YOUTUBE_HOSTS.has(host)) {
    if (parts[0] === 'watch') id = url.searchParams.get('v') ?? undefined;
    else if (['shorts', 'embed', 'live', 'v'].includes(parts[0] ?? '')) id = parts[1];
  }
  return id && YOUTUBE_ID.test(id) ? id : null;
}

function vimeoPlayer(url: URL): string | null {
  const host = url.hostname.toLowerCase();
  const parts = url.pathname.split('/').filter(Boolean);
  let id: string | undefined;
  let hash: string | undefined;
  if (host === 'player.vimeo.com' && parts[0] === 'video') {
    id = parts[1];
    hash = url.searchParams.get('h') ?? undefined;
  } else if (host === 'vimeo.com' || host === 'www.vimeo.com') {
    // vimeo.com/123, /123/abcdef (unlisted), /channels/x/123, /groups/x/videos/123
    const at = parts.findIndex((p) => /^\d+$/.test(p));
    id = at >= 0 ? parts[at] : undefined;
    hash = at >= 0 ? parts[at + 1] : undefined;
  }
  if (!id || !/^\d{1,15}$/.test(id)) return null;
  const player = new URL(`https://player.vimeo.com/video/${id}`);
  if (hash && /^[0-9a-f]{6,20}$/i.test(hash)) player.searchParams.set('h', hash);
  player.searchParams.set('dnt', '1'); // Vimeo's "do not track": no analytics cookies
  return player.href;
}

/**
 * Recognises a URL as a YouTube or Vimeo video (unless `wanted` names another provider or
 * 'link'), else a generic https iframe if asked for, else a link card. Returns null for anything that is not an http(s) URL.
 *
 * @example
 *   parseEmbed('https://youtu.be/dQw4w9WgXcQ?t=42')?.playerUrl;
 *   // 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42'
 */
export function parseEmbed(input: string, wanted?: EmbedProvider): ParsedEmbed | null {
  const url = parseHttpUrl(input);
  if (!url) return null;
  // A video URL given as a generic iframe still gets the privacy-friendly player.
  const video = wanted !== 'link';
  const id = video && wanted !== 'vimeo' ? youtubeId(url) : null;
  if (id) {
    const start = startSeconds(url);
    const playerUrl = `https://www.youtube-nocookie.com/embed/${id}${start ? `?start=${start}` : ''}`;
    return { provider: 'youtube', url: url.href, playerUrl };
  }
  const vimeo = video && wanted !== 'youtube' ? vimeoPlayer(url) : null;
  if (vimeo) return { provider: 'vimeo', url: url.href, playerUrl: vimeo };
  if (wanted === 'iframe' && url.protocol === 'https:') return { provider: 'iframe', url: url.href, playerUrl: url.href };
  return { provider: 'link', url: url.href, playerUrl: null };
}

const PROVIDER_NAMES: Partial<Record<EmbedProvider, string>> = { youtube: 'YouTube', vimeo: 'Vimeo' };

export type EmbedBlock = { provider: EmbedProvider; url: string; title?: string; caption?: string };

/**
 * Renders an embed block as a consent placeholder, or as a plain link card when the URL
 * does not fit its provider. An unusable URL renders nothing.
 *
 * @example
 *   renderEmbed({ provider: 'youtube', url: 'https://youtu.be/dQw4w9WgXcQ', title: 'Rede' }, { lang: 'de' });
 *   // <figure class="embed" data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" …>
 */
export function renderEmbed(block: EmbedBlock, ctx: EmbedContext): SafeHtml {
  const t = translator(ctx.lang, contentMessages);
  const embed = parseEmbed(block.url, block.provider);
  if (!embed) return html``;
  const host = new URL(embed.url).hostname.replace(/^www\./, '');
  const caption = block.caption ? html`<figcaption>${renderInline(block.caption)}</figcaption>` : '';
  if (!embed.playerUrl) {
    return html`<figure class="embed-link"><a class="embed-link-card" href="${embed.url}" rel="noopener"><span class="embed-link-title">${block.title || embed.url}</span> <span class="embed-link-host">${host}</span></a>${caption}</figure>`;
  }
  const provider = PROVIDER_NAMES[embed.provider] ?? host;
  const video = embed.provider !== 'iframe';
  const title = block.title || (video ? t('embed.videoTitle', { provider }) : t('embed.contentTitle', { provider }));
  // The button and the "always load" choice only work with the script, which unhides them;
  // it reads the checkbox as the label's first child, so keep the markup in step with embeds.js.
  return html`<figure class="embed" data-embed-src="${embed.playerUrl}" data-provider="${embed.provider}" data-embed-title="${title}">
<div class="embed-frame"><div class="embed-consent">
<p class="embed-title">${title}</p>
<p class="embed-notice">${t(video ? 'embed.noticeVideo' : 'embed.noticeContent', { provider })}</p>
<button type="button" class="embed-load" hidden>${t(video ? 'embed.loadVideo' : 'embed.loadContent')}</button>
<label class="embed-remember" hidden><input type="checkbox"> ${t('embed.remember', { provider })}</label>
<p class="embed-fallback"><a href="${embed.url}" rel="noopener">${t(video ? 'embed.openVideo' : 'embed.openContent', { provider })}</a></p>
</div></div>${caption}</figure>`;
}
