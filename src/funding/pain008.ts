/**
 * The pain.008.001.08 file a newsroom uploads to its bank: one group header, one payment
 * information block per collection day (sequence type RCUR, CORE scheme), one
 * transaction per debit. Written by the kept `sepa` library, which also checks IBANs,
 * the creditor identifier and the lengths; we hand it SEPA-safe text. Pure.
 *
 * RCUR for every debit, also a mandate's first: the SEPA rulebook has not required FRST
 * since November 2016, and banks accept RCUR throughout.
 *
 * @example
 *   const xml = buildPain008({ messageId: 'BW-20260601-7', createdAt: now, creditor, collections: [{ day: '2026-06-01', debits }] });
 */
import SEPA from 'sepa';
import { sepaText } from './sepa-text.js';

export const PAIN_FORMAT = 'pain.008.001.08';

export interface Creditor {
  name: string;
  iban: string;
  bic: string;
  /** Gläubiger-ID. */
  id: string;
}

export interface DebitLine {
  /** Our debit id: the instruction id inside the file. */
  id: number;
  endToEndId: string;
  amountCents: number;
  mandateReference: string;
  /** ISO day. */
  signedOn: string;
  debtorName: string;
  debtorIban: string;
  debtorBic: string;
  remittance: string;
}

export interface Pain008Input {
  messageId: string;
  createdAt: Date;
  creditor: Creditor;
  collections: { day: string; debits: DebitLine[] }[];
}

/** The library writes days in local time: a local midnight keeps the day as given. */
function localDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

export function buildPain008(input: Pain008Input): string {
  const doc = new SEPA.Document(PAIN_FORMAT);
  doc.grpHdr.id = input.messageId;
  doc.grpHdr.created = input.createdAt;
  doc.grpHdr.initiatorName = sepaText(input.creditor.name, 70);
  input.collections.forEach((collection, index) => {
    const info = doc.createPaymentInfo();
    info.id = String(index + 1);
    info.collectionDate = localDay(collection.day);
    info.sequenceType = 'RCUR';
    info.localInstrumentation = 'CORE';
    info.creditorId = input.creditor.id;
    info.creditorName = sepaText(input.creditor.name, 70);
    info.creditorIBAN = input.creditor.iban;
    info.creditorBIC = input.creditor.bic;
    for (const line of collection.debits) {
      const tx = info.createTransaction();
      tx.id = String(line.id);
      tx.end2endId = line.endToEndId;
      tx.amount = line.amountCents / 100;
      tx.mandateId = line.mandateReference;
      tx.mandateSignatureDate = localDay(line.signedOn);
      tx.debtorName = sepaText(line.debtorName, 70);
      tx.debtorIBAN = line.debtorIban;
      tx.debtorBIC = line.debtorBic;
      tx.remittanceInfo = sepaText(line.remittance, 140);
      info.addTransaction(tx);
    }
    doc.addPaymentInfo(info);
  });
  return doc.toString();
}
