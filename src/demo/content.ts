/**
 * The demo content that `blattwerk demo` (and the first `npm start`) seeds: a small local
 * newsroom in the fictional German city of Lindenau. Pure data, no I/O.
 *
 * Everything here is invented: the city, its council, its groups in the council, every
 * person quoted and every event. External links only point at example.org / example.com
 * (RFC 2606), apart from the two video embeds the brief asks for.
 *
 * Images are drawn locally by `renderDemoImage` (see `images.ts`). Article bodies cannot
 * know media ids in advance, so image blocks carry `mediaId: 0` and `demoBodyImages` lists,
 * per article slug, the image keys to put in those blocks, in order.
 */
import type { Block } from '../content/index.js';
import type { LicenceCode } from '../media/index.js';
import type { DemoMotif } from './images.js';

export type { DemoMotif } from './images.js';

export interface DemoAuthor {
  slug: string;
  name: string;
  bio: { de: string; en: string };
  links: { label: string; url: string }[];
  books: { title: string; url: string; year: number }[];
  avatarKey: string;
}

export interface DemoImage {
  key: string;
  alt: { de: string; en: string };
  caption: { de: string; en: string };
  credit: string;
  licence: LicenceCode;
  sourceUrl: string | null;
  motif: DemoMotif;
}

export interface DemoArticle {
  slug: string;
  lang: 'de' | 'en';
  title: string;
  subtitle: string;
  tags: string[];
  authors: string[];
  publishedDaysAgo: number;
  updatedDaysAgo?: number;
  imageKey: string;
  body: Block[];
  seoTitle?: string;
  seoDescription?: string;
  commentsOpen: boolean;
  status?: 'published' | 'scheduled';
  scheduledInHours?: number;
}

export interface DemoTag {
  slug: string;
  name: { de: string; en: string };
  description: { de: string; en: string };
}

export interface DemoPage {
  slug: string;
  lang: 'de' | 'en';
  title: string;
  body: Block[];
}

/** The article that shows every block type; the demo's front page leads with it. */
export const DEMO_SHOWCASE_SLUG = 'haushaltsdebatte-im-stadtrat';

export const DEMO_IMAGE_CREDIT = 'Blattwerk-Demo / Illustration';

// ---------------------------------------------------------------------------------------
// Block helpers (keep the data below readable)

const p = (text: string): Block => ({ type: 'paragraph', text });
const h2 = (text: string): Block => ({ type: 'heading', level: 2, text });
const h3 = (text: string): Block => ({ type: 'heading', level: 3, text });
const ul = (...items: string[]): Block => ({ type: 'list', ordered: false, items });
const ol = (...items: string[]): Block => ({ type: 'list', ordered: true, items });
const image = (): Block => ({ type: 'image', mediaId: 0 });
const donation = (text?: string): Block => (text === undefined ? { type: 'donation' } : { type: 'donation', text });
const footnotes = (...items: [id: string, text: string][]): Block => ({
  type: 'footnotes',
  items: items.map(([id, text]) => ({ id, text })),
});
function quote(text: string, attribution: string, sourceUrl?: string, sourceTitle?: string): Block {
  const block: Extract<Block, { type: 'quote' }> = { type: 'quote', text, attribution };
  if (sourceUrl !== undefined) block.sourceUrl = sourceUrl;
  if (sourceTitle !== undefined) block.sourceTitle = sourceTitle;
  return block;
}

// ---------------------------------------------------------------------------------------
// Authors

export const demoAuthors: DemoAuthor[] = [
  {
    slug: 'miriam-albrecht',
    name: 'Miriam Albrecht',
    bio: {
      de: 'Miriam Albrecht berichtet seit zwölf Jahren aus dem Lindenauer Rathaus, über Stadtrat, Verwaltung und städtische Finanzen. Vorher war sie Volontärin bei einer Regionalzeitung. Sie hat zwei Sachbücher über Kommunalpolitik geschrieben.',
      en: 'Miriam Albrecht has covered Lindenau’s town hall for twelve years: the city council, the administration and the municipal finances. She trained at a regional newspaper and has written two non-fiction books on local politics.',
    },
    links: [
      { label: 'Website', url: 'https://example.org/miriam-albrecht' },
      { label: 'Mastodon', url: 'https://social.example.org/@miriam' },
    ],
    books: [
      { title: 'Das Rathaus von innen. Wie Kommunalpolitik wirklich funktioniert', url: 'https://example.org/buecher/das-rathaus-von-innen', year: 2021 },
      { title: 'Kassensturz. Eine kleine Geschichte der städtischen Finanzen', url: 'https://example.org/buecher/kassensturz', year: 2024 },
    ],
    avatarKey: 'avatar-miriam-albrecht',
  },
  {
    slug: 'jonas-feldmann',
    name: 'Jonas Feldmann',
    bio: {
      de: 'Jonas Feldmann schreibt über Verkehr, Bauen und Stadtentwicklung. Er fährt täglich mit dem Rad durch Lindenau und hat jede Baustelle der Linie 7 mindestens einmal besucht.',
      en: 'Jonas Feldmann writes about transport, building and urban development. He cycles through Lindenau every day and has visited every Line 7 construction site at least once.',
    },
    links: [{ label: 'Website', url: 'https://example.com/jonas-feldmann' }],
    books: [{ title: 'Auf Schienen durch die Stadt. Die Straßenbahn und ihre Rückkehr', url: 'https://example.com/buecher/auf-schienen', year: 2019 }],
    avatarKey: 'avatar-jonas-feldmann',
  },
  {
    slug: 'aylin-kaya',
    name: 'Aylin Kaya',
    bio: {
      de: 'Aylin Kaya ist Redakteurin für Kultur und Bildung. Sie besucht Schulen, Bühnen und Bibliotheken und fragt dort vor allem die, über die sonst nur gesprochen wird.',
      en: 'Aylin Kaya is our culture and education editor. She visits schools, stages and libraries, and mostly asks the people who are usually only talked about.',
    },
    links: [{ label: 'Profil', url: 'https://example.org/team/aylin-kaya' }],
    books: [],
    avatarKey: 'avatar-aylin-kaya',
  },
  {
    slug: 'tobias-wendt',
    name: 'Tobias Wendt',
    bio: {
      de: 'Tobias Wendt berichtet über Klima, Umwelt und Sport in Lindenau. Am Wochenende steht er oft selbst am Spielfeldrand – als Vater eines E-Jugend-Spielers.',
      en: 'Tobias Wendt covers climate, the environment and sport in Lindenau. At weekends he can often be found on the touchline himself, as the father of an under-11 player.',
    },
    links: [
      { label: 'Website', url: 'https://example.org/tobias-wendt' },
      { label: 'Newsletter „Grünzeug“', url: 'https://example.org/gruenzeug' },
    ],
    books: [],
    avatarKey: 'avatar-tobias-wendt',
  },
  {
    slug: 'claire-whitfield',
    name: 'Claire Whitfield',
    bio: {
      de: 'Claire Whitfield betreut die englischsprachige Ausgabe. Sie kam vor acht Jahren aus Bristol nach Lindenau und erklärt seitdem die Stadt für alle, die (noch) kein Deutsch sprechen.',
      en: 'Claire Whitfield edits our English-language edition. She moved to Lindenau from Bristol eight years ago and has been explaining the city to everyone who doesn’t speak German (yet) ever since.',
    },
    links: [{ label: 'Website', url: 'https://example.com/claire-whitfield' }],
    books: [],
    avatarKey: 'avatar-claire-whitfield',
  },
];

// ---------------------------------------------------------------------------------------
// Tags

export const demoTags: DemoTag[] = [
  {
    slug: 'stadtrat',
    name: { de: 'Stadtrat', en: 'City council' },
    description: {
      de: 'Sitzungen, Beschlüsse und Debatten im Lindenauer Stadtrat.',
      en: 'Meetings, decisions and debates in Lindenau’s city council.',
    },
  },
  {
    slug: 'haushalt',
    name: { de: 'Haushalt', en: 'Budget' },
    description: {
      de: 'Woher das Geld der Stadt kommt und wofür sie es ausgibt.',
      en: 'Where the city’s money comes from and what it is spent on.',
    },
  },
  {
    slug: 'verkehr',
    name: { de: 'Verkehr', en: 'Transport' },
    description: {
      de: 'Straßenbahn, Bus, Rad und Fußwege – und die neue Linie 7.',
      en: 'Trams, buses, cycling and walking – and the new Line 7.',
    },
  },
  {
    slug: 'kultur',
    name: { de: 'Kultur', en: 'Culture' },
    description: {
      de: 'Feste, Bühnen, Bibliotheken und alles, was Lindenau lebendig macht.',
      en: 'Festivals, stages, libraries and everything that keeps Lindenau lively.',
    },
  },
  {
    slug: 'bildung',
    name: { de: 'Bildung', en: 'Education' },
    description: {
      de: 'Schulen, Kitas und Weiterbildung in Lindenau.',
      en: 'Schools, nurseries and adult education in Lindenau.',
    },
  },
  {
    slug: 'klima',
    name: { de: 'Klima & Umwelt', en: 'Climate & environment' },
    description: {
      de: 'Wie sich Lindenau auf Hitze und Starkregen vorbereitet – und was die Stadt für Natur und Klima tut.',
      en: 'How Lindenau prepares for heat and heavy rain, and what the city does for nature and the climate.',
    },
  },
  {
    slug: 'beteiligung',
    name: { de: 'Bürgerbeteiligung', en: 'Civic participation' },
    description: {
      de: 'Bürgerrat, Einwohnerfragestunde, Beteiligungsportal: wo Lindenauer mitreden können.',
      en: 'Citizens’ assembly, public question time, the participation portal: where residents have a say.',
    },
  },
  {
    slug: 'sport',
    name: { de: 'Sport', en: 'Sport' },
    description: {
      de: 'Vereine, Sportstätten und die Menschen, die sie am Laufen halten.',
      en: 'Clubs, sports grounds and the people who keep them going.',
    },
  },
  {
    slug: 'wirtschaft',
    name: { de: 'Lokale Wirtschaft', en: 'Local economy' },
    description: {
      de: 'Handwerk, Handel und Genossenschaften in Lindenau.',
      en: 'Crafts, shops and cooperatives in Lindenau.',
    },
  },
  {
    slug: 'stadtleben',
    name: { de: 'Stadtleben', en: 'City life' },
    description: {
      de: 'Geschichten aus den Vierteln, von Ehrenamtlichen und Nachbarschaften.',
      en: 'Stories from the neighbourhoods, from volunteers and neighbours.',
    },
  },
];

// ---------------------------------------------------------------------------------------
// Images

function img(
  key: string,
  motif: DemoMotif,
  licence: LicenceCode,
  alt: { de: string; en: string },
  caption: { de: string; en: string },
  withSource = true,
): DemoImage {
  return {
    key,
    alt,
    caption,
    credit: DEMO_IMAGE_CREDIT,
    licence,
    sourceUrl: withSource ? `https://example.org/blattwerk-demo/illustrationen/${key}` : null,
    motif,
  };
}

function avatar(key: string, name: string, licence: LicenceCode): DemoImage {
  return img(
    key,
    'portrait',
    licence,
    { de: `Illustriertes Porträt von ${name}`, en: `Illustrated portrait of ${name}` },
    { de: name, en: name },
    false,
  );
}

