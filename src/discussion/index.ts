export { createDiscussionService, type DiscussionService, type Screen } from './service.js';
export { registerDiscussionRoutes } from './routes.js';
export { createDiscussionSection } from './section.js';
export { createDefence, type Defence } from './defence.js';
export { discussionMigrations } from './migrations.js';
export { spamMigrations } from './spam/migrations.js';
export { connectLiveStream } from './live.js';
export type { PublicComment } from './types.js';
export { registerPrivacyRoutes } from './privacy.js';
