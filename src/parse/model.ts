/**
 * The parser's model file (`models/<lang>/parser.bin`): both perceptrons (feature hashes and
 * Int16 weights, see compact-perceptron.ts) and the label list in the shared model-file format.
 */
import { loadModel, saveModel } from '../learn/model-file.js';
import type { TypedArray } from '../learn/model-file.js';
import { PackedPerceptron } from '../learn/packed-perceptron.js';
import type { Perceptron } from '../learn/perceptron.js';
import { compactPerceptronArrays, perceptronFromCompactArrays } from '../learn/compact-perceptron.js';
import { TRANSITION_COUNT } from './arc-hybrid.js';
import { Parser } from './parser.js';
import { VigieError } from '../errors.js';

export const PARSER_KIND = 'parser';
/** Bump when features, atoms or the transition system change: old models then refuse to load. */
export const PARSER_MODEL_VERSION = 1;

export interface ParserMeta {
  lang: string;
  /** Labeller classes, in class order ("root" is not one: it is given by the transition system). */
  labels: string[];
  /** Free-form training record: data, epochs, dev scores, tags used. */
  training: Record<string, unknown>;
}

export function saveParser(path: string, transitions: Perceptron, labeller: Perceptron, meta: ParserMeta): void {
  saveModel(path, {
    kind: PARSER_KIND,
    version: PARSER_MODEL_VERSION,
    meta,
    arrays: { ...compactPerceptronArrays(transitions, 'transitions', 'i16'), ...compactPerceptronArrays(labeller, 'labeller', 'auto') },
  });
}

/** A model of the file in its run-time layout, straight from the Int16 arrays when it can be. */
function packedModel(nClasses: number, arrays: Record<string, TypedArray>, prefix: string): PackedPerceptron {
  return PackedPerceptron.fromCompactArrays(nClasses, arrays, prefix) ?? PackedPerceptron.fromPerceptron(perceptronFromCompactArrays(nClasses, arrays, prefix));
}

export function loadParserFile(path: string): { parser: Parser; meta: ParserMeta } {
  const model = loadModel<ParserMeta>(path, PARSER_KIND);
  if (model.version !== PARSER_MODEL_VERSION) {
    throw new VigieError(`${path}: parser model version ${model.version}, this build reads version ${PARSER_MODEL_VERSION} (retrain with "vigie train parser")`);
  }
  const meta = model.meta;
  const transitions = packedModel(TRANSITION_COUNT, model.arrays, 'transitions');
  const labeller = packedModel(meta.labels.length, model.arrays, 'labeller');
  return { parser: new Parser(transitions, labeller, meta.labels), meta };
}
