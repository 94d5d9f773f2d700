/**
 * The CoNLL 2018 UD shared-task evaluation (the metrics of conll18_ud_eval.py, version 1.2),
 * written for vigie's CoNLL-U structures so that figures agree with the official scorer.
 *
 * Tokens and Sentences compare character spans; Words counts aligned words (see align.ts); every
 * other metric counts aligned words whose columns agree, with precision over system words, recall
 * over gold words, and aligned accuracy over aligned words. CLAS, MLAS and BLEX count only words
 * attached by a content relation.
 */
import type { ConlluSentence } from '../formats/conllu.js';
import { VigieError } from '../errors.js';
import { alignWords, type Alignment } from './align.js';
import { NO_HEAD, ROOT, toEvalTreebank, type EvalWord } from './ud-words.js';

/** Head of a system word whose head has no gold counterpart. */
const UNMATCHED = -2;

export const METRICS = [
  'Tokens', 'Sentences', 'Words', 'UPOS', 'XPOS', 'UFeats', 'AllTags', 'Lemmas', 'UAS', 'LAS', 'CLAS', 'MLAS', 'BLEX',
] as const;

export type Metric = (typeof METRICS)[number];

export interface EvalScore {
  /** correct / systemTotal (0 when there are no system units). */
  precision: number;
  /** correct / goldTotal (0 when there are no gold units). */
  recall: number;
  /** 2 · correct / (goldTotal + systemTotal). */
  f1: number;
  /** correct / alignedTotal; null for Tokens, Sentences and Words, which are not computed on aligned words. */
  alignedAccuracy: number | null;
  goldTotal: number;
  systemTotal: number;
  correct: number;
  /** Aligned words the metric looks at; null where alignedAccuracy is null. */
  alignedTotal: number | null;
}

export type EvalResult = Record<Metric, EvalScore>;

export interface EvaluateOptions {
  /** Names used in error messages (default "gold" and "system"). */
  goldName?: string;
  systemName?: string;
  /**
   * Accept HEAD "_" (e.g. the output of a tagger without parser) instead of failing as the
   * official scorer does; such words never count as correctly attached.
   */
  allowMissingHeads?: boolean;
}

function score(goldTotal: number, systemTotal: number, correct: number, alignedTotal: number | null): EvalScore {
  return {
    precision: systemTotal ? correct / systemTotal : 0,
    recall: goldTotal ? correct / goldTotal : 0,
    f1: systemTotal + goldTotal ? (2 * correct) / (systemTotal + goldTotal) : 0,
    // The reference gives 0, not null, for a metric on aligned words when nothing is aligned.
    alignedAccuracy: alignedTotal === null ? null : alignedTotal ? correct / alignedTotal : 0,
    goldTotal,
    systemTotal,
    correct,
    alignedTotal,
  };
}

/** Counts spans with the same start and end (both lists are sorted by start). */
function spanScore(gold: Int32Array, system: Int32Array): EvalScore {
  let correct = 0;
  let gi = 0;
  let si = 0;
  while (gi < gold.length && si < system.length) {
    if (system[si] < gold[gi]) si += 2;
    else if (gold[gi] < system[si]) gi += 2;
    else {
      if (gold[gi + 1] === system[si + 1]) correct++;
      gi += 2;
      si += 2;
    }
  }
  return score(gold.length / 2, system.length / 2, correct, null);
}

/** Whether an aligned (gold, system) pair agrees on what a metric looks at. */
type Agrees = (g: EvalWord, s: EvalWord) => boolean;

function alignedScore(gold: EvalWord[], system: EvalWord[], alignment: Alignment, agrees: Agrees, contentOnly: boolean): EvalScore {
  let goldTotal = gold.length;
  let systemTotal = system.length;
  if (contentOnly) {
    goldTotal = 0;
    for (const w of gold) if (w.isContent) goldTotal++;
    systemTotal = 0;
    for (const w of system) if (w.isContent) systemTotal++;
  }
  let aligned = 0;
  let correct = 0;
  for (let i = 0; i < alignment.gold.length; i++) {
    const g = gold[alignment.gold[i]];
    if (contentOnly && !g.isContent) continue;
    aligned++;
    if (agrees(g, system[alignment.system[i]])) correct++;
  }
  return score(goldTotal, systemTotal, correct, aligned);
}

/** UTF-16 offset of the first differing character (code point, as the reference counts them). */
function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // Equal high surrogates followed by different low ones: the character starts one unit earlier.
  if (i > 0) {
    const prev = a.charCodeAt(i - 1);
    if (prev >= 0xd800 && prev <= 0xdbff) i--;
  }
  return i;
}

function codePoints(s: string, from: number, count: number): string {
  return Array.from(s.slice(from, from + 2 * count)).slice(0, count).join('');
}

/**
 * Scores a system file against a gold file. Both must have the same text once whitespace is
 * removed; tokenisation and sentence splits may differ. Throws VigieError (one line) when the
 * texts differ or a sentence is not a tree with a single root, as the official scorer refuses.
 */
