/**
 * Training the tagger: averaged perceptrons, greedy UPOS with the previous predicted tags as
 * history (so training sees its own mistakes the way tagging does), and per-UPOS morphology
 * models trained on gold UPOS with structured updates over the seen value combinations.
 */
import { join } from 'node:path';
import { FeatureBuffer } from '../learn/features.js';
import { Perceptron, PerceptronTrainer, argmax } from '../learn/perceptron.js';
import { saveModel } from '../learn/model-file.js';
import { averagePerceptrons } from '../learn/average.js';
import type { ConlluSentence } from '../formats/conllu.js';
import { universalFeats } from '../eval/ud-words.js';
import { packageRoot } from '../models.js';
import { decodeMorph, morphFeatures, staticFeatures, uposFeatures, type Scorer } from './decode.js';
import { saveLexicon, type Lexicon } from './lexicon.js';
import { buildExternalLexicon } from './lexicon-sources.js';
import type { HeadSpec, MorphSpec, TaggerMeta, TaggerModelParts } from './model.js';
import { ABSENT, TAGGER_KIND, TAGGER_VERSION, XPOS_HEAD, headOffsets, splitFeats } from './model.js';
import { Tagger, agreementMask, lexiconUposMap, taggerArrays } from './tagger.js';
import { loadTrainingData, seededRandom, shuffle, type TrainingData, type TreebankPart } from './training-data.js';
import { computeWordInfo, type WordInfo } from './word-info.js';
import type { TrainOptions } from '../cli/train.js';

export interface TaggerTrainOptions {
  lang: 'fr' | 'en';
  out?: string;
  data?: string;
  seed: number;
  epochs?: number;
  /** Drop weight rows whose largest averaged weight is below this. */
  prune?: number;
  /** Then drop single weights with |w| below this (see pruneWeights; default 0.3). */
  weightPrune?: number;
  comboDecoding?: boolean;
  /** Add a second UPOS pass that also sees the first pass's tags of the next words (default true). */
  twoPass?: boolean;
  /**
   * Models per UPOS pass (and per jackknife fold), each trained on its own shuffles, averaged
   * into one (an ensemble at one model's scoring cost). Default 5 for English, 1 (single
   * models) for French.
   */
  ensemble?: number;
  /** Epochs of the morphology models (default: as UPOS; fewer for quick UPOS experiments). */
  morphEpochs?: number;
  /** Jackknife folds giving the second pass its training first-pass tags (default 2). */
  folds?: number;
  /** Models averaged per morphology model (default: as `ensemble`). */
  morphEnsemble?: number;
  /** Use this lexicon instead of building one from the resources (experiments; not saved). */
  lexicon?: Lexicon;
  log?: (line: string) => void;
}

/** Features never predicted: typo marks say nothing about a correctly spelt text. */
const IGNORED_FEATURES = new Set(['Typo']);

const UPOS_ORDER = ['NOUN', 'PUNCT', 'ADP', 'VERB', 'DET', 'ADJ', 'PROPN', 'PRON', 'ADV', 'AUX', 'CCONJ', 'NUM', 'SCONJ', 'PART', 'X', 'SYM', 'INTJ'];

interface PreparedSentence {
  words: WordInfo[];
  statics: Uint32Array[];
  upos: Int32Array;
  /** Per word: value index per head of its UPOS's morph spec (null when no spec). */
  morph: (Int32Array | null)[];
  convention: number;
}

function morphValues(feats: string, xpos: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of splitFeats(feats)) if (!IGNORED_FEATURES.has(k)) m.set(k, v);
  m.set(XPOS_HEAD, xpos);
  return m;
}

