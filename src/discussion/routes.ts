/**
 * Discussion routes: the plain-HTML forms (post, like, permalinks, continued threads)
 * and the JSON API (`/api/v1/...`, documented in the OpenAPI document) with the live
 * stream. Each route parses, calls one service function and answers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../app.js';
import { AppError } from '../platform/errors.js';
import { html } from '../platform/html.js';
import { ipHash, sessionHash } from '../platform/privacy.js';
import { sendPage, sessionCookieOf, spliceForVisitor } from '../platform/pages.js';
import { translator } from '../platform/i18n.js';
import { renderDocument } from '../site/index.js';
import type { Article } from '../content/index.js';
import { discussionMessages } from './messages.js';
import { buildTree } from './tree.js';
import { notifyField, renderComment } from './view.js';
import { toPublicComment, type ModerationAction } from './service.js';
import type { CommentRow } from '../platform/db/schema.js';

const PUBLIC = { config: { access: 'public' as const } };
const MODERATORS = { config: { access: 'staff' as const, roles: ['owner', 'admin', 'editor', 'moderator'] as ('owner' | 'admin' | 'editor' | 'moderator')[] } };
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID = /^[1-9][0-9]{0,9}$/;

interface FormBody {
  name?: string;
  email?: string;
  body?: string;
  parentId?: string;
  website?: string;
  stamp?: string;
  _csrf?: string;
  /** notify: the "notify me of replies" checkbox (`notify=1`). */
  notify?: string;
}

function parseId(raw: unknown, field = 'id'): number {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) return raw;
  if (typeof raw !== 'string' || !ID.test(raw)) throw new AppError('BAD_REQUEST', { field });
  return Number(raw);
}

