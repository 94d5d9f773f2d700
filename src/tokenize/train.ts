/**
 * Training of the tokenizer from UD treebanks (`vigie train tokenizer`).
 *
 * French: Sequoia train + GSD dev (GSD train is not available), epochs chosen on Sequoia dev.
 * English: EWT train, epochs chosen on EWT dev. Test files are never read here.
 *
 * The three classifiers see the same candidates as at run time (the scanner and feature
 * functions are shared). Features of every example are computed once; each epoch then only
 * scores and updates. After each epoch the averaged models are evaluated on the dev text from raw
 * text, and each classifier keeps its best epoch (tokens F1 for boundaries, sentences F1 for
 * sentence ends, words F1 for multiword splits).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainOptions } from '../cli/train.js';
import { VigieError } from '../errors.js';
import { parseConllu, type ConlluSentence } from '../formats/conllu.js';
import { Perceptron, PerceptronTrainer } from '../learn/perceptron.js';
import { packageRoot, sharedDataPath } from '../models.js';
import { buildGoldText, newsTypography, seededRandom, type GoldText } from './corpus.js';
import { collectExamples, jackknifeClasses, trainEpoch } from './examples.js';
import { scoreSegmentation, type SegmentationScores } from './metrics.js';
import { learnMwtLexicon, MwtLexicon } from './mwt.js';
import { saveTokenizerModel, TOKENIZER_FILE, type TokenizerMeta, type TokenizerModel } from './model.js';
import { learnWordClasses, WordClasses } from './word-classes.js';
import { Abbreviations, builtInAbbreviations, learnAbbreviations } from './abbreviations.js';
import { averagePerceptrons } from '../learn/average.js';
import { Tokenizer } from './tokenizer.js';

/** Training files per language, relative to the UD data folder. */
export const TOKENIZER_DATA = {
  fr: {
    train: ['UD_French-Sequoia/fr_sequoia-ud-train.conllu', 'UD_French-GSD/fr_gsd-ud-dev.conllu'],
    dev: 'UD_French-Sequoia/fr_sequoia-ud-dev.conllu',
  },
  en: {
    train: ['UD_English-EWT/en_ewt-ud-train.conllu'],
    dev: 'UD_English-EWT/en_ewt-ud-dev.conllu',
  },
} as const;

export interface TokenizerTrainingConfig {
  epochs: number;
  /** Training and selection files (default TOKENIZER_DATA[lang]); experiments may change them. */
  files?: { train: readonly string[]; dev: string };
  /** Keep each classifier's best epoch on dev (else the last epoch; experiments). */
  selectEpoch?: boolean;
  /** Extra held-out files to report each epoch (experiments only). */
  report?: readonly string[];
  /** Averaged weights below this (in absolute value, for both classes) are dropped. */
  prune: number;
  /** Share of training sentences rewritten with news typography (« », “ ”, …). */
  augment: number;
  /**
   * Sentence-end perceptrons trained on different shuffles and summed into one model: the
   * decisions of a single averaged perceptron swing by a point of sentence F1 with the shuffle,
   * the sum much less; scoring cost is unchanged (one table).
   */
  sentenceEnsemble?: number;
  /** The same for the token-boundary perceptron. */
  gapEnsemble?: number;
  /**
   * Rows of a summed model whose mean weights all stay below this are dropped: 0.5 keeps a
   * smaller table than one member pruned at `prune` with the same dev scores (faster scoring).
   */
  ensemblePrune?: number;
}

export const DEFAULT_TRAINING: TokenizerTrainingConfig = { epochs: 12, prune: 0.02, augment: 0.4, sentenceEnsemble: 5, gapEnsemble: 3, ensemblePrune: 0.5 };

function readTreebank(dataDir: string, file: string): ConlluSentence[] {
  const path = join(dataDir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new VigieError(`cannot read training data ${path} (set --data or VIGIE_SHARED)`);
  }
  return parseConllu(text, path);
}

function log(msg: string): void {
  process.stderr.write(`[tokenizer] ${msg}\n`);
}

