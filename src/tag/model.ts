/**
 * The tagger's model: label inventories (UPOS; per UPOS, the morphology "heads" — one per UD
 * feature, plus XPOS where the treebank has it — and their values), and the perceptrons.
 */
import type { Perceptron } from '../learn/perceptron.js';

/** One morphology decision for a given UPOS: a feature name (or "XPOS") and its values; value 0 is "absent". */
export interface HeadSpec {
  name: string;
  values: string[];
}

export interface MorphSpec {
  heads: HeadSpec[];
  /** Value combinations seen in training, one value index per head: the decoder picks among these. */
  combos: number[][];
}

export interface TaggerMeta {
  lang: string;
  upos: string[];
  /** Annotation conventions the model was trained on (e.g. ["sequoia", "gsd"]); index = convention id. */
  conventions: string[];
  defaultConvention: string;
  hasXpos: boolean;
  /** Indexed by UPOS id; null for UPOS without morphology (punctuation in French). */
  morph: (MorphSpec | null)[];
  /** Whether morphology is decoded over seen combinations (true) or head by head. */
  comboDecoding: boolean;
  /** Lexicon file name (beside the tagger) whose code ids the features use. */
  lexicon: string;
  lexiconEntries: number;
  training: Record<string, unknown>;
}

export const TAGGER_KIND = 'tagger';
export const TAGGER_VERSION = 1;

export const XPOS_HEAD = 'XPOS';
export const ABSENT = '_';

export interface TaggerModelParts {
  meta: TaggerMeta;
  upos: Perceptron;
  /** Second UPOS pass (sees the first pass's tags of the next words), or null. */
  upos2: Perceptron | null;
  /** Indexed by UPOS id. */
  morph: (Perceptron | null)[];
}

/** Column offset of each head's values in a UPOS's morphology perceptron. */
export function headOffsets(spec: MorphSpec): Int32Array {
  const off = new Int32Array(spec.heads.length + 1);
  for (let h = 0; h < spec.heads.length; h++) off[h + 1] = off[h] + spec.heads[h].values.length;
  return off;
}

/** UD order of features: alphabetical by name, case-insensitive ("Number" < "Number[psor]" < "NumType"). */
export function compareFeatureNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/** Splits "A=1|B=2" into pairs; "_" gives none. */
export function splitFeats(feats: string): [string, string][] {
  if (feats === '_' || feats === '') return [];
  const out: [string, string][] = [];
  for (const part of feats.split('|')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.push([part.slice(0, eq), part.slice(eq + 1)]);
  }
  return out;
}
