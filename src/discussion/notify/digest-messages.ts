/**
 * Words of the authors' comment digest (issue 11), German and English.
 *
 * @example
 *   translator('en', digestMessages)('digest.subject', { count: 3, title: 'Council meets' }); // '3 new comments on “Council meets”'
 */
import { defineMessages } from '../../platform/i18n.js';

export const digestMessages = defineMessages({
  de: {
    'digest.subject': '{count, plural, one {Ein neuer Kommentar} other {# neue Kommentare}} zu „{title}“',
    'digest.intro': 'Zu Ihrem Artikel „{title}“ {count, plural, one {gibt es einen neuen Kommentar} other {gibt es # neue Kommentare}}:',
    'digest.open': 'öffnen',
    'digest.more': '… und {count, plural, one {ein weiterer} other {# weitere}}.',
    'digest.action': 'Zur Diskussion',
    'digest.whyHourly': 'Sie erhalten diese Zusammenfassung als Autorin oder Autor des Artikels, höchstens einmal pro Stunde und Artikel.',
    'digest.whyDaily': 'Sie erhalten diese Zusammenfassung als Autorin oder Autor des Artikels, höchstens einmal am Tag und Artikel.',
    'digest.settings': 'Wie oft? Einstellen',
    'digest.unsubscribe': 'Keine Kommentar-Mails mehr',
  },
  en: {
    'digest.subject': '{count, plural, one {A new comment} other {# new comments}} on “{title}”',
    'digest.intro': 'Your article “{title}” has {count, plural, one {a new comment} other {# new comments}}:',
    'digest.open': 'open',
    'digest.more': '… and {count, plural, one {one more} other {# more}}.',
    'digest.action': 'Go to the discussion',
    'digest.whyHourly': 'You receive this summary as an author of the article, at most once an hour per article.',
    'digest.whyDaily': 'You receive this summary as an author of the article, at most once a day per article.',
    'digest.settings': 'How often? Change it',
    'digest.unsubscribe': 'No more comment mails',
  },
});

export type DigestMessageKey = keyof (typeof digestMessages)['de'];
