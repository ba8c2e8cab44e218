export { createMediaService, type MediaService, MAX_UPLOAD_BYTES } from './service.js';
export { LICENCES, isLicenceCode, type LicenceCode, type MediaItem, type MediaVariant } from './types.js';
export { mediaMigrations } from './migrations.js';
