import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { VigieError } from '../errors.js';
import { ingest } from '../ingest/ingest.js';
import { formatDuration, Progress } from '../ingest/progress.js';
import { isPostgresUrl, openStore } from '../store/index.js';

/** The --db value: the option, else VIGIE_DB, else an error. */
export function dbOption(value: string | undefined): string {
  const db = value || process.env.VIGIE_DB || undefined;
  if (!db) throw new VigieError('no database: give --db FILE.sqlite or --db postgres://… (or set VIGIE_DB)', 2);
  return db;
}

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new VigieError(`${name} must be a positive whole number, not "${v}"`, 2);
    return n;
  };
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      'Analyse articles and store them in a corpus: files, folders (recursive), .gz files and JSONL ' +
        '(one {"url", "html" | "text", "title", …} per line). Resumable: already stored inputs are skipped.',
    )
    .argument('<paths...>', 'files, folders or JSONL files')
    .option('--db <target>', 'SQLite file or postgres:// URL (default: $VIGIE_DB)')
    .option('--workers <n>', `worker threads (default: ${availableParallelism()})`, positiveInt('--workers'))
    .option('--batch <n>', 'articles per transaction', positiveInt('--batch'), 32)
    .addOption(new Option('--format <format>', 'input format of files').choices(['auto', 'html', 'text']).default('auto'))
    .addOption(new Option('--lang <lang>', 'language (default: identified per article)').choices(['auto', 'fr', 'en']).default('auto'))
    .option('--no-annotate', 'store the extracted articles without running the annotation stages')
    .option('--timeout <seconds>', 'per-article analysis time-out', positiveInt('--timeout'), 120)
    .option('--enqueue', 'queue the articles as jobs for `vigie worker` processes instead (PostgreSQL only)')
    .option('--quiet', 'no progress output')
    .option('--json', 'print the summary as one JSON line on stdout')
    .action(async (paths: string[], o) => {
      const db = dbOption(o.db);
      if (o.enqueue) {
        if (!isPostgresUrl(db)) throw new VigieError('--enqueue needs a PostgreSQL corpus (--db postgres://…): the queue lives there', 2);
        const { openQueue, enqueue } = await import('../ingest/queue.js');
        const store = await openStore(db);
        const boss = await openQueue(db);
        try {
          const s = await enqueue(paths, { store, boss, run: `enqueue:${Date.now()}`, format: o.format, lang: o.lang, annotate: o.annotate });
          if (o.json) {
            const { errorList, ...rest } = s;
            process.stdout.write(JSON.stringify({ ...rest, errorSamples: errorList.slice(0, 20) }) + '\n');
          }
          if (!o.quiet || s.errors) {
            process.stderr.write(`vigie: queued ${s.enqueued} articles (${s.seen} inputs, ${s.skipped} already stored or queued, ${s.errors} errors)\n`);
            for (const e of s.errorList.slice(0, 20)) process.stderr.write(`  error: ${e.message}\n`);
          }
        } finally {
          await boss.stop({ graceful: false, wait: true });
          await store.close();
        }
        return;
      }
      const store = await openStore(db);
      const ac = new AbortController();
      let interrupts = 0;
      const onSignal = () => {
        interrupts++;
        if (interrupts === 1) {
          process.stderr.write('\nvigie: stopping: finishing and committing the articles in progress (Ctrl-C again to quit now)\n');
          ac.abort();
        } else {
          // Everything committed so far is safe; the rest is redone by the next run.
          process.exit(130);
        }
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const progress = new Progress(process.stderr, { quiet: !!o.quiet });
      try {
        const s = await ingest(paths, {
          store,
          workers: o.workers,
          batchSize: o.batch,
          format: o.format,
          lang: o.lang,
          annotate: o.annotate,
          progress,
          signal: ac.signal,
          taskTimeoutMs: o.timeout * 1000,
        });
        const rate = s.seconds > 0 ? (s.stored + s.duplicates) / s.seconds : 0;
        if (o.json) {
          const { errorList, ...rest } = s;
          process.stdout.write(JSON.stringify({ ...rest, errorSamples: errorList.slice(0, 20) }) + '\n');
        }
        if (!o.quiet || s.errors) {
          process.stderr.write(
            `vigie: ingest ${s.interrupted ? 'interrupted' : 'done'}: ${s.seen} inputs, ${s.stored} new articles, ` +
              `${s.skipped} already stored, ${s.duplicates} duplicates, ${s.errors} errors, ${s.words} words ` +
              `in ${formatDuration(s.seconds)} (${rate.toFixed(1)} articles/s)\n`,
          );
          for (const e of s.errorList.slice(0, 20)) process.stderr.write(`  error: ${e.message}\n`);
          if (s.errorList.length > 20) {
            process.stderr.write(`  … and ${s.errorList.length - 20} more (errors table of the database, run ${s.run})\n`);
          }
        }
        if (s.interrupted) process.exitCode = 130;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await store.close();
      }
    });
}
