/**
 * Dependency-parser benchmark: CoNLL 2018 scores and speed on the UD dev and test files.
 *
 *   npm run bench:parse            (after a build)
 *   VIGIE_SHARED=/path/to/shared   where the shared folder is (default: ../shared next to the repo)
 *   BENCH_LANG=fr|en               one language only
 *   BENCH_SPEED_ROUNDS=n           passes over the test files for the speed figures (default 3)
 *   --pipeline-memory fr|en        (internal) peak RSS of the pipeline alone, run in a child process
 *
 * Three settings per file:
 *   gold tags  gold tokenisation, gold UPOS/XPOS/FEATS/lemmas: the parser alone
 *   gold tok   gold tokenisation, tags and lemmas from the pipeline's own stages (when present)
 *   raw text   the sentence texts of the file through the whole pipeline (tokenizer onwards)
 * GSD dev is part of the French parser's training data: its figures are not held-out.
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ConlluSentence } from '../src/formats/conllu.js';
import { conlluToDocument, sentencesToConllu } from '../src/formats/document-conllu.js';
import type { Document } from '../src/document.js';
import { buildGoldText } from '../src/tokenize/corpus.js';
import { evaluate } from '../src/eval/conll18.js';
import type { EvalResult } from '../src/eval/conll18.js';
import { sharedDataPath } from '../src/models.js';
import { stageFactories } from '../src/pipeline.js';
import type { Stage } from '../src/pipeline.js';
import { loadParser, parserModelPath } from '../src/parse/index.js';
import { inputWords } from '../src/parse/train.js';
import { tokenizerStage } from '../src/tokenize/index.js';
import { readTreebank } from '../src/parse/train-unit.js';

import { cpuSeconds, evaluationFiles, textDocument, type BenchLang as Lang } from './common.js';

const METRICS = ['UAS', 'LAS', 'CLAS', 'MLAS', 'BLEX'] as const;

function pct(x: number): string {
  return (100 * x).toFixed(2).padStart(6);
}

function row(label: string, r: EvalResult): string {
  return `  ${label.padEnd(28)} ${METRICS.map((m) => pct(r[m].f1)).join(' ')}`;
}

/** Gold sentences with the parser's heads and relations in place of the gold ones. */
function parseGoldTagged(lang: Lang, gold: ConlluSentence[]): ConlluSentence[] {
  const parser = loadParser(lang);
  return gold.map((s) => {
    const r = parser.parse(inputWords(s));
    return { ...s, words: s.words.map((w, i) => ({ ...w, head: r.heads[i] + 1, deprel: r.deprels[i] })) };
  });
}

/**
 * The pipeline from text to trees: the registered stages up to and including the parser, with
 * the tokenizer in front when it is not registered itself.
 */
function pipelineStages(lang: Lang): Stage[] {
  const stages: Stage[] = [];
  for (const f of stageFactories) {
    stages.push(f.create(lang));
    if (f.name === 'parse') break;
  }
  if (!stages.some((s) => s.assigns.includes('sentences'))) stages.unshift(tokenizerStage(lang));
  return stages;
}

/** The stages after the tokenizer (tagger, lemmatizer, parser). */
function stagesAfterTokenizer(lang: Lang): Stage[] {
  return pipelineStages(lang).filter((s) => !s.assigns.includes('sentences'));
}

function runStages(stages: Stage[], doc: Document): void {
  for (const s of stages) {
    s.run(doc);
    doc.stages.push({ name: s.name, model: s.model });
  }
}

/** The raw text of a treebank file: sentence texts, paragraphs at "# newpar". */
/** The raw text of a treebank file as the CoNLL 2018 shared task gives it (see src/tokenize/corpus.ts). */
function rawDocument(gold: ConlluSentence[], lang: Lang): Document {
  const raw = buildGoldText([gold]);
  return textDocument(raw.text, raw.paragraphs, lang);
}

function rate(words: number, t: { wall: number; cpu: number }): string {
  const f = (s: number): string => Math.round(words / s).toLocaleString('en');
  return `${f(t.cpu)} words/s per CPU second (${f(t.wall)} words/s wall clock)`;
}

function wordsOf(gold: ConlluSentence[]): number {
  return gold.reduce((n, s) => n + s.words.length, 0);
}

