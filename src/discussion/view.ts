/**
 * The discussion under an article, server-rendered so it reads and works without
 * JavaScript: the thread (depth shown up to a cap, then "continue this thread"), sorting
 * and paging links, and the comment form with CSRF token, honeypot and form stamp.
 */
import { escapeHtml, html, raw, type SafeHtml } from '../platform/html.js';
import { formatDate, translator, type Language, type Translate } from '../platform/i18n.js';
import { CSRF_HOLE } from '../platform/csrf.js';
import type { TreeNode, CommentSort } from './tree.js';
import { COMMENT_SORTS } from './tree.js';
import type { PublicComment } from './types.js';
import { discussionMessages, type DiscussionMessageKey } from './messages.js';
import { notifyMessages } from './notify/messages.js';
import { moderationLinks } from './moderation/links.js';
import { readerFormNote, type IdentitySetting } from './readers/form.js';
import { COMMENT_LIMITS } from './schemas.js';
import { WHO_NAME, whoSection } from '../platform/who.js';

/** Levels shown inline; deeper replies continue on the thread's own page. */
export const DISPLAY_DEPTH = 5;

export interface DiscussionViewData {
  lang: Language;
  slug: string;
  nodes: TreeNode<PublicComment>[];
  total: number;
  sort: CommentSort;
  page: number;
  pages: number;
  open: boolean;
  /** Comment the form replies to (from ?reply=ID), if it exists on this page. */
  replyTo: PublicComment | null;
  notice: 'held' | 'published' | null;
  formStamp: string;
  policyHoldsFirst: boolean;
  /** readers: who may comment (the `identity` setting); 'guests' when not given. */
  identity?: IdentitySetting;
  /** The deepest level a reply may have. */
  depthCap: number;
}

type T = Translate<DiscussionMessageKey>;

function countAll(nodes: TreeNode<PublicComment>[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countAll(node.children), 0);
}

export interface CommentContext {
  t: T;
  lang: Language;
  slug: string;
  open: boolean;
  baseDepth: number;
  /** The deepest level a reply may have (the site's setting): no "Reply" on comments at it. */
  depthCap: number;
  /**
   * The `sort` / `cpage` of the discussion page shown, as `cpage=3&`: without JavaScript,
   * "Reply" reloads the page with `?reply=ID`, and the server finds that comment only on
   * the page it is on (otherwise the answer became a new thread).
   */
  pageQuery?: string;
}

