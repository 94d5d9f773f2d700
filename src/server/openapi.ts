import * as S from './schemas.js';

/** Turns a querystring/params JSON Schema into OpenAPI parameter objects. */
function params(schema: { properties: Record<string, object>; required?: readonly string[] }, where: 'query' | 'path') {
  return Object.entries(schema.properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (schema.required ?? []).includes(name),
    schema: s,
    ...('description' in s ? { description: (s as { description: string }).description } : {}),
  }));
}

const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

const articleRequestBody = {
  required: true,
  content: {
    'application/json': { schema: S.ArticleBody },
    'text/html': { schema: { type: 'string' } },
    'text/plain': { schema: { type: 'string' } },
  },
};

const common = {
  '400': err('Invalid request (bad JSON, invalid UTF-8, schema violation)'),
  '413': err('Body larger than the limit'),
  '415': err('Unsupported content type or charset'),
  '503': err('Saturated (all workers busy and queue full) or analysis time-out; retry after Retry-After seconds'),
};

/** The OpenAPI 3.1 description of the API, served at /openapi.json. */
export function openApiDocument(version: string): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'vigie',
      version,
      description:
        'Offline news-article reader for French and English: clean text, UD annotation, entities, quotes, claims, language flags, and a searchable corpus. ' +
        'The server never fetches a URL given in a request. Writes need "Authorization: Bearer <token>".',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: S.ErrorSchema,
        Document: S.DocumentSchema,
        ArticleBody: S.ArticleBody,
        SearchHit: S.SearchHitSchema,
        ArticleSummary: S.ArticleSummarySchema,
        StoredArticle: S.StoredArticleSchema,
        Entity: S.EntitySchema,
        PutResult: S.PutResultSchema,
        Health: S.HealthSchema,
      },
    },
    paths: {
      '/analyze': {
        post: {
          summary: 'Analyse one article (HTML or text) and return its Document; nothing is stored',
          parameters: params(S.AnalyzeQuerySchema, 'query'),
          requestBody: articleRequestBody,
          responses: {
            '200': { description: 'The annotated Document', content: { 'application/json': { schema: { $ref: '#/components/schemas/Document' } } } },
            '422': err('No article text could be extracted'),
            ...common,
          },
        },
      },
      '/articles': {
        post: {
          summary: 'Analyse and store one article (idempotent: the same text gives the same id)',
          security: [{ bearer: [] }],
          parameters: params(S.AnalyzeQuerySchema, 'query'),
          requestBody: articleRequestBody,
          responses: {
            '201': { description: 'Stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/PutResult' } } } },
            '200': { description: 'Already stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/PutResult' } } } },
            '401': err('Missing or wrong bearer token'),
            '422': err('No article text could be extracted'),
            ...common,
          },
        },
        get: {
          summary: 'List stored articles, newest first',
          parameters: params(S.ListQuerySchema, 'query'),
          responses: {
            '200': {
              description: 'Articles',
              content: { 'application/json': { schema: { type: 'object', properties: { articles: { type: 'array', items: { $ref: '#/components/schemas/ArticleSummary' } } } } } },
            },
          },
        },
      },
      '/articles/{id}': {
        get: {
          summary: 'One stored article with its Document',
          parameters: params(S.IdParamsSchema, 'path'),
          responses: {
            '200': { description: 'The article', content: { 'application/json': { schema: { $ref: '#/components/schemas/StoredArticle' } } } },
            '404': err('No such article'),
          },
        },
      },
      '/search': {
        get: {
          summary: 'Search the corpus: articles (full text), quotes (speaker, cue, text), entities (mentions), claims (claimant, target)',
          parameters: params(S.SearchQuerySchema, 'query'),
          responses: {
            '200': {
              description: 'Hits',
              content: { 'application/json': { schema: { type: 'object', properties: { hits: { type: 'array', items: { $ref: '#/components/schemas/SearchHit' } } } } } },
            },
            '400': err('Invalid query parameters'),
          },
        },
      },
      '/entities/{id}': {
        get: {
          summary: 'A corpus entity with its mentions across articles',
          parameters: params(S.IdParamsSchema, 'path'),
          responses: {
            '200': { description: 'The entity', content: { 'application/json': { schema: { $ref: '#/components/schemas/Entity' } } } },
            '404': err('No such entity'),
          },
        },
      },
      '/health': {
        get: {
          summary: 'Liveness and basic figures',
          responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } } },
        },
      },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document' } } } },
    },
  };
}