export const demoImages: DemoImage[] = [
  avatar('avatar-miriam-albrecht', 'Miriam Albrecht', 'cc0-1.0'),
  avatar('avatar-jonas-feldmann', 'Jonas Feldmann', 'cc0-1.0'),
  avatar('avatar-aylin-kaya', 'Aylin Kaya', 'cc0-1.0'),
  avatar('avatar-tobias-wendt', 'Tobias Wendt', 'cc0-1.0'),
  avatar('avatar-claire-whitfield', 'Claire Whitfield', 'cc0-1.0'),
  img(
    'rathaus-ratssaal',
    'townhall',
    'cc-by-4.0',
    {
      de: 'Illustration: Das Lindenauer Rathaus mit Uhrturm, davor der Marktplatz und Bäume',
      en: 'Illustration: Lindenau town hall with its clock tower, the market square and trees in front',
    },
    {
      de: 'Im Rathaus am Marktplatz tagt der Stadtrat – die Haushaltsdebatte dauerte fast sieben Stunden.',
      en: 'The city council meets in the town hall on the market square; the budget debate lasted almost seven hours.',
    },
  ),
  img(
    'haushalt-grafik',
    'budget-chart',
    'cc-by-4.0',
    {
      de: 'Illustration: Balkendiagramm, Ringdiagramm und Münzstapel',
      en: 'Illustration: a bar chart, a donut chart and stacks of coins',
    },
    {
      de: 'Investitionen, Kredite, Defizit: Der Haushaltsentwurf sieht Ausgaben von 612 Millionen Euro vor.',
      en: 'Investment, borrowing, deficit: the draft budget plans spending of 612 million euros.',
    },
  ),
  img(
    'haushaltsentwurf-grafik',
    'budget-chart',
    'cc0-1.0',
    { de: 'Illustration: Diagramme und Münzen auf hellem Hintergrund', en: 'Illustration: charts and coins on a light background' },
    {
      de: 'Der Entwurf der Kämmerin umfasst zwei Bände und mehr als 900 Seiten.',
      en: 'The treasurer’s draft fills two volumes and more than 900 pages.',
    },
    false,
  ),
  img(
    'haushalt-buerger-grafik',
    'budget-chart',
    'cc-by-sa-4.0',
    { de: 'Illustration: Balkendiagramm mit Trendlinie neben Münzstapeln', en: 'Illustration: a bar chart with a trend line next to stacks of coins' },
    {
      de: 'Grundsteuer, Gebühren, Eintrittspreise: Was der Haushalt im Alltag bedeutet.',
      en: 'Property tax, fees, admission prices: what the budget means in everyday life.',
    },
  ),
  img(
    'rathaus-marktplatz',
    'townhall',
    'cc-by-sa-4.0',
    { de: 'Illustration: Rathaus mit Turm und Fahne über dem Marktplatz', en: 'Illustration: the town hall with its tower and flag above the market square' },
    {
      de: 'Die zweite Lesung des Haushalts findet im großen Ratssaal statt.',
      en: 'The second reading of the budget takes place in the council chamber.',
    },
  ),
  img(
    'strassenbahn-linie-7',
    'tram',
    'cc-by-4.0',
    { de: 'Illustration: Eine Straßenbahn fährt an einer Häuserzeile vorbei', en: 'Illustration: a tram passes a row of houses' },
    {
      de: 'Die Linie 7 soll die Nordstadt und das Auenviertel an die Innenstadt anbinden.',
      en: 'Line 7 is to connect the Nordstadt and Auenviertel districts with the city centre.',
    },
  ),
  img(
    'strassenbahn-haltestelle',
    'tram',
    'cc-by-sa-4.0',
    { de: 'Illustration: Straßenbahn mit Oberleitung in einer Straße mit Bäumen', en: 'Illustration: a tram under its overhead wire in a tree-lined street' },
    {
      de: 'Vierzehn neue Haltestellen sind geplant, alle barrierefrei.',
      en: 'Fourteen new stops are planned, all of them step-free.',
    },
  ),
  img(
    'strassenbahn-baustelle',
    'tram',
    'cc0-1.0',
    { de: 'Illustration: Straßenbahn vor einer Häuserzeile, im Vordergrund Gleise', en: 'Illustration: a tram in front of a row of houses, with tracks in the foreground' },
    {
      de: 'Ab Montag wird in der Birkenallee gebaut; Busse fahren Umleitungen.',
      en: 'Construction on Birkenallee starts on Monday; buses will be diverted.',
    },
    false,
  ),
  img(
    'strassenbahn-birkenallee',
    'tram',
    'cc-by-4.0',
    { de: 'Illustration: Straßenbahn in einer Allee, links und rechts Bäume', en: 'Illustration: a tram in an avenue lined with trees' },
    {
      de: 'Anwohner der Birkenallee fürchten mehr Lärm durch die neue Strecke.',
      en: 'Residents of Birkenallee fear more noise from the new line.',
    },
  ),
  img(
    'strassenbahn-nordstadt',
    'tram',
    'cc-by-4.0',
    { de: 'Illustration: Zweiteilige Straßenbahn vor bunten Häusern', en: 'Illustration: a two-section tram in front of colourful houses' },
    {
      de: 'Fahrgäste sollen mit der Linie 7 in 22 Minuten vom Auenviertel zum Hauptbahnhof kommen.',
      en: 'Line 7 is to take passengers from Auenviertel to the main station in 22 minutes.',
    },
  ),
  img(
    'sommerfest-buehne',
    'festival',
    'cc-by-4.0',
    { de: 'Illustration: Festzelt mit Bühne, Riesenrad, Wimpelketten und Publikum am Abend', en: 'Illustration: a festival tent with a stage, a Ferris wheel, bunting and a crowd in the evening' },
    {
      de: 'Drei Tage lang wird der Auenpark zur Festwiese.',
      en: 'For three days, Auenpark becomes a festival ground.',
    },
  ),
  img(
    'sommerfest-abend',
    'festival',
    'cc-by-sa-4.0',
    { de: 'Illustration: Publikum vor einer beleuchteten Bühne, darüber Lichterketten', en: 'Illustration: an audience in front of a lit stage under strings of lights' },
    {
      de: 'Am Samstagabend war der Platz vor der Hauptbühne voll.',
      en: 'On Saturday evening the area in front of the main stage was full.',
    },
  ),
  img(
    'bibliothek-lesesaal',
    'library',
    'cc-by-4.0',
    { de: 'Illustration: Lesesaal mit Bücherregalen, Bogenfenster und Leselampe', en: 'Illustration: a reading room with bookshelves, an arched window and a reading lamp' },
    {
      de: 'Der neue Lesesaal hat 120 Arbeitsplätze.',
      en: 'The new reading room has 120 desks.',
    },
  ),
  img(
    'bibliothek-regale',
    'library',
    'cc0-1.0',
    { de: 'Illustration: Volle Bücherregale, dazwischen ein Tisch mit Pflanze', en: 'Illustration: full bookshelves with a table and a plant between them' },
    {
      de: 'Rund 140.000 Medien stehen wieder in den Regalen.',
      en: 'Around 140,000 items are back on the shelves.',
    },
    false,
  ),
  img(
    'gesamtschule-nord',
    'school',
    'cc-by-4.0',
    { de: 'Illustration: Schulgebäude mit Gerüst, Baukran und Solaranlage', en: 'Illustration: a school building with scaffolding, a crane and solar panels' },
    {
      de: 'Die Gesamtschule Nord wird in drei Bauabschnitten saniert.',
      en: 'Gesamtschule Nord is being renovated in three phases.',
    },
  ),
  img(
    'klimaanpassung-park',
    'park',
    'cc-by-sa-4.0',
    { de: 'Illustration: Park mit Bäumen, Brunnen, Sonnensegel und einem Haus mit begrüntem Dach', en: 'Illustration: a park with trees, a fountain, a shade sail and a building with a green roof' },
    {
      de: 'Mehr Bäume, mehr Schatten, mehr Wasser: So soll Lindenau künftig aussehen.',
      en: 'More trees, more shade, more water: how Lindenau is meant to look in future.',
    },
  ),
  img(
    'buergerrat-sitzung',
    'assembly',
    'cc-by-4.0',
    { de: 'Illustration: Menschen sitzen an einem großen runden Tisch mit Papieren und Notizzetteln', en: 'Illustration: people sitting around a large round table with papers and sticky notes' },
    {
      de: 'Vierzig zufällig ausgeloste Lindenauerinnen und Lindenauer haben an vier Wochenenden beraten.',
      en: 'Forty randomly selected residents deliberated over four weekends.',
    },
  ),
  img(
    'buergerrat-runde',
    'assembly',
    'cc0-1.0',
    { de: 'Illustration: Gesprächsrunde an einem Tisch, von oben gesehen', en: 'Illustration: a discussion round at a table, seen from above' },
    {
      de: 'Im Bürgerrat diskutieren Menschen, die sich sonst nie begegnet wären.',
      en: 'The citizens’ assembly brings together people who would otherwise never have met.',
    },
    false,
  ),
  img(
    'tsv-sportplatz',
    'sports',
    'cc-by-4.0',
    { de: 'Illustration: Fußballplatz mit Tor, Tribüne und Flutlicht', en: 'Illustration: a football pitch with a goal, a stand and floodlights' },
    {
      de: 'Der neue Kunstrasenplatz des TSV Lindenau ist fast jeden Abend ausgebucht.',
      en: 'TSV Lindenau’s new artificial pitch is booked almost every evening.',
    },
  ),
  img(
    'linda-ufer',
    'river',
    'cc-by-4.0',
    { de: 'Illustration: Fluss mit Bäumen am Ufer, einer Fußgängerbrücke und Schilf', en: 'Illustration: a river with trees on its banks, a footbridge and reeds' },
    {
      de: 'Die Linda fließt auf sieben Kilometern durch das Stadtgebiet.',
      en: 'The Linda flows through the city for seven kilometres.',
    },
  ),
  img(
    'linda-bruecke',
    'river',
    'cc-by-sa-4.0',
    { de: 'Illustration: Holzbrücke über einen Fluss, dahinter Hügel', en: 'Illustration: a wooden bridge over a river with hills behind' },
    {
      de: 'Unter der Wiesenbrücke fanden die Helferinnen und Helfer die meisten Flaschen.',
      en: 'Volunteers found most of the bottles under the Wiesenbrücke footbridge.',
    },
  ),
  img(
    'baeckerei-genossenschaft',
    'bakery',
    'cc-by-4.0',
    { de: 'Illustration: Bäckerei mit gestreifter Markise, Brot im Schaufenster und Fahrrad davor', en: 'Illustration: a bakery with a striped awning, bread in the window and a bicycle outside' },
    {
      de: 'Die Backstube Lindenau gehört 480 Mitgliedern.',
      en: 'Backstube Lindenau is owned by its 480 members.',
    },
  ),
];

// ---------------------------------------------------------------------------------------
// Articles

const YOUTUBE_DEMO_URL = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const VIMEO_DEMO_URL = 'https://vimeo.com/76979871';

