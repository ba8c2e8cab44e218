/**
 * The bundled font pairings of the design settings: a text face and an interface face,
 * each self-hosted from @fontsource packages (platform/assets.ts serves the files). The
 * default pairing's faces are declared in site.css; another pairing's by the theme
 * stylesheet, so a site loads only the faces it uses.
 *
 * @example
 *   FONT_PAIRINGS.find((p) => p.id === 'plex')?.label.de; // 'IBM Plex Serif + Sans'
 */
export interface Face {
  family: string;
  /** File name as platform/assets.ts serves it. */
  file: string;
  weight: number;
  style: 'normal' | 'italic';
}

export interface FontPairing {
  id: string;
  label: { de: string; en: string };
  /** Body and headings. */
  text: string;
  /** Navigation, bylines, forms. */
  ui: string;
  /** Faces the theme stylesheet declares (none for the default, site.css has them). */
  faces: Face[];
  /** The body face, preloaded on every page. */
  preload: string;
}

const SERIF_FALLBACK = 'Georgia, "Times New Roman", serif';
const SANS_FALLBACK = '"Helvetica Neue", Arial, sans-serif';

function faces(family: string, stem: string, list: [number, 'normal' | 'italic'][]): Face[] {
  return list.map(([weight, style]) => ({ family, file: `${stem}-latin-${weight}-${style}.woff2`, weight, style }));
}

export const DEFAULT_PAIRING = 'classic';

export const FONT_PAIRINGS: readonly FontPairing[] = [
  {
    id: 'classic',
    label: { de: 'Klassisch: Source Serif 4 + Inter', en: 'Classic: Source Serif 4 + Inter' },
    text: `"Source Serif 4", ${SERIF_FALLBACK}`,
    ui: `Inter, ${SANS_FALLBACK}`,
    faces: [],
    preload: 'source-serif-4-latin-400-normal.woff2',
  },
  {
    id: 'newsreader',
    label: { de: 'Zeitung: Newsreader + Inter', en: 'Newspaper: Newsreader + Inter' },
    text: `Newsreader, ${SERIF_FALLBACK}`,
    ui: `Inter, ${SANS_FALLBACK}`,
    faces: faces('Newsreader', 'newsreader', [[400, 'normal'], [400, 'italic'], [700, 'normal']]),
    preload: 'newsreader-latin-400-normal.woff2',
  },
  {
    id: 'plex',
    label: { de: 'Sachlich: IBM Plex Serif + IBM Plex Sans', en: 'Matter-of-fact: IBM Plex Serif + IBM Plex Sans' },
    text: `"IBM Plex Serif", ${SERIF_FALLBACK}`,
    ui: `"IBM Plex Sans", ${SANS_FALLBACK}`,
    faces: [
      ...faces('IBM Plex Serif', 'ibm-plex-serif', [[400, 'normal'], [400, 'italic'], [700, 'normal']]),
      ...faces('IBM Plex Sans', 'ibm-plex-sans', [[400, 'normal'], [600, 'normal']]),
    ],
    preload: 'ibm-plex-serif-latin-400-normal.woff2',
  },
  {
    id: 'sans',
    label: { de: 'Modern: Inter für alles', en: 'Modern: Inter throughout' },
    text: `Inter, ${SANS_FALLBACK}`,
    ui: `Inter, ${SANS_FALLBACK}`,
    faces: faces('Inter', 'inter', [[700, 'normal']]),
    preload: 'inter-latin-400-normal.woff2',
  },
];

export function pairingOf(id: string): FontPairing {
  return FONT_PAIRINGS.find((pairing) => pairing.id === id) ?? FONT_PAIRINGS[0]!;
}
