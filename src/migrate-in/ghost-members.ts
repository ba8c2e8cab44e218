/**
 * Ghost members as newsletter subscribers, with their consent state: the CSV our
 * newsletter imports (audience/transfer.ts). Which members agreed to mail:
 *
 * - Ghost 5: a member with at least one `members_newsletters` row is subscribed;
 * - Ghost 3–4: the member's own `subscribed` flag;
 * - otherwise the latest `members_subscribe_events` entry.
 *
 * Subscribed members become active, with the time they subscribed as consent time (Ghost
 * confirms sign-ups by a mailed link, its double opt-in); the others are imported as
 * unsubscribed, so only the keyed hash of their address is kept and no later import can
 * mail them; addresses Ghost marked undeliverable (`email_disabled`) come in as bounced.
 *
 * @example
 *   const { csv, count } = membersCsv(data, new Date());
 *   await newsletter.importCsv(csv);
 */
export interface GhostData {
  posts: unknown[];
  [table: string]: unknown;
}

export type Row = Record<string, unknown>;
/** A JSON value as text ('' for anything else): Ghost ids are strings, older ones numbers. */
export const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
/** A JSON table as rows, whatever the file holds there. */
export const rows = (value: unknown): Row[] => (Array.isArray(value) ? value.filter((r): r is Row => Boolean(r) && typeof r === 'object') : []);

function iso(value: unknown, now: Date): string {
  const text = str(value);
  const date = typeof value === 'number' ? new Date(value) : new Date(/^\d{4}-\d{2}-\d{2} \d/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  if (Number.isNaN(date.getTime()) || date > now) return now.toISOString();
  return date.toISOString();
}

function cell(value: string): string {
  // Formula characters are escaped the way the newsletter's own CSV does (it reverses this).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface MembersCsv {
  csv: string;
  count: number;
  /** Member ids in CSV row order (row 1 = ids[0]), to name rows the import refused. */
  ids: string[];
  skipped: Record<string, number>;
}

export function membersCsv(data: GhostData, now: Date): MembersCsv {
  const members = rows(data.members);
  const hasNewsletters = Array.isArray(data.members_newsletters);
  const withNewsletter = new Set(rows(data.members_newsletters).map((r) => str(r.member_id)));
  const events = new Map<string, Row[]>();
  for (const event of rows(data.members_subscribe_events)) {
    const list = events.get(str(event.member_id)) ?? [];
    list.push(event);
    events.set(str(event.member_id), list);
  }
  const lines = ['email,name,status,subscribed_at,confirmed_at,unsubscribed_at,bounced_at'];
  const ids: string[] = [];
  const skipped: Record<string, number> = {};
  for (const member of members) {
    const id = str(member.id);
    const email = str(member.email).trim();
    if (!email) {
      skipped['member without an e-mail address'] = (skipped['member without an e-mail address'] ?? 0) + 1;
      continue;
    }
    const history = (events.get(id) ?? []).sort((a, b) => str(a.created_at).localeCompare(str(b.created_at)));
    const last = history.at(-1);
    let subscribed: boolean | null = null;
    if (hasNewsletters) subscribed = withNewsletter.has(id);
    else if (typeof member.subscribed === 'boolean' || member.subscribed === 0 || member.subscribed === 1) subscribed = Boolean(member.subscribed);
    else if (last) subscribed = Boolean(last.subscribed);
    if (subscribed === null) {
      skipped['member without consent information'] = (skipped['member without consent information'] ?? 0) + 1;
      continue;
    }
    const joined = iso(member.created_at, now);
    const consent = iso([...history].reverse().find((e) => Boolean(e.subscribed))?.created_at ?? member.created_at, now);
    const bounced = member.email_disabled === true || member.email_disabled === 1;
    const status = bounced ? 'bounced' : subscribed ? 'active' : 'unsubscribed';
    const left = status === 'unsubscribed' ? iso(last && !last.subscribed ? last.created_at : member.updated_at ?? member.created_at, now) : '';
    lines.push(
      [email, str(member.name), status, joined, subscribed ? consent : '', left, bounced ? iso(member.updated_at ?? member.created_at, now) : ''].map(cell).join(','),
    );
    ids.push(id);
  }
  return { csv: `${lines.join('\r\n')}\r\n`, count: ids.length, ids, skipped };
}
