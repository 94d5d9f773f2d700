import PgBoss from 'pg-boss';
import { hostname } from 'node:os';
import type { Lang } from '../document.js';
import { VigieError } from '../errors.js';
import type { InputFormat } from '../extract/index.js';
import type { CorpusStore, IngestError } from '../store/types.js';
import { WorkerPool } from './pool.js';
import { enumerateItems } from './sources.js';
import type { AnalyzeRequest } from './work.js';

/**
 * Scale-out ingest: the same work as `vigie ingest`, as jobs on a real queue (pg-boss on the
 * corpus's own PostgreSQL). `vigie ingest … --enqueue` reads the inputs and queues one job per
 * article not stored yet; any number of `vigie worker` processes, on any machines that reach the
 * database, take jobs (SKIP LOCKED: each job goes to one worker), analyse them in their own
 * worker threads and store the result. A worker that dies leaves its jobs to expire and be
 * retried; storing is idempotent (same clean text, same id), so a retried job never duplicates.
 */
export const QUEUE = 'vigie-ingest';

interface JobData {
  source: string;
  sourceHash: string;
  /** AnalyzeRequest with raw bytes base64-encoded. */
  req: Omit<AnalyzeRequest, 'bytes'> & { bytes64?: string };
}

export async function openQueue(url: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, max: 4, schema: 'pgboss', application_name: 'vigie' });
  boss.on('error', (err) => process.stderr.write(`vigie: queue: ${(err as Error).message}\n`));
  try {
    await boss.start();
  } catch (err) {
    throw new VigieError(`cannot start the job queue on PostgreSQL (${(err as Error).message})`);
  }
  if (!(await boss.getQueue(QUEUE))) {
    try {
      await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: 3, retryDelay: 5, expireInSeconds: 15 * 60 });
    } catch (err) {
      // Another process created it at the same moment.
      if (!(await boss.getQueue(QUEUE))) throw err;
    }
  }
  return boss;
}

