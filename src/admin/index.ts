// The newsroom's front door for other capabilities: its page frame for their newsroom
// screens (newsletter, webhooks, autopost). Everything else in admin/ is admin's own.
export { PAGE, sendAdminPage, type AdminPage, type AdminT } from './ui/index.js';
