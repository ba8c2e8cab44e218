// The newsroom's front door for other capabilities: its page frame for their newsroom
// screens (newsletter, webhooks, autopost, supporters) and its chart, so a second page
// with figures draws them the same way. Everything else in admin/ is admin's own.
export { PAGE, sendAdminPage, renderDayChart, type AdminPage, type AdminT, type DayChart, type DaySeries } from './ui/index.js';
