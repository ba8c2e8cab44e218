/**
 * Discussion routes: the plain-HTML forms (post, like and unlike, permalinks, continued
 * threads) and the JSON API (`/api/v1/...`) with the live stream. Doors only: each parses
 * its input with the one schema (`schemas.ts`), calls one operation with `request.caller`
 * and renders the answer. Moderation's routes are in `moderation/`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { discussionAnswers, editedAnswer, likeAnswer, postedAnswer, removedAnswer, streamAnswer, threadAnswer } from './api-answers.js'; // issue 17: answers
import type { Caller } from '../platform/caller.js';
import type { Csrf } from '../platform/csrf.js';
import { AppError } from '../platform/errors.js';
import { html, raw } from '../platform/html.js';
import { formatDate, translator, type Language } from '../platform/i18n.js';
import { sendPage, sessionCookieOf, spliceForVisitor, type PageSender } from '../platform/pages.js';
import type { SettingsService } from '../platform/settings.js';
import type { SseHub } from '../platform/sse.js';
import type { ContentService } from '../content/index.js';
import { renderDocument, type Site } from '../site/index.js';
import type { CommentRow } from '../platform/db/schema.js';
import { discussionMessages } from './messages.js';
import type { DiscussionOperations } from './operations/index.js';
import { COMMENT_LIMITS, commentInput, editInput, type CommentInput } from './schemas.js';
import type { DiscussionService } from './service.js';
import { toPublicComment } from './service.js';
import { buildTree } from './tree.js';
import { DISPLAY_DEPTH, notifyField, renderComment } from './view.js';

const PUBLIC = { config: { access: 'public' as const } };
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID = /^[1-9][0-9]{0,9}$/;

export interface DiscussionRouteDeps {
  discussion: Pick<DiscussionService, 'store' | 'thread' | 'locate' | 'commenterKey'>;
  operations: DiscussionOperations;
  content: Pick<ContentService, 'visibleArticle' | 'store'>;
  settings: Pick<SettingsService, 'get'>;
  site: Pick<Site, 'frame'>;
  csrf: Csrf;
  pages: PageSender;
  sse: Pick<SseHub, 'subscribe'>;
  formStamp: () => string;
}

function parseId(raw: unknown, field = 'id'): number {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) return raw;
  if (typeof raw !== 'string' || !ID.test(raw)) throw new AppError('BAD_REQUEST', { field });
  return Number(raw);
}

function parseSlug(raw: string): string {
  if (!SLUG.test(raw)) throw new AppError('NOT_FOUND');
  return raw;
}

export function registerDiscussionRoutes(app: FastifyInstance, deps: DiscussionRouteDeps): void {
  const { discussion, operations, content } = deps;

  /** Asked again on a refused plain form: what was typed is kept; who writes is the caller. */
  async function formErrorPage(request: FastifyRequest, reply: FastifyReply, error: AppError, slug: string, input: CommentInput) {
    const frame = await deps.site.frame();
    const t = translator(frame.lang, discussionMessages);
    const invalid = (field: string) => (error.field === field ? html` aria-invalid="true"` : '');
    const main = html`<div class="error-page">
<h1 class="page-title">${t('form.errorTitle')}</h1>
<p class="notice notice-error" role="alert">${error.localized(frame.lang)}</p>
<p>${t('form.errorText')}</p>
<form class="comment-form" method="post" action="/${slug}/comments">
<input type="hidden" name="_csrf" value="${deps.csrf.tokenFor(sessionCookieOf(request))}">
${input.parentId !== null && input.parentId > 0 ? html`<input type="hidden" name="parentId" value="${input.parentId}">` : ''}
<input type="hidden" name="stamp" value="${deps.formStamp()}">
${identityFields(request.caller, frame.lang, input, invalid)}
<p class="field"><label for="comment-body">${t('form.body')}</label><textarea id="comment-body" name="body" rows="8" maxlength="${COMMENT_LIMITS.body}" required${invalid('body')}>${input.body}</textarea></p>
${notifyField(frame.lang, input.notify)}
<p><button type="submit">${t('form.submit')}</button></p>
</form>
<p><a href="/${slug}/#comments">${t('comments.backToArticle')}</a></p>
</div>`;
    // Never cached: the CSRF holes are filled for this visitor (no NUL may reach a browser).
    const body = spliceForVisitor(renderDocument(frame, { title: t('form.errorTitle'), canonicalPath: `/${slug}/`, noindex: true, main }), deps.csrf, request);
    if (error.retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfter))));
    return reply.code(error.status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  }

  // --- Plain HTML forms -------------------------------------------------------------

  app.post<{ Params: { slug: string } }>('/:slug/comments', PUBLIC, async (request, reply) => {
    const slug = parseSlug(request.params.slug);
    const input = commentInput.fromForm(request.body);
    try {
      const posted = await operations.postComment(request.caller, slug, input);
      const target = posted.status === 'published' ? `/${posted.article.slug}/?posted=1#comment-${posted.id}` : `/${posted.article.slug}/?held=1#comments`;
      return reply.redirect(target, 303);
    } catch (error) {
      if (error instanceof AppError && error.status < 500 && error.status !== 404) return formErrorPage(request, reply, error, slug, input);
      throw error;
    }
  });

  // Back to an address of the liker's own (`?liked=ID`): the plain one is shared and may show
  // the count of a moment ago (a like marks it stale, platform/pages.ts); this one is rendered
  // for them and never cached (section.ts `isOwnActionQuery`).
  for (const [path, change, key] of [['like', operations.like, 'liked'], ['unlike', operations.unlike, 'unliked']] as const) {
    app.post<{ Params: { slug: string; id: string } }>(`/:slug/comment/:id/${path}`, PUBLIC, async (request, reply) => {
      const slug = parseSlug(request.params.slug);
      const id = parseId(request.params.id);
      await change(request.caller, id);
      return reply.redirect(`/${slug}/?${key}=${id}#comment-${id}`, 303);
    });
  }

  // A permalink works even when the comment is not on the first page of the discussion.
  app.get<{ Params: { slug: string; id: string } }>('/:slug/comment/:id/', PUBLIC, async (request, reply) => {
    const id = parseId(request.params.id);
    const where = await discussion.locate(id);
    if (!where) throw new AppError('NOT_FOUND');
    const article = await content.store.findBy('id', where.articleId);
    if (!article) throw new AppError('NOT_FOUND');
    // Deeper than the article page shows: the thread page that shows it (no script needed).
    const threadRoot = await threadPageRoot(id);
    if (threadRoot !== null) return reply.redirect(`/${article.slug}/thread/${threadRoot}/#comment-${id}`, 302);
    const page = where.page > 1 ? `?cpage=${where.page}` : '';
    return reply.redirect(`/${article.slug}/${page}#comment-${id}`, 302);
  });

  /**
   * The comment whose thread page shows comment `id` inline, or null when the article page
   * does. The article page shows depths 0..DISPLAY_DEPTH-1; a thread page rooted at depth r
   * shows r..r+DISPLAY_DEPTH-1, and its continue links root the next at r+DISPLAY_DEPTH-1.
   */
  async function threadPageRoot(id: number): Promise<number | null> {
    let row = await discussion.store.byId(id);
    if (!row || row.depth < DISPLAY_DEPTH) return null;
    const step = DISPLAY_DEPTH - 1;
    const rootDepth = step * Math.floor((row.depth - 1) / step);
    while (row && row.depth > rootDepth && row.parent_id !== null) row = await discussion.store.byId(row.parent_id);
    return row ? row.id : null;
  }

  app.get<{ Params: { slug: string; id: string } }>('/:slug/thread/:id/', PUBLIC, async (request, reply) => {
    const id = parseId(request.params.id);
    const article = await content.visibleArticle(parseSlug(request.params.slug));
    const root = await discussion.store.byId(id);
    if (!root || root.article_id !== article.id) throw new AppError('NOT_FOUND');
    const rows = await discussion.store.threadFrom(root.thread_id ?? root.id, root.depth);
    const authorUsers = new Set(article.authors.flatMap((a) => (a.userId ? [a.userId] : [])));
    const subtree = subtreeOf(rows, id).map((row) => toPublicComment(row, authorUsers, discussion.commenterKey));
    // The article's language, as on the article page.
    const [frame, policy] = await Promise.all([deps.site.frame(article.lang), deps.settings.get('discussion')]);
    const t = translator(frame.lang, discussionMessages);
    const nodes = buildTree(subtree, { sort: 'oldest' }).filter((n) => n.comment.id === id);
    const ctx = { t, lang: frame.lang, slug: article.slug, open: article.commentsOpen, baseDepth: root.depth, depthCap: policy.depthCap };
    // The comment being answered, so the conversation does not start in mid-air.
    const parent = root.parent_id !== null ? await discussion.store.byId(root.parent_id) : undefined;
    const answered = parent && parent.status === 'published' ? toPublicComment(parent, authorUsers, discussion.commenterKey) : null;
    const main = html`<div class="thread-page discussion" data-slug="${article.slug}">
<p class="thread-back"><a href="/${article.slug}/#comment-${answered ? answered.id : id}">← ${t('comments.backToArticle')}</a></p>
<h1 class="page-title">${t('comments.threadTitle', { title: article.title })}</h1>
${answered ? html`<aside class="thread-context" aria-label="${t('comments.answering')}">
<p class="comment-meta"><span class="comment-author">${answered.author.name}</span> · <a class="comment-permalink" href="/${article.slug}/comment/${answered.id}/"><time datetime="${answered.createdAt}">${formatDate(new Date(answered.createdAt), frame.lang, true)}</time></a></p>
<div class="comment-text">${raw(answered.html)}</div>
</aside>` : ''}
<ol class="comment-list">${nodes.map((node) => renderComment(node, ctx))}</ol>
<p class="live-status" role="status" aria-live="polite" hidden></p>
</div>`;
    const body = renderDocument(frame, { title: t('comments.threadTitle', { title: article.title }), canonicalPath: `/${article.slug}/thread/${id}/`, noindex: true, main, scripts: ['discussion.js'] });
    return sendPage(deps.pages, request, reply, { status: 200, contentType: 'text/html; charset=utf-8', body, tags: [`article:${article.id}`] });
  });

  // --- JSON API --------------------------------------------------------------------------

  app.get<{ Params: { article: string }; Querystring: { sort?: string; cursor?: string } }>(
    '/api/v1/articles/:article/comments',
    {
      ...PUBLIC,
      schema: {
        querystring: {
          type: 'object',
          properties: { sort: { type: 'string', enum: ['oldest', 'newest', 'liked'] }, cursor: { type: 'string', maxLength: 100 } },
          additionalProperties: false,
        },
        ...discussionAnswers({ 200: threadAnswer }),
      },
    },
    async (request) => {
      const article = await content.visibleArticle(request.params.article);
      const page = request.query.cursor ? decodeCursor(request.query.cursor) : 1;
      const result = await discussion.thread(article.id, { sort: (request.query.sort ?? 'oldest') as 'oldest', page });
      const flat: unknown[] = [];
      const walk = (nodes: typeof result.nodes) => {
        for (const node of nodes) {
          const c = node.comment;
          flat.push({
            id: c.id,
            parentId: c.parentId,
            html: c.html,
            author: { name: c.author.name, isAuthor: c.author.isAuthor, key: c.authorKey },
            likes: c.likes,
            createdAt: c.createdAt,
            editedAt: c.editedAt,
            removed: !c.visible,
          });
          walk(node.children);
        }
      };
      walk(result.nodes);
      return { comments: flat, total: result.total, nextCursor: result.page < result.pages ? encodeCursor(result.page + 1) : null };
    },
  );

  app.post<{ Params: { article: string }; Body: Parameters<typeof commentInput.fromApi>[0] }>(
    '/api/v1/articles/:article/comments',
    { config: { access: 'public', fieldErrors: commentInput.fieldErrors }, schema: { body: commentInput.api, ...discussionAnswers({ 201: postedAnswer }) } },
    async (request, reply) => {
      const posted = await operations.postComment(request.caller, request.params.article, commentInput.fromApi(request.body));
      return reply.code(201).send({ id: posted.id, status: posted.status });
    },
  );

  app.patch<{ Params: { id: string }; Body: { body: string } }>(
    '/api/v1/comments/:id',
    { config: { access: 'public', fieldErrors: editInput.fieldErrors }, schema: { body: editInput.api, ...discussionAnswers({ 200: editedAnswer }) } },
    async (request) => {
      const comment = await operations.editComment(request.caller, parseId(request.params.id), request.body.body);
      return { id: comment.id, html: comment.html, editedAt: comment.editedAt, pending: comment.pending };
    },
  );

  app.delete<{ Params: { id: string } }>('/api/v1/comments/:id', { ...PUBLIC, schema: discussionAnswers({ 204: removedAnswer }) }, async (request, reply) => {
    await operations.removeComment(request.caller, parseId(request.params.id));
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/api/v1/comments/:id/like', { ...PUBLIC, schema: discussionAnswers({ 200: likeAnswer }) }, async (request) => {
    const { likes, liked } = await operations.like(request.caller, parseId(request.params.id));
    return { likes, liked };
  });

  app.delete<{ Params: { id: string } }>('/api/v1/comments/:id/like', { ...PUBLIC, schema: discussionAnswers({ 200: likeAnswer }) }, async (request) => {
    const { likes, liked } = await operations.unlike(request.caller, parseId(request.params.id));
    return { likes, liked };
  });

  app.get<{ Params: { article: string } }>('/api/v1/articles/:article/comments/stream', { ...PUBLIC, schema: discussionAnswers({ 200: streamAnswer }) }, async (request, reply) => {
    const article = await content.visibleArticle(request.params.article);
    // Counted per address; over the cap it throws (429) before writing, while Fastify still answers.
    deps.sse.subscribe(`article:${article.id}`, reply.raw, { address: request.ip });
    reply.hijack();
  });
}

