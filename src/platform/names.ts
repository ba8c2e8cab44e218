/**
 * One rule for every person name a visitor or staff member types: guest commenters,
 * reader accounts, newsletter subscribers, authors, staff. A name is shown next to other
 * people's words, so it must not be able to reorder its own display (`\u202emoc.elgoog`
 * reads as "google.com"), hide in invisible characters or be blank.
 *
 * @example
 *   cleanPersonName('  Lea\u200b  Müller ');  // 'Lea Müller'
 *   cleanPersonName('\u202emoc.elgoog');     // 'moc.elgoog'
 *   cleanPersonName('\u200b');               // null: nothing visible is left
 */

/** Line breaks and tabs become spaces (a pasted name), before the other controls go. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;

/** C0 controls, DEL, C1 controls. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Bidi embeddings, overrides, isolates and marks (LRM, RLM, ALM). Comment bodies keep the
 * plain marks because running Arabic or Hebrew text may need them; a short name does not,
 * and a name of only marks would look blank.
 */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Characters that show nothing: zero-width space, word joiner, BOM, soft hyphen,
 * combining grapheme joiner, Mongolian vowel separator, the Hangul fillers and the blank
 * Braille pattern (favourites for "invisible" names), and Unicode tag characters.
 */
const INVISIBLE = /[\u00ad\u034f\u115f\u1160\u180e\u200b\u2060-\u2064\u2800\u3164\ufeff\uffa0]|[\u{e0000}-\u{e007f}]/gu;

/**
 * ZWNJ/ZWJ are part of Persian and Indic words and of emoji sequences, so they go only
 * next to ASCII or at the ends, where they split a name that should look like another.
 */
const JOINERS_NEAR_ASCII = /(?<![^\u0000-\u007f])[\u200c\u200d]+|[\u200c\u200d]+(?![^\u0000-\u007f])/g;

export const PERSON_NAME_MAX = 80;

/**
 * The cleaned name, or null when nothing visible is left or it is longer than `max`
 * (UTF-16 units, counted after cleaning). Composes to NFC, so a name typed two ways is
 * one name.
 *
 * @example
 *   cleanPersonName('x'.repeat(81));      // null
 *   cleanPersonName('Rene\u0301');        // 'René'
 */
export function cleanPersonName(raw: unknown, max = PERSON_NAME_MAX): string | null {
  if (typeof raw !== 'string') return null;
  const name = raw
    .replace(BREAKS, ' ')
    .replace(CONTROLS, '')
    .replace(BIDI, '')
    .replace(INVISIBLE, '')
    .replace(JOINERS_NEAR_ASCII, '')
    .replace(/\s+/g, ' ')
    .trim()
    // Last, so a mark that was separated from its letter by a removed character composes too.
    .normalize('NFC');
  return name && name.length <= max ? name : null;
}
