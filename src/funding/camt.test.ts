// camt.053 parsing on a statement laid out as a German savings bank writes camt.053.001.02
// (DK format, ZKA proprietary codes beside the ISO ones): a batch booking of three
// debits with their end-to-end ids, a return with its reason code, a transfer with the
// payer's name, IBAN and reference, a pending line, and refusals of everything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CamtError, decimalCents, parseCamt053 } from './camt.js';
import { camt053 } from './testkit.js';

const SPARKASSE = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 camt.053.001.02.xsd">
<BkToCstmrStmt>
<GrpHdr><MsgId>camt53_20260602060102_3c7a</MsgId><CreDtTm>2026-06-02T06:01:02.0+02:00</CreDtTm><MsgPgntn><PgNb>1</PgNb><LastPgInd>true</LastPgInd></MsgPgntn></GrpHdr>
<Stmt>
<Id>camt053_20260601_0000000001</Id>
<ElctrncSeqNb>103</ElctrncSeqNb>
<LglSeqNb>103</LglSeqNb>
<CreDtTm>2026-06-02T06:01:02.0+02:00</CreDtTm>
<FrToDt><FrDtTm>2026-06-01T00:00:00.0+02:00</FrDtTm><ToDtTm>2026-06-01T23:59:59.9+02:00</ToDtTm></FrToDt>
<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy><Ownr><Nm>Stadtblatt gGmbH</Nm></Ownr><Svcr><FinInstnId><BIC>COBADEFFXXX</BIC></FinInstnId></Svcr></Acct>
<Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1204.17</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-05-29</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1249.67</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-06-01</Dt></Dt></Bal>
<Ntry>
<Amt Ccy="EUR">45.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-06-01</Dt></BookgDt><ValDt><Dt>2026-06-01</Dt></ValDt>
<AcctSvcrRef>2026060100000471</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>IDDT</Cd><SubFmlyCd>ESDD</SubFmlyCd></Fmly></Domn><Prtry><Cd>NMSC+192+00931</Cd><Issr>ZKA</Issr></Prtry></BkTxCd>
<NtryDtls>
<Btch><PmtInfId>BW-20260601-K3M9Q2XA.1</PmtInfId><NbOfTxs>3</NbOfTxs></Btch>
<TxDtls><Refs><EndToEndId>BWD-AAAAAAAAAAAAAAAA</EndToEndId><MndtId>BW-111111111111</MndtId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">10.00</Amt></TxAmt></AmtDtls>
<RltdPties><Dbtr><Nm>Lea Lang</Nm></Dbtr><DbtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></DbtrAcct><Cdtr><Nm>Stadtblatt gGmbH</Nm></Cdtr></RltdPties>
<RmtInf><Ustrd>Stadtblatt Spende 1. Juni 2026 Mandat BW-111111111111</Ustrd></RmtInf></TxDtls>
<TxDtls><Refs><EndToEndId>BWD-BBBBBBBBBBBBBBBB</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">25.50</Amt></TxAmt></AmtDtls>
<RltdPties><Dbtr><Nm>Max Mueller</Nm></Dbtr></RltdPties></TxDtls>
<TxDtls><Refs><EndToEndId>BWD-CCCCCCCCCCCCCCCC</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">10.00</Amt></TxAmt></AmtDtls></TxDtls>
</NtryDtls>
<AddtlNtryInf>SEPA-LASTSCHRIFT EINZUG</AddtlNtryInf>
</Ntry>
<Ntry>
<Amt Ccy="EUR">13.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-06-01</Dt></BookgDt><ValDt><Dt>2026-06-01</Dt></ValDt>
<AcctSvcrRef>2026060100000472</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>IDDT</Cd><SubFmlyCd>UPDD</SubFmlyCd></Fmly></Domn><Prtry><Cd>NRLS+109+00992</Cd><Issr>ZKA</Issr></Prtry></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>BWD-DDDDDDDDDDDDDDDD</EndToEndId></Refs>
<AmtDtls><InstdAmt><Amt Ccy="EUR">10.00</Amt></InstdAmt><TxAmt><Amt Ccy="EUR">13.00</Amt></TxAmt></AmtDtls>
<RltdPties><Dbtr><Nm>Olaf Offen</Nm></Dbtr></RltdPties>
<RtrInf><Rsn><Cd>AC04</Cd></Rsn><AddtlInf>KONTO AUFGELOEST</AddtlInf></RtrInf></TxDtls></NtryDtls>
</Ntry>
<Ntry>
<Amt Ccy="EUR">50.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-06-01</Dt></BookgDt><ValDt><Dt>2026-06-01</Dt></ValDt>
<AcctSvcrRef>2026060100000473</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn><Prtry><Cd>NTRF+166+00900</Cd><Issr>ZKA</Issr></Prtry></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
<RltdPties><Dbtr><Nm>Jürgen Weiß</Nm></Dbtr><DbtrAcct><Id><IBAN>DE44 5001 0517 5407 3249 31</IBAN></Id></DbtrAcct></RltdPties>
<RmtInf><Ustrd>Spende SUP-7K3Q9D</Ustrd><Ustrd>danke fuer die Arbeit</Ustrd></RmtInf></TxDtls></NtryDtls>
</Ntry>
<Ntry>
<Amt Ccy="EUR">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts>
<BookgDt><Dt>2026-06-02</Dt></BookgDt><ValDt><Dt>2026-06-02</Dt></ValDt>
<BkTxCd><Prtry><Cd>NTRF+166+00900</Cd><Issr>ZKA</Issr></Prtry></BkTxCd>
</Ntry>
</Stmt>
</BkToCstmrStmt>
</Document>`;

test('a savings bank camt.053.001.02: batch booking, return, transfer, pending line', () => {
  const doc = parseCamt053(SPARKASSE);
  assert.equal(doc.version, '001.02');
  const [statement] = doc.statements;
  assert.equal(statement!.accountIban, 'DE89370400440532013000');
  assert.equal(statement!.id, 'camt053_20260601_0000000001');
  const lines = statement!.lines;
  assert.equal(lines.length, 3 + 1 + 1 + 1);
  const batch = lines.filter((l) => l.entryIndex === 0);
  assert.deepEqual(batch.map((l) => [l.endToEndId, l.amountCents, l.batch]), [
    ['BWD-AAAAAAAAAAAAAAAA', 1000, true], ['BWD-BBBBBBBBBBBBBBBB', 2550, true], ['BWD-CCCCCCCCCCCCCCCC', 1000, true],
  ]);
  assert.equal(batch.reduce((sum, l) => sum + l.amountCents, 0), 4550, 'the batch adds up to the entry');
  assert.equal(batch[0]!.debtorIban, 'DE02120300000000202051');
  assert.equal(batch[0]!.bankCode, 'PMNT/IDDT/ESDD');
  assert.equal(batch[1]!.debtorName, 'Max Mueller');
  const returned = lines[3]!;
  assert.deepEqual([returned.direction, returned.reversal, returned.returnReason, returned.endToEndId, returned.amountCents], ['DBIT', true, 'AC04', 'BWD-DDDDDDDDDDDDDDDD', 1300]);
  const transfer = lines[4]!;
  assert.equal(transfer.debtorName, 'Jürgen Weiß');
  assert.equal(transfer.remittance, 'Spende SUP-7K3Q9D danke fuer die Arbeit');
  assert.equal(transfer.status, 'BOOK');
  assert.equal(lines[5]!.status, 'PDNG');
});

test('camt.053.001.08 names parties one level deeper and has the status as a code', () => {
  const doc = parseCamt053(camt053({ id: 'S8', entries: [{ direction: 'CRDT', amount: '20.00', booked: '2026-06-01', code: ['PMNT', 'RCDT', 'ESCT'], gvc: '166', ref: 'X', txs: [{ amount: '20.00', name: 'Ada Acker', remittance: 'Spende' }] }] }));
  assert.equal(doc.version, '001.08');
  assert.deepEqual([doc.statements[0]!.lines[0]!.debtorName, doc.statements[0]!.lines[0]!.status], ['Ada Acker', 'BOOK']);
});

test('anything that is not camt.053 is refused', () => {
  const refuse = (xml: string) => assert.throws(() => parseCamt053(xml), CamtError, xml.slice(0, 60));
  refuse(SPARKASSE.replaceAll('camt.053.001.02', 'camt.052.001.02').replaceAll('BkToCstmrStmt', 'BkToCstmrAcctRpt'));
  refuse('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"><CstmrDrctDbtInitn/></Document>');
  refuse(':20:STARTUMSE\n:25:37040044/0532013000\n:28C:00001/001');
  refuse('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>');
  refuse('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt></Document>');
  refuse('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr/></BkToCstmrStmt></Document>');
});

test('amounts without floating point', () => {
  assert.equal(decimalCents('0.1'), 10);
  assert.equal(decimalCents('1234567.89'), 123456789);
  assert.throws(() => decimalCents('1.005'), CamtError);
  assert.throws(() => decimalCents('-5.00'), CamtError);
});
