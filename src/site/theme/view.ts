/**
 * What a page's frame needs from the design settings: the theme stylesheet's hashed URL
 * (or none on the defaults), the body font to preload, logos and icons. Worked out once
 * per design (the settings service hands out the same object until settings change).
 *
 * @example
 *   const theme = themeOf(settings.design, assets);
 *   theme.stylesheet?.url; // '/theme/theme.Ab3xYz09Qw.css'
 */
import { createHash } from 'node:crypto';
import type { Assets } from '../../platform/assets.js';
import type { DesignSettings } from '../../platform/settings.js';
import { pairingOf } from './fonts.js';
import { themeCss } from './stylesheet.js';

export interface ThemeView {
  design: DesignSettings;
  stylesheet: { url: string; body: string; etag: string } | null;
  preloadFont: string;
}

const memo = new WeakMap<DesignSettings, ThemeView>();

export function contentHash(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 10).replace(/[-_]/g, 'x');
}

export function themeOf(design: DesignSettings, assets: Pick<Assets, 'url'>): ThemeView {
  const known = memo.get(design);
  if (known) return known;
  const css = themeCss(design, assets);
  const hash = css ? contentHash(css) : '';
  const view: ThemeView = {
    design,
    stylesheet: css ? { url: `/theme/theme.${hash}.css`, body: css, etag: `"${hash}"` } : null,
    preloadFont: assets.url(pairingOf(design.fonts).preload),
  };
  memo.set(design, view);
  return view;
}
