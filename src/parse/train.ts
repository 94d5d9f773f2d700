/**
 * Training of the parser: greedy arc-hybrid with a dynamic oracle and error exploration
 * (Goldberg & Nivre 2012/2013), averaged perceptrons, epoch selected on the dev treebank.
 */
import { PerceptronTrainer, argmax } from '../learn/perceptron.js';
import type { Perceptron } from '../learn/perceptron.js';
import { PackedPerceptron } from '../learn/packed-perceptron.js';
import type { ConlluSentence } from '../formats/conllu.js';
import { ArcHybridState, GoldTree, SHIFT, TRANSITION_COUNT, transitionCosts } from './arc-hybrid.js';
import { EncodedSentence } from './encode.js';
import type { ParserInput } from './encode.js';
import { transitionFeatures, labelFeatures } from './features.js';
import { Parser, ParseScratch, bestLegal, labelSet } from './parser.js';
import type { LabelSet } from './parser.js';
import { projectivize } from './tree.js';
import { attachmentScores } from './evaluate.js';
import type { AttachmentScores } from './evaluate.js';
import { seededRandom } from '../learn/random.js';

export interface ParserTrainingConfig {
  epochs: number;
  /** First epoch (0-based) in which the trainer follows its own, possibly wrong, transitions. */
  exploreFrom: number;
  /** Probability of following the model's transition instead of an oracle one once exploring. */
  exploreProbability: number;
  /** Drop features whose averaged weights all stay below this (model size). */
  pruneBelow: number;
  /** Drop transition features updated fewer times than this (model size and parsing speed). */
  minUpdates: number;
  /** The same for the labeller. */
  labelMinUpdates: number;
  /** First epoch (1-based) whose model is evaluated on dev and may be kept. */
  evaluateFrom: number;
  seed: number;
}

export const DEFAULT_TRAINING: ParserTrainingConfig = {
  epochs: 12,
  exploreFrom: 1,
  exploreProbability: 0.9,
  pruneBelow: 0,
  // Dropping features seen in fewer than 2 transition mistakes (and 2 labelling mistakes) cuts
  // the tables about threefold; a threshold of 3 cut them a further third but cost 0.13 UAS on
  // EWT dev (gold tags) and 0.2 LAS on French dev.
  minUpdates: 2,
  labelMinUpdates: 2,
  evaluateFrom: 4,
  seed: 1,
};

/** A training sentence: the parser's input columns and the (projectivised) gold tree. */
export interface TrainingSentence {
  words: ParserInput[];
  encoded: EncodedSentence;
  gold: GoldTree;
}

