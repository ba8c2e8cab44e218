/**
 * People (issue 11): the staff list, invitations, roles, suspension, removal and second
 * factor resets, for owners and admins, every change audited.
 *
 * @example
 *   const people = createPeople({ db, sessions, jobs, audit, language, now });
 *   registerPeopleRoutes(http, { ...services, people });
 */
export { createPeople, INVITE_DAYS, type People, type Person } from './service.js';
export { registerPeopleRoutes } from './routes.js';
export { peopleMigrations } from './migrations.js';
export { peopleMessages } from './messages.js';
