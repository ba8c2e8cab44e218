/**
 * `blattwerk import disqus FILE.xml`: comments from a Disqus export, read as a stream.
 * Threads are matched to articles by their address: the identifier the WordPress plugin
 * wrote (`123 https://…/?p=123`, when that post was imported), then the thread's link
 * through the old-address table, then the link's last path segment as a slug. Comments of
 * threads that match no article are skipped and each such thread is reported.
 *
 * Replies may come before the comment they answer; they wait until it arrives. Deleted and
 * spam comments are skipped and counted; one that has replies comes in as a "deleted"
 * placeholder so the replies keep their place.
 *
 * Memory: one small entry per comment (old id → new row) for threading.
 *
 * @example
 *   const report = await importDisqus(deps, 'disqus-export.xml', { dryRun: true });
 */
import { htmlToText } from './sanitize.js';
import { insertComment, type IncomingComment, type Placed } from './comments.js';
import { findItemAnySource } from './ledger.js';
import { findLegacyRedirect, normaliseLegacyPath } from './redirects.js';
import type { ImportReport } from './report.js';
import { runSession, type ImportDeps, type ImportOptions, type Session } from './session.js';
import { assertFormat } from './sniff.js';
import { commentLink } from './wp-post.js';
import { userByEmail } from './writer.js';
import { ImportFileError } from './errors.js';
import { own } from './own.js';
import { child, childText, streamXml, type XNode } from './xml-stream.js';

interface DisqusPost {
  id: string;
  threadId: string;
  parentId: string | null;
  comment: IncomingComment;
  line: number;
}

const truthy = (text: string) => text.trim().toLowerCase() === 'true';

async function articleFor(s: Session, thread: XNode): Promise<number | null> {
  const identifier = childText(thread, 'id');
  const wpId = /^(\d+)\s/.exec(identifier)?.[1];
  if (wpId) {
    const id = (await findItemAnySource(s.tx, 'wordpress', 'post', wpId)) ?? (await findItemAnySource(s.tx, 'wordpress', 'page', wpId));
    if (id !== null) return id;
  }
  const link = childText(thread, 'link');
  const path = normaliseLegacyPath(link);
  if (!path) return null;
  const redirected = await findLegacyRedirect(s.platformTx, path);
  const slugs = [redirected, path].flatMap((p) => (p ? [p.split('?')[0]!.split('/').filter(Boolean).pop() ?? ''] : [])).filter(Boolean);
  for (const slug of slugs) {
    const article = await s.tx.selectFrom('articles').select('id').where('slug', '=', slug.toLowerCase()).executeTakeFirst();
    if (article) return article.id;
    const moved = await s.tx.selectFrom('slug_redirects').select('article_id').where('old_slug', '=', slug.toLowerCase()).executeTakeFirst();
    if (moved) return moved.article_id;
  }
  return null;
}

function readPost(node: XNode): DisqusPost {
  const author = child(node, 'author');
  const deleted = truthy(childText(node, 'isDeleted'));
  const spam = truthy(childText(node, 'isSpam'));
  const parent = child(node, 'parent')?.attrs['dsq:id'] ?? null;
  const id = node.attrs['dsq:id'] ?? '';
  const name = author ? childText(author, 'name') : '';
  const username = author ? childText(author, 'username') : '';
  return {
    id,
    threadId: child(node, 'thread')?.attrs['dsq:id'] ?? '',
    parentId: parent || null,
    line: node.line,
    comment: {
      externalId: id,
      parentId: parent || null,
      status: spam ? 'spam' : deleted ? 'deleted' : 'published',
      authorName: htmlToText(name || username || 'Gast'),
      authorEmail: author ? childText(author, 'email') : '',
      authorKey: username || name,
      userId: null,
      content: child(node, 'message')?.text ?? '',
      createdAt: new Date(childText(node, 'createdAt')),
    },
  };
}

export async function importDisqus(deps: ImportDeps, file: string, options: ImportOptions = {}): Promise<ImportReport> {
  assertFormat(file, 'disqus');
  return runSession(deps, options, 'disqus', file, async (s, report) => {
    const threads = new Map<string, number | null>();
    const placed = new Map<string, Placed>();
    /** Removed comments by id, in case a reply turns up: then they become placeholders. */
    const removed = new Map<string, DisqusPost>();
    /** Replies waiting for their parent, by the parent's id. */
    const waiting = new Map<string, DisqusPost[]>();
    const text = { autop: false, link: commentLink('') };
    const progress = s.progress('Disqus, importing');

    const place = async (post: DisqusPost, parent: Placed | null, placeholder = false): Promise<void> => {
      const articleId = threads.get(post.threadId);
      if (articleId === undefined || articleId === null) {
        report.skip('comment on a thread that matches no article', `post ${post.id} (line ${post.line})`);
        return;
      }
      const result = await s.item(`Disqus post ${post.id} (line ${post.line})`, () => insertComment(s, articleId, post.comment, parent, text, placeholder));
      if (!result) return;
      placed.set(own(post.id), result);
      for (const reply of waiting.get(post.id) ?? []) await place(reply, result);
      waiting.delete(post.id);
    };

    /** A removed comment with a reply: placed without its text, after its own ancestors. */
    const revive = async (id: string): Promise<Placed | null> => {
      const post = removed.get(id);
      if (!post) return null;
      removed.delete(id);
      const parent = post.parentId ? placed.get(post.parentId) ?? (await revive(post.parentId)) : null;
      await place(post, parent, true);
      return placed.get(id) ?? null;
    };

    try {
      await streamXml({
        file,
        recordDepth: 1,
        onRoot(name) {
          if (name !== 'disqus') throw new ImportFileError(file.split('/').pop()!, `line 1: not a Disqus export: the root element is <${name}>`);
        },
        onProgress: (done, total) => progress.update({ done, total, counts: { comments: report.count('comments') } }),
        async onRecord(node) {
          if (node.name === 'thread') {
            const id = node.attrs['dsq:id'] ?? '';
            const articleId = await articleFor(s, node);
            threads.set(own(id), articleId);
            if (articleId === null) await report.review(`Disqus thread ${id} (line ${node.line})`, `"${htmlToText(childText(node, 'title'))}" at ${childText(node, 'link')} matches no article; its comments were skipped`, { kind: 'thread matches no article' });
          } else if (node.name === 'post') {
            const post = readPost(node);
            post.comment.userId = await userByEmail(s, post.comment.authorEmail);
            if (post.comment.status !== 'published') {
              report.skip(post.comment.status === 'spam' ? 'spam comment' : 'deleted comment', `post ${post.id} (line ${post.line})`);
              removed.set(post.id, post);
              return;
            }
            if (!post.parentId) return place(post, null);
            const parent = placed.get(post.parentId) ?? (await revive(post.parentId));
            if (parent) return place(post, parent);
            (waiting.get(post.parentId) ?? waiting.set(post.parentId, []).get(post.parentId)!).push(post);
          }
        },
      });
    } finally {
      progress.finish();
    }
    // Replies whose parent never came: threads of their own, so nothing is lost.
    for (const [parentId, replies] of waiting) {
      for (const reply of replies) {
        if (threads.get(reply.threadId)) await report.review(`Disqus post ${reply.id}`, `answers post ${parentId}, which is not in the export; it became a thread of its own`, { kind: 'reply without its comment' });
        await place(reply, null);
      }
    }
  });
}