function benchLanguage(lang: Lang, rounds: number): void {
  if (!existsSync(parserModelPath(lang))) {
    console.log(`${lang}: no parser model (${parserModelPath(lang)})`);
    return;
  }
  const names = pipelineStages(lang).map((s) => s.name);
  const hasTagger = names.includes('tag');
  const hasTokenizer = names.includes('tokenize');
  console.log(`\n${lang}: pipeline stages [${names.join(', ')}]`);
  console.log(`  ${''.padEnd(28)} ${METRICS.map((m) => m.padStart(6)).join(' ')}`);
  const tests: ConlluSentence[][] = [];
  for (const f of evaluationFiles(lang)) {
    const path = sharedDataPath('data', 'ud', f.path);
    if (!existsSync(path)) {
      console.log(`  ${f.name}: missing ${path}`);
      continue;
    }
    const gold = readTreebank(path);
    if (f.name.endsWith('test')) tests.push(gold);
    const tag = f.note ? ` (${f.note})` : '';
    console.log(row(`${f.name}${tag}, gold tags`, evaluate(gold, parseGoldTagged(lang, gold))));
    if (hasTagger) {
      const doc = conlluToDocument(gold, lang);
      runStages(stagesAfterTokenizer(lang), doc);
      console.log(row(`${f.name}${tag}, gold tok`, evaluate(gold, sentencesToConllu(doc))));
    }
    if (hasTokenizer && hasTagger) {
      const doc = rawDocument(gold, lang);
      runStages(pipelineStages(lang), doc);
      console.log(row(`${f.name}${tag}, raw text`, evaluate(gold, sentencesToConllu(doc))));
    }
  }
  if (tests.length === 0) return;

  // Speed on the test files: the parser alone on gold-tagged words, then text → tree.
  const inputs = tests.flatMap((g) => g.map(inputWords));
  const words = tests.reduce((n, g) => n + wordsOf(g), 0);
  const parser = loadParser(lang);
  for (const w of inputs) parser.parse(w); // warm-up
  const timed = cpuSeconds(() => {
    for (let r = 0; r < rounds; r++) for (const w of inputs) parser.parse(w);
  });
  console.log(`  parser alone (${words} words × ${rounds}): ${rate(words * rounds, timed)}`);
  if (hasTokenizer && hasTagger) {
    const stages = pipelineStages(lang);
    runStages(stages, rawDocument(tests[0], lang)); // warm-up
    const timed = cpuSeconds(() => {
      for (let r = 0; r < rounds; r++) for (const g of tests) runStages(stages, rawDocument(g, lang));
    });
    console.log(`  whole pipeline (text → tree, ${stages.map((s) => s.name).join(' → ')}): ${rate(words * rounds, timed)}`);
  }
}

/**
 * Child-process mode: what the pipeline itself needs. Loads one language's stages, runs the raw
 * text of its test files through them (the gold trees are dropped once the text is built), and
 * prints the process's peak RSS. The parent bench process also holds every treebank, parse and
 * evaluation, so its own peak overstates the pipeline's.
 */
function pipelineMemory(lang: Lang): void {
  const texts: Document[] = [];
  for (const f of evaluationFiles(lang)) {
    const path = sharedDataPath('data', 'ud', f.path);
    if (f.name.endsWith('test') && existsSync(path)) texts.push(rawDocument(readTreebank(path), lang));
  }
  const stages = pipelineStages(lang);
  let words = 0;
  for (const doc of texts) {
    runStages(stages, doc);
    for (const s of doc.sentences ?? []) words += s.words.length;
  }
  console.log(`${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB peak RSS (${words} words)`);
}

const only = process.env.BENCH_LANG as Lang | undefined;
const rounds = Math.max(1, Number(process.env.BENCH_SPEED_ROUNDS ?? 3) || 3);
const memoryArg = process.argv.indexOf('--pipeline-memory');
if (memoryArg >= 0) {
  pipelineMemory(process.argv[memoryArg + 1] === 'en' ? 'en' : 'fr');
} else {
  for (const lang of ['fr', 'en'] as const) if (!only || only === lang) benchLanguage(lang, rounds);
  const mem = process.memoryUsage();
  console.log(`\npeak RSS of this bench process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (heap used now ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB)`);
  for (const lang of ['fr', 'en'] as const) {
    if (only && only !== lang) continue;
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--pipeline-memory', lang], { encoding: 'utf8' });
    console.log(`pipeline alone (${lang}: models + raw text of the test files, one process): ${out.trim()}`);
  }
}
