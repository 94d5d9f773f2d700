/**
 * Tagger and lemmatizer figures: CoNLL 2018 scores (UPOS, XPOS, UFeats, AllTags, Lemmas) on the dev
 * and test files of Sequoia, GSD (French model) and EWT, from gold tokenisation and from raw text
 * (tokenizer, then tagger and lemmatizer); tagging + lemmatization speed on one core; load times.
 *
 *   npm run bench:tag                 all treebanks
 *   npm run bench:tag -- fr           French only
 *   npm run bench:tag -- --convention sequoia   French output in the Sequoia convention (default: GSD)
 *   npm run bench:tag -- --speed      speed and load time only (no scores)
 *   npm run bench:tag -- --dev        dev sets only (what model selection may look at)
 *
 * VIGIE_TAG_MODELS=DIR reads DIR/<lang>/tagger.bin and lemmatizer.bin (with the lexicon.bin beside
 * them) instead of the committed models: how experiments trained with `--out DIR` are compared.
 *
 * Reads ../shared/data/ud (or $VIGIE_SHARED). French figures are given with each treebank's own
 * convention (the model knows both) and, for Sequoia, with the pipeline default too.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseConllu, type ConlluSentence } from '../src/formats/conllu.js';
import { conlluToDocument, sentencesToConllu } from '../src/formats/document-conllu.js';
import { evaluate } from '../src/eval/conll18.js';
import { sharedDataPath } from '../src/models.js';
import type { Document, Sentence } from '../src/document.js';
import { readTagger, type Tagger } from '../src/tag/tagger.js';
import { readLemmatizer, type Lemmatizer } from '../src/lemmatize/lemmatizer.js';
import { modelPath } from '../src/models.js';
import { join } from 'node:path';

/** Model files of a language: the committed ones, or those under $VIGIE_TAG_MODELS/<lang>/. */
function taggerModelPath(lang: 'fr' | 'en', file: string): string {
  const dir = process.env.VIGIE_TAG_MODELS;
  return dir ? join(dir, lang, file) : modelPath(lang, file);
}

interface Set {
  lang: 'fr' | 'en';
  name: string;
  file: string;
  /** The annotation convention of the treebank (French). */
  convention?: string;
}

const SETS: Set[] = [
  { lang: 'fr', name: 'Sequoia dev', file: 'UD_French-Sequoia/fr_sequoia-ud-dev.conllu', convention: 'sequoia' },
  { lang: 'fr', name: 'Sequoia test', file: 'UD_French-Sequoia/fr_sequoia-ud-test.conllu', convention: 'sequoia' },
  { lang: 'fr', name: 'GSD dev*', file: 'UD_French-GSD/fr_gsd-ud-dev.conllu', convention: 'gsd' },
  { lang: 'fr', name: 'GSD test', file: 'UD_French-GSD/fr_gsd-ud-test.conllu', convention: 'gsd' },
  { lang: 'en', name: 'EWT dev', file: 'UD_English-EWT/en_ewt-ud-dev.conllu' },
  { lang: 'en', name: 'EWT test', file: 'UD_English-EWT/en_ewt-ud-test.conllu' },
];

const METRICS = ['Words', 'UPOS', 'XPOS', 'UFeats', 'AllTags', 'Lemmas'] as const;

type RawTokenizer = (text: string, lang: 'fr' | 'en') => Sentence[];

async function rawTokenizer(): Promise<RawTokenizer | null> {
  try {
    const mod = (await import('../src/tokenize/index.js')) as { tokenizeText?: RawTokenizer };
    return mod.tokenizeText ?? null;
  } catch {
    return null;
  }
}

function annotate(doc: Document, tagger: Tagger, lemmatizer: Lemmatizer, convention?: string): void {
  for (const s of doc.sentences ?? []) {
    tagger.tagWords(s.words, { convention });
    lemmatizer.lemmatizeWords(s.words);
  }
}

function row(label: string, gold: ConlluSentence[], doc: Document): string {
  const system = sentencesToConllu(doc);
  // No parser ran: heads are "_", which the evaluation accepts when told to.
  for (const s of system) for (const w of s.words) w.head = -1;
  const r = evaluate(gold, system, { allowMissingHeads: true });
  return `| ${label} | ${METRICS.map((m) => (100 * r[m].f1).toFixed(2)).join(' | ')} |`;
}

function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
}

