/**
 * Coded errors. Services throw `AppError` with a code from the catalogue; the HTTP layer
 * turns it into a status and a message in the visitor's language, the API into JSON
 * `{ error: { code, message, field } }`. Tests assert on codes, not on wording.
 *
 * @example
 *   throw new AppError('SLUG_TAKEN', { field: 'slug' });
 */
import { defineMessages, type Language } from './i18n.js';

export const ERROR_STATUS = {
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  VALIDATION: 400,
  PAGE_OUT_OF_RANGE: 404,
  QUERY_TOO_LONG: 400,
  SLUG_TAKEN: 409,
  SLUG_INVALID: 400,
  TRANSLATION_SAME_LANGUAGE: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
  COMMENT_CLOSED: 403,
  COMMENT_EMPTY: 400,
  COMMENT_TOO_LONG: 400,
  COMMENT_PARENT_INVALID: 400,
  COMMENT_DEPTH: 400,
  COMMENT_DUPLICATE: 409,
  COMMENT_SPAM: 400,
  COMMENT_EDIT_EXPIRED: 403,
  COMMENT_NOT_YOURS: 403,
  NAME_REQUIRED: 400,
  NAME_TOO_LONG: 400,
  NAME_RESERVED: 400,
  EMAIL_INVALID: 400,
  LOGIN_FAILED: 401,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  RESET_INVALID: 400,
  PASSWORD_WEAK: 400,
  STAFF_EXISTS: 409, // people (issue 11): an invitation to an address that already has a staff account
  LAST_OWNER: 409, // people (issue 11): the change would leave the site without an owner
  OWNER_ONLY: 409, // people (issue 11): only an owner changes an owner's account or makes an owner
  NOT_YOURSELF: 409, // people (issue 11): nobody suspends or removes their own account
  CORRECTION_STALE: 409,
  ACCOUNT_REQUIRED: 401, // readers: the identity setting allows only reader accounts
  IMAGE_CREDIT_MISSING: 422, // admin: the site requires credit and licence before an image is published
  URL_INVALID: 422, // a link a person typed (author, media source, settings) that is not http(s)
  NEWSLETTER_REPEAT: 409, // audience: the same issue to the same audience within 24 hours
  NEWSLETTER_EMPTY: 422, // audience: a weekly digest with no article from the last seven days
  NOTHING_TO_CHANGE: 422, // security (issue 15): an edit that names no field to change
  IMAGE_TOO_LARGE: 413, // security (issue 15): more pixels than the media library takes, or too slow to decode
  MEDIA_IN_USE: 409, // media library (issue 11): an image still shown in articles or on a profile is not deleted
  ISSUE_SENT: 409, // newsletter composer (issue 11): a sent issue is not edited, scheduled or sent again
  SCHEDULE_PAST: 422, // newsletter composer (issue 11): a send time that is not in the future
  // funding (issue 18): supporters, SEPA direct debits, bank statements
  IBAN_INVALID: 400,
  IBAN_COUNTRY: 400,
  AMOUNT_INVALID: 400,
  MANDATE_CONSENT: 400,
  MANDATE_STATE: 409,
  CREDITOR_ID_INVALID: 400,
  SUPPORTERS_NOT_READY: 409,
  DEBITS_NONE_DUE: 409,
  EXPORT_LOCKED: 409,
  STATEMENT_NOT_CAMT053: 415,
  STATEMENT_WRONG_ACCOUNT: 422,
  TABLE_RAGGED: 400, // content: a table row with more or fewer cells than the first
  GALLERY_EMPTY: 400, // content: a gallery without images
  BLOCK_TOO_LONG: 400, // content: a text in the body (a code block, a cell) over 100,000 characters
  THEME_NOT_IMAGE: 415, // design (issue 12): a logo or icon upload that is not a PNG, JPEG or WebP image
  THEME_IMAGE_TOO_LARGE: 413, // design: a logo or icon over 2 MB or 4,000 px
  CUSTOM_CSS_TOO_LARGE: 413, // design: custom CSS over 50,000 bytes
  COLOUR_INVALID: 400, // design: an accent colour that is not #rrggbb
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const errorMessages = defineMessages<ErrorCode>({
  de: {
    NOT_FOUND: 'Diese Seite gibt es nicht (mehr).',
    BAD_REQUEST: 'Die Anfrage ist fehlerhaft.',
    VALIDATION: 'Eine Eingabe ist ungültig.',
    PAGE_OUT_OF_RANGE: 'Diese Seite der Übersicht gibt es nicht.',
    QUERY_TOO_LONG: 'Der Suchbegriff ist zu lang (höchstens 200 Zeichen).',
    SLUG_TAKEN: 'Diese Adresse ist bereits vergeben.',
    SLUG_INVALID: 'Die Adresse darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten.',
    TRANSLATION_SAME_LANGUAGE: 'Eine Übersetzung muss in einer anderen Sprache geschrieben sein als der Artikel.',
    UNAUTHORIZED: 'Bitte melden Sie sich an.',
    FORBIDDEN: 'Dafür fehlt Ihnen die Berechtigung.',
    CSRF: 'Das Formular ist abgelaufen. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
    RATE_LIMITED: 'Zu viele Anfragen. Bitte warten Sie einen Moment.',
    PAYLOAD_TOO_LARGE: 'Die Daten sind zu groß.',
    UNSUPPORTED_MEDIA_TYPE: 'Dieses Format wird nicht unterstützt.',
    DATABASE_UNAVAILABLE: 'Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
    INTERNAL: 'Ein interner Fehler ist aufgetreten.',
    COMMENT_CLOSED: 'Die Kommentare zu diesem Artikel sind geschlossen.',
    COMMENT_EMPTY: 'Bitte schreiben Sie einen Kommentar.',
    COMMENT_TOO_LONG: 'Der Kommentar ist zu lang (höchstens 20.000 Zeichen).',
    COMMENT_PARENT_INVALID: 'Auf diesen Kommentar kann nicht (mehr) geantwortet werden.',
    COMMENT_DEPTH: 'Diese Unterhaltung ist zu tief verschachtelt. Bitte antworten Sie weiter oben.',
    COMMENT_DUPLICATE: 'Diesen Kommentar haben Sie bereits geschrieben.',
    COMMENT_SPAM: 'Der Kommentar wurde als Spam erkannt und nicht angenommen.',
    COMMENT_EDIT_EXPIRED: 'Kommentare können nur in den ersten 15 Minuten bearbeitet werden.',
    COMMENT_NOT_YOURS: 'Diesen Kommentar können Sie nicht ändern.',
    NAME_REQUIRED: 'Bitte geben Sie einen Namen an.',
    NAME_TOO_LONG: 'Der Name ist zu lang (höchstens 80 Zeichen).',
    NAME_RESERVED: 'Dieser Name gehört einem Mitglied der Redaktion. Bitte wählen Sie einen anderen oder melden Sie sich an.',
    EMAIL_INVALID: 'Bitte geben Sie eine gültige E-Mail-Adresse an.',
    LOGIN_FAILED: 'E-Mail-Adresse oder Passwort stimmen nicht.',
    TOTP_REQUIRED: 'Bitte geben Sie den Code aus Ihrer Authenticator-App oder einen Wiederherstellungscode ein.',
    TOTP_INVALID: 'Der Code stimmt nicht oder wurde schon verwendet.',
    RESET_INVALID: 'Dieser Link zum Zurücksetzen ist ungültig oder abgelaufen.',
    PASSWORD_WEAK: 'Das Passwort muss mindestens 10 Zeichen lang sein.',
    STAFF_EXISTS: 'Zu dieser E-Mail-Adresse gibt es schon ein Konto in der Redaktion.',
    LAST_OWNER: 'Das geht nicht: Die Seite braucht mindestens eine Inhaberin oder einen Inhaber.',
    OWNER_ONLY: 'Konten von Inhaber:innen ändert nur eine Inhaberin oder ein Inhaber; nur sie ernennen weitere.',
    NOT_YOURSELF: 'Ihr eigenes Konto können Sie nicht sperren oder entfernen.',
    CORRECTION_STALE: 'Dieser Korrekturvorschlag passt nicht mehr zum Text: Die Stelle wurde geändert oder der Vorschlag ist schon entschieden.',
    ACCOUNT_REQUIRED: 'Zum Kommentieren melden Sie sich bitte mit Ihrem Leserkonto an.',
    IMAGE_CREDIT_MISSING: 'Ein Bild in diesem Artikel hat keine Quellenangabe oder Lizenz. Bitte ergänzen Sie beides in der Mediathek, bevor Sie veröffentlichen.',
    URL_INVALID: 'Bitte geben Sie eine vollständige Adresse an, die mit https:// oder http:// beginnt.',
    NEWSLETTER_REPEAT: 'Diese Ausgabe wurde in den letzten 24 Stunden schon an diese Empfänger verschickt.',
    NEWSLETTER_EMPTY: 'In den letzten sieben Tagen wurde kein Artikel veröffentlicht: Der Wochenrückblick wäre leer.',
    NOTHING_TO_CHANGE: 'Die Änderung nennt nichts, was geändert werden soll.',
    IMAGE_TOO_LARGE: 'Das Bild hat zu viele Pixel (höchstens 50 Megapixel). Bitte verkleinern Sie es vor dem Hochladen.',
    MEDIA_IN_USE: 'Das Bild wird noch verwendet. Nehmen Sie es zuerst aus den genannten Beiträgen und Profilen.',
    ISSUE_SENT: 'Diese Ausgabe ist schon verschickt und kann nicht mehr geändert werden.',
    SCHEDULE_PAST: 'Bitte wählen Sie einen Zeitpunkt in der Zukunft.',
    IBAN_INVALID: 'Diese IBAN stimmt nicht. Bitte prüfen Sie sie noch einmal – meist ist eine Ziffer vertauscht.',
    IBAN_COUNTRY: 'Lastschriften sind nur von Konten in Ländern des SEPA-Raums möglich.',
    AMOUNT_INVALID: 'Bitte geben Sie einen Betrag ab 1 € an, der die Obergrenze der Redaktion nicht überschreitet.',
    MANDATE_CONSENT: 'Bitte erteilen Sie das SEPA-Lastschriftmandat, indem Sie das Kästchen ankreuzen.',
    MANDATE_STATE: 'Das ist bei diesem Mandat in seinem jetzigen Zustand nicht möglich.',
    CREDITOR_ID_INVALID: 'Diese Gläubiger-Identifikationsnummer stimmt nicht (Aufbau oder Prüfziffer).',
    SUPPORTERS_NOT_READY: 'Lastschriften sind noch nicht eingerichtet: Es fehlen die Gläubiger-ID oder die Bankverbindung der Redaktion.',
    DEBITS_NONE_DUE: 'Bis zu diesem Datum ist keine Lastschrift fällig, die nicht schon in einer Datei steht.',
    EXPORT_LOCKED: 'Diese Datei wurde schon als bei der Bank eingereicht bestätigt und kann nicht mehr zurückgenommen werden.',
    STATEMENT_NOT_CAMT053: 'Diese Datei ist kein Kontoauszug im Format camt.053. Bitte laden Sie bei Ihrer Bank den Tagesauszug als „camt.053“ herunter.',
    STATEMENT_WRONG_ACCOUNT: 'Dieser Kontoauszug gehört zu einem anderen Konto als dem der Redaktion. Es wurde nichts gebucht.',
    TABLE_RAGGED: 'Jede Zeile der Tabelle braucht gleich viele Zellen.',
    GALLERY_EMPTY: 'Eine Galerie braucht mindestens ein Bild.',
    BLOCK_TOO_LONG: 'Dieser Block ist zu lang (höchstens 100.000 Zeichen).',
    THEME_NOT_IMAGE: 'Diese Datei ist kein Bild, das wir als Logo oder Symbol verwenden können. Bitte laden Sie ein PNG-, JPEG- oder WebP-Bild hoch.',
    THEME_IMAGE_TOO_LARGE: 'Das Bild ist zu groß (höchstens 2 MB und 4.000 Pixel Kantenlänge).',
    CUSTOM_CSS_TOO_LARGE: 'Das eigene CSS ist zu lang (höchstens 50.000 Bytes).',
    COLOUR_INVALID: 'Bitte geben Sie die Farbe als Hex-Wert an, zum Beispiel #1d5b8c.',
  },
  en: {
    NOT_FOUND: 'This page does not exist (any more).',
    BAD_REQUEST: 'The request is malformed.',
    VALIDATION: 'An input is not valid.',
    PAGE_OUT_OF_RANGE: 'This page of the listing does not exist.',
    QUERY_TOO_LONG: 'The search term is too long (at most 200 characters).',
    SLUG_TAKEN: 'This address is already taken.',
    SLUG_INVALID: 'The address may contain only lower-case letters, digits and hyphens.',
    TRANSLATION_SAME_LANGUAGE: 'A translation must be written in a different language from the article.',
    UNAUTHORIZED: 'Please sign in.',
    FORBIDDEN: 'You are not allowed to do that.',
    CSRF: 'The form has expired. Please reload the page and try again.',
    RATE_LIMITED: 'Too many requests. Please wait a moment.',
    PAYLOAD_TOO_LARGE: 'The data is too large.',
    UNSUPPORTED_MEDIA_TYPE: 'This format is not supported.',
    DATABASE_UNAVAILABLE: 'The database cannot be reached right now. Please try again shortly.',
    INTERNAL: 'An internal error occurred.',
    COMMENT_CLOSED: 'Comments on this article are closed.',
    COMMENT_EMPTY: 'Please write a comment.',
    COMMENT_TOO_LONG: 'The comment is too long (at most 20,000 characters).',
    COMMENT_PARENT_INVALID: 'This comment cannot be replied to (any more).',
    COMMENT_DEPTH: 'This conversation is nested too deeply. Please reply further up.',
    COMMENT_DUPLICATE: 'You have already written this comment.',
    COMMENT_SPAM: 'The comment was recognised as spam and not accepted.',
    COMMENT_EDIT_EXPIRED: 'Comments can only be edited during their first 15 minutes.',
    COMMENT_NOT_YOURS: 'You cannot change this comment.',
    NAME_REQUIRED: 'Please give a name.',
    NAME_TOO_LONG: 'The name is too long (at most 80 characters).',
    NAME_RESERVED: 'This name belongs to a member of the newsroom. Please choose another, or sign in.',
    EMAIL_INVALID: 'Please give a valid e-mail address.',
    LOGIN_FAILED: 'E-mail address or password is wrong.',
    TOTP_REQUIRED: 'Please enter the code from your authenticator app or a recovery code.',
    TOTP_INVALID: 'The code is wrong or has been used already.',
    RESET_INVALID: 'This reset link is invalid or has expired.',
    PASSWORD_WEAK: 'The password must be at least 10 characters long.',
    STAFF_EXISTS: 'There is already a newsroom account with this e-mail address.',
    LAST_OWNER: 'Not possible: the site needs at least one owner.',
    OWNER_ONLY: "Only an owner changes an owner's account or makes someone an owner.",
    NOT_YOURSELF: 'You cannot suspend or remove your own account.',
    CORRECTION_STALE: 'This correction no longer fits the text: the passage has changed or the suggestion was already decided.',
    ACCOUNT_REQUIRED: 'Please sign in with your reader account to comment.',
    IMAGE_CREDIT_MISSING: 'An image in this article has no credit or licence. Please add both in the media library before publishing.',
    URL_INVALID: 'Please give a complete address starting with https:// or http://.',
    NEWSLETTER_REPEAT: 'This issue was already sent to these recipients in the last 24 hours.',
    NEWSLETTER_EMPTY: 'No article was published in the last seven days: the weekly digest would be empty.',
    NOTHING_TO_CHANGE: 'The change names nothing to change.',
    IMAGE_TOO_LARGE: 'The image has too many pixels (at most 50 megapixels). Please make it smaller before uploading.',
    MEDIA_IN_USE: 'The image is still in use. Take it out of the articles and profiles listed first.',
    ISSUE_SENT: 'This issue has been sent and can no longer be changed.',
    SCHEDULE_PAST: 'Please choose a time in the future.',
    IBAN_INVALID: 'This IBAN is not right. Please check it again – usually two digits are swapped.',
    IBAN_COUNTRY: 'Direct debits are only possible from accounts in SEPA countries.',
    AMOUNT_INVALID: 'Please give an amount of at least €1 that does not exceed the newsroom’s limit.',
    MANDATE_CONSENT: 'Please give the SEPA direct debit mandate by ticking the box.',
    MANDATE_STATE: 'That is not possible for this mandate in its current state.',
    CREDITOR_ID_INVALID: 'This creditor identifier is not right (format or check digits).',
    SUPPORTERS_NOT_READY: 'Direct debits are not set up yet: the creditor identifier or the newsroom’s bank details are missing.',
    DEBITS_NONE_DUE: 'No debit is due up to this date that is not already in a file.',
    EXPORT_LOCKED: 'This file was already confirmed as submitted to the bank and can no longer be undone.',
    STATEMENT_NOT_CAMT053: 'This file is not a camt.053 bank statement. Please download the daily statement as “camt.053” from your bank.',
    STATEMENT_WRONG_ACCOUNT: 'This statement belongs to another account than the newsroom’s. Nothing was booked.',
    TABLE_RAGGED: 'Every row of the table needs the same number of cells.',
    GALLERY_EMPTY: 'A gallery needs at least one image.',
    BLOCK_TOO_LONG: 'This block is too long (at most 100,000 characters).',
    THEME_NOT_IMAGE: 'This file is not an image we can use as a logo or icon. Please upload a PNG, JPEG or WebP image.',
    THEME_IMAGE_TOO_LARGE: 'The image is too large (at most 2 MB and 4,000 pixels on a side).',
    CUSTOM_CSS_TOO_LARGE: 'The custom CSS is too long (at most 50,000 bytes).',
    COLOUR_INVALID: 'Please give the colour as a hex value, for example #1d5b8c.',
  },
});

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly detail: string | undefined;
  /** Seconds until a rate-limited client may try again (sent as Retry-After). */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, options: { field?: string; detail?: string; cause?: unknown; retryAfter?: number } = {}) {
    super(options.detail ? `${code}: ${options.detail}` : code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.field = options.field;
    this.detail = options.detail;
    this.retryAfter = options.retryAfter;
  }

  localized(lang: Language): string {
    return errorMessages[lang][this.code];
  }
}
