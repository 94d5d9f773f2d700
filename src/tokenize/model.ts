/**
 * The tokenizer model of one language: three binary perceptrons (token boundary at a candidate,
 * sentence end after a token, multiword split of a token) and the multiword lexicon, in one
 * model file (models/<lang>/tokenizer.bin).
 */
import { VigieError } from '../errors.js';
import { loadModel, saveModel } from '../learn/model-file.js';
import { Perceptron } from '../learn/perceptron.js';
import { modelPath } from '../models.js';
import { Abbreviations, builtInAbbreviations } from './abbreviations.js';
import { MwtLexicon, type MwtLexiconData } from './mwt.js';
import { WordClasses } from './word-classes.js';

export const TOKENIZER_KIND = 'tokenizer';
/** Bump when features or the file layout change: older files are then refused. */
export const TOKENIZER_VERSION = 1;
export const TOKENIZER_FILE = 'tokenizer.bin';

export interface TokenizerMeta {
  lang: 'fr' | 'en';
  /** Keep "20 000" whole (the treebank writes numbers with group spaces as one token). */
  joinDigitGroups: boolean;
  mwt: MwtLexiconData;
  /** Abbreviations, lower case, without their final period. */
  abbreviations: string[];
  /** Tag names of the word-class lexicon. */
  wordClassTags: string[];
  /** Training data, chosen epochs and dev scores, for the record. */
  training: Record<string, unknown>;
}

export interface TokenizerModel {
  meta: TokenizerMeta;
  gap: Perceptron;
  sentence: Perceptron;
  mwt: Perceptron;
  lexicon: MwtLexicon;
  wordClasses: WordClasses;
  abbreviations: Abbreviations;
}

export function saveTokenizerModel(path: string, model: TokenizerModel): void {
  saveModel(path, {
    kind: TOKENIZER_KIND,
    version: TOKENIZER_VERSION,
    meta: model.meta,
    arrays: {
      ...model.gap.toArrays('gap'),
      ...model.sentence.toArrays('sentence'),
      ...model.mwt.toArrays('mwt'),
      'wc.formKeys': model.wordClasses.data.formKeys,
      'wc.formTags': model.wordClasses.data.formTags,
      'wc.suffixKeys': model.wordClasses.data.suffixKeys,
      'wc.suffixTags': model.wordClasses.data.suffixTags,
    },
  });
}

export function loadTokenizerModel(path: string): TokenizerModel {
  const data = loadModel<TokenizerMeta>(path, TOKENIZER_KIND);
  if (data.version !== TOKENIZER_VERSION) {
    throw new VigieError(`${path}: tokenizer model version ${data.version}, expected ${TOKENIZER_VERSION} (retrain with "vigie train tokenizer")`);
  }
  return {
    meta: data.meta,
    gap: Perceptron.fromArrays(2, data.arrays, 'gap'),
    sentence: Perceptron.fromArrays(2, data.arrays, 'sentence'),
    mwt: Perceptron.fromArrays(2, data.arrays, 'mwt'),
    lexicon: new MwtLexicon(data.meta.mwt),
    // The built-in list of the running code joins the one stored at training, so an
    // abbreviation added to the list ("art.") is known without retraining the classifiers.
    abbreviations: new Abbreviations([...new Set([...data.meta.abbreviations, ...builtInAbbreviations(data.meta.lang)])]),
    wordClasses: new WordClasses({
      tags: data.meta.wordClassTags,
      formKeys: data.arrays['wc.formKeys'] as Uint32Array,
      formTags: data.arrays['wc.formTags'] as Uint8Array,
      suffixKeys: data.arrays['wc.suffixKeys'] as Uint32Array,
      suffixTags: data.arrays['wc.suffixTags'] as Uint8Array,
    }),
  };
}

export function tokenizerModelPath(lang: 'fr' | 'en'): string {
  return modelPath(lang, TOKENIZER_FILE);
}
