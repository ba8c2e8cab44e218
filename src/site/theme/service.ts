/**
 * The design settings' operations: every check of a change, the save, and the event that
 * tells the page caches what to drop (`design.changed`: `home` for the home page's layout
 * and boxes, `pages` for what every page's frame shows). Images are made and stored here
 * (theme_assets), under content-hashed names the settings then point to. The newsroom's
 * routes (admin/design) and the API call these; who may is theirs to decide.
 *
 * @example
 *   const theme = createTheme({ db, settings, bus, assets });
 *   const { design, warnings } = await theme.update({ accent: '#f5a623' });
 *   warnings[0]?.suggestion; // '#9f6800'
 */
import type { Kysely } from 'kysely';
import type { Assets } from '../../platform/assets.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events.js';
import { translator, type Language } from '../../platform/i18n.js';
import type { DesignSettings, SettingsService } from '../../platform/settings.js';
import { AA, accentContrast, normaliseHex, suggestAccent } from './colour.js';
import { FONT_PAIRINGS } from './fonts.js';
import { makeIcons, makeLogo, type MadeImage } from './images.js';
import { themeWarnings } from './messages.js';
import { createThemeStore, type ThemeAsset } from './store.js';
import { MAX_CUSTOM_CSS_BYTES } from './stylesheet.js';
import { contentHash, themeOf } from './view.js';

export interface ThemeDeps {
  db: Kysely<Database>;
  settings: Pick<SettingsService, 'get' | 'update'>;
  bus: Pick<EventBus, 'emit'>;
  assets: Pick<Assets, 'url'>;
  now?: () => Date;
}

/** What a change may name; every field optional (left out = kept). */
export interface DesignInput {
  accent?: unknown;
  fonts?: unknown;
  homeLayout?: unknown;
  newsletterBox?: unknown;
  supportBox?: unknown;
  customCss?: unknown;
}

export interface DesignWarning {
  code: 'ACCENT_CONTRAST_LOW';
  field: 'accent';
  contrast: number;
  suggestion: string;
  message: Record<Language, string>;
}

export interface DesignResult {
  design: DesignSettings;
  warnings: DesignWarning[];
}

export type ImageSlot = 'logoLight' | 'logoDark' | 'icons';

const LAYOUTS = ['lead-grid', 'river'] as const;
/** Changing only these changes only the home page. */
const HOME_ONLY: readonly (keyof DesignSettings)[] = ['homeLayout', 'newsletterBox', 'supportBox'];

function invalid(field: string, detail: string): AppError {
  return new AppError('VALIDATION', { field, detail });
}

/** Checks a change and answers the patch it makes; throws the first refusal. */
export function checkDesign(input: DesignInput): Partial<DesignSettings> {
  const patch: Partial<DesignSettings> = {};
  if (input.accent !== undefined) {
    const hex = typeof input.accent === 'string' ? normaliseHex(input.accent) : null;
    if (!hex) throw new AppError('COLOUR_INVALID', { field: 'accent' });
    patch.accent = hex;
  }
  if (input.fonts !== undefined) {
    if (!FONT_PAIRINGS.some((p) => p.id === input.fonts)) throw invalid('fonts', `one of ${FONT_PAIRINGS.map((p) => p.id).join(', ')}`);
    patch.fonts = input.fonts as string;
  }
  if (input.homeLayout !== undefined) {
    if (!LAYOUTS.includes(input.homeLayout as (typeof LAYOUTS)[number])) throw invalid('homeLayout', `one of ${LAYOUTS.join(', ')}`);
    patch.homeLayout = input.homeLayout as DesignSettings['homeLayout'];
  }
  for (const field of ['newsletterBox', 'supportBox'] as const) {
    if (input[field] === undefined) continue;
    if (typeof input[field] !== 'boolean') throw invalid(field, 'true or false');
    patch[field] = input[field];
  }
  if (input.customCss !== undefined) {
    if (typeof input.customCss !== 'string') throw invalid('customCss', 'text');
    if (Buffer.byteLength(input.customCss) > MAX_CUSTOM_CSS_BYTES) throw new AppError('CUSTOM_CSS_TOO_LARGE', { field: 'customCss' });
    patch.customCss = input.customCss.replace(/\r\n?/g, '\n');
  }
  return patch;
}

