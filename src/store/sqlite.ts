import Database from 'better-sqlite3';
import { VigieError } from '../errors.js';
import { sqliteMigrations } from './migrations.js';
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
import { normName, parseQuery, queryItems, toFts5 } from './text.js';
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

export interface SqliteStoreOptions {
  readonly?: boolean;
  /** Apply pending migrations on open (default true unless read-only). */
  migrate?: boolean;
}

/** The embedded store: one SQLite file in WAL mode, FTS5 over article and quote text. */
export class SqliteStore implements CorpusStore {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private stmts = new Map<string, Database.Statement>();

  constructor(
    readonly path: string,
    opts: SqliteStoreOptions = {},
  ) {
    try {
      this.db = new Database(path, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly });
    } catch (err) {
      throw new VigieError(`${path}: cannot open SQLite database (${(err as Error).message})`);
    }
    try {
      if (!opts.readonly) {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
      }
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 10000');
      // Probe that this is a database at all (a text file fails here, not later).
      this.db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      this.db.close();
      throw new VigieError(`${path}: not a SQLite database (${(err as Error).message})`);
    }
    if (opts.migrate ?? !opts.readonly) this.migrateSync();
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  private migrateSync(): number {
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const applied = new Set(
      (this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
    );
    for (const m of sqliteMigrations) {
      if (applied.has(m.version)) continue;
      const run = this.db.transaction(() => {
        // Another process may have applied it while we waited for the write lock.
        const again = this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version);
        if (again) return;
        this.db.exec(m.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, new Date().toISOString());
      });
      run.immediate();
    }
    return this.schemaVersionSync();
  }

  private schemaVersionSync(): number {
    const hasTable = this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
    if (!hasTable) return 0;
    const r = this.db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
    return r.v ?? 0;
  }

  async migrate(): Promise<number> {
    return this.migrateSync();
  }

  async schemaVersion(): Promise<number> {
    return this.schemaVersionSync();
  }

  async knownSources(sourceHashes: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    const s = this.stmt('SELECT 1 FROM article_sources WHERE source_hash = ?');
    for (const h of sourceHashes) if (s.get(h)) out.add(h);
    return out;
  }

