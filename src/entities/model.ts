/**
 * The NER sequence labeller: an averaged structured perceptron over BILOU labels with first-order
 * Viterbi decoding (emission features from features.ts + a learned label-transition row per
 * previous label; impossible BILOU transitions are excluded).
 *
 * Model file (src/learn/model-file.ts format), kind "ner": the perceptron's feature keys in row
 * order and its weights quantised to int8 with a float32 scale per row (see compactArrays).
 */
import { FeatureBuffer } from '../learn/features.js';
import { Perceptron, PerceptronTrainer } from '../learn/perceptron.js';
import { loadModel, saveModel, type TypedArray } from '../learn/model-file.js';
import { VigieError } from '../errors.js';
import type { Gazetteer } from './gazetteer.js';
import { N_PAIR, contextFeatures, pairBases, pairFeature, prepare, staticFeatures, tokenFeatures, transitionFeature, type NerSentence, type Prepared } from './features.js';
import { ALLOWED, N_LABELS, canEnd } from './labels.js';

export const NER_MODEL_KIND = 'ner';
export const NER_MODEL_VERSION = 1;

export interface NerMeta {
  lang: string;
  labels: number;
  /** Whether UPOS/lemma features were used in training (so they are used at inference). */
  useTags: boolean;
  trainedOn: string;
  epochs: number;
  heldOut?: Record<string, unknown>;
}

/** Anything that scores features: the trainer (current weights) or the finished model. */
interface Scorer {
  score(features: ArrayLike<number>, n: number, scores: Float32Array | Float64Array): void;
}

/**
 * Per-model caches of summed weight rows, keyed by a token's form (static features) or by a pair
 * base hash (label-dependent features): news text repeats its words, so most rows are reused.
 * Bounded: a cache is cleared when it reaches its size.
 */
class RowCache {
  private map = new Map<string | number, Float32Array>();
  constructor(private readonly max: number) {}
  get(k: string | number): Float32Array | undefined {
    return this.map.get(k);
  }
  set(k: string | number, v: Float32Array): void {
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(k, v);
  }
}

/** Emission scores for every token: n × N_LABELS. */
function emissions(scorer: Scorer, s: NerSentence, p: Prepared, buf: FeatureBuffer, out?: Float32Array, cache?: RowCache): Float32Array {
  const N = N_LABELS;
  const em = out && out.length >= p.n * N ? out : new Float32Array(p.n * N);
  em.fill(0, 0, p.n * N);
  const row = new Float32Array(N);
  for (let i = 0; i < p.n; i++) {
    row.fill(0);
    let own = cache?.get(s.forms[i]);
    if (!own) {
      own = new Float32Array(N);
      buf.clear();
      staticFeatures(p, i, buf);
      scorer.score(buf.values, buf.length, own);
      cache?.set(s.forms[i], own);
    }
    buf.clear();
    contextFeatures(p, i, buf);
    scorer.score(buf.values, buf.length, row);
    for (let y = 0; y < N; y++) em[i * N + y] = row[y] + own[y];
  }
  return em;
}

/** Transition scores (N+1) × N, row N = sentence start. */
function transitions(scorer: Scorer): Float32Array {
  const N = N_LABELS;
  const t = new Float32Array((N + 1) * N);
  const f = new Uint32Array(1);
  const row = new Float32Array(N);
  for (let p = 0; p <= N; p++) {
    f[0] = transitionFeature(p === N ? -1 : p);
    row.fill(0);
    scorer.score(f, 1, row);
    t.set(row, p * N);
  }
  return t;
}

/**
 * Label-dependent scores: pe[(i * (N + 1) + prev) * N + y] for the features that conjoin a
 * token's base hashes with the previous label (prev = N at the sentence start).
 */
function pairScores(scorer: Scorer, bases: Uint32Array, n: number, out?: Float32Array, cache?: RowCache): Float32Array {
  const N = N_LABELS;
  const block = (N + 1) * N;
  const size = n * block;
  const pe = out && out.length >= size ? out : new Float32Array(size);
  pe.fill(0, 0, size);
  const f = new Uint32Array(1);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < N_PAIR; k++) {
      const base = bases[i * N_PAIR + k];
      const key = base * N_PAIR + k;
      let rows = cache?.get(key);
      if (!rows) {
        rows = new Float32Array(block);
        for (let prev = 0; prev <= N; prev++) {
          f[0] = pairFeature(prev === N ? -1 : prev, k, base);
          scorer.score(f, 1, rows.subarray(prev * N, prev * N + N));
        }
        cache?.set(key, rows);
      }
      const at = i * block;
      for (let c = 0; c < block; c++) pe[at + c] += rows[c];
    }
  }
  return pe;
}

