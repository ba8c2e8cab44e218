export { createMediaService, type MediaService, MAX_UPLOAD_BYTES, MAX_PIXELS } from './service.js';
export { LICENCES, isLicenceCode, type LicenceCode, type MediaItem, type MediaVariant } from './types.js';
export { mediaMigrations } from './migrations.js';
export {
  createMediaLibrary, isMediaFilter, MediaInUseError, MEDIA_FILTERS, TEXT_LIMITS,
  type MediaFilter, type MediaLibrary, type MediaTextsInput, type MediaUse,
} from './library.js';
