/**
 * The answers of the moderators' JSON API (issue 17): what the OpenAPI document shows and
 * the contract check in tests holds the routes to. Rows the desk may grow stay open objects.
 *
 * @example
 *   app.get('/api/v1/admin/comments', { ...MODERATORS, schema: moderationAnswers({ 200: queueAnswer }) }, handler);
 */
import { errorResponses } from '../../platform/openapi.js';

const open = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: true, required, properties });

export const queueAnswer = {
  type: 'object', required: ['comments'], additionalProperties: false,
  description: 'Held and reported comments, oldest first (200 at most).',
  properties: {
    comments: {
      type: 'array',
      items: open({
        id: { type: 'integer' }, articleId: { type: 'integer' },
        article: open({ slug: { type: 'string' }, title: { type: 'string' } }),
        parentId: { type: ['integer', 'null'] }, author: open({ name: { type: 'string' } }),
        html: { type: 'string', description: 'Sanitised HTML of the comment (of the held edit, with pendingEdit).' },
        status: { type: 'string' }, pendingEdit: { type: 'boolean' }, spamScore: { type: ['number', 'null'] },
        spamReasons: {}, createdAt: { type: 'string' },
      }, ['id', 'articleId', 'html', 'status']),
    },
  },
} as const;

const decision = {
  anyOf: [
    { type: 'object', required: ['id', 'status'], additionalProperties: true, properties: { id: { type: 'integer' }, status: { type: 'string' } } },
    { type: 'object', required: ['id', 'error'], additionalProperties: true, properties: { id: { type: 'integer' }, error: { type: 'string' } } },
  ],
} as const;

export const decisionAnswer = { ...decision.anyOf[0], description: 'The comment’s status after the decision.' } as const;
export const bulkAnswer = { type: 'object', required: ['results'], additionalProperties: false, properties: { results: { type: 'array', items: decision } }, description: 'One result per id, in order.' } as const;
export const logAnswer = { type: 'object', required: ['entries'], additionalProperties: false, properties: { entries: { type: 'array', items: open({ id: { type: 'integer' } }, ['id']) } }, description: 'The moderation log as stored, newest first.' } as const;
export const reportsAnswer = { type: 'object', required: ['comments'], additionalProperties: false, properties: { comments: { type: 'array', items: open({}) } }, description: 'Reported comments with their open reports.' } as const;

/** A route's answers with the coded errors moderators' routes give. */
export const moderationAnswers = (ok: Record<number, unknown>) => ({ tags: ['admin'], response: { ...ok, ...errorResponses(400, 401, 403, 404, 409) } });

// --- Reports, DSA notices, filters, bans, trusted commenters, the log (issue 17) ----------

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const nullableInt = { type: ['integer', 'null'] } as const;
const closed = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required: Object.keys(properties), properties });
const wrap = (key: string, value: unknown, description: string) => ({ type: 'object', required: [key], additionalProperties: false, properties: { [key]: value }, description });
const list = (key: string, item: unknown, description: string) => wrap(key, { type: 'array', items: item }, description);

export const reportedAnswer = wrap('reported', { type: 'boolean', enum: [true] }, 'Taken; the same answer for a repeated report.');

/** The public log (`PublicLogEntry`): no actor, no comment author, no detail. */
export const publicLogAnswer = list('entries', closed({ id: int, action: str, at: str, reason: str, article: { anyOf: [closed({ slug: str, title: str }), { type: 'null' }] } }), 'The newest decisions, as readers may see them (100 at most).');

/** `recentLog` (`DeskLogEntry`): everything, for staff. */
export const deskLogAnswer = list('entries', closed({
  id: int, actor: str, action: str, commentId: nullableInt, articleId: nullableInt, target: nullableStr, detail: str, reason: str, at: str,
}), 'The newest log entries with actor and detail, newest first.');

/** `noticeJson` in api.ts. */
const notice = {
  id: int, commentId: int, articleId: int, category: str, explanation: str, notifier: closed({ name: str, email: str }),
  createdAt: str, deadlineAt: str, status: { type: 'string', enum: ['open', 'removed', 'kept'] },
  decidedAt: nullableStr, decidedBy: nullableStr, reason: nullableStr, ground: nullableStr,
} as const;

export const noticesAnswer = list('notices', closed({
  ...notice, overdue: { type: 'boolean' },
  comment: closed({ id: int, author: str, body: str, status: str }),
  article: closed({ slug: str, title: str }),
}), 'Open DSA notices with the comment they name, oldest deadline first.');

export const noticeDecidedAnswer = {
  ...closed({ notice: closed(notice), statementId: { ...nullableInt, description: 'The statement of reasons written when the comment was removed.' } }),
  description: 'The notice as decided.',
};

/** Filter and trusted rows are sent as stored: open, so a new column is never dropped. */
const filter = open({ id: int, kind: { type: 'string', enum: ['word', 'domain'] }, pattern: str, action: { type: 'string', enum: ['hold', 'reject'] }, created_by: str, created_at: str }, ['id', 'kind', 'pattern', 'action']);
export const filtersAnswer = list('filters', filter, 'Word and domain filters.');
export const filterAnswer = wrap('filter', filter, 'The filter as added.');

const trusted = open({ identity: str, label: str, reason: str, created_by: str, created_at: str }, ['identity']);
export const trustedListAnswer = list('trusted', trusted, 'Trusted commenters: their comments skip the queue.');
export const trustedAnswer = wrap('trusted', trusted, 'The commenter as trusted.');

/** `banJson` in api.ts. */
const ban = closed({
  id: int, kind: { type: 'string', enum: ['account', 'email', 'ip'] }, value: str, reason: str, expiresAt: nullableStr, createdBy: str,
  createdAt: str, liftedAt: nullableStr, liftedBy: nullableStr,
});
export const bansAnswer = list('bans', ban, 'Active bans (with `all=1` also lifted and expired ones).');
export const banAnswer = wrap('ban', ban, 'The ban.');

export const removedAnswer = { type: 'null', description: 'Removed; the log keeps who and why.' } as const;