/**
 * Who writes, on a form asked again: a guest types a name and address; staff and readers
 * write under their account's name and are told so.
 */
function identityFields(caller: Caller, lang: Language, input: CommentInput, invalid: (field: string) => ReturnType<typeof html> | '') {
  const t = translator(lang, discussionMessages);
  if (caller.kind === 'staff' || caller.kind === 'reader') {
    const name = caller.kind === 'staff' ? caller.staff.name : caller.reader.name;
    return html`<p class="comment-identity">${t('form.writingAs', { name })}</p>`;
  }
  return html`<p class="field"><label for="comment-name">${t('form.name')}</label><input id="comment-name" name="name" type="text" maxlength="${COMMENT_LIMITS.name}" required value="${input.name ?? ''}"${invalid('name')}></p>
<p class="field"><label for="comment-email">${t('form.email')} <small>(${t('form.emailNote')})</small></label><input id="comment-email" name="email" type="email" maxlength="${COMMENT_LIMITS.email}" required value="${input.email ?? ''}"${invalid('email')}></p>`;
}

function subtreeOf(rows: CommentRow[], rootId: number): CommentRow[] {
  const keep = new Set([rootId]);
  for (const row of rows) if (row.parent_id !== null && keep.has(row.parent_id)) keep.add(row.id);
  return rows.filter((row) => keep.has(row.id));
}

function encodeCursor(page: number): string {
  return Buffer.from(JSON.stringify({ p: page })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown };
    if (typeof value.p === 'number' && Number.isInteger(value.p) && value.p >= 1 && value.p < 1e6) return value.p;
  } catch {
    // fall through
  }
  throw new AppError('BAD_REQUEST', { field: 'cursor', detail: 'invalid cursor' });
}
