/**
 * The greedy arc-hybrid parser: a transition classifier picks SHIFT / LEFT / RIGHT, and an arc
 * labeller picks the relation of each arc as it is made. Both are averaged perceptrons over
 * hashed features; splitting the decision keeps the transition model at three weights per
 * feature and lets the labeller see the finished dependent.
 */
import { FeatureBuffer } from '../learn/features.js';
import { argmax } from '../learn/perceptron.js';
import { PackedPerceptron } from '../learn/packed-perceptron.js';
import { ArcHybridState, SHIFT, TRANSITION_COUNT } from './arc-hybrid.js';
import { EncodedSentence } from './encode.js';
import type { ParserInput } from './encode.js';
import { MAX_FEATURES, labelFeatures, transitionFeatures } from './features.js';

/** Anything that adds class scores for a feature vector (a finished model or a trainer). */
export interface Scorer {
  score(features: ArrayLike<number>, n: number, scores: Float32Array | Float64Array): void;
}

export interface ParseResult {
  /** Head of each word (index into the words) or -1 for the root. */
  heads: Int32Array;
  deprels: string[];
  /** Transitions taken: exactly 2 × words. */
  transitions: number;
}

/** Label ids: 0..L-1 are the labeller's classes, L is "root", L+1 is "no label yet". */
export interface LabelSet {
  names: readonly string[];
  rootId: number;
  noneId: number;
}

export function labelSet(names: readonly string[]): LabelSet {
  return { names, rootId: names.length, noneId: names.length + 1 };
}

/** Reusable buffers for one parse at a time. */
export class ParseScratch {
  readonly features = new FeatureBuffer(MAX_FEATURES);
  readonly transitionScores = new Float64Array(TRANSITION_COUNT);
  labelScores: Float64Array;

  constructor(nLabels: number) {
    this.labelScores = new Float64Array(nLabels);
  }
}

/** The best legal transition by `scores`. */
export function bestLegal(st: ArcHybridState, scores: Float64Array): number {
  let best = -1;
  for (let t = 0; t < TRANSITION_COUNT; t++) {
    if (st.isLegal(t) && (best < 0 || scores[t] > scores[best])) best = t;
  }
  return best;
}

/** The labeller's best label for the arc `head → dep` (never "root"). */
export function bestLabel(
  e: EncodedSentence,
  st: ArcHybridState,
  t: number,
  head: number,
  dep: number,
  labeller: Scorer,
  scratch: ParseScratch,
): number {
  labelFeatures(e, st, t, head, dep, scratch.features);
  const scores = scratch.labelScores;
  scores.fill(0);
  labeller.score(scratch.features.values, scratch.features.length, scores);
  return argmax(scores);
}

/** Parses an encoded sentence greedily; returns the final state. */
export function parseEncoded(e: EncodedSentence, transitions: Scorer, labeller: Scorer, labels: LabelSet, scratch: ParseScratch): ArcHybridState {
  const st = new ArcHybridState(e.n, labels.noneId);
  const scores = scratch.transitionScores;
  while (!st.isTerminal()) {
    let t = st.forced();
    if (t < 0) {
      transitionFeatures(e, st, scratch.features);
      scores.fill(0);
      transitions.score(scratch.features.values, scratch.features.length, scores);
      t = bestLegal(st, scores);
    }
    let label = labels.noneId;
    if (t !== SHIFT) {
      const head = st.arcHead(t);
      const dep = st.s(0);
      label = head === st.root ? labels.rootId : bestLabel(e, st, t, head, dep, labeller, scratch);
    }
    st.apply(t, label);
  }
  return st;
}

/** Heads (-1 for the root) and relation names from a terminal state. */
export function resultOf(st: ArcHybridState, labels: LabelSet): ParseResult {
  const n = st.n;
  const heads = new Int32Array(n);
  const deprels: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const h = st.heads[i];
    heads[i] = h === st.root ? -1 : h;
    const l = st.labels[i];
    deprels[i] = l === labels.rootId ? 'root' : labels.names[l];
  }
  return { heads, deprels, transitions: st.steps };
}

/** A loaded parser for one language. */
export class Parser {
  readonly labels: LabelSet;
  private readonly scratch: ParseScratch;

  readonly transitions: Scorer;
  readonly labeller: Scorer;

  constructor(transitions: PackedPerceptron, labeller: PackedPerceptron, labelNames: readonly string[]) {
    this.transitions = transitions;
    this.labeller = labeller;
    this.labels = labelSet(labelNames);
    this.scratch = new ParseScratch(labelNames.length);
  }

  /** Parses one sentence of tagged words. Always returns a single-rooted tree. */
  parse(words: readonly ParserInput[]): ParseResult {
    if (words.length === 0) return { heads: new Int32Array(0), deprels: [], transitions: 0 };
    const st = parseEncoded(new EncodedSentence(words), this.transitions, this.labeller, this.labels, this.scratch);
    return resultOf(st, this.labels);
  }
}
