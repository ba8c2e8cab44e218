/**
 * Calendar arithmetic for direct debits, on ISO days (`2026-06-01`) so no time zone can
 * shift a collection by a day. Pure.
 *
 * @example
 *   firstDue('2026-05-04', 14, 1);        // '2026-06-01' (the first collection day at least 14 days ahead)
 *   addMonths('2026-01-31', 1);           // '2026-02-28'
 *   duesThrough('2026-06-01', 'monthly', '2026-08-15'); // ['2026-06-01', '2026-07-01', '2026-08-01']
 */
import { INTERVAL_MONTHS, type Interval } from './types.js';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day in ISO form, else null. */
export function parseDay(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DAY.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value ? value : null;
}

/** The day of a moment as Berlin sees it: collections are German banking days. */
export function dayOf(moment: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(moment);
  return parts;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Months later, on the same day of the month or the month's last day if it has fewer. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/**
 * The first collection day (`collectionDay` of a month) that leaves the reader at least
 * `leadDays` of notice after `today`.
 */
export function firstDue(today: string, leadDays: number, collectionDay: number): string {
  const earliest = addDays(today, leadDays);
  const [y, m] = earliest.split('-').map(Number) as [number, number];
  let candidate = `${y}-${String(m).padStart(2, '0')}-${String(collectionDay).padStart(2, '0')}`;
  if (candidate < earliest) candidate = addMonths(candidate, 1);
  return candidate;
}

export function nextDue(day: string, interval: Interval): string {
  return addMonths(day, INTERVAL_MONTHS[interval]);
}

/** Every due day from `from` (inclusive) through `through`, one interval apart. */
export function duesThrough(from: string, interval: Interval, through: string, limit = 120): string[] {
  const days: string[] = [];
  // Months are added to the first day each time, so the 31st stays the 31st where it exists.
  for (let i = 0, day = from; day <= through && i < limit; i++, day = addMonths(from, i * INTERVAL_MONTHS[interval])) days.push(day);
  return days;
}

/** What a recurring amount is worth per month (the newsroom's "monthly recurring total"). */
export function monthlyCents(amountCents: number, interval: Interval): number {
  return Math.round(amountCents / INTERVAL_MONTHS[interval]);
}
