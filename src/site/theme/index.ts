/** The site's design: settings checks, theme stylesheet, logos and icons (see README.md). */
export { createTheme, checkDesign, designWarnings, type Theme, type DesignInput, type DesignResult, type DesignWarning, type ImageSlot } from './service.js';
export { registerThemeRoutes } from './routes.js';
export { FONT_PAIRINGS, type FontPairing } from './fonts.js';
export { accentContrast, suggestAccent, darkAccent, normaliseHex } from './colour.js';
export { MAX_CUSTOM_CSS_BYTES } from './stylesheet.js';
export { MAX_UPLOAD_BYTES } from './images.js';
export { themeMigrations } from './migrations.js';
