import pg from 'pg';
import { VigieError } from '../errors.js';
import { postgresMigrations } from './migrations.js';
import { documentToRecord, recordToDocument, type ArticleRecord } from './records.js';
import {
  Params,
  articleFilters,
  articleHits,
  claimHits,
  clampLimit,
  entityHits,
  nameCond,
  parsedLikeCond,
  quoteHits,
  where,
} from './search-common.js';
import { normName, parseQuery, queryItems, toTsquery } from './text.js';
import type {
  ArticleInput,
  ArticleSummary,
  CorpusEntity,
  CorpusStore,
  IngestError,
  PutResult,
  SearchHit,
  SearchQuery,
  StoreStats,
  StoredArticle,
} from './types.js';

type Row = Record<string, unknown>;

/** bigint (int8) and numeric come back as numbers: ids stay far below 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => (v === null ? null : Number(v));
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** An advisory-lock key so two processes never migrate at once. */
const MIGRATION_LOCK = 0x76696769; // "vigi"

/** Retries a transaction on deadlock or serialisation failure. */
async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if ((code === '40P01' || code === '40001') && attempt < 5) {
        await new Promise((r) => setTimeout(r, 20 * (attempt + 1) + Math.random() * 50));
        continue;
      }
      throw err;
    }
  }
}

export interface PostgresStoreOptions {
  /** Connections in the pool (default 4). */
  max?: number;
}

/** The server store: PostgreSQL, full text through tsvector columns with GIN indexes. */
export class PostgresStore implements CorpusStore {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;

  private constructor(readonly url: string, opts: PostgresStoreOptions) {
    this.pool = new pg.Pool({ connectionString: url, max: opts.max ?? 4, types, connectionTimeoutMillis: 15000 });
    // An idle client losing its connection must not crash the process.
    this.pool.on('error', () => {});
  }

  /** Connects, checks the server answers, and applies pending migrations. */
  static async open(url: string, opts: PostgresStoreOptions & { migrate?: boolean } = {}): Promise<PostgresStore> {
    const store = new PostgresStore(url, opts);
    try {
      await store.pool.query('SELECT 1');
    } catch (err) {
      await store.pool.end().catch(() => {});
      throw new VigieError(`${redact(url)}: cannot connect to PostgreSQL (${(err as Error).message})`);
    }
    if (opts.migrate ?? true) await store.migrate();
    return store;
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }

  async migrate(): Promise<number> {
    await this.pool.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    ).catch(async (err) => {
      // Two processes creating the table at once: one loses the race on the catalog; fine.
      if ((err as { code?: string }).code !== '23505') throw err;
    });
    for (const m of postgresMigrations) {
      await this.tx(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const done = await c.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
        if (done.rowCount) return;
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      });
    }
    return this.schemaVersion();
  }

  async schemaVersion(): Promise<number> {
    const r = await this.pool.query(`SELECT to_regclass('schema_migrations') AS t`);
    if (!r.rows[0].t) return 0;
    const v = await this.pool.query('SELECT max(version) AS v FROM schema_migrations');
    return v.rows[0].v ?? 0;
  }

  async knownSources(sourceHashes: string[]): Promise<Set<string>> {
    if (!sourceHashes.length) return new Set();
    const r = await this.pool.query('SELECT source_hash FROM article_sources WHERE source_hash = ANY($1::text[])', [sourceHashes]);
    return new Set(r.rows.map((x) => x.source_hash as string));
  }

  /**
   * Writes records in one transaction. Locks are taken in a fixed order (articles by hash, then
   * entities by key) so that concurrent writers cannot deadlock each other.
   */
  private async putRecords(c: pg.PoolClient, records: ArticleRecord[], replace: boolean): Promise<PutResult[]> {
    const order = records.map((r, i) => i).sort((a, b) => (records[a].hash < records[b].hash ? -1 : records[a].hash > records[b].hash ? 1 : a - b));
    const results: PutResult[] = new Array(records.length);
    const toWrite: { id: number; r: ArticleRecord }[] = [];
    const seen = new Map<string, PutResult>();
    for (const i of order) {
      const r = records[i];
      const dup = seen.get(r.hash);
      if (dup) {
        results[i] = { ...dup, created: false };
        await this.addSource(c, r, dup.id);
        continue;
      }
      const ins = await c.query(
        `INSERT INTO articles (hash, source, url, title, lang, date, site, authors, text, document, models, word_count, tsv)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11::jsonb, $12,
           setweight(to_tsvector('simple', $13), 'A') || setweight(to_tsvector('simple', $14), 'B'))
         ON CONFLICT (hash) DO NOTHING RETURNING id`,
        [r.hash, r.source, r.url, r.title, r.lang, r.date, r.site, r.authors, r.text, r.document, r.models, r.wordCount, r.foldedTitle, r.foldedText],
      );
      let res: PutResult;
      if (ins.rowCount) {
        res = { id: ins.rows[0].id, created: true, hash: r.hash };
        toWrite.push({ id: res.id, r });
      } else {
        const ex = await c.query('SELECT id FROM articles WHERE hash = $1', [r.hash]);
        res = { id: ex.rows[0].id, created: false, hash: r.hash };
        if (replace) {
          for (const t of ['mentions', 'article_entities', 'quotes', 'claims', 'flags']) {
            await c.query(`DELETE FROM ${t} WHERE article_id = $1`, [res.id]);
          }
          await c.query(
            `UPDATE articles SET url = $2, title = $3, lang = $4, date = $5, site = $6, authors = $7::jsonb, document = $8, models = $9::jsonb,
               word_count = $10, tsv = setweight(to_tsvector('simple', $11), 'A') || setweight(to_tsvector('simple', $12), 'B') WHERE id = $1`,
            [res.id, r.url, r.title, r.lang, r.date, r.site, r.authors, r.document, r.models, r.wordCount, r.foldedTitle, r.foldedText],
          );
          toWrite.push({ id: res.id, r });
        }
      }
      seen.set(r.hash, res);
      results[i] = res;
      await this.addSource(c, r, res.id);
    }
    if (toWrite.length) await this.writeLayers(c, toWrite);
    return results;
  }

  private async addSource(c: pg.PoolClient, r: ArticleRecord, id: number): Promise<void> {
    await c.query('INSERT INTO article_sources (source_hash, article_id, source) VALUES ($1, $2, $3) ON CONFLICT (source_hash) DO NOTHING', [
      r.sourceHash,
      id,
      r.source,
    ]);
  }

  private async writeLayers(c: pg.PoolClient, items: { id: number; r: ArticleRecord }[]): Promise<void> {
    // Entities: one sorted upsert for the whole batch.
    const keys = new Map<string, { type: string; name: string; norm: string }>();
    for (const { r } of items) for (const e of r.entities) {
      const k = `${e.type}\u0000${e.norm}`;
      if (!keys.has(k)) keys.set(k, { type: e.type, name: e.name, norm: e.norm });
    }
    const sorted = [...keys.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((x) => x[1]);
    const ids = new Map<string, number>();
    if (sorted.length) {
      const up = await c.query(
        `INSERT INTO entities (type, name, norm)
         SELECT type, name, norm FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(type, name, norm, ord) ORDER BY ord
         ON CONFLICT (type, norm) DO UPDATE SET norm = EXCLUDED.norm RETURNING id, type, norm`,
        [sorted.map((e) => e.type), sorted.map((e) => e.name), sorted.map((e) => e.norm)],
      );
      for (const row of up.rows) ids.set(`${row.type}\u0000${row.norm}`, row.id);
    }
    const ae: unknown[][] = [[], [], [], [], []];
    const me: unknown[][] = [[], [], [], [], [], []];
    const qu: unknown[][] = Array.from({ length: 17 }, () => []);
    const cl: unknown[][] = Array.from({ length: 15 }, () => []);
    const fl: unknown[][] = Array.from({ length: 7 }, () => []);
    for (const { id, r } of items) {
      const docMap = new Map<number, number>();
      for (const e of r.entities) {
        const eid = ids.get(`${e.type}\u0000${e.norm}`)!;
        docMap.set(e.docId, eid);
        [id, e.docId, eid, e.name, e.mentions.length].forEach((v, k) => ae[k].push(v));
        for (const m of e.mentions) [id, eid, m.start, m.end, m.text, m.type].forEach((v, k) => me[k].push(v));
      }
      const corp = (d: number | null) => (d === null ? null : docMap.get(d) ?? null);
      for (const q of r.quotes) {
        [id, q.idx, q.type, q.start, q.end, q.text, q.cueLemma, q.cueText, q.cueStart, q.cueEnd, q.speakerText, q.speakerNorm, q.speakerStart, q.speakerEnd, corp(q.speakerDocEntity), q.addresseeText, q.folded].forEach((v, k) => qu[k].push(v));
      }
      for (const x of r.claims) {
        [id, x.idx, x.stance, x.claimantText, x.claimantNorm, corp(x.claimantDocEntity), x.targetText, x.targetNorm, corp(x.targetDocEntity), x.start, x.end, x.text, x.textNorm, x.cueLemma, x.denies].forEach((v, k) => cl[k].push(v));
      }
      for (const f of r.flags) [id, f.rule, f.start, f.end, f.text, f.message, f.suggestions].forEach((v, k) => fl[k].push(v));
    }
    if (ae[0].length) {
      await c.query(
        `INSERT INTO article_entities (article_id, doc_entity, entity_id, name, mention_count)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::text[], $5::int[])`,
        ae,
      );
    }
    if (me[0].length) {
      await c.query(
        `INSERT INTO mentions (article_id, entity_id, start_pos, end_pos, text, type)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[], $5::text[], $6::text[])`,
        me,
      );
    }
    if (qu[0].length) {
      await c.query(
        `INSERT INTO quotes (article_id, idx, type, start_pos, end_pos, text, cue_lemma, cue_text, cue_start, cue_end,
           speaker_text, speaker_norm, speaker_start, speaker_end, speaker_entity, addressee_text, tsv)
         SELECT a, i, ty, s, e, tx, cl, ct, cs, ce, st, sn, ss, se, sp, ad, to_tsvector('simple', f)
         FROM unnest($1::bigint[], $2::int[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::int[], $10::int[],
           $11::text[], $12::text[], $13::int[], $14::int[], $15::bigint[], $16::text[], $17::text[])
           AS t(a, i, ty, s, e, tx, cl, ct, cs, ce, st, sn, ss, se, sp, ad, f)`,
        qu,
      );
    }
    if (cl[0].length) {
      await c.query(
        `INSERT INTO claims (article_id, idx, stance, claimant_text, claimant_norm, claimant_entity, target_text, target_norm, target_entity,
           start_pos, end_pos, text, text_norm, cue_lemma, denies)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::bigint[],
           $10::int[], $11::int[], $12::text[], $13::text[], $14::text[], $15::int[])`,
        cl,
      );
    }
    if (fl[0].length) {
      await c.query(
        `INSERT INTO flags (article_id, rule, start_pos, end_pos, text, message, suggestions)
         SELECT a, r, s, e, t, m, g::jsonb FROM unnest($1::bigint[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[])
           AS x(a, r, s, e, t, m, g)`,
        fl,
      );
    }
  }

  private async insertErrors(c: pg.PoolClient | pg.Pool, errors: IngestError[]): Promise<void> {
    if (!errors.length) return;
    await c.query(
      'INSERT INTO errors (run, source, source_hash, message) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])',
      [errors.map((e) => e.run), errors.map((e) => e.source), errors.map((e) => e.hash), errors.map((e) => e.message)],
    );
  }

  async putArticle(input: ArticleInput, opts: { replace?: boolean } = {}): Promise<PutResult> {
    return (await this.putArticles([input], opts))[0];
  }

  async putArticles(inputs: ArticleInput[], opts: { replace?: boolean } = {}): Promise<PutResult[]> {
    const records = inputs.map((i) => documentToRecord(i.doc, i.sourceHash, i.source));
    return retrying(() => this.tx((c) => this.putRecords(c, records, !!opts.replace)));
  }

  async commitBatch(inputs: ArticleInput[], errors: IngestError[]): Promise<PutResult[]> {
    const records = inputs.map((i) => documentToRecord(i.doc, i.sourceHash, i.source));
    return retrying(() =>
      this.tx(async (c) => {
        const out = await this.putRecords(c, records, false);
        await this.insertErrors(c, errors);
        return out;
      }),
    );
  }

  private summary(r: Row): ArticleSummary {
    return {
      id: Number(r.id),
      hash: String(r.hash),
      source: (r.source as string | null) ?? null,
      url: (r.url as string | null) ?? null,
      title: (r.title as string | null) ?? null,
      lang: r.lang as ArticleSummary['lang'],
      date: (r.date as string | null) ?? null,
      site: (r.site as string | null) ?? null,
      authors: (r.authors as string[]) ?? [],
      wordCount: Number(r.word_count),
      createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
      models: (r.models as ArticleSummary['models']) ?? [],
    };
  }

  async getArticle(id: number): Promise<StoredArticle | null> {
    const r = await this.pool.query(
      'SELECT id, hash, source, url, title, lang, date, site, authors, text, document, models, word_count, created_at FROM articles WHERE id = $1',
      [id],
    );
    if (!r.rowCount) return null;
    const row = r.rows[0];
    return { ...this.summary(row), document: recordToDocument(String(row.document), String(row.text)) };
  }

  async listArticles(opts: { limit?: number; offset?: number } = {}): Promise<ArticleSummary[]> {
    const r = await this.pool.query(
      `SELECT id, hash, source, url, title, lang, date, site, authors, word_count, created_at, models FROM articles
       ORDER BY id DESC LIMIT $1 OFFSET $2`,
      [Math.min(1000, opts.limit ?? 50), opts.offset ?? 0],
    );
    return r.rows.map((x) => this.summary(x));
  }

  async getEntity(id: number, opts: { limit?: number } = {}): Promise<CorpusEntity | null> {
    const e = await this.pool.query('SELECT id, type, name FROM entities WHERE id = $1', [id]);
    if (!e.rowCount) return null;
    const counts = await this.pool.query('SELECT count(DISTINCT article_id) AS a, count(*) AS m FROM mentions WHERE entity_id = $1', [id]);
    const mentions = await this.pool.query(
      `SELECT m.article_id, a.title, m.start_pos, m.end_pos, m.text, m.type FROM mentions m JOIN articles a ON a.id = m.article_id
       WHERE m.entity_id = $1 ORDER BY m.article_id, m.start_pos LIMIT $2`,
      [id, Math.min(10000, opts.limit ?? 1000)],
    );
    const row = e.rows[0];
    return {
      id: Number(row.id),
      type: row.type,
      name: row.name,
      articleCount: Number(counts.rows[0].a),
      mentionCount: Number(counts.rows[0].m),
      mentions: mentions.rows.map((m) => ({
        article_id: Number(m.article_id),
        title: m.title ?? null,
        start: Number(m.start_pos),
        end: Number(m.end_pos),
        text: String(m.text),
        type: String(m.type),
      })),
    };
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    const kind = query.kind ?? 'article';
    const parsed = parseQuery(query.q ?? '');
    const { limit, offset } = clampLimit(query);
    const p = new Params('postgres');
    const cols = 'a.title, a.url, a.date, a.site, a.lang';
    const rows = async (sql: string) => (await this.pool.query(sql, p.values)).rows as Row[];
    if (kind === 'article') {
      if (parsed.length) {
        const tq = p.add(toTsquery(parsed));
        // Rank ids first, then fetch the text of the page of hits only (no wide rows in the sort).
        const sql = `WITH top AS (
            SELECT a.id, ts_rank(a.tsv, query) AS score
            FROM articles a, to_tsquery('simple', ${tq}) query
            ${where(['a.tsv @@ query', ...articleFilters(query, p)])}
            ORDER BY score DESC, a.id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)})
          SELECT a.id AS article_id, ${cols}, a.text, top.score FROM top JOIN articles a ON a.id = top.id
          ORDER BY top.score DESC, a.id`;
        return articleHits(await rows(sql), queryItems(parsed));
      }
      const sql = `SELECT a.id AS article_id, ${cols}, a.text, 0 AS score FROM articles a
        ${where(articleFilters(query, p))} ORDER BY a.date DESC NULLS LAST, a.id DESC LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
      return articleHits(await rows(sql), []);
    }
    if (kind === 'quote') {
      const conds: (string | null)[] = [];
      let score = '0';
      if (parsed.length) {
        const tq = p.add(toTsquery(parsed));
        conds.push(`q.tsv @@ to_tsquery('simple', ${tq})`);
        score = `ts_rank(q.tsv, to_tsquery('simple', ${tq}))`;
      }
      if (query.speaker) conds.push(nameCond(['e.norm', 'q.speaker_norm'], query.speaker, p));
      conds.push(...articleFilters(query, p));
      const sql = `SELECT q.article_id, q.start_pos, q.end_pos, q.text, q.type, q.speaker_text, q.speaker_entity, q.cue_lemma,
          e.name AS entity_name, ${cols}, ${score} AS score
        FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_entity
        ${where(conds)} ORDER BY score DESC, a.date DESC NULLS LAST, q.article_id, q.idx LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
      return quoteHits(await rows(sql));
    }
    if (kind === 'entity') {
      const exact = p.add(normName(query.q ?? ''));
      const econd = parsedLikeCond(['e.norm'], parsed, p);
      const conds = articleFilters(query, p);
      const sql = `WITH ents AS (
          SELECT e.id, e.name, e.type, CASE WHEN e.norm = ${exact} THEN 1 ELSE 0 END AS exact,
            (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS n
          FROM entities e ${where([econd])}
          ORDER BY exact DESC, n DESC, e.id LIMIT 200)
        SELECT m.article_id, m.start_pos, m.end_pos, m.text, m.type AS mention_type, ents.id AS entity_id, ents.name AS entity_name,
          ents.type AS entity_type, ents.exact * 1000000 + ents.n AS score, ${cols}
        FROM ents JOIN mentions m ON m.entity_id = ents.id JOIN articles a ON a.id = m.article_id
        ${where(conds)}
        ORDER BY ents.exact DESC, ents.n DESC, ents.id, a.date DESC NULLS LAST, m.article_id, m.start_pos LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
      return entityHits(await rows(sql));
    }
    const conds: (string | null)[] = [];
    if (parsed.length) {
      conds.push(parsedLikeCond(['c.claimant_norm', 'ce.norm', 'c.target_norm', 'te.norm', 'c.text_norm'], parsed, p));
    }
    if (query.speaker) conds.push(nameCond(['ce.norm', 'c.claimant_norm'], query.speaker, p));
    conds.push(...articleFilters(query, p));
    const sql = `SELECT c.article_id, c.start_pos, c.end_pos, c.text, c.stance, c.claimant_text, c.claimant_entity, c.target_text,
        c.target_entity, c.cue_lemma, ce.name AS claimant_name, te.name AS target_name, ${cols}, 1 AS score
      FROM claims c JOIN articles a ON a.id = c.article_id
        LEFT JOIN entities ce ON ce.id = c.claimant_entity LEFT JOIN entities te ON te.id = c.target_entity
      ${where(conds)} ORDER BY a.date DESC NULLS LAST, c.article_id, c.idx LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
    return claimHits(await rows(sql));
  }

  async recordErrors(errors: IngestError[]): Promise<void> {
    await this.insertErrors(this.pool, errors);
  }

  async listErrors(run?: string): Promise<IngestError[]> {
    const r =
      run === undefined
        ? await this.pool.query('SELECT run, source, source_hash, message, created_at FROM errors ORDER BY id')
        : await this.pool.query('SELECT run, source, source_hash, message, created_at FROM errors WHERE run = $1 ORDER BY id', [run]);
    return r.rows.map((x) => ({
      run: x.run ?? null,
      source: x.source ?? null,
      hash: x.source_hash ?? null,
      message: x.message,
      createdAt: x.created_at instanceof Date ? x.created_at.toISOString() : String(x.created_at),
    }));
  }

  async stats(): Promise<StoreStats> {
    const r = await this.pool.query(`SELECT
      (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM article_sources) AS sources,
      (SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM mentions) AS mentions,
      (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM claims) AS claims,
      (SELECT count(*) FROM flags) AS flags, (SELECT count(*) FROM errors) AS errors,
      (SELECT coalesce(sum(word_count), 0) FROM articles) AS words`);
    const x = r.rows[0];
    const n = (v: unknown) => Number(v);
    return {
      articles: n(x.articles),
      sources: n(x.sources),
      entities: n(x.entities),
      mentions: n(x.mentions),
      quotes: n(x.quotes),
      claims: n(x.claims),
      flags: n(x.flags),
      errors: n(x.errors),
      words: n(x.words),
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A connection string without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}
