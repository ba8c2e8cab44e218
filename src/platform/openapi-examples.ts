/**
 * Examples for the OpenAPI document (issue 17): every success answer and every request body
 * shows one. A schema that carries its own `examples` (written beside it in its capability,
 * e.g. the Content API's in integrations/content-schemas.ts) keeps them; for every other one
 * an example is built from the schema itself with the demo newsroom's words (the Lindenauer
 * Blatt, its city council's budget debate, the town festival), chosen by field name. Built
 * from the schema, an example cannot drift from it when a field is added; the test in
 * integrations/openapi.test.ts validates every example in the document against its schema.
 *
 * Why one place rather than a hand-written example beside each of 140 schemas: the same
 * article, author and dates then appear in every answer, and the schema stays the only
 * thing a route's author has to keep true.
 *
 * @example
 *   addExamples(openapiObject); // fills in what the route schemas leave out
 */

/** The parts of a JSON Schema an example is built from. */
export interface SchemaLike {
  type?: string | string[];
  properties?: Record<string, SchemaLike>;
  required?: string[];
  items?: SchemaLike;
  additionalProperties?: boolean | SchemaLike;
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaLike[];
  oneOf?: SchemaLike[];
  allOf?: SchemaLike[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  examples?: unknown[];
  example?: unknown;
  default?: unknown;
}

const SITE = 'https://lindenauer-blatt.example';
const ARTICLE_SLUG = 'haushaltsdebatte-im-stadtrat';
const WHEN = '2026-11-24T18:30:00.000Z';

/** Words for a field, by `route-part.parent.field`, `parent.field` or `field` (first match wins). */
const WORDS: Record<string, string> = {
  // Articles and pages
  title: 'Haushaltsdebatte im Stadtrat: Lindenau ringt um Schulden, Schulen und die Straßenbahn',
  'books.title': 'Kassensturz. Eine kleine Geschichte der städtischen Finanzen',
  'settings.title': 'Lindenauer Blatt',
  'settings.settings.title': 'Lindenauer Blatt',
  subtitle: 'Fast sieben Stunden hat der Stadtrat über den Haushaltsentwurf der Kämmerin beraten.',
  excerpt: 'Defizit von 18,4 Millionen Euro, Rekordinvestitionen und Streit um die Grundsteuer: So verlief die erste Lesung des Haushalts.',
  seoTitle: 'Haushaltsdebatte in Lindenau: Schulden, Schulen, Straßenbahn',
  seoDescription: 'So verlief die erste Lesung des Lindenauer Haushalts im Stadtrat.',
  slug: ARTICLE_SLUG,
  'tags.slug': 'stadtrat',
  'tag.slug': 'stadtrat',
  'authors.slug': 'miriam-albrecht',
  'author.slug': 'miriam-albrecht',
  articleTitle: 'Haushaltsdebatte im Stadtrat: Lindenau ringt um Schulden, Schulen und die Straßenbahn',
  html: '<p>Es war kurz vor Mitternacht, als Oberbürgermeisterin Sabine Hollerbach die Sitzung schloss.</p>',
  'comments.html': '<p>Danke für den Bericht. Die Straßenbahn in die Nordstadt muss kommen.</p>',
  'comment.html': '<p>Danke für den Bericht. Die Straßenbahn in die Nordstadt muss kommen.</p>',
  text: 'Es war kurz vor Mitternacht, als Oberbürgermeisterin Sabine Hollerbach die Sitzung schloss.',
  'note.text': 'In einer früheren Fassung stand, das Defizit betrage 14 Millionen Euro. Richtig sind 18,4 Millionen Euro.',
  'corrections.text': 'In einer früheren Fassung stand, das Defizit betrage 14 Millionen Euro. Richtig sind 18,4 Millionen Euro.',
  'correction-notes.text': 'In einer früheren Fassung stand, das Defizit betrage 14 Millionen Euro. Richtig sind 18,4 Millionen Euro.',
  'proofread.text': 'Der Stadtrat hat den Haushalt mit knapper Merheit beschlossen.',
  body: 'Danke für den Bericht. Die Straßenbahn in die Nordstadt muss kommen, auch wenn es teuer wird.',
  featuredCaption: 'Der Ratssaal während der Haushaltsdebatte am Donnerstagabend.',
  caption: 'Der Ratssaal während der Haushaltsdebatte am Donnerstagabend.',
  alt: 'Stadträtinnen und Stadträte an ihren Plätzen im vollen Ratssaal',
  credit: 'Foto: Jonas Feldmann',
  licence: 'CC BY 4.0',
  sourceUrl: `${SITE}/fotos/ratssaal`,
  mime: 'image/jpeg',
  path: '/media/2026/11/ratssaal.jpg',
  format: 'webp',
  passage: 'ein Defizit von 14 Millionen Euro',
  replacement: 'ein Defizit von 18,4 Millionen Euro',
  suggestion: 'Mehrheit',
  word: 'Kämmerin',
  topic: 'Stadtrat',
  subject: 'Die Woche im Rathaus: Haushalt beschlossen, Stadtfest geplant',
  // People, authors, tags
  name: 'Miriam Albrecht',
  'tags.name': 'Stadtrat',
  'tag.name': 'Stadtrat',
  'integrations.name': 'n8n Redaktionsautomatik',
  'integration.name': 'n8n Redaktionsautomatik',
  'supporters.name': 'Erika Mustermann',
  'supporter.name': 'Erika Mustermann',
  'mandates.name': 'Erika Mustermann',
  'subscriptions.name': 'Erika Mustermann',
  'reader.name': 'Peter Lindner',
  'author.name': 'Peter Lindner',
  'comments.name': 'Peter Lindner',
  'notifier.name': 'Peter Lindner',
  'staff.name': 'Miriam Albrecht',
  'user.name': 'Miriam Albrecht',
  description: 'Alles über die Sitzungen und Beschlüsse des Lindenauer Stadtrats.',
  'settings.description': 'Unabhängiger Journalismus für Lindenau',
  'webhooks.description': 'Neue Artikel an den Newsletter-Dienst melden',
  de: 'Miriam Albrecht berichtet seit zwölf Jahren aus dem Lindenauer Rathaus.',
  en: 'Miriam Albrecht has covered Lindenau’s town hall for twelve years.',
  'message.de': 'Der Kommentar wurde freigeschaltet.',
  'message.en': 'The comment was approved.',
  label: 'Website',
  'navigation.label': 'Stadtrat',
  'social.label': 'Mastodon',
  'trusted.label': 'Stammleser aus der Nordstadt',
  avatar: '/media/2026/11/miriam-albrecht.jpg',
  email: 'miriam.albrecht@lindenauer-blatt.example',
  'supporters.email': 'erika.mustermann@example.org',
  'mandates.email': 'erika.mustermann@example.org',
  'subscriptions.email': 'erika.mustermann@example.org',
  'comments.email': 'peter.lindner@example.org',
  'reader.email': 'peter.lindner@example.org',
  'password-reset.email': 'miriam.albrecht@lindenauer-blatt.example',
  'bans.email': 'stoerer@example.org',
  'trusted.email': 'peter.lindner@example.org',
  role: 'editor',
  identity: 'email:peter.lindner@example.org',
  password: 'Stadtfest-im-Juni-2027',
  currentPassword: 'Stadtfest-im-Juni-2027',
  newPassword: 'Haushalt-mit-Mehrheit-2027',
  code: '492817',
  'session.code': '492817',
  // Discussion and moderation
  reason: 'Beleidigung einer anderen Leserin',
  'bans.reason': 'Wiederholte Beleidigungen in der Diskussion zum Stadtfest',
  'trusted.reason': 'Schreibt seit Jahren sachlich über den Haushalt',
  'filters.reason': 'Werbung für Glücksspiel',
  'corrections.reason': 'Die Zahl stimmt nicht mit dem Haushaltsentwurf überein.',
  note: 'Zahl im zweiten Absatz nach Rückfrage bei der Kämmerei korrigiert.',
  'supporters.note': 'Hat beim Stadtfest am Stand der Redaktion unterschrieben.',
  pattern: 'gratis casino',
  value: 'stoerer@example.org',
  ground: 'Beleidigung (§ 185 StGB)',
  explanation: 'Der Kommentar bezeichnet eine Stadträtin als Lügnerin.',
  category: 'insult',
  key: 'k3Jd9sLq2XwP0aZr',
  // Funding
  iban: 'DE89 3704 0044 0532 0130 00',
  bic: 'COBADEFFXXX',
  street: 'Marktplatz 1',
  postcode: '04229',
  city: 'Lindenau',
  reference: 'LB-2026-00042',
  payer: 'Erika Mustermann',
  fileName: 'lastschriften-2026-12-01.xml',
  purpose: 'Förderbeitrag Lindenauer Blatt',
  recipient: 'Lindenauer Blatt gGmbH',
  interval: 'monthly',
  // Settings and design
  tagline: 'Unabhängiger Journalismus für Lindenau',
  publisher: 'Lindenauer Blatt gGmbH',
  legalForm: 'gemeinnützige GmbH',
  register: 'Amtsgericht Lindenau, HRB 12345',
  vatId: 'DE123456789',
  address: 'Marktplatz 1, 04229 Lindenau',
  phone: '+49 341 123456',
  responsibleEditor: 'Miriam Albrecht',
  responsibleEditorAddress: 'Marktplatz 1, 04229 Lindenau',
  mediaOwner: 'Lindenauer Blatt gGmbH',
  privacyContact: 'datenschutz@lindenauer-blatt.example',
  hostingProvider: 'Stadtwerke Lindenau Rechenzentrum',
  editorialLine: 'Wir berichten unabhängig über Lindenau: Rathaus, Vereine, Kultur.',
  appeal: 'Unabhängiger Lokaljournalismus kostet Geld. Unterstützen Sie das Lindenauer Blatt.',
  senderName: 'Lindenauer Blatt',
  senderEmail: 'newsletter@lindenauer-blatt.example',
  followText: 'Folgen Sie dem Lindenauer Blatt',
  channel: '@lindenauer_blatt',
  botToken: '123456:demo-token-des-lindenauer-blatts',
  apiBase: 'https://social.example.org',
  websubHub: 'https://websub.example.org/',
  accent: '#1d5b8c',
  customCss: '.site-title { letter-spacing: 0.02em; }',
  logoLight: '/media/design/logo-hell.svg',
  logoDark: '/media/design/logo-dunkel.svg',
  png32: '/media/design/icon-32.png',
  png180: '/media/design/icon-180.png',
  png192: '/media/design/icon-192.png',
  png512: '/media/design/icon-512.png',
  // Integrations, webhooks, audit, sessions
  tokenHint: 'nRsE',
  token: 'bwi_2Vf8kLq0ZsN4rT1yWc6pH3mB9dXeJ5uA7gK0iO2nRsE',
  contentKey: 'bwc_9f2c4e1a7b3d8f60a5c2e9d4b1f7a3c8',
  secret: 'whsec_Lh7Qd2Vx9Kp4Zr1Mc8Ns3Bt6',
  'account.secret': 'JBSWY3DPEHPK3PXP',
  uri: 'otpauth://totp/Lindenauer%20Blatt:miriam.albrecht?secret=JBSWY3DPEHPK3PXP&issuer=Lindenauer%20Blatt',
  qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7H0z"/></svg>',
  csrfToken: 'Yk3xN8qP2rT6vW9zC1dF4gH7',
  _csrf: 'Yk3xN8qP2rT6vW9zC1dF4gH7',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
  action: 'article.publish',
  actor: 'Miriam Albrecht',
  target: `article:${ARTICLE_SLUG}`,
  target_type: 'article',
  target_id: '42',
  detail: 'Veröffentlicht',
  event: 'article.published',
  error: 'connect ECONNREFUSED 127.0.0.1:5678',
  responseExcerpt: '{"ok":true}',
  message: 'Möglicher Tippfehler',
  field: 'title',
  state: 'active',
  kind: 'article',
  type: 'paragraph',
  lang: 'de',
  language: 'de',
  month: '2026-11',
  next: 'eyJwIjoiMjAyNi0xMS0yNFQxODozMDowMC4wMDBaIiwiaSI6NDJ9',
  nextCursor: 'eyJwIjoiMjAyNi0xMS0yNFQxODozMDowMC4wMDBaIiwiaSI6NDJ9',
  recoveryCodes: 'a1b2-c3d4-e5f6',
  // Plain strings whose values the schema leaves open
  status: 'published',
  'comments.status': 'published',
  'comment.status': 'published',
  'results.status': 'published',
  'approve.status': 'published',
  'reject.status': 'rejected',
  'spam.status': 'spam',
  'corrections.status': 'pending',
  'deliveries.status': 'delivered',
  'mandates.status': 'active',
  createdBy: 'Miriam Albrecht',
  created_by: 'Miriam Albrecht',
  liftedBy: 'Miriam Albrecht',
  decidedBy: 'Miriam Albrecht',
  'comment.author': 'Peter Lindner',
  'article.authors': 'Miriam Albrecht',
  'article.tags': 'Stadtrat',
  events: 'article.published',
  topics: 'Stadtrat',
  muted: 'k3Jd9sLq2XwP0aZr',
  corsOrigins: 'https://app.lindenauer-blatt.example',
  suggestions: 'Mehrheit',
  fonts: 'serif',
  'sessions.id': 's_8fK2pQ9xLm3vR7tZ',
  'site.title': 'Lindenauer Blatt',
  'providers.label': 'PayPal',
  'telegram.apiBase': 'https://api.telegram.org',
  'design.fonts': 'classic',
  'pause.status': 'paused',
  'resume.status': 'active',
  'end.status': 'ended',
  'amount.status': 'active',
  'findings.word': 'Merheit',
  'findings.code': 'GERMAN_SPELLER_RULE',
  'approve.reason': 'Sachlich, kein Verstoß gegen die Diskussionsregeln',
  'bulk.reason': 'Nach Prüfung freigegeben',
  'apply.reason': 'Nach Rückfrage bei der Kämmerei bestätigt',
  'dismiss.reason': 'Die Zahl im Artikel stimmt: siehe Haushaltsentwurf, Seite 12',
  'lift.reason': 'Hat sich per E-Mail entschuldigt; Sperre vorzeitig aufgehoben',
  'errors.reason': 'Keine gültige E-Mail-Adresse',
  'report.note': 'Werbung für ein Online-Casino',
  'corrections.note': 'Laut Haushaltsentwurf sind es 18,4 Millionen Euro.',
  'corrections.name': 'Peter Lindner',
  'corrections.email': 'peter.lindner@example.org',
  'notifier.email': 'peter.lindner@example.org',
  'moderation-log.entries.action': 'comment.reject',
  'log.entries.action': 'comment.reject',
  'log.entries.target': 'comment:1207',
  'log.entries.detail': 'Abgelehnt',
  'correction-log.entries.action': 'suggestion.apply',
  'correction-log.entries.detail': 'Korrektur übernommen',
  'correction-log.entries.reason': 'Nach Rückfrage bei der Kämmerei bestätigt',
};

/** Dates by field name, so that an answer's times follow one another. */
const DATES: Record<string, string> = {
  updatedAt: '2026-11-25T09:12:00.000Z', updated_at: '2026-11-25T09:12:00.000Z', savedAt: '2026-11-25T09:10:00.000Z',
  lastSeen: '2026-12-01T07:45:00.000Z', lastSeenAt: '2026-12-01T07:45:00.000Z', lastUsedAt: '2026-12-01T06:00:00.000Z',
  lastPayment: '2026-12-01T00:00:00.000Z', deadlineAt: '2026-11-25T18:30:00.000Z', expiresAt: '2026-12-24T18:30:00.000Z',
  exportedAt: '2026-12-01T08:00:00.000Z', collectOn: '2026-12-05', bookedOn: '2026-12-02', from: '2026-11-18', to: '2026-11-24',
};

/** Fields that stay empty until something happens (a revocation, a decision): null where the schema allows. */
const NOT_YET = /^(revokedAt|liftedAt|liftedBy|decidedAt|decidedBy|deletedAt|error|scheduledAt|scheduled_at|revisedAt|editedAt)$/;

/** …unless the route is the very thing that fills them. */
const DONE_BY: Record<string, RegExp> = { lift: /^lifted/, decide: /^decided/, revisions: /^revised/ };

/** Open lists and objects in a schema, shown in the shape the routes give them. */
const OPEN: Record<string, unknown> = {
  links: [{ label: 'Mastodon', url: 'https://social.example.org/@miriam' }],
  books: [{ title: 'Kassensturz. Eine kleine Geschichte der städtischen Finanzen', url: 'https://example.org/buecher/kassensturz', year: 2024 }],
};

/** Numbers by field name; anything else is a small count. */
const NUMBERS: Record<string, number> = {
  ids: 1207, supporters: 86, monthlyCents: 129000, new: 5, lost: 1, statements: 1, lines: 24, booked: 20, returned: 1,
  transfers: 2, unmatched: 1, issued: 74, withoutAddress: 3, amounts: 10,
  'findings.offset': 42, 'statements.added': 24,
  id: 42, articleId: 42, article_id: 42, authorId: 7, authorIds: 7, tagId: 3, tagIds: 3, mainTagId: 3, revision: 5,
  year: 2024, width: 1600, height: 900, featuredMediaId: 18, avatarMediaId: 19, commentId: 1207, parentId: 1198,
  userId: 5, user_id: 5, actor_user_id: 5, supporterId: 11, mandateId: 11, subscriberId: 230, statementId: 4,
  translationId: 43, suggestion_id: 9, readingMinutes: 4, wordCount: 860, limit: 15, total: 128, count: 12,
  amount: 1500, size: 284512, bytes: 284512, attempts: 1, attempt: 1, responseCode: 200, depth: 0, likes: 14,
  views: 3120, days: 7, editMinutes: 15, closeAfterDays: 30, depthCap: 3, maxLinks: 3, threadsPerPage: 20,
  noticeDeadlineHours: 24, ratePerSecond: 10, spamScore: 0, articleCount: 12, offset: 58, length: 7, row: 2,
  block: 1, comments: 9, queued: 1840, sent: 1836, failed: 1, skipped: 3, imported: 212, added: 212, existing: 18,
  contrast: 4.8,
  'authors.id': 7, 'author.id': 7, 'tags.id': 3, 'tag.id': 3, 'comments.id': 1207, 'comment.id': 1207,
  'people.id': 5, 'user.id': 5, 'media.id': 18, 'supporters.id': 11, 'supporter.id': 11, 'mandates.id': 11,
  'integrations.id': 2, 'integration.id': 2, 'webhooks.id': 1, 'filters.id': 4, 'filter.id': 4, 'bans.id': 6, 'ban.id': 6,
};

const DATE_TIME = /(At|_at|Since|Until|^at|^since|^until|^lastSeen|^lastPayment)$/;
const DAY = /(On|^day|^date)$/;

/** A field whose description names its values (`exported`, `uploaded` or `undone`) shows the first. */
function hinted(schema: SchemaLike & { description?: string }, ctx: Context): string | undefined {
  if (!/^(status|state|kind|type|interval|category|format)$/.test(ctx.name)) return undefined;
  return /^`([^`\s]+)`/.exec(schema.description?.trim() ?? '')?.[1] ?? /`([a-z_.:-]+)`/.exec(schema.description ?? '')?.[1];
}

interface Context {
  /** The route's last meaningful segment, e.g. `integrations`. */
  route: string;
  parent: string;
  name: string;
  index: number;
}

const wordsFor = (ctx: Context): string | undefined =>
  WORDS[`${ctx.route}.${ctx.parent}.${ctx.name}`] ?? WORDS[`${ctx.route}.${ctx.name}`] ?? WORDS[`${ctx.parent}.${ctx.name}`] ?? WORDS[ctx.name];

const nonNull = (types: string | string[] | undefined) => [types ?? []].flat().find((t) => t !== 'null') ?? [types ?? []].flat()[0];

function stringFor(schema: SchemaLike, ctx: Context): string {
  let value: string;
  if (schema.format === 'date-time') value = DATES[ctx.name] ?? WHEN;
  else if (schema.format === 'date') value = (DATES[ctx.name] ?? WHEN).slice(0, 10);
  else if (schema.format === 'uuid') value = '3f2b9c1e-7a4d-4e8b-9c6f-1d2e3f4a5b6c';
  else if (schema.format === 'email') value = wordsFor({ ...ctx, name: 'email' })!;
  else if (schema.format === 'uri' || /url$/i.test(ctx.name) || ctx.name === 'url') value = urlFor(ctx);
  else value = hinted(schema, ctx) ?? wordsFor(ctx) ?? (DATES[ctx.name] ?? (DAY.test(ctx.name) ? WHEN.slice(0, 10) : DATE_TIME.test(ctx.name) ? WHEN : 'Stadtfest Lindenau'));
  if (schema.maxLength !== undefined && value.length > schema.maxLength) value = value.slice(0, schema.maxLength);
  if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) {
    const fallback = ['Kämmerin', 'k3Jd9sLq2XwP0aZr', '42', 'stadtrat'].find((candidate) => new RegExp(schema.pattern!, 'u').test(candidate));
    if (fallback) value = fallback;
  }
  if (ctx.index > 0 && !schema.format) value = `${value} ${ctx.index + 1}`.slice(0, schema.maxLength ?? Infinity);
  return value;
}

function urlFor(ctx: Context): string {
  if (ctx.parent === 'featureImage' || ctx.parent === 'media') return `${SITE}/media/2026/11/ratssaal.jpg`;
  if (ctx.route === 'webhooks') return 'https://automation.example.org/webhook/blattwerk';
  if (['tags', 'tag'].includes(ctx.parent)) return `${SITE}/tag/stadtrat/`;
  if (['authors', 'author'].includes(ctx.parent)) return `${SITE}/author/miriam-albrecht/`;
  if (ctx.parent === 'books') return 'https://example.org/buecher/kassensturz';
  if (ctx.parent === 'social' || ctx.parent === 'links') return 'https://social.example.org/@lindenauer_blatt';
  if (ctx.parent === 'providers') return 'https://www.paypal.com/donate/?hosted_button_id=LINDENAU';
  if (ctx.parent === 'navigation') return `${SITE}/tag/stadtrat/`;
  if (ctx.parent === 'settings') return SITE;
  return `${SITE}/${ARTICLE_SLUG}/`;
}

function numberFor(schema: SchemaLike, ctx: Context): number {
  let value = NUMBERS[`${ctx.parent}.${ctx.name}`] ?? NUMBERS[ctx.name] ?? (/Cents$/.test(ctx.name) ? 1500 : /Id$/.test(ctx.name) ? 42 : 3);
  if (schema.type === 'integer' || [schema.type].flat().includes('integer')) value = Math.round(value);
  if (ctx.index > 0 && /(^id|Id|ids)$/.test(ctx.name)) value += ctx.index;
  if (schema.minimum !== undefined && value < schema.minimum) value = schema.minimum;
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) value = schema.exclusiveMinimum + 1;
  if (schema.maximum !== undefined && value > schema.maximum) value = schema.maximum;
  return value;
}

/** An example value for `schema`, by its own examples if it has some, else built from its parts. */
export function exampleOf(schema: SchemaLike, ctx: Context = { route: '', parent: '', name: '', index: 0 }): unknown {
  if (schema.examples?.length) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.const !== undefined) return schema.const;
  if (NOT_YET.test(ctx.name) && [schema.type].flat().includes('null') && !DONE_BY[ctx.route]?.test(ctx.name)) return null;
  if (schema.enum?.length) {
    const options = schema.enum.filter((option) => option !== null);
    const wanted = wordsFor(ctx);
    return options.includes(wanted) ? wanted : (options[ctx.index % options.length] ?? schema.enum[0]);
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) return exampleOf(branches.find((branch) => nonNull(branch.type) !== 'null') ?? branches[0]!, ctx);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((part) => exampleOf(part, ctx)));
  const type = nonNull(schema.type) ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
  switch (type) {
    case 'object': {
      if (!schema.properties && schema.additionalProperties !== false && (ctx.name === 'autosave' || ctx.name === 'data') && ctx.route === 'autosave') {
        return { title: WORDS.title, body: BODY.slice(0, 2) };
      }
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        out[name] = exampleOf(property, { route: ctx.route, parent: ctx.name, name, index: 0 });
      }
      return out;
    }
    case 'array': {
      const length = Math.min(Math.max(schema.minItems ?? 1, 1), schema.maxItems ?? Infinity);
      const items = schema.items ?? {};
      // An article's body: its blocks are an open list in the schema; a paragraph and a heading show the shape.
      if ((ctx.name === 'body' || ctx.name === 'blocks') && !items.anyOf && !items.oneOf && !Object.keys(items.properties ?? {}).some((name) => name !== 'type')) {
        return BODY.slice(0, Math.max(1, Math.min(BODY.length, schema.maxItems ?? BODY.length)));
      }
      if (OPEN[ctx.name] && !Object.keys(items.properties ?? {}).length) return OPEN[ctx.name];
      // A list of open objects the schema says nothing about: an empty list, not an invented shape.
      if (nonNull(items.type) === 'object' && !items.properties && !schema.minItems) return [];
      return Array.from({ length }, (_, index) => exampleOf(items, { ...ctx, index }));
    }
    case 'integer':
    case 'number':
      return numberFor(schema, ctx);
    case 'boolean':
      return !/^(muted|suspended|revoked|deleted|removed|spam|held|pending|pendingEdit|reported|overdue|allowPrivateWebhookTargets)$/.test(ctx.name);
    case 'null':
      return null;
    case 'string':
      return stringFor(schema, ctx);
    default:
      return {};
  }
}

const BODY = [
  { type: 'paragraph', text: 'Es war kurz vor Mitternacht, als Oberbürgermeisterin Sabine Hollerbach die Sitzung schloss.' },
  { type: 'heading', level: 2, text: 'Streit um die Grundsteuer' },
  { type: 'paragraph', text: 'Die Kämmerin rechnet mit einem Defizit von 18,4 Millionen Euro.' },
];

/** Whole answers in formats other than JSON, by media type. */
const TEXT_ANSWERS: Record<string, string> = {
  'application/xml': '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"><CstmrDrctDbtInitn><GrpHdr><MsgId>LB-2026-12-01</MsgId><NbOfTxs>1</NbOfTxs><CtrlSum>15.00</CtrlSum></GrpHdr></CstmrDrctDbtInitn></Document>\n',
  'text/csv': 'email,name,topics,confirmed_at\nerika.mustermann@example.org,Erika Mustermann,Stadtrat,2026-11-24T18:30:00.000Z\n',
  'text/event-stream': 'event: comment\ndata: {"id":42}\n\n',
};

interface Media { schema?: SchemaLike; example?: unknown; examples?: unknown }
interface Operation { requestBody?: { content?: Record<string, Media> }; responses?: Record<string, { content?: Record<string, Media> }> }

const routeName = (path: string) =>
  path.split('/').filter((part) => part && !part.startsWith('{') && !/^(api|v1|admin|content)$/.test(part)).at(-1)?.replace(/\.(csv|xml)$/, '') ?? '';

function fill(media: Media, type: string, route: string): void {
  if (media.example !== undefined || media.examples !== undefined || !media.schema) return;
  if (media.schema.examples?.length) return;
  media.example = TEXT_ANSWERS[type] ?? exampleOf(media.schema, { route, parent: '', name: route, index: 0 });
}

/** Gives every success answer and request body in `document` an example where it has none. */
export function addExamples(openapiObject: object): void {
  const document = openapiObject as { paths?: Record<string, Record<string, Operation>>; webhooks?: Record<string, Record<string, Operation>> };
  for (const [path, operations] of [...Object.entries(document.paths ?? {}), ...Object.entries(document.webhooks ?? {})]) {
    const route = routeName(path);
    for (const operation of Object.values(operations)) {
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) fill(media, type, route);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!status.startsWith('2')) continue;
        for (const [type, media] of Object.entries(response.content ?? {})) fill(media, type, route);
      }
    }
  }
}
