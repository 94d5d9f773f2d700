/**
 * Article-extraction benchmark on the development data in <shared>/data/article-extraction
 * (see its README.md for the two metrics, implemented here as described there).
 *
 *   npm run bench:extract            (after a build)
 *   VIGIE_SHARED=/path/to/shared     where the shared folder is (default: ../shared next to the repo)
 *   BENCH_SET=aeb|trafilatura        run one set only
 *   BENCH_VERBOSE=1                  print per-page scores, worst first
 *   BENCH_OUT=file.json              write per-page scores (to compare two runs)
 *
 * The extracted text scored is the article text without its title: every paragraph of the
 * Document but the title (set BENCH_TEXT=full to score Document.text, title included).
 */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractArticle } from '../src/extract/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.VIGIE_SHARED ? resolve(process.env.VIGIE_SHARED) : resolve(repoRoot, '../shared');
const dataDir = join(shared, 'data/article-extraction');
const verbose = process.env.BENCH_VERBOSE === '1';
const only = process.env.BENCH_SET ?? null;
const perPage: Record<string, number[]> = {};
const fullText = process.env.BENCH_TEXT === 'full';

interface Timing {
  pages: number;
  bytes: number;
  /** Wall-clock seconds spent in extraction. */
  seconds: number;
  /** CPU seconds (user + system) spent in extraction: steadier than wall time on a busy machine. */
  cpu: number;
}

/** Extracts the article body of one page, timing the extraction only. */
function extractBody(gz: Buffer, url: string, timing: Timing): string {
  const html = gunzipSync(gz);
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let body = '';
  try {
    const doc = extractArticle(html, { format: 'html', url });
    body = doc.paragraphs
      .filter((p) => fullText || p.kind !== 'title')
      .map((p) => doc.text.slice(p.start, p.end))
      .join('\n\n');
  } catch (err) {
    process.stderr.write(`extraction failed for ${url}: ${(err as Error).message}\n`);
  }
  timing.seconds += Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  timing.cpu += (c.user + c.system) / 1e6;
  timing.pages++;
  timing.bytes += html.length;
  return body;
}

// ---- AEB: 4-token shingles, per-document P/R averaged ----

const TOKEN = /[\p{L}\p{N}_]+/gu;

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const s = tokens.slice(i, i + n).join(' ');
    if (s) out.set(s, (out.get(s) ?? 0) + 1);
  }
  return out;
}

function shingleMatch(truth: string, pred: string): { tp: number; fp: number; fn: number } {
  const t = shingles(truth), p = shingles(pred);
  let tp = 0, fp = 0, fn = 0;
  for (const [s, n] of p) {
    const m = t.get(s) ?? 0;
    tp += Math.min(n, m);
    fp += Math.max(0, n - m);
  }
  for (const [s, n] of t) fn += Math.max(0, n - (p.get(s) ?? 0));
  return { tp, fp, fn };
}

function runAeb(): void {
  const dir = join(dataDir, 'aeb-dev');
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  const timing: Timing = { pages: 0, bytes: 0, seconds: 0, cpu: 0 };
  let sumP = 0, sumR = 0, n = 0;
  const rows: [string, number, number][] = [];
  for (const [id, item] of Object.entries(truth)) {
    const file = join(dir, 'html', `${id}.html.gz`);
    if (!existsSync(file)) continue;
    const pred = extractBody(readFileSync(file), item.url, timing);
    const { tp, fp, fn } = shingleMatch(item.articleBody ?? '', pred);
    let p: number, r: number;
    if (tp + fp + fn === 0) p = r = 1;
    else {
      p = tp + fp > 0 ? tp / (tp + fp) : 0;
      r = tp + fn > 0 ? tp / (tp + fn) : 0;
    }
    sumP += p;
    sumR += r;
    n++;
    rows.push([id.slice(0, 12) + ' ' + item.url, p, r]);
    perPage[`aeb:${id.slice(0, 12)}`] = [Number(p.toFixed(3)), Number(r.toFixed(3))];
  }
  const P = sumP / n, R = sumR / n;
  report('aeb-dev', n, P, R, timing);
  if (verbose) for (const [id, p, r] of rows.sort((a, b) => f1(a[1], a[2]) - f1(b[1], b[2])).slice(0, 25)) console.log(`  ${p.toFixed(3)} ${r.toFixed(3)} ${id}`);
}

// ---- trafilatura: with/without snippets over the corpus ----

const normWs = (s: string) => s.split(/[^\S\ufeff]+/).filter(Boolean).join(' ');

function runTrafilatura(): void {
  const dir = join(dataDir, 'trafilatura-dev');
  const data = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<string, { file: string; with: string[]; without: string[] }>;
  const timing: Timing = { pages: 0, bytes: 0, seconds: 0, cpu: 0 };
  let tp = 0, fn = 0, fp = 0;
  const rows: [string, number, number, number][] = [];
  for (const [url, item] of Object.entries(data)) {
    const file = join(dir, 'html', item.file);
    if (!existsSync(file)) continue;
    const pred = normWs(extractBody(readFileSync(file), url.replace(/^hard::/, ''), timing));
    let dtp = 0, dfn = 0, dfp = 0;
    for (const s of item.with ?? []) if (s !== null) pred.includes(normWs(s)) ? dtp++ : dfn++;
    for (const s of item.without ?? []) if (s !== null && pred.includes(normWs(s))) dfp++;
    tp += dtp;
    fn += dfn;
    fp += dfp;
    rows.push([item.file, dtp, dfn, dfp]);
    perPage[`traf:${item.file}`] = [dtp, dfn, dfp];
  }
  const P = tp / (tp + fp), R = tp / (tp + fn);
  report('trafilatura-dev', timing.pages, P, R, timing, `tp ${tp} fn ${fn} fp ${fp}`);
  if (verbose) for (const [f, a, b, c] of rows.filter((r) => r[2] + r[3] > 0).sort((x, y) => y[2] + y[3] - (x[2] + x[3]))) console.log(`  fn ${b} fp ${c} tp ${a} ${f}`);
}

const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

function report(name: string, pages: number, P: number, R: number, t: Timing, extra = ''): void {
  const mb = t.bytes / 1e6;
  console.log(
    `${name.padEnd(16)} pages ${String(pages).padStart(4)}  P ${P.toFixed(3)}  R ${R.toFixed(3)}  F1 ${f1(P, R).toFixed(3)}  ` +
      `${(t.pages / t.seconds).toFixed(1)} pages/s  ${(mb / t.seconds).toFixed(2)} MB/s  ` +
      `(per CPU second: ${(t.pages / t.cpu).toFixed(1)} pages, ${(mb / t.cpu).toFixed(2)} MB)${extra ? '  ' + extra : ''}`,
  );
}

if (!existsSync(dataDir)) {
  console.error(`bench:extract: no data at ${dataDir} (set VIGIE_SHARED to the shared folder)`);
  process.exit(2);
}
if (!only || only === 'aeb') runAeb();
if (!only || only === 'trafilatura') runTrafilatura();
if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(perPage, null, 0));
