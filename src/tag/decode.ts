/**
 * Decoding steps shared by training (with the trainer's live weights) and tagging (with the
 * finished model): greedy left-to-right UPOS, then morphology per word given all UPOS.
 */
import { FeatureBuffer } from '../learn/features.js';
import { addConventionCopies, morphContextFeatures, uposContextFeatures, uposRightFeatures, uposStaticFeatures } from './features.js';
import type { MorphSpec } from './model.js';
import type { WordInfo } from './word-info.js';

/** Anything that adds feature weights to a score vector: a PerceptronTrainer or a Perceptron. */
export interface Scorer {
  score(features: ArrayLike<number>, n: number, scores: Float32Array | Float64Array): void;
}

/** Static feature hashes of a word, with convention copies (-1: none). */
export function staticFeatures(w: WordInfo, convention: number, buf: FeatureBuffer): Uint32Array {
  buf.clear();
  uposStaticFeatures(w, buf);
  if (convention >= 0) addConventionCopies(buf, 0, convention);
  return buf.values.slice(0, buf.length);
}

/** Words whose gender and number an adjective or participle at i may agree with. */
export function agreementSource(upos: ArrayLike<number>, i: number, sourceMask: number): number {
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) if ((sourceMask >>> upos[j]) & 1) return j;
  return -1;
}

/** Index of the largest score among columns [from, to). */
function argmaxRange(scores: Float32Array | Float64Array, from: number, to: number): number {
  let best = from;
  for (let c = from + 1; c < to; c++) if (scores[c] > scores[best]) best = c;
  return best - from;
}

/**
 * Chooses one value per head from the column scores: the best seen combination when
 * `comboDecoding`, else the best value of each head independently. Writes value indexes to `out`.
 */
export function decodeMorph(spec: MorphSpec, offsets: Int32Array, scores: Float32Array | Float64Array, comboDecoding: boolean, out: Int32Array): void {
  const H = spec.heads.length;
  if (!comboDecoding || spec.combos.length === 0) {
    for (let h = 0; h < H; h++) out[h] = argmaxRange(scores, offsets[h], offsets[h + 1]);
    return;
  }
  let best = -Infinity;
  let bestCombo = spec.combos[0];
  for (const combo of spec.combos) {
    let s = 0;
    for (let h = 0; h < H; h++) s += scores[offsets[h] + combo[h]];
    if (s > best) {
      best = s;
      bestCombo = combo;
    }
  }
  for (let h = 0; h < H; h++) out[h] = bestCombo[h];
}

/** Feature hashes of the morphology decision at i (static copies included). */
export function morphFeatures(
  words: WordInfo[],
  statics: Uint32Array[],
  upos: ArrayLike<number>,
  none: number,
  i: number,
  sourceMask: number,
  buf: FeatureBuffer,
): void {
  buf.clear();
  const s = statics[i];
  for (let k = 0; k < s.length; k++) buf.push(s[k]);
  morphContextFeatures(words, upos, none, i, agreementSource(upos, i, sourceMask), buf);
}

/** The context part only of the morphology features at i (the static part is scored once per form). */
export function morphContext(words: WordInfo[], upos: ArrayLike<number>, none: number, i: number, sourceMask: number, buf: FeatureBuffer): void {
  buf.clear();
  morphContextFeatures(words, upos, none, i, agreementSource(upos, i, sourceMask), buf);
}

/**
 * Context feature hashes of the UPOS decision at i. In the second pass, `right` holds the first
 * pass's tags of the sentence and `end` the id standing for "after the last word".
 */
export function uposFeatures(words: WordInfo[], i: number, prev1: number, prev2: number, buf: FeatureBuffer, right: Int32Array | null = null, end = 0): void {
  buf.clear();
  uposContextFeatures(words, i, prev1, prev2, buf);
  if (right) uposRightFeatures(words, i, prev1, right, end, buf);
}

