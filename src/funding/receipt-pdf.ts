/**
 * The yearly donation receipt as a PDF: "Sammelbestätigung über Geldzuwendungen" in the
 * wording of the official German template (BMF, Anlage 3 zum Schreiben über die Muster
 * für Zuwendungsbestätigungen), with the list of gifts as its annex. The text stays German
 * whatever the site's language: it is a German tax document. Drawn with the kept `pdfkit`
 * in the site's own typefaces (Source Serif 4 and Inter from @fontsource, as WOFF, which
 * pdfkit embeds as subsets). Same snapshot, same text.
 *
 * @example
 *   const pdf = await receiptPdf(snapshot); // Buffer, '%PDF-1.3…'
 */
import { createRequire } from 'node:module';
import { euroInWords } from './words.js';

const require = createRequire(import.meta.url);
const FONTS = {
  serif: require.resolve('@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff'),
  serifBold: require.resolve('@fontsource/source-serif-4/files/source-serif-4-latin-700-normal.woff'),
  sans: require.resolve('@fontsource/inter/files/inter-latin-400-normal.woff'),
};

export interface ReceiptSnapshot {
  number: string;
  year: number;
  /** ISO day the receipt was issued. */
  issuedOn: string;
  issuer: string;
  donor: { name: string; street: string; postcode: string; city: string };
  totalCents: number;
  gifts: { day: string; cents: number }[];
  purpose: string;
  taxOffice: string;
  taxNumber: string;
  basis: 'exemption' | 'statutes';
  noticeDate: string;
  period: string;
  place: string;
  signatory: string;
  machineMade: boolean;
}

export const euro = (cents: number): string =>
  new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }).format(cents / 100);

const germanDay = (day: string): string => (day ? `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}` : '…');

/** The receipt's text, paragraph by paragraph (the PDF test and the page read the same). */
export function receiptParagraphs(s: ReceiptSnapshot): string[] {
  const basis =
    s.basis === 'exemption'
      ? `Wir sind wegen Förderung ${s.purpose || '…'} nach dem Freistellungsbescheid bzw. nach der Anlage zum Körperschaftsteuerbescheid des Finanzamtes ${s.taxOffice || '…'}, StNr. ${s.taxNumber || '…'}, vom ${germanDay(s.noticeDate)} für den letzten Veranlagungszeitraum ${s.period || '…'} nach § 5 Abs. 1 Nr. 9 des Körperschaftsteuergesetzes von der Körperschaftsteuer und nach § 3 Nr. 6 des Gewerbesteuergesetzes von der Gewerbesteuer befreit.`
      : `Die Einhaltung der satzungsmäßigen Voraussetzungen nach den §§ 51, 59, 60 und 61 AO wurde vom Finanzamt ${s.taxOffice || '…'}, StNr. ${s.taxNumber || '…'}, mit Bescheid vom ${germanDay(s.noticeDate)} nach § 60a AO gesondert festgestellt. Wir fördern nach unserer Satzung ${s.purpose || '…'}.`;
  return [
    basis,
    `Es wird bestätigt, dass die Zuwendung nur zur Förderung ${s.purpose || '…'} verwendet wird.`,
    'Es wird bestätigt, dass über die in der Gesamtsumme enthaltenen Zuwendungen keine weiteren Bestätigungen, weder formelle Zuwendungsbestätigungen noch Beitragsquittungen oder Ähnliches ausgestellt wurden und werden.',
    'Ob es sich um den Verzicht auf Erstattung von Aufwendungen handelt, ist der Anlage zur Sammelbestätigung zu entnehmen.',
  ];
}

const NOTICE =
  'Hinweis: Wer vorsätzlich oder grob fahrlässig eine unrichtige Zuwendungsbestätigung erstellt oder veranlasst, dass Zuwendungen nicht zu den in der Zuwendungsbestätigung angegebenen steuerbegünstigten Zwecken verwendet werden, haftet für die entgangene Steuer (§ 10b Abs. 4 EStG, § 9 Abs. 3 KStG, § 9 Nr. 5 GewStG). Diese Bestätigung wird nicht als Nachweis für die steuerliche Berücksichtigung der Zuwendung anerkannt, wenn das Datum des Freistellungsbescheides länger als 5 Jahre bzw. das Datum der Feststellung der Einhaltung der satzungsmäßigen Voraussetzungen nach § 60a Abs. 1 AO länger als 3 Jahre seit Ausstellung des Bescheides zurückliegt (§ 63 Abs. 5 AO).';

