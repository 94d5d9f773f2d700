/** Features of a candidate token boundary inside a whitespace-free chunk. */
import type { FeatureBuffer } from '../learn/features.js';
import type { Abbreviations } from './abbreviations.js';
import { C, charClass, isAlnumClass, normCode } from './chars.js';
import { EDGE_CLASS, hashInts } from './feature-hash.js';
import { normHash } from './token-arrays.js';

/** Longest left/right context hashed around a candidate. */
const PIECE = 16;
/** Feature templates; the numbers only have to be distinct within a classifier. */
const enum G {
  Bias = 1,
  L1,
  R1,
  L1R1,
  L2,
  R2,
  L2R1,
  L1R2,
  L3,
  R3,
  L2R2,
  Classes,
  Classes2,
  Prefix,
  Suffix,
  ChunkAt,
  LeftRun,
  RightRun,
  ChunkEndNext,
  LeftRunNext,
  Abbrev,
  TokenSoFar,
  Clitic,
}

function normAt(text: string, j: number, lo: number, hi: number): number {
  return j < lo || j >= hi ? 0 : normCode(text.charCodeAt(j));
}

function classAt(text: string, j: number, lo: number, hi: number): number {
  return j < lo || j >= hi ? EDGE_CLASS : charClass(text, j);
}

/**
 * Features of the candidate boundary between text[gap-1] and text[gap], inside the chunk
 * [cs, ce) of the paragraph [pStart, pEnd).
 */
export function gapFeatures(
  text: string,
  pStart: number,
  pEnd: number,
  cs: number,
  ce: number,
  chunkHash: number,
  gap: number,
  tokenStart: number,
  abbreviations: Abbreviations,
  clitics: Abbreviations,
  out: FeatureBuffer,
): void {
  out.clear();
  const l3 = normAt(text, gap - 3, pStart, pEnd);
  const l2 = normAt(text, gap - 2, pStart, pEnd);
  const l1 = normAt(text, gap - 1, pStart, pEnd);
  const r1 = normAt(text, gap, pStart, pEnd);
  const r2 = normAt(text, gap + 1, pStart, pEnd);
  const r3 = normAt(text, gap + 2, pStart, pEnd);
  out.push(hashInts(G.Bias, 0));
  out.push(hashInts(G.L1, l1));
  out.push(hashInts(G.R1, r1));
  out.push(hashInts(G.L1R1, l1, r1));
  out.push(hashInts(G.L2, l2, l1));
  out.push(hashInts(G.R2, r1, r2));
  out.push(hashInts(G.L2R1, l2, l1, r1));
  out.push(hashInts(G.L1R2, l1, r1, r2));
  out.push(hashInts(G.L3, l3, l2, l1));
  out.push(hashInts(G.R3, r1, r2, r3));
  out.push(hashInts(G.L2R2, (l2 << 16) | l1, (r1 << 16) | r2));
  let classes = 0;
  for (let k = -3; k <= 2; k++) classes = classes * 32 + classAt(text, gap + k, pStart, pEnd);
  out.push(hashInts(G.Classes, classes));
  const lastInChunk = gap + 1 === ce;
  out.push(hashInts(G.Classes2, classAt(text, gap - 1, pStart, pEnd), classAt(text, gap, pStart, pEnd), lastInChunk ? 1 : 0));
  // What the chunk looks like on each side of the candidate ("jusqu'" | "à", "dit" | "-il").
  const prefixStart = Math.max(cs, gap - PIECE);
  const suffixEnd = Math.min(ce, gap + PIECE);
  out.push(hashInts(G.Prefix, normHash(text, prefixStart, gap), prefixStart === cs ? 1 : 0, r1));
  out.push(hashInts(G.Suffix, normHash(text, gap, suffixEnd), suffixEnd === ce ? 1 : 0, l1));
  if (chunkHash !== 0) out.push(hashInts(G.ChunkAt, chunkHash, gap - cs));
  // The letters/digits run on each side ("etc" before ".", "il" after "-").
  let ls = gap;
  while (ls > cs && gap - ls < PIECE && isAlnumClass(charClass(text, ls - 1))) ls--;
  let re = gap;
  while (re < ce && re - gap < PIECE && isAlnumClass(charClass(text, re))) re++;
  const leftRun = ls < gap ? normHash(text, ls, gap) : 0;
  out.push(hashInts(G.LeftRun, leftRun, r1));
  if (re > gap) out.push(hashInts(G.RightRun, normHash(text, gap, re), l1));
  // The token this boundary would close ("Dr" before ".", "aujourd" before "'").
  out.push(hashInts(G.TokenSoFar, gap - tokenStart <= PIECE ? normHash(text, tokenStart, gap) : 0, r1));
  let nextClass = EDGE_CLASS;
  if (lastInChunk) {
    // The last character of a chunk (a final period): what follows after the space matters.
    let next = ce;
    while (next < pEnd && next - ce < 4 && charClass(text, next) === C.Space) next++;
    nextClass = classAt(text, next, pStart, pEnd);
    out.push(hashInts(G.ChunkEndNext, r1, nextClass, l1));
    out.push(hashInts(G.LeftRunNext, leftRun, r1, nextClass));
  }
  if (r1 === 46 && abbreviations.has(text, tokenStart, gap)) out.push(hashInts(G.Abbrev, lastInChunk ? 1 : 0, nextClass));
  if (r1 === 45 && re === gap && clitics.forms.length > 0) {
    // "-le" / "-t-il" up to the end of the chunk or to punctuation: a pronoun after a verb.
    let e = gap + 1;
    while (e < ce && e - gap <= 8 && (isAlnumClass(charClass(text, e)) || (text.charCodeAt(e) === 45 && e === gap + 2))) e++;
    if (e > gap + 1 && (e === ce || !isAlnumClass(charClass(text, e))) && clitics.has(text, gap + 1, e)) {
      out.push(hashInts(G.Clitic, e === ce ? 1 : text.charCodeAt(e) === 45 ? 2 : 3));
    }
  }
}
