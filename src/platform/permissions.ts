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
