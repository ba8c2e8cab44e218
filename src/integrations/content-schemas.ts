/**
 * The Content API's one schema per input and per answer (issue 17): Fastify validates the
 * query with them, serialises with them, and the OpenAPI document shows them. Unknown query
 * parameters are refused (400 naming the parameter), never ignored.
 *
 * @example
 *   app.get('/api/v1/content/articles', { schema: listSchema('articles') }, handler);
 */
import { errorResponses } from '../platform/openapi.js';

/** No key needed; a content key may be given. */
const OPEN: Record<string, string[]>[] = [{}, { contentKey: [] }];

export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 15;

/** Every field an article or page can carry; `html` and `blocks` only when one is asked for. */
export const ITEM_FIELDS = [
  'id', 'slug', 'url', 'title', 'subtitle', 'excerpt', 'language', 'publishedAt', 'updatedAt', 'revisedAt',
  'readingMinutes', 'wordCount', 'commentsOpen', 'featureImage', 'authors', 'tags',
] as const;
export const SINGLE_FIELDS = [...ITEM_FIELDS, 'html', 'blocks'] as const;
export type ItemField = (typeof SINGLE_FIELDS)[number];

const key = { type: 'string', maxLength: 100, description: 'Content key (optional): higher rate limits and CORS for its origins.' } as const;
const fields = { type: 'string', maxLength: 400, description: 'Comma-separated fields to return, e.g. `id,title,url`.' } as const;

const taxonomyRef = {
  type: 'object',
  required: ['id', 'slug', 'name', 'url'],
  additionalProperties: false,
  properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' }, url: { type: 'string', format: 'uri' } },
} as const;

const image = {
  type: ['object', 'null'],
  required: ['url', 'alt', 'caption', 'credit', 'width', 'height'],
  additionalProperties: false,
  properties: {
    url: { type: 'string' }, alt: { type: 'string' }, caption: { type: 'string' }, credit: { type: 'string' },
    licence: { type: 'string' }, width: { type: 'integer' }, height: { type: 'integer' },
  },
} as const;

export const itemSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'A published article or page. With `fields`, only the fields asked for are present.',
  properties: {
    id: { type: 'integer' },
    slug: { type: 'string' },
    url: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    subtitle: { type: 'string' },
    excerpt: { type: 'string' },
    language: { type: 'string', enum: ['de', 'en'] },
    publishedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    revisedAt: { type: ['string', 'null'], format: 'date-time' },
    readingMinutes: { type: 'integer' },
    wordCount: { type: 'integer' },
    commentsOpen: { type: 'boolean' },
    featureImage: image,
    authors: { type: 'array', items: taxonomyRef },
    tags: { type: 'array', items: taxonomyRef },
    html: { type: 'string', description: 'The body rendered as on the site (sanitised HTML).' },
    blocks: { type: 'array', description: 'The structured body: paragraph, heading, list, quote, image, embed, table, …', items: { type: 'object', additionalProperties: true, required: ['type'], properties: { type: { type: 'string' } } } },
  },
} as const;

