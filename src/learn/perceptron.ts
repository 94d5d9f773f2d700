/**
 * Averaged multiclass perceptron over hashed features, shared by the trained stages.
 *
 * Features are 32-bit hashes (see features.ts). Each feature owns a row of `nClasses` weights.
 * Training keeps rows in a growable array indexed through a Map; the finished model is compacted
 * into an open-addressing table (keys + row ids) and a Float32Array of rows, which loads from a
 * model file without any parsing.
 */
import type { TypedArray } from './model-file.js';

export class PerceptronTrainer {
  readonly nClasses: number;
  /** Feature → row index, an open-addressing table (a Map costs most of the training time). */
  private index = new FeatureIndex();
  private weights: Float32Array;
  private totals: Float64Array;
  private stamps: Int32Array;
  /** Number of updates that touched each row (for pruning features that were rarely useful). */
  private updates: Uint32Array;
  private nRows = 0;
  /** Number of updates so far; the averaging clock. */
  private clock = 1;

  constructor(nClasses: number, initialRows = 1 << 14) {
    this.nClasses = nClasses;
    this.weights = new Float32Array(initialRows * nClasses);
    this.totals = new Float64Array(initialRows * nClasses);
    this.stamps = new Int32Array(initialRows * nClasses);
    this.updates = new Uint32Array(initialRows);
  }

  get rows(): number {
    return this.nRows;
  }

  /** Adds the current (not averaged) weights of the features to `scores` (length nClasses). */
  score(features: ArrayLike<number>, n: number, scores: Float32Array | Float64Array): void {
    const C = this.nClasses;
    for (let i = 0; i < n; i++) {
      const row = this.index.find(features[i]);
      if (row < 0) continue;
      const base = row * C;
      for (let c = 0; c < C; c++) scores[c] += this.weights[base + c];
    }
  }

  /** Ticks the averaging clock: call once per training example, whether or not it was updated. */
  tick(): void {
    this.clock++;
  }

  /** Moves the weights of the features towards `truth` and away from `guess` by `amount`. */
  update(features: ArrayLike<number>, n: number, truth: number, guess: number, amount = 1): void {
    if (truth === guess) return;
    for (let i = 0; i < n; i++) {
      const row = this.row(features[i]);
      this.updates[row]++;
      const base = row * this.nClasses;
      this.bump(base + truth, amount);
      this.bump(base + guess, -amount);
    }
  }

  /** Adds `amount` to the weight of one (feature, class) cell. */
  add(feature: number, cls: number, amount: number): void {
    const row = this.row(feature);
    this.updates[row]++;
    this.bump(row * this.nClasses + cls, amount);
  }

  private bump(cell: number, amount: number): void {
    this.totals[cell] += (this.clock - this.stamps[cell]) * this.weights[cell];
    this.stamps[cell] = this.clock;
    this.weights[cell] += amount;
  }

  private row(feature: number): number {
    let row = this.index.find(feature);
    if (row < 0) {
      row = this.nRows++;
      this.index.insert(feature, row);
      if (this.nRows * this.nClasses > this.weights.length) this.grow();
    }
    return row;
  }

  private grow(): void {
    const size = this.weights.length * 2;
    const w = new Float32Array(size);
    w.set(this.weights);
    const t = new Float64Array(size);
    t.set(this.totals);
    const s = new Int32Array(size);
    s.set(this.stamps);
    this.weights = w;
    this.totals = t;
    this.stamps = s;
    const u = new Uint32Array(size / this.nClasses);
    u.set(this.updates);
    this.updates = u;
  }

  /**
   * The averaged model, dropping rows whose largest absolute averaged weight is below
   * `pruneBelow` (they change no decision worth their space) and rows updated fewer than
   * `minUpdates` times (features seen in one or two mistakes are mostly noise, and dropping them
   * shrinks the table that scoring walks).
   */
  finish(pruneBelow = 0, minUpdates = 0): Perceptron {
    const C = this.nClasses;
    const kept: { feature: number; row: number }[] = [];
    const avg = new Float32Array(this.nRows * C);
    for (let row = 0; row < this.nRows; row++) {
      const feature = this.index.featureOf(row);
      if (this.updates[row] < minUpdates) continue;
      let max = 0;
      for (let c = 0; c < C; c++) {
        const cell = row * C + c;
        const total = this.totals[cell] + (this.clock - this.stamps[cell]) * this.weights[cell];
        const a = total / this.clock;
        avg[cell] = a;
        if (Math.abs(a) > max) max = Math.abs(a);
      }
      if (max > pruneBelow && max > 0) kept.push({ feature, row });
    }
    return Perceptron.fromRows(
      C,
      kept.map((k) => k.feature),
      (i, out) => {
        const base = kept[i].row * C;
        for (let c = 0; c < C; c++) out[c] = avg[base + c];
      },
    );
  }
}