function buildInventory(parts: TreebankPart[]): { upos: string[]; morph: (MorphSpec | null)[]; hasXpos: boolean } {
  const uposSet = new Set<string>();
  let hasXpos = false;
  for (const p of parts) for (const s of p.sentences) for (const w of s.words) {
    if (w.upos !== '_') uposSet.add(w.upos);
    if (w.xpos !== '_') hasXpos = true;
  }
  const upos = [...UPOS_ORDER.filter((u) => uposSet.has(u)), ...[...uposSet].filter((u) => !UPOS_ORDER.includes(u)).sort()];
  // Per UPOS: head name → value set.
  const heads = upos.map(() => new Map<string, Set<string>>());
  for (const p of parts) for (const s of p.sentences) for (const w of s.words) {
    const u = upos.indexOf(w.upos);
    if (u < 0) continue;
    for (const [k, v] of morphValues(w.feats, w.xpos)) {
      if (k === XPOS_HEAD && !hasXpos) continue;
      let set = heads[u].get(k);
      if (!set) heads[u].set(k, (set = new Set()));
      set.add(v);
    }
  }
  const morph = heads.map((hm): MorphSpec | null => {
    if (hm.size === 0) return null;
    const names = [...hm.keys()].sort();
    const specHeads: HeadSpec[] = names.map((name) => ({ name, values: [ABSENT, ...[...hm.get(name)!].filter((v) => v !== ABSENT).sort()] }));
    return { heads: specHeads, combos: [] };
  });
  // Seen combinations.
  const seen = upos.map(() => new Map<string, number[]>());
  for (const p of parts) for (const s of p.sentences) for (const w of s.words) {
    const u = upos.indexOf(w.upos);
    const spec = u >= 0 ? morph[u] : null;
    if (!spec) continue;
    const v = encodeMorph(spec, w.feats, w.xpos);
    seen[u].set(v.join(','), [...v]);
  }
  morph.forEach((spec, u) => {
    if (spec) spec.combos = [...seen[u].entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, v]) => v);
  });
  return { upos, morph, hasXpos };
}

function encodeMorph(spec: MorphSpec, feats: string, xpos: string): Int32Array {
  const values = morphValues(feats, xpos);
  const out = new Int32Array(spec.heads.length);
  spec.heads.forEach((h, i) => {
    const v = values.get(h.name);
    out[i] = v === undefined ? 0 : Math.max(0, h.values.indexOf(v));
  });
  return out;
}

function prepare(part: TreebankPart, lexicon: Lexicon, upos: string[], morph: (MorphSpec | null)[], buf: FeatureBuffer): PreparedSentence[] {
  const uposMap = lexiconUposMap(lexicon, upos);
  const infoCache = new Map<string, WordInfo>();
  const staticCache = new Map<string, Uint32Array>();
  const out: PreparedSentence[] = [];
  for (const s of part.sentences) {
    const n = s.words.length;
    const words: WordInfo[] = new Array(n);
    const statics: Uint32Array[] = new Array(n);
    const tags = new Int32Array(n);
    const m: (Int32Array | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const w = s.words[i];
      let info = infoCache.get(w.form);
      if (!info) infoCache.set(w.form, (info = computeWordInfo(w.form, lexicon, uposMap)));
      words[i] = info;
      const key = `${part.convention}\t${w.form}`;
      let st = staticCache.get(key);
      if (!st) staticCache.set(key, (st = staticFeatures(info, part.convention, buf)));
      statics[i] = st;
      tags[i] = upos.indexOf(w.upos);
      const spec = tags[i] >= 0 ? morph[tags[i]] : null;
      m[i] = spec ? encodeMorph(spec, w.feats, w.xpos) : null;
    }
    out.push({ words, statics, upos: tags, morph: m, convention: part.convention });
  }
  return out;
}

/** Scores of static + context features (no cached static scores while training). */
function scoreUpos(model: Scorer, s: PreparedSentence, i: number, prev1: number, prev2: number, right: Int32Array | null, buf: FeatureBuffer, all: FeatureBuffer, scores: Float64Array): void {
  scores.fill(0);
  uposFeatures(s.words, i, prev1, prev2, buf, right, scores.length);
  all.clear();
  const st = s.statics[i];
  for (let k = 0; k < st.length; k++) all.push(st[k]);
  for (let k = 0; k < buf.length; k++) all.push(buf.values[k]);
  model.score(all.values, all.length, scores);
}

export interface TaggerAccuracy {
  words: number;
  upos: number;
  xpos: number;
  ufeats: number;
  allTags: number;
}

/** Word-level accuracy on gold tokenisation (the CoNLL 2018 figures equal these when words are gold). */
export function taggerAccuracy(tagger: Tagger, sentences: ConlluSentence[], convention?: string): TaggerAccuracy {
  let words = 0;
  let upos = 0;
  let xpos = 0;
  let ufeats = 0;
  let all = 0;
  for (const s of sentences) {
    const t = tagger.tag(
      s.words.map((w) => w.form),
      { convention },
    );
    s.words.forEach((w, i) => {
      words++;
      const u = t.upos[i] === w.upos;
      const x = t.xpos[i] === w.xpos;
      const f = universalFeats(t.feats[i]) === universalFeats(w.feats);
      if (u) upos++;
      if (x) xpos++;
      if (f) ufeats++;
      if (u && x && f) all++;
    });
  }
  const pct = (k: number): number => (words ? (100 * k) / words : 0);
  return { words, upos: pct(upos), xpos: pct(xpos), ufeats: pct(ufeats), allTags: pct(all) };
}