const showcase: DemoArticle = {
  slug: DEMO_SHOWCASE_SLUG,
  lang: 'de',
  title: 'Haushaltsdebatte im Stadtrat: Lindenau ringt um Schulden, Schulen und die Straßenbahn',
  subtitle:
    'Fast sieben Stunden hat der Stadtrat über den Haushaltsentwurf der Kämmerin beraten. Einig sind sich die Fraktionen nur in einem Punkt: Das Geld reicht nicht für alles.',
  tags: ['haushalt', 'stadtrat'],
  authors: ['miriam-albrecht'],
  publishedDaysAgo: 2,
  updatedDaysAgo: 1,
  imageKey: 'rathaus-ratssaal',
  seoTitle: 'Haushaltsdebatte in Lindenau: Schulden, Schulen, Straßenbahn',
  seoDescription:
    'Defizit von 18,4 Millionen Euro, Rekordinvestitionen und Streit um die Grundsteuer: So verlief die erste Lesung des Lindenauer Haushalts im Stadtrat.',
  commentsOpen: true,
  body: [
    p(
      'Es war kurz vor Mitternacht, als Oberbürgermeisterin Sabine Hollerbach die Sitzung schloss. Fast sieben Stunden lang hatte der Lindenauer Stadtrat am Donnerstag über den Haushaltsentwurf für das kommende Jahr debattiert – länger als über jedes andere Thema in dieser Wahlperiode. Auf der Zuschauertribüne im Ratssaal saßen bis zum Schluss rund sechzig Bürgerinnen und Bürger, darunter Eltern aus der Nordstadt, Beschäftigte der Stadtwerke und Mitglieder mehrerer Sportvereine.',
    ),
    p(
      'Der Entwurf, den Stadtkämmerin Ulrike Kessler vor drei Wochen vorgelegt hatte, sieht Ausgaben von **612 Millionen Euro** vor. Dem stehen Erträge von rund 594 Millionen Euro gegenüber. Das Defizit im Ergebnishaushalt liegt damit bei 18,4 Millionen Euro[^1]. Für Investitionen will die Stadt zusätzlich Kredite über 46 Millionen Euro aufnehmen – so viel wie seit fünfzehn Jahren nicht mehr.',
    ),
    h2('Die Ausgangslage'),
    p(
      'Dass der Haushalt angespannt ist, bestreitet im Rat niemand. Die Gewerbesteuer, die wichtigste eigene Einnahmequelle der Stadt, ist im laufenden Jahr um knapp sechs Prozent hinter der Planung zurückgeblieben. Gleichzeitig steigen die Kosten: Die Tarifabschlüsse im öffentlichen Dienst schlagen mit rund neun Millionen Euro zu Buche, die Sozialausgaben wachsen, und viele Bauprojekte sind deutlich teurer geworden, als noch vor wenigen Jahren kalkuliert.',
    ),
    p('Die größten Posten im Investitionsprogramm sind:'),
    ul(
      '**Schulsanierung:** 38 Millionen Euro, davon allein 14 Millionen für die Gesamtschule Nord',
      '**Straßenbahnlinie 7:** 21 Millionen Euro städtischer Eigenanteil; den Rest tragen Bund und Land',
      '**Kita-Ausbau:** 9 Millionen Euro für zwei neue Einrichtungen im Auenviertel',
      '**Klimaanpassung:** 6,5 Millionen Euro für Stadtbäume, Entsiegelung und Trinkbrunnen',
      '**Digitale Verwaltung:** 4,2 Millionen Euro für Online-Anträge und neue Fachverfahren',
    ),
    p(
      'In ihrer Haushaltsrede warb Kessler um Verständnis für die hohe Kreditaufnahme, machte aber zugleich deutlich, dass sie darin keinen Dauerzustand sieht.',
    ),
    quote(
      'Wir investieren so viel wie nie zuvor, aber wir bezahlen einen Teil davon mit Geld, das wir nicht haben. Das kann eine Stadt ein, zwei Jahre durchhalten. Zehn Jahre hält sie es nicht durch.',
      'Ulrike Kessler, Stadtkämmerin',
      'https://example.org/lindenau/ratsinfo/haushaltsrede-kaemmerin',
      'Haushaltsrede im Ratsinformationssystem',
    ),
    image(),
    p(
      'Kessler schlägt deshalb ein Konsolidierungsprogramm vor, das in den kommenden vier Jahren jährlich rund zehn Millionen Euro einsparen soll. Wo genau gespart wird, lässt der Entwurf allerdings weitgehend offen. Eine Arbeitsgruppe aus Verwaltung und Fraktionen soll bis zum Frühjahr Vorschläge erarbeiten.',
    ),
    p(
      'Einige Sparvorschläge stehen allerdings schon im Entwurf. So sollen frei werdende Stellen in der Verwaltung künftig erst nach sechs Monaten wieder besetzt werden; außerdem will die Stadt angemietete Büroflächen aufgeben und die Zahl der Dienstwagen halbieren. Die Zuschüsse an Sportvereine und freie Kulturträger sollen um zehn Prozent sinken. Zusammen bringt das nach Rechnung der Kämmerei rund 3,5 Millionen Euro im Jahr – gut ein Drittel dessen, was sich Kessler vorgenommen hat.',
    ),
    h2('Was die Fraktionen fordern'),
    h3('Bürgerliste: Verwaltung verschlanken'),
    p(
      'Martin Oberländer, Fraktionsvorsitzender der Bürgerliste, nannte den Entwurf „ehrlich, aber mutlos“. Seine Fraktion will die Zahl der neuen Stellen in der Verwaltung halbieren; im Entwurf sind 64 zusätzliche Vollzeitstellen vorgesehen. „Jede Stelle, die wir heute schaffen, bezahlen wir dreißig Jahre lang“, sagte Oberländer. Die Investitionen in Schulen und Straßenbahn will die Bürgerliste dagegen nicht antasten.',
    ),
    h3('Forum Lindenau: Nicht an der Zukunft sparen'),
    p(
      'Ganz anders argumentierte Leyla Demir für das Forum Lindenau. Sie verwies darauf, dass die Stadt über Jahre zu wenig in ihre Gebäude investiert habe und nun die Rechnung dafür bekomme. Den Sanierungsstau an den Schulen schätzt das Bauamt inzwischen auf mehr als 200 Millionen Euro.',
    ),
    quote(
      'Wer jetzt bei den Schulen und bei der Klimaanpassung kürzt, spart nicht, sondern verschiebt die Kosten auf unsere Kinder. Die kaputten Toiletten an der Gesamtschule Nord sind keine Frage der Haushaltsdisziplin, sondern eine Frage des Respekts.',
      'Leyla Demir, Fraktionsvorsitzende Forum Lindenau',
      'https://example.org/lindenau/ratsinfo/wortprotokoll-haushaltsdebatte',
      'Wortprotokoll der Ratssitzung',
    ),
    p(
      'Das Forum will zusätzlich zwei Millionen Euro für die Sanierung von Schultoiletten und Sporthallen bereitstellen. Finanzieren möchte die Fraktion das unter anderem durch den Verzicht auf ein neues Parkhaus am Hauptbahnhof, das mit zwölf Millionen Euro im Investitionsprogramm steht.',
    ),
    h3('Liste Soziales Lindenau: Gebühren einfrieren'),
    p(
      'Henrik Voßkamp von der Liste Soziales Lindenau konzentrierte sich auf die Einnahmeseite. Der Entwurf sieht vor, die Gebühren für Kitas, Musikschule und Bäder im Schnitt um acht Prozent anzuheben. Das treffe vor allem Familien mit kleinen Einkommen, sagte Voßkamp. Seine Fraktion beantragt, die Gebühren für ein Jahr einzufrieren und die Lücke von rund 1,6 Millionen Euro über einen höheren Hebesatz bei der Gewerbesteuer zu schließen.',
    ),
    h2('Streitpunkt Grundsteuer'),
    p(
      'Am längsten diskutierte der Rat über die Grundsteuer. Die Verwaltung will den Hebesatz von 480 auf 520 Prozentpunkte erhöhen[^2]. Für eine durchschnittliche Eigentumswohnung bedeutet das nach Berechnungen der Kämmerei rund 35 Euro mehr im Jahr, für ein Einfamilienhaus etwa 60 Euro. Da Vermieter die Grundsteuer über die Nebenkosten umlegen dürfen, zahlen am Ende auch Mieterinnen und Mieter mit.',
    ),
    p(
      'Greta Simmering von der Wählergemeinschaft Auenviertel hielt der Verwaltung vor, die Erhöhung zu früh ins Spiel zu bringen. „Erst müssen wir sehen, was die Konsolidierung bringt, dann reden wir über Steuern“, sagte sie. Kessler entgegnete, ohne die Mehrerträge von rund fünf Millionen Euro werde die Komunalaufsicht den Haushalt womöglich nicht genehmigen. Die Wählergemeinschaft schlägt stattdessen vor, städtische Grundstücke im Gewerbegebiet Nord schneller zu verkaufen. Das bringe einmalig Geld, aber keine dauerhaften Einnahmen, hielt die Kämmerin dagegen. Eine Mehrheit für die Erhöhung zeichnet sich derzeit nicht ab.',
    ),
    h2('Stimmen von der Tribüne'),
    p(
      'Zu Wort kamen am Donnerstag auch Bürgerinnen und Bürger. Schon vor Sitzungsbeginn hatten sich vor dem Rathaus rund hundert Menschen versammelt, die gegen die geplanten Kürzungen bei freien Kulturträgern protestierten. In der Einwohnerfragestunde vor der eigentlichen Debatte wollte Sandra Möller, Mutter zweier Kinder an der Gesamtschule Nord, wissen, ob der Sanierungsbeginn im Sommer gesichert sei. Die Kämmerin bejahte das, solange der Haushalt rechtzeitig genehmigt werde. Ein Vertreter des TSV Lindenau fragte nach den Zuschüssen für Sportvereine, die im Entwurf um zehn Prozent gekürzt werden sollen. Darauf gab es keine klare Antwort: Die Kürzung sei „ein Vorschlag, über den der Rat entscheidet“, sagte Kessler.',
    ),
    h2('So geht es weiter'),
    p('Mit der ersten Lesung ist der Haushalt noch lange nicht beschlossen. Der Fahrplan bis zur Abstimmung:'),
    ol(
      'Bis Ende des Monats können die Fraktionen Änderungsanträge einreichen.',
      'Der Finanzausschuss berät die Anträge in zwei öffentlichen Sitzungen.',
      'In der zweiten Lesung stimmt der Stadtrat über den Haushalt und alle Änderungen ab.',
      'Danach prüft die Kommunalaufsicht, ob der Haushalt genehmigungsfähig ist.',
    ),
    p(
      'Genehmigt die Kommunalaufsicht den Haushalt nicht oder nur mit Auflagen, gilt die sogenannte vorläufige Haushaltsführung. Die Stadt dürfte dann nur noch Ausgaben tätigen, zu denen sie rechtlich verpflichtet ist oder die für bereits begonnene Projekte nötig sind. Neue Vorhaben wie die Sanierung der Gesamtschule Nord müssten warten.',
    ),
    p(
      'Alle Unterlagen, auch der vollständige [Haushaltsplanentwurf](https://example.org/lindenau/haushalt/entwurf), sind im Ratsinformationssystem der Stadt öffentlich einsehbar. Bürgerinnen und Bürger können bis zur zweiten Lesung über das Beteiligungsportal Hinweise und Vorschläge einreichen[^3].',
    ),
    p('Die Stadt hat die Debatte aufgezeichnet. Hier ist das Video mit den Reden der Fraktionsvorsitzenden:'),
    {
      type: 'embed',
      provider: 'youtube',
      url: YOUTUBE_DEMO_URL,
      title: 'Aufzeichnung der Stadtratssitzung: Haushaltsdebatte, Reden der Fraktionen',
      caption: 'Aufzeichnung: Stadt Lindenau. Die Reden der Fraktionsvorsitzenden beginnen nach etwa zwei Stunden.',
    },
    p(
      'Für die Oberbürgermeisterin ist der Ausgang offen. „Ich erwarte keinen Haushalt, der allen gefällt“, sagte Hollerbach am Ende der Sitzung. „Aber ich erwarte einen, den wir in fünf Jahren noch verantworten können.“ Die zweite Lesung ist für die letzte Sitzung vor der Sommerpause angesetzt. Wir berichten *live aus dem Ratssaal*.',
    ),
    donation(
      'Sieben Stunden Ratssitzung, 900 Seiten Haushaltsplan: Unabhängige Berichterstattung aus dem Rathaus kostet Zeit. Wenn Ihnen dieser Bericht geholfen hat, unterstützen Sie unsere Arbeit mit einer Spende.',
    ),
    footnotes(
      ['1', 'Alle Zahlen nach dem Haushaltsplanentwurf der Stadt Lindenau, Band 1 (Vorbericht), und der Haushaltsrede der Kämmerin.'],
      ['2', 'Der Hebesatz bestimmt, mit welchem Faktor der vom Finanzamt festgesetzte Grundsteuermessbetrag multipliziert wird. Lindenau hat ihn zuletzt vor sechs Jahren angehoben.'],
      ['3', 'Das Beteiligungsportal ist unter [beteiligung.example.org](https://beteiligung.example.org/lindenau/haushalt) erreichbar.'],
    ),
  ],
};

