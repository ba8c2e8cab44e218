/** Site settings of the demo newsroom: a fictional local outlet in the city of Lindenau. */
import type { Language } from '../platform/i18n.js';
import { DEFAULT_SETTINGS, type SiteSettings } from '../platform/settings.js';

export function demoSettings(lang: Language): SiteSettings {
  const de = lang === 'de';
  return {
    site: {
      title: 'Lindenauer Blatt',
      tagline: de ? 'Unabhängiger Journalismus für Lindenau' : 'Independent journalism for Lindenau',
      description: de
        ? 'Nachrichten und Hintergründe aus Lindenau, finanziert von unseren Leserinnen und Lesern.'
        : 'News and background from Lindenau, funded by our readers.',
      language: lang,
      homeLanguageFirst: true,
      navigation: de
        ? [{ label: 'Stadtrat', url: '/tag/stadtrat/' }, { label: 'Kultur', url: '/tag/kultur/' }, { label: 'Über uns', url: '/ueber-uns/' }]
        : [{ label: 'City council', url: '/tag/stadtrat/' }, { label: 'Culture', url: '/tag/kultur/' }, { label: 'About', url: '/about/' }],
      social: [
        { label: 'Mastodon', url: 'https://social.example.org/@lindenauer_blatt' },
        { label: 'Telegram', url: 'https://t.example.org/lindenauer_blatt' },
      ],
      followText: '',
    },
    donation: {
      enabled: true,
      recipient: 'Lindenauer Blatt gGmbH',
      iban: 'DE02120300000000202051',
      bic: 'BYLADEM1001',
      purpose: de ? 'Spende Lindenauer Blatt' : 'Donation Lindenauer Blatt',
      appeal: '',
      amounts: [5, 10, 25, 50],
      providers: [{ label: 'Liberapay', url: 'https://liberapay.example.org/lindenauer-blatt' }],
    },
    discussion: { ...DEFAULT_SETTINGS.discussion },
    newsletter: { ...DEFAULT_SETTINGS.newsletter },
    // distribution (issue 5): switched off in the demo, like every outside service.
    telegram: { ...DEFAULT_SETTINGS.telegram },
    distribution: { ...DEFAULT_SETTINGS.distribution },
    editorial: { ...DEFAULT_SETTINGS.editorial },
    design: { ...DEFAULT_SETTINGS.design },
    legal: {
      country: 'de',
      publisher: 'Lindenauer Blatt gGmbH',
      legalForm: 'gemeinnützige GmbH',
      address: 'Marktplatz 1, 01234 Lindenau',
      email: 'redaktion@lindenauer-blatt.example.org',
      phone: '+49 123 456789-0',
      register: 'Amtsgericht Lindenau, HRB 12345',
      vatId: 'DE123456789',
      responsibleEditor: 'Jana Beispiel',
      responsibleEditorAddress: 'Marktplatz 1, 01234 Lindenau',
      mediaOwner: 'Lindenauer Blatt gGmbH',
      editorialLine: de
        ? 'Unabhängige, überparteiliche Berichterstattung über Politik, Kultur und Alltag in Lindenau.'
        : 'Independent, non-partisan reporting on politics, culture and daily life in Lindenau.',
      privacyContact: 'datenschutz@lindenauer-blatt.example.org',
      hostingProvider: de ? 'Eigener Server in einem Rechenzentrum in Deutschland' : 'Own server in a data centre in Germany',
    },
  };
}
