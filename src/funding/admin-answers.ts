/**
 * Answers of the finance desk's JSON API (issue 17), for the OpenAPI document and the contract
 * check in tests: mandate actions (`publicMandate`: the stored row without the sealed IBAN
 * and hashes, an open object so no column is ever dropped), the full IBAN on request,
 * unmatched transfers, and the plain acknowledgements; with the coded errors.
 *
 * @example
 *   app.post('/api/v1/admin/supporters/mandates/:id/pause', { ...FINANCE, schema: { params: ID, response: financeAnswers(200, mandateAnswer) } }, handler);
 */
import { errorResponses } from '../platform/openapi.js';

export const mandateAnswer = {
  type: 'object', additionalProperties: true, required: ['id'],
  properties: { id: { type: 'integer' }, status: { type: 'string' } },
  description: 'The mandate after the change, as stored, without the sealed IBAN and the hashes.',
} as const;

export const ibanAnswer = { type: 'object', additionalProperties: false, required: ['iban'], properties: { iban: { type: 'string' } }, description: 'The full IBAN; the reveal is in the audit log.' } as const;

export const okAnswer = { type: 'object', additionalProperties: false, required: ['ok'], properties: { ok: { type: 'boolean', enum: [true] } }, description: 'Done.' } as const;

export const unmatchedAnswer = {
  type: 'object', additionalProperties: false, required: ['transfers'], description: 'Incoming transfers no rule could tie to a supporter.',
  properties: {
    transfers: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['id', 'bookedOn', 'amountCents', 'payer', 'reference'],
        properties: { id: { type: 'integer' }, bookedOn: { type: 'string' }, amountCents: { type: 'integer' }, payer: { type: 'string' }, reference: { type: 'string', description: 'The remittance text.' } },
      },
    },
  },
} as const;

export const erasedAnswer = { type: 'null', description: 'Erased; payment records and receipts stay for the retention period.' } as const;

/** A finance route's answer with the coded errors these routes give. */
export const financeAnswers = (status: number, answer: unknown) => ({ [status]: answer, ...errorResponses(400, 401, 403, 404, 409, 422) });

// --- The supporters list, figures and settings, and the public sign-up (issue 17) ---------

const int = { type: 'integer' } as const;

export const supportersAnswer = {
  type: 'object', additionalProperties: false, required: ['supporters'], description: 'Supporters (erased ones left out), by name.',
  properties: {
    supporters: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['id', 'name', 'state', 'amountCents', 'interval', 'totalCents', 'lastPayment', 'mandateId'],
        properties: {
          id: int, name: { type: 'string' },
          state: { type: 'string', enum: ['pending', 'active', 'paused', 'ended', 'transfers'], description: 'Of the current mandate; `transfers` for those who only transfer.' },
          amountCents: { type: ['integer', 'null'] }, interval: { type: ['string', 'null'] }, totalCents: int, lastPayment: { type: ['string', 'null'] }, mandateId: { type: ['integer', 'null'] },
        },
      },
    },
  },
} as const;

export const figuresAnswer = {
  type: 'object', additionalProperties: false, required: ['supporters', 'monthlyCents', 'months'], description: 'Running supporters, their monthly total, new and lost per month (oldest first).',
  properties: {
    supporters: int, monthlyCents: { type: 'number', description: 'Yearly and quarterly gifts counted per month.' },
    months: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['month', 'new', 'lost'], properties: { month: { type: 'string' }, new: int, lost: int } } },
  },
} as const;

/** SupporterSettings: open, so a setting added later is never dropped by the serialiser. */
export const supporterSettingsAnswer = { type: 'object', additionalProperties: true, description: 'Creditor id, lead days, collection day, cap, receipts, thank-you texts, appeals.' } as const;

export const signedUpAnswer = { type: 'object', additionalProperties: false, required: ['status'], properties: { status: { type: 'string', enum: ['check-your-inbox'] } }, description: 'The same answer for every address: a confirmation mail follows.' } as const;