/** Learns whether the treebank writes numbers like "20 000" as one token. */
function learnDigitGroups(gold: GoldText): boolean {
  let grouped = 0;
  for (const t of gold.tokens) {
    const form = gold.text.slice(t.start, t.end);
    if (/^\d{1,3}(\s\d{3})+([.,]\d+)?$/.test(form)) grouped++;
  }
  return grouped >= 3;
}

function fmt(s: SegmentationScores): string {
  const p = (x: number): string => (100 * x).toFixed(2);
  return `tokens ${p(s.tokens.f1)} words ${p(s.words.f1)} sentences ${p(s.sentences.f1)}`;
}

/** Trains the tokenizer of one language and returns the model (not saved). */
export function trainTokenizerModel(
  lang: 'fr' | 'en',
  dataDir: string,
  seed: number,
  config: TokenizerTrainingConfig = DEFAULT_TRAINING,
): { model: TokenizerModel; dev: SegmentationScores } {
  const started = Date.now();
  const files = config.files ?? TOKENIZER_DATA[lang];
  const reportGold = (config.report ?? []).map((f) => buildGoldText([readTreebank(dataDir, f)]));
  const trainFiles = files.train.map((f) => readTreebank(dataDir, f));
  const devGold = buildGoldText([readTreebank(dataDir, files.dev)]);
  // The lexicon and digit-group convention come from the untouched training text; the
  // classifiers also see a share of it with news typography.
  const plainGold = buildGoldText(trainFiles);
  const trainGold = config.augment > 0 ? buildGoldText(trainFiles, newsTypography(lang, seed, config.augment)) : plainGold;
  const lexiconData = learnMwtLexicon(plainGold.text, plainGold.tokens);
  const lexicon = new MwtLexicon(lexiconData);
  const joinDigitGroups = learnDigitGroups(plainGold);
  const initial = new Set(plainGold.sentenceStarts);
  const wordClasses = new WordClasses(learnWordClasses(plainGold.text, plainGold.tokens, (i) => initial.has(i)));
  const trainingClasses = jackknifeClasses(plainGold, (i) => initial.has(i), wordClasses.data.tags);
  const abbreviationList = [...new Set([...builtInAbbreviations(lang), ...learnAbbreviations(plainGold.text, plainGold.tokens)])].sort();
  const abbreviations = new Abbreviations(abbreviationList);
  log(
    `${lang}: ${trainGold.tokens.length} training tokens, ${trainGold.text.length} chars; ` +
      `${lexiconData.forms.length} multiword forms, ${lexiconData.suffixes.length} suffix rules (${lexiconData.suffixes.map((s) => s.suffix).join(' ')}); digit groups ${joinDigitGroups}; ${wordClasses.data.formKeys.length} word classes; ${abbreviationList.length} abbreviations`,
  );
  const ex = collectExamples(trainGold, lexicon, trainingClasses, abbreviations, lang, joinDigitGroups);
  log(
    `${lang}: examples gap ${ex.gap.size} (${ex.gap.positives()} boundaries), sentence ${ex.sentence.size} (${ex.sentence.positives()} ends), ` +
      `mwt ${ex.mwt.size} (${ex.mwt.positives()} splits); tokens unreachable from candidates ${ex.missedGaps}, sentence ends outside candidates ${ex.missedSentences}`,
  );
  const trainers = { gap: new PerceptronTrainer(2), sentence: new PerceptronTrainer(2), mwt: new PerceptronTrainer(2) };
  const random = seededRandom(seed);
  const extraMembers = (n: number | undefined, salt: number): { trainer: PerceptronTrainer; random: () => number }[] =>
    Array.from({ length: Math.max(1, n ?? 1) - 1 }, (_, k) => ({
      trainer: new PerceptronTrainer(2),
      random: seededRandom(seed * 1000 + salt + k + 1),
    }));
  const extraSentence = extraMembers(config.sentenceEnsemble, 0);
  const extraGap = extraMembers(config.gapEnsemble, 100);
  const scores = new Float64Array(2);
  const meta: TokenizerMeta = {
    lang,
    joinDigitGroups,
    mwt: lexiconData,
    wordClassTags: wordClasses.data.tags,
    abbreviations: abbreviationList,
    training: {},
  };
  type Best = { epoch: number; score: number; model: Perceptron | null };
  const best: Record<'gap' | 'sentence' | 'mwt', Best> = {
    gap: { epoch: 0, score: -1, model: null },
    sentence: { epoch: 0, score: -1, model: null },
    mwt: { epoch: 0, score: -1, model: null },
  };
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const errors = {
      gap: trainEpoch(trainers.gap, ex.gap, random, scores),
      sentence: trainEpoch(trainers.sentence, ex.sentence, random, scores),
      mwt: trainEpoch(trainers.mwt, ex.mwt, random, scores),
    };
    for (const e of extraSentence) trainEpoch(e.trainer, ex.sentence, e.random, scores);
    for (const e of extraGap) trainEpoch(e.trainer, ex.gap, e.random, scores);
    const models = {
      gap: averagePerceptrons([trainers.gap.finish(config.prune), ...extraGap.map((e) => e.trainer.finish(config.prune))], config.ensemblePrune ?? config.prune),
      sentence: averagePerceptrons([trainers.sentence.finish(config.prune), ...extraSentence.map((e) => e.trainer.finish(config.prune))], config.ensemblePrune ?? config.prune),
      mwt: trainers.mwt.finish(config.prune),
    };
    const tokenizer = new Tokenizer({ meta, ...models, lexicon, wordClasses, abbreviations });
    const dev = scoreSegmentation(devGold, tokenizer.tokenizeParagraphs(devGold.text, devGold.paragraphs));
    const extra = reportGold.map((g) => ` | ${fmt(scoreSegmentation(g, tokenizer.tokenizeParagraphs(g.text, g.paragraphs)))}`).join('');
    log(`${lang}: epoch ${epoch} errors gap ${errors.gap} sentence ${errors.sentence} mwt ${errors.mwt}; dev ${fmt(dev)}${extra}`);
    const consider = (k: 'gap' | 'sentence' | 'mwt', score: number): void => {
      if (score > best[k].score || config.selectEpoch === false) best[k] = { epoch, score, model: models[k] };
    };
    consider('gap', dev.tokens.f1);
    consider('sentence', dev.sentences.f1);
    consider('mwt', dev.words.f1);
  }
  const model: TokenizerModel = {
    meta,
    gap: best.gap.model!,
    sentence: best.sentence.model!,
    mwt: best.mwt.model!,
    lexicon,
    wordClasses,
    abbreviations,
  };
  const dev = scoreSegmentation(devGold, new Tokenizer(model).tokenizeParagraphs(devGold.text, devGold.paragraphs));
  const seconds = (Date.now() - started) / 1000;
  meta.training = {
    train: files.train,
    dev: files.dev,
    seed,
    config,
    epochs: { gap: best.gap.epoch, sentence: best.sentence.epoch, mwt: best.mwt.epoch },
    rows: { gap: model.gap.rows, sentence: model.sentence.rows, mwt: model.mwt.rows },
    devF1: { tokens: round(dev.tokens.f1), words: round(dev.words.f1), sentences: round(dev.sentences.f1) },
    seconds: Math.round(seconds),
  };
  log(
    `${lang}: chose epochs gap ${best.gap.epoch} sentence ${best.sentence.epoch} mwt ${best.mwt.epoch}; dev ${fmt(dev)}; ${seconds.toFixed(1)} s`,
  );
  return { model, dev };
}

function round(x: number): number {
  return Math.round(x * 10000) / 100;
}

/** `vigie train tokenizer`: trains and saves models/<lang>/tokenizer.bin for each language. */
export async function trainTokenizer(opts: TrainOptions): Promise<void> {
  const dataDir = opts.data ?? sharedDataPath('data', 'ud');
  const outDir = opts.out ?? join(packageRoot, 'models');
  for (const lang of opts.langs) {
    const { model } = trainTokenizerModel(lang, dataDir, opts.seed);
    const path = join(outDir, lang, TOKENIZER_FILE);
    saveTokenizerModel(path, model);
    log(`${lang}: wrote ${path}`);
  }
}
