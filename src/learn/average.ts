/**
 * The mean of several perceptrons over the same feature space. For linear models averaging the
 * weights is averaging the scores, so the mean of models trained on different shuffles (or seeds)
 * is an ensemble that costs one model's scoring time; the price is a table holding the union of
 * their features, which `pruneBelow` trims.
 */
import { Perceptron } from './perceptron.js';

export function averagePerceptrons(models: readonly Perceptron[], pruneBelow = 0): Perceptron {
  if (models.length === 0) throw new Error('averagePerceptrons: no models');
  if (models.length === 1) return models[0];
  const nClasses = models[0].nClasses;
  const sums = new Map<number, Float32Array>();
  for (const m of models) {
    if (m.nClasses !== nClasses) throw new Error(`averagePerceptrons: ${m.nClasses} classes, expected ${nClasses}`);
    const arrays = m.toArrays('p');
    const keys = arrays['p.keys'] as Uint32Array;
    const slotRow = arrays['p.slotRow'] as Int32Array;
    const weights = arrays['p.weights'] as Float32Array;
    for (let slot = 0; slot < keys.length; slot++) {
      const row = slotRow[slot];
      if (row < 0) continue;
      let sum = sums.get(keys[slot]);
      if (!sum) sums.set(keys[slot], (sum = new Float32Array(nClasses)));
      for (let c = 0; c < nClasses; c++) sum[c] += weights[row * nClasses + c] / models.length;
    }
  }
  const features = [...sums.keys()].filter((f) => sums.get(f)!.some((w) => Math.abs(w) > pruneBelow)).sort((a, b) => a - b);
  return Perceptron.fromRows(nClasses, features, (i, out) => out.set(sums.get(features[i])!));
}