/** Relation inventory of the training sentences ("root" excluded), most frequent first. */
export function collectLabels(sentences: readonly ConlluSentence[]): string[] {
  const counts = new Map<string, number>();
  for (const s of sentences) {
    for (const w of s.words) if (w.deprel !== 'root') counts.set(w.deprel, (counts.get(w.deprel) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([l]) => l);
}

/** The parser's input columns of a CoNLL-U sentence (gold or predicted, whatever the file holds). */
export function inputWords(s: ConlluSentence): ParserInput[] {
  return s.words.map((w) => ({ form: w.form, lemma: w.lemma, upos: w.upos, xpos: w.xpos, feats: w.feats }));
}

/**
 * Training sentences with gold trees. `words[i]` gives the input columns the parser trains on
 * (gold tags, or tags predicted by a jackknifed tagger) for sentence i.
 */
export function trainingSentences(sentences: readonly ConlluSentence[], words: readonly ParserInput[][], labels: LabelSet): TrainingSentence[] {
  const id = new Map(labels.names.map((l, i) => [l, i]));
  const out: TrainingSentence[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const cs = sentences[s];
    const heads = Int32Array.from(cs.words, (w) => w.head - 1);
    if (heads.some((h) => h < -1)) continue; // no tree in this sentence
    projectivize(heads);
    const labelIds = cs.words.map((w) => (w.deprel === 'root' ? labels.rootId : (id.get(w.deprel) ?? labels.rootId)));
    out.push({ words: words[s], encoded: new EncodedSentence(words[s]), gold: new GoldTree(heads, labelIds) });
  }
  return out;
}

/** Deterministic PRNG so that training is reproducible from the seed. */
export { seededRandom };

export interface EpochRecord {
  epoch: number;
  transitionAccuracy: number;
  dev: AttachmentScores | null;
  seconds: number;
}

export interface TrainedParser {
  parser: Parser;
  transitions: Perceptron;
  labeller: Perceptron;
  labels: string[];
  bestEpoch: number;
  history: EpochRecord[];
  /** The trainers after the last epoch (to try other pruning settings). */
  trainers: { transitions: PerceptronTrainer; labeller: PerceptronTrainer };
}

/** One training pass over a sentence; returns [correct transitions, transitions]. */
function trainSentence(
  ts: TrainingSentence,
  trans: PerceptronTrainer,
  labeller: PerceptronTrainer,
  labels: LabelSet,
  scratch: ParseScratch,
  explore: boolean,
  random: () => number,
  exploreProbability: number,
): [number, number] {
  const e = ts.encoded;
  const gold = ts.gold;
  const st = new ArcHybridState(e.n, labels.noneId);
  const scores = scratch.transitionScores;
  const costs = new Float64Array(TRANSITION_COUNT);
  const fb = scratch.features;
  let correct = 0;
  let total = 0;
  while (!st.isTerminal()) {
    const forced = st.forced();
    if (forced >= 0) {
      // One legal transition: nothing to learn or choose (the averaging clock still ticks).
      trans.tick();
      applyWithLabel(e, st, forced, gold, labeller, labels, scratch, explore);
      continue;
    }
    transitionFeatures(e, st, fb);
    scores.fill(0);
    trans.score(fb.values, fb.length, scores);
    transitionCosts(st, gold, costs);
    const predicted = bestLegal(st, scores);
    let minCost = Infinity;
    for (let t = 0; t < TRANSITION_COUNT; t++) if (costs[t] < minCost) minCost = costs[t];
    let oracle = -1;
    for (let t = 0; t < TRANSITION_COUNT; t++) {
      if (costs[t] === minCost && (oracle < 0 || scores[t] > scores[oracle])) oracle = t;
    }
    total++;
    if (costs[predicted] === minCost) correct++;
    else trans.update(fb.values, fb.length, oracle, predicted);
    trans.tick();
    const next = explore && costs[predicted] !== minCost && random() < exploreProbability ? predicted : costs[predicted] === minCost ? predicted : oracle;
    applyWithLabel(e, st, next, gold, labeller, labels, scratch, explore);
  }
  return [correct, total];
}

/**
 * Applies transition `t`, labelling the arc it makes: the labeller learns from every gold arc,
 * and the label kept is the gold one unless exploring (then the labeller's own guess).
 */
function applyWithLabel(
  e: EncodedSentence,
  st: ArcHybridState,
  t: number,
  gold: GoldTree,
  labeller: PerceptronTrainer,
  labels: LabelSet,
  scratch: ParseScratch,
  explore: boolean,
): void {
  let label = labels.noneId;
  if (t !== SHIFT) {
    const head = st.arcHead(t);
    const dep = st.s(0);
    if (head === st.root) {
      label = labels.rootId;
    } else {
      const fb = scratch.features;
      const lscores = scratch.labelScores;
      labelFeatures(e, st, t, head, dep, fb);
      lscores.fill(0);
      labeller.score(fb.values, fb.length, lscores);
      const guess = argmax(lscores);
      label = guess;
      if (gold.heads[dep] === head && gold.labels[dep] !== labels.rootId) {
        const truth = gold.labels[dep];
        if (guess !== truth) labeller.update(fb.values, fb.length, truth, guess);
        labeller.tick();
        if (!explore) label = truth;
      }
    }
  }
  st.apply(t, label);
}

/** Parses the dev sentences with finished models. */
export function parseAll(parser: Parser, sentences: readonly ParserInput[][]): ReturnType<Parser['parse']>[] {
  return sentences.map((w) => parser.parse(w));
}

export function trainParserModel(
  train: readonly TrainingSentence[],
  dev: { gold: readonly ConlluSentence[]; words: readonly ParserInput[][] },
  labelNames: string[],
  config: ParserTrainingConfig,
  log: (line: string) => void = () => {},
): TrainedParser {
  const labels = labelSet(labelNames);
  const trans = new PerceptronTrainer(TRANSITION_COUNT, 1 << 18);
  const labeller = new PerceptronTrainer(labelNames.length, 1 << 14);
  const scratch = new ParseScratch(labelNames.length);
  const random = seededRandom(config.seed);
  const order = train.map((_, i) => i);
  const history: EpochRecord[] = [];
  let best: { parser: Parser; transitions: Perceptron; labeller: Perceptron; bestEpoch: number; dev: AttachmentScores | null } | null = null;
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const started = Date.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let correct = 0;
    let total = 0;
    const explore = epoch >= config.exploreFrom;
    for (const k of order) {
      const [c, t] = trainSentence(train[k], trans, labeller, labels, scratch, explore, random, config.exploreProbability);
      correct += c;
      total += t;
    }
    const record: EpochRecord = { epoch: epoch + 1, transitionAccuracy: (100 * correct) / total, dev: null, seconds: 0 };
    history.push(record);
    if (epoch + 1 < config.evaluateFrom && epoch + 1 < config.epochs) {
      record.seconds = (Date.now() - started) / 1000;
      log(`epoch ${record.epoch}: train transitions ${record.transitionAccuracy.toFixed(2)}%, ${record.seconds.toFixed(1)}s`);
      continue;
    }
    const transitions = trans.finish(config.pruneBelow, config.minUpdates);
    const labelModel = labeller.finish(config.pruneBelow, config.labelMinUpdates);
    const parser = new Parser(PackedPerceptron.fromPerceptron(transitions), PackedPerceptron.fromPerceptron(labelModel), labelNames);
    const scores = attachmentScores(dev.gold, parseAll(parser, dev.words as ParserInput[][]));
    record.dev = scores;
    record.seconds = (Date.now() - started) / 1000;
    log(
      `epoch ${record.epoch}: train transitions ${record.transitionAccuracy.toFixed(2)}%, dev UAS ${scores.uas.toFixed(2)} LAS ${scores.las.toFixed(2)} (full ${scores.lasFull.toFixed(2)}) CLAS ${scores.clas.toFixed(2)}, rows ${trans.rows}+${labeller.rows} → ${transitions.rows}+${labelModel.rows}, ${record.seconds.toFixed(1)}s`,
    );
    if (!best || scores.las > (best.dev?.las ?? -1)) {
      best = { parser, transitions, labeller: labelModel, bestEpoch: epoch + 1, dev: scores };
    }
  }
  if (!best) throw new Error('no training epochs');
  return {
    parser: best.parser,
    transitions: best.transitions,
    labeller: best.labeller,
    labels: labelNames,
    bestEpoch: best.bestEpoch,
    history,
    trainers: { transitions: trans, labeller },
  };
}
