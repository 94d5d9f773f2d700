import { randomUUID } from 'node:crypto';
import type { Lang } from '../document.js';
import type { InputFormat } from '../extract/index.js';
import { countWords } from '../store/records.js';
import type { ArticleInput, CorpusStore, IngestError } from '../store/types.js';
import { WorkerPool } from './pool.js';
import type { Progress, ProgressCounts } from './progress.js';
import { countItems, enumerateItems, type IngestItem } from './sources.js';

/**
 * Batch ingest: the main thread enumerates inputs, skips those already stored (by raw-content
 * hash), hands the rest to worker threads (extraction + annotation), and writes the results to
 * the store in small transactions. A crash or Ctrl-C loses only uncommitted work, which the
 * next run redoes; nothing committed is lost or duplicated. Per-article errors are recorded in
 * the store's errors table and reported at the end; they never stop the batch.
 */
export interface IngestOptions {
  store: CorpusStore;
  /** Worker threads (default: os.availableParallelism()). */
  workers?: number;
  /** Articles per transaction (default 32). */
  batchSize?: number;
  /** Commit at least this often while results arrive (default 1000 ms). */
  commitIntervalMs?: number;
  format?: InputFormat;
  lang?: Lang | 'auto';
  /** Run the annotation stages (default true); false stores extraction only. */
  annotate?: boolean;
  /** Identifier of this run in the errors table (default: a random UUID). */
  run?: string;
  progress?: Progress | null;
  /** Stops reading new inputs; what is in flight is finished and committed. */
  signal?: AbortSignal;
  /** Per-article analysis time-out (default 120 s). */
  taskTimeoutMs?: number;
  /** Called after each commit (tests, logs). */
  onCommit?: (committed: number) => void;
}

export interface IngestSummary {
  run: string;
  /** Inputs looked at. */
  seen: number;
  /** New articles written. */
  stored: number;
  /** Inputs already stored before this run (skipped without analysis). */
  skipped: number;
  /** Inputs whose article was already stored under another source (same clean text). */
  duplicates: number;
  errors: number;
  words: number;
  seconds: number;
  interrupted: boolean;
  /** Peak resident memory of the process (main thread and workers), MiB. */
  maxRssMb: number;
  errorList: IngestError[];
}

