/**
 * Training examples of the three classifiers, and one perceptron epoch over them. The examples
 * come from the same scanner and feature functions as tokenizing does; features are computed
 * once and kept in a flat pool.
 */
import { FeatureBuffer } from '../learn/features.js';
import type { PerceptronTrainer } from '../learn/perceptron.js';
import type { Abbreviations } from './abbreviations.js';
import type { GoldText } from './corpus.js';
import { gapFeatures } from './gap-features.js';
import { mwtFeatures } from './mwt-features.js';
import type { MwtLexicon } from './mwt.js';
import { ChunkScanner, scanRules } from './scan.js';
import { SentenceState, sentenceCandidate, sentenceFeatures, verbTagTable } from './sentence-features.js';
import { TokenArrays } from './token-arrays.js';
import { GUESSED, learnWordClasses, WordClasses } from './word-classes.js';

/** Features of many examples in one growable pool. */
export class ExampleSet {
  features = new Uint32Array(1 << 16);
  offsets: number[] = [0];
  labels: number[] = [];

  add(buffer: FeatureBuffer, label: number): void {
    const end = this.offsets[this.offsets.length - 1];
    if (end + buffer.length > this.features.length) {
      const f = new Uint32Array(Math.max(this.features.length * 2, end + buffer.length));
      f.set(this.features);
      this.features = f;
    }
    this.features.set(buffer.values.subarray(0, buffer.length), end);
    this.offsets.push(end + buffer.length);
    this.labels.push(label);
  }

  get size(): number {
    return this.labels.length;
  }

  positives(): number {
    let n = 0;
    for (const l of this.labels) n += l;
    return n;
  }
}

/** Fills `toks` with the gold tokens of one paragraph; returns the index of its first gold token. */
function goldParagraphTokens(gold: GoldText, firstToken: number, pEnd: number, toks: TokenArrays, sentenceStart: Uint8Array): number {
  toks.clear();
  let t = firstToken;
  while (t < gold.tokens.length && gold.tokens[t].end <= pEnd) {
    toks.push(gold.text, gold.tokens[t].start, gold.tokens[t].end);
    t++;
  }
  for (let k = 0; k < toks.length; k++) {
    const next = firstToken + k + 1;
    toks.sentenceEnd[k] = next >= gold.tokens.length || sentenceStart[next] ? 1 : 0;
  }
  return t;
}

export interface Examples {
  gap: ExampleSet;
  sentence: ExampleSet;
  mwt: ExampleSet;
  missedGaps: number;
  missedSentences: number;
}

export function collectExamples(
  gold: GoldText,
  lexicon: MwtLexicon,
  wordClasses: TagSource,
  abbreviations: Abbreviations,
  lang: 'fr' | 'en',
  joinDigitGroups: boolean,
): Examples {
  const text = gold.text;
  const boundary = new Uint8Array(text.length + 1);
  for (const t of gold.tokens) {
    boundary[t.start] = 1;
    boundary[t.end] = 1;
  }
  const goldKeys = new Set(gold.tokens.map((t) => t.start * 0x4000000 + t.end));
  const sentenceStart = new Uint8Array(gold.tokens.length + 1);
  for (const s of gold.sentenceStarts) sentenceStart[s] = 1;
  const buffer = new FeatureBuffer(64);
  const ex: Examples = { gap: new ExampleSet(), sentence: new ExampleSet(), mwt: new ExampleSet(), missedGaps: 0, missedSentences: 0 };
  const scanner = new ChunkScanner(scanRules(lang, joinDigitGroups));
  const toks = new TokenArrays();
  const state = new SentenceState(verbTagTable(wordClasses.tags));
  let firstToken = 0;
  for (const p of gold.paragraphs) {
    // Boundaries: the scanner's candidates, labelled by the gold token edges.
    scanner.scanParagraph(
      text,
      p.start,
      p.end,
      toks,
      (gap, cs, ce, chunkHash, tokenStart) => {
        gapFeatures(text, p.start, p.end, cs, ce, chunkHash, gap, tokenStart, abbreviations, scanner.rules.clitics, buffer);
        ex.gap.add(buffer, boundary[gap]);
        return boundary[gap] === 1;
      },
    );
    for (let k = 0; k < toks.length; k++) if (!goldKeys.has(toks.start[k] * 0x4000000 + toks.end[k])) ex.missedGaps++;
    // Sentences and multiword tokens: on the gold tokens.
    const next = goldParagraphTokens(gold, firstToken, p.end, toks, sentenceStart);
    toks.assignTags(text, wordClasses);
    state.reset();
    for (let t = 0; t < toks.length; t++) {
      const end = toks.sentenceEnd[t] === 1;
      if (t + 1 < toks.length) {
        if (sentenceCandidate(text, toks, t, scanner.rules.titles)) {
          sentenceFeatures(text, toks, t, state, abbreviations, buffer);
          ex.sentence.add(buffer, end ? 1 : 0);
        } else if (end) ex.missedSentences++;
        state.advance(text, toks, t, end);
      }
      const match = lexicon.match(text, toks.start[t], toks.end[t], toks.hash[t], true);
      if (match && match.ambiguous) {
        const goldWords = gold.tokens[firstToken + t].words;
        const words = lexicon.words(text, toks.start[t], toks.end[t], match.analysis);
        const same = goldWords.length === words.length && goldWords.every((w, i) => w.toLowerCase() === words[i].toLowerCase());
        const sentenceFirst = firstToken + t === 0 || sentenceStart[firstToken + t] === 1;
        mwtFeatures(text, toks, t, match.analysis, sentenceFirst, buffer);
        ex.mwt.add(buffer, same ? 1 : 0);
      }
    }
    firstToken = next;
  }
  return ex;
}

