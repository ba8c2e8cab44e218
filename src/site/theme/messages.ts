/** Words of the theme's parts of the page (dark-mode switch, home boxes), in German and English. */
import { defineMessages } from '../../platform/i18n.js';

export const themeMessages = defineMessages({
  de: {
    'toggle.dark': 'Dunkel',
    'toggle.label': 'Dunkles Design',
    'logo.alt': '{site} – zur Startseite',
    'footer.newsletter': 'Newsletter',
    'boxes.label': 'Bleiben Sie dabei',
    'newsletter.title': 'Der Newsletter',
    'newsletter.text': 'Die wichtigsten Geschichten der Woche in Ihrem Postfach. Kostenlos, jederzeit abbestellbar.',
    'newsletter.email': 'E-Mail-Adresse',
    'newsletter.subscribe': 'Abonnieren',
    'newsletter.honeypot': 'Bitte leer lassen',
    'newsletter.consent': 'Sie erhalten eine E-Mail zur Bestätigung.',
    'newsletter.privacy': 'Datenschutz',
    'support.title': 'Unabhängiger Journalismus braucht Sie',
    'support.text': 'Unsere Arbeit wird von Leserinnen und Lesern finanziert: keine Werbung, keine Bezahlschranke.',
    'support.button': 'Jetzt unterstützen',
    'home.headlines': 'Alle Schlagzeilen',
  },
  en: {
    'toggle.dark': 'Dark',
    'toggle.label': 'Dark theme',
    'logo.alt': '{site} – to the home page',
    'footer.newsletter': 'Newsletter',
    'boxes.label': 'Stay with us',
    'newsletter.title': 'The newsletter',
    'newsletter.text': 'The week’s most important stories in your inbox. Free, cancel at any time.',
    'newsletter.email': 'E-mail address',
    'newsletter.subscribe': 'Subscribe',
    'newsletter.honeypot': 'Please leave empty',
    'newsletter.consent': 'You will get an e-mail to confirm.',
    'newsletter.privacy': 'Privacy',
    'support.title': 'Independent journalism needs you',
    'support.text': 'Our work is funded by our readers: no ads, no paywall.',
    'support.button': 'Support us now',
    'home.headlines': 'All headlines',
  },
});

export type ThemeMessageKey = keyof (typeof themeMessages)['de'];

/** Warnings the design settings answer with (saved anyway; the newsroom decides). */
export const themeWarnings = defineMessages({
  de: {
    ACCENT_CONTRAST_LOW:
      'Die Akzentfarbe hat zu wenig Kontrast ({ratio}:1; für gut lesbare Links und Schaltflächen braucht es 4,5:1). Vorschlag im selben Farbton: {suggestion}.',
  },
  en: {
    ACCENT_CONTRAST_LOW:
      'The accent colour has too little contrast ({ratio}:1; readable links and buttons need 4.5:1). A suggestion in the same hue: {suggestion}.',
  },
});