function taggerMeta(lang: string, data: TrainingData, upos: string[], morph: (MorphSpec | null)[], hasXpos: boolean, comboDecoding: boolean, lexicon: Lexicon): TaggerMeta {
  return {
    lang,
    upos,
    conventions: data.conventions,
    // Sequoia's convention by default: NumType=Card on numerals (as the UD guidelines have it) and
    // gender and number on proper nouns, which agreement checks and pronoun links use.
    defaultConvention: data.conventions.length ? data.conventions[0] : '',
    hasXpos,
    morph,
    comboDecoding,
    lexicon: 'lexicon.bin',
    lexiconEntries: lexicon.meta.entries,
    training: {},
  };
}

/** One greedy left-to-right UPOS pass with a finished model (`right`: first-pass tags, for the second pass). */
function predictUpos(model: Scorer, s: PreparedSentence, nTags: number, right: Int32Array | null, ctx: FeatureBuffer, all: FeatureBuffer, scores: Float64Array): Int32Array {
  const n = s.words.length;
  const pred = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    scoreUpos(model, s, i, i > 0 ? pred[i - 1] : nTags, i > 1 ? pred[i - 2] : nTags, right, ctx, all, scores);
    pred[i] = argmax(scores, nTags);
  }
  return pred;
}

/**
 * Trains one UPOS pass over `sentences` (indexes into `train`). History tags are the model's own
 * predictions, as when tagging. `right` holds, per sentence, the first-pass tags the second pass
 * looks ahead at (null for the first pass).
 */
function trainUposPass(
  train: PreparedSentence[],
  sentences: number[],
  nTags: number,
  epochs: number,
  random: () => number,
  right: (Int32Array | null)[] | null,
  progress: (epoch: number, accuracy: number) => void,
): PerceptronTrainer {
  const trainer = new PerceptronTrainer(nTags, 1 << 16);
  const ctx = new FeatureBuffer(256);
  const all = new FeatureBuffer(512);
  const scores = new Float64Array(nTags);
  const order = [...sentences];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, random);
    let correct = 0;
    let total = 0;
    for (const si of order) {
      const s = train[si];
      const r = right ? right[si] : null;
      const n = s.words.length;
      const pred = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        scoreUpos(trainer, s, i, i > 0 ? pred[i - 1] : nTags, i > 1 ? pred[i - 2] : nTags, r, ctx, all, scores);
        const guess = argmax(scores, nTags);
        const gold = s.upos[i];
        if (gold >= 0) {
          trainer.update(all.values, all.length, gold, guess);
          if (guess === gold) correct++;
          total++;
        }
        trainer.tick();
        pred[i] = guess;
      }
    }
    progress(epoch, (100 * correct) / Math.max(1, total));
  }
  return trainer;
}

/**
 * `k` UPOS passes, each on its own shuffles of the same sentences, averaged then pruned (members
 * unpruned, so the mean is exact before pruning). k = 1: one pass, pruned the same way.
 */
function trainUposEnsemble(
  k: number,
  prune: number,
  weightPrune: number,
  train: PreparedSentence[],
  sentences: number[],
  nTags: number,
  epochs: number,
  random: () => number,
  right: (Int32Array | null)[] | null,
  progress: (member: number) => (epoch: number, accuracy: number) => void,
): Perceptron {
  if (k <= 1) return pruneWeights(trainUposPass(train, sentences, nTags, epochs, random, right, progress(0)).finish(prune), weightPrune);
  const members: Perceptron[] = [];
  for (let m = 0; m < k; m++) members.push(trainUposPass(train, sentences, nTags, epochs, random, right, progress(m)).finish(0));
  return pruneWeights(averagePerceptrons(members, prune), weightPrune);
}

