/**
 * The few XML helpers the feeds and the sitemap need. Everything written into XML goes
 * through `xmlText`, which first drops characters XML 1.0 forbids (a single stray control
 * character pasted from Word makes the whole feed unreadable to a strict parser) and then
 * escapes with entities. Entities rather than CDATA: a body quoting `]]>` cannot end them.
 */

// XML 1.0 Char production, minus the C1 controls it only "discourages": those are never
// meant as text and some readers reject them. Lone surrogates fall outside every range.
const ILLEGAL = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Drops characters that may not appear in an XML 1.0 document (also used for JSON Feed,
 * so every format carries the same text).
 *
 * @example
 *   cleanText('Bad\u0007 news \u{1F4F0}'); // 'Bad news 📰'
 */
export function cleanText(text: string): string {
  return text.replace(ILLEGAL, '');
}

/**
 * Text or attribute value, cleaned and escaped for XML.
 *
 * @example
 *   xmlText('Fish & <Chips> ]]>'); // 'Fish &amp; &lt;Chips&gt; ]]&gt;'
 */
export function xmlText(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/**
 * `<name>text</name>`, or nothing for an empty value (optional elements stay out).
 *
 * @example
 *   element('title', 'A & B'); // '<title>A &amp; B</title>'
 */
export function element(name: string, text: string | null | undefined): string {
  return text ? `<${name}>${xmlText(text)}</${name}>` : '';
}

/**
 * Attributes in the order given; null and undefined values are left out.
 *
 * @example
 *   attributes({ rel: 'self', href: 'https://x.test/?a=1&b=2' }); // ' rel="self" href="https://x.test/?a=1&amp;b=2"'
 */
export function attributes(values: Record<string, string | number | null | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined) out += ` ${name}="${xmlText(String(value))}"`;
  }
  return out;
}

/**
 * RFC 822 date as RSS 2.0 wants it (`toUTCString` gives the RFC 1123 form with "GMT").
 *
 * @example
 *   rfc822(new Date('2026-11-10T09:30:00Z')); // 'Tue, 10 Nov 2026 09:30:00 GMT'
 */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

/**
 * RFC 3339 / W3C date-time without milliseconds (Atom, JSON Feed, sitemaps).
 *
 * @example
 *   isoDate(new Date('2026-11-10T09:30:00.123Z')); // '2026-11-10T09:30:00Z'
 */
export function isoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