// Examples for the document: the demo site's budget debate (validated against these schemas in openapi.test.ts).
const SITE = 'https://lindenauer-blatt.example';
const exampleArticle = {
  id: 42,
  slug: 'haushaltsdebatte-im-stadtrat',
  url: `${SITE}/2026/11/haushaltsdebatte-im-stadtrat/`,
  title: 'Haushaltsdebatte im Stadtrat: Lindenau ringt um Schulden, Schulen und die Straßenbahn',
  subtitle: 'Fast sieben Stunden hat der Stadtrat über den Haushaltsentwurf der Kämmerin beraten. Einig sind sich die Fraktionen nur in einem Punkt: Das Geld reicht nicht für alles.',
  excerpt: 'Defizit von 18,4 Millionen Euro, Rekordinvestitionen und Streit um die Grundsteuer: So verlief die erste Lesung des Lindenauer Haushalts im Stadtrat.',
  language: 'de',
  publishedAt: '2026-11-24T18:30:00.000Z',
  updatedAt: '2026-11-25T09:12:00.000Z',
  revisedAt: null,
  readingMinutes: 6,
  wordCount: 1240,
  commentsOpen: true,
  featureImage: {
    url: `${SITE}/media/2026/11/ratssaal.jpg`, alt: 'Stadträtinnen und Stadträte an ihren Plätzen im vollen Ratssaal',
    caption: 'Der Ratssaal während der Haushaltsdebatte am Donnerstagabend.', credit: 'Foto: Jonas Feldmann', licence: 'CC BY 4.0', width: 1600, height: 900,
  },
  authors: [{ id: 7, slug: 'miriam-albrecht', name: 'Miriam Albrecht', url: `${SITE}/autor/miriam-albrecht/` }],
  tags: [
    { id: 3, slug: 'haushalt', name: 'Haushalt', url: `${SITE}/tag/haushalt/` },
    { id: 4, slug: 'stadtrat', name: 'Stadtrat', url: `${SITE}/tag/stadtrat/` },
  ],
};
const exampleBody = {
  html: '<p>Es war kurz vor Mitternacht, als Oberbürgermeisterin Sabine Hollerbach die Sitzung schloss.</p>\n<h2>Streit um die Grundsteuer</h2>\n<p>Die Kämmerin rechnet mit einem Defizit von 18,4 Millionen Euro.</p>',
  blocks: [
    { type: 'paragraph', text: 'Es war kurz vor Mitternacht, als Oberbürgermeisterin Sabine Hollerbach die Sitzung schloss.' },
    { type: 'heading', level: 2, text: 'Streit um die Grundsteuer' },
    { type: 'paragraph', text: 'Die Kämmerin rechnet mit einem Defizit von 18,4 Millionen Euro.' },
  ],
};
const examplePage = {
  id: 12, slug: 'ueber-uns', url: `${SITE}/ueber-uns/`, title: 'Über uns',
  subtitle: 'Wer das Lindenauer Blatt macht und wie wir arbeiten', excerpt: 'Unabhängiger Lokaljournalismus für Lindenau, getragen von seinen Leserinnen und Lesern.',
  language: 'de', publishedAt: '2026-01-15T10:00:00.000Z', updatedAt: '2026-09-02T14:20:00.000Z', revisedAt: null,
  readingMinutes: 2, wordCount: 410, commentsOpen: false, featureImage: null, authors: [], tags: [],
};
const EXAMPLES = {
  articles: { articles: [exampleArticle], meta: { limit: 15, next: 'eyJwIjoiMjAyNi0xMS0yNFQxODozMDowMC4wMDBaIiwiaSI6NDJ9' } },
  pages: { pages: [examplePage], meta: { limit: 15, next: null } },
  article: { article: { ...exampleArticle, ...exampleBody } },
  page: { page: { ...examplePage, html: '<p>Das Lindenauer Blatt berichtet seit 2019 über Rathaus, Vereine und Kultur.</p>', blocks: [{ type: 'paragraph', text: 'Das Lindenauer Blatt berichtet seit 2019 über Rathaus, Vereine und Kultur.' }] } },
} as const;

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    tag: { type: 'string', maxLength: 200, description: 'Only with this tag (slug).' },
    author: { type: 'string', maxLength: 200, description: 'Only by this author (slug).' },
    language: { type: 'string', enum: ['de', 'en'] },
    updated_since: { type: 'string', format: 'date-time', description: 'Only changed at or after this time (ISO 8601).' },
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'Full-text search.' },
    order: { type: 'string', enum: ['date', 'relevance'], description: '`relevance` needs `q`; default: relevance with `q`, else date.' },
    limit: { type: 'string', pattern: '^[0-9]{1,4}$', description: `Items per page, 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT}).` },
    cursor: { type: 'string', maxLength: 300, description: 'The `meta.next` of the previous page.' },
    fields,
    key,
  },
} as const;

export const listSchema = (name: 'articles' | 'pages', summary: string) => ({
  tags: ['content'],
  summary,
  security: OPEN,
  querystring: listQuery,
  response: {
    200: {
      type: 'object',
      required: [name, 'meta'],
      additionalProperties: false,
      properties: {
        [name]: { type: 'array', items: itemSchema },
        meta: {
          type: 'object',
          required: ['limit', 'next'],
          additionalProperties: false,
          properties: { limit: { type: 'integer' }, next: { type: ['string', 'null'], description: 'Cursor of the next page; null on the last.' } },
        },
      },
      examples: [EXAMPLES[name]],
    },
    304: { type: 'null', description: 'Not modified (If-None-Match).' },
    ...errorResponses(400, 401, 429),
  },
});

export const singleSchema = (name: 'article' | 'page', summary: string) => ({
  tags: ['content'],
  summary,
  security: OPEN,
  params: { type: 'object', required: ['idOrSlug'], properties: { idOrSlug: { type: 'string', maxLength: 200 } } },
  querystring: { type: 'object', additionalProperties: false, properties: { fields, key } },
  response: {
    200: { type: 'object', required: [name], additionalProperties: false, properties: { [name]: itemSchema }, examples: [EXAMPLES[name]] },
    304: { type: 'null', description: 'Not modified (If-None-Match).' },
    ...errorResponses(400, 401, 404, 429),
  },
});

const simpleQuery = { type: 'object', additionalProperties: false, properties: { key } } as const;

