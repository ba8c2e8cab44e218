/**
 * The public site's screens for `npm run screenshots` (kept by the public-site side; the
 * newsroom's are in `newsroom.ts`). See `types.ts` for the fields.
 */
import type { Shot } from './types.js';

export const PUBLIC: Shot[] = [
  { name: 'home', path: '/' },
];
