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
 * Built in memory from a Perceptron: the file format does not change.
 */
import type { Perceptron } from './perceptron.js';

const INLINE_CLASSES = 3;

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

  constructor(p: Perceptron) {
    // Everything is built in locals and assigned at the end: loops over `this` fields while the
    // object is still being shaped run several times slower.
    const C = p.nClasses;
    const inline = C <= INLINE_CLASSES;
    const arrays = p.toArrays('p');
    const keys = arrays['p.keys'] as Uint32Array;
    const slotRow = arrays['p.slotRow'] as Int32Array;
    const weights = arrays['p.weights'] as Float32Array;
    const rows = p.rows;
    let max = 0;
    for (let i = 0; i < weights.length; i++) {
      const a = Math.abs(weights[i]);
      if (a > max) max = a;
    }
    const scale = max > 0 ? max / 32767 : 1;
    const inv = 1 / scale;
    const quantised = new Int16Array(weights.length);
    let entries = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = Math.round(weights[i] * inv);
      quantised[i] = w;
      if (w !== 0) entries++;
    }
    let size = 16;
    // Load factor at most 1/2 keeps probe sequences short.
    while (size < rows * 2) size <<= 1;
    const mask = size - 1;
    const slots = new Int32Array(size * 2);
    const rowStart = new Int32Array(inline ? 0 : rows + 1);
    const entryClass = new Uint16Array(inline ? 0 : entries);
    const entryWeight = new Int16Array(inline ? 0 : entries);
    if (!inline) {
      let e = 0;
      for (let r = 0; r < rows; r++) {
        rowStart[r] = e;
        for (let c = 0; c < C; c++) {
          const w = quantised[r * C + c];
          if (w === 0) continue;
          entryClass[e] = c;
          entryWeight[e++] = w;
        }
      }
      rowStart[rows] = e;
    }
    for (let s = 0; s < keys.length; s++) {
      const r = slotRow[s];
      if (r < 0) continue;
      const key = keys[s] | 0;
      let slot = mix(key) & mask;
      if (inline) {
        while (slots[slot << 1] !== 0) slot = (slot + 1) & mask;
        const b = r * C;
        const w0 = quantised[b] & 0xffff;
        const w1 = C > 1 ? quantised[b + 1] & 0xffff : 0;
        const w2 = C > 2 ? quantised[b + 2] & 0xffff : 0;
        slots[slot << 1] = (fingerprint(key) << 16) | w0;
        slots[(slot << 1) + 1] = (w1 << 16) | w2;
      } else {
        while (slots[(slot << 1) + 1] !== 0) slot = (slot + 1) & mask;
        slots[slot << 1] = key;
        slots[(slot << 1) + 1] = r + 1;
      }
    }
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
