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
 * Models scored at run time by `CompactScorer` (tagger, lemmatizer) are stored in its table
 * layout instead (`tablePerceptronArrays`, below), which loads without any rebuilding.
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

/** The one scale that maps the largest weight to ±32767, for Int16 weights (1 when all are zero). */
export function int16Scale(weights: Float32Array): number {
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]));
  return max > 0 ? max / 32767 : 1;
}

export function compactPerceptronArrays(p: Perceptron, prefix: string, precision: WeightPrecision = 'auto'): Record<string, TypedArray> {
  const full = p.toArrays(prefix);
  const weights = full[`${prefix}.weights`] as Float32Array;
  const features = featuresInRowOrder(p, full, prefix);
  const C = p.nClasses;
  const scale = int16Scale(weights);
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
  return arrays[`${prefix}.features`] instanceof Uint32Array || arrays[`${prefix}.slots`] instanceof Int32Array;
}

export function perceptronFromCompactArrays(nClasses: number, arrays: Record<string, TypedArray>, prefix: string): Perceptron {
  const slots = arrays[`${prefix}.slots`];
  if (slots instanceof Int32Array) {
    // Table layout: rows in slot order.
    const entries = arrays[`${prefix}.entries`] as Int32Array;
    const scale = (arrays[`${prefix}.scale`] as Float32Array)[0];
    const rowSlots: number[] = [];
    for (let s = 0; 2 * s < slots.length; s++) if (slots[2 * s + 1] !== -1) rowSlots.push(s);
    return Perceptron.fromRows(
      nClasses,
      rowSlots.map((s) => slots[2 * s] >>> 0),
      (i, out) => {
        out.fill(0);
        const packed = slots[2 * rowSlots[i] + 1];
        for (let k = packed >>> 8; k < (packed >>> 8) + (packed & 0xff); k++) out[entries[k] & 0xff] = (entries[k] >> 8) * scale;
      },
    );
  }
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
 * The run-time layout of a compact perceptron, stored as is in the model file so that loading is
 * taking typed-array views (no table to rebuild, no weights to expand):
 *
 *   `${prefix}.slots`    Int32 pairs (feature, packed row) in an open-addressing table of a power
 *                        of two slots (load factor ≤ 0.7, linear probing on `spread(feature)`);
 *                        packed row = (first entry << 8) | number of entries, -1 for an empty slot.
 *   `${prefix}.entries`  the non-zero weights, one Int32 each: (Int16 weight << 8) | class.
 *   `${prefix}.scale`    real value of one weight unit (f32).
 *
 * A lookup reads one slot (8 bytes) and then the row's few entries (a perceptron only ever
 * touches the classes it confused: tagger rows hold about 3 of 17), so most lookups cost two
 * cache misses and no row of zeros is read. Needs at most 256 classes.
 */
const MAX_TABLE_CLASSES = 256;
const MAX_TABLE_LOAD = 0.7;

/** Whether a model of `nClasses` classes can use the table layout. */
export function tableLayoutFits(nClasses: number): boolean {
  return nClasses <= MAX_TABLE_CLASSES;
}

/** Builds the table layout from Int16 rows in row order (dense `w16`, `rows × C`). */
function tableArrays(features: Uint32Array, rowWeights: (r: number, visit: (cls: number, w: number) => void) => void, scale: number, prefix: string): Record<string, TypedArray> {
  const rows = features.length;
  let size = 16;
  while (size * MAX_TABLE_LOAD < rows) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size * 2);
  for (let s = 0; s < size; s++) slots[2 * s + 1] = -1;
  const entryList: number[] = [];
  for (let r = 0; r < rows; r++) {
    const start = entryList.length;
    rowWeights(r, (cls, w) => entryList.push((w << 8) | cls));
    const count = entryList.length - start;
    if (count === 0) continue;
    if (count > 255 || start >= 1 << 23) throw new Error(`compact perceptron "${prefix}": row too long or too many weights for the table layout`);
    let slot = spread(features[r]) & mask;
    while (slots[2 * slot + 1] !== -1) slot = (slot + 1) & mask;
    slots[2 * slot] = features[r] | 0;
    slots[2 * slot + 1] = (start << 8) | count;
  }
  return { [`${prefix}.slots`]: slots, [`${prefix}.entries`]: Int32Array.from(entryList), [`${prefix}.scale`]: Float32Array.of(scale) };
}

/**
 * The table layout of a finished Perceptron (Int16 weights, one scale), for models read by
 * `scorerFromCompactArrays` at run time (tagger, lemmatizer).
 */
export function tablePerceptronArrays(p: Perceptron, prefix: string): Record<string, TypedArray> {
  if (!tableLayoutFits(p.nClasses)) return compactPerceptronArrays(p, prefix);
  const full = p.toArrays(prefix);
  const weights = full[`${prefix}.weights`] as Float32Array;
  const features = featuresInRowOrder(p, full, prefix);
  const C = p.nClasses;
  const scale = int16Scale(weights);
  return tableArrays(
    features,
    (r, visit) => {
      for (let c = 0; c < C; c++) {
        const w = Math.round(weights[r * C + c] / scale);
        if (w !== 0) visit(c, w);
      }
    },
    scale,
    prefix,
  );
}

/**
 * Rewrites a compact perceptron stored in an older layout (dense or sparse Int16) into the table
 * layout, with the same weights: scores are unchanged. Other arrays are kept.
 */