/** A finished perceptron: read-only, compact, fast to score. */
export class Perceptron {
  readonly nClasses: number;
  /** Open-addressing table of feature hashes; empty slots hold 0 and `slotRow` -1. */
  private readonly keys: Uint32Array;
  private readonly slotRow: Int32Array;
  private readonly weights: Float32Array;
  private readonly mask: number;

  constructor(nClasses: number, keys: Uint32Array, slotRow: Int32Array, weights: Float32Array) {
    this.nClasses = nClasses;
    this.keys = keys;
    this.slotRow = slotRow;
    this.weights = weights;
    this.mask = keys.length - 1;
  }

  static fromRows(nClasses: number, features: number[], fill: (i: number, out: Float32Array) => void): Perceptron {
    let size = 16;
    while (size < features.length * 2) size <<= 1;
    const keys = new Uint32Array(size);
    const slotRow = new Int32Array(size).fill(-1);
    const weights = new Float32Array(features.length * nClasses);
    const row = new Float32Array(nClasses);
    for (let i = 0; i < features.length; i++) {
      const f = features[i] >>> 0;
      let slot = mix(f) & (size - 1);
      while (slotRow[slot] !== -1) slot = (slot + 1) & (size - 1);
      keys[slot] = f;
      slotRow[slot] = i;
      fill(i, row);
      weights.set(row, i * nClasses);
    }
    return new Perceptron(nClasses, keys, slotRow, weights);
  }

  get rows(): number {
    return this.weights.length / this.nClasses;
  }

  /** Row index of a feature, or -1 when the model has no weights for it. */
  find(feature: number): number {
    const f = feature >>> 0;
    let slot = mix(f) & this.mask;
    for (;;) {
      const r = this.slotRow[slot];
      if (r === -1) return -1;
      if (this.keys[slot] === f) return r;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds the weights of the features to `scores` (length nClasses). */
  score(features: ArrayLike<number>, n: number, scores: Float32Array | Float64Array): void {
    const C = this.nClasses;
    const w = this.weights;
    for (let i = 0; i < n; i++) {
      const r = this.find(features[i]);
      if (r < 0) continue;
      const base = r * C;
      for (let c = 0; c < C; c++) scores[c] += w[base + c];
    }
  }

  /** The arrays to store in a model file, under names prefixed by `prefix`. */
  toArrays(prefix: string): Record<string, TypedArray> {
    return {
      [`${prefix}.keys`]: this.keys,
      [`${prefix}.slotRow`]: this.slotRow,
      [`${prefix}.weights`]: this.weights,
    };
  }

  static fromArrays(nClasses: number, arrays: Record<string, TypedArray>, prefix: string): Perceptron {
    const keys = arrays[`${prefix}.keys`];
    const slotRow = arrays[`${prefix}.slotRow`];
    const weights = arrays[`${prefix}.weights`];
    if (!(keys instanceof Uint32Array) || !(slotRow instanceof Int32Array) || !(weights instanceof Float32Array)) {
      throw new Error(`model has no perceptron "${prefix}"`);
    }
    return new Perceptron(nClasses, keys, slotRow, weights);
  }
}

/** Growable open-addressing map from feature hash to row (rows are numbered 0, 1, 2... in insertion order). */
class FeatureIndex {
  private keys = new Uint32Array(1 << 16);
  /** Row + 1 per slot, 0 for an empty slot. */
  private slots = new Int32Array(1 << 16);
  private features = new Uint32Array(1 << 15);
  private size = 0;

  find(feature: number): number {
    const f = feature >>> 0;
    const mask = this.keys.length - 1;
    let slot = mix(f) & mask;
    for (;;) {
      const r = this.slots[slot];
      if (r === 0) return -1;
      if (this.keys[slot] === f) return r - 1;
      slot = (slot + 1) & mask;
    }
  }

  /** Adds a feature that is not in the index yet. */
  insert(feature: number, row: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.rehash(this.keys.length * 2);
    this.place(feature >>> 0, row);
    if (row >= this.features.length) {
      const grown = new Uint32Array(Math.max(this.features.length * 2, row + 1));
      grown.set(this.features);
      this.features = grown;
    }
    this.features[row] = feature >>> 0;
    this.size++;
  }

  featureOf(row: number): number {
    return this.features[row];
  }

  private place(f: number, row: number): void {
    const mask = this.keys.length - 1;
    let slot = mix(f) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.keys[slot] = f;
    this.slots[slot] = row + 1;
  }

  private rehash(capacity: number): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    this.keys = new Uint32Array(capacity);
    this.slots = new Int32Array(capacity);
    for (let i = 0; i < oldKeys.length; i++) if (oldSlots[i] !== 0) this.place(oldKeys[i], oldSlots[i] - 1);
  }
}

/** Spreads hash bits so that linear probing over `hash & mask` stays short. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Index of the largest score (first one on ties). */
export function argmax(scores: ArrayLike<number>, n = scores.length): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (scores[i] > scores[best]) best = i;
  return best;
}