  private putRecord(r: ArticleRecord, replace: boolean): PutResult {
    const now = new Date().toISOString();
    const existing = this.stmt('SELECT id FROM articles WHERE hash = ?').get(r.hash) as { id: number } | undefined;
    let id: number;
    let created = false;
    if (existing) {
      id = existing.id;
      if (replace) {
        for (const t of ['mentions', 'article_entities', 'quotes', 'claims', 'flags']) {
          this.stmt(`DELETE FROM ${t} WHERE article_id = ?`).run(id);
        }
        this.stmt(
          `UPDATE articles SET url = ?, title = ?, lang = ?, date = ?, site = ?, authors = ?, folded_title = ?, folded_text = ?,
             document = ?, models = ?, word_count = ? WHERE id = ?`,
        ).run(r.url, r.title, r.lang, r.date, r.site, r.authors, r.foldedTitle, r.foldedText, r.document, r.models, r.wordCount, id);
        this.writeLayers(id, r);
      }
    } else {
      const info = this.stmt(
        `INSERT INTO articles (hash, source, url, title, lang, date, site, authors, text, folded_title, folded_text, document, models, word_count, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        r.hash,
        r.source,
        r.url,
        r.title,
        r.lang,
        r.date,
        r.site,
        r.authors,
        r.text,
        r.foldedTitle,
        r.foldedText,
        r.document,
        r.models,
        r.wordCount,
        now,
      );
      id = Number(info.lastInsertRowid);
      created = true;
      this.writeLayers(id, r);
    }
    this.stmt('INSERT OR IGNORE INTO article_sources (source_hash, article_id, source, created_at) VALUES (?, ?, ?, ?)').run(
      r.sourceHash,
      id,
      r.source,
      now,
    );
    return { id, created, hash: r.hash };
  }

  private writeLayers(id: number, r: ArticleRecord): void {
    const entityIds = new Map<number, number>();
    const upsert = this.stmt(
      'INSERT INTO entities (type, name, norm) VALUES (?, ?, ?) ON CONFLICT (type, norm) DO UPDATE SET norm = excluded.norm RETURNING id',
    );
    const ae = this.stmt('INSERT INTO article_entities (article_id, doc_entity, entity_id, name, mention_count) VALUES (?, ?, ?, ?, ?)');
    const mention = this.stmt('INSERT INTO mentions (article_id, entity_id, start_pos, end_pos, text, type) VALUES (?, ?, ?, ?, ?, ?)');
    for (const e of r.entities) {
      const eid = (upsert.get(e.type, e.name, e.norm) as { id: number }).id;
      entityIds.set(e.docId, eid);
      ae.run(id, e.docId, eid, e.name, e.mentions.length);
      for (const m of e.mentions) mention.run(id, eid, m.start, m.end, m.text, m.type);
    }
    const corp = (docId: number | null) => (docId === null ? null : entityIds.get(docId) ?? null);
    const quote = this.stmt(
      `INSERT INTO quotes (article_id, idx, type, start_pos, end_pos, text, cue_lemma, cue_text, cue_start, cue_end,
         speaker_text, speaker_norm, speaker_start, speaker_end, speaker_entity, addressee_text, folded)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const q of r.quotes) {
      quote.run(
        id,
        q.idx,
        q.type,
        q.start,
        q.end,
        q.text,
        q.cueLemma,
        q.cueText,
        q.cueStart,
        q.cueEnd,
        q.speakerText,
        q.speakerNorm,
        q.speakerStart,
        q.speakerEnd,
        corp(q.speakerDocEntity),
        q.addresseeText,
        q.folded,
      );
    }
    const claim = this.stmt(
      `INSERT INTO claims (article_id, idx, stance, claimant_text, claimant_norm, claimant_entity, target_text, target_norm, target_entity,
         start_pos, end_pos, text, text_norm, cue_lemma, denies)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of r.claims) {
      claim.run(
        id,
        c.idx,
        c.stance,
        c.claimantText,
        c.claimantNorm,
        corp(c.claimantDocEntity),
        c.targetText,
        c.targetNorm,
        corp(c.targetDocEntity),
        c.start,
        c.end,
        c.text,
        c.textNorm,
        c.cueLemma,
        c.denies,
      );
    }
    const flag = this.stmt('INSERT INTO flags (article_id, rule, start_pos, end_pos, text, message, suggestions) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const f of r.flags) flag.run(id, f.rule, f.start, f.end, f.text, f.message, f.suggestions);
  }

  private insertErrors(errors: IngestError[]): void {
    const s = this.stmt('INSERT INTO errors (run, source, source_hash, message, created_at) VALUES (?, ?, ?, ?, ?)');
    const now = new Date().toISOString();
    for (const e of errors) s.run(e.run, e.source, e.hash, e.message, now);
  }

  async putArticle(input: ArticleInput, opts: { replace?: boolean } = {}): Promise<PutResult> {
    return (await this.putArticles([input], opts))[0];
  }

  async putArticles(inputs: ArticleInput[], opts: { replace?: boolean } = {}): Promise<PutResult[]> {
    const records = inputs.map((i) => documentToRecord(i.doc, i.sourceHash, i.source));
    const tx = this.db.transaction(() => records.map((r) => this.putRecord(r, !!opts.replace)));
    return tx.immediate();
  }

  async commitBatch(inputs: ArticleInput[], errors: IngestError[]): Promise<PutResult[]> {
    const records = inputs.map((i) => documentToRecord(i.doc, i.sourceHash, i.source));
    const tx = this.db.transaction(() => {
      const out = records.map((r) => this.putRecord(r, false));
      this.insertErrors(errors);
      return out;
    });
    return tx.immediate();
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
      authors: JSON.parse(String(r.authors ?? '[]')),
      wordCount: Number(r.word_count),
      createdAt: String(r.created_at),
      models: JSON.parse(String(r.models ?? '[]')),
    };
  }

  async getArticle(id: number): Promise<StoredArticle | null> {
    const r = this.stmt('SELECT * FROM articles WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    return { ...this.summary(r), document: recordToDocument(String(r.document), String(r.text)) };
  }

  async listArticles(opts: { limit?: number; offset?: number } = {}): Promise<ArticleSummary[]> {
    const rows = this.stmt(
      `SELECT id, hash, source, url, title, lang, date, site, authors, word_count, created_at, models FROM articles
       ORDER BY id DESC LIMIT ? OFFSET ?`,
    ).all(Math.min(1000, opts.limit ?? 50), opts.offset ?? 0) as Row[];
    return rows.map((r) => this.summary(r));
  }

  async getEntity(id: number, opts: { limit?: number } = {}): Promise<CorpusEntity | null> {
    const e = this.stmt('SELECT id, type, name FROM entities WHERE id = ?').get(id) as Row | undefined;
    if (!e) return null;
    const counts = this.stmt(
      'SELECT count(DISTINCT article_id) AS a, count(*) AS m FROM mentions WHERE entity_id = ?',
    ).get(id) as { a: number; m: number };
    const mentions = this.stmt(
      `SELECT m.article_id, a.title, m.start_pos, m.end_pos, m.text, m.type FROM mentions m JOIN articles a ON a.id = m.article_id
       WHERE m.entity_id = ? ORDER BY m.article_id, m.start_pos LIMIT ?`,
    ).all(id, Math.min(10000, opts.limit ?? 1000)) as Row[];
    return {
      id: Number(e.id),
      type: e.type as CorpusEntity['type'],
      name: String(e.name),
      articleCount: counts.a,
      mentionCount: counts.m,
      mentions: mentions.map((m) => ({
        article_id: Number(m.article_id),
        title: (m.title as string | null) ?? null,
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
    const p = new Params('sqlite');
    const cols = 'a.title, a.url, a.date, a.site, a.lang';
    if (kind === 'article') {
      if (parsed.length) {
        const match = p.add(toFts5(parsed));
        // Rank ids first, then fetch the text of the page of hits only.
        const sql = `WITH top AS (
            SELECT a.id, -bm25(articles_fts, 4.0, 1.0) AS score
            FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
            ${where([`articles_fts MATCH ${match}`, ...articleFilters(query, p)])}
            ORDER BY score DESC, a.id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)})
          SELECT a.id AS article_id, ${cols}, a.text, top.score FROM top JOIN articles a ON a.id = top.id
          ORDER BY top.score DESC, a.id`;
        return articleHits(this.all(sql, p.values), queryItems(parsed));
      }
      const sql = `SELECT a.id AS article_id, ${cols}, a.text, 0 AS score FROM articles a
        ${where(articleFilters(query, p))} ORDER BY a.date DESC, a.id DESC LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
      return articleHits(this.all(sql, p.values), []);
    }
    if (kind === 'quote') {
      const conds: (string | null)[] = [];
      let from = 'quotes q';
      let score = '0';
      if (parsed.length) {
        from = 'quotes_fts f JOIN quotes q ON q.id = f.rowid';
        conds.push(`quotes_fts MATCH ${p.add(toFts5(parsed))}`);
        score = '-bm25(quotes_fts)';
      }
      if (query.speaker) conds.push(nameCond(['e.norm', 'q.speaker_norm'], query.speaker, p));
      conds.push(...articleFilters(query, p));
      const sql = `SELECT q.article_id, q.start_pos, q.end_pos, q.text, q.type, q.speaker_text, q.speaker_entity, q.cue_lemma,
          e.name AS entity_name, ${cols}, ${score} AS score
        FROM ${from} JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_entity
        ${where(conds)} ORDER BY score DESC, a.date DESC, q.article_id, q.idx LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
      return quoteHits(this.all(sql, p.values));
    }
    if (kind === 'entity') {
      const qn = normName(query.q ?? '');
      // "?" placeholders bind in text order: add them in the order they appear.
      const exact = p.add(qn);
      const econd = parsedLikeCond(['e.norm'], parsed, p);
      const conds = articleFilters(query, p);
      const sql = `WITH ents AS (
          SELECT e.id, e.name, e.type, (e.norm = ${exact}) AS exact,
            (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS n
          FROM entities e ${where([econd])}
          ORDER BY exact DESC, n DESC, e.id LIMIT 200)
        SELECT m.article_id, m.start_pos, m.end_pos, m.text, m.type AS mention_type, ents.id AS entity_id, ents.name AS entity_name,
          ents.type AS entity_type, ents.exact * 1000000 + ents.n AS score, ${cols}
        FROM ents JOIN mentions m ON m.entity_id = ents.id JOIN articles a ON a.id = m.article_id
        ${where(conds)}
        ORDER BY ents.exact DESC, ents.n DESC, ents.id, a.date DESC, m.article_id, m.start_pos LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
      return entityHits(this.all(sql, p.values));
    }
    // claims
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
      ${where(conds)} ORDER BY a.date DESC, c.article_id, c.idx LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
    return claimHits(this.all(sql, p.values));
  }

