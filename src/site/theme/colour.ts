/**
 * The accent colour's checks and variants. Links are accent text on the paper and
 * buttons are white text on the accent, so both pairs must reach WCAG AA (4.5:1). A
 * colour that falls short is still saved (the newsroom decides) but answered with a
 * warning and the nearest colour of the same hue that passes; the dark-mode accent is
 * derived by lightening until it reads on the dark paper.
 *
 * @example
 *   accentContrast('#1d5b8c');   // 6.9…
 *   suggestAccent('#f5a623');    // '#9a5f00'-ish: same hue, dark enough for AA
 *   darkAccent('#1d5b8c');       // a light blue for the dark theme
 */
import { clampChroma, formatHex, oklch, wcagContrast, type Oklch } from 'culori';

/** The light and dark paper of site.css, and the text colours on an accent background. */
export const PAPER = { light: '#fffdf8', dark: '#141619' } as const;
export const ON_ACCENT = { light: '#ffffff', dark: '#101317' } as const;
export const AA = 4.5;

const HEX = /^#[0-9a-f]{6}$/;

/** `#RGB`, `#RRGGBB` in any case, trimmed → `#rrggbb`; null when it is not one. */
export function normaliseHex(value: string): string | null {
  const text = value.trim().toLowerCase();
  const long = /^#[0-9a-f]{3}$/.test(text) ? `#${[...text.slice(1)].map((c) => c + c).join('')}` : text;
  return HEX.test(long) ? long : null;
}

function toOklch(hex: string): Oklch {
  const colour = oklch(hex);
  if (!colour) throw new Error(`not a colour: ${hex}`);
  return colour;
}

function withLightness(base: Oklch, l: number): string {
  return formatHex(clampChroma({ ...base, l: Math.min(1, Math.max(0, l)) }, 'oklch'));
}

/** The lower of accent-on-paper (links) and white-on-accent (buttons). */
export function accentContrast(hex: string): number {
  return Math.min(wcagContrast(hex, PAPER.light), wcagContrast(hex, ON_ACCENT.light));
}

/** The same hue darkened until it passes AA with a little margin (rounding of 8-bit colours). */
export function suggestAccent(hex: string): string {
  const base = toOklch(hex);
  for (let l = base.l; l >= 0; l -= 0.01) {
    const candidate = withLightness(base, l);
    if (accentContrast(candidate) >= AA + 0.1) return candidate;
  }
  return '#000000';
}

/** The accent for dark mode: lightened until links read on the dark paper and dark text on buttons. */
export function darkAccent(hex: string): string {
  const base = toOklch(hex);
  const passes = (c: string) => Math.min(wcagContrast(c, PAPER.dark), wcagContrast(c, ON_ACCENT.dark)) >= AA + 1.5;
  for (let l = Math.max(base.l, 0.6); l <= 1; l += 0.01) {
    const candidate = withLightness(base, l);
    if (passes(candidate)) return candidate;
  }
  return '#ffffff';
}

/** Hover colour: darker in light mode, lighter in dark mode, so it keeps its contrast. */
export function strongAccent(hex: string, mode: 'light' | 'dark'): string {
  const base = toOklch(hex);
  return withLightness(base, mode === 'light' ? base.l - 0.1 : base.l + 0.08);
}
