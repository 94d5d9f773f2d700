/**
 * Which treebank files train and select the tagger and lemmatizer, and reading them with clear
 * errors. French trains on Sequoia train + GSD dev (GSD train is not available) and selects on
 * Sequoia dev; English trains on EWT train and selects on EWT dev. Test files are never read here.
 *
 * `--data` may name a folder holding the UD_* treebank folders, or one .conllu file, which is then
 * the whole training set (no dev selection): the way to train on other data and to test errors.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseConllu, type ConlluSentence } from '../formats/conllu.js';
import { VigieError } from '../errors.js';
import { sharedDataPath } from '../models.js';
import { seededRandom as mulberry32 } from '../learn/random.js';

export interface TreebankPart {
  name: string;
  path: string;
  sentences: ConlluSentence[];
  /** Annotation convention id (index into `conventions`). */
  convention: number;
}

export interface TrainingData {
  lang: 'fr' | 'en';
  conventions: string[];
  train: TreebankPart[];
  dev: TreebankPart[];
}

function readTreebank(path: string, name: string, convention: number): TreebankPart {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new VigieError(`cannot read training data ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const sentences = parseConllu(text, path);
  if (sentences.length === 0) throw new VigieError(`${path}: no sentences (empty or comment-only CoNLL-U file)`);
  let tagged = 0;
  let words = 0;
  for (const s of sentences) {
    for (const w of s.words) {
      words++;
      if (w.upos !== '_') tagged++;
    }
  }
  if (tagged === 0) throw new VigieError(`${path}: no word has a UPOS tag, nothing to learn from`);
  if (tagged < words * 0.5) throw new VigieError(`${path}: only ${tagged} of ${words} words have a UPOS tag`);
  return { name, path, sentences, convention };
}

const LAYOUT = {
  fr: {
    conventions: ['sequoia', 'gsd'],
    train: [
      ['UD_French-Sequoia/fr_sequoia-ud-train.conllu', 'sequoia-train', 0],
      ['UD_French-GSD/fr_gsd-ud-dev.conllu', 'gsd-dev', 1],
    ],
    dev: [['UD_French-Sequoia/fr_sequoia-ud-dev.conllu', 'sequoia-dev', 0]],
  },
  en: {
    conventions: [],
    train: [['UD_English-EWT/en_ewt-ud-train.conllu', 'ewt-train', -1]],
    dev: [['UD_English-EWT/en_ewt-ud-dev.conllu', 'ewt-dev', -1]],
  },
} as const;

export function loadTrainingData(lang: 'fr' | 'en', data?: string): TrainingData {
  const base = data ?? sharedDataPath('data', 'ud');
  let isFile = false;
  try {
    isFile = statSync(base).isFile();
  } catch {
    throw new VigieError(`training data not found: ${base}`);
  }
  if (isFile) {
    // One file: trained as the default convention, without dev selection.
    const layout = LAYOUT[lang];
    return { lang, conventions: [...layout.conventions], train: [readTreebank(base, 'file', layout.conventions.length ? 0 : -1)], dev: [] };
  }
  const layout = LAYOUT[lang];
  return {
    lang,
    conventions: [...layout.conventions],
    train: layout.train.map(([p, name, c]) => readTreebank(join(base, p), name, c)),
    dev: layout.dev.map(([p, name, c]) => readTreebank(join(base, p), name, c)),
  };
}

/** The shared generator, with seed 0 read as 1 (as the committed models were trained). */
export function seededRandom(seed: number): () => number {
  return mulberry32(seed >>> 0 || 1);
}

export function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
