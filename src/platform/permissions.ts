/**
 * Who may do what in the newsroom. The server enforces this on every route (the route's
 * `config.roles`, checked by platform/guard.ts); this table is the documentation and the
 * source the permission tests compare the route table with.
 *
 * | capability                         | owner | admin | editor | author | contributor | moderator |
 * |------------------------------------|:-----:|:-----:|:------:|:------:|:-----------:|:---------:|
 * | write drafts, upload media         |   ✓   |   ✓   |   ✓    |   ✓    |      ✓      |           |
 * | change an image's texts and rights |   ✓   |   ✓   |   ✓    |  own¹  |    own¹     |           |
 * | publish own articles               |   ✓   |   ✓   |   ✓    |   ✓    |             |           |
 * | publish and edit anyone's articles |   ✓   |   ✓   |   ✓    |        |             |           |
 * | apply reader corrections           |   ✓   |   ✓   |   ✓    |  own   |             |           |
 * | moderate comments, DSA notices     |   ✓   |   ✓   |   ✓    |        |             |     ✓     |
 * | proofread                          |   ✓   |   ✓   |   ✓    |   ✓    |      ✓      |           |
 * | newsletter, webhooks, autopost     |   ✓   |   ✓   |   ✓    |        |             |           |
 * | settings, staff accounts, audit    |   ✓   |   ✓   |        |        |             |           |
 * | owner-only (transfer, delete site) |   ✓   |       |        |        |             |           |
 * | supporters and payments (finance role: only this) | ✓ | ✓ |    |        |             |           |
 *
 * ¹ An image they uploaded, while it appears in nothing but their own unpublished
 *   articles (media/access.ts).
 *
 * @example
 *   app.post('/api/v1/admin/comments/:id/approve', { config: { access: 'staff', roles: ROLES_FOR.moderate } }, handler);
 */
import type { Role } from './users.js';

export const ROLES_FOR = {
  write: ['owner', 'admin', 'editor', 'author', 'contributor'],
  publishOwn: ['owner', 'admin', 'editor', 'author'],
  publishAny: ['owner', 'admin', 'editor'],
  moderate: ['owner', 'admin', 'editor', 'moderator'],
  distribute: ['owner', 'admin', 'editor'],
  administer: ['owner', 'admin'],
  // funding (issue 18): supporters, mandates, debits, statements. Admins can make themselves
  // finance anyway, so they see it too; editors do not.
  finance: ['owner', 'admin', 'finance'],
  own: ['owner'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof ROLES_FOR;

export function may(role: Role, capability: Capability): boolean {
  return (ROLES_FOR[capability] as readonly Role[]).includes(role);
}

/**
 * What an integration token may be given (issue 17). A token reaches only the staff routes
 * listed for its scopes in `TOKEN_ROUTES` (checked by the guard; a staff route not listed
 * refuses every token), and inside the operations it counts as a staff member holding the
 * capabilities of `CAPABILITIES_OF_SCOPE`, nothing more (`hasRole` in caller.ts).
 */
export const SCOPES = ['content:read', 'content:write', 'comments:moderate', 'newsletter:send', 'media:upload'] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

/** The capabilities a scope gives inside the operations (reading the newsroom's articles is what writers may). */
export const CAPABILITIES_OF_SCOPE: Record<Scope, readonly Capability[]> = {
  'content:read': ['write'],
  'content:write': ['write', 'publishOwn', 'publishAny'],
  'comments:moderate': ['moderate'],
  'newsletter:send': ['distribute'],
  'media:upload': ['write'],
};

/** The staff routes a token may call, each with the one scope it needs (`METHOD path` as registered). */
export const TOKEN_ROUTES: Readonly<Record<string, Scope>> = {
  'GET /api/v1/admin/articles': 'content:read',
  'GET /api/v1/admin/articles/:id': 'content:read',
  'GET /api/v1/admin/articles/:id/revisions': 'content:read',
  'GET /api/v1/admin/tags': 'content:read',
  'GET /api/v1/admin/authors': 'content:read',
  'POST /api/v1/admin/articles': 'content:write',
  'PUT /api/v1/admin/articles/:id': 'content:write',
  'DELETE /api/v1/admin/articles/:id': 'content:write',
  'POST /api/v1/admin/articles/:id/revisions/:revision/restore': 'content:write',
  'GET /api/v1/admin/comments': 'comments:moderate',
  'POST /api/v1/admin/comments/:id/approve': 'comments:moderate',
  'POST /api/v1/admin/comments/:id/reject': 'comments:moderate',
  'POST /api/v1/admin/comments/:id/spam': 'comments:moderate',
  'POST /api/v1/admin/comments/bulk': 'comments:moderate',
  'GET /api/v1/admin/moderation-log': 'comments:moderate',
  'GET /api/v1/admin/reports': 'comments:moderate',
  'POST /api/v1/admin/newsletters': 'newsletter:send',
  'GET /api/v1/admin/newsletters': 'newsletter:send',
  'GET /api/v1/admin/newsletters/:id': 'newsletter:send',
  'POST /api/v1/admin/media': 'media:upload',
  'GET /api/v1/admin/media': 'media:upload',
  'PATCH /api/v1/admin/media/:id': 'media:upload',
};

/** The scope a token needs for a staff route, or null: tokens may not use it at all. */
export function scopeForRoute(method: string, url: string | undefined): Scope | null {
  if (!url) return null;
  return TOKEN_ROUTES[`${method === 'HEAD' ? 'GET' : method} ${url}`] ?? null;
}
