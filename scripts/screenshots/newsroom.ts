/**
 * The newsroom's screens for `npm run screenshots` (moderation, people, sign-in, media,
 * editor, settings, newsletter). See `types.ts` for the fields; add a screen by adding an
 * entry. The public site's are in `public.ts`.
 */
import type { Shot } from './types.js';

export const NEWSROOM: Shot[] = [
  { name: 'sign-in', path: '/admin/login/' },
  { name: 'overview', path: '/admin/', signIn: 'owner' },
  { name: 'moderation', path: '/admin/moderation/', signIn: 'moderator' },
  { name: 'account', path: '/admin/account/', signIn: 'editor' },
];
