/**
 * A smaller on-disk form of a finished Perceptron: the feature hashes in row order (the probing
 * table is rebuilt at load, a few milliseconds) and quantised weights — Int16 with one scale, or
 * Int8 with one scale per row. A model stored this way is several times smaller than
 * `Perceptron.toArrays` and scores the same after loading (weights are expanded back to Float32).
 *
 * Arrays: `${prefix}.features` (u32, one per row), and either `${prefix}.w16` (i16) +
 * `${prefix}.scale` (f32, one value), or `${prefix}.w8` (i8) + `${prefix}.rowScale` (f32 per row),
 * or the sparse form for models with many classes and few non-zero weights per row (a perceptron
 * only ever touches the classes it confused): `${prefix}.rowLen` (non-zero weights per row),
 * `${prefix}.cls` (their classes) and `${prefix}.sw16` (their Int16 weights) + `${prefix}.scale`.
 */
import type { TypedArray } from './model-file.js';
import { Perceptron } from './perceptron.js';

/** 'auto': sparse Int16 when fewer than 40% of the weights are non-zero, else dense Int16. */
export type WeightPrecision = 'i16' | 'i8' | 'sparse16' | 'auto';

/** Features of a perceptron in row order, recovered from its probing table. */
function featuresInRowOrder(p: Perceptron, arrays: Record<string, TypedArray>, prefix: string): Uint32Array {
  const keys = arrays[`${prefix}.keys`] as Uint32Array;
  const slotRow = arrays[`${prefix}.slotRow`] as Int32Array;
  const features = new Uint32Array(p.rows);
  for (let s = 0; s < slotRow.length; s++) if (slotRow[s] >= 0) features[slotRow[s]] = keys[s];
  return features;
}

export function compactPerceptronArrays(p: Perceptron, prefix: string, precision: WeightPrecision = 'auto'): Record<string, TypedArray> {
  const full = p.toArrays(prefix);
  const weights = full[`${prefix}.weights`] as Float32Array;
  const features = featuresInRowOrder(p, full, prefix);
  const C = p.nClasses;
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]));
  const scale = max > 0 ? max / 32767 : 1;
  const w16 = new Int16Array(weights.length);
  let nonZero = 0;
  for (let i = 0; i < weights.length; i++) {
    w16[i] = Math.round(weights[i] / scale);
    if (w16[i] !== 0) nonZero++;
  }
  if (precision === 'auto') precision = nonZero < 0.4 * weights.length ? 'sparse16' : 'i16';
  if (precision === 'i16') {
    return { [`${prefix}.features`]: features, [`${prefix}.w16`]: w16, [`${prefix}.scale`]: Float32Array.of(scale) };
  }
  if (precision === 'sparse16') {
    const rows = p.rows;
    const rowLen = C <= 255 ? new Uint8Array(rows) : new Uint16Array(rows);
    const cls = C <= 256 ? new Uint8Array(nonZero) : new Uint16Array(nonZero);
    const sw16 = new Int16Array(nonZero);
    let k = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < C; c++) {
        const w = w16[r * C + c];
        if (w === 0) continue;
        cls[k] = c;
        sw16[k++] = w;
        rowLen[r]++;
      }
    }
    return {
      [`${prefix}.features`]: features,
      [`${prefix}.rowLen`]: rowLen,
      [`${prefix}.cls`]: cls,
      [`${prefix}.sw16`]: sw16,
      [`${prefix}.scale`]: Float32Array.of(scale),
    };
  }
  const rows = p.rows;
  const rowScale = new Float32Array(rows);
  const w8 = new Int8Array(weights.length);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < C; c++) max = Math.max(max, Math.abs(weights[r * C + c]));
    const scale = max > 0 ? max / 127 : 1;
    rowScale[r] = scale;
    for (let c = 0; c < C; c++) w8[r * C + c] = Math.round(weights[r * C + c] / scale);
  }
  return { [`${prefix}.features`]: features, [`${prefix}.w8`]: w8, [`${prefix}.rowScale`]: rowScale };
}

/** Whether `arrays` hold a compact perceptron under `prefix`. */
export function hasCompactPerceptron(arrays: Record<string, TypedArray>, prefix: string): boolean {
  return arrays[`${prefix}.features`] instanceof Uint32Array;
}

export function perceptronFromCompactArrays(nClasses: number, arrays: Record<string, TypedArray>, prefix: string): Perceptron {
  const features = arrays[`${prefix}.features`];
  if (!(features instanceof Uint32Array)) throw new Error(`model has no compact perceptron "${prefix}"`);
  const w16 = arrays[`${prefix}.w16`];
  const w8 = arrays[`${prefix}.w8`];
  const sw16 = arrays[`${prefix}.sw16`];
  const C = nClasses;
  let fill: (i: number, out: Float32Array) => void;
  if (sw16 instanceof Int16Array) {
    const scale = (arrays[`${prefix}.scale`] as Float32Array)[0];
    const rowLen = arrays[`${prefix}.rowLen`];
    const cls = arrays[`${prefix}.cls`];
    // Rows are filled in order, so one running offset into the non-zero weights suffices.
    let k = 0;
    fill = (i, out) => {
      out.fill(0);
      const end = k + rowLen[i];
      for (; k < end; k++) out[cls[k]] = sw16[k] * scale;
    };
  } else if (w16 instanceof Int16Array) {
    const scale = (arrays[`${prefix}.scale`] as Float32Array)[0];
    fill = (i, out) => {
      for (let c = 0; c < C; c++) out[c] = w16[i * C + c] * scale;
    };
  } else if (w8 instanceof Int8Array) {
    const rowScale = arrays[`${prefix}.rowScale`] as Float32Array;
    fill = (i, out) => {
      const s = rowScale[i];
      for (let c = 0; c < C; c++) out[c] = w8[i * C + c] * s;
    };
  } else {
    throw new Error(`model has no weights for compact perceptron "${prefix}"`);
  }
  return Perceptron.fromRows(C, Array.from(features), fill);
}

