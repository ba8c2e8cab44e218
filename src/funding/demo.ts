/**
 * The demo newsroom's supporters: a test creditor identifier, so a newcomer sees the
 * sign-up on `/support/`, and a handful of fictional supporters with a few months of
 * history, so `/admin/supporters/` shows real figures and a chart. Everything goes through
 * the same operations as the newsroom (sign-up, double opt-in, pain.008 export, camt.053
 * import), on a clock moved through the past months; mail jobs are dropped, because these
 * people do not exist. Runs once: a site that has supporters' settings is left alone.
 *
 * @example
 *   await seedDemoSupporters({ database, settings, secret, fundingKey: null, now, lang: 'de' });
 */
import type { DatabaseHandle } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import type { Language } from '../platform/i18n.js';
import type { SettingsService } from '../platform/settings.js';
import type { FundingCaller } from './caller.js';
import { addDays, dayOf } from './schedule.js';
import { createSupporters } from './service.js';
import { fundingDb } from './store.js';
import { confirmToken } from './tokens.js';
import type { Interval } from './types.js';

/** The test creditor identifier the Bundesbank publishes for examples. */
export const DEMO_CREDITOR_ID = 'DE98ZZZ09999999999';

export interface DemoSupportersDeps {
  database: Pick<DatabaseHandle, 'db'>;
  settings: Pick<SettingsService, 'get'>;
  secret: string;
  fundingKey: string | null;
  now: () => Date;
  lang: Language;
}

interface DemoPerson {
  name: string;
  amount: string;
  interval: Interval;
  /** Months before this one the mandate was given, and the day of that month. */
  since: [months: number, day: number];
  /** Months before this one the supporter ended the mandate. */
  endedMonthsAgo?: number;
  /** The month (months ago) whose debit comes back from the bank. */
  returnMonthsAgo?: number;
  note?: Record<Language, string>;
}

const PEOPLE: DemoPerson[] = [
  { name: 'Mara Lindner', amount: '10', interval: 'monthly', since: [7, 4], note: { de: 'Hat beim Sommerfest unterschrieben.', en: 'Signed up at the summer fair.' } },
  { name: 'Jonas Weber', amount: '5', interval: 'monthly', since: [6, 12] },
  { name: 'Elif Kaya', amount: '25', interval: 'monthly', since: [5, 3], returnMonthsAgo: 2 },
  { name: 'Paul Richter', amount: '30', interval: 'quarterly', since: [4, 9] },
  { name: 'Sophie Brandt', amount: '15', interval: 'monthly', since: [3, 2], endedMonthsAgo: 1 },
  { name: 'Tom Hansen', amount: '120', interval: 'yearly', since: [2, 7] },
  { name: 'Lena Vogt', amount: '12', interval: 'monthly', since: [1, 20] },
  { name: 'Nina Albers', amount: '20', interval: 'monthly', since: [5, 21] },
  { name: 'David Roth', amount: '8', interval: 'monthly', since: [2, 16], endedMonthsAgo: 0 },
  { name: 'Clara Becker', amount: '50', interval: 'yearly', since: [0, 1] },
];

/** A valid German IBAN from a bank code and an account number (ISO 13616 check digits). */
export function demoIban(bankCode: string, account: number): string {
  const bban = `${bankCode}${String(account).padStart(10, '0')}`;
  const check = 98n - (BigInt(`${bban}131400`) % 97n);
  return `DE${String(check).padStart(2, '0')}${bban}`;
}

/** The first day of the month `back` months before `today`'s, plus `day - 1` days. */
function monthDay(today: string, back: number, day: number): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - back, day)).toISOString().slice(0, 10);
}

interface Line {
  direction: 'CRDT' | 'DBIT';
  cents: number;
  e2e?: string;
  name: string;
  iban?: string;
  remittance?: string;
  returnReason?: string;
}

