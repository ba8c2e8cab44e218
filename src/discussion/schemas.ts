/**
 * One schema per discussion input. The limits here give the JSON API its validation (and
 * so the OpenAPI document), the plain form its `maxlength`, and the operations their checks;
 * `fieldErrors` makes a schema failure answer with the code the operation would give, so
 * the same mistake gets the same error whichever door it came through.
 *
 * @example
 *   app.post(url, { schema: { body: commentInput.api }, config: { access: 'public', fieldErrors: commentInput.fieldErrors } }, …);
 *   html`<textarea name="body" maxlength="${COMMENT_LIMITS.body}">`;
 */
import type { ErrorCode } from '../platform/errors.js';
import { formField } from '../platform/http.js';
import { MAX_COMMENT_LENGTH } from './text/validate.js';

export const COMMENT_LIMITS = { body: MAX_COMMENT_LENGTH, name: 80, email: 254 } as const;

/** What a comment is made of, whichever door it came through. */
export interface CommentInput {
  body: string;
  parentId: number | null;
  /** Only for guests: staff and signed-in readers write under their account's name. */
  name?: string;
  email?: string;
  /** "E-mail me about replies". */
  notify: boolean;
  /** What only a plain form carries: the honeypot field and the signed form stamp. */
  form?: { honeypot: string | undefined; stamp: string | undefined };
}

const ID = /^[1-9][0-9]{0,9}$/;

export const commentInput = {
  api: {
    type: 'object',
    required: ['body'],
    properties: {
      body: { type: 'string', maxLength: COMMENT_LIMITS.body },
      parentId: { type: ['integer', 'null'], minimum: 1 },
      name: { type: 'string', maxLength: COMMENT_LIMITS.name },
      email: { type: 'string', maxLength: COMMENT_LIMITS.email },
      notify: { type: 'boolean' },
    },
    additionalProperties: false,
  },

  fieldErrors: {
    body: 'COMMENT_TOO_LONG',
    name: 'NAME_TOO_LONG',
    email: 'EMAIL_INVALID',
    parentId: 'COMMENT_PARENT_INVALID',
  } satisfies Record<string, ErrorCode>,

  fromApi(body: { body: string; parentId?: number | null; name?: string; email?: string; notify?: boolean }): CommentInput {
    return { body: body.body, parentId: body.parentId ?? null, name: body.name, email: body.email, notify: body.notify === true };
  },

  /** A form's fields are all text; a malformed parent id is the operation's to refuse. */
  fromForm(raw: unknown): CommentInput {
    const parent = formField(raw, 'parentId');
    return {
      body: formField(raw, 'body') ?? '',
      parentId: parent === undefined || parent === '' ? null : ID.test(parent) ? Number(parent) : -1,
      name: formField(raw, 'name'),
      email: formField(raw, 'email'),
      notify: formField(raw, 'notify') === '1',
      form: { honeypot: formField(raw, 'website'), stamp: formField(raw, 'stamp') },
    };
  },
};

export const editInput = {
  api: { type: 'object', required: ['body'], properties: { body: { type: 'string', maxLength: COMMENT_LIMITS.body } }, additionalProperties: false },
  fieldErrors: { body: 'COMMENT_TOO_LONG' } satisfies Record<string, ErrorCode>,
};

export const MODERATION_ACTIONS = ['approve', 'reject', 'spam'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];
export const BULK_MAX = 200;
export const REASON_MAX = 2000;

export const decisionInput = {
  single: { type: ['object', 'null'], properties: { reason: { type: 'string', maxLength: REASON_MAX } }, additionalProperties: false },
  bulk: {
    type: 'object',
    required: ['ids', 'action'],
    additionalProperties: false,
    properties: {
      ids: { type: 'array', minItems: 1, maxItems: BULK_MAX, items: { type: 'integer', minimum: 1 } },
      action: { type: 'string', enum: [...MODERATION_ACTIONS] },
      reason: { type: 'string', maxLength: REASON_MAX },
    },
  },
};
