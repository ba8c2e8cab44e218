// The yearly donation receipt: issued from booked gifts (a returned debit is not a gift),
// once per supporter and year, rendered as a PDF that poppler turns into a PNG page and
// whose text holds the supporter's total, in figures and in words, and the year.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eachDatabase } from '../platform/testing.js';
import { camt053, createKit, finance } from './testkit.js';
import { fundingDb } from './store.js';

eachDatabase('receipts', (handle) => {
  let kit: ReturnType<typeof createKit>;
  before(async () => {
    kit = createKit(handle(), '2026-05-04T08:00:00Z');
    await kit.setUp({
      nonProfit: true,
      receipt: {
        purpose: 'der Volksbildung', taxOffice: 'Leipzig I', taxNumber: '231/140/12345', basis: 'exemption', noticeDate: '2025-03-14', period: '2023',
        issuer: 'Stadtblatt gGmbH\nKarl-Liebknecht-Straße 12, 04107 Leipzig', place: 'Leipzig', signatory: '', machineMade: true,
      },
    });
  });
  after(() => kit.jobs.stop());

  test('a receipt for the year: total and year in the PDF, rendered by pdftoppm', async () => {
    await kit.supporters.mandates.signUp({ kind: 'guest', ipHash: 'x' }, {
      name: 'Lea Lang', email: 'lea@example.org', iban: 'DE02120300000000202051', amount: '10', interval: 'monthly', consent: 'on',
      street: 'Lindenauer Markt 1', postcode: '04177', city: 'Leipzig',
    });
    const db = fundingDb(handle());
    const pending = await db.selectFrom('mandates').select('id').executeTakeFirstOrThrow();
    const { confirmToken } = await import('./tokens.js');
    await kit.supporters.mandates.confirm(confirmToken('test-secret-for-supporters', pending.id, kit.now()));
    const june = await kit.supporters.debits.exportDebits(finance, '2026-06-01');
    const july = await kit.supporters.debits.exportDebits(finance, '2026-07-01');
    const e2e = async (exportId: number) => (await db.selectFrom('debits').select('end_to_end_id').where('export_id', '=', exportId).executeTakeFirstOrThrow()).end_to_end_id;
    const supporter = await db.selectFrom('supporters').select(['reference']).executeTakeFirstOrThrow();
    await kit.supporters.statements.importStatement(finance, camt053({
      id: 'S-2026', entries: [
        { direction: 'CRDT', amount: '10.00', booked: '2026-06-01', code: ['PMNT', 'IDDT', 'ESDD'], gvc: '192', ref: 'D1', txs: [{ e2e: await e2e(june.id), amount: '10.00' }] },
        { direction: 'CRDT', amount: '10.00', booked: '2026-07-01', code: ['PMNT', 'IDDT', 'ESDD'], gvc: '192', ref: 'D2', txs: [{ e2e: await e2e(july.id), amount: '10.00' }] },
        { direction: 'DBIT', amount: '13.00', booked: '2026-07-04', code: ['PMNT', 'IDDT', 'UPDD'], gvc: '109', ref: 'R1', reversal: true, txs: [{ e2e: await e2e(july.id), amount: '10.00', returnReason: 'MS02' }] },
        { direction: 'CRDT', amount: '100.00', booked: '2026-11-20', code: ['PMNT', 'RCDT', 'ESCT'], gvc: '166', ref: 'T1', txs: [{ amount: '100.00', name: 'Lea Lang', remittance: `Spende ${supporter.reference}` }] },
      ],
    }));
    kit.set('2027-01-02T04:00:00Z');
    const report = await kit.supporters.receipts.issue(finance, 2026);
    assert.deepEqual({ ...report }, { year: 2026, issued: 1, withoutAddress: 0 });
    assert.equal((await kit.supporters.receipts.issue(finance, 2026)).issued, 0, 'once per supporter and year');
    const receipt = await db.selectFrom('receipts').selectAll().executeTakeFirstOrThrow();
    assert.equal(Number(receipt.total_cents), 11000, 'June debit and the transfer; the returned July debit is no gift');

    const { pdf, fileName } = await kit.supporters.receipts.pdf({ supporterId: receipt.supporter_id }, receipt.id);
    assert.match(fileName, /^zuwendungsbestaetigung-2026-\d{6}\.pdf$/);
    const dir = mkdtempSync(join(tmpdir(), 'blattwerk-receipt-'));
    writeFileSync(join(dir, 'receipt.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(dir, 'receipt.pdf'), join(dir, 'page')]);
    const png = readFileSync(join(dir, 'page-1.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(statSync(join(dir, 'page-1.png')).size > 5000, 'a page with text on it');
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'receipt.pdf'), '-']).toString('utf8');
    assert.match(text, /Sammelbestätigung über Geldzuwendungen/);
    assert.match(text, /110,00\s€/);
    assert.match(text, /einhundertzehn Euro/);
    assert.match(text, /01\.01\.2026 – 31\.12\.2026/);
    assert.match(text, /Lindenauer Markt 1/);
    assert.match(text, /Förderung der Volksbildung/);
    assert.match(text, /maschinell erstellt/);
    const fonts = execFileSync('pdffonts', [join(dir, 'receipt.pdf')]).toString('utf8');
    assert.match(fonts, /SourceSerif4/);
    assert.match(fonts, /Inter/);
  });
});
