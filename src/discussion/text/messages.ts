/**
 * What comment text shows or reports to readers, in both site languages. The error keys
 * are the codes of `CommentTextError`, so pages and the API can look the message up by code.
 *
 * @example
 *   translator('en', commentTextMessages)('COMMENT_TOO_LONG', { max: '20,000' });
 *   // 'The comment is too long (at most 20,000 characters).'
 */
import { defineMessages } from '../../platform/i18n.js';

export const commentTextMessages = defineMessages({
  de: {
    'quote.showWhole': 'Ganzes Zitat anzeigen',
    'quote.wrote': '{author} schrieb:',
    COMMENT_EMPTY: 'Bitte schreiben Sie einen Kommentar.',
    COMMENT_TOO_LONG: 'Der Kommentar ist zu lang (höchstens {max} Zeichen).',
  },
  en: {
    'quote.showWhole': 'Show the whole quote',
    'quote.wrote': '{author} wrote:',
    COMMENT_EMPTY: 'Please write a comment.',
    COMMENT_TOO_LONG: 'The comment is too long (at most {max} characters).',
  },
});
