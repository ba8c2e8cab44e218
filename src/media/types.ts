/** What the public site needs to render an image with its credit line. */
export interface MediaItem {
  id: number;
  /** Path below /media/, e.g. "2026/11/rathaus-1a2b3c.jpg" (the original, EXIF stripped). */
  path: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  sourceUrl: string | null;
  licence: LicenceCode;
  /** Responsive variants, widest last: path below /media/, width and format. */
  variants: MediaVariant[];
}

export interface MediaVariant {
  path: string;
  width: number;
  format: 'avif' | 'webp' | 'jpeg';
}

export const LICENCES = {
  'cc0-1.0': { name: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  'cc-by-4.0': { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
  'cc-by-sa-4.0': { name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
  'cc-by-nd-4.0': { name: 'CC BY-ND 4.0', url: 'https://creativecommons.org/licenses/by-nd/4.0/' },
  'cc-by-nc-4.0': { name: 'CC BY-NC 4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/' },
  'cc-by-nc-sa-4.0': { name: 'CC BY-NC-SA 4.0', url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/' },
  'cc-by-nc-nd-4.0': { name: 'CC BY-NC-ND 4.0', url: 'https://creativecommons.org/licenses/by-nc-nd/4.0/' },
  'public-domain': { name: 'Public Domain', url: null },
  'all-rights-reserved': { name: 'All rights reserved', url: null },
} as const satisfies Record<string, { name: string; url: string | null }>;

export type LicenceCode = keyof typeof LICENCES;

export function isLicenceCode(code: string): code is LicenceCode {
  return Object.hasOwn(LICENCES, code);
}