export const demoArticles: DemoArticle[] = [
  showcase,

  // --- Budget (de) ------------------------------------------------------------------
  {
    slug: 'kaemmerin-legt-haushaltsentwurf-vor',
    lang: 'de',
    title: 'Kämmerin legt Haushaltsentwurf vor: Rekordinvestitionen und ein Defizit von 18 Millionen Euro',
    subtitle:
      'Ulrike Kessler will so viel Geld in Schulen, Kitas und die Straßenbahn stecken wie nie zuvor. Dafür muss Lindenau neue Schulden machen.',
    tags: ['haushalt', 'stadtrat'],
    authors: ['miriam-albrecht'],
    publishedDaysAgo: 21,
    imageKey: 'haushaltsentwurf-grafik',
    commentsOpen: true,
    body: [
      p(
        'Zwei Bände, mehr als 900 Seiten, ein Defizit von 18,4 Millionen Euro: Stadtkämmerin Ulrike Kessler hat am Dienstag den Haushaltsentwurf für das kommende Jahr in den Stadtrat eingebracht. Der Entwurf sieht Ausgaben von 612 Millionen Euro vor, rund 31 Millionen mehr als im laufenden Jahr.',
      ),
      p(
        'Den größten Zuwachs gibt es bei den Investitionen. 96 Millionen Euro will die Stadt im kommenden Jahr verbauen, vor allem in Schulen, Kitas und die neue Straßenbahnlinie 7. Knapp die Hälfte davon soll über Kredite finanziert werden. Die Verschuldung der Stadt stiege damit auf rund 310 Millionen Euro.',
      ),
      h2('Die wichtigsten Zahlen'),
      ul(
        'Ausgaben im Ergebnishaushalt: 612 Millionen Euro',
        'Erträge: 594 Millionen Euro, davon 148 Millionen aus der Gewerbesteuer',
        'Defizit: 18,4 Millionen Euro',
        'Investitionen: 96 Millionen Euro, davon 46 Millionen über Kredite',
        'Neue Stellen in der Verwaltung: 64 Vollzeitstellen',
      ),
      p(
        'Dass die Stadt trotz steigender Einnahmen ein Defizit ausweist, liegt nach Angaben der Kämmerei vor allem an den Personal- und Sozialausgaben. Die Tarifabschlüsse im öffentlichen Dienst kosten Lindenau rund neun Millionen Euro zusätzlich, die Kosten der Eingliederungshilfe und der Hilfen zur Erziehung steigen seit Jahren schneller als geplant.',
      ),
      quote(
        'Dieser Haushalt ist ein Investitionshaushalt. Wir holen nach, was über viele Jahre liegen geblieben ist. Aber wir müssen gleichzeitig anfangen, unsere laufenden Ausgaben in den Griff zu bekommen.',
        'Ulrike Kessler, Stadtkämmerin',
        'https://example.org/lindenau/ratsinfo/einbringung-haushalt',
        'Einbringungsrede der Kämmerin',
      ),
      h2('Grundsteuer soll steigen'),
      p(
        'Um das Defizit zu verringern, schlägt die Verwaltung vor, den Hebesatz der Grundsteuer von 480 auf 520 Prozentpunkte zu erhöhen. Das brächte rund fünf Millionen Euro im Jahr. Außerdem sollen die Gebühren für Kitas, die Musikschule und die städtischen Bäder im Schnitt um acht Prozent steigen. Die Zuschüsse an Sportvereine und freie Kulturträger will die Kämmerin um zehn Prozent kürzen.',
      ),
      p(
        'Im Stadtrat stießen die Vorschläge auf ein geteiltes Echo. Martin Oberländer, Fraktionsvorsitzender der Bürgerliste, lobte die „ehrliche Bestandsaufnahme“, kündigte aber Widerstand gegen die neuen Stellen an. Leyla Demir vom Forum Lindenau sagte, ihre Fraktion werde keinem Haushalt zustimmen, der bei den Schulen spare. Henrik Voßkamp von der Liste Soziales Lindenau kritisierte die höheren Gebühren als „Belastung für die, die ohnehin wenig haben“.',
      ),
      h2('Wie es weitergeht'),
      p(
        'Die Fraktionen beraten den Entwurf nun intern. Die erste Lesung im Stadtrat ist in drei Wochen geplant, die Verabschiedung vor der Sommerpause. Den vollständigen [Entwurf](https://example.org/lindenau/haushalt/entwurf) hat die Stadt im Ratsinformationssystem veröffentlicht. Wir werden in den kommenden Wochen einzelne Teile des Haushalts genauer erklären.',
      ),
    ],
  },
  {
    slug: 'grundsteuer-was-der-haushalt-fuer-lindenauer-bedeutet',
    lang: 'de',
    title: 'Grundsteuer, Kita-Gebühren, Bäder: Was der Haushaltsentwurf für Lindenauer bedeutet',
    subtitle:
      'Der Haushaltsentwurf der Stadt ist abstrakt, seine Folgen sind es nicht. Wir haben nachgerechnet, wer künftig wie viel mehr zahlen soll.',
    tags: ['haushalt'],
    authors: ['miriam-albrecht', 'jonas-feldmann'],
    publishedDaysAgo: 9,
    imageKey: 'haushalt-buerger-grafik',
    seoDescription:
      'Höhere Grundsteuer, teurere Kitas und Bäder: Was der Lindenauer Haushaltsentwurf für Mieter, Eigentümer und Familien bedeutet – mit Beispielrechnungen.',
    commentsOpen: true,
    body: [
      p(
        'Im Haushaltsentwurf der Stadt Lindenau geht es um Millionenbeträge: 612 Millionen Euro Ausgaben, 18,4 Millionen Euro Defizit, 46 Millionen Euro neue Kredite. Für die meisten Lindenauerinnen und Lindenauer entscheidet sich aber an kleineren Zahlen, was der Haushalt bedeutet. Wir haben die wichtigsten Änderungen zusammengestellt und mit der Kämmerei nachgerechnet.',
      ),
      h2('Grundsteuer'),
      p(
        'Die Verwaltung schlägt vor, den Hebesatz der Grundsteuer B von 480 auf 520 Prozentpunkte anzuheben. Die Grundsteuer zahlen Eigentümer, Vermieter dürfen sie aber über die Nebenkosten an ihre Mieter weitergeben. Nach Berechnungen der Kämmerei ergeben sich folgende Mehrkosten pro Jahr:',
      ),
      ul(
        'Mietwohnung mit 65 Quadratmetern im Altbau: etwa 20 Euro',
        'Eigentumswohnung mit 90 Quadratmetern: etwa 35 Euro',
        'Einfamilienhaus in der Gartenstadt: etwa 60 Euro',
        'Mehrfamilienhaus mit zwölf Wohnungen: etwa 380 Euro, verteilt auf alle Mietparteien',
      ),
      quote(
        'Zwanzig Euro klingen nach wenig. Aber sie kommen zu den gestiegenen Heizkosten, zum Wasser und zum Müll dazu. Für viele unserer Mitglieder ist die Nebenkostenabrechnung inzwischen die zweite Miete.',
        'Doris Engel, Vorsitzende des Mietervereins Lindenau',
      ),
      h2('Kitas, Musikschule, Bäder'),
      p(
        'Die Gebühren für städtische Kitas sollen im Schnitt um acht Prozent steigen. Für einen Ganztagsplatz in der mittleren Einkommensstufe wären das rund 16 Euro mehr im Monat. Familien mit einem Jahreseinkommen unter 30.000 Euro bleiben weiterhin beitragsfrei. Auch die Musikschule wird teurer: Eine halbe Stunde Einzelunterricht pro Woche soll künftig 68 statt 62 Euro im Monat kosten.',
      ),
      p(
        'Im Hallenbad Auenviertel und im Freibad am Lindaufer steigt der Eintritt für Erwachsene von 4,50 auf 5 Euro. Die Familienkarte wird um einen Euro teurer. Schulklassen und Vereine zahlen weiterhin nichts für die Nutzung der Bäder im Rahmen des Schwimmunterrichts.',
      ),
      h2('Was gleich bleibt'),
      p(
        'Nicht verändern will die Stadt die Gebühren für Müllabfuhr und Abwasser, die ohnehin kostendeckend kalkuliert werden müssen. Auch das Sozialticket für Busse und Straßenbahnen, das Menschen mit geringem Einkommen für 19 Euro im Monat erhalten, bleibt unverändert. Die Stadtbibliothek verlangt weiterhin keine Jahresgebühr von Kindern und Jugendlichen.',
      ),
      h2('Noch ist nichts beschlossen'),
      p(
        'Ob die Erhöhungen kommen, entscheidet der Stadtrat. In den Fraktionen zeichnet sich bisher keine Mehrheit für die höhere Grundsteuer ab. Die Liste Soziales Lindenau will die Kita-Gebühren einfrieren, die Bürgerliste lieber bei der Verwaltung sparen. Kämmerin Ulrike Kessler warnte, jeder Euro, der auf der Einnahmeseite fehle, müsse an anderer Stelle im Haushalt gekürzt werden.',
      ),
      p(
        'Wer die Zahlen für die eigene Wohnung nachrechnen möchte: Die Kämmerei hat einen [Grundsteuerrechner](https://example.org/lindenau/haushalt/grundsteuerrechner) veröffentlicht. Den Grundsteuermessbetrag finden Eigentümer auf ihrem Bescheid des Finanzamts, Mieter in der Nebenkostenabrechnung oder auf Nachfrage bei ihrem Vermieter.',
      ),
    ],
  },

  // --- Tram line 7 (de) ---------------------------------------------------------------
  {
    slug: 'strassenbahnlinie-7-trasse-beschlossen',
    lang: 'de',
    title: 'Straßenbahnlinie 7: Stadtrat beschließt Trasse durch die Nordstadt',
    subtitle:
      'Nach fünf Jahren Planung ist die Entscheidung gefallen: Die neue Straßenbahnlinie fährt über die Birkenallee ins Auenviertel. Baubeginn ist im Herbst.',
    tags: ['verkehr', 'stadtrat'],
    authors: ['jonas-feldmann'],
    publishedDaysAgo: 52,
    imageKey: 'strassenbahn-linie-7',
    commentsOpen: true,
    body: [
      p(
        'Die neue Straßenbahnlinie 7 kommt, und sie fährt durch die Birkenallee. Mit deutlicher Mehrheit hat der Lindenauer Stadtrat am Mittwochabend die Trasse beschlossen, über die seit fünf Jahren gestritten wird. 38 Ratsmitglieder stimmten dafür, neun dagegen, drei enthielten sich.',
      ),
      p(
        'Die Linie 7 soll auf 6,8 Kilometern vom Hauptbahnhof über den Marktplatz und die Nordstadt bis ins Auenviertel führen. Geplant sind vierzehn neue Haltestellen, alle barrierefrei. Die Bahnen sollen tagsüber alle zehn Minuten fahren, die Fahrzeit vom Auenviertel zum Hauptbahnhof läge bei 22 Minuten. Heute braucht der Bus dafür zu Stoßzeiten mehr als 35 Minuten.',
      ),
      image(),
      h2('Die Trasse im Überblick'),
      ol(
        'Hauptbahnhof bis Marktplatz: Mitbenutzung der vorhandenen Gleise der Linien 2 und 4',
        'Marktplatz bis Nordstadt: neue Gleise in der Birkenallee, als Rasengleis in Mittellage',
        'Nordstadt bis Auenviertel: neue Strecke entlang der Auenstraße mit eigener Brücke über die Linda',
      ),
      {
        type: 'embed',
        provider: 'iframe',
        url: 'https://karten.example.org/embed/lindenau/linie-7',
        title: 'Karte: Trasse und Haltestellen der Linie 7',
        caption: 'Interaktive Karte der Verkehrsgesellschaft Lindenau',
      },
      h2('148 Millionen Euro, drei Viertel vom Bund'),
      p(
        'Die Kosten schätzt die Verkehrsgesellschaft Lindenau auf 148 Millionen Euro. Rund 75 Prozent sollen aus Fördermitteln von Bund und Land kommen, den Rest tragen die Stadt und ihre Verkehrsgesellschaft. Den städtischen Eigenanteil von 21 Millionen Euro will die Kämmerin im nächsten Haushalt einplanen.',
      ),
      quote(
        'Die Linie 7 ist das größte Verkehrsprojekt in Lindenau seit dem Bau des Hauptbahnhofs. Für die Nordstadt und das Auenviertel ist sie die Anbindung, auf die dort seit Jahrzehnten gewartet wird.',
        'Frank Ostermeier, Baubürgermeister',
        'https://example.org/lindenau/ratsinfo/beschluss-linie-7',
        'Beschlussvorlage zur Linie 7',
      ),
      h2('Kritik aus der Birkenallee'),
      p(
        'Umstritten war bis zuletzt der Abschnitt durch die Birkenallee. Eine Bürgerinitiative hatte eine Alternative über die Bahnhofstraße vorgeschlagen, die länger und teurer gewesen wäre, aber weniger Wohnhäuser berührt hätte. Die Verwaltung lehnte das ab: Auf der Bahnhofstraße hätte die Bahn im Stau gestanden, und die Förderung durch den Bund wäre nach ihren Berechnungen gefährdet gewesen.',
      ),
      p(
        'Für die Birkenallee sagte Baubürgermeister Ostermeier zu, dass von den 112 Straßenbäumen mindestens 90 erhalten bleiben. Für jeden gefällten Baum sollen zwei neue gepflanzt werden. Außerdem sollen Rasengleis und moderne Fahrzeuge den Lärm begrenzen.',
      ),
      h2('Wie es weitergeht'),
      p(
        'Als Nächstes beginnt das Planfeststellungsverfahren, in dem Anwohnerinnen und Anwohner Einwendungen erheben können. Erste Bauarbeiten an Leitungen sind für den Herbst geplant. Fahren soll die Straßenbahnlinie 7 nach heutigem Stand in vier Jahren.',
      ),
    ],
  },
  {
    slug: 'linie-7-anwohner-fordern-mehr-laermschutz',
    lang: 'de',
    title: 'Linie 7: Anwohner der Birkenallee fordern mehr Lärmschutz',
    subtitle:
      'Die Trasse der neuen Straßenbahn ist beschlossen, der Streit ist es nicht. In der Birkenallee sammelt eine Initiative Einwendungen für das Planfeststellungsverfahren.',
    tags: ['verkehr', 'beteiligung'],
    authors: ['jonas-feldmann'],
    publishedDaysAgo: 33,
    imageKey: 'strassenbahn-birkenallee',
    commentsOpen: true,
    body: [
      p(
        'Carola Behrendt wohnt seit 27 Jahren in der Birkenallee, im zweiten Stock eines Altbaus, direkt über der künftigen Haltestelle „Birkenplatz“. Wenn die Straßenbahnlinie 7 in vier Jahren fährt, wird alle fünf Minuten eine Bahn unter ihrem Schlafzimmerfenster halten – in jede Richtung alle zehn Minuten.',
      ),
      p(
        '„Ich bin nicht gegen die Straßenbahn“, sagt Behrendt. „Ich bin dagegen, dass man uns erzählt, wir würden nichts davon merken.“ Gemeinsam mit rund achtzig Nachbarinnen und Nachbarn hat sie die Bürgerinitiative Birkenallee gegründet. Seit dem Beschluss des Stadtrats sammelt die Initiative Einwendungen für das Planfeststellungsverfahren.',
      ),
      h2('Was die Initiative fordert'),
      ul(
        'ein unabhängiges Lärmgutachten für jedes Haus an der Trasse, nicht nur für ausgewählte Messpunkte',
        'Schallschutzfenster auf Kosten der Verkehrsgesellschaft, wo die Grenzwerte knapp eingehalten werden',
        'keine Bauarbeiten an Sonntagen und nach 20 Uhr',
        'den Erhalt aller alten Linden am Birkenplatz',
      ),
      p(
        'Die Verkehrsgesellschaft Lindenau verweist auf die bisherigen Planungen. Die Gleise sollen in der Birkenallee als Rasengleis verlegt werden, das deutlich leiser ist als ein Schottergleis. Die neuen Fahrzeuge seien zudem leiser als die Busse, die heute durch die Straße fahren.',
      ),
      quote(
        'Wir nehmen die Sorgen sehr ernst. Nach unseren Berechnungen wird es in der Birkenallee nicht lauter, sondern an den meisten Stellen leiser, weil die Straßenbahn vier Buslinien ersetzt. Aber wir wissen auch, dass Berechnungen kein Vertrauen ersetzen. Deshalb messen wir vor und nach dem Bau.',
        'Stefan Hagedorn, Projektleiter Linie 7 bei der Verkehrsgesellschaft Lindenau',
      ),
      h2('Erschütterungen als zweites Thema'),
      p(
        'Neben dem Lärm beschäftigen die Anwohner vor allem Erschütterungen. Viele Häuser in der Birkenallee stammen aus der Gründerzeit und haben keine tiefen Fundamente. Die Initiative fordert deshalb, vor Baubeginn den Zustand jedes Hauses zu dokumentieren, damit spätere Risse eindeutig zugeordnet werden können. Die Verkehrsgesellschaft hat eine solche Beweissicherung inzwischen zugesagt, allerdings nur für Gebäude in einem Abstand von bis zu zwanzig Metern zu den Gleisen.',
      ),
      p(
        'Im Planfeststellungsverfahren entscheidet am Ende nicht die Stadt, sondern die Landesdirektion über die Einwendungen. Bis zum Ende der Auslegungsfrist in vier Wochen kann jede betroffene Person Einwendungen einreichen. Die Unterlagen liegen im Rathaus aus und sind [online einsehbar](https://example.org/lindenau/planfeststellung/linie-7).',
      ),
      p(
        'Carola Behrendt hat ihre Einwendung schon abgegeben, acht Seiten, mit Fotos von den Rissen in ihrem Treppenhaus. „Wenn die Bahn fährt, fahre ich mit“, sagt sie. „Aber vorher will ich wissen, was auf uns zukommt.“',
      ),
    ],
  },
  {
    slug: 'strassenbahn-bauarbeiten-beginnen',
    lang: 'de',
    title: 'Bauarbeiten für die Straßenbahnlinie 7 beginnen: Diese Umleitungen gelten ab Montag',
    subtitle:
      'Zuerst werden Leitungen verlegt, dann Gleise. Für Autofahrer, Busfahrgäste und Radfahrer in der Nordstadt ändert sich ab Montag einiges.',
    tags: ['verkehr'],
    authors: ['jonas-feldmann'],
    publishedDaysAgo: 14,
    updatedDaysAgo: 12,
    imageKey: 'strassenbahn-baustelle',
    commentsOpen: true,
    body: [
      p(
        'Für die neue Straßenbahnlinie 7 rollen ab Montag die Bagger. Der erste Bauabschnitt betrifft die Birkenallee zwischen Marktplatz und Birkenplatz. Dort verlegen die Stadtwerke zunächst Wasser-, Gas- und Stromleitungen, die unter der künftigen Trasse liegen. Diese vorbereitenden Arbeiten dürfen schon vor dem Abschluss des Planfeststellungsverfahrens beginnen. Die eigentlichen Gleisarbeiten beginnen nach Angaben der Verkehrsgesellschaft Lindenau im Frühjahr.',
      ),
      h2('Umleitungen im Überblick'),
      ul(
        '**Autos:** Die Birkenallee ist stadtauswärts ab dem Marktplatz gesperrt. Die Umleitung führt über die Bahnhofstraße und den Nordring.',
        '**Busse:** Die Linien 12 und 15 fahren über die Bahnhofstraße. Die Haltestellen „Birkenplatz“ und „Lindenstraße“ entfallen, Ersatzhaltestellen gibt es in der Bahnhofstraße.',
        '**Rad- und Fußverkehr:** Die Gehwege bleiben auf beiden Seiten offen. Radfahrer werden stadtauswärts auf einem abgetrennten Streifen an der Baustelle vorbeigeführt.',
        '**Lieferverkehr:** Geschäfte in der Birkenallee bleiben erreichbar, Lieferungen sind werktags zwischen 6 und 10 Uhr möglich.',
      ),
      h2('Der Zeitplan'),
      ol(
        'Leitungsbau in der Birkenallee: ab Montag, rund sechs Monate',
        'Gleisbau zwischen Marktplatz und Birkenplatz: ab dem Frühjahr',
        'Brücke über die Linda: Baubeginn im nächsten Sommer',
        'Probebetrieb der gesamten Linie 7: in knapp vier Jahren',
      ),
      quote(
        'Eine Baustelle dieser Größe geht nicht ohne Einschränkungen. Wir haben den Ablauf so geplant, dass immer nur ein Abschnitt gleichzeitig gesperrt ist, und wir informieren jede Woche, was als Nächstes kommt.',
        'Nadine Kowalczyk, Sprecherin der Verkehrsgesellschaft Lindenau',
        'https://example.org/lindenau/verkehr/linie-7/baustelleninfo',
        'Baustelleninformation der Verkehrsgesellschaft',
      ),
      p(
        'Die Bürgerinitiative Birkenallee, die im Planfeststellungsverfahren mehr Lärmschutz gefordert hatte, begleitet die Bauarbeiten kritisch. Sie begrüßt, dass die Verkehrsgesellschaft den Zustand der angrenzenden Häuser vor Baubeginn dokumentiert hat. Kritik gibt es an den Arbeitszeiten: Werktags darf von 7 bis 20 Uhr gebaut werden, an einzelnen Samstagen auch tagsüber.',
      ),
      p(
        'Auch der Einzelhandel in der Birkenallee blickt mit gemischten Gefühlen auf die kommenden Monate. Die Interessengemeinschaft der Geschäftsleute hat mit der Stadt vereinbart, dass Hinweisschilder an den Zufahrten auf die geöffneten Läden aufmerksam machen. Außerdem prüft die Stadt, ob Betriebe bei nachweisbaren Umsatzeinbußen einen Zuschuss erhalten können.',
      ),
      p(
        'Für Fragen hat die Verkehrsgesellschaft ein Baustellenbüro am Birkenplatz eingerichtet, das dienstags und donnerstags von 15 bis 18 Uhr geöffnet ist. Außerdem gibt es eine Hotline und einen wöchentlichen Newsletter zum Stand der Bauarbeiten an der Linie 7.',
      ),
      p(
        '*Aktualisierung:* In einer früheren Fassung dieses Artikels hieß es, die Buslinie 14 werde umgeleitet. Betroffen sind die Linien 12 und 15. Wir haben das korrigiert.',
      ),
    ],
  },

  // --- Festival (de) ----------------------------------------------------------------
  {
    slug: 'lindenbluetenfest-programm',
    lang: 'de',
    title: 'Lindenblütenfest: Drei Tage Musik, Theater und Flohmarkt im Auenpark',
    subtitle:
      'Das größte Stadtfest Lindenaus feiert sein 40. Jubiläum. Das Programm ist so umfangreich wie nie, der Eintritt bleibt frei.',
    tags: ['kultur', 'stadtleben'],
    authors: ['aylin-kaya'],
    publishedDaysAgo: 38,
    imageKey: 'sommerfest-buehne',
    commentsOpen: true,
    body: [
      p(
        'Wenn die Linden blühen, feiert Lindenau. Zum 40. Mal lädt das Kulturamt am kommenden Wochenende zum Lindenblütenfest in den Auenpark. Von Freitag bis Sonntag gibt es auf drei Bühnen Musik, Theater und Lesungen, dazu einen Flohmarkt, ein Kinderfest und rund sechzig Stände von Vereinen, Initiativen und Gastronomen aus der Stadt. Der Eintritt ist wie immer frei.',
      ),
      quote(
        'Das Lindenblütenfest gehört allen Lindenauerinnen und Lindenauern. Deshalb stehen auf unseren Bühnen vor allem Menschen aus der Stadt: Schulbands, Chöre, das Stadttheater und Musikerinnen, die hier groß geworden sind.',
        'Dominik Faber, Leiter des Kulturamts',
      ),
      h2('Das Programm'),
      h3('Freitag'),
      ul(
        '18 Uhr: Eröffnung durch Oberbürgermeisterin Sabine Hollerbach an der Hauptbühne',
        '19 Uhr: Das Jugendsinfonieorchester der Musikschule spielt Filmmusik',
        '21 Uhr: Konzert der Band „Die Auenkinder“',
      ),
      h3('Samstag'),
      ul(
        'ab 10 Uhr: Flohmarkt an der Lindaufer-Promenade',
        '14 Uhr: Kinderfest mit Mitmachzirkus auf der Wiese am Spielplatz',
        '16 Uhr: Das Stadttheater zeigt „Ein Sommernachtstraum“ als Freiluftfassung',
        '20 Uhr: Chorabend mit fünf Lindenauer Chören',
        '22 Uhr: Lichterfahrt der Ruderer auf der Linda',
      ),
      h3('Sonntag'),
      ul(
        '11 Uhr: Familienfrühstück an langen Tafeln auf der Festwiese',
        '13 Uhr: Lesebühne der Stadtbibliothek mit Autorinnen und Autoren aus der Region',
        '17 Uhr: Abschlusskonzert mit dem Blasorchester des TSV Lindenau',
      ),
      h2('Anreise und Müll'),
      p(
        'Parkplätze gibt es rund um den Auenpark nicht. Die Verkehrsgesellschaft setzt zusätzliche Busse ein, die Linien 3 und 9 fahren am Samstag bis 1 Uhr nachts alle zehn Minuten. Fahrräder können an drei bewachten Abstellplätzen abgegeben werden.',
      ),
      p(
        'Für Menschen mit eingeschränkter Mobilität fährt ein Shuttle von der Haltestelle Auenstraße zum Festgelände, am Haupteingang steht eine barrierefreie Toilettenanlage. An der Hauptbühne übersetzen am Freitag und Samstag Gebärdensprachdolmetscherinnen die Ansagen und einen Teil der Konzerte.',
      ),
      p(
        'Zum ersten Mal gilt auf dem gesamten Festgelände ein Mehrwegsystem. Getränke gibt es nur in Pfandbechern, Essen in Pfandschalen. Das Kulturamt will so die Müllmenge halbieren; im vergangenen Jahr kamen nach drei Festtagen elf Tonnen zusammen. Wer eigenes Geschirr mitbringt, bekommt an vielen Ständen einen kleinen Rabatt.',
      ),
      p('Wie das Lindenblütenfest im vergangenen Jahr aussah, zeigt dieser Rückblick des Kulturamts:'),
      {
        type: 'embed',
        provider: 'vimeo',
        url: VIMEO_DEMO_URL,
        title: 'Rückblick auf das Lindenblütenfest des Vorjahres',
        caption: 'Video: Kulturamt der Stadt Lindenau',
      },
      p(
        'Das vollständige Programm mit allen Ständen und einem Lageplan hat das Kulturamt [online veröffentlicht](https://example.org/lindenau/kultur/lindenbluetenfest). Wer als Ehrenamtliche oder Ehrenamtlicher beim Auf- und Abbau helfen möchte, kann sich dort noch bis Donnerstag melden.',
      ),
    ],
  },
  {
    slug: 'lindenbluetenfest-bilanz',
    lang: 'de',
    title: 'Lindenblütenfest zieht Bilanz: 42.000 Besucher, halb so viel Müll und ein Gewitter',
    subtitle:
      'Das Jubiläumsfest im Auenpark war so gut besucht wie nie. Das neue Mehrwegsystem hat funktioniert, nur das Wetter spielte am Sonntag nicht mit.',
    tags: ['kultur', 'stadtleben'],
    authors: ['aylin-kaya'],
    publishedDaysAgo: 31,
    imageKey: 'sommerfest-abend',
    commentsOpen: true,
    body: [
      p(
        'Rund 42.000 Menschen haben nach Schätzung des Kulturamts an den drei Festtagen das Lindenblütenfest im Auenpark besucht, so viele wie nie zuvor. Am vollsten war es am Samstagabend, als vor der Hauptbühne der Chorabend mit fünf Lindenauer Chören in die Lichterfahrt der Ruderer auf der Linda überging.',
      ),
      quote(
        'Ich habe selten so viele Menschen gleichzeitig singen hören. Am Ende haben die Leute auf der Wiese mitgesungen, obwohl die meisten den Text gar nicht kannten.',
        'Dominik Faber, Leiter des Kulturamts',
      ),
      p(
        'Auch Polizei und Rettungsdienst sprechen von einem friedlichen Fest. Die Sanitäter versorgten an den drei Tagen 84 Menschen, die meisten wegen Kreislaufproblemen in der Hitze am Freitag oder wegen kleiner Schnittverletzungen. Die Polizei registrierte zwei Taschendiebstähle und eine Rangelei am späten Samstagabend.',
      ),
      h2('Mehrweg statt Müllberg'),
      p(
        'Die größte Neuerung des Jubiläumsfests war das Mehrwegsystem. Getränke gab es nur in Pfandbechern, Essen in Pfandschalen. Nach Angaben des Kulturamts fielen nach drei Tagen rund 5,4 Tonnen Müll an, im Vorjahr waren es elf Tonnen. Die Rücklaufquote der Becher lag bei 96 Prozent.',
      ),
      p(
        'Nicht alle Standbetreiber waren von Anfang an überzeugt. „Ich hatte Sorge, dass wir mit dem Spülen nicht hinterherkommen“, sagt Hülya Arslan, die mit ihrem Imbiss seit zwölf Jahren auf dem Fest steht. Das Kulturamt hatte deshalb eine zentrale Spülstraße eingerichtet, betrieben von einem sozialen Beschäftigungsträger. „Am Samstag hat es gehakt, am Sonntag lief es“, sagt Arslan. „Nächstes Jahr wieder.“',
      ),
      h2('Gewitter am Sonntag'),
      p(
        'Am Sonntagnachmittag musste das Kulturamt das Gelände wegen eines Gewitters für rund eine Stunde räumen. Die Besucherinnen und Besucher wurden gebeten, sich unter die Brücken am Lindaufer und in die Turnhalle der Auenschule zu begeben. Verletzt wurde niemand. Das Abschlusskonzert des Blasorchesters begann mit einer Stunde Verspätung, dafür aber, wie ein Musiker sagte, „vor dem dankbarsten Publikum des Wochenendes“.',
      ),
      h2('Was sich ändern soll'),
      ul(
        'mehr Sitzplätze im Schatten, vor allem für ältere Menschen',
        'eine zusätzliche Toilettenanlage am Spielplatz',
        'eine ruhigere Zone für Familien mit kleinen Kindern',
        'längere Öffnungszeiten der bewachten Fahrradabstellplätze',
      ),
      p(
        'Eine ausführliche Auswertung will das Kulturamt dem Kulturausschuss im Herbst vorlegen. Das Lindenblütenfest kostet die Stadt rund 280.000 Euro. Ob es bei diesem Betrag bleibt, ist angesichts der Haushaltslage offen. Faber zeigt sich dennoch zuversichtlich: Das Fest sei „das günstigste Geschenk, das sich eine Stadt selbst machen kann“.',
      ),
    ],
  },

  // --- Library, school, climate (de) ---------------------------------------------------
  {
    slug: 'stadtbibliothek-wiedereroeffnet',
    lang: 'de',
    title: 'Nach zwei Jahren Umbau: Die Stadtbibliothek ist wieder offen',
    subtitle:
      'Neuer Lesesaal, Werkstatt, Lesecafé und Öffnungszeiten bis 22 Uhr: Die Lindenauer Stadtbibliothek will mehr sein als ein Ort zum Bücherausleihen.',
    tags: ['kultur', 'bildung'],
    authors: ['aylin-kaya'],
    publishedDaysAgo: 26,
    imageKey: 'bibliothek-lesesaal',
    commentsOpen: true,
    body: [
      p(
        'Schon eine halbe Stunde vor der Öffnung standen am Samstagmorgen rund zweihundert Menschen vor der Tür. Nach zwei Jahren Umbau ist die Stadtbibliothek am Schillerplatz wieder geöffnet. Das Gebäude aus den Sechzigerjahren wurde energetisch saniert, barrierefrei umgebaut und innen fast vollständig neu gestaltet.',
      ),
      quote(
        'Wir wollten einen Ort schaffen, an dem man sein darf, ohne etwas kaufen zu müssen. Zum Lernen, zum Lesen, zum Basteln oder einfach zum Aufwärmen.',
        'Dr. Ruth Albers, Direktorin der Stadtbibliothek',
      ),
      h2('Was neu ist'),
      ul(
        'ein Lesesaal mit 120 Arbeitsplätzen, davon 40 mit Steckdose und Lampe',
        'eine offene Werkstatt mit 3D-Drucker, Nähmaschinen und Lötstation',
        'ein Kinderbereich mit Bilderbuchkino und Vorleseecke',
        'ein Lesecafé, betrieben von einem Inklusionsbetrieb',
        'Öffnungszeiten bis 22 Uhr: Nach 19 Uhr kommt man mit dem Bibliotheksausweis hinein',
      ),
      image(),
      p(
        'Die späten Öffnungszeiten sind das Herzstück des neuen Konzepts. Zwischen 19 und 22 Uhr ist kein Personal mehr im Haus, Besucherinnen und Besucher öffnen die Tür mit ihrem Bibliotheksausweis und leihen an Selbstverbuchungsautomaten aus. Das Modell ist in skandinavischen Bibliotheken verbreitet, in Lindenau ist es neu.',
      ),
      h2('Sanierung teurer als geplant'),
      p(
        'Der Umbau hat 17,8 Millionen Euro gekostet, gut drei Millionen mehr als ursprünglich geplant. Die Stadt begründet die Mehrkosten mit gestiegenen Baupreisen und Schadstoffen, die erst während der Arbeiten im Dach gefunden wurden. Rund die Hälfte der Kosten übernahm das Land aus einem Förderprogramm für Kultureinrichtungen.',
      ),
      p(
        'Während des Umbaus war die Bibliothek in einem ehemaligen Möbelhaus in der Nordstadt untergebracht, mit kleinerem Bestand und kürzeren Öffnungszeiten. Die Zahl der Ausleihen ging in dieser Zeit um ein Drittel zurück. Albers hofft, dass die Leserinnen und Leser nun zurückkommen. Am Eröffnungstag wurden mehr als 300 neue Ausweise ausgestellt.',
      ),
      p(
        'Neu ist auch das Programm für Erwachsene. Ehrenamtliche bieten jeden Mittwoch eine Sprechstunde für digitale Fragen an, von der Online-Terminbuchung im Bürgeramt bis zum ersten E-Book. Dienstags trifft sich ein Sprachcafé, in dem Menschen, die Deutsch lernen, mit Muttersprachlerinnen und Muttersprachlern ins Gespräch kommen.',
      ),
      quote(
        'Ich habe hier als Kind meinen ersten Ausweis bekommen. Jetzt sitze ich mit meiner Tochter im Kinderbereich, und es fühlt sich trotzdem an wie früher, nur heller.',
        'Nadia Petersen, Besucherin',
      ),
      p(
        'Die Jahresgebühr für Erwachsene bleibt bei 18 Euro, für Kinder, Jugendliche, Studierende und Menschen mit Sozialpass ist der Ausweis kostenlos. Die [Öffnungszeiten und das Veranstaltungsprogramm](https://example.org/lindenau/stadtbibliothek) stehen auf der Website der Bibliothek.',
      ),
    ],
  },
  {
    slug: 'gesamtschule-nord-sanierung',
    lang: 'de',
    title: 'Gesamtschule Nord: Sanierung soll in den Sommerferien beginnen',
    subtitle:
      'Undichte Fenster, kaputte Toiletten, ein gesperrter Chemieraum: Die größte Schule der Stadt wird für 14 Millionen Euro saniert – wenn der Haushalt rechtzeitig steht.',
    tags: ['bildung', 'haushalt'],
    authors: ['aylin-kaya'],
    publishedDaysAgo: 18,
    imageKey: 'gesamtschule-nord',
    commentsOpen: true,
    body: [
      p(
        'Im Chemieraum der Gesamtschule Nord hängt seit einem Jahr ein Zettel an der Tür: „Gesperrt – Lüftung defekt“. Der Chemieunterricht findet seitdem im Klassenzimmer statt, Versuche gibt es nur noch als Video. Es ist nicht der einzige Mangel an der größten Schule Lindenaus, die 1.380 Schülerinnen und Schüler besuchen.',
      ),
      p(
        'Jetzt soll sich etwas ändern. Die Stadt will die Gesamtschule Nord in drei Bauabschnitten für insgesamt 14 Millionen Euro sanieren. Der erste Abschnitt soll in den Sommerferien beginnen: neue Fenster, neue Toiletten und eine neue Lüftung für die naturwissenschaftlichen Räume. Danach folgen Dach und Fassade mit einer Solaranlage sowie eine neue Mensa.',
      ),
      quote(
        'Unsere Schülerinnen und Schüler lernen seit Jahren in einem Gebäude, in dem es im Winter durch die Fenster zieht und im Sommer über 30 Grad hat. Dass jetzt saniert wird, ist überfällig.',
        'Birgit Sommerfeld, Schulleiterin der Gesamtschule Nord',
      ),
      h2('Unterricht während der Bauarbeiten'),
      p(
        'Während der Bauarbeiten sollen die betroffenen Klassen in Containern auf dem Sportplatz unterrichtet werden. Die Schule rechnet damit, dass der Sportunterricht für ein Jahr teilweise in die Halle des TSV Lindenau ausweichen muss. Die Bauabschnitte sind so geplant, dass die lautesten Arbeiten in den Ferien stattfinden.',
      ),
      ol(
        'Fenster, Toiletten und Lüftung: ab den Sommerferien, rund zwölf Monate',
        'Dach, Fassade und Solaranlage: im darauffolgenden Jahr',
        'Neubau der Mensa: anschließend, rund ein Jahr',
      ),
      h2('Abhängig vom Haushalt'),
      p(
        'Ob der Zeitplan hält, hängt vom städtischen Haushalt ab. Die 14 Millionen Euro sind im Haushaltsentwurf von Kämmerin Ulrike Kessler eingeplant. Solange der Haushalt aber nicht beschlossen und von der Kommunalaufsicht genehmigt ist, darf die Stadt keine neuen Aufträge vergeben. Die Ausschreibung für die Fenster ist vorbereitet.',
      ),
      p(
        'Die Elternschaft will deshalb Druck machen. Elternvertreter Ahmet Yıldırım hat eine Unterschriftensammlung gestartet, die bisher mehr als 1.900 Menschen unterzeichnet haben. „Wir wollen niemandem etwas wegnehmen“, sagt Yıldırım. „Aber wenn im Stadtrat über den Haushalt gestritten wird, sollen alle wissen, dass an dieser Schule Kinder sitzen, die nicht länger warten können.“',
      ),
      p(
        'Die Gesamtschule Nord ist nicht die einzige Schule mit Sanierungsbedarf. Das Bauamt schätzt den Sanierungsstau an allen Lindenauer Schulen auf mehr als 200 Millionen Euro. Insgesamt sieht der Haushaltsentwurf für Schulsanierungen 38 Millionen Euro vor.',
      ),
    ],
  },
  {
    slug: 'klimaanpassungsplan-vorgestellt',
    lang: 'de',
    title: 'Hitze, Starkregen, Trockenheit: Lindenau stellt seinen Klimaanpassungsplan vor',
    subtitle:
      '1.000 neue Stadtbäume, Trinkbrunnen, entsiegelte Schulhöfe: Mit 42 Maßnahmen will sich die Stadt auf heißere Sommer und heftigeren Regen vorbereiten.',
    tags: ['klima', 'stadtrat'],
    authors: ['tobias-wendt'],
    publishedDaysAgo: 11,
    imageKey: 'klimaanpassung-park',
    commentsOpen: true,
    body: [
      p(
        'Im vergangenen Sommer zählte die Wetterstation am Lindenauer Flugplatz 23 Tage mit mehr als 30 Grad, so viele wie nie seit Beginn der Messungen. Zwei Wochen später stand nach einem Starkregen die Unterführung am Hauptbahnhof einen Meter unter Wasser. Mit einem Klimaanpassungsplan will die Stadt nun auf beides reagieren: auf Hitze und auf Starkregen.',
      ),
      p(
        'Am Dienstag hat die Verwaltung den Entwurf im Umweltausschuss vorgestellt. Er umfasst 42 Maßnahmen, die in den kommenden zehn Jahren umgesetzt werden sollen. Im Haushaltsentwurf sind dafür im ersten Jahr 6,5 Millionen Euro vorgesehen.',
      ),
      h2('Die wichtigsten Maßnahmen'),
      ol(
        '1.000 neue Stadtbäume in den kommenden fünf Jahren, vor allem in der Nordstadt und rund um den Marktplatz',
        '25 öffentliche Trinkbrunnen, die ersten zehn noch in diesem Jahr',
        'Entsiegelung von Schulhöfen und Parkplätzen, damit Regenwasser versickern kann',
        'ein Hitzeaktionsplan mit Warnungen und kühlen Räumen für ältere und kranke Menschen',
        'Gründächer auf allen neuen städtischen Gebäuden',
        'Rückhalteflächen an der Linda, die bei Hochwasser überflutet werden dürfen',
      ),
      quote(
        'Wir können den Klimawandel in Lindenau nicht aufhalten. Aber wir können dafür sorgen, dass ein heißer Sommer für die Menschen in der Nordstadt nicht gefährlich wird und ein Starkregen nicht jedes Mal die Keller flutet.',
        'Johanna Perthes, Klimaanpassungsmanagerin der Stadt Lindenau',
        'https://example.org/lindenau/ratsinfo/umweltausschuss-klimaanpassung',
        'Vorlage für den Umweltausschuss',
      ),
      h2('Die Nordstadt als Hitzeinsel'),
      p(
        'Eine Hitzekarte, die die Stadt im vergangenen Sommer mit Messfahrten erstellt hat, zeigt große Unterschiede zwischen den Stadtteilen. In der dicht bebauten Nordstadt war es an heißen Abenden bis zu sieben Grad wärmer als im Auenviertel mit seinen Wiesen an der Linda. Dort leben überdurchschnittlich viele ältere Menschen und Familien mit kleinen Kindern. Viele neue Stadtbäume sollen deshalb in der Nordstadt gepflanzt werden, auch entlang der künftigen Straßenbahnlinie 7.',
      ),
      p(
        'Umweltverbände begrüßen den Plan grundsätzlich, halten ihn aber für zu vorsichtig. Der Umweltverein Lindaaue kritisiert, dass es für den Neubau privater Gebäude keine Pflicht zu Gründächern geben soll. Die Bürgerliste im Stadtrat wiederum fragt, wie die Stadt die Pflege von 1.000 zusätzlichen Bäumen dauerhaft bezahlen will.',
      ),
      {
        type: 'embed',
        provider: 'link',
        url: 'https://example.org/lindenau/klimaanpassungsplan',
        title: 'Klimaanpassungsplan der Stadt Lindenau (Entwurf)',
        caption: 'Der vollständige Entwurf mit Hitzekarte und allen 42 Maßnahmen',
      },
      h2('Bürgerrat berät mit'),
      p(
        'Parallel zum Verfahren im Stadtrat berät ein Bürgerrat aus vierzig ausgelosten Lindenauerinnen und Lindenauern über den Klimaanpassungsplan. Seine Empfehlungen sollen in die endgültige Fassung einfließen. Der Stadtrat will den Klimaanpassungsplan nach der Sommerpause beschließen.',
      ),
    ],
  },
  {
    slug: 'buergerrat-legt-empfehlungen-vor',
    lang: 'de',
    title: 'Bürgerrat legt 24 Empfehlungen zur Klimaanpassung vor',
    subtitle:
      'Vierzig ausgeloste Lindenauerinnen und Lindenauer haben an vier Wochenenden über Hitze und Starkregen beraten. Ihre Empfehlungen gehen teils weiter als der Plan der Stadt.',
    tags: ['beteiligung', 'klima'],
    authors: ['tobias-wendt'],
    publishedDaysAgo: 0,
    imageKey: 'buergerrat-sitzung',
    status: 'scheduled',
    scheduledInHours: 48,
    commentsOpen: true,
    body: [
      p(
        'Der erste Lindenauer Bürgerrat hat seine Arbeit abgeschlossen. Am Samstag übergaben die vierzig Mitglieder Oberbürgermeisterin Sabine Hollerbach im Ratssaal ein Gutachten mit 24 Empfehlungen zur Klimaanpassung. Der Stadtrat muss sich nun mit jeder einzelnen Empfehlung befassen und begründen, wenn er ihr nicht folgt.',
      ),
      p(
        'Die Mitglieder des Bürgerrats waren per Los aus dem Melderegister ausgewählt worden, gewichtet nach Alter, Geschlecht, Stadtteil und Bildungsabschluss. Die jüngste Teilnehmerin war 16, der älteste Teilnehmer 84 Jahre alt. An vier Wochenenden hörten sie Fachleute an, besuchten die heißesten Straßen der Nordstadt und diskutierten in Kleingruppen.',
      ),
      h2('Die zentralen Empfehlungen'),
      ul(
        'Jede Straße in Lindenau soll innerhalb von zehn Jahren mindestens einen schattigen Sitzplatz bekommen.',
        'Der Hitzeaktionsplan soll Telefonketten für alleinlebende ältere Menschen einrichten.',
        'Für neue Gebäude, auch private, soll eine Pflicht zu Gründächern gelten.',
        'Schulhöfe sollen vorrangig entsiegelt und außerhalb der Schulzeit als Nachbarschaftsgärten geöffnet werden.',
        'Die Stadt soll jährlich öffentlich berichten, wie viele der versprochenen Stadtbäume tatsächlich gepflanzt wurden.',
      ),
      quote(
        'Ich hätte nie gedacht, dass ich mit einer Studentin einen ganzen Nachmittag über Regenwasser diskutiere und wir uns am Ende einig sind. Das war für mich die eigentliche Überraschung.',
        'Werner Klose, 71, Mitglied des Bürgerrats',
      ),
      quote(
        'Wir haben uns nicht auf alles geeinigt. Aber wir haben verstanden, warum die anderen anders denken. Das würde ich mir manchmal auch vom Stadtrat wünschen.',
        'Mia Hoffmann, 22, Mitglied des Bürgerrats',
      ),
      p(
        'Nicht alle Vorschläge fanden eine Mehrheit. Die Empfehlung, im Sommer in der gesamten Innenstadt Tempo 30 einzuführen, um die Hitzebelastung durch den Verkehr zu senken, scheiterte knapp. Auch ein Verbot von Schottergärten nahm der Bürgerrat nach langer Diskussion nicht auf, weil die Mehrheit darin einen zu starken Eingriff in private Gärten sah.',
      ),
      h2('Weiter als der Plan der Stadt'),
      p(
        'In mehreren Punkten geht der Bürgerrat über den Entwurf des Klimaanpassungsplans hinaus. Die Pflicht zu Gründächern auch bei privaten Neubauten hatte die Verwaltung ausdrücklich nicht vorgesehen. Auch die jährliche Berichtspflicht über neue Stadtbäume ist neu. Moderiert wurde der Bürgerrat vom Institut für Beteiligung, das die Sitzungen vorbereitet und die Empfehlungen redaktionell zusammengefasst hat.',
      ),
      p(
        'Die Kosten des Bürgerrats beziffert die Stadt auf rund 140.000 Euro, vor allem für Moderation, Aufwandsentschädigungen und Kinderbetreuung während der Sitzungen. Ob der Bürgerrat zu einem festen Instrument in Lindenau wird, soll der Stadtrat nach einer Auswertung entscheiden. Das vollständige [Gutachten des Bürgerrats](https://example.org/lindenau/buergerrat/gutachten) ist online veröffentlicht.',
      ),
    ],
  },

  // --- English ----------------------------------------------------------------------
  // The festival programme in English: linked to the German article as its translation
  // (seed.ts), so both pages carry hreflang alternates and a switch.
  {
    slug: 'linden-blossom-festival-programme',
    lang: 'en',
    title: 'Linden Blossom Festival: three days of music, theatre and a flea market in Auenpark',
    subtitle:
      'Lindenau’s biggest street festival celebrates its 40th anniversary. The programme is bigger than ever, and admission stays free.',
    tags: ['kultur', 'stadtleben'],
    authors: ['aylin-kaya'],
    publishedDaysAgo: 38,
    imageKey: 'sommerfest-buehne',
    commentsOpen: true,
    body: [
      p(
        'When the linden trees blossom, Lindenau celebrates. For the 40th time, the city’s culture office invites everyone to the Linden Blossom Festival in Auenpark next weekend. From Friday to Sunday there will be music, theatre and readings on three stages, plus a flea market, a children’s festival and around sixty stalls run by clubs, local initiatives and caterers from the city. As always, admission is free.',
      ),
      quote(
        'The Linden Blossom Festival belongs to everyone in Lindenau. That is why our stages are mostly for people from the city: school bands, choirs, the municipal theatre and musicians who grew up here.',
        'Dominik Faber, head of the culture office',
      ),
      h2('The programme'),
      h3('Friday'),
      ul(
        '6 pm: opening by Mayor Sabine Hollerbach at the main stage',
        '7 pm: the music school’s youth symphony orchestra plays film music',
        '9 pm: concert by the band “Die Auenkinder”',
      ),
      h3('Saturday'),
      ul(
        'from 10 am: flea market along the Lindaufer promenade',
        '2 pm: children’s festival with a circus workshop on the meadow by the playground',
        '4 pm: the municipal theatre performs an open-air version of “A Midsummer Night’s Dream”',
        '8 pm: choir evening with five Lindenau choirs',
        '10 pm: the rowing club’s parade of lights on the Linda',
      ),
      h3('Sunday'),
      ul(
        '11 am: family breakfast at long tables on the festival meadow',
        '1 pm: the city library’s reading stage with authors from the region',
        '5 pm: closing concert by the TSV Lindenau wind orchestra',
      ),
      h2('Getting there, and the rubbish'),
      p(
        'There is no parking around Auenpark. The transport company is adding extra buses, and lines 3 and 9 run every ten minutes until 1 am on Saturday. Bicycles can be left at three supervised bike parks.',
      ),
      p(
        'For people with limited mobility, a shuttle runs from the Auenstraße stop to the festival grounds, and there are accessible toilets at the main entrance. On Friday and Saturday, sign language interpreters translate the announcements and some of the concerts at the main stage.',
      ),
      p(
        'For the first time, a reusable system applies across the whole festival site. Drinks are served only in deposit cups and food only in deposit bowls. The culture office wants to halve the amount of waste; last year, eleven tonnes piled up after three days. Many stalls give a small discount to anyone who brings their own dishes.',
      ),
      p(
        'The culture office has published the [full programme](https://example.org/lindenau/kultur/lindenbluetenfest) with every stall and a site map. Anyone who would like to volunteer to help set up or take down can still sign up there until Thursday.',
      ),
    ],
  },
  {
    slug: 'tram-line-7-questions-answered',
    lang: 'en',
    title: 'Lindenau’s new tram line: your questions about Line 7, answered',
    subtitle:
      'Construction on Line 7 has begun. Where will the tram run, when will it open, and what does it mean for the people who live along the route?',
    tags: ['verkehr'],
    authors: ['claire-whitfield', 'jonas-feldmann'],
    publishedDaysAgo: 6,
    imageKey: 'strassenbahn-nordstadt',
    commentsOpen: true,
    body: [
      p(
        'Since the city council approved the route of the new tram line earlier this year, readers of our English edition have sent us dozens of questions about Line 7. With the first construction work under way on Birkenallee, we have collected the most common ones and put them to the city and to the Lindenau transport company.',
      ),
      h3('Where will Line 7 run?'),
      p(
        'The tram will run for 6.8 kilometres from the main station via the market square and the Nordstadt district to Auenviertel. Between the main station and the market square it will share the existing tracks of Lines 2 and 4. After that, new tracks will be laid along Birkenallee and Auenstraße, including a new bridge over the river Linda. There will be fourteen new stops, all of them step-free.',
      ),
      h3('When will the tram start running?'),
      p(
        'If everything goes to plan, in just under four years. Work on pipes and cables under Birkenallee has started and will take around six months. Track laying begins next spring, and the bridge over the Linda the following summer. The transport company says a trial service could start in the fourth year.',
      ),
      h3('How often will it run, and how fast?'),
      p(
        'During the day a tram is planned every ten minutes in each direction, with more frequent services at peak times under discussion. The journey from Auenviertel to the main station is expected to take 22 minutes. The bus currently needs more than 35 minutes at rush hour.',
      ),
      h3('How much does it cost, and who pays?'),
      p(
        'The total cost is estimated at 148 million euros. Around three quarters is expected to come from federal and state funding. The city’s own share, 21 million euros, is included in the draft budget that the council is currently debating.',
      ),
      h3('What about noise and the trees on Birkenallee?'),
      p(
        'This is the most controversial part of the project. A residents’ initiative on Birkenallee has asked for independent noise assessments for every building and for soundproof windows where needed. The transport company says the tram will replace four bus routes and that the tracks will be laid on grass, which reduces noise.',
      ),
      quote(
        'We will measure noise and vibration before and after construction, at every building within twenty metres of the track. If the figures are worse than we promised, we will act.',
        'Stefan Hagedorn, Line 7 project manager, Lindenau transport company',
        'https://example.org/lindenau/verkehr/linie-7/faq-en',
        'Line 7 FAQ in English',
      ),
      p(
        'Of the 112 trees on Birkenallee, at least 90 are to be kept. For every tree that is cut down, two new ones will be planted.',
      ),
      h3('What changes for me right now?'),
      ul(
        'Birkenallee is closed to cars heading out of town from the market square.',
        'Bus routes 12 and 15 are diverted via Bahnhofstraße; temporary stops replace “Birkenplatz” and “Lindenstraße”.',
        'Pavements on both sides stay open, and cyclists have a separated lane past the works.',
        'A site office on Birkenplatz answers questions on Tuesdays and Thursdays from 3 to 6 pm.',
      ),
      p(
        'Do you have a question we haven’t answered? Leave it in the comments below and we will put it to the transport company.',
      ),
    ],
  },
  {
    slug: 'lindenau-budget-explained',
    lang: 'en',
    title: 'Lindenau’s budget, explained: where the money comes from and where it goes',
    subtitle:
      'The city plans to spend 612 million euros next year and borrow more than it has in fifteen years. Here is what the budget debate in the council is about.',
    tags: ['haushalt', 'stadtrat'],
    authors: ['claire-whitfield', 'miriam-albrecht'],
    publishedDaysAgo: 7,
    imageKey: 'rathaus-marktplatz',
    seoTitle: 'Lindenau’s city budget explained in English',
    commentsOpen: true,
    body: [
      p(
        'Every year, Lindenau’s city council has to approve a budget: a plan of everything the city expects to earn and spend in the following year. This year’s debate is unusually heated. The draft presented by the city treasurer, Ulrike Kessler, shows a deficit of 18.4 million euros and record investment in schools, nurseries and the new tram line. Here is an overview for readers who want to follow the debate.',
      ),
      h2('Where the money comes from'),
      ul(
        '**Business tax:** around 148 million euros, the city’s largest own source of income',
        '**Shares of income tax and VAT:** around 130 million euros, passed on by the federal government',
        '**Grants from the state:** around 170 million euros, mostly for schools and social services',
        '**Property tax:** around 52 million euros',
        '**Fees and charges:** for nurseries, swimming pools, the music school and more',
      ),
      h2('Where the money goes'),
      p(
        'The largest items are social services, staff and schools. Lindenau employs around 3,900 people, from teachers’ assistants and firefighters to the staff in the citizens’ office. Wage agreements in the public sector alone will cost the city an extra nine million euros next year.',
      ),
      p(
        'On top of the running costs, the city plans to invest 96 million euros, 46 million of it borrowed. The biggest projects are school renovations (38 million euros, including 14 million for Gesamtschule Nord), the city’s share of tram Line 7 (21 million), two new nurseries and a climate adaptation programme.',
      ),
      quote(
        'This is an investment budget. We are catching up on what has been left undone for many years. But at the same time, we have to start getting our running costs under control.',
        'Ulrike Kessler, city treasurer, presenting the draft to the council',
        'https://example.org/lindenau/ratsinfo/einbringung-haushalt',
        'Speech presenting the draft budget (in German)',
      ),
      h2('What the council is arguing about'),
      p(
        'The council groups agree that the budget is tight, but not on what to do about it. The Bürgerliste wants fewer new posts in the administration. Forum Lindenau refuses to cut school and climate spending. The Liste Soziales Lindenau wants to freeze fees for nurseries and the music school. The most disputed proposal is a rise in property tax, which landlords can pass on to tenants through service charges. For a typical rented flat, the city estimates the increase at around 20 euros a year.',
      ),
      h2('What happens next'),
      ol(
        'Council groups submit amendments by the end of the month.',
        'The finance committee discusses them in two public meetings.',
        'The council votes on the budget in a second reading before the summer break.',
        'The state supervisory authority checks whether the budget can be approved.',
      ),
      p(
        'Residents can submit comments and suggestions until the second reading via the city’s participation portal. Most documents are only available in German; if you have questions about the budget, our newsroom is happy to help.',
      ),
    ],
  },
  {
    slug: 'river-clean-up-linda',
    lang: 'en',
    title: 'Volunteers pull 1.2 tonnes of rubbish out of the river Linda',
    subtitle:
      'More than 300 people joined the annual river clean-up on Saturday. Fewer bottles than last year, but more scooters.',
    tags: ['klima', 'stadtleben'],
    authors: ['tobias-wendt'],
    publishedDaysAgo: 8,
    imageKey: 'linda-ufer',
    commentsOpen: true,
    body: [
      p(
        'Armed with gloves, grabbers and waders, more than 300 volunteers spent Saturday morning along the banks of the river Linda. By lunchtime they had collected 1.2 tonnes of rubbish from the water and the meadows along the seven kilometres of river that run through Lindenau. It was the eleventh clean-up organised by the local initiative Blaue Linda.',
      ),
      quote(
        'When we started, we found mostly glass bottles and plastic bags. Today it’s disposable vapes, food packaging and e-scooters. The rubbish changes, the problem doesn’t.',
        'Paul Weber, founder of the Blaue Linda initiative',
      ),
      h2('What the volunteers found'),
      ul(
        'around 2,400 cans and bottles',
        'seven e-scooters and four bicycles',
        'more than 600 disposable vapes',
        'a shopping trolley, two traffic cones and a garden gnome',
        'countless cigarette butts, which the organisers stopped counting at 10,000',
      ),
      image(),
      p(
        'The largest amount of rubbish was found, as in previous years, under the Wiesenbrücke footbridge and around the barbecue area in Auenpark. The city’s waste management company provided skips and took away the collected rubbish free of charge. The e-scooters were returned to the rental companies, which were, according to the initiative, not very pleased to be asked to pick them up.',
      ),
      h2('Families, clubs and a school class'),
      p(
        'Among the volunteers were families with small children, members of the rowing club and the TSV Lindenau football club, and an entire year group from Gesamtschule Nord, who spent the morning sorting the rubbish by material. The youngest helper was four, the oldest 86.',
      ),
      p(
        'Many of the volunteers came for the first time. Samira Haddad, who moved to Lindenau last year, said she had seen a poster in her bakery. “I walk along the river every day with my dog,” she said. “It felt good to give something back, and I met more neighbours in three hours than in the whole year before.”',
      ),
      h2('More bins, fewer barbecues?'),
      p(
        'Blaue Linda wants the city to put up more bins along the river and to empty them more often on summer weekends. The city’s climate adaptation plan, currently under discussion in the council, includes new flood meadows along the Linda, which the initiative welcomes. A proposal to ban barbecues on the riverbank is more controversial, even among the volunteers.',
      ),
      {
        type: 'embed',
        provider: 'link',
        url: 'https://example.org/blaue-linda',
        title: 'Blaue Linda – river clean-up initiative',
        caption: 'Dates, photos and how to join the next clean-up (in German and English)',
      },
      p(
        'The next clean-up is planned for the autumn. Those who cannot wait that long can borrow grabbers and bags from the initiative’s stall at the weekly market.',
      ),
    ],
  },
  {
    slug: 'bakery-cooperative-opens',
    lang: 'en',
    title: 'A bakery owned by its customers: Lindenau’s bread cooperative opens its doors',
    subtitle:
      'When the last traditional bakery in the Nordstadt closed, its customers bought it. 480 members later, the ovens are hot again.',
    tags: ['wirtschaft', 'stadtleben'],
    authors: ['claire-whitfield'],
    publishedDaysAgo: 46,
    imageKey: 'baeckerei-genossenschaft',
    commentsOpen: true,
    body: [
      p(
        'At six o’clock on Monday morning, the queue outside the bakery on Lindenstraße already reached the corner. For the first time in almost a year, the smell of fresh bread drifted across the street. The difference from before: the bakery now belongs to the people standing in the queue.',
      ),
      p(
        'Backstube Lindenau is a cooperative. When the previous owner, a master baker with no successor, closed the shop last year after 41 years, a group of regular customers decided not to accept that. They founded a cooperative, collected shares of 250 euros each and found a young baker willing to take on the risk. Today the cooperative has 480 members.',
      ),
      quote(
        'Everyone said a small bakery can’t survive against the supermarkets. Maybe that’s true if it belongs to one person who works eighty hours a week. We wanted to try it differently.',
        'Marta Nowak, chair of the Backstube Lindenau cooperative',
      ),
      h2('How the cooperative works'),
      ul(
        'Every member owns at least one share of 250 euros and has one vote, however many shares they hold.',
        'The baker and the shop staff are employed by the cooperative and paid according to the collective agreement.',
        'Members get a small discount but, above all, a say in the range of products and opening hours.',
        'Profits are reinvested first; a dividend will only be considered once the loans are paid off.',
      ),
      h2('Sourdough and short nights'),
      p(
        'The new head baker is Lukas Brenner, 29, who trained in a bakery in the countryside and worked in a city-centre café before that. He bakes with flour from a mill in the region and uses long fermentation times, which he says makes the bread more digestible and keeps it fresh for longer. His working day starts at half past two in the morning.',
      ),
      quote(
        'I would never have dared to open a bakery on my own. Here, I have 480 people who want it to work. That takes a lot of pressure off, even if every one of them has an opinion about the rye bread.',
        'Lukas Brenner, head baker',
      ),
      p(
        'The city supported the project with a grant from its programme for local businesses, and a regional cooperative bank provided a loan for the new oven. The cooperative hopes to break even within three years. To do so, it needs to sell around 600 loaves and rolls a day and supply several nurseries and the canteen of a care home.',
      ),
      p(
        'Membership is still open. The cooperative says it particularly wants more members from the surrounding streets, which is why shares can also be paid in instalments.',
      ),
    ],
  },
  {
    slug: 'tsv-lindenau-new-pitch',
    lang: 'en',
    title: 'TSV Lindenau’s new pitch: 400 children, one field and a waiting list',
    subtitle:
      'The city’s largest sports club finally has an all-weather pitch. It is fully booked from Monday to Friday, and the waiting list keeps growing.',
    tags: ['sport', 'stadtleben'],
    authors: ['tobias-wendt'],
    publishedDaysAgo: 57,
    imageKey: 'tsv-sportplatz',
    commentsOpen: false,
    body: [
      p(
        'For years, training at TSV Lindenau depended on the weather. When it rained, the old grass pitch turned to mud, and training was cancelled. Since Saturday, the club has an artificial pitch with floodlights, paid for by the city, the state and the club itself. It was opened with a youth tournament with 24 teams.',
      ),
      p(
        'TSV Lindenau, founded in 1898, is the city’s largest sports club, with more than 2,100 members in eleven sections. The football section alone has 32 teams, 23 of them youth teams. Around 400 children and teenagers train there every week.',
      ),
      quote(
        'The new pitch is the best thing that has happened to this club in twenty years. But to be honest: we could fill a second one tomorrow.',
        'Rainer Kühn, chairman of TSV Lindenau',
      ),
      h2('A waiting list of 90 children'),
      p(
        'Even with the new pitch, the club cannot take everyone who wants to play. The waiting list for the youth teams currently has 90 names, most of them children between six and ten. The bottleneck is not only space but also coaches: almost all of them are volunteers who train teams after work.',
      ),
      quote(
        'Many parents ask when their child can start. I always ask back whether they would like to help as a coach. Some of our best coaches started exactly like that.',
        'Sandra Yilmaz, youth coordinator, TSV Lindenau football section',
      ),
      h2('What the pitch cost'),
      ul(
        'Total cost: 1.4 million euros',
        'City of Lindenau: 700,000 euros',
        'State sports funding: 500,000 euros',
        'TSV Lindenau: 200,000 euros, partly from donations and volunteer work',
      ),
      p(
        'Whether the city can support further sports facilities in the coming years is uncertain. The city is preparing its budget for next year, and the treasury has already signalled that grants to sports clubs may be cut by ten percent. Kühn says the club would survive the cut, but the planned renovation of the changing rooms would have to wait.',
      ),
      p(
        'For now, the club is celebrating. On Saturday, the under-11s won the opening tournament on penalties. Their coach said afterwards that the new pitch had nothing to do with it. Nobody believed him.',
      ),
    ],
  },
  {
    slug: 'citizens-assembly-how-it-works',
    lang: 'en',
    title: 'Forty residents, one question: how Lindenau’s first citizens’ assembly works',
    subtitle:
      'Chosen by lot, paid for their time and advised by experts: a citizens’ assembly is discussing how Lindenau should prepare for heat and heavy rain.',
    tags: ['beteiligung', 'klima'],
    authors: ['claire-whitfield'],
    publishedDaysAgo: 28,
    imageKey: 'buergerrat-runde',
    commentsOpen: true,
    body: [
      p(
        'On a Saturday morning in the community hall of Auenviertel, a retired engineer, a nursing student, a bus driver and a sixteen-year-old school pupil sit at the same table, arguing about rainwater. They have never met before, and they did not choose to be here. They were chosen by lot.',
      ),
      p(
        'They are four of the forty members of Lindenau’s first citizens’ assembly. Over four weekends, the assembly is discussing how Lindenau should prepare for hotter summers, longer droughts and heavier rain. Its recommendations will feed into the climate adaptation plan that the administration is drafting, and the city council has promised to respond to each one.',
      ),
      h2('How members were chosen'),
      ol(
        'The city drew 2,000 names at random from the population register, from age 16 upwards.',
        'Everyone drawn received a letter inviting them to take part; around 230 said yes.',
        'From those, forty members were drawn again, weighted so that the group reflects the city by age, gender, district and education.',
      ),
      p(
        'Members receive 80 euros per day of meetings, and childcare is provided. According to the organisers, both were crucial to reaching people who do not usually take part in public meetings.',
      ),
      quote(
        'People who go to public meetings are usually people who already have a strong opinion. A citizens’ assembly also hears from those who never would have come – and they often turn out to have very good ideas.',
        'Elif Şahin, facilitator, Institute for Participation',
        'https://example.org/institut-fuer-beteiligung/buergerrat-lindenau',
        'Institute for Participation: the Lindenau assembly',
      ),
      h2('Experts, site visits and small groups'),
      p(
        'Each weekend follows a similar pattern. In the morning, experts give short talks: a meteorologist on heat in cities, an engineer from the city’s drainage department on heavy rain, a doctor on the health risks of heat for older people. In the afternoon, the members discuss in small groups, with facilitators making sure everyone gets a say. On the second weekend, the assembly went on a walk through the hottest streets of the Nordstadt district with thermometers.',
      ),
      p(
        'Werner Klose, 71, a retired engineer, admits he was sceptical at first. “I thought it would be a talking shop,” he said during a coffee break. “But the questions here are better than in many meetings I sat through in my working life.”',
      ),
      h2('What happens to the recommendations'),
      p(
        'The assembly’s recommendations are not binding. The council has, however, committed to discussing each one in public and explaining any decision not to follow it. The assembly costs around 140,000 euros. Whether Lindenau will hold more citizens’ assemblies on other topics will be decided after an evaluation. The recommendations are expected to be published in the coming weeks.',
      ),
    ],
  },
];