/** Federation (issue 13): a reply from the fediverse names its handle, linked to the original post. */
function originOf(c: PublicComment): SafeHtml | '' {
  const origin = c.origin as { handle: string; url: string } | undefined;
  if (!origin || !/^https?:\/\//.test(origin.url)) return '';
  return html` <a class="comment-origin" href="${origin.url}" rel="nofollow ugc noopener">${origin.handle}</a>`;
}

export function renderComment(node: TreeNode<PublicComment>, ctx: CommentContext): SafeHtml {
  const { t, slug } = ctx;
  const c = node.comment;
  const depth = c.depth - ctx.baseDepth;
  const when = new Date(c.createdAt);
  const body = c.visible
    ? html`<header class="comment-meta"><span class="comment-author">${c.author.name}</span>${originOf(c)}${c.author.isAuthor ? html` <span class="badge badge-author">${t('comments.authorBadge')}</span>` : c.author.isStaff ? html` <span class="badge">${t('comments.staffBadge')}</span>` : ''}
<a class="comment-permalink" href="/${slug}/comment/${c.id}/" title="${t('comments.permalink')}"><time datetime="${c.createdAt}">${formatDate(when, ctx.lang, true)}</time></a>${c.editedAt ? html` <span class="comment-edited">(${t('comments.edited')})</span>` : ''}</header>
<div class="comment-text">${raw(c.html)}</div>
<footer class="comment-actions">
<form class="like-form" method="post" action="/${slug}/comment/${c.id}/like"><input type="hidden" name="_csrf" value="${raw(CSRF_HOLE)}"><button type="submit" class="link-button like-button" aria-pressed="false" title="${t('comments.likes', { count: c.likes })}"><span aria-hidden="true">♥</span> <span class="like-count">${c.likes}</span><span class="visually-hidden"> ${t('comments.like')}</span></button></form>
${ctx.open && c.depth < ctx.depthCap ? html`<a class="reply-link" href="/${slug}/?${ctx.pageQuery ?? ''}reply=${c.id}#comment-form" data-reply="${c.id}" data-name="${c.author.name}">${t('comments.reply')}</a>` : ''}
${commentMenu(t, slug, c.id, ctx.lang)}
</footer>`
    : html`<p class="comment-removed">${c.status === 'deleted' ? t('comments.deleted') : t('comments.removed')}</p>`;
  let children: SafeHtml | '' = '';
  if (node.children.length) {
    children =
      depth + 1 >= DISPLAY_DEPTH
        ? html`<p class="continue-thread"><a href="/${slug}/thread/${c.id}/">${t('comments.continue', { count: countAll(node.children) })}</a></p>`
        : html`<ol class="comment-replies">${node.children.map((child) => renderComment(child, ctx))}</ol>`;
  }
  return html`<li class="comment${c.author.isAuthor ? ' comment-by-author' : ''}" id="comment-${c.id}" data-id="${c.id}" data-depth="${c.depth}"${typeof c.authorKey === 'string' ? html` data-author-key="${c.authorKey}"` : ''}>
<article class="comment-body" aria-label="${c.visible ? c.author.name : t('comments.removed')}">${body}</article>
${children}
</li>`;
}

/**
 * The rarely used actions (report, notice of illegal content, and mute, which the page
 * script adds) behind one "⋯": a `<details>` opens without JavaScript, and its entries
 * are the plain links to the report forms.
 */
function commentMenu(t: T, slug: string, id: number, lang: Language): SafeHtml {
  return html`<details class="comment-menu"><summary class="comment-menu-button" aria-label="${t('comments.menu')}" title="${t('comments.menu')}"><span aria-hidden="true">⋯</span></summary>
<div class="comment-menu-list">${moderationLinks(slug, id, lang)}</div></details>`;
}

/**
 * notify: the "e-mail me about replies" checkbox (`notify=1`), off unless asked for.
 *
 * @example
 *   notifyField('de', false); // <p class="field field-check"><label><input type="checkbox" name="notify" value="1"> Bei Antworten …
 */
export function notifyField(lang: Language, checked: boolean): SafeHtml {
  const n = translator(lang, notifyMessages);
  return html`<p class="field field-check"><label><input type="checkbox" name="notify" value="1" aria-describedby="comment-notify-note"${checked ? html` checked` : ''}> ${n('form.notify')}</label>
<small id="comment-notify-note" class="field-note">${n('form.notifyNote')}</small></p>`;
}


/**
 * Who is writing: a guest gives name and e-mail (or is asked to sign in); a signed-in staff
 * member or reader is told under which name they write. The page is shared and cached, so
 * both alternatives are kept and the page cache picks one per visitor (platform/who.ts).
 */
function identityPart(t: T, data: DiscussionViewData): SafeHtml {
  const guest = html`${data.identity === 'accounts' ? '' : html`<div class="field-row">
<p class="field"><label for="comment-name">${t('form.name')}</label><input id="comment-name" name="name" type="text" autocomplete="name" maxlength="${COMMENT_LIMITS.name}" required></p>
<p class="field"><label for="comment-email">${t('form.email')} <small>(${t('form.emailNote')})</small></label><input id="comment-email" name="email" type="email" autocomplete="email" maxlength="${COMMENT_LIMITS.email}" required></p>
</div>`}
${readerFormNote(data.lang, data.slug, data.identity ?? 'guests')}`;
  // The hold note (further down the form) is for guests too: staff and readers are not told it.
  // Escaping would mangle the marker's NUL characters: the marker goes in after it.
  const sentence = escapeHtml(t('form.writingAs', { name: '@@who@@' })).replace('@@who@@', WHO_NAME);
  return raw(whoSection(guest.toString(), `<p class="comment-identity comment-identity-signed">${sentence}</p>`));
}

function commentForm(t: T, data: DiscussionViewData): SafeHtml {
  const reply = data.replyTo;
  return html`<form id="comment-form" class="comment-form" method="post" action="/${data.slug}/comments">
<h3 class="comment-form-title" data-title="${t('form.title')}" data-reply-title="${t('form.replyTo', { name: '{name}' })}">${reply ? t('form.replyTo', { name: reply.author.name }) : t('form.title')}</h3>
${reply ? html`<input type="hidden" name="parentId" value="${reply.id}">` : ''}
<input type="hidden" name="_csrf" value="${raw(CSRF_HOLE)}">
<input type="hidden" name="stamp" value="${data.formStamp}">
${identityPart(t, data)}
<p class="field"><label for="comment-body">${t('form.body')}</label><textarea id="comment-body" name="body" rows="6" maxlength="${COMMENT_LIMITS.body}" required aria-describedby="comment-body-note"></textarea>
<small id="comment-body-note" class="field-note">${t('form.bodyNote')}</small></p>
${notifyField(data.lang, false)}
<p class="hp" aria-hidden="true"><label for="comment-website">${t('form.honeypot')}</label><input id="comment-website" name="website" type="text" tabindex="-1" autocomplete="off"></p>
${raw(whoSection(data.policyHoldsFirst ? html`<p class="field-note">${t('form.moderationNote')}</p>`.toString() : '', ''))}
<p class="form-actions"><button type="submit">${t('form.submit')}</button>${reply ? html` <a class="cancel-reply button-secondary" href="/${data.slug}/#comments">${t('form.cancelReply')}</a>` : ''}</p>
</form>`;
}

export function renderDiscussion(data: DiscussionViewData): SafeHtml {
  const t = translator(data.lang, discussionMessages);
  const base = `/${data.slug}/`;
  const query = (sort: CommentSort, page: number) => {
    const parts = [sort !== 'oldest' ? `sort=${sort}` : '', page > 1 ? `cpage=${page}` : ''].filter(Boolean);
    return parts.length ? `${base}?${parts.join('&')}#comments` : `${base}#comments`;
  };
  const pageQuery = `${data.sort !== 'oldest' ? `sort=${data.sort}&` : ''}${data.page > 1 ? `cpage=${data.page}&` : ''}`;
  const ctx: CommentContext = { t, lang: data.lang, slug: data.slug, open: data.open, baseDepth: 0, depthCap: data.depthCap, pageQuery };
  return html`<div class="discussion" data-slug="${data.slug}" data-sort="${data.sort}" data-page="${data.page}" data-pages="${data.pages}">
<p class="comment-count">${t('comments.count', { count: data.total })}</p>
${data.notice ? html`<p class="notice" role="status">${data.notice === 'held' ? t('form.held') : t('form.published')}</p>` : ''}
${data.total > 1 ? html`<nav class="comment-sort" aria-label="${t('comments.sort')}"><span>${t('comments.sort')}:</span> ${COMMENT_SORTS.map((sort) =>
    sort === data.sort
      ? html`<strong aria-current="true">${t(`comments.sort.${sort}`)}</strong> `
      : html`<a href="${query(sort, 1)}" rel="nofollow">${t(`comments.sort.${sort}`)}</a> `,
  )}</nav>` : ''}
<p class="live-status" role="status" aria-live="polite" hidden></p>
${data.nodes.length ? html`<ol class="comment-list">${data.nodes.map((node) => renderComment(node, ctx))}</ol>` : html`<p class="muted">${data.open ? t('comments.none') : ''}</p>`}
${data.pages > 1 ? html`<nav class="pagination" aria-label="${t('comments.pages')}">
${data.page > 1 ? html`<a rel="prev nofollow" href="${query(data.sort, data.page - 1)}">← ${t('comments.older')}</a>` : html`<span></span>`}
<span class="pagination-status">${data.page} / ${data.pages}</span>
${data.page < data.pages ? html`<a rel="next nofollow" href="${query(data.sort, data.page + 1)}">${t('comments.newer')} →</a>` : html`<span></span>`}
</nav>` : ''}
${data.open ? commentForm(t, data) : html`<p class="muted">${t('comments.closed')}</p>`}
</div>`;
}