export function evaluate(gold: ConlluSentence[], system: ConlluSentence[], options: EvaluateOptions = {}): EvalResult {
  const goldBank = toEvalTreebank(gold, { name: options.goldName ?? 'gold', allowMissingHeads: options.allowMissingHeads });
  const systemBank = toEvalTreebank(system, { name: options.systemName ?? 'system', allowMissingHeads: options.allowMissingHeads });

  if (goldBank.characters !== systemBank.characters) {
    const at = firstDifference(goldBank.characters, systemBank.characters);
    throw new VigieError(
      'The concatenation of tokens in gold file and in system file differ! ' +
        `First 20 differing characters in gold file: '${codePoints(goldBank.characters, at, 20)}' ` +
        `and system file: '${codePoints(systemBank.characters, at, 20)}'`,
    );
  }

  const g = goldBank.words;
  const s = systemBank.words;
  const alignment = alignWords(g, s);
  const goldOf = alignment.goldOfSystem;

  // The gold word that a system word's head is aligned to, ROOT for a root, or a value that no
  // gold parent has: the head is not aligned, or missing.
  const headInGold = (w: EvalWord): number => {
    if (w.parent === ROOT) return ROOT;
    if (w.parent < 0 || goldOf[w.parent] < 0) return UNMATCHED;
    return goldOf[w.parent];
  };
  const sameHead: Agrees = (gw, sw) => gw.parent !== NO_HEAD && gw.parent === headInGold(sw);
  const sameLabel: Agrees = (gw, sw) => sameHead(gw, sw) && gw.deprel === sw.deprel;
  // A gold lemma "_" means the treebank has no lemmas there: any system lemma is right.
  const sameLemma: Agrees = (gw, sw) => gw.lemma === '_' || gw.lemma === sw.lemma;
  const sameFunctionalChildren: Agrees = (gw, sw) => {
    const gc = gw.functionalChildren;
    const sc = sw.functionalChildren;
    if (gc.length !== sc.length) return false;
    for (let i = 0; i < gc.length; i++) {
      const a = g[gc[i]];
      const b = s[sc[i]];
      if (goldOf[sc[i]] !== gc[i] || a.deprel !== b.deprel || a.upos !== b.upos || a.ufeats !== b.ufeats) return false;
    }
    return true;
  };

  const on = (agrees: Agrees, contentOnly = false): EvalScore => alignedScore(g, s, alignment, agrees, contentOnly);
  return {
    Tokens: spanScore(goldBank.tokenSpans, systemBank.tokenSpans),
    Sentences: spanScore(goldBank.sentenceSpans, systemBank.sentenceSpans),
    Words: score(g.length, s.length, alignment.gold.length, null),
    UPOS: on((a, b) => a.upos === b.upos),
    XPOS: on((a, b) => a.xpos === b.xpos),
    UFeats: on((a, b) => a.ufeats === b.ufeats),
    AllTags: on((a, b) => a.upos === b.upos && a.xpos === b.xpos && a.ufeats === b.ufeats),
    Lemmas: on(sameLemma),
    UAS: on(sameHead),
    LAS: on(sameLabel),
    CLAS: on(sameLabel, true),
    MLAS: on((a, b) => sameLabel(a, b) && a.upos === b.upos && a.ufeats === b.ufeats && sameFunctionalChildren(a, b), true),
    BLEX: on((a, b) => sameLabel(a, b) && sameLemma(a, b), true),
  };
}

/**
 * A percentage with two decimals as Python's "{:.2f}" writes it. Both round the exact binary
 * value, but on an exact tie Python rounds to even where Number.toFixed rounds up; a tie at two
 * decimals is only possible for odd multiples of 1/8 (x.125, x.375, x.625, x.875).
 */
export function formatPercent(fraction: number): string {
  const x = 100 * fraction;
  const eighths = x * 8; // exact: a power-of-two product
  if (Number.isInteger(eighths) && eighths % 2 !== 0) {
    const low = Math.floor(x * 100); // exact too: x * 100 = eighths * 12.5
    return ((low % 2 === 0 ? low : low + 1) / 100).toFixed(2);
  }
  return x.toFixed(2);
}

/** The table of the reference scorer's --verbose output. */
export function formatEvalTable(result: EvalResult): string {
  const lines = ['Metric     | Precision |    Recall |  F1 Score | AligndAcc', '-----------+-----------+-----------+-----------+-----------'];
  for (const m of METRICS) {
    const r = result[m];
    const cell = (f: number): string => formatPercent(f).padStart(10);
    lines.push(`${m.padEnd(11)}|${cell(r.precision)} |${cell(r.recall)} |${cell(r.f1)} |${r.alignedAccuracy === null ? '' : cell(r.alignedAccuracy)}`);
  }
  return lines.join('\n');
}

/** The machine-readable form printed by `vigie eval --json`: fractions, not percentages. */
export function evalResultToJson(result: EvalResult): Record<Metric, { precision: number; recall: number; f1: number; aligned_accuracy: number | null }> {
  const out = {} as Record<Metric, { precision: number; recall: number; f1: number; aligned_accuracy: number | null }>;
  for (const m of METRICS) {
    const r = result[m];
    out[m] = { precision: r.precision, recall: r.recall, f1: r.f1, aligned_accuracy: r.alignedAccuracy };
  }
  return out;
}