/**
 * For every article with image blocks: the image keys for those blocks, in order. The
 * seeder replaces each `mediaId: 0` with the id of the media item created for the key.
 */
export const demoBodyImages: Record<string, string[]> = {
  [DEMO_SHOWCASE_SLUG]: ['haushalt-grafik'],
  'strassenbahnlinie-7-trasse-beschlossen': ['strassenbahn-haltestelle'],
  'stadtbibliothek-wiedereroeffnet': ['bibliothek-regale'],
  'river-clean-up-linda': ['linda-bruecke'],
};

// ---------------------------------------------------------------------------------------
// Pages

export const demoPages: DemoPage[] = [
  {
    slug: 'ueber-uns',
    lang: 'de',
    title: 'Über uns',
    body: [
      p(
        'Wir sind eine unabhängige Lokalredaktion in Lindenau. Wir berichten über das, was in unserer Stadt entschieden wird: im Stadtrat, in der Verwaltung, in Schulen, Vereinen und Nachbarschaften. Wir gehören keinem Verlag, keiner Partei und keinem Unternehmen, sondern finanzieren uns über die Spenden unserer Leserinnen und Leser.',
      ),
      h2('Was wir tun'),
      ul(
        'Wir sitzen in jeder öffentlichen Sitzung des Stadtrats und seiner Ausschüsse.',
        'Wir lesen Haushaltspläne, Beschlussvorlagen und Gutachten, damit Sie es nicht müssen.',
        'Wir erklären, was Entscheidungen für Ihren Alltag bedeuten.',
        'Wir berichten auch auf Englisch für alle, die in Lindenau leben und (noch) kein Deutsch sprechen.',
      ),
      h2('Unsere Grundsätze'),
      ol(
        'Wir trennen Nachricht und Meinung und kennzeichnen Kommentare als solche.',
        'Wir lassen alle Seiten zu Wort kommen, bevor wir berichten.',
        'Wir korrigieren Fehler offen und vermerken jede Korrektur unter dem Artikel.',
        'Wir verzichten auf Tracking und zeigen Videos erst, wenn Sie zustimmen.',
      ),
      h2('Mitreden'),
      p(
        'Unter fast allen Artikeln können Sie mitdiskutieren. Wir moderieren die Kommentare, damit die Diskussion sachlich bleibt, und antworten selbst, wenn Fragen an uns gerichtet sind. Wenn Sie einen Fehler finden, schlagen Sie direkt am Text eine Korrektur vor. Sie erreichen die Redaktion unter redaktion@example.org.',
      ),
      donation(),
      p(
        '*Hinweis: Dies ist Demo-Inhalt von Blattwerk. Die Stadt Lindenau, alle Personen, Gruppen und Ereignisse auf dieser Website sind frei erfunden.*',
      ),
    ],
  },
  {
    slug: 'about',
    lang: 'en',
    title: 'About us',
    body: [
      p(
        'We are an independent local newsroom in Lindenau. We report on what is decided in our city: in the city council, in the administration, in schools, clubs and neighbourhoods. We do not belong to a publishing house, a party or a company. We are funded by donations from our readers.',
      ),
      h2('What we do'),
      ul(
        'We attend every public meeting of the city council and its committees.',
        'We read budgets, council papers and expert reports, so that you don’t have to.',
        'We explain what decisions mean for your everyday life.',
        'We publish in English for everyone who lives in Lindenau and doesn’t speak German (yet).',
      ),
      h2('Our principles'),
      ol(
        'We keep news and opinion apart and label commentary clearly.',
        'We hear all sides before we publish.',
        'We correct mistakes openly and note every correction below the article.',
        'We do not track you, and we only load videos once you agree.',
      ),
      h2('Join the conversation'),
      p(
        'You can comment below almost every article. We moderate the discussion to keep it civil, and we reply ourselves when questions are addressed to us. If you spot a mistake, you can suggest a correction right on the text. You can reach the newsroom at newsroom@example.org.',
      ),
      donation(),
      p(
        '*Note: this is Blattwerk demo content. The city of Lindenau and all people, groups and events on this site are fictional.*',
      ),
    ],
  },
];
