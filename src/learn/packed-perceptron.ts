/**
 * A finished Perceptron re-laid out for scoring speed. Scoring a big model is dominated by cache
 * misses: `Perceptron` keeps keys, row ids and weights in three arrays (up to three misses per
 * feature). Here weights are quantised to Int16 (one scale per model, as compact-perceptron.ts
 * stores them) and each probing slot sits next to what a lookup needs:
 *
 *   up to 3 classes  one 8-byte slot: a 16-bit key fingerprint and the three weights, so a
 *                    lookup is one memory access. A fingerprint can match a feature the model
 *                    does not have (about 2^-16 per probe); that adds one small weight row to a
 *                    score now and then, which the transition parser's accuracy does not notice.
 *   more classes     [32-bit key, row] slots, and each row as a list of its non-zero
 *                    (class, Int16 weight) pairs: a perceptron only touches the classes it
 *                    confused, so rows of a 50-class labeller hold a handful of weights.
 *
 * Built from a Perceptron (training) or straight from the model file's Int16 arrays (loading).
 */
import type { Perceptron } from './perceptron.js';
import type { TypedArray } from './model-file.js';
import { int16Scale } from './compact-perceptron.js';

const INLINE_CLASSES = 3;

/**
 * Quantised weights of a model's rows, as stored in compact model files: either dense (row r's
 * weight for class c at r * nClasses + c) or sparse (per row, `rowLen` pairs of class and weight).
 */
export type QuantisedRows =
  | { kind: 'dense'; weights: Int16Array }
  | { kind: 'sparse'; rowLen: Uint8Array | Uint16Array; cls: Uint8Array | Uint16Array; weights: Int16Array };

export class PackedPerceptron {
  readonly nClasses: number;
  /** Multiply an Int16 weight by this to get the weight. */
  readonly scale: number;
  private readonly slots: Int32Array;
  /** Sparse rows (more than 3 classes only): row r holds entries rowStart[r]..rowStart[r+1]-1. */
  private readonly rowStart: Int32Array;
  private readonly entryClass: Uint16Array;
  private readonly entryWeight: Int16Array;
  private readonly mask: number;
  private readonly inline: boolean;
  /** Integer score accumulators, so that quantised weights are summed exactly and scaled once. */
  private readonly sums: Int32Array;

  /**
   * `features[r]` is the feature hash of row r; `rows` its quantised weights (Int16, times `scale`).
   * Built straight from a model file's arrays, no Float32 copy of the weights is ever made: the
   * parser's peak memory at load is then the packed table, not three layouts of it.
   */
  constructor(nClasses: number, features: Uint32Array, rows: QuantisedRows, scale: number) {
    // Everything is built in locals and assigned at the end: loops over `this` fields while the
    // object is still being shaped run several times slower.
    const C = nClasses;
    const inline = C <= INLINE_CLASSES;
    const nRows = features.length;
    let entries = 0;
    const weights = rows.weights;
    if (rows.kind === 'sparse') entries = weights.length;
    else for (let i = 0; i < weights.length; i++) if (weights[i] !== 0) entries++;
    let size = 16;
    // Load factor at most 0.7: probe runs stay within one or two cache lines (8 slots of 8 bytes
    // per line), and a smaller table misses the cache less often than a sparser one saves probes
    // (English parser: 0.5 → 0.7 halved the table and sped parsing up by a fifth).
    while (size * 0.7 < nRows) size <<= 1;
    const mask = size - 1;
    const slots = new Int32Array(size * 2);
    const rowStart = new Int32Array(inline ? 0 : nRows + 1);
    const entryClass = new Uint16Array(inline ? 0 : entries);
    const entryWeight = new Int16Array(inline ? 0 : entries);
    // Row r's weights for an inline table (dense: up to three classes).
    const inlineRow = new Int16Array(INLINE_CLASSES);
    let sparseAt = 0;
    let e = 0;
    for (let r = 0; r < nRows; r++) {
      if (!inline) rowStart[r] = e;
      else inlineRow.fill(0);
      if (rows.kind === 'dense') {
        for (let c = 0; c < C; c++) {
          const w = weights[r * C + c];
          if (inline) inlineRow[c] = w;
          else if (w !== 0) {
            entryClass[e] = c;
            entryWeight[e++] = w;
          }
        }
      } else {
        const end = sparseAt + rows.rowLen[r];
        for (; sparseAt < end; sparseAt++) {
          if (inline) inlineRow[rows.cls[sparseAt]] = weights[sparseAt];
          else {
            entryClass[e] = rows.cls[sparseAt];
            entryWeight[e++] = weights[sparseAt];
          }
        }
      }
      const key = features[r] | 0;
      let slot = mix(key) & mask;
      if (inline) {
        while (slots[slot << 1] !== 0) slot = (slot + 1) & mask;
        slots[slot << 1] = (fingerprint(key) << 16) | (inlineRow[0] & 0xffff);
        slots[(slot << 1) + 1] = ((inlineRow[1] & 0xffff) << 16) | (inlineRow[2] & 0xffff);
      } else {
        while (slots[(slot << 1) + 1] !== 0) slot = (slot + 1) & mask;
        slots[slot << 1] = key;
        slots[(slot << 1) + 1] = r + 1;
      }
    }
    if (!inline) rowStart[nRows] = e;
    this.nClasses = C;
    this.inline = inline;
    this.scale = scale;
    this.mask = mask;
    this.slots = slots;
    this.rowStart = rowStart;
    this.entryClass = entryClass;
    this.entryWeight = entryWeight;
    this.sums = new Int32Array(C);
  }

