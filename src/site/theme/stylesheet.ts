/**
 * The theme stylesheet: what the design settings change about site.css (the accent in
 * light and dark mode, the font pairing's faces and families) followed by the newsroom's
 * custom CSS. It is a file of its own at a content-hashed URL (`/theme/theme.HASH.css`,
 * cached for a year); the custom CSS never enters a page's HTML, so nothing in it can close
 * a tag there. A site on the defaults links no theme stylesheet at all.
 *
 * @example
 *   themeCss(design, assets); // ':root{--accent:#b03a2e;…}\n/* custom *\/ …' or '' on the defaults
 */
import type { Assets } from '../../platform/assets.js';
import { DEFAULT_SETTINGS, type DesignSettings } from '../../platform/settings.js';
import { darkAccent, strongAccent } from './colour.js';
import { DEFAULT_PAIRING, pairingOf } from './fonts.js';

export const MAX_CUSTOM_CSS_BYTES = 50_000;

export function themeCss(design: DesignSettings, assets: Pick<Assets, 'url'>): string {
  const parts: string[] = [];
  const pairing = pairingOf(design.fonts);
  if (pairing.id !== DEFAULT_PAIRING) {
    for (const face of pairing.faces) {
      parts.push(
        `@font-face{font-family:"${face.family}";font-style:${face.style};font-weight:${face.weight};font-display:swap;src:url(${assets.url(face.file)}) format("woff2")}`,
      );
    }
    parts.push(`:root{--font-serif:${pairing.text};--font-sans:${pairing.ui}}`);
  }
  if (design.accent !== DEFAULT_SETTINGS.design.accent) {
    const dark = darkAccent(design.accent);
    const light = `--accent:${design.accent};--accent-strong:${strongAccent(design.accent, 'light')}`;
    const night = `--accent:${dark};--accent-strong:${strongAccent(dark, 'dark')}`;
    parts.push(
      `:root{${light}}`,
      `@media (prefers-color-scheme: dark){:root:not([data-theme="light"]){${night}}}`,
      `:root[data-theme="dark"]{${night}}`,
    );
  }
  if (design.customCss.trim()) parts.push(`/* custom CSS of the newsroom */\n${design.customCss}`);
  return parts.join('\n');
}
