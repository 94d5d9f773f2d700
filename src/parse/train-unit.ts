/**
 * `vigie train parser`: reads the treebanks, trains one parser per language and writes
 * models/<lang>/parser.bin.
 *
 * Data (rules of the project): French trains on Sequoia train + GSD dev and selects the epoch
 * on Sequoia dev; English trains on EWT train and selects on EWT dev. Test files are never read.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainOptions } from '../cli/train.js';
import { parseConllu } from '../formats/conllu.js';
import type { ConlluSentence } from '../formats/conllu.js';
import { modelPath, sharedDataPath } from '../models.js';
import { VigieError } from '../errors.js';
import { saveParser } from './model.js';
import type { ParserInput } from './encode.js';
import { DEFAULT_TRAINING, collectLabels, inputWords, trainParserModel, trainingSentences } from './train.js';
import type { ParserTrainingConfig } from './train.js';
import { labelSet } from './parser.js';
import { jackknifedInputs, predictedInputs, taggerAvailable } from './jackknife.js';

export interface TreebankFiles {
  train: string[];
  dev: string;
}

/** Training and selection files per language, relative to the UD data folder. */
export const PARSER_DATA: Record<'fr' | 'en', TreebankFiles> = {
  fr: {
    train: ['UD_French-Sequoia/fr_sequoia-ud-train.conllu', 'UD_French-GSD/fr_gsd-ud-dev.conllu'],
    dev: 'UD_French-Sequoia/fr_sequoia-ud-dev.conllu',
  },
  en: {
    train: ['UD_English-EWT/en_ewt-ud-train.conllu'],
    dev: 'UD_English-EWT/en_ewt-ud-dev.conllu',
  },
};

export function readTreebank(path: string): ConlluSentence[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new VigieError(`cannot read treebank ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseConllu(text, path);
}

/** The gold input columns of treebank sentences. */
export function parserInputs(sentences: readonly ConlluSentence[]): ParserInput[][] {
  return sentences.map(inputWords);
}

/** Folds for jackknifing the tagger over the training data. */
export const JACKKNIFE_FOLDS = 4;
export const JACKKNIFE_TAGGER_EPOCHS = 10;

/**
 * The input columns the parser trains and selects on: jackknifed tags for training and the
 * committed tagger's tags for dev when the tagger and lemmatizer models exist (as after
 * `vigie train tagger` and `vigie train lemmatizer`), otherwise gold columns.
 */
async function trainingInputs(
  lang: 'fr' | 'en',
  dataDir: string,
  trainGold: ConlluSentence[],
  devGold: ConlluSentence[],
  seed: number,
  log: (line: string) => void,
): Promise<{ train: ParserInput[][]; dev: ParserInput[][]; tags: string }> {
  if (!taggerAvailable(lang)) {
    log('no tagger/lemmatizer model: training on gold tags');
    return { train: parserInputs(trainGold), dev: parserInputs(devGold), tags: 'gold' };
  }
  // Jackknifing is most of the training time; experiments on the parser alone can keep its
  // output in a file (VIGIE_JACKKNIFE_CACHE=PREFIX → PREFIX-<lang>.json) and reuse it.
  const cachePrefix = process.env.VIGIE_JACKKNIFE_CACHE;
  const cacheFile = cachePrefix ? `${cachePrefix}-${lang}.json` : null;
  let jk: { sentences: ConlluSentence[]; inputs: ParserInput[][] };
  if (cacheFile && existsSync(cacheFile)) {
    jk = { sentences: trainGold, inputs: JSON.parse(readFileSync(cacheFile, 'utf8')) as ParserInput[][] };
    if (jk.inputs.length !== trainGold.length) throw new VigieError(`${cacheFile}: ${jk.inputs.length} sentences, the training data has ${trainGold.length}`);
    log(`jackknifed tags read from ${cacheFile}`);
  } else {
    jk = await jackknifedInputs({ lang, data: dataDir, folds: JACKKNIFE_FOLDS, taggerEpochs: JACKKNIFE_TAGGER_EPOCHS, seed, log });
    if (cacheFile) writeFileSync(cacheFile, JSON.stringify(jk.inputs));
  }
  const aligned =
    jk.sentences.length === trainGold.length &&
    jk.sentences.every((s, i) => s.words.length === trainGold[i].words.length && s.words.every((w, j) => w.form === trainGold[i].words[j].form));
  if (!aligned) throw new VigieError(`parser ${lang}: the tagger's training sentences are not the parser's (${jk.sentences.length} vs ${trainGold.length})`);
  return { train: jk.inputs, dev: predictedInputs(lang, devGold), tags: `jackknifed tagger (${JACKKNIFE_FOLDS} folds) + lemmatizer` };
}

/** Input columns computed elsewhere (experiments reuse one jackknifing run). */
export type InputsProvider = (
  lang: 'fr' | 'en',
  trainGold: ConlluSentence[],
  devGold: ConlluSentence[],
) => Promise<{ train: ParserInput[][]; dev: ParserInput[][]; tags: string }>;

export async function trainParserUnit(opts: TrainOptions, config: ParserTrainingConfig = DEFAULT_TRAINING, provider?: InputsProvider): Promise<void> {
  const dataDir = opts.data ?? sharedDataPath('data', 'ud');
  for (const lang of opts.langs) {
    const files = PARSER_DATA[lang];
    const started = Date.now();
    const trainGold = files.train.flatMap((f) => readTreebank(join(dataDir, f)));
    const devGold = readTreebank(join(dataDir, files.dev));
    const labelNames = collectLabels(trainGold);
    const log = (line: string): void => void process.stderr.write(`parser ${lang}: ${line}\n`);
    const inputs = provider ? await provider(lang, trainGold, devGold) : await trainingInputs(lang, dataDir, trainGold, devGold, opts.seed, log);
    const train = trainingSentences(trainGold, inputs.train, labelSet(labelNames));
    log(`${train.length} training sentences, ${labelNames.length} relations, ${inputs.tags} tags`);
    const result = trainParserModel(train, { gold: devGold, words: inputs.dev }, labelNames, { ...config, seed: opts.seed }, log);
    const best = result.history[result.bestEpoch - 1];
    const out = opts.out ? join(opts.out, lang, 'parser.bin') : modelPath(lang, 'parser.bin');
    saveParser(out, result.transitions, result.labeller, {
      lang,
      labels: labelNames,
      training: {
        train: files.train,
        devFile: files.dev,
        tags: inputs.tags,
        config: { ...config, seed: opts.seed },
        jackknife: inputs.tags === 'gold' ? null : { folds: JACKKNIFE_FOLDS, taggerEpochs: JACKKNIFE_TAGGER_EPOCHS },
        bestEpoch: result.bestEpoch,
        devScores: best.dev,
        seconds: (Date.now() - started) / 1000,
      },
    });
    log(`transitions ${result.transitions.rows} rows, labeller ${result.labeller.rows} rows`);
    log(`best epoch ${result.bestEpoch}: dev UAS ${best.dev?.uas.toFixed(2)} LAS ${best.dev?.las.toFixed(2)}; wrote ${out} in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  }
}
