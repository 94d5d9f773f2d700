import { Command } from 'commander';
import { VigieError } from '../errors.js';
import { DEFAULT_BODY_LIMIT } from '../server/limits.js';
import { openStore } from '../store/index.js';
import type { CorpusStore } from '../store/types.js';

function intOption(name: string, min: number, max: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new VigieError(`${name} must be a whole number from ${min} to ${max}, not "${v}"`, 2);
    return n;
  };
}

/** "2mb", "512k", "1000000" → bytes. */
export function parseSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib)?$/i.exec(v.trim());
  if (!m) throw new VigieError(`--max-body must be a size like 2mb or 500k, not "${v}"`, 2);
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  const n = Math.floor(Number(m[1]) * mult);
  if (n < 1024 || n > 64 * 1024 * 1024) throw new VigieError('--max-body must be between 1k and 64mb', 2);
  return n;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('HTTP API (POST /analyze, POST /articles, GET /articles/:id, /search, /entities/:id, /health, /openapi.json) and the web page.')
    .option('--db <target>', 'corpus: SQLite file or postgres:// URL (default: $VIGIE_DB; without one only /analyze works)')
    .option('--port <n>', 'port', intOption('--port', 0, 65535), 8080)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--token <token>', 'bearer token required for writes (default: $VIGIE_TOKEN)')
    .option('--workers <n>', 'analysis worker threads (default: all cores)', intOption('--workers', 1, 256))
    .option('--max-queue <n>', 'analyses waiting for a worker before answering 503', intOption('--max-queue', 0, 100000))
    .option('--max-body <size>', `largest request body (default ${DEFAULT_BODY_LIMIT / 1024 / 1024}mb)`, parseSize)
    .option('--timeout <seconds>', 'analysis time-out', intOption('--timeout', 1, 3600), 30)
    .option('--no-annotate', 'extraction only: answer /analyze and /articles without the annotation stages')
    .option('--quiet', 'no request logs')
    .action(async (o) => {
      const db: string | undefined = o.db ?? process.env.VIGIE_DB;
      const token: string | undefined = o.token ?? process.env.VIGIE_TOKEN;
      if (token !== undefined && token.length < 8) throw new VigieError('the token must be at least 8 characters long', 2);
      const store: CorpusStore | null = db ? await openStore(db) : null;
      // Loaded here, not at the top: Fastify costs every other command half a second of start-up.
      const { buildServer } = await import('../server/app.js');
      const app = await buildServer({
        store,
        token: token ?? null,
        workers: o.workers,
        maxQueue: o.maxQueue,
        bodyLimit: o.maxBody,
        analyzeTimeoutMs: o.timeout * 1000,
        logger: o.quiet ? false : true,
        annotate: o.annotate,
      });
      let address: string;
      try {
        address = await app.listen({ host: o.host, port: o.port });
      } catch (err) {
        await app.close();
        await store?.close();
        throw new VigieError(`cannot listen on ${o.host}:${o.port} (${(err as Error).message})`);
      }
      process.stderr.write(
        `vigie: serving ${address} (API, web page at /, OpenAPI at /openapi.json)${store ? `, corpus ${store.kind}` : ', no corpus'}` +
          `${token ? '' : '; writes disabled (no --token)'}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await app.close();
      await store?.close();
    });
}