/** Best label sequence under emission + transition scores and the BILOU constraints. */
export function viterbi(em: Float32Array, trans: Float32Array, pe: Float32Array, n: number, out = new Uint8Array(n)): Uint8Array {
  const N = N_LABELS;
  if (n === 0) return out;
  const score = new Float64Array(n * N);
  const back = new Int16Array(n * N);
  for (let y = 0; y < N; y++) score[y] = ALLOWED[N * N + y] ? em[y] + trans[N * N + y] + pe[N * N + y] : -Infinity;
  for (let i = 1; i < n; i++) {
    for (let y = 0; y < N; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < N; p++) {
        if (!ALLOWED[p * N + y]) continue;
        const s = score[(i - 1) * N + p] + trans[p * N + y] + pe[(i * (N + 1) + p) * N + y];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * N + y] = best + em[i * N + y];
      back[i * N + y] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < N; y++) {
    if (!canEnd(y)) continue;
    const s = score[(n - 1) * N + y];
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * N + arg];
  }
  return out;
}

export class NerModel {
  private readonly trans: Float32Array;
  private readonly buf = new FeatureBuffer(256);
  private em: Float32Array = new Float32Array(0);
  private pe: Float32Array = new Float32Array(0);
  private readonly ownCache = new RowCache(50000);
  private readonly pairCache = new RowCache(8000);

  constructor(
    readonly perceptron: Perceptron,
    readonly meta: NerMeta,
    readonly gazetteer: Gazetteer | null,
  ) {
    this.trans = transitions(perceptron);
  }

  /** BILOU label ids for one sentence. */
  label(s: NerSentence): Uint8Array {
    const p = prepare(s, this.gazetteer, this.meta.useTags);
    if (p.n === 0) return new Uint8Array(0);
    this.em = emissions(this.perceptron, s, p, this.buf, this.em, this.ownCache);
    const bases = new Uint32Array(p.n * N_PAIR);
    for (let i = 0; i < p.n; i++) pairBases(p, i, bases, i * N_PAIR);
    this.pe = pairScores(this.perceptron, bases, p.n, this.pe, this.pairCache);
    return viterbi(this.em, this.trans, this.pe, p.n);
  }

  save(path: string): void {
    saveModel(path, { kind: NER_MODEL_KIND, version: NER_MODEL_VERSION, meta: this.meta, arrays: compactArrays(this.perceptron) });
  }

  static load(path: string, gazetteer: Gazetteer | null): NerModel {
    const m = loadModel<NerMeta>(path, NER_MODEL_KIND);
    return new NerModel(expandArrays(m.meta.labels, m.arrays, path), m.meta, gazetteer);
  }
}

/**
 * Compact storage of a perceptron: the feature keys in row order, and each row's weights as int8
 * with one float32 scale per row (max |w| / 127). About 4 + 4 + C bytes per row instead of the
 * hash table's 8 bytes per slot (2+ slots per row) + 4·C.
 */
function compactArrays(p: Perceptron): Record<string, TypedArray> {
  const a = p.toArrays('p');
  const keys = a['p.keys'] as Uint32Array;
  const slotRow = a['p.slotRow'] as Int32Array;
  const w = a['p.weights'] as Float32Array;
  const C = p.nClasses;
  const rows = w.length / C;
  const feature = new Uint32Array(rows);
  for (let s = 0; s < slotRow.length; s++) if (slotRow[s] >= 0) feature[slotRow[s]] = keys[s];
  const scale = new Float32Array(rows);
  const q = new Int8Array(rows * C);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < C; c++) max = Math.max(max, Math.abs(w[r * C + c]));
    const sc = max > 0 ? max / 127 : 1;
    scale[r] = sc;
    for (let c = 0; c < C; c++) q[r * C + c] = Math.round(w[r * C + c] / sc);
  }
  return { 'ner.features': feature, 'ner.scale': scale, 'ner.weights8': q };
}

function expandArrays(C: number, arrays: Record<string, TypedArray>, source: string): Perceptron {
  const feature = arrays['ner.features'];
  const scale = arrays['ner.scale'];
  const q = arrays['ner.weights8'];
  if (!(feature instanceof Uint32Array) || !(scale instanceof Float32Array) || !(q instanceof Int8Array)) {
    throw new VigieError(`${source}: not a vigie NER model (missing arrays)`);
  }
  return Perceptron.fromRows(C, Array.from(feature), (i, out) => {
    const sc = scale[i];
    for (let c = 0; c < C; c++) out[c] = q[i * C + c] * sc;
  });
}