/**
 * A read-only scorer built straight from the compact arrays, for run time. Each probe-table slot
 * holds the feature and its row offset side by side (one cache line for the probe instead of two
 * arrays), and the weights stay Int16: a row of 17 classes is 34 bytes. Scores come out in units
 * of `scale` (multiply by it for the true value); argmax and sums within one model need no scaling.
 */
export class CompactScorer {
  readonly nClasses: number;
  readonly rows: number;
  /** Real value of one weight unit. */
  readonly scale: number;
  /** Pairs (feature, offset of its row in `weights`); offset -1 marks an empty slot. */
  private readonly table: Int32Array;
  private readonly weights: Int16Array;
  private readonly mask: number;

  constructor(nClasses: number, features: Uint32Array, weights: Int16Array, scale: number) {
    this.nClasses = nClasses;
    this.rows = features.length;
    this.scale = scale;
    this.weights = weights;
    let size = 16;
    while (size < features.length * 2) size <<= 1;
    this.mask = size - 1;
    this.table = new Int32Array(size * 2);
    for (let s = 0; s < size; s++) this.table[2 * s + 1] = -1;
    for (let r = 0; r < features.length; r++) {
      let slot = spread(features[r]) & this.mask;
      while (this.table[2 * slot + 1] !== -1) slot = (slot + 1) & this.mask;
      this.table[2 * slot] = features[r] | 0;
      this.table[2 * slot + 1] = r * nClasses;
    }
  }

  /** Adds the weights of the features to `scores` (length nClasses), in units of `scale`. */
  score(features: ArrayLike<number>, n: number, scores: Float32Array | Float64Array): void {
    const C = this.nClasses;
    const w = this.weights;
    const table = this.table;
    const mask = this.mask;
    for (let i = 0; i < n; i++) {
      const f = features[i] | 0;
      let slot = spread(f >>> 0) & mask;
      for (;;) {
        const base = table[2 * slot + 1];
        if (base === -1) break;
        if (table[2 * slot] === f) {
          for (let c = 0; c < C; c++) scores[c] += w[base + c];
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }
}

/** Builds a CompactScorer from arrays written by compactPerceptronArrays (any precision). */
export function scorerFromCompactArrays(nClasses: number, arrays: Record<string, TypedArray>, prefix: string): CompactScorer {
  const features = arrays[`${prefix}.features`];
  if (!(features instanceof Uint32Array)) throw new Error(`model has no compact perceptron "${prefix}"`);
  const C = nClasses;
  const w16 = arrays[`${prefix}.w16`];
  const sw16 = arrays[`${prefix}.sw16`];
  const w8 = arrays[`${prefix}.w8`];
  if (w16 instanceof Int16Array) return new CompactScorer(C, features, w16, (arrays[`${prefix}.scale`] as Float32Array)[0]);
  if (sw16 instanceof Int16Array) {
    const rowLen = arrays[`${prefix}.rowLen`];
    const cls = arrays[`${prefix}.cls`];
    // Widen the small index arrays first so the expansion loop reads one array type.
    const dense = densify(Uint16Array.from(rowLen), Uint16Array.from(cls), sw16, features.length, C);
    return new CompactScorer(C, features, dense, (arrays[`${prefix}.scale`] as Float32Array)[0]);
  }
  if (w8 instanceof Int8Array) {
    // Per-row scales become one scale: re-quantise to Int16.
    const rowScale = arrays[`${prefix}.rowScale`] as Float32Array;
    let max = 0;
    for (let r = 0; r < rowScale.length; r++) max = Math.max(max, rowScale[r] * 127);
    const scale = max > 0 ? max / 32767 : 1;
    const dense = new Int16Array(w8.length);
    for (let i = 0; i < w8.length; i++) dense[i] = Math.round((w8[i] * rowScale[Math.floor(i / C)]) / scale);
    return new CompactScorer(C, features, dense, scale);
  }
  throw new Error(`model has no weights for compact perceptron "${prefix}"`);
}

/** Expands sparse rows (per row: count, then (class, weight) pairs) into a dense Int16 matrix. */
function densify(rowLen: Uint16Array, cls: Uint16Array, weights: Int16Array, rows: number, C: number): Int16Array {
  const dense = new Int16Array(rows * C);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    const end = k + rowLen[r];
    const base = r * C;
    for (; k < end; k++) dense[base + cls[k]] = weights[k];
  }
  return dense;
}

/** Spreads hash bits so that linear probing over `hash & mask` stays short. */
function spread(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
