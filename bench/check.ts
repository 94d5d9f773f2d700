/**
 * Language-quality checker benchmark (issue #9).
 *
 *   npm run bench:check                   dev files only (development)
 *   npm run bench:check -- --test         dev and test files (the reported figures)
 *   npm run bench:check -- --verbose      also list the first flags on clean dev text
 *   npm run bench:check -- --train        also count flags on the train files (the tagger's and
 *                                         parser's training data: a larger sample of clean text to
 *                                         inspect false flags on, with optimistic parses)
 *   BENCH_LANG=fr|en                      one language only
 *   BENCH_CORRUPTIONS=n                   injected errors per language and split (default 1000)
 *   BENCH_SEED=n                          seed of the corruption generator (default 9)
 *   BENCH_MISSES=n                        with --verbose, missed corruptions listed per kind (default 5)
 *
 * (a) Precision: flags per 1,000 words on clean treebank text. The sentence texts (`# text`) go
 *     through the whole pipeline from raw text (tokenizer, tagger, lemmatizer, parser, entities,
 *     quotes), then checkDocument. Every flag on edited text counts as false, except that flags on words the
 *     treebank itself marks Typo=Yes are counted apart (they are real errors).
 * (b) Recall: one agreement per sentence broken by src/check/corrupt.ts (forms from the treebanks'
 *     train and dev files, not from the checker's lexicon), each corrupted sentence its own
 *     paragraph. "fixed": a flag overlapping the corrupted span whose first suggestion, applied,
 *     gives the original text back; "flagged": any flag overlapping the span.
 * (c) Cost: CPU milliseconds per 1,000 words of the pipeline before the checker (tokenizer to
 *     quotes) and of checkDocument on its output (CPU time, so other jobs matter less).
 *
 * Words are UD syntactic words of the gold files, punctuation included. GSD dev is part of the
 * French tagger's and parser's training data: its figures are not held-out.
 */
import { existsSync } from 'node:fs';
import type { ConlluSentence } from '../src/formats/conllu.js';
import { surfaceTokens } from '../src/formats/conllu.js';
import type { Document, Flag } from '../src/document.js';
import { sharedDataPath } from '../src/models.js';
import { analyzeDocument, stageFactories } from '../src/pipeline.js';
import { buildGoldText } from '../src/tokenize/corpus.js';
import { readTreebank } from '../src/parse/train-unit.js';
import { checkDocument } from '../src/check/index.js';
import type { Corruption, CorruptionKind } from '../src/check/corrupt.js';
import { FormInventory, generateCorruptions } from '../src/check/corrupt.js';

import { TREEBANK_FILES, textDocument, type BenchLang as Lang, type TreebankFile } from './common.js';

const args = process.argv.slice(2);
const withTest = args.includes('--test');
const verbose = args.includes('--verbose');
const withTrain = args.includes('--train');
const onlyLang = process.env.BENCH_LANG as Lang | undefined;
const corruptionCount = Math.max(1, Number(process.env.BENCH_CORRUPTIONS ?? 1000) || 1000);
const seed = Number(process.env.BENCH_SEED ?? 9) || 9;
const missesShown = Number(process.env.BENCH_MISSES ?? 5) || 5;

function load(f: TreebankFile): ConlluSentence[] | null {
  const path = sharedDataPath('data', 'ud', f.path);
  if (!existsSync(path)) {
    console.log(`  ${f.name}: missing ${path}`);
    return null;
  }
  return readTreebank(path);
}

