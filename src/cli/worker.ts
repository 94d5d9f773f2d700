import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import { VigieError } from '../errors.js';
import { isPostgresUrl, openStore } from '../store/index.js';
import { dbOption } from './ingest.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('Process ingest jobs queued by `vigie ingest --enqueue` (PostgreSQL); run as many as you like, on any machine reaching the database.')
    .option('--db <url>', 'postgres:// URL of the corpus and its queue (default: $VIGIE_DB)')
    .option('--workers <n>', `analysis threads in this process (default: ${availableParallelism()})`, (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new VigieError(`--workers must be a positive whole number, not "${v}"`, 2);
      return n;
    })
    .option('--until-empty', 'exit once the queue is empty instead of waiting for more jobs')
    .option('--json', 'one JSON line per job on stdout, and a summary line at the end')
    .action(async (o) => {
      const db = dbOption(o.db);
      if (!isPostgresUrl(db)) throw new VigieError('vigie worker needs a PostgreSQL corpus (--db postgres://…)', 2);
      const { openQueue, work } = await import('../ingest/queue.js');
      const store = await openStore(db);
      const boss = await openQueue(db);
      const ac = new AbortController();
      const onSignal = () => ac.abort();
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        const s = await work({
          store,
          boss,
          workers: o.workers,
          untilEmptyMs: o.untilEmpty ? 1500 : undefined,
          signal: ac.signal,
          onJob: o.json ? (e) => process.stdout.write(JSON.stringify(e) + '\n') : undefined,
        });
        if (o.json) process.stdout.write(JSON.stringify({ summary: s }) + '\n');
        process.stderr.write(
          `vigie: worker done: ${s.processed} jobs, ${s.stored} new articles, ${s.duplicates} duplicates, ${s.errors} errors in ${s.seconds.toFixed(1)} s\n`,
        );
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await boss.stop({ graceful: false, wait: true });
        await store.close();
      }
    });
}
