/**
 * What the article body renderer shows readers. German addresses readers with „Sie“,
 * as the outlets we serve do.
 *
 * @example
 *   translator('en', contentMessages)('embed.remember', { provider: 'Vimeo' });
 *   // 'Always load content from Vimeo'
 */
import { defineMessages } from '../platform/i18n.js';

export const contentMessages = defineMessages({
  de: {
    'body.creditPhoto': 'Foto:',
    'body.creditSource': 'Quelle',
    'body.licencePublicDomain': 'gemeinfrei',
    'body.licenceAllRightsReserved': 'alle Rechte vorbehalten',
    'body.footnotes': 'Fußnoten',
    'body.footnoteBack': 'Zurück zur Textstelle von Fußnote {n}',
    'body.donationLabel': 'Spendenaufruf',
    'body.donationLink': 'Jetzt unterstützen',
    'body.readingTime': '{minutes} Min. Lesezeit',
    'body.table': 'Tabelle',
    'body.galleryOpen': 'Bild {n} in voller Größe öffnen',
    'embed.videoTitle': 'Video bei {provider}',
    'embed.contentTitle': 'Inhalt von {provider}',
    // Worded without naming the button: without JavaScript only the link is there.
    'embed.noticeVideo':
      'Das Video wird erst auf Ihren Wunsch geladen. Dabei werden Daten, etwa Ihre IP-Adresse, an {provider} übertragen.',
    'embed.noticeContent':
      'Der Inhalt wird erst auf Ihren Wunsch geladen. Dabei werden Daten, etwa Ihre IP-Adresse, an {provider} übertragen.',
    'embed.loadVideo': 'Video laden',
    'embed.loadContent': 'Inhalt laden',
    'embed.remember': 'Inhalte von {provider} immer laden',
    'embed.openVideo': 'Video direkt bei {provider} ansehen',
    'embed.openContent': 'Inhalt direkt bei {provider} öffnen',
  },
  en: {
    'body.creditPhoto': 'Photo:',
    'body.creditSource': 'Source',
    'body.licencePublicDomain': 'public domain',
    'body.licenceAllRightsReserved': 'all rights reserved',
    'body.footnotes': 'Footnotes',
    'body.footnoteBack': 'Back to the reference to footnote {n}',
    'body.donationLabel': 'Donation appeal',
    'body.donationLink': 'Support our work',
    'body.readingTime': '{minutes} min read',
    'body.table': 'Table',
    'body.galleryOpen': 'open image {n} at full size',
    'embed.videoTitle': 'Video on {provider}',
    'embed.contentTitle': 'Content from {provider}',
    'embed.noticeVideo':
      'The video only loads if you ask for it. Loading it sends data, such as your IP address, to {provider}.',
    'embed.noticeContent':
      'This content only loads if you ask for it. Loading it sends data, such as your IP address, to {provider}.',
    'embed.loadVideo': 'Load video',
    'embed.loadContent': 'Load content',
    'embed.remember': 'Always load content from {provider}',
    'embed.openVideo': 'Watch the video on {provider}',
    'embed.openContent': 'Open the content on {provider}',
  },
});

export type ContentMessageKey = keyof (typeof contentMessages)['de'];
