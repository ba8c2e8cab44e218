/**
 * A readable diff between two revisions: the text of each, compared word by word, as
 * HTML with <ins> and <del> (escaped), plus the fields that changed.
 *
 * @example
 *   revisionDiff(older, newer).html; // 'Der <del>Stdtrat</del><ins>Stadtrat</ins> tagt'
 */
import { diffWords } from 'diff';
import { escapeHtml } from '../../platform/html.js';
import { bodyToText, type Block } from '../../content/index.js';

export interface RevisionData {
  title?: string;
  subtitle?: string;
  slug?: string;
  body?: Block[];
  seoTitle?: string;
  seoDescription?: string;
  status?: string;
}

const FIELDS = ['title', 'subtitle', 'slug', 'seoTitle', 'seoDescription', 'status'] as const;

export function revisionDiff(from: RevisionData, to: RevisionData): { html: string; changedFields: string[] } {
  const text = (r: RevisionData) => [r.title ?? '', r.subtitle ?? '', bodyToText(r.body ?? [])].join('\n\n');
  const parts = diffWords(text(from), text(to));
  const html = parts
    .map((part) => {
      const value = escapeHtml(part.value).replace(/\n/g, '<br>');
      if (part.added) return `<ins>${value}</ins>`;
      if (part.removed) return `<del>${value}</del>`;
      return value;
    })
    .join('');
  const changedFields = FIELDS.filter((field) => (from[field] ?? '') !== (to[field] ?? ''));
  if (JSON.stringify(from.body ?? []) !== JSON.stringify(to.body ?? [])) changedFields.push('body' as never);
  return { html, changedFields };
}