const money = (cents: number) => (cents / 100).toFixed(2);
const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A camt.053.001.08 statement of one booking day, as the bank would offer it for download. */
function statement(id: string, iban: string, booked: string, lines: Line[]): string {
  const entries = lines.map((line, i) => {
    const code = line.returnReason ? 'PMNT/IDDT/UPDD' : line.e2e ? 'PMNT/IDDT/ESDD' : 'PMNT/RCDT/ESCT';
    const [domain, family, sub] = code.split('/');
    return `<Ntry><Amt Ccy="EUR">${money(line.cents)}</Amt><CdtDbtInd>${line.direction}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>${booked}</Dt></BookgDt><ValDt><Dt>${booked}</Dt></ValDt><AcctSvcrRef>${id}-${i + 1}</AcctSvcrRef>
<BkTxCd><Domn><Cd>${domain}</Cd><Fmly><Cd>${family}</Cd><SubFmlyCd>${sub}</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>${line.e2e ?? 'NOTPROVIDED'}</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">${money(line.cents)}</Amt></TxAmt></AmtDtls>
<RltdPties><Dbtr><Pty><Nm>${xml(line.name)}</Nm></Pty></Dbtr>${line.iban ? `<DbtrAcct><Id><IBAN>${line.iban}</IBAN></Id></DbtrAcct>` : ''}</RltdPties>
${line.remittance ? `<RmtInf><Ustrd>${xml(line.remittance)}</Ustrd></RmtInf>` : ''}${line.returnReason ? `<RtrInf><Rsn><Cd>${line.returnReason}</Cd></Rsn></RtrInf>` : ''}</TxDtls></NtryDtls></Ntry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>${id}</MsgId><CreDtTm>${booked}T06:00:00Z</CreDtTm></GrpHdr>
<Stmt><Id>${id}</Id><CreDtTm>${booked}T06:00:00Z</CreDtTm><Acct><Id><IBAN>${iban}</IBAN></Id></Acct>${entries.join('\n')}</Stmt></BkToCstmrStmt></Document>`;
}

/** Seeds the demo's supporters once; answers how many it added (0 when there were some). */
export async function seedDemoSupporters(deps: DemoSupportersDeps): Promise<number> {
  const db = fundingDb(deps.database);
  const existing = await db.selectFrom('supporter_settings').select('key').executeTakeFirst();
  if (existing) return 0;
  const today = dayOf(deps.now());
  let clock = new Date(`${monthDay(today, 8, 1)}T08:00:00Z`);
  const at = (day: string, hour = 8) => (clock = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`));
  const supporters = createSupporters({
    handle: deps.database,
    // These people do not exist: their mails are dropped, not queued.
    jobs: { enqueue: async () => null, wake: () => undefined },
    settings: deps.settings,
    audit: { record: async () => undefined },
    limit: async () => undefined,
    secret: deps.secret,
    fundingKey: deps.fundingKey,
    publicUrl: '',
    now: () => clock,
  });
  await supporters.settings.update({ creditorId: DEMO_CREDITOR_ID });
  const { iban: ownIban } = await deps.settings.get('donation');
  const staff: FundingCaller = { kind: 'staff', staff: { id: 0, name: 'Demo', role: 'owner' }, ipHash: 'demo' };
  const guest: FundingCaller = { kind: 'guest', ipHash: 'demo' };

  // Every event of the past months in the order it happened.
  type Event = { day: string; run: () => Promise<void> };
  const events: Event[] = [];
  const mandateOf = new Map<string, { id: number; supporterId: number; iban: string }>();
  PEOPLE.forEach((person, i) => {
    const day = monthDay(today, person.since[0], person.since[1]);
    events.push({
      day,
      run: async () => {
        const iban = demoIban(['12030000', '43060967', '50010517', '10020030'][i % 4]!, 1_234_560 + i * 7_919);
        const email = `${person.name.toLowerCase().replace(/\s+/g, '.')}@example.org`;
        await supporters.mandates.signUp(guest, { name: person.name, email, iban, amount: person.amount, interval: person.interval, consent: 'on', street: '', postcode: '', city: '' });
        const row = await db.selectFrom('mandates').innerJoin('supporters', 'supporters.id', 'mandates.supporter_id').select(['mandates.id', 'supporters.id as supporterId'])
          .where('supporters.name', '=', person.name).where('mandates.status', '=', 'pending').executeTakeFirstOrThrow();
        at(day, 19);
        await supporters.mandates.confirm(confirmToken(deps.secret, row.id, clock));
        mandateOf.set(person.name, { id: row.id, supporterId: row.supporterId, iban });
        if (person.note) await supporters.mandates.note(staff, row.supporterId, person.note[deps.lang]);
      },
    });
    if (person.endedMonthsAgo !== undefined) {
      const ended = monthDay(today, person.endedMonthsAgo, 14);
      events.push({ day: ended > today ? today : ended, run: async () => void (await supporters.mandates.end({ staff }, mandateOf.get(person.name)!.id)) });
    }
  });

  // A collection on the 1st of every month that has come: the file made three days
  // before, the bank's statement the day after, with one return and two transfers.
  for (let back = 7; back >= 0; back--) {
    const collect = monthDay(today, back, 1);
    if (collect > today) continue;
    events.push({
      day: addDays(collect, -3),
      run: async () => {
        const file = await supporters.debits.exportDebits(staff, collect).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'DEBITS_NONE_DUE') return null;
          throw error;
        });
        if (!file) return;
        await supporters.debits.markUploaded(staff, file.id);
        const debits = await db.selectFrom('debits').innerJoin('supporters', 'supporters.id', 'debits.supporter_id')
          .select(['debits.end_to_end_id', 'debits.amount_cents', 'supporters.name']).where('debits.export_id', '=', file.id).execute();
        const booked = addDays(collect, 1);
        if (booked > today) return;
        at(booked, 6);
        const lines: Line[] = debits.map((d) => ({ direction: 'CRDT', cents: Number(d.amount_cents), e2e: d.end_to_end_id, name: d.name }));
        for (const person of PEOPLE.filter((p) => p.returnMonthsAgo === back)) {
          const debit = debits.find((d) => d.name === person.name);
          if (debit) lines.push({ direction: 'DBIT', cents: Number(debit.amount_cents), e2e: debit.end_to_end_id, name: person.name, returnReason: 'AM04' });
        }
        if (back === 3) {
          const mara = mandateOf.get('Mara Lindner');
          const reference = mara ? (await db.selectFrom('supporters').select('reference').where('id', '=', mara.supporterId).executeTakeFirstOrThrow()).reference : '';
          lines.push({ direction: 'CRDT', cents: 2000, name: 'Mara Lindner', iban: mara?.iban, remittance: `${reference} ${deps.lang === 'de' ? 'Extra fuer die Wahlberichterstattung' : 'Extra for the election coverage'}` });
        }
        if (back === 1) lines.push({ direction: 'CRDT', cents: 5000, name: 'K. Neumann', iban: demoIban('76010085', 4_711_001), remittance: deps.lang === 'de' ? 'Danke fuer die Recherche zum Stadtrat' : 'Thanks for the city council story' });
        await supporters.statements.importStatement(staff, statement(`DEMO-${booked}`, ownIban, booked, lines));
      },
    });
  }

  events.sort((a, b) => a.day.localeCompare(b.day));
  for (const event of events) {
    at(event.day);
    await event.run();
  }
  return PEOPLE.length;
}
