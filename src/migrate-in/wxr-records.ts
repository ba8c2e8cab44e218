/**
 * The records of a WordPress export (WXR 1.0–1.2) as plain typed objects: authors, terms
 * (categories, tags) and items (posts, pages, attachments, …) with their meta and
 * comments. Only reading and naming happens here; what they become is wordpress.ts's job.
 *
 * @example
 *   const item = readItem(node); // { postId: '12', type: 'post', status: 'publish', title: 'Haushalt', comments: [...] }
 */
import { child, childText, childrenNamed, type XNode } from './xml-stream.js';

export interface WxrAuthor {
  id: string;
  login: string;
  email: string;
  displayName: string;
}

export interface WxrTerm {
  id: string;
  taxonomy: 'category' | 'post_tag' | string;
  slug: string;
  parent: string;
  name: string;
  description: string;
}

export interface WxrComment {
  id: string;
  author: string;
  email: string;
  url: string;
  dateGmt: string;
  date: string;
  content: string;
  approved: string;
  type: string;
  parent: string;
  userId: string;
}

export interface WxrItem {
  line: number;
  title: string;
  link: string;
  guid: string;
  creator: string;
  content: string;
  excerpt: string;
  postId: string;
  dateGmt: string;
  date: string;
  modifiedGmt: string;
  commentStatus: string;
  slug: string;
  status: string;
  parent: string;
  type: string;
  password: string;
  sticky: boolean;
  attachmentUrl: string;
  terms: { domain: string; slug: string; name: string }[];
  meta: Map<string, string[]>;
  comments: WxrComment[];
}

export function readAuthor(node: XNode): WxrAuthor {
  return {
    id: childText(node, 'wp:author_id'),
    login: childText(node, 'wp:author_login'),
    email: childText(node, 'wp:author_email'),
    displayName: childText(node, 'wp:author_display_name') || childText(node, 'wp:author_login'),
  };
}

/** `<wp:category>`, `<wp:tag>` and WXR 1.2's generic `<wp:term>`. */
export function readTerm(node: XNode): WxrTerm | null {
  if (node.name === 'wp:category') {
    return {
      id: childText(node, 'wp:term_id'),
      taxonomy: 'category',
      slug: childText(node, 'wp:category_nicename'),
      parent: childText(node, 'wp:category_parent'),
      name: childText(node, 'wp:cat_name'),
      description: childText(node, 'wp:category_description'),
    };
  }
  if (node.name === 'wp:tag') {
    return {
      id: childText(node, 'wp:term_id'),
      taxonomy: 'post_tag',
      slug: childText(node, 'wp:tag_slug'),
      parent: '',
      name: childText(node, 'wp:tag_name'),
      description: childText(node, 'wp:tag_description'),
    };
  }
  if (node.name === 'wp:term') {
    return {
      id: childText(node, 'wp:term_id'),
      taxonomy: childText(node, 'wp:term_taxonomy'),
      slug: childText(node, 'wp:term_slug'),
      parent: childText(node, 'wp:term_parent'),
      name: childText(node, 'wp:term_name'),
      description: childText(node, 'wp:term_description'),
    };
  }
  return null;
}

function readComment(node: XNode): WxrComment {
  return {
    id: childText(node, 'wp:comment_id'),
    author: childText(node, 'wp:comment_author'),
    email: childText(node, 'wp:comment_author_email'),
    url: childText(node, 'wp:comment_author_url'),
    dateGmt: childText(node, 'wp:comment_date_gmt'),
    date: childText(node, 'wp:comment_date'),
    // Not trimmed: leading blank lines are harmless, but the text is the reader's own.
    content: child(node, 'wp:comment_content')?.text ?? '',
    approved: childText(node, 'wp:comment_approved'),
    type: childText(node, 'wp:comment_type'),
    parent: childText(node, 'wp:comment_parent'),
    userId: childText(node, 'wp:comment_user_id'),
  };
}

export function readItem(node: XNode): WxrItem {
  const meta = new Map<string, string[]>();
  for (const m of childrenNamed(node, 'wp:postmeta')) {
    const key = childText(m, 'wp:meta_key');
    (meta.get(key) ?? meta.set(key, []).get(key)!).push(child(m, 'wp:meta_value')?.text ?? '');
  }
  return {
    line: node.line,
    title: child(node, 'title')?.text ?? '',
    link: childText(node, 'link'),
    guid: childText(node, 'guid'),
    creator: childText(node, 'dc:creator'),
    content: child(node, 'content:encoded')?.text ?? '',
    excerpt: child(node, 'excerpt:encoded')?.text ?? '',
    postId: childText(node, 'wp:post_id'),
    dateGmt: childText(node, 'wp:post_date_gmt'),
    date: childText(node, 'wp:post_date'),
    modifiedGmt: childText(node, 'wp:post_modified_gmt'),
    commentStatus: childText(node, 'wp:comment_status'),
    slug: childText(node, 'wp:post_name'),
    status: childText(node, 'wp:status'),
    parent: childText(node, 'wp:post_parent'),
    type: childText(node, 'wp:post_type'),
    password: childText(node, 'wp:post_password'),
    sticky: childText(node, 'wp:is_sticky') === '1',
    attachmentUrl: childText(node, 'wp:attachment_url'),
    terms: childrenNamed(node, 'category').map((c) => ({ domain: c.attrs.domain ?? '', slug: c.attrs.nicename ?? '', name: c.text.trim() })),
    meta,
    comments: childrenNamed(node, 'wp:comment').map(readComment),
  };
}

/**
 * A WordPress date: `post_date_gmt` is UTC ('2025-02-13 09:30:00'); drafts have
 * '0000-00-00 00:00:00' there, and then the local `post_date` is the best there is.
 */
export function wpDate(gmt: string, local: string): Date | null {
  for (const value of [gmt, local]) {
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
    if (!m || m[1] === '0000') continue;
    const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
    if (!Number.isNaN(date.getTime())) return date;
  }
  return null;
}
