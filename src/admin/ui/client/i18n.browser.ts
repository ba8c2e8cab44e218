/**
 * What the editor says while it works (status lines, block fields, proofreading), in the
 * site's language. Static labels come rendered with the page (admin/ui/messages.ts).
 *
 * @example
 *   const t = translator('de');
 *   t('status.saved', { time: '10:42' }); // 'Gespeichert um 10:42'
 */
const de = {
  'status.saving': 'Speichert …',
  'status.saved': 'Gespeichert um {time}',
  'status.published': 'Veröffentlicht um {time}',
  'status.autosaved': 'Automatisch gesichert um {time}',
  'status.created': 'Entwurf angelegt um {time}',
  'status.failed': 'Nicht gespeichert: {message}',
  'status.autosaveFailed': 'Automatische Sicherung fehlgeschlagen: {message}',
  'status.network': 'Keine Verbindung zum Server.',
  'status.needTitle': 'Bitte geben Sie einen Titel ein.',
  'status.needDate': 'Bitte geben Sie Datum und Uhrzeit für die geplante Veröffentlichung an.',
  'status.autosaveLoaded': 'Die automatische Sicherung ist geladen. Speichern übernimmt sie.',
  'status.ready': 'Bereit.',
  'quote.attribution': 'Wer spricht',
  'quote.sourceUrl': 'Quelle (Adresse)',
  'quote.sourceTitle': 'Titel der Quelle',
  'quote.badUrl': 'Bitte eine Adresse mit http:// oder https:// angeben.',
  'image.caption': 'Bildunterschrift',
  'image.alt': 'Alternativtext',
  'image.missing': 'Bild #{id}',
  'image.credit': 'Foto:',
  'embed.title': 'Titel',
  'embed.caption': 'Bildunterschrift',
  'embed.video': 'Video bei {provider}',
  'embed.content': 'Inhalt von {host}',
  'embed.notice': 'Platzhalter: Leser:innen laden den Inhalt erst mit einem Klick (Zwei-Klick-Lösung).',
  'embed.kind': 'Darstellung',
  'embed.kindLink': 'Link-Karte',
  'embed.kindIframe': 'Eingebettet nach Klick (iframe)',
  'donation.label': 'Spendenaufruf',
  'donation.text': 'Eigener Text (leer: der aus den Einstellungen)',
  'footnotes.title': 'Fußnoten und Quellen',
  'footnotes.id': 'Kennung',
  'footnotes.text': 'Text',
  'footnotes.add': 'Fußnote hinzufügen',
  'footnotes.remove': 'Fußnote {id} entfernen',
  'footnotes.hint': 'Im Text mit [^Kennung] darauf verweisen.',
  'block.remove': 'Block entfernen',
  'link.prompt': 'Adresse des Links (leer lassen entfernt den Link):',
  'link.invalid': 'Diese Adresse geht nicht: erlaubt sind http(s), mailto und Pfade der Website.',
  'media.loading': 'Lädt die Mediathek …',
  'media.empty': 'Noch keine Bilder.',
  'media.uploading': 'Lädt hoch …',
  'media.noFile': 'Bitte wählen Sie eine Bilddatei.',
  'media.pick': 'Wählen',
  'proof.checking': 'Prüft …',
  'proof.none': 'Keine Hinweise.',
  'proof.count': 'Offene Hinweise: {count}',
  'proof.failed': 'Die Korrektur ist gerade nicht erreichbar.',
  'proof.ignore': 'Ignorieren',
  'proof.replace': 'Ersetzen durch „{word}“',
  'proof.where.title': 'Titel',
  'proof.where.subtitle': 'Unterzeile',
  'proof.where.body': 'Text',
  'history.loading': 'Lädt die Versionen …',
  'history.empty': 'Noch keine Versionen.',
  'history.nothing': 'Seit dieser Version hat sich am Text nichts geändert.',
  'history.fields': 'Geänderte Felder: {fields}',
  'history.restored': 'Version wiederhergestellt.',
  'history.note.created': 'angelegt',
  'history.note.saved': 'gespeichert',
  'preview.loading': 'Lädt die Vorschau …',
  'preview.failed': 'Die Vorschau ging nicht: {message}',
  'preview.by': 'Von',
} as const;

