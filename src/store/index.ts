import { SqliteStore, type SqliteStoreOptions } from './sqlite.js';
import type { CorpusStore } from './types.js';

export * from './types.js';
export { SqliteStore } from './sqlite.js';
export { documentToRecord, recordToDocument, sha256, textHash } from './records.js';

/** True when the --db value names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/**
 * Opens the store a --db value names: a postgres:// URL for PostgreSQL, anything else is a
 * SQLite file (created when missing, unless read-only). Pending migrations are applied.
 */
export async function openStore(spec: string, opts: SqliteStoreOptions & { poolSize?: number } = {}): Promise<CorpusStore> {
  if (isPostgresUrl(spec)) {
    const { PostgresStore } = await import('./postgres.js');
    return PostgresStore.open(spec, { max: opts.poolSize, migrate: opts.migrate });
  }
  return new SqliteStore(spec, opts);
}
