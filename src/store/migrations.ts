/**
 * Versioned schema migrations. Each back end has its own numbered list; a `schema_migrations`
 * table records what was applied, and each pending migration runs in its own transaction
 * together with its bookkeeping row, so a crash leaves the schema at a numbered version.
 * Never edit a released migration: append a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const sqliteMigrations: Migration[] = [
  {
    version: 1,
    name: 'initial corpus schema',
    sql: `
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  source TEXT,
  url TEXT,
  title TEXT,
  lang TEXT NOT NULL,
  date TEXT,
  site TEXT,
  authors TEXT NOT NULL DEFAULT '[]',
  text TEXT NOT NULL,
  folded_title TEXT NOT NULL DEFAULT '',
  folded_text TEXT NOT NULL DEFAULT '',
  document TEXT NOT NULL,
  models TEXT NOT NULL DEFAULT '[]',
  word_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_site ON articles(site);
CREATE INDEX articles_lang ON articles(lang);

CREATE TABLE article_sources (
  source_hash TEXT PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  source TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX article_sources_article ON article_sources(article_id);

CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  norm TEXT NOT NULL,
  UNIQUE (type, norm)
);
CREATE INDEX entities_norm ON entities(norm);

CREATE TABLE article_entities (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  doc_entity INTEGER NOT NULL,
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  name TEXT NOT NULL,
  mention_count INTEGER NOT NULL,
  PRIMARY KEY (article_id, doc_entity)
);
CREATE INDEX article_entities_entity ON article_entities(entity_id);

CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  start_pos INTEGER NOT NULL,
  end_pos INTEGER NOT NULL,
  text TEXT NOT NULL,
  type TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id, article_id, start_pos);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE quotes (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  type TEXT NOT NULL,
  start_pos INTEGER NOT NULL,
  end_pos INTEGER NOT NULL,
  text TEXT NOT NULL,
  cue_lemma TEXT,
  cue_text TEXT,
  cue_start INTEGER,
  cue_end INTEGER,
  speaker_text TEXT,
  speaker_norm TEXT,
  speaker_start INTEGER,
  speaker_end INTEGER,
  speaker_entity INTEGER REFERENCES entities(id),
  addressee_text TEXT,
  folded TEXT NOT NULL DEFAULT '',
  UNIQUE (article_id, idx)
);
CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity);

CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  stance TEXT NOT NULL,
  claimant_text TEXT,
  claimant_norm TEXT,
  claimant_entity INTEGER REFERENCES entities(id),
  target_text TEXT,
  target_norm TEXT,
  target_entity INTEGER REFERENCES entities(id),
  start_pos INTEGER NOT NULL,
  end_pos INTEGER NOT NULL,
  text TEXT NOT NULL,
  text_norm TEXT NOT NULL DEFAULT '',
  cue_lemma TEXT,
  denies INTEGER,
  UNIQUE (article_id, idx)
);
CREATE INDEX claims_claimant_entity ON claims(claimant_entity);
CREATE INDEX claims_target_entity ON claims(target_entity);

CREATE TABLE flags (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  rule TEXT NOT NULL,
  start_pos INTEGER NOT NULL,
  end_pos INTEGER NOT NULL,
  text TEXT NOT NULL,
  message TEXT NOT NULL,
  suggestions TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX flags_article ON flags(article_id);
CREATE INDEX flags_rule ON flags(rule);

CREATE TABLE errors (
  id INTEGER PRIMARY KEY,
  run TEXT,
  source TEXT,
  source_hash TEXT,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX errors_run ON errors(run);

-- Full text: external-content FTS5 tables kept in step by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  folded_title, folded_text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, folded_title, folded_text) VALUES (new.id, new.folded_title, new.folded_text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, folded_title, folded_text) VALUES ('delete', old.id, old.folded_title, old.folded_text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF folded_title, folded_text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, folded_title, folded_text) VALUES ('delete', old.id, old.folded_title, old.folded_text);
  INSERT INTO articles_fts(rowid, folded_title, folded_text) VALUES (new.id, new.folded_title, new.folded_text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(
  folded, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
  INSERT INTO quotes_fts(rowid, folded) VALUES (new.id, new.folded);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
END;
`,
  },
];

export const postgresMigrations: Migration[] = [
  {
    version: 1,
    name: 'initial corpus schema',
    sql: `
CREATE TABLE articles (
  id BIGSERIAL PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  source TEXT,
  url TEXT,
  title TEXT,
  lang TEXT NOT NULL,
  date TEXT,
  site TEXT,
  authors JSONB NOT NULL DEFAULT '[]',
  text TEXT NOT NULL,
  document TEXT NOT NULL,
  models JSONB NOT NULL DEFAULT '[]',
  word_count INTEGER NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  tsv TSVECTOR NOT NULL
);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_site ON articles(site);
CREATE INDEX articles_lang ON articles(lang);

CREATE TABLE article_sources (
  source_hash TEXT PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  source TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX article_sources_article ON article_sources(article_id);

CREATE TABLE entities (
  id BIGSERIAL PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  norm TEXT NOT NULL,
  UNIQUE (type, norm)
);
CREATE INDEX entities_norm ON entities(norm text_pattern_ops);

CREATE TABLE article_entities (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  doc_entity INTEGER NOT NULL,
  entity_id BIGINT NOT NULL REFERENCES entities(id),
  name TEXT NOT NULL,
  mention_count INTEGER NOT NULL,
  PRIMARY KEY (article_id, doc_entity)
);
CREATE INDEX article_entities_entity ON article_entities(entity_id);

CREATE TABLE mentions (
  id BIGSERIAL PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  entity_id BIGINT NOT NULL REFERENCES entities(id),
  start_pos INTEGER NOT NULL,
  end_pos INTEGER NOT NULL,
  text TEXT NOT NULL,
  type TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id, article_id, start_pos);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE quotes (
  id BIGSERIAL PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  type TEXT NOT NULL,
  start_pos INTEGER NOT NULL,
  end_pos INTEGER NOT NULL,
  text TEXT NOT NULL,
  cue_lemma TEXT,
  cue_text TEXT,
  cue_start INTEGER,
  cue_end INTEGER,
  speaker_text TEXT,
  speaker_norm TEXT,
  speaker_start INTEGER,
  speaker_end INTEGER,
  speaker_entity BIGINT REFERENCES entities(id),
  addressee_text TEXT,
  tsv TSVECTOR NOT NULL,
  UNIQUE (article_id, idx)
);
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);
CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity);

CREATE TABLE claims (
  id BIGSERIAL PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  stance TEXT NOT NULL,
  claimant_text TEXT,
  claimant_norm TEXT,
  claimant_entity BIGINT REFERENCES entities(id),
  target_text TEXT,
  target_norm TEXT,
  target_entity BIGINT REFERENCES entities(id),
  start_pos INTEGER NOT NULL,
  end_pos INTEGER NOT NULL,
  text TEXT NOT NULL,
  text_norm TEXT NOT NULL DEFAULT '',
  cue_lemma TEXT,
  denies INTEGER,
  UNIQUE (article_id, idx)
);
CREATE INDEX claims_claimant_entity ON claims(claimant_entity);
CREATE INDEX claims_target_entity ON claims(target_entity);

CREATE TABLE flags (
  id BIGSERIAL PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  rule TEXT NOT NULL,
  start_pos INTEGER NOT NULL,
  end_pos INTEGER NOT NULL,
  text TEXT NOT NULL,
  message TEXT NOT NULL,
  suggestions JSONB NOT NULL DEFAULT '[]'
);
CREATE INDEX flags_article ON flags(article_id);
CREATE INDEX flags_rule ON flags(rule);

CREATE TABLE errors (
  id BIGSERIAL PRIMARY KEY,
  run TEXT,
  source TEXT,
  source_hash TEXT,
  message TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX errors_run ON errors(run);
`,
  },
];

export const LATEST_SQLITE = sqliteMigrations[sqliteMigrations.length - 1].version;
export const LATEST_POSTGRES = postgresMigrations[postgresMigrations.length - 1].version;