interface SpeedSet {
  lang: 'fr' | 'en';
  /** Sentences as word forms: the input after tokenization. */
  sentences: string[][];
  words: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Tags and lemmatizes pre-tokenised sentences; returns [wall ms, CPU ms]. */
function tagAndLemmatize(set: SpeedSet, tagger: Tagger, lemmatizer: Lemmatizer): [number, number] {
  const t = performance.now();
  const cpu = cpuMs();
  let chars = 0;
  for (const forms of set.sentences) {
    const tags = tagger.tag(forms);
    for (let i = 0; i < forms.length; i++) chars += lemmatizer.lemmatize(forms[i], tags.upos[i], tags.feats[i], i === 0).length;
  }
  if (chars < 0) console.log(chars);
  return [performance.now() - t, cpuMs() - cpu];
}

/**
 * Speed of tagging + lemmatization on one thread, over the words of the gold-tokenised sets (the
 * input after tokenization), per language: load time of freshly read models, a first pass with
 * empty per-form caches ("cold": every form is new to the tagger) and the best of three further
 * passes ("warm": caches filled, as in a long ingest). CPU time of the process is reported beside
 * wall time: on a busy machine it is the fairer figure.
 */
function speed(sets: SpeedSet[]): void {
  for (const lang of ['fr', 'en'] as const) {
    const mine = sets.filter((s) => s.lang === lang);
    if (mine.length === 0) continue;
    const all: SpeedSet = { lang, sentences: mine.flatMap((s) => s.sentences), words: mine.reduce((k, s) => k + s.words, 0) };
    const c0 = cpuMs();
    const t0 = performance.now();
    const tagger = readTagger(taggerModelPath(lang, 'tagger.bin'));
    const t1 = performance.now();
    const lemmatizer = readLemmatizer(taggerModelPath(lang, 'lemmatizer.bin'));
    const t2 = performance.now();
    const loadCpu = cpuMs() - c0;
    console.log(`${lang}: model load ${(t2 - t0).toFixed(0)} ms wall, ${loadCpu.toFixed(0)} ms CPU (tagger + lexicon ${(t1 - t0).toFixed(0)} ms, lemmatizer ${(t2 - t1).toFixed(0)} ms)`);
    const [coldWall, coldCpu] = tagAndLemmatize(all, tagger, lemmatizer);
    let warmWall = Infinity;
    let warmCpu = Infinity;
    for (let k = 0; k < 3; k++) {
      const [w, c] = tagAndLemmatize(all, tagger, lemmatizer);
      warmWall = Math.min(warmWall, w);
      warmCpu = Math.min(warmCpu, c);
    }
    const rate = (ms: number): string => Math.round(all.words / (ms / 1000)).toLocaleString('en-US');
    console.log(`${lang}: tag + lemmatize ${all.words} pre-tokenised words, one thread: cold caches ${rate(coldWall)} words/s wall (${rate(coldCpu)} per CPU s); warm caches ${rate(warmWall)} words/s wall (${rate(warmCpu)} per CPU s)`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const langs = args.filter((a) => a === 'fr' || a === 'en');
  const ci = args.indexOf('--convention');
  const pipelineConvention = ci >= 0 ? args[ci + 1] : undefined;
  const speedOnly = args.includes('--speed');
  const devOnly = args.includes('--dev');
  const speedSets: SpeedSet[] = [];
  const readSet = (set: Set): ConlluSentence[] => {
    const gold = parseConllu(readFileSync(sharedDataPath('data', 'ud', set.file), 'utf8'), set.file);
    const sentences = gold.map((s) => s.words.map((w) => w.form));
    speedSets.push({ lang: set.lang, sentences, words: sentences.reduce((k, s) => k + s.length, 0) });
    return gold;
  };
  if (speedOnly) {
    for (const set of SETS) if (!langs.length || langs.includes(set.lang)) readSet(set);
    speed(speedSets);
    return;
  }
  const tokenize = await rawTokenizer();
  const models = new Map<string, { tagger: Tagger; lemmatizer: Lemmatizer }>();
  console.log('| set | Words | UPOS | XPOS | UFeats | AllTags | Lemmas |');
  console.log('|---|---|---|---|---|---|---|');
  for (const set of SETS) {
    if (langs.length && !langs.includes(set.lang)) continue;
    // GSD dev is French training data: no signal for selection.
    if (devOnly && (!set.name.includes('dev') || set.name.includes('*'))) continue;
    let m = models.get(set.lang);
    if (!m) {
      const [tagger, tms] = timed(() => readTagger(taggerModelPath(set.lang, 'tagger.bin')));
      const [lemmatizer, lms] = timed(() => readLemmatizer(taggerModelPath(set.lang, 'lemmatizer.bin')));
      console.log(`${set.lang}: tagger + lexicon loaded in ${tms.toFixed(0)} ms, lemmatizer in ${lms.toFixed(0)} ms`);
      models.set(set.lang, (m = { tagger, lemmatizer }));
    }
    const gold = readSet(set);
    const convention = set.lang === 'fr' ? (pipelineConvention ?? set.convention) : undefined;
    const doc = conlluToDocument(gold, set.lang);
    annotate(doc, m.tagger, m.lemmatizer, convention);
    console.log(row(`${set.name} gold tok.`, gold, doc));
    if (set.lang === 'fr' && !pipelineConvention && set.convention !== m.tagger.meta.defaultConvention) {
      const d2 = conlluToDocument(gold, set.lang);
      annotate(d2, m.tagger, m.lemmatizer, m.tagger.meta.defaultConvention);
      console.log(row(`${set.name} gold tok., ${m.tagger.meta.defaultConvention} conv.`, gold, d2));
    }
    if (tokenize) {
      const raw = conlluToDocument(gold, set.lang);
      raw.sentences = tokenize(raw.text, set.lang);
      annotate(raw, m.tagger, m.lemmatizer, convention);
      console.log(row(`${set.name} raw text`, gold, raw));
    }
  }
  if (!tokenize) console.log('\n(raw-text rows need src/tokenize: not available)');
  console.log('* GSD dev is French training data: its row is not a held-out figure.');
  if (!devOnly) speed(speedSets);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
