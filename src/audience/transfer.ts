/**
 * Subscribers in and out as CSV, with the consent record: when each reader signed up and
 * confirmed (DSGVO Art. 7(1): the newsroom must be able to show consent). Imports take
 * only readers whose consent time is given; suppressions (unsubscribed, bounced) can be
 * imported too, so a move from another tool does not mail people who left there.
 *
 * @example
 *   const csv = await exportSubscribers(db);
 *   const report = await importSubscribers({ db, secret, now }, csv);
 *   // { imported: 120, existing: 3, errors: [{ row: 7, reason: 'invalid e-mail address' }] }
 */
import { AppError } from '../platform/errors.js';
import { emailHash } from '../platform/privacy.js';
import { normaliseEmail } from './address.js';
import { CsvError, parseCsv, restoreCell, toCsv } from './csv.js';
import { cleanName } from './subscriptions.js';
import { insertSubscriber, setTopics, topicsOfMany, type AudienceDb } from './store.js';
import type { SubscriberStatus } from './types.js';

export const CSV_COLUMNS = ['email', 'name', 'topics', 'status', 'source', 'subscribed_at', 'confirmed_at', 'unsubscribed_at', 'bounced_at'] as const;
const PAGE = 1000;
const CHUNK = 500;
const MAX_ERRORS = 100;
const TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Every subscriber whose address we still hold; a UTF-8 BOM so Excel reads the umlauts. */
export async function exportSubscribers(db: AudienceDb): Promise<string> {
  const lines: string[][] = [[...CSV_COLUMNS]];
  for (let after = 0; ; ) {
    const rows = await db.selectFrom('subscribers').selectAll().where('email', 'is not', null).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    if (rows.length === 0) break;
    const topics = await topicsOfMany(db, rows.map((r) => r.id));
    for (const r of rows) {
      lines.push([r.email ?? '', r.name, (topics.get(r.id) ?? []).join(' '), r.status, r.source, r.subscribed_at, r.confirmed_at ?? '', r.unsubscribed_at ?? '', r.bounced_at ?? '']);
    }
    after = rows.at(-1)!.id;
  }
  return '\ufeff' + toCsv(lines);
}

export interface ImportReport {
  imported: number;
  /** Addresses we already had: left as they are (their state here is newer). */
  existing: number;
  /** Rows not imported, by data row number (1 = the first row after the header). */
  errors: { row: number; reason: string }[];
}

interface ImportDeps {
  db: AudienceDb;
  secret: string;
  now: () => Date;
}

function time(value: string, now: Date): string | null | 'invalid' {
  if (!value) return null;
  const date = TIME.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()) || date > now) return 'invalid';
  return date.toISOString();
}

interface ImportRow {
  email: string;
  name: string;
  topics: string[];
  status: SubscriberStatus;
  subscribed: string | null;
  confirmed: string | null;
  left: string | null;
  bounced: string | null;
}

/** One data row checked; `cell(name)` answers the trimmed value of a named column. */
export function readImportRow(cell: (name: string) => string, now: Date): ImportRow | string {
  const email = normaliseEmail(cell('email'));
  if (!email) return 'invalid e-mail address';
  const status = (cell('status') || 'active').toLowerCase();
  if (status !== 'active' && status !== 'unsubscribed' && status !== 'bounced') {
    return `status must be active, unsubscribed or bounced, not "${status}"`;
  }
  const [subscribed, confirmed, left, bounced] = ['subscribed_at', 'confirmed_at', 'unsubscribed_at', 'bounced_at'].map((c) => time(cell(c), now));
  if ([subscribed, confirmed, left, bounced].includes('invalid')) return 'a time is not ISO 8601 (2026-05-01T10:00:00Z) or lies in the future';
  if (status === 'active' && !confirmed) return 'no consent time (confirmed_at): this address must not be mailed';
  let name: string;
  try {
    name = cleanName(cell('name'));
  } catch {
    return 'name too long';
  }
  const topics = cell('topics').split(/[\s,;|]+/).filter((t) => SLUG.test(t));
  return { email, name, topics, status, subscribed: subscribed ?? null, confirmed: confirmed ?? null, left: left ?? null, bounced: bounced ?? null };
}

export async function importSubscribers(deps: ImportDeps, csv: string): Promise<ImportReport> {
  let rows: string[][];
  try {
    rows = parseCsv(csv).map((row) => row.map(restoreCell));
  } catch (error) {
    if (error instanceof CsvError) throw new AppError('VALIDATION', { field: 'csv', detail: error.message });
    throw error;
  }
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  if (!header.includes('email')) throw new AppError('VALIDATION', { field: 'csv', detail: 'the first row must name the columns, among them "email"' });
  const report: ImportReport = { imported: 0, existing: 0, errors: [] };
  const now = deps.now();
  const iso = now.toISOString();
  const seen = new Set<string>();

  for (let start = 0; start < rows.length; start += CHUNK) {
    // One transaction per chunk: a huge file neither holds the database long nor is all-or-nothing.
    await deps.db.transaction().execute(async (tx) => {
      for (let i = start; i < Math.min(rows.length, start + CHUNK); i++) {
        const cells = rows[i]!;
        const read = readImportRow((name) => (cells[header.indexOf(name)] ?? '').trim(), now);
        if (typeof read === 'string') {
          if (report.errors.length < MAX_ERRORS) report.errors.push({ row: i + 1, reason: read });
          continue;
        }
        if (seen.has(read.email)) {
          report.existing++;
          continue;
        }
        seen.add(read.email);
        const gone = read.status === 'unsubscribed';
        const { row, created } = await insertSubscriber(tx, {
          // An imported unsubscribe is kept the way our own are: the hash, not the address.
          email: gone ? null : read.email,
          email_hash: emailHash(read.email, deps.secret),
          name: gone ? '' : read.name,
          status: read.status,
          source: 'import',
          subscribed_at: read.subscribed ?? read.confirmed ?? iso,
          confirmed_at: read.confirmed,
          unsubscribed_at: gone ? (read.left ?? iso) : null,
          bounced_at: read.status === 'bounced' ? (read.bounced ?? iso) : null,
          bounce_reason: read.status === 'bounced' ? 'imported' : null,
          confirm_sent_at: null,
          updated_at: iso,
        });
        if (!created) {
          report.existing++;
          continue;
        }
        if (read.status === 'active') await setTopics(tx, row.id, read.topics);
        report.imported++;
      }
    });
  }
  return report;
}
