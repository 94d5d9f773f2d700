/**
 * Realistic input columns for training the parser: tags predicted by taggers that did not see
 * the sentence (jackknifing). A parser trained on gold tags trusts them too much and loses more
 * when the tagger errs; trained on k-fold predicted tags, it learns what tagging mistakes look
 * like (Stanza, UDPipe and most CoNLL 2018 systems train this way).
 *
 * The tagger is trained k times exactly as `vigie train tagger` trains it (same files, same
 * conventions), each time without one fold of the training sentences, and tags that fold with
 * its run-time default convention. Lemmas come from the committed lemmatizer applied to the
 * predicted tags. Nothing here reads a test file.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Word } from '../document.js';
import type { ConlluSentence } from '../formats/conllu.js';
import { writeConllu } from '../formats/conllu.js';
import { modelPath } from '../models.js';
import { loadTrainingData } from '../tag/training-data.js';
import { trainTagger } from '../tag/train.js';
import { loadTagger } from '../tag/tagger.js';
import type { Tagger } from '../tag/tagger.js';
import { loadLexicon } from '../tag/lexicon.js';
import { loadLemmatizer } from '../lemmatize/lemmatizer.js';
import type { ParserInput } from './encode.js';

/** Whether the committed tagger and lemmatizer exist (jackknifing and dev tagging need them). */
export function taggerAvailable(lang: 'fr' | 'en'): boolean {
  return existsSync(modelPath(lang, 'tagger.bin')) && existsSync(modelPath(lang, 'lexicon.bin')) && existsSync(modelPath(lang, 'lemmatizer.bin'));
}

/** Tags and lemmatises sentences with a tagger (the committed one unless given). */
export function predictedInputs(lang: 'fr' | 'en', sentences: readonly ConlluSentence[], tagger: Tagger = loadTagger(lang)): ParserInput[][] {
  const lemmatizer = loadLemmatizer(lang);
  return sentences.map((s) => {
    const t = tagger.tag(s.words.map((w) => w.form));
    const words: Word[] = s.words.map((w, i) => ({
      form: w.form,
      lemma: '_',
      upos: t.upos[i],
      xpos: t.xpos[i],
      feats: t.feats[i],
      head: -1,
      deprel: '_',
      token: i,
    }));
    lemmatizer.lemmatizeWords(words);
    return words.map((w) => ({ form: w.form, lemma: w.lemma, upos: w.upos, xpos: w.xpos, feats: w.feats }));
  });
}

export interface JackknifeOptions {
  lang: 'fr' | 'en';
  /** The UD data folder. */
  data: string;
  folds: number;
  /** Tagger epochs per fold (fewer shortens training at a small cost in tagging accuracy). */
  taggerEpochs: number;
  seed: number;
  log: (line: string) => void;
}

/**
 * Jackknifed input columns for the tagger's training sentences, in the order of its training
 * files (for both languages the same files and order as the parser's).
 */
export async function jackknifedInputs(opts: JackknifeOptions): Promise<{ sentences: ConlluSentence[]; inputs: ParserInput[][] }> {
  const { lang, folds } = opts;
  const data = loadTrainingData(lang, opts.data);
  const sentences = data.train.flatMap((p) => p.sentences);
  const inputs: ParserInput[][] = new Array(sentences.length);
  const lexicon = loadLexicon(modelPath(lang, 'lexicon.bin'));
  const root = mkdtempSync(join(tmpdir(), 'vigie-jackknife-'));
  try {
    for (let f = 0; f < folds; f++) {
      const started = Date.now();
      const dir = join(root, `fold${f}`);
      // The same folder layout as the UD data, with fold f left out of every training file.
      let index = 0;
      const heldOut: number[] = [];
      for (const part of data.train) {
        const kept: ConlluSentence[] = [];
        for (const s of part.sentences) {
          if (index % folds === f) heldOut.push(index);
          else kept.push(s);
          index++;
        }
        writeTreebank(join(dir, relative(opts.data, part.path)), kept);
      }
      for (const part of data.dev) writeTreebank(join(dir, relative(opts.data, part.path)), part.sentences);
      const tagger = await trainTagger({ lang, data: dir, out: join(dir, 'model'), seed: opts.seed + f, epochs: opts.taggerEpochs, lexicon, log: () => {} });
      const tagged = predictedInputs(lang, heldOut.map((i) => sentences[i]), tagger);
      heldOut.forEach((i, k) => (inputs[i] = tagged[k]));
      opts.log(`jackknife fold ${f + 1}/${folds}: tagged ${heldOut.length} sentences (${((Date.now() - started) / 1000).toFixed(0)}s)`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { sentences, inputs };
}

function writeTreebank(path: string, sentences: ConlluSentence[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, writeConllu(sentences));
}