/** A job id derived from the input's hash, so queueing the same input twice is a no-op. */
function jobId(sourceHash: string): string {
  const h = sourceHash.slice(0, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface EnqueueSummary {
  run: string;
  seen: number;
  enqueued: number;
  skipped: number;
  errors: number;
  errorList: IngestError[];
}

/** Reads the inputs and queues one job per article not stored yet. */
export async function enqueue(
  paths: string[],
  opts: { store: CorpusStore; boss: PgBoss; run: string; format?: InputFormat; lang?: Lang | 'auto'; annotate?: boolean },
): Promise<EnqueueSummary> {
  const s: EnqueueSummary = { run: opts.run, seen: 0, enqueued: 0, skipped: 0, errors: 0, errorList: [] };
  let batch: { data: JobData; id: string }[] = [];
  const errors: IngestError[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const known = await opts.store.knownSources(batch.map((b) => b.data.sourceHash));
    const fresh = batch.filter((b) => !known.has(b.data.sourceHash));
    s.skipped += batch.length - fresh.length;
    batch = [];
    if (!fresh.length) return;
    // Jobs already queued (an earlier --enqueue of the same inputs) are not queued twice: the job
    // id derives from the input hash, and pg-boss inserts with ON CONFLICT DO NOTHING.
    const ids = fresh.map((b) => b.id);
    const existing = await opts.boss
      .getDb()
      .executeSql(`SELECT id::text AS id FROM pgboss.job WHERE name = $1 AND id = ANY($2::uuid[])`, [QUEUE, ids]);
    const queued = new Set(existing.rows.map((r: { id: string }) => r.id));
    const jobs = fresh.filter((b) => !queued.has(b.id)).map((b) => ({ id: b.id, name: QUEUE, data: b.data as unknown as object }));
    s.skipped += fresh.length - jobs.length;
    if (!jobs.length) return;
    await opts.boss.insert(jobs);
    s.enqueued += jobs.length;
  };
  const seenHashes = new Set<string>();
  for await (const item of enumerateItems(paths, { format: opts.format, lang: opts.lang, annotate: opts.annotate })) {
    s.seen++;
    if (!item.ok) {
      errors.push({ run: opts.run, source: item.source, hash: item.sourceHash, message: item.error });
      continue;
    }
    if (seenHashes.has(item.sourceHash)) {
      s.skipped++;
      continue;
    }
    seenHashes.add(item.sourceHash);
    const { bytes, ...rest } = item.req;
    const req: JobData['req'] = { ...rest, bytes64: bytes ? Buffer.from(bytes).toString('base64') : undefined };
    batch.push({ id: jobId(item.sourceHash), data: { source: item.source, sourceHash: item.sourceHash, req } });
    if (batch.length >= 100) await flush();
  }
  await flush();
  if (errors.length) await opts.store.recordErrors(errors);
  s.errors = errors.length;
  s.errorList = errors;
  return s;
}

export interface WorkerSummary {
  processed: number;
  stored: number;
  duplicates: number;
  errors: number;
  seconds: number;
}

export interface WorkOptions {
  store: CorpusStore;
  boss: PgBoss;
  /** Analysis threads in this process (default: all cores). */
  workers?: number;
  /** Exit once the queue has been empty for this many ms (default: run until stopped). */
  untilEmptyMs?: number;
  signal?: AbortSignal;
  /** Called once per job with what became of it (logs, tests). */
  onJob?: (e: { job: string; sourceHash: string; source: string; result: 'stored' | 'duplicate' | 'error' | 'known'; id?: number }) => void;
  taskTimeoutMs?: number;
}

/** Takes jobs from the queue until stopped (or until the queue stays empty, with untilEmptyMs). */
export async function work(opts: WorkOptions): Promise<WorkerSummary> {
  const started = Date.now();
  const pool = new WorkerPool({ size: opts.workers, taskTimeoutMs: opts.taskTimeoutMs ?? 120_000 });
  const sum: WorkerSummary = { processed: 0, stored: 0, duplicates: 0, errors: 0, seconds: 0 };
  let busy = 0;
  let lastBusy = Date.now();
  const run = `worker:${hostname()}:${process.pid}`;
  const handle = async (job: PgBoss.Job<JobData>) => {
    const { source, sourceHash, req } = job.data;
    if ((await opts.store.knownSources([sourceHash])).size) {
      sum.processed++;
      opts.onJob?.({ job: job.id, sourceHash, source, result: 'known' });
      return;
    }
    const { bytes64, ...rest } = req;
    const res = await pool.run({ ...rest, bytes: bytes64 !== undefined ? Buffer.from(bytes64, 'base64') : undefined }).catch(
      (err: Error) => ({ ok: false as const, error: `${source}: ${err.message}` }),
    );
    sum.processed++;
    if (res.ok) {
      const [put] = await opts.store.putArticles([{ doc: res.doc, sourceHash, source }]);
      if (put.created) sum.stored++;
      else sum.duplicates++;
      opts.onJob?.({ job: job.id, sourceHash, source, result: put.created ? 'stored' : 'duplicate', id: put.id });
    } else {
      sum.errors++;
      await opts.store.recordErrors([{ run, source, hash: sourceHash, message: res.error }]);
      opts.onJob?.({ job: job.id, sourceHash, source, result: 'error' });
    }
  };
  const batchSize = pool.size * 2;
  await opts.boss.work<JobData>(QUEUE, { batchSize, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    busy++;
    try {
      // A job's own failure (analysis error) is recorded, not thrown: only store outages fail
      // the batch, and then pg-boss retries it.
      await Promise.all(jobs.map(handle));
    } finally {
      busy--;
      lastBusy = Date.now();
    }
  });
  try {
    await new Promise<void>((resolve) => {
      const stop = () => {
        clearInterval(timer);
        resolve();
      };
      opts.signal?.addEventListener('abort', stop, { once: true });
      const timer = setInterval(async () => {
        if (opts.untilEmptyMs === undefined || busy > 0 || Date.now() - lastBusy < opts.untilEmptyMs) return;
        const waiting = await opts.boss.getQueueSize(QUEUE).catch(() => 1);
        if (waiting === 0 && busy === 0) stop();
      }, 250);
    });
  } finally {
    await opts.boss.offWork(QUEUE);
    // offWork lets the batch in progress finish.
    while (busy > 0) await new Promise((r) => setTimeout(r, 50));
    await pool.close();
  }
  sum.seconds = (Date.now() - started) / 1000;
  return sum;
}
