/**
 * Static assets (CSS, scripts, fonts, icons) served from memory under content-hashed
 * names, so they can be cached for a year. Only names in the table can be requested:
 * there is no file-system path to traverse. Fonts come from @fontsource packages and are
 * served by the site itself (no third-party font requests).
 *
 * @example
 *   const assets = loadAssets(projectRoot);
 *   assets.url('site.css'); // '/assets/site.3f2a9c1b.css'
 */
import { readFileSync, readdirSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync } from 'node:zlib';

export interface Asset {
  url: string;
  type: string;
  body: Buffer;
  gzip: Buffer | null;
  br: Buffer | null;
  etag: string;
}

export interface Assets {
  url(name: string): string;
  get(url: string): Asset | undefined;
  /** Inline text of an asset (for critical CSS), when it is text. */
  text(name: string): string;
}

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  woff2: 'font/woff2',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  txt: 'text/plain; charset=utf-8',
};

const FONTS: { family: string; file: string; weight: number; style: 'normal' | 'italic' }[] = [
  { family: 'Source Serif 4', file: '@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff2', weight: 400, style: 'normal' },
  { family: 'Source Serif 4', file: '@fontsource/source-serif-4/files/source-serif-4-latin-400-italic.woff2', weight: 400, style: 'italic' },
  { family: 'Source Serif 4', file: '@fontsource/source-serif-4/files/source-serif-4-latin-700-normal.woff2', weight: 700, style: 'normal' },
  { family: 'Inter', file: '@fontsource/inter/files/inter-latin-400-normal.woff2', weight: 400, style: 'normal' },
  { family: 'Inter', file: '@fontsource/inter/files/inter-latin-600-normal.woff2', weight: 600, style: 'normal' },
];

/**
 * Fonts of the other bundled pairings of the design settings (site/theme/fonts.ts): served
 * from here like the default ones, but declared only by the theme stylesheet when a site
 * chooses that pairing, so other sites' readers never load them.
 */
export const PAIRING_FONT_FILES: readonly string[] = [
  ...['newsreader', 'ibm-plex-serif'].flatMap((family) =>
    ['400-normal', '400-italic', '700-normal'].map((face) => `@fontsource/${family}/files/${family}-latin-${face}.woff2`),
  ),
  ...['400-normal', '600-normal'].map((face) => `@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-${face}.woff2`),
  '@fontsource/inter/files/inter-latin-700-normal.woff2',
];

/** The folder that holds package.json, whether we run from src/ (tsx) or dist/. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + dir);
    dir = parent;
  }
  return dir;
}

function hashed(name: string, body: Buffer): { url: string; etag: string } {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 10).replace(/[-_]/g, 'x');
  const dot = name.lastIndexOf('.');
  return { url: `/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}`, etag: `"${hash}"` };
}

/**
 * gzip -9 and brotli -11 of every asset take 1.5–3 s of CPU, and every start paid it again
 * (each test file's app, each of `--processes N`, each restart). The results are kept by the
 * SHA-256 of the body: in this process, and in `node_modules/.cache/blattwerk-assets/`
 * (skipped when that is not writable), so a changed file can never get a stale copy.
 */
const compressedInProcess = new Map<string, { gzip: Buffer; br: Buffer }>();

function compressedOnce(root: string, body: Buffer): { gzip: Buffer; br: Buffer } {
  const key = createHash('sha256').update(body).digest('hex');
  const known = compressedInProcess.get(key);
  if (known) return known;
  const dir = join(root, 'node_modules', '.cache', 'blattwerk-assets');
  const file = (ext: string) => join(dir, `${key}.${ext}`);
  let result: { gzip: Buffer; br: Buffer } | null = null;
  try {
    result = { gzip: readFileSync(file('gz')), br: readFileSync(file('br')) };
  } catch {
    result = { gzip: gzipSync(body, { level: 9 }), br: brotliCompressSync(body) };
    try {
      mkdirSync(dir, { recursive: true });
      for (const [ext, bytes] of [['gz', result.gzip], ['br', result.br]] as const) {
        const part = `${file(ext)}.${process.pid}.part`; // written whole, then renamed: never half a file
        writeFileSync(part, bytes);
        renameSync(part, file(ext));
      }
    } catch {
      // A read-only installation compresses at every start, as before.
    }
  }
  compressedInProcess.set(key, result);
  return result;
}

export function loadAssets(root = projectRoot()): Assets {
  const byName = new Map<string, Asset>();
  const byUrl = new Map<string, Asset>();

  function add(name: string, body: Buffer) {
    const ext = name.slice(name.lastIndexOf('.') + 1);
    const compressible = ext !== 'woff2' && ext !== 'png';
    const { url, etag } = hashed(name, body);
    const compressed = compressible ? compressedOnce(root, body) : null;
    const asset: Asset = {
      url,
      type: TYPES[ext] ?? 'application/octet-stream',
      body,
      gzip: compressed?.gzip ?? null,
      br: compressed?.br ?? null,
      etag,
    };
    byName.set(name, asset);
    byUrl.set(url, asset);
  }

  const nodeModules = join(root, 'node_modules');
  const faces: string[] = [];
  for (const font of FONTS) {
    const body = readFileSync(join(nodeModules, font.file));
    const name = font.file.slice(font.file.lastIndexOf('/') + 1);
    add(name, body);
    faces.push(
      `@font-face{font-family:"${font.family}";font-style:${font.style};font-weight:${font.weight};font-display:swap;src:url(${byName.get(name)!.url}) format("woff2")}`,
    );
  }

  for (const file of PAIRING_FONT_FILES) {
    const path = join(nodeModules, file);
    if (existsSync(path)) add(file.slice(file.lastIndexOf('/') + 1), readFileSync(path));
  }

  const assetDirs = ['src/site/assets', 'src/funding/assets', 'src/discussion/assets'].map((d) => join(root, d));
  const css: string[] = [faces.join('\n')];
  // site.css first: it defines the custom properties the others use.
  for (const dir of assetDirs.filter(existsSync)) {
    const files = readdirSync(dir).sort((a, b) => (a === 'site.css' ? -1 : b === 'site.css' ? 1 : a.localeCompare(b)));
    for (const file of files) {
      const body = readFileSync(join(dir, file));
      if (file.endsWith('.css')) css.push(body.toString('utf8'));
      else add(file, body);
    }
  }
  add('site.css', Buffer.from(minifyCss(css.join('\n'))));

  // admin ui (issue 4): the newsroom's stylesheet and the generated editor bundle are
  // served as files of their own, so readers' pages never carry the editor's bytes.
  for (const dir of ['src/admin/ui/assets', 'src/admin/ui/bundle'].map((d) => join(root, d)).filter(existsSync)) {
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.map')) add(file, readFileSync(join(dir, file)));
    }
  }

  return {
    url(name) {
      const asset = byName.get(name);
      if (!asset) throw new Error(`unknown asset ${name}`);
      return asset.url;
    },
    get(url) {
      return byUrl.get(url);
    },
    text(name) {
      return byName.get(name)?.body.toString('utf8') ?? '';
    },
  };
}

/** Drops comments and collapses white space; enough for hand-written CSS. */
function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}
