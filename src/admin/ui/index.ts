/**
 * The newsroom's pages under `/admin/` (overview, articles, the article editor, media,
 * settings, audit log, account, sign-out) and the editor bundle they load. Register
 * after the capabilities whose pages the navigation links to (comments, corrections), so
 * it knows which exist. The audit log is the app's one, written by the admin API too.
 *
 * @example
 *   await registerAdminUi(http, services, audit);
 */
export { registerAdminPages as registerAdminUi, EDITOR_BUNDLE } from './routes.js';
export { PAGE, sendAdminPage } from './http.js';
export { renderDayChart, type DayChart, type DaySeries } from './chart.js';
export type { AdminPage, T as AdminT } from './layout.js';