// --- Direct-debit files (issue 17) ------------------------------------------------------

/** ExportedFile of debits.ts without its XML. */
const debitFile = {
  type: 'object', additionalProperties: false, required: ['id', 'collectOn', 'count', 'totalCents', 'status', 'createdAt', 'fileName'],
  properties: {
    id: int, collectOn: { type: 'string', description: 'The collection day (YYYY-MM-DD).' }, count: int, totalCents: int,
    status: { type: 'string', description: '`exported`, `uploaded` or `undone`.' }, createdAt: { type: 'string' }, fileName: { type: 'string' },
  },
} as const;

export const debitFilesAnswer = { type: 'object', additionalProperties: false, required: ['files'], properties: { files: { type: 'array', items: debitFile } }, description: 'The last 50 files, newest first.' } as const;
export const debitFileAnswer = { ...debitFile, description: 'The file after the change.' } as const;
export const debitXmlAnswer = { description: 'The pain.008.001.08 file (an attachment); `x-debits` and `x-export-id` name its count and id.', content: { 'application/xml': { schema: { type: 'string' } } } } as const;

/** ImportReport of statements.ts: counters of one camt.053 import. */
export const statementImportAnswer = {
  type: 'object', additionalProperties: false, required: ['statements', 'lines', 'added', 'booked', 'returned', 'transfers', 'unmatched'],
  description: 'What the statement held and what was booked; `added` is 0 for a file imported already.',
  properties: Object.fromEntries(['statements', 'lines', 'added', 'booked', 'returned', 'transfers', 'unmatched'].map((key) => [key, int])),
};

const openRow = { type: 'object', additionalProperties: true } as const;

/** One supporter for the finance desk: the stored row (without hashes), mandates, payments, receipts. */
export const supporterDetailAnswer = {
  type: 'object', additionalProperties: false, required: ['supporter', 'mandates', 'entries', 'receipts', 'totalCents'],
  properties: {
    supporter: { type: 'object', additionalProperties: true, required: ['id', 'name', 'reference'], properties: { id: { type: 'integer' }, name: { type: 'string' }, reference: { type: 'string' } } },
    mandates: { type: 'array', items: mandateAnswer },
    entries: { type: 'array', items: openRow, description: 'Statement lines booked to this supporter, newest first (at most 200).' },
    receipts: { type: 'array', items: openRow },
    totalCents: { type: 'number', description: 'Given so far, returns taken off.' },
  },
  description: 'A supporter as the finance desk sees it; the IBAN stays sealed (reveal it through the mandate).',
} as const;

/** Everything stored about one supporter (a data access request), with the full IBANs. */
export const supporterExportAnswer = {
  type: 'object', additionalProperties: false, required: ['exportedAt', 'supporter', 'mandates', 'debits', 'payments', 'receipts'],
  properties: {
    exportedAt: { type: 'string' },
    supporter: { type: 'object', additionalProperties: true, required: ['name', 'reference'], properties: { name: { type: 'string' }, reference: { type: 'string' } } },
    mandates: { type: 'array', items: { type: 'object', additionalProperties: true, required: ['reference', 'status'], properties: { reference: { type: 'string' }, status: { type: 'string' }, iban: { type: ['string', 'null'] } } } },
    debits: { type: 'array', items: openRow },
    payments: { type: 'array', items: openRow },
    receipts: { type: 'array', items: openRow },
  },
  description: 'The data export; each one is recorded in the audit log.',
} as const;

/** What issuing a year's receipts did. */
export const receiptsIssuedAnswer = {
  type: 'object', additionalProperties: false, required: ['year', 'issued', 'withoutAddress'],
  properties: { year: { type: 'integer' }, issued: { type: 'integer' }, withoutAddress: { type: 'integer', description: 'Supporters who gave but left no postal address.' } },
  description: 'Receipts issued for the year.',
} as const;