export type TagSource = { tags: readonly string[]; tagOf(text: string, start: number, end: number, hash: number): number };
const JACKKNIFE_FOLDS = 5;

/**
 * Word classes for the training examples, each part of the text tagged by a lexicon learned
 * from the other parts: at run time many words are unknown to the lexicon, and the classifiers
 * must learn from examples where that happens too. Tag ids are mapped onto `tags`.
 */
export function jackknifeClasses(gold: GoldText, sentenceInitial: (i: number) => boolean, tags: readonly string[]): TagSource {
  const n = gold.tokens.length;
  const length = gold.text.length;
  const folds: { classes: WordClasses; map: Uint8Array }[] = [];
  for (let k = 0; k < JACKKNIFE_FOLDS; k++) {
    const lo = Math.floor((k * length) / JACKKNIFE_FOLDS);
    const hi = Math.floor(((k + 1) * length) / JACKKNIFE_FOLDS);
    const index: number[] = [];
    for (let i = 0; i < n; i++) if (gold.tokens[i].start < lo || gold.tokens[i].start >= hi) index.push(i);
    const data = learnWordClasses(
      gold.text,
      index.map((i) => gold.tokens[i]),
      (j) => sentenceInitial(index[j]),
    );
    // The fold's tag ids → the full lexicon's ids (same names).
    const map = new Uint8Array(256);
    data.tags.forEach((name, id) => {
      const full = tags.indexOf(name);
      map[id] = full < 0 ? 0 : full;
      map[id | GUESSED] = full < 0 ? 0 : full | GUESSED;
    });
    folds.push({ classes: new WordClasses(data), map });
  }
  return {
    tags,
    tagOf(text, start, end, hash) {
      const f = folds[Math.min(JACKKNIFE_FOLDS - 1, Math.floor((start * JACKKNIFE_FOLDS) / length))];
      return f.map[f.classes.tagOf(text, start, end, hash)];
    },
  };
}

export function trainEpoch(trainer: PerceptronTrainer, set: ExampleSet, random: () => number, scores: Float64Array): number {
  const order = Array.from({ length: set.size }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  let errors = 0;
  for (const k of order) {
    const from = set.offsets[k];
    const feats = set.features.subarray(from, set.offsets[k + 1]);
    scores[0] = 0;
    scores[1] = 0;
    trainer.score(feats, feats.length, scores);
    const guess = scores[1] > scores[0] ? 1 : 0;
    const truth = set.labels[k];
    if (guess !== truth) {
      errors++;
      trainer.update(feats, feats.length, truth, guess);
    }
    trainer.tick();
  }
  return errors;
}
