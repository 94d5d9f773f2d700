/**
 * What the three feature files share: the feature hash and the class used outside the paragraph.
 * All feature functions append hashed features for one decision to a FeatureBuffer; training and
 * tokenizing call the same functions, so they cannot drift apart, and every read is bounded (a
 * few characters or tokens around the decision; strings hashed through `normHash`, which reads at
 * most MAX_HASHED units).
 */

/**
 * Feature hash of a template and up to three integers: three multiply-xorshift rounds, cheaper
 * than learn/features.ts hashInts (this runs ~40 times per token) and spread enough for the
 * perceptron's table, which mixes keys again.
 */
export function hashInts(template: number, a: number, b = 0, c = 0): number {
  let h = Math.imul((a ^ Math.imul(template, 0x9e3779b1)) | 0, 0x85ebca6b);
  h = Math.imul((h ^ (h >>> 15) ^ b) | 0, 0xc2b2ae35);
  h = Math.imul((h ^ (h >>> 13) ^ c) | 0, 0x27d4eb2d);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Class value used for positions outside the paragraph. */
export const EDGE_CLASS = 21;
