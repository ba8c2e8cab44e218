/**
 * The SEPA core direct debit mandate as the reader agrees to it, in the wording the
 * German banking industry and the EPC use, filled in with the newsroom's name and
 * creditor identifier. The exact text is stored with each mandate as proof.
 *
 * @example
 *   mandateText('de', { creditor: 'Stadtblatt gGmbH', creditorId: 'DE98ZZZ09999999999' });
 */
import type { Language } from '../platform/i18n.js';

export function mandateText(lang: Language, facts: { creditor: string; creditorId: string }): string {
  const { creditor, creditorId } = facts;
  return lang === 'de'
    ? `SEPA-Lastschriftmandat: Ich ermächtige ${creditor} (Gläubiger-Identifikationsnummer ${creditorId}), Zahlungen von meinem Konto mittels Lastschrift einzuziehen. Zugleich weise ich mein Kreditinstitut an, die von ${creditor} auf mein Konto gezogenen Lastschriften einzulösen. Die Mandatsreferenz wird mir mit der Vorabinformation mitgeteilt. Hinweis: Ich kann innerhalb von acht Wochen, beginnend mit dem Belastungsdatum, die Erstattung des belasteten Betrages verlangen. Es gelten dabei die mit meinem Kreditinstitut vereinbarten Bedingungen.`
    : `SEPA direct debit mandate: By agreeing to this mandate, I authorise ${creditor} (creditor identifier ${creditorId}) to send instructions to my bank to debit my account, and my bank to debit my account in accordance with the instructions from ${creditor}. The mandate reference will be sent to me with the pre-notification. As part of my rights, I am entitled to a refund from my bank under the terms and conditions of my agreement with my bank. A refund must be claimed within eight weeks starting from the date on which my account was debited.`;
}
