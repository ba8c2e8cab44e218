/**
 * The answers of the corrections API (issue 17), for the OpenAPI document and the contract
 * check in tests: what `routes.ts` really sends (its `toJson`, the service's results and the
 * `correction_log` rows), plus the coded errors each route can give.
 *
 * @example
 *   app.get('/api/v1/admin/corrections', { ...EDITORS, schema: { querystring, response: { 200: suggestionsAnswer, ...errorResponses(400, 401, 403) } } }, handler);
 */
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const nullableInt = { type: ['integer', 'null'] } as const;
const closed = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', additionalProperties: false, required, properties }) as const;

/** A public correction note (service `CorrectionNote`; `createdAt` is a Date sent as ISO text). */
const note = closed({ id: int, text: str, createdAt: { type: 'string', format: 'date-time' } });

export const suggestedAnswer = { ...closed({ id: int, status: { type: 'string', enum: ['open'] } }), description: 'The suggestion, waiting in the editors’ inbox.' };

const suggestion = closed({
  id: int,
  article: closed({ id: int, slug: str, title: str }),
  passage: str,
  replacement: str,
  kind: { type: 'string', enum: ['typo', 'fact'] },
  note: str,
  place: closed({ block: nullableInt, field: str }),
  reader: closed({ name: str, email: str }),
  status: { type: 'string', enum: ['open', 'applied', 'dismissed'] },
  createdAt: str,
  decidedAt: nullableStr,
  decidedBy: nullableStr,
});

export const suggestionsAnswer = { ...closed({ suggestions: { type: 'array', items: suggestion } }), description: 'Suggestions with the given status (default `open`).' };

export const appliedAnswer = {
  ...closed({
    id: int,
    status: { type: 'string', enum: ['applied'] },
    article: closed({ id: int, slug: str, revisedAt: { type: ['string', 'null'], format: 'date-time' } }),
    note: { anyOf: [note, { type: 'null' }] },
  }),
  description: 'Applied as a new revision of the article; `note` is the public correction note, if one was given.',
};

export const dismissedAnswer = { ...closed({ id: int, status: { type: 'string', enum: ['dismissed'] } }), description: 'Dismissed.' };

export const noteAnswer = { ...note, description: 'The public correction note, shown under the article.' };

const logEntry = closed({
  id: int,
  action: { type: 'string', description: '`apply`, `dismiss` or `note`.' },
  suggestion_id: nullableInt,
  article_id: int,
  actor_user_id: nullableInt,
  actor: str,
  reason: str,
  detail: str,
  created_at: str,
});

export const logAnswer = { ...closed({ entries: { type: 'array', items: logEntry } }), description: 'The decision log, newest first.' };