export function registerDiscussionRoutes(app: FastifyInstance, services: Services): void {
  const { discussion, content, sessions, secret, pages, sse } = services;

  async function articleBy(ref: string): Promise<Article> {
    const found = ID.test(ref) ? await content.store.findBy('id', Number(ref)) : SLUG.test(ref) ? await content.store.findBy('slug', ref) : null;
    if (!found || found.kind !== 'article' || found.status !== 'published' || !found.publishedAt || found.publishedAt > services.now()) {
      throw new AppError('NOT_FOUND', { field: 'article' });
    }
    return found;
  }

  const visitor = (request: FastifyRequest, reply: FastifyReply) => {
    const sid = sessions.ensure(request, reply);
    return { sessionHash: sessionHash(sid), ipHash: ipHash(request.ip, secret, services.now()) };
  };

  async function formErrorPage(request: FastifyRequest, reply: FastifyReply, error: AppError, article: Article, values: FormBody) {
    const frame = await services.site.frame();
    const t = translator(frame.lang, discussionMessages);
    const main = html`<div class="error-page">
<h1 class="page-title">${t('form.errorTitle')}</h1>
<p class="notice notice-error" role="alert">${error.localized(frame.lang)}</p>
<p>${t('form.errorText')}</p>
<form class="comment-form" method="post" action="/${article.slug}/comments">
<input type="hidden" name="_csrf" value="${services.csrf.tokenFor(sessionCookieOf(request))}">
${values.parentId ? html`<input type="hidden" name="parentId" value="${values.parentId}">` : ''}
<input type="hidden" name="stamp" value="${services.spam.formStamp()}">
<p class="field"><label for="comment-name">${t('form.name')}</label><input id="comment-name" name="name" type="text" maxlength="80" required value="${values.name ?? ''}"${error.field === 'name' ? html` aria-invalid="true"` : ''}></p>
<p class="field"><label for="comment-email">${t('form.email')} <small>(${t('form.emailNote')})</small></label><input id="comment-email" name="email" type="email" maxlength="254" required value="${values.email ?? ''}"${error.field === 'email' ? html` aria-invalid="true"` : ''}></p>
<p class="field"><label for="comment-body">${t('form.body')}</label><textarea id="comment-body" name="body" rows="8" maxlength="20000" required${error.field === 'body' ? html` aria-invalid="true"` : ''}>${values.body ?? ''}</textarea></p>
${notifyField(frame.lang, values.notify === '1')}
<p><button type="submit">${t('form.submit')}</button></p>
</form>
<p><a href="/${article.slug}/#comments">${t('comments.backToArticle')}</a></p>
</div>`;
    // Never cached: the CSRF holes are filled for this visitor (no NUL may reach a browser).
    const body = spliceForVisitor(renderDocument(frame, { title: t('form.errorTitle'), canonicalPath: `/${article.slug}/`, noindex: true, main }), services.csrf, request);
    return reply.code(error.status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  }

  // --- Plain HTML forms -------------------------------------------------------------

  app.post<{ Params: { slug: string }; Body: FormBody }>('/:slug/comments', PUBLIC, async (request, reply) => {
    if (!SLUG.test(request.params.slug)) throw new AppError('NOT_FOUND');
    const article = await articleBy(request.params.slug);
    const form = (request.body ?? {}) as FormBody;
    const who = visitor(request, reply);
    try {
      const flagged = await services.spam.checkForm({ honeypot: form.website, stamp: form.stamp, ipHash: who.ipHash });
      const result = await discussion.post({
        flagged,
        articleId: article.id,
        parentId: form.parentId ? parseId(form.parentId, 'parentId') : null,
        name: form.name,
        email: form.email,
        body: form.body ?? '',
        notify: form.notify === '1', // notify
        reader: await services.readers.current(request), // readers: the account, not the form's name
        sessionHash: who.sessionHash,
        ipHash: who.ipHash,
      });
      const target =
        result.status === 'published' ? `/${article.slug}/?posted=1#comment-${result.id}` : `/${article.slug}/?held=1#comments`;
      return reply.redirect(target, 303);
    } catch (error) {
      if (error instanceof AppError && error.status < 500 && error.status !== 404) {
        return formErrorPage(request, reply, error, article, form);
      }
      throw error;
    }
  });

  app.post<{ Params: { slug: string; id: string } }>('/:slug/comment/:id/like', PUBLIC, async (request, reply) => {
    const id = parseId(request.params.id);
    const who = visitor(request, reply);
    await services.spam.limit('like', who.ipHash);
    const row = await discussion.store.byId(id);
    if (!row) throw new AppError('NOT_FOUND');
    await discussion.like(id, who.sessionHash);
    return reply.redirect(`/${request.params.slug}/#comment-${id}`, 303);
  });

  // A permalink works even when the comment is not on the first page of the discussion.
  app.get<{ Params: { slug: string; id: string } }>('/:slug/comment/:id/', PUBLIC, async (request, reply) => {
    const id = parseId(request.params.id);
    const where = await discussion.locate(id);
    if (!where) throw new AppError('NOT_FOUND');
    const article = await content.store.findBy('id', where.articleId);
    if (!article) throw new AppError('NOT_FOUND');
    const page = where.page > 1 ? `?cpage=${where.page}` : '';
    return reply.redirect(`/${article.slug}/${page}#comment-${id}`, 302);
  });

  app.get<{ Params: { slug: string; id: string } }>('/:slug/thread/:id/', PUBLIC, async (request, reply) => {
    const id = parseId(request.params.id);
    const article = await articleBy(request.params.slug);
    const root = await discussion.store.byId(id);
    if (!root || root.article_id !== article.id) throw new AppError('NOT_FOUND');
    const rows = await services.database.db
      .selectFrom('comments')
      .selectAll()
      .where('thread_id', '=', root.thread_id ?? root.id)
      .where('status', 'in', ['published', 'deleted', 'rejected'])
      .where('depth', '>=', root.depth)
      .orderBy('id')
      .execute();
    const authorUsers = new Set(article.authors.flatMap((a) => (a.userId ? [a.userId] : [])));
    const subtree = subtreeOf(rows, id).map((row) => toPublicComment(row, authorUsers, discussion.commenterKey)); // readers: keys for muting
    const frame = await services.site.frame();
    const t = translator(frame.lang, discussionMessages);
    const nodes = buildTree(subtree, { sort: 'oldest' }).filter((n) => n.comment.id === id);
    const main = html`<div class="thread-page">
<h1 class="page-title">${t('comments.threadTitle', { title: article.title })}</h1>
<p><a href="/${article.slug}/#comment-${id}">${t('comments.backToArticle')}</a></p>
<ol class="comment-list">${nodes.map((node) => renderComment(node, { t, lang: frame.lang, slug: article.slug, open: article.commentsOpen, baseDepth: root.depth }))}</ol>
</div>`;
    const body = renderDocument(frame, { title: t('comments.threadTitle', { title: article.title }), canonicalPath: `/${article.slug}/thread/${id}/`, noindex: true, main });
    return sendPage(pages, request, reply, { status: 200, contentType: 'text/html; charset=utf-8', body });
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
      },
    },
    async (request) => {
      const article = await articleBy(request.params.article);
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
            author: { name: c.author.name, isAuthor: c.author.isAuthor, key: c.authorKey }, // readers: commenter key
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

  app.post<{ Params: { article: string }; Body: { body: string; parentId?: number | null; name?: string; email?: string; notify?: boolean } }>(
    '/api/v1/articles/:article/comments',
    {
      ...PUBLIC,
      schema: {
        body: {
          type: 'object',
          required: ['body'],
          properties: {
            body: { type: 'string', maxLength: 40_000 },
            parentId: { type: ['integer', 'null'], minimum: 1 },
            name: { type: 'string', maxLength: 200 },
            email: { type: 'string', maxLength: 300 },
            notify: { type: 'boolean' }, // notify
          },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const article = await articleBy(request.params.article);
      const who = visitor(request, reply);
      const staff = await sessions.user(request);
      await services.spam.limit('comment', who.ipHash);
      const result = await discussion.post({
        articleId: article.id,
        parentId: request.body.parentId ?? null,
        name: request.body.name,
        email: request.body.email,
        body: request.body.body,
        user: staff ? { id: staff.id, name: staff.name } : null,
        reader: staff ? null : await services.readers.current(request), // readers
        notify: request.body.notify === true, // notify
        sessionHash: who.sessionHash,
        ipHash: who.ipHash,
      });
      return reply.code(201).send(result);
    },
  );

  app.patch<{ Params: { id: string }; Body: { body: string } }>(
    '/api/v1/comments/:id',
    { ...PUBLIC, schema: { body: { type: 'object', required: ['body'], properties: { body: { type: 'string', maxLength: 40_000 } }, additionalProperties: false } } },
    async (request) => {
      const comment = await discussion.edit(parseId(request.params.id), request.body.body, sessions.hashOf(request));
      return { id: comment.id, html: comment.html, editedAt: comment.editedAt };
    },
  );

  app.delete<{ Params: { id: string } }>('/api/v1/comments/:id', PUBLIC, async (request, reply) => {
    await discussion.remove(parseId(request.params.id), sessions.hashOf(request));
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/api/v1/comments/:id/like', PUBLIC, async (request, reply) => {
    const who = visitor(request, reply);
    await services.spam.limit('like', who.ipHash);
    return { likes: await discussion.like(parseId(request.params.id), who.sessionHash) };
  });

  app.get<{ Params: { article: string } }>('/api/v1/articles/:article/comments/stream', PUBLIC, async (request, reply) => {
    const article = await articleBy(request.params.article);
    reply.hijack();
    sse.subscribe(`article:${article.id}`, reply.raw);
  });

  // --- Moderation and staff session ----------------------------------------------------

  app.get<{ Querystring: { status?: string } }>('/api/v1/admin/comments', MODERATORS, async () => {
    const rows = await discussion.store.queue(200, 0);
    return {
      comments: rows.map((row) => ({
        id: row.id,
        articleId: row.article_id,
        article: { slug: row.article_slug, title: row.article_title },
        parentId: row.parent_id,
        author: { name: row.author_name },
        html: row.html,
        status: row.status,
        spamScore: row.spam_score,
        spamReasons: JSON.parse(row.spam_reasons) as unknown,
        createdAt: row.created_at,
      })),
    };
  });

  for (const action of ['approve', 'reject', 'spam'] as const satisfies readonly ModerationAction[]) {
    app.post<{ Params: { id: string }; Body: { reason?: string } | undefined }>(
      `/api/v1/admin/comments/:id/${action}`,
      {
        ...MODERATORS,
        schema: { body: { type: ['object', 'null'], properties: { reason: { type: 'string', maxLength: 2000 } }, additionalProperties: false } },
      },
      async (request) => {
        const staff = request.staff!;
        const row = await discussion.moderate(parseId(request.params.id), action, { userId: staff.id, name: staff.name }, request.body?.reason ?? '');
        if (action === 'spam' || action === 'approve') await services.spam.learn(row, action === 'spam' ? 'spam' : 'ham');
        return { id: row.id, status: row.status };
      },
    );
  }

  app.get('/api/v1/admin/moderation-log', MODERATORS, async () => ({ entries: await discussion.moderationLog(200) }));

  app.post<{ Body: { email: string; password: string; code?: string } }>(
    '/api/v1/session',
    {
      ...PUBLIC,
      schema: {
        body: {
          type: 'object',
          required: ['email', 'password'],
          properties: {
            email: { type: 'string', maxLength: 254 },
            password: { type: 'string', maxLength: 1024 },
            code: { type: 'string', maxLength: 40 },
          },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      await services.spam.limit('login', ipHash(request.ip, secret, services.now()));
      const user = await sessions.signIn(reply, request.body.email, request.body.password, request.body.code, String(request.headers['user-agent'] ?? ''));
      return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, csrfToken: services.csrf.tokenFor(user.sid) };
    },
  );

  app.delete('/api/v1/session', PUBLIC, async (request, reply) => {
    await sessions.signOut(request, reply);
    return reply.code(204).send();
  });

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
