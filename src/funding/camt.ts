/**
 * Reads an ISO 20022 camt.053 bank statement (BankToCustomerStatement, versions 001.02
 * to 001.13, as German banks offer it for download) into flat lines: one per transaction,
 * so a batch booking of many debits becomes many lines. Pure; it decides nothing about
 * supporters (statements.ts does).
 *
 * Where the versions differ it reads both places: the status is `<Sts>BOOK</Sts>` in
 * 001.02 and `<Sts><Cd>BOOK</Cd></Sts>` later; a party's name is `Dbtr/Nm` in 001.02
 * and `Dbtr/Pty/Nm` from 001.08; a transaction's amount is `AmtDtls/TxAmt/Amt` or `Amt`.
 *
 * @example
 *   const statement = parseCamt053(xml); // throws CamtError for anything that is not camt.053
 *   statement.statements[0].accountIban; // 'DE89370400440532013000'
 */
import { XmlError, at, child, children, firstText, parseXml, textAt, type XmlElement } from './xml-tree.js';

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$/;

export class CamtError extends Error {}

export interface CamtLine {
  /** Position in the file, for a key when the bank gives no reference. */
  entryIndex: number;
  txIndex: number;
  /** The bank's reference of the entry and of the transaction, when given. */
  entryRef: string;
  txRef: string;
  bookedOn: string;
  amountCents: number;
  direction: 'CRDT' | 'DBIT';
  reversal: boolean;
  /** BOOK, PDNG, INFO. */
  status: string;
  /** Whether the entry is a batch (several transactions in one booking). */
  batch: boolean;
  endToEndId: string;
  mandateId: string;
  /** ISO return reason (AC04, MD06, …) of a returned direct debit. */
  returnReason: string;
  debtorName: string;
  debtorIban: string;
  creditorName: string;
  remittance: string;
  /** ISO bank transaction code, `PMNT/IDDT/ESDD`, or the proprietary one (`NDDT+105+…`). */
  bankCode: string;
}

export interface CamtStatement {
  id: string;
  createdAt: string;
  accountIban: string;
  fromDay: string | null;
  toDay: string | null;
  lines: CamtLine[];
}

export interface CamtDocument {
  version: string;
  messageId: string;
  statements: CamtStatement[];
}

/** "10.00" → 1000, without floating point. */
export function decimalCents(text: string): number {
  const match = /^(\d+)(?:\.(\d{1,5}))?$/.exec(text.trim());
  if (!match) throw new CamtError(`not an amount: ${text}`);
  const fraction = (match[2] ?? '').padEnd(5, '0');
  const cents = Number(match[1]) * 100 + Number(fraction.slice(0, 2));
  if (Number(fraction.slice(2)) !== 0) throw new CamtError(`amount with fractions of a cent: ${text}`);
  return cents;
}

const day = (element: XmlElement | undefined): string => firstText(element, ['Dt', 'DtTm']).slice(0, 10);

function partyName(parties: XmlElement | undefined, role: 'Dbtr' | 'Cdtr' | 'UltmtDbtr'): string {
  return firstText(parties, [`${role}/Pty/Nm`, `${role}/Nm`]);
}

function bankCode(entry: XmlElement): string {
  const domain = at(entry, 'BkTxCd/Domn');
  if (domain) return [textAt(domain, 'Cd'), textAt(domain, 'Fmly/Cd'), textAt(domain, 'Fmly/SubFmlyCd')].join('/');
  return textAt(entry, 'BkTxCd/Prtry/Cd');
}

function lines(entry: XmlElement, entryIndex: number): CamtLine[] {
  const direction = textAt(entry, 'CdtDbtInd');
  if (direction !== 'CRDT' && direction !== 'DBIT') throw new CamtError(`entry ${entryIndex + 1}: no credit/debit indicator`);
  const base = {
    entryIndex,
    entryRef: textAt(entry, 'AcctSvcrRef') || textAt(entry, 'NtryRef'),
    bookedOn: day(child(entry, 'BookgDt')) || day(child(entry, 'ValDt')),
    direction: direction as 'CRDT' | 'DBIT',
    reversal: textAt(entry, 'RvslInd') === 'true',
    status: textAt(entry, 'Sts/Cd') || textAt(entry, 'Sts'),
    bankCode: bankCode(entry),
  };
  const entryCents = decimalCents(textAt(entry, 'Amt'));
  const details = children(entry, 'NtryDtls');
  const txs = details.flatMap((d) => children(d, 'TxDtls'));
  const batch = txs.length > 1 || details.some((d) => Number(textAt(d, 'Btch/NbOfTxs') || '1') > 1);
  if (txs.length === 0) {
    return [{ ...base, txIndex: 0, txRef: '', batch, amountCents: entryCents, endToEndId: '', mandateId: '', returnReason: '', debtorName: '', debtorIban: '', creditorName: '', remittance: '' }];
  }
  return txs.map((tx, txIndex) => {
    const amount = firstText(tx, ['AmtDtls/TxAmt/Amt', 'Amt']);
    const parties = child(tx, 'RltdPties');
    return {
      ...base,
      txIndex,
      txRef: textAt(tx, 'Refs/AcctSvcrRef'),
      batch,
      amountCents: amount ? decimalCents(amount) : entryCents,
      endToEndId: textAt(tx, 'Refs/EndToEndId'),
      mandateId: textAt(tx, 'Refs/MndtId'),
      returnReason: firstText(tx, ['RtrInf/Rsn/Cd', 'RtrInf/Rsn/Prtry']),
      debtorName: partyName(parties, 'Dbtr') || partyName(parties, 'UltmtDbtr'),
      debtorIban: firstText(parties, ['DbtrAcct/Id/IBAN']),
      creditorName: partyName(parties, 'Cdtr'),
      remittance: children(child(tx, 'RmtInf'), 'Ustrd').map((u) => u.text).join(' ').replace(/\s+/g, ' ').trim(),
    };
  });
}

export function parseCamt053(source: string): CamtDocument {
  let root: XmlElement;
  try {
    root = parseXml(source.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CamtError(`not well-formed XML: ${(error as XmlError).message}`);
  }
  const version = NAMESPACE.exec(root.uri)?.[1];
  const report = child(root, 'BkToCstmrStmt');
  if (root.local !== 'Document' || !version || !report) throw new CamtError(`not a camt.053 document (root ${root.local} in ${root.uri || 'no namespace'})`);
  const statements = children(report, 'Stmt').map((stmt): CamtStatement => ({
    id: textAt(stmt, 'Id'),
    createdAt: textAt(stmt, 'CreDtTm'),
    accountIban: textAt(stmt, 'Acct/Id/IBAN').replace(/\s+/g, '').toUpperCase(),
    fromDay: textAt(stmt, 'FrToDt/FrDtTm').slice(0, 10) || null,
    toDay: textAt(stmt, 'FrToDt/ToDtTm').slice(0, 10) || null,
    lines: children(stmt, 'Ntry').flatMap((entry, index) => lines(entry, index)),
  }));
  if (statements.length === 0) throw new CamtError('the document holds no statement');
  return { version: `001.${version}`, messageId: textAt(report, 'GrpHdr/MsgId'), statements };
}
