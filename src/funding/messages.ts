/**
 * What the support page says, in German („Sie“, as the outlets we serve address readers)
 * and English.
 *
 * @example
 *   translator('en', fundingMessages)('support.amountLabel', { amount: '€25.00' });
 *   // 'Amount: €25.00'
 */
import { defineMessages } from '../platform/i18n.js';

export const fundingMessages = defineMessages({
  de: {
    'support.title': 'Unterstützen Sie uns',
    'support.description': 'Unterstützen Sie unabhängigen Journalismus – per Überweisung oder auf einem anderen Weg.',
    'support.defaultAppeal':
      'Unsere Arbeit wird von Leserinnen und Lesern finanziert. Keine Werbung, keine Bezahlschranke – aber nur mit Ihrer Unterstützung. Jeder Betrag hilft.',
    'support.transferTitle': 'Per Überweisung',
    'support.ways': 'Wie Sie helfen können',
    'support.wayRegular': 'Regelmäßig per Lastschrift',
    'support.wayOnce': 'Einmalig per Überweisung',
    'support.chooseAmount': 'Betrag wählen',
    'support.ownAmount': 'Eigener Betrag',
    'support.detailsTitle': 'Bankverbindung',
    'support.recipient': 'Empfänger',
    'support.iban': 'IBAN',
    'support.bic': 'BIC',
    'support.purpose': 'Verwendungszweck',
    'support.amount': 'Betrag',
    'support.amountLabel': 'Betrag: {amount}',
    'support.qrLabel': 'GiroCode für eine Überweisung an {recipient}',
    'support.qrLabelAmount': 'GiroCode für eine Überweisung von {amount} an {recipient}',
    'support.qrCaption':
      'Öffnen Sie die Banking-App Ihres Smartphones und wählen Sie „Scannen“ oder „Foto-Überweisung“. Richten Sie die Kamera auf den GiroCode: Empfänger, IBAN und Verwendungszweck werden übernommen. Sie prüfen die Angaben und geben die Überweisung wie gewohnt frei.',
    'support.qrCaptionOwnAmount': 'Den Betrag tragen Sie in der App selbst ein.',
    'support.qrDownload': 'GiroCode als Bild öffnen',
    // design (issue 12): phones get the details first, a copy button and the standing-order hint
    'support.copyIban': 'IBAN kopieren',
    'support.copied': 'IBAN kopiert',
    'support.standingOrder': 'Regelmäßig helfen ohne Anmeldung: Legen Sie mit diesen Angaben in Ihrer Banking-App einen Dauerauftrag an – monatlich, mit dem Betrag, der zu Ihnen passt. Sie können ihn jederzeit selbst ändern oder beenden.',
    'support.qrTitle': 'Am Computer? Mit dem Smartphone scannen',
    'support.newsletter': 'Noch nicht so weit? Unser Newsletter bringt die wichtigsten Geschichten einmal pro Woche.',
    'support.newsletterLink': 'Newsletter abonnieren',
    'support.unavailableTitle': 'Bankverbindung folgt',
    'support.unavailable':
      'Unsere Bankverbindung ist hier noch nicht vollständig hinterlegt. Bitte entschuldigen Sie – schauen Sie bald wieder vorbei oder nutzen Sie einen der anderen Wege.',
    'support.disabled': 'Derzeit nehmen wir über diese Seite keine Spenden entgegen. Vielen Dank für Ihr Interesse!',
    'support.providersTitle': 'Andere Wege, uns zu unterstützen',
    'support.providersNote': 'Diese Links führen zu externen Zahlungsdiensten; dort gelten deren Datenschutzbestimmungen.',
    'support.taxTitle': 'Steuerliche Absetzbarkeit',
    'support.tax':
      'Ob Ihre Zahlung steuerlich absetzbar ist, hängt von der Rechtsform unserer Redaktion ab. Verbindliche Auskunft geben nur wir selbst – schreiben Sie uns über die Kontaktangaben im Impressum, wenn Sie eine Zuwendungsbestätigung benötigen.',
  },
  en: {
    'support.title': 'Support us',
    'support.description': 'Support independent journalism – by bank transfer or another way.',
    'support.defaultAppeal':
      'Our work is funded by our readers. No ads, no paywall – but only with your support. Every amount helps.',
    'support.transferTitle': 'By bank transfer',
    'support.ways': 'How you can help',
    'support.wayRegular': 'Regularly by direct debit',
    'support.wayOnce': 'Once by bank transfer',
    'support.chooseAmount': 'Choose an amount',
    'support.ownAmount': 'Your own amount',
    'support.detailsTitle': 'Bank details',
    'support.recipient': 'Recipient',
    'support.iban': 'IBAN',
    'support.bic': 'BIC',
    'support.purpose': 'Reference',
    'support.amount': 'Amount',
    'support.amountLabel': 'Amount: {amount}',
    'support.qrLabel': 'GiroCode for a transfer to {recipient}',
    'support.qrLabelAmount': 'GiroCode for a transfer of {amount} to {recipient}',
    'support.qrCaption':
      'Open your banking app on your phone and choose “Scan” or “Photo transfer”. Point the camera at the GiroCode: recipient, IBAN and reference are filled in for you. Check the details and approve the transfer as usual.',
    'support.qrCaptionOwnAmount': 'You enter the amount in the app yourself.',
    'support.qrDownload': 'Open the GiroCode as an image',
    'support.copyIban': 'Copy IBAN',
    'support.copied': 'IBAN copied',
    'support.standingOrder': 'Help regularly without signing up: set up a standing order with these details in your banking app – monthly, with the amount that suits you. You can change or end it yourself at any time.',
    'support.qrTitle': 'On a computer? Scan with your phone',
    'support.newsletter': 'Not ready yet? Our newsletter brings the most important stories once a week.',
    'support.newsletterLink': 'Subscribe to the newsletter',
    'support.unavailableTitle': 'Bank details to follow',
    'support.unavailable':
      'Our bank details have not been fully entered here yet. We apologise – please check back soon or use one of the other ways.',
    'support.disabled': 'We are not accepting donations through this page at the moment. Thank you for your interest!',
    'support.providersTitle': 'Other ways to support us',
    'support.providersNote': 'These links lead to external payment services, whose own privacy policies apply.',
    'support.taxTitle': 'Tax deductibility',
    'support.tax':
      'Whether your payment is tax-deductible depends on our newsroom’s legal form. Only we can tell you for certain – please write to us using the contact details in the legal notice if you need a donation receipt.',
  },
});

export type FundingMessageKey = keyof (typeof fundingMessages)['de'];
