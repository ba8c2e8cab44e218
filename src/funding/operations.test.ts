// The supporters' operations on SQLite and PostgreSQL: the pain.008 file against the
// official schema, nothing collected twice (also with two exports at once), undo until
// uploaded, a statement imported twice adds nothing, returns pause after the second,
// transfers matched by reference and by IBAN and name, and no IBAN in clear text anywhere.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { eachDatabase } from '../platform/testing.js';
import { AppError } from '../platform/errors.js';
import { camt053, createKit, editor, finance, guest, painSchemaPath, xsdErrors, CREDITOR_ID, SITE_IBAN } from './testkit.js';
import { fundingDb } from './store.js';

const LEA = { name: 'Lea Lang', iban: 'DE02 1203 0000 0000 2020 51', amount: '10' };
const MAX = { name: 'Max Müller', iban: 'DE89370400440532013000'.replace('DE89', 'DE89'), amount: '25,50', interval: 'quarterly' };
// A second valid German IBAN (Bundesbank test account) for Max.
MAX.iban = 'DE75512108001245126199';

let schema: string | null = null;
before(() => {
  schema = painSchemaPath();
});

const text = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

eachDatabase('supporters', (handle, kind) => {
  let kit: ReturnType<typeof createKit>;
  before(async () => {
    kit = createKit(handle());
    await kit.setUp();
  });
  after(() => kit.jobs.stop());

  test('sign-up refuses bad input field by field and stores nothing', async () => {
    const db = fundingDb(handle());
    const bad = [
      [{ iban: 'DE02120300000000202052' }, 'iban', 'IBAN_INVALID'],
      [{ iban: 'BR1500000000000010932840814P2' }, 'iban', 'IBAN_COUNTRY'],
      [{ amount: '0' }, 'amount', 'AMOUNT_INVALID'],
      [{ amount: '1000,01' }, 'amount', 'AMOUNT_INVALID'],
      [{ consent: '' }, 'consent', 'MANDATE_CONSENT'],
      [{ email: 'lea@' }, 'email', 'EMAIL_INVALID'],
    ] as const;
    for (const [patch, field, code] of bad) {
      await assert.rejects(
        kit.supporters.mandates.signUp(guest, { ...LEA, email: 'bad@example.org', interval: 'monthly', consent: 'on', ...patch }),
        (error: AppError) => error.code === code && error.field === field,
        `${field} ${code}`,
      );
    }
    assert.equal((await db.selectFrom('mandates').select('id').execute()).length, 0);
    assert.equal((await db.selectFrom('supporters').select('id').execute()).length, 0);
  });

  test('the pain.008.001.08 file is valid against the official schema and says what it must', async (t) => {
    kit.set('2026-05-04T08:00:00Z');
    await kit.activeMandate(LEA);
    await kit.activeMandate(MAX);
    await assert.rejects(kit.supporters.debits.exportDebits(editor, '2026-06-01'), (e: AppError) => e.code === 'FORBIDDEN');
    const file = await kit.supporters.debits.exportDebits(finance, '2026-06-01');
    assert.equal(file.count, 2);
    assert.equal(file.totalCents, 1000 + 2550);
    const xml = file.xml;
    assert.deepEqual(text(xml, 'NbOfTxs'), ['2', '2']);
    assert.deepEqual(text(xml, 'CtrlSum'), ['35.50', '35.50']);
    assert.deepEqual(text(xml, 'SeqTp'), ['RCUR']);
    assert.deepEqual(text(xml, 'ReqdColltnDt'), ['2026-06-01']);
    assert.ok(xml.includes(`<Id>${CREDITOR_ID}</Id>`));
    assert.deepEqual(text(xml, 'InstdAmt'), ['10.00', '25.50']);
    assert.deepEqual(text(xml, 'DtOfSgntr'), ['2026-05-04', '2026-05-04']);
    assert.equal(text(xml, 'MndtId').length, 2);
    assert.ok(text(xml, 'MndtId').every((id) => /^BW-[0-9A-Z]{12}$/.test(id!)));
    assert.deepEqual(text(xml, 'IBAN'), [SITE_IBAN, 'DE02120300000000202051', 'DE75512108001245126199']);
    assert.ok(xml.includes('<Nm>Max Mueller</Nm>'), 'names in the SEPA character set');
    if (!schema) return t.skip('pain.008.001.08.xsd not found: install Debian libhbci4j-core-java');
    assert.equal(xsdErrors(xml, schema), '');
  });

  test('nothing is collected twice: the same day again, a later day, two exports at once', async () => {
    await assert.rejects(kit.supporters.debits.exportDebits(finance, '2026-06-01'), (e: AppError) => e.code === 'DEBITS_NONE_DUE');
    // July: Lea's monthly debit is due, Max's quarterly one is not.
    const [a, b] = await Promise.allSettled([
      kit.supporters.debits.exportDebits(finance, '2026-07-01'),
      kit.supporters.debits.exportDebits(finance, '2026-07-01'),
    ]);
    const files = [a, b].filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ count: number }>).value);
    assert.equal(files.reduce((n, f) => n + f.count, 0), 1, `${kind}: one debit for July in all files together`);
    const rows = await fundingDb(handle()).selectFrom('debits').select(['mandate_id', 'due_on']).execute();
    assert.equal(new Set(rows.map((r) => `${r.mandate_id}:${r.due_on}`)).size, rows.length);
    assert.equal(rows.length, 3);
  });

  test('an export can be undone until it is confirmed as uploaded', async () => {
    const files = await kit.supporters.debits.list(finance);
    const july = files.find((f) => f.collectOn === '2026-07-01' && f.status === 'exported')!;
    await kit.supporters.debits.undo(finance, july.id);
    const again = await kit.supporters.debits.exportDebits(finance, '2026-07-01');
    assert.equal(again.count, 1);
    await kit.supporters.debits.markUploaded(finance, again.id);
    await assert.rejects(kit.supporters.debits.undo(finance, again.id), (e: AppError) => e.code === 'EXPORT_LOCKED');
  });

  test('statements: debits booked by end-to-end id, twice adds nothing, transfers matched, another account refused', async () => {
    const db = fundingDb(handle());
    const june = await db.selectFrom('debits').select(['end_to_end_id', 'amount_cents']).where('due_on', '=', '2026-06-01').orderBy('id').execute();
    const statement = camt053({
      id: 'STMT-2026-06-02',
      entries: [
        // Both debits in one batch booking, as banks credit a direct debit file.
        { direction: 'CRDT', amount: '35.50', booked: '2026-06-01', code: ['PMNT', 'IDDT', 'ESDD'], gvc: '192', ref: 'A1', txs: june.map((d, i) => ({ e2e: d.end_to_end_id, amount: (Number(d.amount_cents) / 100).toFixed(2), ref: `A1-${i}` })) },
        { direction: 'CRDT', amount: '50.00', booked: '2026-06-01', code: ['PMNT', 'RCDT', 'ESCT'], gvc: '166', ref: 'T1', txs: [{ amount: '50.00', name: 'LANG, LEA', iban: 'DE02120300000000202051', remittance: 'Spende Juni' }] },
        { direction: 'CRDT', amount: '20.00', booked: '2026-06-01', code: ['PMNT', 'RCDT', 'ESCT'], gvc: '166', ref: 'T2', txs: [{ amount: '20.00', name: 'Unbekannte Person', iban: 'DE44500105175407324931', remittance: 'Fuer eure Arbeit' }] },
        { direction: 'DBIT', amount: '4.90', booked: '2026-06-01', code: ['ACMT', 'MDOP', 'CHRG'], gvc: '805', ref: 'F1', txs: [] },
      ],
    });
    const first = await kit.supporters.statements.importStatement(finance, statement);
    assert.deepEqual({ ...first }, { statements: 1, lines: 5, added: 5, booked: 2, returned: 0, transfers: 2, unmatched: 1 });
    const second = await kit.supporters.statements.importStatement(finance, statement);
    assert.equal(second.added, 0, 'the same statement twice adds nothing');
    assert.equal((await db.selectFrom('statement_entries').select('id').execute()).length, 5);
    const unmatched = await kit.supporters.statements.unmatched(finance);
    assert.equal(unmatched.length, 1);
    assert.equal(unmatched[0]!.payer_name, 'Unbekannte Person');

    await assert.rejects(
      kit.supporters.statements.importStatement(finance, camt053({ id: 'OTHER', iban: 'DE44500105175407324931', entries: [] })),
      (e: AppError) => e.code === 'STATEMENT_WRONG_ACCOUNT',
    );
    for (const file of ['<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.08"><BkToCstmrAcctRpt/></Document>', 'not xml', '<a>']) {
      await assert.rejects(kit.supporters.statements.importStatement(finance, file), (e: AppError) => e.code === 'STATEMENT_NOT_CAMT053');
    }
    assert.equal((await db.selectFrom('statement_entries').select('id').execute()).length, 5, 'nothing booked by refused files');
    const list = await kit.supporters.people.list(finance);
    const lea = list.find((r) => r.name === 'Lea Lang')!;
    assert.equal(lea.totalCents, 1000 + 5000, 'debit plus the transfer matched by IBAN and name');
    assert.equal(lea.lastPayment, '2026-06-01');
  });

  test('a transfer with the supporter code in the reference is theirs; returns pause after the second', async () => {
    const db = fundingDb(handle());
    const max = await db.selectFrom('supporters').select(['id', 'reference']).where('name', '=', 'Max Müller').executeTakeFirstOrThrow();
    const lea = await db.selectFrom('mandates').select(['id']).where('account_holder', '=', 'Lea Lang').executeTakeFirstOrThrow();
    const leaDebits = await db.selectFrom('debits').select(['end_to_end_id']).where('mandate_id', '=', lea.id).orderBy('due_on').execute();
    const report = await kit.supporters.statements.importStatement(finance, camt053({
      id: 'STMT-2026-07-03', created: '2026-07-03T06:00:00+02:00',
      entries: [
        { direction: 'CRDT', amount: '15.00', booked: '2026-07-01', code: ['PMNT', 'RCDT', 'ESCT'], gvc: '166', ref: 'T3', txs: [{ amount: '15.00', name: 'Someone Else', remittance: `Danke ${max.reference.toLowerCase()}` }] },
        { direction: 'DBIT', amount: '13.00', booked: '2026-07-02', code: ['PMNT', 'IDDT', 'UPDD'], gvc: '109', ref: 'R1', reversal: true, txs: [{ e2e: leaDebits[0]!.end_to_end_id, amount: '10.00', returnReason: 'AC04', name: 'Lea Lang' }] },
        { direction: 'DBIT', amount: '13.00', booked: '2026-07-03', code: ['PMNT', 'IDDT', 'UPDD'], gvc: '109', ref: 'R2', reversal: true, txs: [{ e2e: leaDebits[1]!.end_to_end_id, amount: '10.00', returnReason: 'MD06', name: 'Lea Lang' }] },
      ],
    }));
    assert.equal(report.transfers, 1);
    assert.equal(report.unmatched, 0);
    assert.equal(report.returned, 2);
    const returned = await db.selectFrom('debits').select(['status', 'return_reason']).where('mandate_id', '=', lea.id).orderBy('due_on').execute();
    assert.deepEqual(returned.map((r) => [r.status, r.return_reason]), [['returned', 'AC04'], ['returned', 'MD06']]);
    const mandate = await db.selectFrom('mandates').select(['status', 'pause_reason', 'returns']).where('id', '=', lea.id).executeTakeFirstOrThrow();
    assert.deepEqual({ ...mandate, returns: Number(mandate.returns) }, { status: 'paused', pause_reason: 'returns', returns: 2 });
    const jobs = await handle().db.withTables<{ jobs: { kind: string; payload: string } }>().selectFrom('jobs').select(['kind', 'payload']).execute();
    assert.ok(jobs.some((j) => j.kind === 'supporters.mail' && JSON.parse(j.payload).kind === 'paused'), 'the supporter is told');
    const maxRow = (await kit.supporters.people.list(finance)).find((r) => r.name === 'Max Müller')!;
    assert.equal(maxRow.totalCents, 2550 + 1500);
  });

  test('IBANs are never in the database in clear text; the full IBAN is shown only audited', async () => {
    const dump: string[] = [];
    const tables = ['supporters', 'mandates', 'debits', 'debit_exports', 'statement_entries', 'statements', 'jobs', 'supporter_accounts'];
    for (const table of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(handle().db);
      dump.push(JSON.stringify(rows.rows));
    }
    const all = dump.join('\n');
    // Also the stored pain.008 files, which name every debtor's account, are sealed.
    for (const iban of ['DE02120300000000202051', 'DE75512108001245126199', '1203000000002020', '5121080012451261']) {
      assert.ok(!all.includes(iban), `${iban} in clear text`);
    }
    assert.ok(all.includes('DE02 •••• •••• 2051'), 'masked for display');
    const mandate = await fundingDb(handle()).selectFrom('mandates').select('id').where('account_holder', '=', 'Lea Lang').executeTakeFirstOrThrow();
    await assert.rejects(kit.supporters.mandates.revealIban(editor, mandate.id), (e: AppError) => e.code === 'FORBIDDEN');
    const before = kit.audit.filter((a) => a.action === 'supporters.iban.view').length;
    assert.equal(await kit.supporters.mandates.revealIban(finance, mandate.id), 'DE02 1203 0000 0000 2020 51');
    assert.equal(kit.audit.filter((a) => a.action === 'supporters.iban.view').length, before + 1);
  });
});
