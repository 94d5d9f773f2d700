/**
 * Feature hashing: a feature is (template id, value), turned into one 32-bit number without
 * building strings in hot loops. Templates are small integers chosen by each stage.
 */

/** FNV-1a over UTF-16 code units, seeded with the template id. */
export function hashString(template: number, value: string): number {
  let h = (0x811c9dc5 ^ Math.imul(template + 1, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines a template id and up to three integers (ids of words, tags, labels...). */
export function hashInts(template: number, a: number, b = 0, c = 0): number {
  let h = Math.imul(template + 1, 0x9e3779b1) ^ 0x811c9dc5;
  h = Math.imul(h ^ a, 0x01000193);
  h = Math.imul(h ^ (a >>> 16), 0x01000193);
  h = Math.imul(h ^ b, 0x01000193);
  h = Math.imul(h ^ (b >>> 16), 0x01000193);
  h = Math.imul(h ^ c, 0x01000193);
  h = Math.imul(h ^ (c >>> 16), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

/** Combines an already hashed value with a template and an integer (e.g. a string hash with a tag id). */
export function hashCombine(template: number, hashed: number, n = 0): number {
  return hashInts(template, hashed, n, 0x5bd1e995);
}

/** A reusable buffer of feature hashes for one decision. */
export class FeatureBuffer {
  values: Uint32Array;
  length = 0;

  constructor(capacity = 256) {
    this.values = new Uint32Array(capacity);
  }

  clear(): void {
    this.length = 0;
  }

  push(h: number): void {
    if (this.length === this.values.length) {
      const v = new Uint32Array(this.values.length * 2);
      v.set(this.values);
      this.values = v;
    }
    this.values[this.length++] = h;
  }
}