/** The accent's warning, when it reads too faintly. */
export function designWarnings(design: Pick<DesignSettings, 'accent'>): DesignWarning[] {
  const contrast = accentContrast(design.accent);
  if (contrast >= AA) return [];
  const suggestion = suggestAccent(design.accent);
  const message = (lang: Language) =>
    translator(lang, themeWarnings)('ACCENT_CONTRAST_LOW', { ratio: contrast.toFixed(1).replace('.', lang === 'de' ? ',' : '.'), suggestion });
  return [{ code: 'ACCENT_CONTRAST_LOW', field: 'accent', contrast: Math.round(contrast * 100) / 100, suggestion, message: { de: message('de'), en: message('en') } }];
}

function referenced(design: DesignSettings): string[] {
  const urls = [design.logoLight, design.logoDark, ...(design.icons ? Object.values(design.icons) : [])];
  return urls.filter(Boolean).map((url) => url.slice(url.lastIndexOf('/') + 1));
}

export function createTheme(deps: ThemeDeps) {
  const store = createThemeStore(deps.db, deps.now);
  // Immutable rows under hashed names: a node keeps what it read (a handful of small images).
  const read = new Map<string, ThemeAsset>();

  async function put(stem: string, image: MadeImage): Promise<string> {
    const name = `${stem}.${contentHash(image.body)}.${image.ext}`;
    await store.put({ name, contentType: image.contentType, body: image.body });
    return `/theme/${name}`;
  }

  async function save(patch: Partial<DesignSettings>): Promise<DesignResult> {
    const before = await deps.settings.get('design');
    const changed = (Object.keys(patch) as (keyof DesignSettings)[]).filter((key) => JSON.stringify(patch[key]) !== JSON.stringify(before[key]));
    if (changed.length === 0) return { design: before, warnings: designWarnings(before) };
    const design = await deps.settings.update('design', patch);
    await store.prune(referenced(design));
    await deps.bus.emit('design.changed', { scope: changed.every((key) => HOME_ONLY.includes(key)) ? 'home' : 'pages' });
    return { design, warnings: designWarnings(design) };
  }

  return {
    async design(): Promise<DesignResult> {
      const design = await deps.settings.get('design');
      return { design, warnings: designWarnings(design) };
    },

    /** Checks everything first: a refused change saves nothing. */
    async update(input: DesignInput): Promise<DesignResult> {
      return save(checkDesign(input));
    },

    async uploadLogo(slot: 'logoLight' | 'logoDark', body: Buffer): Promise<DesignResult> {
      const url = await put(slot === 'logoLight' ? 'logo-light' : 'logo-dark', await makeLogo(body, slot));
      return save({ [slot]: url });
    },

    async uploadIcon(body: Buffer): Promise<DesignResult> {
      const made = await makeIcons(body, 'icon');
      return save({
        icons: { png32: await put('icon-32', made.png32), png180: await put('icon-180', made.png180), png192: await put('icon-192', made.png192), png512: await put('icon-512', made.png512) },
      });
    },

    async removeImage(slot: ImageSlot): Promise<DesignResult> {
      return save(slot === 'icons' ? { icons: null } : { [slot]: '' });
    },

    /** A stored image by its hashed name. */
    async asset(name: string): Promise<ThemeAsset | undefined> {
      const known = read.get(name);
      if (known) return known;
      const found = await store.get(name);
      if (found && read.size < 64) read.set(name, found);
      return found;
    },

    /** The current theme stylesheet, when `url` is its address. */
    async stylesheet(url: string) {
      const sheet = themeOf(await deps.settings.get('design'), deps.assets).stylesheet;
      return sheet && sheet.url === url ? sheet : undefined;
    },
  };
}

export type Theme = ReturnType<typeof createTheme>;
