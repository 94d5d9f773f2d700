/**
 * JSON Schemas of the HTTP API: Fastify validates requests with them, and the OpenAPI document
 * (/openapi.json) is built from the same objects, so the two cannot drift apart.
 */

export const ArticleBody = {
  type: 'object',
  description: 'An article to analyse: exactly one of html or text. url is metadata only: the server never fetches it.',
  properties: {
    html: { type: 'string', minLength: 1 },
    text: { type: 'string', minLength: 1 },
    url: { type: 'string', maxLength: 4096 },
    lang: { type: 'string', enum: ['auto', 'fr', 'en'] },
    title: { type: 'string', maxLength: 2000 },
    date: { type: 'string', maxLength: 64 },
    site: { type: 'string', maxLength: 500 },
    authors: { type: 'array', items: { type: 'string', maxLength: 500 }, maxItems: 100 },
  },
  additionalProperties: false,
} as const;

/** The body of POST /analyze and POST /articles: a JSON object, or the raw HTML or text. */
export const AnalyzeBodySchema = {
  anyOf: [{ type: 'string', minLength: 1 }, ArticleBody],
} as const;

export const AnalyzeQuerySchema = {
  type: 'object',
  properties: {
    url: { type: 'string', maxLength: 4096, description: 'Article URL (metadata only, never fetched)' },
    lang: { type: 'string', enum: ['auto', 'fr', 'en'], default: 'auto' },
  },
  additionalProperties: false,
} as const;

export const IdParamsSchema = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1, maximum: 9007199254740991 } },
  required: ['id'],
  additionalProperties: false,
} as const;

const isoDate = { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' } as const;

export const SearchQuerySchema = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 1000, default: '' },
    kind: { type: 'string', enum: ['article', 'quote', 'entity', 'claim'], default: 'article' },
    speaker: { type: 'string', maxLength: 200 },
    lang: { type: 'string', enum: ['fr', 'en', 'other'] },
    site: { type: 'string', maxLength: 500 },
    from: isoDate,
    to: isoDate,
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 20 },
    offset: { type: 'integer', minimum: 0, maximum: 100000, default: 0 },
  },
  additionalProperties: false,
} as const;

export const ListQuerySchema = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
  additionalProperties: false,
} as const;

export const ErrorSchema = {
  type: 'object',
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
  required: ['statusCode', 'error', 'message'],
} as const;

export const SearchHitSchema = {
  type: 'object',
  description: 'One hit; text is exactly the article\'s Document.text.slice(start, end).',
  properties: {
    article_id: { type: 'integer' },
    kind: { type: 'string', enum: ['article', 'quote', 'entity', 'claim'] },
    text: { type: 'string' },
    start: { type: 'integer' },
    end: { type: 'integer' },
    score: { type: 'number' },
    title: { type: ['string', 'null'] },
    url: { type: ['string', 'null'] },
    date: { type: ['string', 'null'] },
    site: { type: ['string', 'null'] },
    lang: { type: 'string' },
    speaker: { type: ['string', 'null'] },
    speaker_entity_id: { type: ['integer', 'null'] },
    cue: { type: ['string', 'null'] },
    entity_id: { type: 'integer' },
    entity_name: { type: 'string' },
    entity_type: { type: 'string' },
    stance: { type: 'string' },
    claimant: { type: ['string', 'null'] },
    target: { type: ['string', 'null'] },
  },
  required: ['article_id', 'kind', 'text', 'start', 'end'],
} as const;

const span = { type: 'object', properties: { start: { type: 'integer' }, end: { type: 'integer' } } } as const;

export const DocumentSchema = {
  type: 'object',
  description: 'The vigie Document (src/document.ts): every layer points at UTF-16 offsets of text.',
  properties: {
    version: { type: 'integer', const: 1 },
    text: { type: 'string' },
    meta: { type: 'object' },
    paragraphs: { type: 'array', items: span },
    boilerplate: { type: 'array', items: { type: 'object' } },
    sentences: { type: 'array', items: { type: 'object' } },
    entities: { type: 'array', items: { type: 'object' } },
    quotes: { type: 'array', items: { type: 'object' } },
    claims: { type: 'array', items: { type: 'object' } },
    flags: { type: 'array', items: { type: 'object' } },
    stages: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, model: { type: 'string' } } } },
  },
  required: ['version', 'text', 'meta', 'paragraphs', 'boilerplate', 'stages'],
} as const;

export const ArticleSummarySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    hash: { type: 'string' },
    source: { type: ['string', 'null'] },
    url: { type: ['string', 'null'] },
    title: { type: ['string', 'null'] },
    lang: { type: 'string' },
    date: { type: ['string', 'null'] },
    site: { type: ['string', 'null'] },
    authors: { type: 'array', items: { type: 'string' } },
    wordCount: { type: 'integer' },
    createdAt: { type: 'string' },
    models: { type: 'array', items: { type: 'object' } },
  },
} as const;

export const StoredArticleSchema = {
  type: 'object',
  properties: { ...ArticleSummarySchema.properties, document: DocumentSchema },
} as const;

export const EntitySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    type: { type: 'string' },
    name: { type: 'string' },
    articleCount: { type: 'integer' },
    mentionCount: { type: 'integer' },
    mentions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          article_id: { type: 'integer' },
          title: { type: ['string', 'null'] },
          start: { type: 'integer' },
          end: { type: 'integer' },
          text: { type: 'string' },
          type: { type: 'string' },
        },
      },
    },
  },
} as const;

export const PutResultSchema = {
  type: 'object',
  properties: { id: { type: 'integer' }, created: { type: 'boolean' }, hash: { type: 'string' } },
  required: ['id', 'created', 'hash'],
} as const;

export const HealthSchema = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    version: { type: 'string' },
    store: { type: ['string', 'null'] },
    articles: { type: ['integer', 'null'] },
    workers: { type: 'integer' },
    pending: { type: 'integer' },
  },
} as const;