  private all(sql: string, params: unknown[]): Row[] {
    return this.stmt(sql).all(...(params as unknown[])) as Row[];
  }

  async recordErrors(errors: IngestError[]): Promise<void> {
    if (!errors.length) return;
    this.db.transaction(() => this.insertErrors(errors)).immediate();
  }

  async listErrors(run?: string): Promise<IngestError[]> {
    const rows = (
      run === undefined
        ? this.stmt('SELECT run, source, source_hash, message, created_at FROM errors ORDER BY id').all()
        : this.stmt('SELECT run, source, source_hash, message, created_at FROM errors WHERE run = ? ORDER BY id').all(run)
    ) as Row[];
    return rows.map((r) => ({
      run: (r.run as string | null) ?? null,
      source: (r.source as string | null) ?? null,
      hash: (r.source_hash as string | null) ?? null,
      message: String(r.message),
      createdAt: String(r.created_at),
    }));
  }

  async stats(): Promise<StoreStats> {
    const c = (t: string) => (this.stmt(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    const words = (this.stmt('SELECT coalesce(sum(word_count), 0) AS n FROM articles').get() as { n: number }).n;
    return {
      articles: c('articles'),
      sources: c('article_sources'),
      entities: c('entities'),
      mentions: c('mentions'),
      quotes: c('quotes'),
      claims: c('claims'),
      flags: c('flags'),
      errors: c('errors'),
      words,
    };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