export interface TrainExample {
  sentence: NerSentence;
  /** Gold BILOU label ids. */
  gold: Uint8Array;
}

export interface TrainSettings {
  epochs: number;
  seed: number;
  useTags: boolean;
  prune: number;
  log?: (msg: string) => void;
  /** Called after each epoch with the averaged model so far (for monitoring); optional. */
  onEpoch?: (epoch: number, model: Perceptron) => void;
}

/** Trains the structured perceptron; returns the averaged (pruned) perceptron. */
export function trainNer(examples: TrainExample[], gaz: Gazetteer | null, settings: TrainSettings): Perceptron {
  const N = N_LABELS;
  const trainer = new PerceptronTrainer(N, 1 << 20);
  const buf = new FeatureBuffer(256);
  // Cache every token's emission features once: the features do not depend on the weights.
  let total = 0;
  for (const e of examples) total += e.gold.length;
  let feats = new Uint32Array(total * 48);
  const tokStart = new Uint32Array(total + 1);
  const bases = new Uint32Array(total * N_PAIR);
  const sentStart = new Uint32Array(examples.length + 1);
  let nf = 0;
  let nt = 0;
  for (let s = 0; s < examples.length; s++) {
    sentStart[s] = nt;
    const p = prepare(examples[s].sentence, gaz, settings.useTags);
    for (let i = 0; i < p.n; i++) {
      buf.clear();
      tokenFeatures(p, i, buf);
      if (nf + buf.length > feats.length) {
        const g = new Uint32Array(Math.ceil(feats.length * 1.5) + buf.length);
        g.set(feats);
        feats = g;
      }
      tokStart[nt] = nf;
      pairBases(p, i, bases, nt * N_PAIR);
      feats.set(buf.values.subarray(0, buf.length), nf);
      nf += buf.length;
      nt++;
    }
  }
  tokStart[nt] = nf;
  sentStart[examples.length] = nt;

  const order = Array.from(examples.keys());
  let rng = settings.seed >>> 0 || 1;
  const rand = (): number => {
    rng ^= rng << 13;
    rng ^= rng >>> 17;
    rng ^= rng << 5;
    return (rng >>> 0) / 4294967296;
  };
  const em = new Float32Array(256 * N);
  const row = new Float32Array(N);
  const f1 = new Uint32Array(1);
  let pe: Float32Array = new Float32Array(0);
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errors = 0;
    let tokens = 0;
    for (const s of order) {
      const gold = examples[s].gold;
      const n = gold.length;
      if (n === 0) continue;
      const t0 = sentStart[s];
      const emArr = n * N <= em.length ? em : new Float32Array(n * N);
      for (let i = 0; i < n; i++) {
        row.fill(0);
        const a = tokStart[t0 + i];
        const b = tokStart[t0 + i + 1];
        trainer.score(feats.subarray(a, b), b - a, row);
        emArr.set(row, i * N);
      }
      const trans = transitions(trainer);
      const sb = bases.subarray(t0 * N_PAIR, (t0 + n) * N_PAIR);
      pe = pairScores(trainer, sb, n, pe);
      const pred = viterbi(emArr, trans, pe, n);
      let wrong = false;
      for (let i = 0; i < n; i++) if (pred[i] !== gold[i]) wrong = true;
      tokens += n;
      if (wrong) {
        for (let i = 0; i < n; i++) {
          const a = tokStart[t0 + i];
          const b = tokStart[t0 + i + 1];
          if (pred[i] !== gold[i]) {
            errors++;
            trainer.update(feats.subarray(a, b), b - a, gold[i], pred[i]);
          }
          const gp = i === 0 ? -1 : gold[i - 1];
          const pp = i === 0 ? -1 : pred[i - 1];
          if (gp !== pp || gold[i] !== pred[i]) {
            f1[0] = transitionFeature(gp);
            trainer.add(f1[0], gold[i], 1);
            f1[0] = transitionFeature(pp);
            trainer.add(f1[0], pred[i], -1);
            for (let k = 0; k < N_PAIR; k++) {
              trainer.add(pairFeature(gp, k, sb[i * N_PAIR + k]), gold[i], 1);
              trainer.add(pairFeature(pp, k, sb[i * N_PAIR + k]), pred[i], -1);
            }
          }
        }
      }
      trainer.tick();
    }
    settings.log?.(`epoch ${epoch}: token errors ${((100 * errors) / tokens).toFixed(2)}%, ${trainer.rows} feature rows`);
    if (settings.onEpoch) settings.onEpoch(epoch, trainer.finish(settings.prune));
  }
  return trainer.finish(settings.prune);
}
