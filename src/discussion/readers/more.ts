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
import type { Services } from '../../app.js';
import { AppError } from '../../platform/errors.js';
import { translator } from '../../platform/i18n.js';
import { sendPage } from '../../platform/pages.js';
import { discussionMessages } from '../messages.js';
import { COMMENT_SORTS, type CommentSort } from '../tree.js';
import { renderComment, type CommentContext } from '../view.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PAGE = /^[1-9][0-9]{0,5}$/;

export function registerMoreComments(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { slug: string; n: string }; Querystring: { sort?: CommentSort } }>(
    '/:slug/comments/page/:n/',
    {
      config: { access: 'public' },
      schema: { querystring: { type: 'object', properties: { sort: { type: 'string', enum: [...COMMENT_SORTS] } }, additionalProperties: false } },
    },
    async (request, reply) => {
      const { slug, n } = request.params;
      if (!SLUG.test(slug) || !PAGE.test(n)) throw new AppError('NOT_FOUND');
      const article = await services.content.store.findBy('slug', slug);
      if (!article || article.kind !== 'article' || article.status !== 'published' || !article.publishedAt || article.publishedAt > services.now()) {
        throw new AppError('NOT_FOUND', { field: 'article' });
      }
      const sort = request.query.sort ?? 'oldest';
      const page = Number(n);
      const thread = await services.discussion.thread(article.id, { sort, page });
      if (page > thread.pages) throw new AppError('PAGE_OUT_OF_RANGE', { field: 'n' });
      const all = await services.settings.all();
      const policy = all.discussion;
      // The same rule as the article page (section.ts): replies only while comments are open.
      const closedByAge =
        policy.closeAfterDays > 0 && services.now().getTime() - article.publishedAt.getTime() > policy.closeAfterDays * 86_400_000;
      const lang = all.site.language;
      const ctx: CommentContext = {
        t: translator(lang, discussionMessages),
        lang,
        slug,
        open: article.commentsOpen && !closedByAge,
        baseDepth: 0,
        // Without script, "Reply" on an appended comment reloads the page it lives on.
        pageQuery: `${sort !== 'oldest' ? `sort=${sort}&` : ''}cpage=${page}&`,
      };
      const body = thread.nodes.map((node) => renderComment(node, ctx).toString()).join('\n');
      sendPage(services.pages, request, reply, {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'x-robots-tag': 'noindex' },
        body,
        cacheable: true,
      });
    },
  );
}