export function convertToTableLayout(nClasses: number, arrays: Record<string, TypedArray>, prefix: string): Record<string, TypedArray> {
  if (arrays[`${prefix}.slots`] instanceof Int32Array || !tableLayoutFits(nClasses)) return arrays;
  const features = arrays[`${prefix}.features`];
  if (!(features instanceof Uint32Array)) throw new Error(`model has no compact perceptron "${prefix}"`);
  const w16 = arrays[`${prefix}.w16`];
  const sw16 = arrays[`${prefix}.sw16`];
  const C = nClasses;
  let dense: Int16Array;
  if (w16 instanceof Int16Array) dense = w16;
  else if (sw16 instanceof Int16Array) dense = densify(Uint16Array.from(arrays[`${prefix}.rowLen`]), Uint16Array.from(arrays[`${prefix}.cls`]), sw16, features.length, C);
  else return arrays;
  const scale = (arrays[`${prefix}.scale`] as Float32Array)[0];
  const table = tableArrays(
    features,
    (r, visit) => {
      for (let c = 0; c < C; c++) if (dense[r * C + c] !== 0) visit(c, dense[r * C + c]);
    },
    scale,
    prefix,
  );
  const out: Record<string, TypedArray> = {};
  for (const [name, a] of Object.entries(arrays)) if (!name.startsWith(`${prefix}.`)) out[name] = a;
  return { ...out, ...table };
}

/**
 * A read-only scorer over the table layout (above). Scores come out in units of `scale` (multiply
 * by it for the true value); as the weights are integers, sums are exact in a Float32Array up to
 * 2^24, so the order in which features are added never changes a score.
 */
export class CompactScorer {
  readonly nClasses: number;
  /** Real value of one weight unit. */
  readonly scale: number;
  private readonly slots: Int32Array;
  private readonly entries: Int32Array;
  private readonly mask: number;

  constructor(nClasses: number, slots: Int32Array, entries: Int32Array, scale: number) {
    this.nClasses = nClasses;
    this.scale = scale;
    this.slots = slots;
    this.entries = entries;
    this.mask = (slots.length >>> 1) - 1;
  }

  /** Number of feature rows (counted on demand: loading does not walk the table). */
  get rows(): number {
    let rows = 0;
    for (let s = 1; s < this.slots.length; s += 2) if (this.slots[s] !== -1) rows++;
    return rows;
  }

  /** Adds the weights of the features to `scores` (length nClasses), in units of `scale`. */
  score(features: ArrayLike<number>, n: number, scores: Float32Array | Float64Array): void {
    const slots = this.slots;
    const entries = this.entries;
    const mask = this.mask;
    for (let i = 0; i < n; i++) {
      const f = features[i] | 0;
      let slot = spread(f >>> 0) & mask;
      for (;;) {
        const packed = slots[2 * slot + 1];
        if (packed === -1) break;
        if (slots[2 * slot] === f) {
          const end = (packed >>> 8) + (packed & 0xff);
          for (let k = packed >>> 8; k < end; k++) {
            const e = entries[k];
            scores[e & 0xff] += e >> 8;
          }
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }

  /** Adds the weights of one feature to `scores` at `offset` (a row of a larger score table). */
  scoreOneAt(feature: number, scores: Float32Array, offset: number): void {
    const slots = this.slots;
    const f = feature | 0;
    let slot = spread(f >>> 0) & this.mask;
    for (;;) {
      const packed = slots[2 * slot + 1];
      if (packed === -1) return;
      if (slots[2 * slot] === f) {
        const entries = this.entries;
        const end = (packed >>> 8) + (packed & 0xff);
        for (let k = packed >>> 8; k < end; k++) {
          const e = entries[k];
          scores[offset + (e & 0xff)] += e >> 8;
        }
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/**
 * Builds a CompactScorer from arrays written by tablePerceptronArrays (views, no copy) or, for
 * older files, by compactPerceptronArrays (converted in memory).
 */
export function scorerFromCompactArrays(nClasses: number, arrays: Record<string, TypedArray>, prefix: string): CompactScorer {
  let a = arrays;
  if (!(a[`${prefix}.slots`] instanceof Int32Array)) {
    if (!(a[`${prefix}.features`] instanceof Uint32Array)) throw new Error(`model has no compact perceptron "${prefix}"`);
    if (a[`${prefix}.w8`] instanceof Int8Array) a = requantiseInt8(nClasses, a, prefix);
    a = convertToTableLayout(nClasses, a, prefix);
  }
  const slots = a[`${prefix}.slots`];
  const entries = a[`${prefix}.entries`];
  const scale = a[`${prefix}.scale`];
  if (!(slots instanceof Int32Array) || !(entries instanceof Int32Array) || !(scale instanceof Float32Array)) {
    throw new Error(`model has no weights for compact perceptron "${prefix}"`);
  }
  return new CompactScorer(nClasses, slots, entries, scale[0]);
}

/** Per-row Int8 scales become one Int16 scale. */
function requantiseInt8(C: number, arrays: Record<string, TypedArray>, prefix: string): Record<string, TypedArray> {
  const w8 = arrays[`${prefix}.w8`] as Int8Array;
  const rowScale = arrays[`${prefix}.rowScale`] as Float32Array;
  let max = 0;
  for (let r = 0; r < rowScale.length; r++) max = Math.max(max, rowScale[r] * 127);
  const scale = max > 0 ? max / 32767 : 1;
  const dense = new Int16Array(w8.length);
  for (let i = 0; i < w8.length; i++) dense[i] = Math.round((w8[i] * rowScale[Math.floor(i / C)]) / scale);
  return { [`${prefix}.features`]: arrays[`${prefix}.features`], [`${prefix}.w16`]: dense, [`${prefix}.scale`]: Float32Array.of(scale) };
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
