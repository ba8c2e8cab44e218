/**
 * The proofreader's messages in German and English, one per finding code.
 *
 * @example
 *   translator('de', proofreadMessages)('spelling', { word: 'Urkaine' }); // 'Unbekanntes Wort: „Urkaine“'
 */
import { defineMessages } from '../../platform/i18n.js';
import type { FindingCode } from './types.js';

export const proofreadMessages = defineMessages<FindingCode>({
  de: {
    'spelling': 'Unbekanntes Wort: „{word}“',
    'doubled-word': 'Doppeltes Wort: „{word}“',
    'quote-unclosed': 'Das Anführungszeichen {quote} wird nicht geschlossen.',
    'quote-unopened': 'Zum Anführungszeichen {quote} fehlt das öffnende.',
    'quote-mixed': 'Gemischte Anführungszeichen: {quote} passt nicht zu {expected} im übrigen Text.',
    'double-space': 'Doppeltes Leerzeichen',
    'space-before-punctuation': 'Leerzeichen vor „{mark}“',
    'missing-space': 'Fehlendes Leerzeichen nach „{mark}“',
    'doubled-punctuation': 'Doppeltes Satzzeichen „{mark}“',
  },
  en: {
    'spelling': 'Unknown word: “{word}”',
    'doubled-word': 'Doubled word: “{word}”',
    'quote-unclosed': 'The quotation mark {quote} is never closed.',
    'quote-unopened': 'The quotation mark {quote} closes a quote that was never opened.',
    'quote-mixed': 'Mixed quotation marks: {quote} does not match {expected} in the rest of the text.',
    'double-space': 'Double space',
    'space-before-punctuation': 'Space before “{mark}”',
    'missing-space': 'Missing space after “{mark}”',
    'doubled-punctuation': 'Doubled punctuation “{mark}”',
  },
});
