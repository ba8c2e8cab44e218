/**
 * Live updates: when a comment becomes visible, every reader connected to that article's
 * stream gets the rendered comment, so the script can show "3 new comments" and insert
 * them without a reload. The HTML is rendered once per event, not once per reader.
 */
import type { EventBus } from '../platform/events.js';
import type { SseHub } from '../platform/sse.js';
import type { SettingsService } from '../platform/settings.js';
import type { ContentService } from '../content/index.js';
import { translator } from '../platform/i18n.js';
import type { DiscussionService } from './service.js';
import { toPublicComment } from './service.js';
import { discussionMessages } from './messages.js';
import { renderComment } from './view.js';

export function connectLiveStream(deps: {
  bus: EventBus;
  sse: SseHub;
  discussion: Pick<DiscussionService, 'store' | 'commenterKey'>;
  content: Pick<ContentService, 'store'>;
  settings: Pick<SettingsService, 'get'>;
}): void {
  deps.bus.on('comment.published', async ({ commentId, articleId, parentId }) => {
    // Rendered only for readers who are watching (in this process: each process renders for
    // its own streams); a burst of posts to an article nobody has open costs no renders.
    if (deps.sse.listeners(`article:${articleId}`) === 0) return;
    const row = await deps.discussion.store.byId(commentId);
    const article = await deps.content.store.findBy('id', articleId);
    if (!row || !article) return;
    const [lang, depthCap] = await Promise.all([deps.settings.get('site').then((s) => s.language), deps.settings.get('discussion').then((d) => d.depthCap)]);
    const authorUsers = new Set(article.authors.flatMap((a) => (a.userId ? [a.userId] : [])));
    const comment = toPublicComment(row, authorUsers, deps.discussion.commenterKey); // readers: live comments can be muted too
    const t = translator(lang, discussionMessages);
    const html = renderComment({ comment, children: [] }, { t, lang, slug: article.slug, open: article.commentsOpen, baseDepth: 0, depthCap }).toString();
    deps.sse.publish(`article:${articleId}`, 'comment', { id: commentId, parentId, html }, commentId);
  });
  deps.bus.on('comment.updated', ({ commentId, articleId, status }) => {
    deps.sse.publish(`article:${articleId}`, 'update', { id: commentId, status });
  });
  // A like changes one number: open pages update it in place (the page script), so the
  // cached pages of other articles never need to be rendered again for it.
  deps.bus.on('comment.liked', ({ commentId, articleId, likes }) => {
    deps.sse.publish(`article:${articleId}`, 'likes', { id: commentId, likes });
  });
}
