/**
 * mulberry32: a small, fast, well-mixed 32-bit generator. Training shuffles, augmentation, error
 * injection and synthetic corpora all draw from it, so that the same seed gives the same models
 * and the same benchmark figures.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