function cpuMs(run: () => void): number {
  const c0 = process.cpuUsage();
  run();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

async function cpuMsAsync(run: () => Promise<unknown>): Promise<number> {
  const c0 = process.cpuUsage();
  await run();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/**
 * Every registered stage before the checker (it reads the trees, and the entity tags when present),
 * which is what the checker sees in `vigie analyze`.
 */
async function annotate(doc: Document, lang: Lang): Promise<void> {
  const names = stageFactories.map((f) => f.name);
  const before = names.indexOf('check') > 0 ? names[names.indexOf('check') - 1] : names[names.length - 1];
  await analyzeDocument(doc, { lang, upTo: before });
}

interface Cost {
  words: number;
  pipelineMs: number;
  checkMs: number;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

/** (a) Flags on clean text. */
async function cleanText(lang: Lang, f: TreebankFile, gold: ConlluSentence[], cost: Cost): Promise<void> {
  const built = buildGoldText([gold]);
  const doc = textDocument(built.text, built.paragraphs, lang);
  const words = gold.reduce((n, s) => n + s.words.length, 0);
  const pipelineMs = await cpuMsAsync(() => annotate(doc, lang));
  let flags: Flag[] = [];
  const checkMs = cpuMs(() => {
    flags = checkDocument(doc);
  });
  cost.words += words;
  cost.pipelineMs += pipelineMs;
  cost.checkMs += checkMs;
  // Gold tokens marked Typo=Yes (built.tokens is in surface-token order, sentence after sentence).
  const typo: boolean[] = [];
  for (const s of gold) for (const t of surfaceTokens(s)) typo.push(s.words.slice(t.firstWord, t.lastWord + 1).some((w) => w.feats.includes('Typo=Yes')));
  const onTypo = (fl: Flag): boolean => built.tokens.some((t, k) => typo[k] && t.start < fl.end && fl.start < t.end);
  const typoFlags = flags.filter(onTypo);
  const falseFlags = flags.filter((fl) => !onTypo(fl));
  const byRule = new Map<string, number>();
  for (const fl of falseFlags) byRule.set(fl.rule, (byRule.get(fl.rule) ?? 0) + 1);
  const rules = [...byRule.entries()].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ');
  const tag = f.note ? ` (${f.note})` : '';
  console.log(
    `  ${`${f.name}${tag}`.padEnd(48)} ${String(words).padStart(6)} words  ${String(falseFlags.length).padStart(4)} flags  ` +
      `${((1000 * falseFlags.length) / words).toFixed(2).padStart(5)} per 1,000 words` +
      (typoFlags.length ? `  (+${typoFlags.length} on treebank-marked typos)` : '') +
      (rules ? `  [${rules}]` : ''),
  );
  if (verbose && f.split !== 'test') {
    for (const fl of falseFlags.slice(0, f.split === 'train' ? 60 : 20)) {
      const sentence = (doc.sentences ?? []).find((s) => s.start <= fl.start && fl.end <= s.end);
      const context = sentence ? doc.text.slice(sentence.start, sentence.end) : doc.text.slice(Math.max(0, fl.start - 60), fl.end + 60);
      console.log(`      ${fl.rule} "${fl.text}" → ${JSON.stringify(fl.suggestions)}: ${oneLine(context).slice(0, 220)}`);
    }
  }
}

interface RecallCounts {
  n: number;
  flagged: number;
  /** The first suggestion restores the original. */
  fixed: number;
  /** Some suggestion restores it. */
  fixedAny: number;
  misses: string[];
}

/** (b) Injected errors: one corrupted sentence per paragraph, annotated and checked together. */
async function injected(lang: Lang, label: string, corruptions: Corruption[]): Promise<void> {
  let text = '';
  const offsets: number[] = [];
  const paragraphs: { start: number; end: number }[] = [];
  for (const c of corruptions) {
    if (text.length > 0) text += '\n\n';
    offsets.push(text.length);
    text += c.text;
    paragraphs.push({ start: offsets[offsets.length - 1], end: text.length });
  }
  const doc = textDocument(text, paragraphs, lang);
  await annotate(doc, lang);
  const flags = checkDocument(doc);
  const byKind = new Map<CorruptionKind, RecallCounts>();
  const total: RecallCounts = { n: 0, flagged: 0, fixed: 0, fixedAny: 0, misses: [] };
  let fi = 0;
  corruptions.forEach((c, k) => {
    const base = offsets[k];
    const end = base + c.text.length;
    while (fi < flags.length && flags[fi].end <= base) fi++;
    const here: Flag[] = [];
    for (let j = fi; j < flags.length && flags[j].start < end; j++) here.push(flags[j]);
    const start = base + c.start;
    const stop = base + c.end;
    const overlapping = here.filter((fl) => fl.start < stop && start < fl.end);
    const original = c.text.slice(0, c.start) + c.expected + c.text.slice(c.end);
    const restores = (fl: Flag, s: string): boolean => c.text.slice(0, fl.start - base) + s + c.text.slice(fl.end - base) === original;
    const fixed = overlapping.some((fl) => fl.suggestions.length > 0 && restores(fl, fl.suggestions[0]));
    const fixedAny = overlapping.some((fl) => fl.suggestions.some((s) => restores(fl, s)));
    const counts = byKind.get(c.kind) ?? { n: 0, flagged: 0, fixed: 0, fixedAny: 0, misses: [] };
    byKind.set(c.kind, counts);
    for (const r of [counts, total]) {
      r.n++;
      if (overlapping.length) r.flagged++;
      if (fixed) r.fixed++;
      if (fixedAny) r.fixedAny++;
    }
    if (!fixed && counts.misses.length < missesShown) {
      counts.misses.push(`      ${c.kind} "${c.text.slice(c.start, c.end)}" (fix "${c.expected}")${overlapping.length ? ` flagged → ${JSON.stringify(overlapping[0].suggestions)}` : ''}: ${oneLine(c.text).slice(0, 180)}`);
    }
  });
  const pct = (a: number, b: number): string => (b ? ((100 * a) / b).toFixed(1) : '-').padStart(5);
  const line = (r: RecallCounts): string =>
    `${String(r.n).padStart(5)}  fixed ${pct(r.fixed, r.n)} %  any suggestion ${pct(r.fixedAny, r.n)} %  flagged ${pct(r.flagged, r.n)} %`;
  console.log(`  ${label}: corruptions, fixed by the first suggestion / by any / flagged at all`);
  console.log(`    ${'all'.padEnd(30)}${line(total)}`);
  for (const [kind, r] of byKind) console.log(`    ${kind.padEnd(30)}${line(r)}`);
  if (verbose) for (const r of byKind.values()) for (const m of r.misses) console.log(m);
}

async function benchLanguage(lang: Lang): Promise<void> {
  const files = TREEBANK_FILES[lang].map((f) => ({ f, gold: load(f) }));
  const splits = withTest ? ['dev', 'test'] : ['dev'];
  console.log(`\n${lang}: (a) flags on clean text, whole pipeline from raw text`);
  // Warm-up: load every model (and the checker's lexicons) before anything is timed.
  const warm = textDocument(lang === 'fr' ? 'Il est là.' : 'He is here.', [{ start: 0, end: 11 }], lang);
  warm.paragraphs[0].end = warm.text.length;
  await annotate(warm, lang);
  checkDocument(warm);
  const cost: Cost = { words: 0, pipelineMs: 0, checkMs: 0 };
  for (const { f, gold } of files) if (gold && splits.includes(f.split)) await cleanText(lang, f, gold, cost);
  const trainCost: Cost = { words: 0, pipelineMs: 0, checkMs: 0 };
  if (withTrain) for (const { f, gold } of files) if (gold && f.split === 'train') await cleanText(lang, { ...f, note: 'training data of the models' }, gold, trainCost);

  console.log(`\n${lang}: (b) injected errors (seed ${seed}; substitute forms from train + dev)`);
  const inventory = new FormInventory();
  for (const { f, gold } of files) if (gold && f.split !== 'test') inventory.add(gold);
  for (const split of splits) {
    const sources = files.filter(({ f, gold }) => gold && f.split === split);
    for (const { f, gold } of sources) {
      const corruptions = generateCorruptions(gold!, lang, inventory, { count: Math.round(corruptionCount / sources.length), seed });
      await injected(lang, f.name + (f.note ? ` (${f.note})` : ''), corruptions);
    }
  }

  console.log(`\n${lang}: (c) cost, CPU ms per 1,000 words (${splits.join(' + ')} files, ${cost.words} words)`);
  const per = (ms: number): string => ((1000 * ms) / cost.words).toFixed(1);
  console.log(
    `  pipeline before the check ${per(cost.pipelineMs)} ms; checkDocument ${per(cost.checkMs)} ms; ` +
      `with the check ${per(cost.pipelineMs + cost.checkMs)} ms (+${((100 * cost.checkMs) / cost.pipelineMs).toFixed(1)} %)`,
  );
}

for (const lang of ['fr', 'en'] as const) if (!onlyLang || onlyLang === lang) await benchLanguage(lang);
