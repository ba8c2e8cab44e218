/**
 * Characters that have no business in a reader's comment, removed before anything else
 * looks at the text. Applied when a comment is saved and again when it is rendered, because
 * stored bodies may predate these rules (imports, older versions).
 */

/**
 * C0 controls except tab and newline, DEL and C1 controls: invalid or invisible in HTML,
 * and some mail clients read C1 NEL as a line break. NUL must never reach output because
 * the page cache uses it to mark per-visitor holes.
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) let a reader
 * make `moc.elpmaxe` display as `example.com`, or reorder a quote. The plain marks
 * LRM/RLM stay: Arabic and Hebrew text needs them and they cannot reorder a run.
 */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** Zero-width space, word joiner and BOM are invisible everywhere and only hide things. */
const INVISIBLE = /[\u200b\u2060\ufeff]/g;

/**
 * ZWNJ/ZWJ are needed inside Persian or Indic words and emoji sequences (👩‍💻), so they
 * are removed only next to ASCII or at the ends, which is where they split a URL or a
 * name that should look like another one (`pay\u200dpal.com`).
 */
const JOINERS_NEAR_ASCII = /(?<![^\u0000-\u007f])[\u200c\u200d]+|[\u200c\u200d]+(?![^\u0000-\u007f])/g;

/**
 * Normalises line ends to `\n`, composes to NFC (so `é` typed two ways compares equal and
 * counts once) and removes control, bidi-override and spoofing zero-width characters.
 * Does not trim and does not check the length: that is `validateCommentBody`'s job.
 *
 * @example
 *   cleanCommentText('Hallo\r\nWelt\u202e!\u0000'); // 'Hallo\nWelt!'
 */
export function cleanCommentText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '')
    .replace(BIDI, '')
    .replace(INVISIBLE, '')
    .replace(JOINERS_NEAR_ASCII, '')
    // Last, so a mark that was separated from its letter by a removed character composes too.
    .normalize('NFC');
}
