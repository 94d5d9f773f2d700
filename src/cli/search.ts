import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { VigieError } from '../errors.js';
import { isPostgresUrl, openStore, SEARCH_KINDS, type CorpusStore, type SearchHit, type SearchKind } from '../store/index.js';
import { dbOption } from './ingest.js';

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function dateOption(name: string) {
  return (v: string) => {
    if (!DATE.test(v)) throw new VigieError(`${name} must be a date like 2024-03-01, not "${v}"`, 2);
    return v;
  };
}

/** Opens a store for reading: a missing SQLite file is an error, not a new empty corpus. */
export async function openExistingStore(db: string): Promise<CorpusStore> {
  if (!isPostgresUrl(db) && db !== ':memory:' && !existsSync(db)) throw new VigieError(`${db}: no such database (create it with vigie ingest)`);
  const store = await openStore(db, { migrate: false });
  if ((await store.schemaVersion()) === 0) {
    await store.close();
    throw new VigieError(`${db}: not a vigie corpus (no schema); create it with vigie ingest`);
  }
  // A corpus from an older vigie gets its pending migrations.
  await store.migrate();
  return store;
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

function who(h: SearchHit): string {
  switch (h.kind) {
    case 'quote':
      return h.speaker ?? '';
    case 'entity':
      return `${h.entity_name} (${h.entity_type})`;
    case 'claim':
      return `${h.stance}: ${h.claimant ?? '?'}${h.target ? ' → ' + h.target : ''}`;
    default:
      return h.date ?? '';
  }
}

export function formatTable(hits: SearchHit[], width = 120): string {
  if (!hits.length) return '(no hits)\n';
  const rows = hits.map((h) => [String(h.article_id), `${h.start}-${h.end}`, clip(who(h), 28), clip(h.title ?? '', 30), h.text]);
  const head = ['article', 'span', 'who/date', 'title', 'text'];
  const w = [0, 1, 2, 3].map((i) => Math.max(head[i].length, ...rows.map((r) => r[i].length)));
  const textWidth = Math.max(30, width - w.reduce((a, b) => a + b + 2, 0));
  const line = (r: string[]) => r.slice(0, 4).map((c, i) => c.padEnd(w[i])).join('  ') + '  ' + clip(r[4], textWidth);
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('Search a corpus: full text over articles; quotes by speaker, cue or text; entities and their mentions; claims by claimant or target.')
    .argument('[query]', 'words ("phrase", prefix*, a OR b); may be empty with --speaker', '')
    .option('--db <target>', 'SQLite file or postgres:// URL (default: $VIGIE_DB)')
    .addOption(new Option('--kind <kind>', 'what to search').choices(SEARCH_KINDS).default('article'))
    .option('--speaker <name>', 'quotes: speaker (entity name or speaker text); claims: claimant')
    .addOption(new Option('--lang <lang>', 'article language').choices(['fr', 'en', 'other']))
    .option('--site <name>', 'site name')
    .option('--from <date>', 'articles dated on or after', dateOption('--from'))
    .option('--to <date>', 'articles dated on or before', dateOption('--to'))
    .option('--limit <n>', 'hits to print (at most 1000)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw new VigieError(`--limit must be a whole number from 1 to 1000, not "${v}"`, 2);
      return n;
    }, 20)
    .option('--offset <n>', 'hits to skip', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new VigieError(`--offset must be a whole number, not "${v}"`, 2);
      return n;
    }, 0)
    .addOption(new Option('--format <format>', 'output (default: table on a terminal, jsonl otherwise)').choices(['jsonl', 'table']))
    .action(async (query: string, o) => {
      const store = await openExistingStore(dbOption(o.db));
      try {
        const hits = await store.search({
          q: query,
          kind: o.kind as SearchKind,
          speaker: o.speaker,
          lang: o.lang,
          site: o.site,
          from: o.from,
          to: o.to,
          limit: o.limit,
          offset: o.offset,
        });
        const format = o.format ?? (process.stdout.isTTY ? 'table' : 'jsonl');
        if (format === 'jsonl') {
          let out = '';
          for (const h of hits) out += JSON.stringify(h) + '\n';
          process.stdout.write(out);
        } else {
          process.stdout.write(formatTable(hits, process.stdout.columns ?? 120));
        }
      } finally {
        await store.close();
      }
    });
}