/** Trains the per-UPOS morphology models on gold UPOS, with structured updates over seen combinations. */
function trainMorph(train: PreparedSentence[], morph: (MorphSpec | null)[], epochs: number, random: () => number, comboDecoding: boolean, sourceMask: number, nTags: number): (PerceptronTrainer | null)[] {
  const offsets = morph.map((s) => (s ? headOffsets(s) : null));
  const trainers = morph.map((s, u) => (s ? new PerceptronTrainer(offsets[u]![s.heads.length], 1 << 12) : null));
  const ctx = new FeatureBuffer(256);
  const values = new Int32Array(64);
  const order = train.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, random);
    for (const si of order) {
      const s = train[si];
      for (let i = 0; i < s.words.length; i++) {
        const u = s.upos[i];
        const spec = u >= 0 ? morph[u] : null;
        const trainer = u >= 0 ? trainers[u] : null;
        const gold = s.morph[i];
        if (!spec || !trainer || !gold) continue;
        const off = offsets[u]!;
        morphFeatures(s.words, s.statics, s.upos, nTags, i, sourceMask, ctx);
        const colScores = new Float64Array(off[spec.heads.length]);
        trainer.score(ctx.values, ctx.length, colScores);
        decodeMorph(spec, off, colScores, comboDecoding, values);
        for (let h = 0; h < spec.heads.length; h++) {
          if (values[h] !== gold[h]) trainer.update(ctx.values, ctx.length, off[h] + gold[h], off[h] + values[h]);
        }
        trainer.tick();
      }
    }
  }
  return trainers;
}

export async function trainTagger(opts: TaggerTrainOptions): Promise<Tagger> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = Date.now();
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const data: TrainingData = loadTrainingData(opts.lang, opts.data);
  const outDir = opts.out ?? join(packageRoot, 'models', opts.lang);
  // Chosen on dev: French accuracy levels off after about 8 epochs, English after 6.
  const epochs = opts.epochs ?? (opts.lang === 'fr' ? 8 : 6);
  const prune = opts.prune ?? 0.05;
  const comboDecoding = opts.comboDecoding ?? true;
  const twoPass = opts.twoPass ?? true;
  // Chosen on dev (models/README.md): the mean of 3 models gains on EWT dev and on a held-out
  // fifth of GSD dev, 5 gain more on EWT dev (French was not tried with 5); dropping weights below
  // 0.3 then costs nothing measurable and keeps the files near their single-model size.
  // French keeps single models: on Sequoia dev three gave UPOS +0.04 but UFeats -0.05 and
  // AllTags -0.02 (noise), for a 33 % larger file and three times the training time.
  const ensemble = Math.max(1, opts.ensemble ?? (opts.lang === 'en' ? 5 : 1));
  const weightPrune = opts.weightPrune ?? (ensemble > 1 ? 0.3 : 0);
  const morphEpochs = opts.morphEpochs ?? epochs;
  const folds = Math.max(2, opts.folds ?? 2);
  const morphEnsemble = Math.max(1, opts.morphEnsemble ?? ensemble);

  const lexicon = opts.lexicon ?? buildExternalLexicon(opts.lang).build();
  if (!opts.lexicon) saveLexicon(join(outDir, 'lexicon.bin'), lexicon);
  log(`tagger ${opts.lang}: lexicon ${lexicon.meta.entries} forms, ${lexicon.meta.analyses} analyses (${elapsed()})`);

  const { upos, morph, hasXpos } = buildInventory(data.train);
  const buf = new FeatureBuffer(512);
  const train = data.train.flatMap((p) => prepare(p, lexicon, upos, morph, buf));
  const nTags = upos.length;
  const random = seededRandom(opts.seed);
  const everything = train.map((_, i) => i);
  const progress = (what: string) => (member: number) => (epoch: number, acc: number) =>
    log(`tagger ${opts.lang}: ${what}${ensemble > 1 ? ` model ${member + 1}/${ensemble}` : ''} epoch ${epoch} train UPOS ${acc.toFixed(2)} (${elapsed()})`);

  const first = trainUposEnsemble(ensemble, prune, weightPrune, train, everything, nTags, epochs, random, null, progress('UPOS pass 1'));
  let second: Perceptron | null = null;
  if (twoPass) {
    // The second pass must learn how far to trust first-pass tags as they are on unseen text, so
    // its training sentences get their first-pass tags from a model that did not see them (jackknife, 2 folds by default: 5 did no better on EWT dev).
    const right: (Int32Array | null)[] = new Array(train.length).fill(null);
    const ctx = new FeatureBuffer(256);
    const all = new FeatureBuffer(512);
    const scores = new Float64Array(nTags);
    for (let fold = 0; fold < folds; fold++) {
      const inFold = everything.filter((i) => i % folds !== fold);
      const heldOut = everything.filter((i) => i % folds === fold);
      const model = trainUposEnsemble(ensemble, prune, weightPrune, train, inFold, nTags, epochs, random, null, progress(`jackknife ${fold + 1}/${folds}`));
      for (const i of heldOut) right[i] = predictUpos(model, train[i], nTags, null, ctx, all, scores);
    }
    second = trainUposEnsemble(ensemble, prune, weightPrune, train, everything, nTags, epochs, random, right, progress('UPOS pass 2'));
  }
  const sourceMask = agreementMask(upos);
  let finishedMorph: (Perceptron | null)[];
  if (morphEnsemble <= 1) {
    finishedMorph = trainMorph(train, morph, morphEpochs, random, comboDecoding, sourceMask, nTags).map((t) => (t ? pruneWeights(t.finish(prune), weightPrune) : null));
  } else {
    // Per UPOS, the mean of the members' models (same heads and values, so the same classes).
    const members: (Perceptron | null)[][] = [];
    for (let m = 0; m < morphEnsemble; m++) members.push(trainMorph(train, morph, morphEpochs, random, comboDecoding, sourceMask, nTags).map((t) => (t ? t.finish(0) : null)));
    finishedMorph = morph.map((_, u) => (members[0][u] ? pruneWeights(averagePerceptrons(members.map((ms) => ms[u]!), prune), weightPrune) : null));
  }
  log(`tagger ${opts.lang}: morphology trained (${elapsed()})`);

  const meta = taggerMeta(opts.lang, data, upos, morph, hasXpos, comboDecoding, lexicon);
  const parts: TaggerModelParts = { meta, upos: first, upos2: second, morph: finishedMorph };
  const tagger = new Tagger(parts, lexicon);
  const figures: Record<string, unknown> = {
    epochs,
    prune,
    weightPrune,
    twoPass,
    ensemble,
    morphEnsemble,
    folds,
    seed: opts.seed,
    trainWords: train.reduce((k, s) => k + s.words.length, 0),
    trainFiles: data.train.map((p) => p.name),
    uposRows: first.rows + (second ? second.rows : 0),
    morphRows: finishedMorph.reduce((k, p) => k + (p ? p.rows : 0), 0),
    seconds: 0,
  };
  for (const d of data.dev) {
    const acc = taggerAccuracy(tagger, d.sentences, data.conventions[d.convention]);
    figures[d.name] = acc;
    log(`tagger ${opts.lang}: ${d.name} UPOS ${acc.upos.toFixed(2)} XPOS ${acc.xpos.toFixed(2)} UFeats ${acc.ufeats.toFixed(2)} AllTags ${acc.allTags.toFixed(2)}`);
  }
  figures.seconds = Math.round((Date.now() - started) / 100) / 10;
  meta.training = figures;
  const path = join(outDir, 'tagger.bin');
  saveModel(path, { kind: TAGGER_KIND, version: TAGGER_VERSION, meta, arrays: taggerArrays(parts) });
  log(`tagger ${opts.lang}: wrote ${path} (${figures.seconds} s)`);
  return tagger;
}

