/**
 * Reader accounts (magic-link sign-in), muting, and "more comments" for long discussions.
 *
 * @example
 *   import { createReaders, registerReaderRoutes, registerMoreComments } from './discussion/readers/index.js';
 */
export { createReaders, type Reader, type Readers } from './service.js';
export { registerReaderRoutes } from './routes.js';
export { registerMoreComments } from './more.js';
export { readersMigrations } from './migrations.js';
export { commenterKey } from './key.js';
export { readerFormNote } from './form.js';