  /** Quantises a finished (Float32) perceptron: one scale for the whole model. */
  static fromPerceptron(p: Perceptron): PackedPerceptron {
    const C = p.nClasses;
    const arrays = p.toArrays('p');
    const keys = arrays['p.keys'] as Uint32Array;
    const slotRow = arrays['p.slotRow'] as Int32Array;
    const weights = arrays['p.weights'] as Float32Array;
    const scale = int16Scale(weights);
    const inv = 1 / scale;
    const quantised = new Int16Array(weights.length);
    for (let i = 0; i < weights.length; i++) quantised[i] = Math.round(weights[i] * inv);
    const features = new Uint32Array(p.rows);
    for (let s = 0; s < slotRow.length; s++) if (slotRow[s] >= 0) features[slotRow[s]] = keys[s];
    return new PackedPerceptron(C, features, { kind: 'dense', weights: quantised }, scale);
  }

  /**
   * From the arrays `compactPerceptronArrays` writes with Int16 weights (dense `w16` or sparse
   * `sw16`); null for another layout (the caller then goes through a Perceptron).
   */
  static fromCompactArrays(nClasses: number, arrays: Record<string, TypedArray>, prefix: string): PackedPerceptron | null {
    const features = arrays[`${prefix}.features`];
    const scale = arrays[`${prefix}.scale`];
    if (!(features instanceof Uint32Array) || !(scale instanceof Float32Array)) return null;
    const w16 = arrays[`${prefix}.w16`];
    if (w16 instanceof Int16Array) return new PackedPerceptron(nClasses, features, { kind: 'dense', weights: w16 }, scale[0]);
    const sw16 = arrays[`${prefix}.sw16`];
    const rowLen = arrays[`${prefix}.rowLen`];
    const cls = arrays[`${prefix}.cls`];
    if (
      sw16 instanceof Int16Array &&
      (rowLen instanceof Uint8Array || rowLen instanceof Uint16Array) &&
      (cls instanceof Uint8Array || cls instanceof Uint16Array)
    ) {
      return new PackedPerceptron(nClasses, features, { kind: 'sparse', rowLen, cls, weights: sw16 }, scale[0]);
    }
    return null;
  }

  /** Adds the weights of the features to `scores` (length nClasses). */
  score(features: ArrayLike<number>, n: number, scores: Float32Array | Float64Array): void {
    const slots = this.slots;
    const mask = this.mask;
    const C = this.nClasses;
    if (this.inline) {
      let a = 0;
      let b = 0;
      let c = 0;
      for (let i = 0; i < n; i++) {
        const key = features[i] | 0;
        const fp = fingerprint(key);
        let slot = mix(key) & mask;
        for (;;) {
          const w0 = slots[slot << 1];
          const got = w0 >>> 16;
          if (got === fp) {
            const w1 = slots[(slot << 1) + 1];
            a += (w0 << 16) >> 16;
            b += w1 >> 16;
            c += (w1 << 16) >> 16;
            break;
          }
          if (got === 0) break;
          slot = (slot + 1) & mask;
        }
      }
      const s = this.scale;
      scores[0] += a * s;
      if (C > 1) scores[1] += b * s;
      if (C > 2) scores[2] += c * s;
      return;
    }
    const sums = this.sums;
    sums.fill(0);
    const start = this.rowStart;
    const cls = this.entryClass;
    const w = this.entryWeight;
    for (let i = 0; i < n; i++) {
      const key = features[i] | 0;
      let slot = mix(key) & mask;
      for (;;) {
        const r = slots[(slot << 1) + 1];
        if (r === 0) break;
        if (slots[slot << 1] === key) {
          const end = start[r];
          for (let e = start[r - 1]; e < end; e++) sums[cls[e]] += w[e];
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    for (let k = 0; k < C; k++) scores[k] += sums[k] * this.scale;
  }
}

/** 16 bits of the key that the slot index does not use directly; never 0 (0 marks an empty slot). */
function fingerprint(key: number): number {
  return key >>> 16 || 1;
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