export async function receiptPdf(s: ReceiptSnapshot): Promise<Buffer> {
  // Loaded when the first receipt is drawn: pdfkit brings fontkit and a brotli decoder (1.8 MB
  // of source), which every isolate (the event loop, each render thread) kept in its heap for
  // nothing, making each full collection longer (bench/PROFILE.md section 11).
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    // A fixed creation date: the same receipt gives the same file.
    info: { Title: `Sammelbestätigung ${s.year} – ${s.number}`, Author: s.issuer.split('\n')[0] ?? '', CreationDate: new Date(`${s.issuedOn}T12:00:00Z`) },
    lang: 'de-DE',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('serif', FONTS.serif);
  doc.registerFont('serif-bold', FONTS.serifBold);
  doc.registerFont('sans', FONTS.sans);
  const width = doc.page.width - 128;
  const label = (text: string) => doc.font('sans').fontSize(7.5).fillColor('#545b64').text(text).fillColor('#1b1f24');
  const body = (text: string, gap = 6) => doc.font('serif').fontSize(10).text(text, { width, align: 'left' }).moveDown(gap / 10);

  label('Aussteller (Bezeichnung und Anschrift der steuerbegünstigten Einrichtung)');
  body(s.issuer || '…');
  doc.moveDown(0.4);
  doc.font('serif-bold').fontSize(12.5).text(
    'Sammelbestätigung über Geldzuwendungen im Sinne des § 10b des Einkommensteuergesetzes an eine der in § 5 Abs. 1 Nr. 9 des Körperschaftsteuergesetzes bezeichneten Körperschaften, Personenvereinigungen oder Vermögensmassen',
    { width },
  );
  doc.moveDown(0.8);
  label('Name und Anschrift des Zuwendenden');
  body([s.donor.name, s.donor.street, `${s.donor.postcode} ${s.donor.city}`.trim()].filter(Boolean).join('\n'));
  doc.moveDown(0.3);
  // Three columns side by side, as on the official form: figures, words, period.
  const top = doc.y;
  const column = (from: number, share: number, title: string, value: string, font: string) => {
    const x = 64 + width * from;
    doc.font('sans').fontSize(7.5).fillColor('#545b64').text(title, x, top, { width: width * share }).fillColor('#1b1f24');
    doc.font(font).fontSize(10).text(value, x, doc.y, { width: width * share });
    return doc.y;
  };
  const bottom = Math.max(
    column(0, 0.26, 'Gesamtbetrag der Zuwendung – in Ziffern –', euro(s.totalCents), 'serif-bold'),
    column(0.28, 0.42, '– in Buchstaben –', euroInWords(s.totalCents), 'serif'),
    column(0.72, 0.28, 'Zeitraum der Sammelbestätigung', `01.01.${s.year} – 31.12.${s.year}`, 'serif'),
  );
  doc.x = 64;
  doc.y = bottom;
  doc.moveDown(0.8);
  for (const paragraph of receiptParagraphs(s)) body(paragraph);
  doc.moveDown(1);
  body(`${s.place || '…'}, ${germanDay(s.issuedOn)}`, 2);
  if (s.machineMade) body('Diese Zuwendungsbestätigung wurde maschinell erstellt und ist ohne Unterschrift gültig.');
  else {
    doc.moveDown(1.2);
    label(`(Ort, Datum und Unterschrift des Zuwendungsempfängers)${s.signatory ? ` – ${s.signatory}` : ''}`);
  }
  doc.moveDown(1);
  doc.font('sans').fontSize(7.5).fillColor('#545b64').text(NOTICE, { width }).fillColor('#1b1f24');
  doc.moveDown(0.6);
  doc.font('sans').fontSize(7.5).text(`Bestätigung Nr. ${s.number}`);

  doc.addPage();
  doc.font('serif-bold').fontSize(12).text(`Anlage zur Sammelbestätigung Nr. ${s.number}: Zuwendungen ${s.year}`, { width });
  doc.moveDown(0.8);
  const columns = [0, 0.25, 0.55, 0.8].map((f) => 64 + width * f);
  const row = (cells: string[], font: string) => {
    const y = doc.y;
    cells.forEach((cell, i) => doc.font(font).fontSize(9.5).text(cell, columns[i]!, y, { width: width * 0.28, align: i === 3 ? 'right' : 'left' }));
    doc.x = 64;
    doc.moveDown(0.35);
  };
  row(['Datum der Zuwendung', 'Art der Zuwendung', 'Verzicht auf die Erstattung von Aufwendungen', 'Betrag'], 'sans');
  doc.moveDown(0.3);
  for (const gift of s.gifts) row([germanDay(gift.day), 'Geldzuwendung', 'nein', euro(gift.cents)], 'serif');
  doc.moveDown(0.3);
  row(['', '', 'Gesamtsumme', euro(s.totalCents)], 'serif-bold');
  doc.end();
  return done;
}