/** `vigie train tagger`: trains each language into <out>/<lang>/ (default models/<lang>/). */
export async function trainTaggerUnit(opts: TrainOptions): Promise<void> {
  for (const lang of opts.langs) {
    await trainTagger({ lang, out: opts.out ? join(opts.out, lang) : undefined, data: opts.data, seed: opts.seed });
  }
}

/**
 * Drops single weights (not whole rows) with |w| < `below`, then rows left empty. The file stores
 * only non-zero weights, so this shrinks it where row pruning cannot: averaged ensembles have few
 * rows that are small everywhere but many small weights beside a large one.
 */
export function pruneWeights(p: Perceptron, below: number): Perceptron {
  if (below <= 0) return p;
  const C = p.nClasses;
  const arrays = p.toArrays('p');
  const keys = arrays['p.keys'] as Uint32Array;
  const slotRow = arrays['p.slotRow'] as Int32Array;
  const weights = arrays['p.weights'] as Float32Array;
  const kept: { feature: number; row: number }[] = [];
  for (let s = 0; s < keys.length; s++) {
    const r = slotRow[s];
    if (r < 0) continue;
    let any = false;
    for (let c = 0; c < C && !any; c++) any = Math.abs(weights[r * C + c]) >= below;
    if (any) kept.push({ feature: keys[s], row: r });
  }
  // Table order by feature, so the result does not depend on the input's slot layout.
  kept.sort((a, b) => a.feature - b.feature);
  return Perceptron.fromRows(C, kept.map((k) => k.feature), (i, out) => {
    const base = kept[i].row * C;
    for (let c = 0; c < C; c++) {
      const w = weights[base + c];
      out[c] = Math.abs(w) >= below ? w : 0;
    }
  });
}
