/**
 * Corpus benchmark: ingest throughput into SQLite (articles/s, words/s, peak memory) and search
 * latency (p50/p99) over ≥ 10,000 synthetic-but-realistic articles whose bodies are treebank
 * sentences (<shared>/data/ud, via sharedDataPath).
 *
 *   npm run bench:ingest              (after a build)
 *   BENCH_ARTICLES=10000              corpus size
 *   BENCH_WORKERS=N                   worker threads (default: all cores)
 *   BENCH_ANNOTATE=0                  extraction only (no annotation stages)
 *   BENCH_DB=postgres://…             ingest into PostgreSQL instead of a temporary SQLite file
 *   BENCH_QUERIES=400                 search queries timed
 *   BENCH_KEEP=1                      keep the temporary folder (corpus and database)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../src/ingest/ingest.js';
import { Progress } from '../src/ingest/progress.js';
import { rng, synthArticle } from '../src/ingest/synth.js';
import { sharedDataPath } from '../src/models.js';
import { openStore, type SearchQuery } from '../src/store/index.js';

function treebankSentences(files: string[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (line.startsWith('# text = ')) {
        const s = line.slice(9).trim();
        if (s.length >= 20 && s.length <= 300) out.push(s);
      }
    }
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const n = Number(process.env.BENCH_ARTICLES ?? 10000);
  const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());
  const annotate = process.env.BENCH_ANNOTATE !== '0';
  const nQueries = Number(process.env.BENCH_QUERIES ?? 400);
  const ud = sharedDataPath('data', 'ud');
  const fr = treebankSentences(['UD_French-GSD/fr_gsd-ud-test.conllu', 'UD_French-GSD/fr_gsd-ud-dev.conllu', 'UD_French-Sequoia/fr_sequoia-ud-test.conllu'].map((f) => join(ud, f)));
  const en = treebankSentences(['UD_English-EWT/en_ewt-ud-test.conllu', 'UD_English-EWT/en_ewt-ud-dev.conllu'].map((f) => join(ud, f)));
  if (!fr.length || !en.length) {
    process.stderr.write(`bench: treebank sentences not found under ${ud}; using built-in templates only\n`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
  const corpus = join(dir, 'corpus.jsonl');
  const lines: string[] = [];
  let inputBytes = 0;
  for (let i = 0; i < n; i++) {
    const a = synthArticle(i, { sentences: fr.length && en.length ? { fr, en } : undefined, englishShare: 0.2 });
    const rec = i % 2 === 0 ? { url: `https://bench.example/${a.name}`, html: a.html } : { url: `https://bench.example/${a.name}`, text: a.text, title: a.title, date: a.date, site: a.site };
    const line = JSON.stringify(rec);
    inputBytes += Buffer.byteLength(line);
    lines.push(line);
  }
  writeFileSync(corpus, lines.join('\n') + '\n');
  lines.length = 0;
  const dbSpec = process.env.BENCH_DB ?? join(dir, 'corpus.sqlite');
  const store = await openStore(dbSpec);
  process.stdout.write(
    `bench:ingest: ${n} articles (${(inputBytes / 1e6).toFixed(1)} MB JSONL, half HTML, ${fr.length} fr + ${en.length} en treebank sentences), ` +
      `${workers} workers, annotation ${annotate ? 'on' : 'off'}, store ${store.kind}\n`,
  );
  const s = await ingest([corpus], { store, workers, annotate, progress: new Progress(process.stderr, { intervalMs: 10000 }) });
  const stats = await store.stats();
  const dbBytes = store.kind === 'sqlite' ? ['', '-wal'].reduce((t, x) => t + (existsSync(dbSpec + x) ? statSync(dbSpec + x).size : 0), 0) : 0;
  process.stdout.write(
    `ingest: ${s.stored} stored, ${s.errors} errors in ${s.seconds.toFixed(1)} s: ${(s.stored / s.seconds).toFixed(1)} articles/s, ` +
      `${Math.round(s.words / s.seconds)} words/s (${s.words} words); peak RSS ${s.maxRssMb} MiB` +
      (dbBytes ? `; database ${(dbBytes / 1e6).toFixed(1)} MB` : '') +
      '\n',
  );
  process.stdout.write(`store: ${JSON.stringify(stats)}\n`);
  if (s.errors) {
    const reasons = new Map<string, number>();
    for (const e of s.errorList) {
      const k = e.message.replace(/^\S+#L\d+: /, '').replace(/^\S+: /, '').slice(0, 100);
      reasons.set(k, (reasons.get(k) ?? 0) + 1);
    }
    for (const [k, v] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 5)) process.stdout.write(`  error ×${v}: ${k}\n`);
  }

  // Search latency: a mix of the four kinds with words, names and speakers from the corpus.
  const r = rng(42);
  const words = ['réforme', 'gouvernement', 'président', 'santé', 'logement', 'inflation', 'ville', 'école', 'energy', 'market', 'budget', 'Paris', 'Lyon', 'Berlin', 'London', 'politique', 'année', 'France', 'nous', 'dangereux', '"transition énergétique"', 'manif*', 'prix OR coût'];
  const names = ['Macron', 'Emmanuel Macron', 'Marine Le Pen', 'Borne', 'Attal', 'Hidalgo', 'Biden', 'Jane Doe', 'Bayrou', 'Dati'];
  const queries: SearchQuery[] = [];
  for (let i = 0; i < nQueries; i++) {
    const k = i % 5;
    const w = words[Math.floor(r() * words.length)];
    const name = names[Math.floor(r() * names.length)];
    if (k === 0 || k === 1) queries.push({ q: w, kind: 'article', limit: 20 });
    else if (k === 2) queries.push({ q: r() < 0.5 ? '' : w, kind: 'quote', speaker: name, limit: 20 });
    else if (k === 3) queries.push({ q: name, kind: 'entity', limit: 20 });
    else queries.push({ q: name, kind: 'claim', limit: 20 });
  }
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t0 = process.hrtime.bigint();
    const res = await store.search(q);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    hits += res.length;
    all.push(ms);
    const list = byKind.get(q.kind!) ?? [];
    list.push(ms);
    byKind.set(q.kind!, list);
  }
  all.sort((a, b) => a - b);
  process.stdout.write(
    `search: ${queries.length} queries, ${hits} hits: p50 ${percentile(all, 50).toFixed(2)} ms, p99 ${percentile(all, 99).toFixed(2)} ms\n`,
  );
  for (const [k, v] of byKind) {
    v.sort((a, b) => a - b);
    process.stdout.write(`  ${k.padEnd(8)} p50 ${percentile(v, 50).toFixed(2)} ms, p99 ${percentile(v, 99).toFixed(2)} ms (${v.length} queries)\n`);
  }
  await store.close();
  if (process.env.BENCH_KEEP === '1') process.stdout.write(`kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`bench:ingest failed: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