export async function ingest(paths: string[], opts: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const store = opts.store;
  const run = opts.run ?? randomUUID();
  const batchSize = Math.max(1, opts.batchSize ?? 32);
  const pool = new WorkerPool({ size: opts.workers, taskTimeoutMs: opts.taskTimeoutMs ?? 120_000 });
  const maxInflight = pool.size * 4;
  const counts: ProgressCounts = { done: 0, stored: 0, skipped: 0, errors: 0, total: null };
  let duplicates = 0;
  let words = 0;
  let seen = 0;
  const errorList: IngestError[] = [];
  const seenHashes = new Set<string>();
  let pendingArticles: ArticleInput[] = [];
  let pendingErrors: IngestError[] = [];
  let lastCommit = Date.now();
  let commitChain: Promise<void> = Promise.resolve();
  let commitFailure: Error | null = null;
  const inflight = new Set<Promise<void>>();

  void countItems(paths).then(
    (n) => {
      counts.total = n;
    },
    () => {},
  );

  const progress = () => opts.progress?.update(counts);

  const commit = (): Promise<void> => {
    commitChain = commitChain.then(async () => {
      if (commitFailure) return;
      const arts = pendingArticles;
      const errs = pendingErrors;
      pendingArticles = [];
      pendingErrors = [];
      lastCommit = Date.now();
      if (!arts.length && !errs.length) return;
      try {
        let results;
        try {
          results = await store.commitBatch(arts, errs);
        } catch (batchErr) {
          // One bad article must not sink its batch: store them one by one, and record the
          // ones the store refuses as errors.
          results = [];
          const kept: ArticleInput[] = [];
          for (const a of arts) {
            try {
              results.push(...(await store.commitBatch([a], [])));
              kept.push(a);
            } catch (err) {
              errs.push({ run, source: a.source, hash: a.sourceHash, message: `${a.source}: cannot store (${(err as Error).message.split('\n')[0]})` });
            }
          }
          arts.splice(0, arts.length, ...kept);
          await store.commitBatch([], errs);
        }
        results.forEach((r, i) => {
          if (r.created) {
            counts.stored++;
            words += countWords(arts[i].doc);
          } else duplicates++;
        });
        counts.done += arts.length + errs.length;
        counts.errors += errs.length;
        errorList.push(...errs);
        opts.onCommit?.(arts.length + errs.length);
        progress();
      } catch (err) {
        commitFailure = err as Error;
      }
    });
    return commitChain;
  };

  const maybeCommit = () => {
    if (pendingArticles.length + pendingErrors.length >= batchSize || Date.now() - lastCommit >= (opts.commitIntervalMs ?? 1000)) {
      void commit();
    }
  };
  const timer = setInterval(() => {
    if (pendingArticles.length || pendingErrors.length) void commit();
  }, opts.commitIntervalMs ?? 1000);

  const addError = (source: string | null, hash: string | null, message: string) => {
    pendingErrors.push({ run, source, hash, message });
    maybeCommit();
  };

  const dispatch = async (item: Extract<IngestItem, { ok: true }>) => {
    while (inflight.size >= maxInflight) await Promise.race(inflight);
    const p = pool.run(item.req).then(
      (res) => {
        if (res.ok) {
          pendingArticles.push({ doc: res.doc, sourceHash: item.sourceHash, source: item.source });
          maybeCommit();
        } else addError(item.source, item.sourceHash, res.error);
      },
      (err: Error) => addError(item.source, item.sourceHash, `${item.req.source ?? item.source}: ${err.message}`),
    );
    const tracked = p.finally(() => inflight.delete(tracked));
    inflight.add(tracked);
  };

  const processChunk = async (chunk: IngestItem[]) => {
    const hashes = chunk.filter((i): i is Extract<IngestItem, { ok: true }> => i.ok).map((i) => i.sourceHash);
    const known = await store.knownSources(hashes);
    for (const item of chunk) {
      if (opts.signal?.aborted) return;
      seen++;
      if (!item.ok) {
        addError(item.source, item.sourceHash, item.error);
        continue;
      }
      if (seenHashes.has(item.sourceHash)) {
        // The same input twice in this run (a file and its .gz copy, a repeated JSONL line).
        duplicates++;
        counts.done++;
        progress();
        continue;
      }
      if (known.has(item.sourceHash)) {
        counts.skipped++;
        counts.done++;
        progress();
        continue;
      }
      seenHashes.add(item.sourceHash);
      await dispatch(item);
      if (commitFailure) return;
    }
  };

  let interrupted = false;
  try {
    let chunk: IngestItem[] = [];
    for await (const item of enumerateItems(paths, { format: opts.format, lang: opts.lang, annotate: opts.annotate })) {
      if (opts.signal?.aborted || commitFailure) break;
      chunk.push(item);
      if (chunk.length >= 64) {
        await processChunk(chunk);
        chunk = [];
      }
    }
    if (!opts.signal?.aborted && !commitFailure) await processChunk(chunk);
    interrupted = !!opts.signal?.aborted;
    await Promise.all(inflight);
    await commit();
  } finally {
    clearInterval(timer);
    await pool.close();
    opts.progress?.update(counts, true);
    opts.progress?.finish();
  }
  if (commitFailure) throw commitFailure;
  return {
    run,
    seen,
    stored: counts.stored,
    skipped: counts.skipped,
    duplicates,
    errors: counts.errors,
    words,
    seconds: (Date.now() - started) / 1000,
    interrupted,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    errorList,
  };
}
