/**
 * "More comments" for long discussions (5,000+ comments): the next page of threads as
 * bare `<li>` items that the page script appends without a reload. Rendered by the same
 * view as the article page and sent through the page cache like a page (its like forms
 * carry CSRF holes, spliced per visitor), so a busy discussion costs one render per page
 * until the next comment clears the cache. Without JavaScript the page links
 * (`/:slug/?cpage=N`) do the same job.
 *
 * @example
 *   GET /stadtrat-tagt/comments/page/2/?sort=newest   →   <li class="comment" id="comment-51" …>…</li> …
 */
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { ContentService } from '../../content/index.js';
import type { DiscussionService } from '../service.js';
import { AppError } from '../../platform/errors.js';
import { translator } from '../../platform/i18n.js';
import { sendPage } from '../../platform/pages.js';
import { discussionMessages } from '../messages.js';
import { COMMENT_SORTS, type CommentSort } from '../tree.js';
import { isOpen } from '../operations/rules.js';
import { renderComment, type CommentContext } from '../view.js';

/** What this module needs from the composition root. */
export type DiscussionReadersMoreDeps = Pick<PlatformDeps, 'now' | 'pages' | 'settings'> & { content: ContentService; discussion: DiscussionService };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PAGE = /^[1-9][0-9]{0,5}$/;

export function registerMoreComments(app: FastifyInstance, services: DiscussionReadersMoreDeps): void {
  app.get<{ Params: { slug: string; n: string }; Querystring: { sort?: CommentSort } }>(
    '/:slug/comments/page/:n/',
    {
      config: { access: 'public' },
      schema: { querystring: { type: 'object', properties: { sort: { type: 'string', enum: [...COMMENT_SORTS] } }, additionalProperties: false } },
    },
    async (request, reply) => {
      const { slug, n } = request.params;
      if (!SLUG.test(slug) || !PAGE.test(n)) throw new AppError('NOT_FOUND');
      const article = await services.content.visibleArticle(slug);
      const sort = request.query.sort ?? 'oldest';
      const page = Number(n);
      const thread = await services.discussion.thread(article.id, { sort, page });
      if (page > thread.pages) throw new AppError('PAGE_OUT_OF_RANGE', { field: 'n' });
      const all = await services.settings.all();
      const policy = all.discussion;
      const lang = all.site.language;
      const ctx: CommentContext = {
        t: translator(lang, discussionMessages),
        lang,
        slug,
        // The same rule as the article page: replies only while comments are open.
        open: isOpen(article, policy, services.now()),
        baseDepth: 0,
        depthCap: policy.depthCap,
        // Without script, "Reply" on an appended comment reloads the page it lives on.
        pageQuery: `${sort !== 'oldest' ? `sort=${sort}&` : ''}cpage=${page}&`,
      };
      const body = thread.nodes.map((node) => renderComment(node, ctx).toString()).join('\n');
      return sendPage(services.pages, request, reply, {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'x-robots-tag': 'noindex' },
        body,
        cacheable: true,
        tags: [`article:${article.id}`],
      });
    },
  );
}