export type MessageKey = keyof typeof de;

const en: Record<MessageKey, string> = {
  'status.saving': 'Saving …',
  'status.saved': 'Saved at {time}',
  'status.published': 'Published at {time}',
  'status.autosaved': 'Backed up automatically at {time}',
  'status.created': 'Draft created at {time}',
  'status.failed': 'Not saved: {message}',
  'status.autosaveFailed': 'Automatic backup failed: {message}',
  'status.network': 'No connection to the server.',
  'status.needTitle': 'Please enter a title.',
  'status.needDate': 'Please give a date and time for the scheduled publication.',
  'status.autosaveLoaded': 'The automatic backup is loaded. Saving keeps it.',
  'status.ready': 'Ready.',
  'quote.attribution': 'Who is speaking',
  'quote.sourceUrl': 'Source (address)',
  'quote.sourceTitle': 'Source title',
  'quote.badUrl': 'Please give an address starting with http:// or https://.',
  'image.caption': 'Caption',
  'image.alt': 'Alt text',
  'image.missing': 'Image #{id}',
  'image.credit': 'Photo:',
  'embed.title': 'Title',
  'embed.caption': 'Caption',
  'embed.video': 'Video on {provider}',
  'embed.content': 'Content from {host}',
  'embed.notice': 'Placeholder: readers load the content only with a click (two-click consent).',
  'embed.kind': 'Display',
  'embed.kindLink': 'Link card',
  'embed.kindIframe': 'Embedded after a click (iframe)',
  'donation.label': 'Donation appeal',
  'donation.text': 'Own text (empty: the one from the settings)',
  'footnotes.title': 'Footnotes and sources',
  'footnotes.id': 'Key',
  'footnotes.text': 'Text',
  'footnotes.add': 'Add footnote',
  'footnotes.remove': 'Remove footnote {id}',
  'footnotes.hint': 'Refer to one in the text with [^key].',
  'block.remove': 'Remove block',
  'link.prompt': 'Link address (leave empty to remove the link):',
  'link.invalid': 'This address will not do: http(s), mailto and paths on this site are allowed.',
  'media.loading': 'Loading the library …',
  'media.empty': 'No images yet.',
  'media.uploading': 'Uploading …',
  'media.noFile': 'Please choose an image file.',
  'media.pick': 'Choose',
  'proof.checking': 'Checking …',
  'proof.none': 'No findings.',
  'proof.count': 'Open findings: {count}',
  'proof.failed': 'Proofreading is not reachable right now.',
  'proof.ignore': 'Ignore',
  'proof.replace': 'Replace with “{word}”',
  'proof.where.title': 'Title',
  'proof.where.subtitle': 'Standfirst',
  'proof.where.body': 'Text',
  'history.loading': 'Loading the history …',
  'history.empty': 'No versions yet.',
  'history.nothing': 'The text has not changed since this version.',
  'history.fields': 'Changed fields: {fields}',
  'history.restored': 'Version restored.',
  'history.note.created': 'created',
  'history.note.saved': 'saved',
  'preview.loading': 'Loading the preview …',
  'preview.failed': 'The preview failed: {message}',
  'preview.by': 'By',
};

export type Lang = 'de' | 'en';
export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: string | undefined): T {
  const table: Record<MessageKey, string> = lang === 'en' ? en : de;
  return (key, params) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

/** "10:42" in the page's language: when something was saved. */
export function clock(lang: string | undefined, at = new Date()): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(at);
}

/** Date and time of a revision, in the page's language. */
export function dateTime(lang: string | undefined, iso: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
