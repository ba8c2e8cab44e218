/**
 * Notifications of the discussion: reply subscriptions with double opt-in, mails to the
 * article's authors and to moderators, and the confirm and unsubscribe pages.
 *
 * @example
 *   import { connectNotifications, notifyMigrations, registerNotifications } from './discussion/notify/index.js';
 *   const notify = connectNotifications({ db, bus, jobs, mailer, settings, secret, publicUrl, logger, now });
 *   registerNotifications(http, services);
 */
export { connectNotifications, type NotificationDeps } from './connect.js';
export { registerNotifications } from './routes.js';
export { notifyMigrations } from './migrations.js';
export { notifyMessages } from './messages.js';
export { createReplySubscriptions, type ReplySubscriptions } from './subscriptions.js';
