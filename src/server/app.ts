import { timingSafeEqual, createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { extname, join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { documentToJson } from '../extract/index.js';
import { PoolFullError, TaskTimeoutError, WorkerPool } from '../ingest/pool.js';
import type { AnalyzeRequest, AnalyzeResponse } from '../ingest/work.js';
import { packageRoot } from '../models.js';
import { sha256 } from '../store/records.js';
import type { CorpusStore, SearchKind } from '../store/types.js';
import { openApiDocument } from './openapi.js';
import * as S from './schemas.js';

/**
 * The HTTP API and the web page, on Fastify. Analyses run in a worker pool (never on the event
 * loop), with a bounded queue: when it is full the server answers 503 with Retry-After instead
 * of piling up work. Writes need a bearer token. The server never fetches a URL given in a
 * request: `url` is metadata.
 */
export interface ServerOptions {
  /** The corpus; without it the corpus routes answer 503. */
  store?: CorpusStore | null;
  /** A pool to share (tests); otherwise one is created with `workers` threads and closed with the server. */
  pool?: WorkerPool;
  workers?: number;
  /** Analyses waiting for a worker before 503 (default: 4 per worker). */
  maxQueue?: number;
  /** Bearer token for writes; without one, writes are refused. */
  token?: string | null;
  /** Largest request body in bytes (default 2 MiB). */
  bodyLimit?: number;
  /** Analysis time-out in ms (default 30 s). */
  analyzeTimeoutMs?: number;
  /** Requests in progress before 503 (default 512). */
  maxInflight?: number;
  /** Fastify/pino logger options: false for none, true or an object for JSON lines. */
  logger?: boolean | Record<string, unknown>;
  /** Folder of the web page (default: src/web of the package). */
  webRoot?: string;
  version?: string;
  /** Run the annotation stages on /analyze and /articles (default true; false: extraction only). */
  annotate?: boolean;
}

import { DEFAULT_BODY_LIMIT } from './limits.js';
export { DEFAULT_BODY_LIMIT };

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Decodes a request body by its declared charset; invalid UTF-8 is a 400, not a silent U+FFFD. */
export function decodeBody(buf: Buffer, contentType: string | undefined, jsonOnlyUtf8 = false): string {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  const charset = (m ? m[1] : 'utf-8').toLowerCase();
  let text: string;
  if (charset === 'utf-8' || charset === 'utf8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      throw new HttpError(400, 'body is not valid UTF-8 (declare another charset in Content-Type if it is not UTF-8)');
    }
  } else {
    if (jsonOnlyUtf8) throw new HttpError(415, `JSON bodies must be UTF-8, not ${charset}`);
    let dec: { decode(b: Uint8Array): string };
    try {
      dec = new TextDecoder(charset);
    } catch {
      throw new HttpError(415, `unsupported charset "${charset}"`);
    }
    text = dec.decode(buf);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function tokenMatches(expected: string, header: string | undefined): boolean {
  if (!header) return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) return false;
  // Compare digests so lengths never leak and timingSafeEqual gets equal-length inputs.
  const a = createHash('sha256').update(m[1]).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

type ArticleBodyJson = { html?: string; text?: string; url?: string; lang?: 'auto' | 'fr' | 'en'; title?: string; date?: string; site?: string; authors?: string[] };

/** A request body (string of a text/html or text/plain request, or a JSON object) to an analysis request. */
export function toAnalyzeRequest(
  body: unknown,
  contentType: string | undefined,
  query: { url?: string; lang?: 'auto' | 'fr' | 'en' },
): AnalyzeRequest {
  if (typeof body === 'string') {
    const html = /^\s*(text\/html|application\/xhtml\+xml)/i.test(contentType ?? '');
    return { content: body, format: html ? 'html' : 'text', url: query.url ?? null, lang: query.lang ?? 'auto', source: 'request' };
  }
  const b = (body ?? {}) as ArticleBodyJson;
  if (b.html !== undefined && b.text !== undefined) throw new HttpError(400, 'give either "html" or "text", not both');
  const content = b.html ?? b.text;
  if (content === undefined) throw new HttpError(400, 'body needs "html" or "text"');
  return {
    content,
    format: b.html !== undefined ? 'html' : 'text',
    url: b.url ?? query.url ?? null,
    lang: b.lang ?? query.lang ?? 'auto',
    source: 'request',
    meta: { title: b.title ?? null, date: b.date ?? null, siteName: b.site ?? null, authors: b.authors },
  };
}

export async function buildServer(opts: ServerOptions = {}): Promise<FastifyInstance> {
  const store = opts.store ?? null;
  const bodyLimit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const ownPool = !opts.pool;
  const pool = opts.pool ?? new WorkerPool({ size: opts.workers, taskTimeoutMs: opts.analyzeTimeoutMs ?? 30_000 });
  const maxQueue = opts.maxQueue ?? pool.size * 4;
  const maxInflight = opts.maxInflight ?? 512;
  const version = opts.version ?? '0.1.0';
  const token = opts.token ?? null;

  const app = Fastify({
    logger:
      opts.logger === undefined || opts.logger === false
        ? false
        : {
            level: 'info',
            redact: ['req.headers.authorization'],
            ...(typeof opts.logger === 'object' ? opts.logger : {}),
          },
    bodyLimit,
    connectionTimeout: 60_000,
    requestTimeout: 30_000,
    // Longer than the usual client idle time-outs (4–60 s), so the client, not the server, closes
    // idle keep-alive connections and never reuses one the server has just closed.
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false } },
  });

  // --- Body parsing: only what the API takes; everything else is a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (req, body, done) => {
    try {
      const text = decodeBody(body as Buffer, req.headers['content-type'], true);
      if (!text.trim()) throw new HttpError(400, 'empty JSON body');
      try {
        done(null, JSON.parse(text));
      } catch (err) {
        throw new HttpError(400, `invalid JSON: ${(err as Error).message}`);
      }
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser(['text/html', 'application/xhtml+xml', 'text/plain'], { parseAs: 'buffer', bodyLimit }, (req, body, done) => {
    try {
      done(null, decodeBody(body as Buffer, req.headers['content-type']));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  // --- Load shedding and headers.
  let inflight = 0;
  app.addHook('onRequest', async (req, reply) => {
    inflight++;
    reply.raw.once('close', () => inflight--);
    if (inflight > maxInflight) {
      reply.header('retry-after', '1');
      throw new HttpError(503, 'server busy: too many requests in progress; retry later');
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', CSP);
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((err: FastifyError | HttpError, req, reply) => {
    let status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    let message = err.message;
    if ('validation' in err && err.validation) {
      status = 400;
      message = `invalid request: ${err.message}`;
    } else if ((err as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      message = `unsupported content type ${JSON.stringify(req.headers['content-type'] ?? '')}: send application/json, text/html or text/plain`;
    } else if ((err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      message = `body larger than the ${bodyLimit}-byte limit`;
    } else if ((err as FastifyError).code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (err as FastifyError).code === 'FST_ERR_CTP_EMPTY_TYPE') {
      status = 400;
    }
    if (err instanceof HttpError) for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
    if (status >= 500 && status !== 503) {
      req.log.error({ err }, 'request failed');
      message = 'internal error';
    }
    if (status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '1');
    void reply.status(status).send({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });

  const needStore = (): CorpusStore => {
    if (!store) throw new HttpError(503, 'no corpus database: start the server with --db');
    return store;
  };

  const analyze = async (req: AnalyzeRequest): Promise<Extract<AnalyzeResponse, { ok: true }>> => {
    if (opts.annotate === false) req.annotate = false;
    if (pool.queued >= maxQueue) throw new HttpError(503, 'all analysis workers are busy; retry later', { 'retry-after': '1' });
    let res: AnalyzeResponse;
    try {
      res = await pool.run(req);
    } catch (err) {
      if (err instanceof PoolFullError) throw new HttpError(503, 'all analysis workers are busy; retry later', { 'retry-after': '1' });
      if (err instanceof TaskTimeoutError) throw new HttpError(503, err.message, { 'retry-after': '5' });
      throw err;
    }
    if (!res.ok) {
      if (res.error.startsWith('internal error')) throw new Error(res.error);
      throw new HttpError(422, res.error);
    }
    return res;
  };

  const requireToken = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!token || !tokenMatches(token, req.headers.authorization)) {
      reply.header('www-authenticate', 'Bearer realm="vigie"');
      throw new HttpError(401, token ? 'missing or wrong bearer token' : 'writes are disabled: start the server with --token or VIGIE_TOKEN');
    }
  };

  // --- API.
  app.post<{ Querystring: { url?: string; lang?: 'auto' | 'fr' | 'en' } }>(
    '/analyze',
    { schema: { body: S.AnalyzeBodySchema, querystring: S.AnalyzeQuerySchema } },
    async (req, reply) => {
      const r = await analyze(toAnalyzeRequest(req.body, req.headers['content-type'], req.query));
      return reply.type('application/json; charset=utf-8').send(documentToJson(r.doc, 0));
    },
  );

  app.post<{ Querystring: { url?: string; lang?: 'auto' | 'fr' | 'en' } }>(
    '/articles',
    { onRequest: requireToken, schema: { body: S.AnalyzeBodySchema, querystring: S.AnalyzeQuerySchema } },
    async (req, reply) => {
      const s = needStore();
      const ar = toAnalyzeRequest(req.body, req.headers['content-type'], req.query);
      const sourceHash = sha256(JSON.stringify([ar.format, ar.url ?? null, ar.content, ar.meta ?? null]));
      const r = await analyze(ar);
      const put = await s.putArticle({ doc: r.doc, sourceHash, source: ar.url ?? 'api' });
      return reply.status(put.created ? 201 : 200).send(put);
    },
  );

  app.get<{ Querystring: { limit: number; offset: number } }>('/articles', { schema: { querystring: S.ListQuerySchema } }, async (req) => {
    return { articles: await needStore().listArticles(req.query) };
  });

  app.get<{ Params: { id: number } }>('/articles/:id', { schema: { params: S.IdParamsSchema } }, async (req, reply) => {
    const a = await needStore().getArticle(req.params.id);
    if (!a) throw new HttpError(404, `no article ${req.params.id}`);
    const { document, ...rest } = a;
    // The Document keeps its stable key order.
    return reply.type('application/json; charset=utf-8').send(`{${JSON.stringify(rest).slice(1, -1)},"document":${documentToJson(document, 0)}}`);
  });

  app.get<{
    Querystring: { q: string; kind: SearchKind; speaker?: string; lang?: string; site?: string; from?: string; to?: string; limit: number; offset: number };
  }>('/search', { schema: { querystring: S.SearchQuerySchema } }, async (req) => {
    return { hits: await needStore().search(req.query) };
  });

  app.get<{ Params: { id: number } }>('/entities/:id', { schema: { params: S.IdParamsSchema } }, async (req) => {
    const e = await needStore().getEntity(req.params.id);
    if (!e) throw new HttpError(404, `no entity ${req.params.id}`);
    return e;
  });

  app.get('/health', async () => {
    let articles: number | null = null;
    if (store) articles = (await store.stats()).articles;
    return { status: 'ok', version, store: store?.kind ?? null, articles, workers: pool.size, pending: pool.pending };
  });

  const openapi = JSON.stringify(openApiDocument(version));
  app.get('/openapi.json', async (req, reply) => reply.type('application/json; charset=utf-8').send(openapi));

  // --- The web page: a fixed list of files read at start-up (no path from a request reaches the file system).
  const webRoot = opts.webRoot ?? join(packageRoot, 'src', 'web');
  let files: string[] = [];
  try {
    files = readdirSync(webRoot).filter((f) => CONTENT_TYPES[extname(f)] && !f.startsWith('.'));
  } catch {
    files = [];
  }
  for (const f of files) {
    const body = readFileSync(join(webRoot, f));
    const type = CONTENT_TYPES[extname(f)];
    const send = async (req: FastifyRequest, reply: FastifyReply) => reply.type(type).header('cache-control', 'no-cache').send(body);
    app.get(`/${f}`, send);
    if (f === 'index.html') app.get('/', send);
  }

  app.addHook('onClose', async () => {
    if (ownPool) await pool.close();
  });
  return app;
}
