export { createDiscussionService, type DiscussionService, type Screen } from './service.js';
export { registerDiscussionRoutes, type DiscussionRouteDeps } from './routes.js';
export { createDiscussionOperations, cachedArticles, cachedNames, type DiscussionOperations, type Posted } from './operations/index.js';
export { commentInput, COMMENT_LIMITS, type CommentInput } from './schemas.js';
export { createDiscussionSection, isOwnActionQuery } from './section.js';
export { createDefence, type Defence } from './defence.js';
export { discussionMigrations } from './migrations.js';
export { spamMigrations } from './spam/migrations.js';
export { connectLiveStream } from './live.js';
export type { PublicComment } from './types.js';
export { registerPrivacyRoutes } from './privacy.js';
// The comment text rules, for importers and the demo that store comments of their own.
export { renderComment as renderCommentText, validateCommentBody, CommentTextError } from './text/markdown.js';