export const tagsSchema = {
  tags: ['content'],
  summary: 'Every tag',
  security: OPEN,
  querystring: simpleQuery,
  response: {
    200: {
      type: 'object', required: ['tags'], additionalProperties: false,
      properties: {
        tags: {
          type: 'array',
          items: { type: 'object', required: ['id', 'slug', 'name', 'description', 'url'], additionalProperties: false, properties: { ...taxonomyRef.properties, description: { type: 'string' } } },
        },
      },
      examples: [{
        tags: [
          { id: 3, slug: 'haushalt', name: 'Haushalt', description: 'Was die Stadt einnimmt und wofür sie es ausgibt.', url: `${SITE}/tag/haushalt/` },
          { id: 5, slug: 'stadtfest', name: 'Stadtfest', description: 'Drei Tage Musik, Markt und Vereine in der Altstadt.', url: `${SITE}/tag/stadtfest/` },
        ],
      }],
    },
    304: { type: 'null', description: 'Not modified (If-None-Match).' },
    ...errorResponses(400, 401, 429),
  },
} as const;

export const authorsSchema = {
  tags: ['content'],
  summary: 'Every author profile (public fields: no account, no e-mail)',
  security: OPEN,
  querystring: simpleQuery,
  response: {
    200: {
      type: 'object', required: ['authors'], additionalProperties: false,
      properties: {
        authors: {
          type: 'array',
          items: {
            type: 'object', required: ['id', 'slug', 'name', 'url', 'bio', 'links', 'books', 'avatar'], additionalProperties: false,
            properties: {
              ...taxonomyRef.properties,
              bio: { type: 'object', additionalProperties: false, properties: { de: { type: 'string' }, en: { type: 'string' } } },
              links: { type: 'array', items: { type: 'object', required: ['label', 'url'], additionalProperties: false, properties: { label: { type: 'string' }, url: { type: 'string' } } } },
              books: { type: 'array', items: { type: 'object', required: ['title', 'url'], additionalProperties: false, properties: { title: { type: 'string' }, url: { type: 'string' }, year: { type: 'integer' } } } },
              avatar: { type: ['string', 'null'], description: 'Image address below the site.' },
            },
          },
        },
      },
      examples: [{
        authors: [{
          id: 7, slug: 'miriam-albrecht', name: 'Miriam Albrecht', url: `${SITE}/autor/miriam-albrecht/`,
          bio: { de: 'Miriam Albrecht berichtet seit zwölf Jahren aus dem Lindenauer Rathaus.', en: 'Miriam Albrecht has covered Lindenau’s town hall for twelve years.' },
          links: [{ label: 'Mastodon', url: 'https://social.example.org/@miriam' }],
          books: [{ title: 'Kassensturz. Eine kleine Geschichte der städtischen Finanzen', url: 'https://example.org/buecher/kassensturz', year: 2024 }],
          avatar: '/media/2026/01/miriam-albrecht.jpg',
        }],
      }],
    },
    304: { type: 'null', description: 'Not modified (If-None-Match).' },
    ...errorResponses(400, 401, 429),
  },
} as const;

export const settingsSchema = {
  tags: ['content'],
  summary: 'The site’s public settings',
  security: OPEN,
  querystring: simpleQuery,
  response: {
    200: {
      type: 'object', required: ['settings'], additionalProperties: false,
      properties: {
        settings: {
          type: 'object', required: ['title', 'tagline', 'description', 'language', 'url', 'navigation', 'social'], additionalProperties: false,
          properties: {
            title: { type: 'string' }, tagline: { type: 'string' }, description: { type: 'string' }, language: { type: 'string', enum: ['de', 'en'] },
            url: { type: 'string', format: 'uri' },
            navigation: { type: 'array', items: { type: 'object', required: ['label', 'url'], additionalProperties: false, properties: { label: { type: 'string' }, url: { type: 'string' } } } },
            social: { type: 'array', items: { type: 'object', required: ['label', 'url'], additionalProperties: false, properties: { label: { type: 'string' }, url: { type: 'string' } } } },
          },
        },
      },
      examples: [{
        settings: {
          title: 'Lindenauer Blatt', tagline: 'Unabhängiger Journalismus für Lindenau', description: 'Nachrichten aus Rathaus, Vereinen und Kultur in Lindenau.',
          language: 'de', url: SITE,
          navigation: [{ label: 'Stadtrat', url: '/tag/stadtrat/' }, { label: 'Stadtfest', url: '/tag/stadtfest/' }],
          social: [{ label: 'Mastodon', url: 'https://social.example.org/@lindenauer_blatt' }],
        },
      }],
    },
    304: { type: 'null', description: 'Not modified (If-None-Match).' },
    ...errorResponses(400, 401, 429),
  },
} as const;
