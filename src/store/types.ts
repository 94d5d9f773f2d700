import type { Document, EntityType, Lang } from '../document.js';

/**
 * The corpus store: one interface, two back ends (SQLite through better-sqlite3, the embedded
 * default; PostgreSQL through node-postgres). Every method is async so both fit; the SQLite one
 * simply runs synchronously inside.
 */

/** What ingest hands the store for one article. */
export interface ArticleInput {
  /** The annotated document. */
  doc: Document;
  /** Hash of the raw input (file bytes, JSONL record), used to skip already ingested inputs. */
  sourceHash: string;
  /** Where it came from: a path, "path#L12" for a JSONL line, "api" … */
  source: string | null;
}

export interface PutResult {
  id: number;
  /** False when the article (same clean-text hash) was already stored: nothing was written. */
  created: boolean;
  /** Content hash of the clean text (the article's identity). */
  hash: string;
}

export interface ArticleSummary {
  id: number;
  hash: string;
  source: string | null;
  url: string | null;
  title: string | null;
  lang: Lang;
  date: string | null;
  site: string | null;
  authors: string[];
  wordCount: number;
  createdAt: string;
  /** The stages and model versions that produced the annotation (Document.stages). */
  models: { name: string; model?: string }[];
}

export interface StoredArticle extends ArticleSummary {
  document: Document;
}

export interface EntityMentionHit {
  article_id: number;
  title: string | null;
  start: number;
  end: number;
  text: string;
  type: string;
}

export interface CorpusEntity {
  id: number;
  type: EntityType;
  name: string;
  articleCount: number;
  mentionCount: number;
  mentions: EntityMentionHit[];
}

export type SearchKind = 'article' | 'quote' | 'entity' | 'claim';
export const SEARCH_KINDS: SearchKind[] = ['article', 'quote', 'entity', 'claim'];

export interface SearchQuery {
  /** Free text; words are ANDed, "quoted phrases", prefix*, OR between groups. May be empty. */
  q: string;
  kind?: SearchKind;
  /** Quotes: speaker name (entity or speaker text); claims: claimant. */
  speaker?: string;
  lang?: string;
  site?: string;
  /** Article date bounds, ISO dates (inclusive). */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/**
 * One search hit. The machine contract: article_id, kind, text, start, end, where text is
 * exactly the article's Document.text.slice(start, end).
 */
export interface SearchHit {
  article_id: number;
  kind: SearchKind;
  text: string;
  start: number;
  end: number;
  score: number;
  title: string | null;
  url: string | null;
  date: string | null;
  site: string | null;
  lang: string;
  speaker?: string | null;
  speaker_text?: string | null;
  speaker_entity_id?: number | null;
  cue?: string | null;
  quote_type?: string;
  entity_id?: number;
  entity_name?: string;
  entity_type?: string;
  mention_type?: string;
  stance?: string;
  claimant?: string | null;
  claimant_entity_id?: number | null;
  target?: string | null;
  target_entity_id?: number | null;
}

export interface IngestError {
  run: string | null;
  source: string | null;
  hash: string | null;
  message: string;
  createdAt?: string;
}

export interface StoreStats {
  articles: number;
  sources: number;
  entities: number;
  mentions: number;
  quotes: number;
  claims: number;
  flags: number;
  errors: number;
  words: number;
}

export interface CorpusStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending schema migrations; returns the schema version. */
  migrate(): Promise<number>;
  schemaVersion(): Promise<number>;
  /** Which of these raw-input hashes are already stored. */
  knownSources(sourceHashes: string[]): Promise<Set<string>>;
  /** Stores one article (idempotent: the same clean text gives the same id and writes nothing). */
  putArticle(input: ArticleInput, opts?: { replace?: boolean }): Promise<PutResult>;
  /** Stores several articles in one transaction. */
  putArticles(inputs: ArticleInput[], opts?: { replace?: boolean }): Promise<PutResult[]>;
  /** Stores articles and errors of one ingest batch in one transaction. */
  commitBatch(inputs: ArticleInput[], errors: IngestError[]): Promise<PutResult[]>;
  getArticle(id: number): Promise<StoredArticle | null>;
  listArticles(opts?: { limit?: number; offset?: number }): Promise<ArticleSummary[]>;
  getEntity(id: number, opts?: { limit?: number }): Promise<CorpusEntity | null>;
  search(query: SearchQuery): Promise<SearchHit[]>;
  recordErrors(errors: IngestError[]): Promise<void>;
  listErrors(run?: string): Promise<IngestError[]>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
