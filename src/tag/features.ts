/**
 * Feature templates of the tagger, shared by training and tagging so the two cannot drift apart.
 *
 * UPOS decisions use features of the word alone ("static", cached per form: affixes, shape, the
 * lexicon's tags) and of its context (neighbouring forms and lexicon tags, the two previous
 * predicted tags; in the second pass also the first pass's next tags). Morphology decisions use
 * the same static features (each UPOS has its own model, so no conjunction with the tag is needed)
 * and run once all UPOS of the sentence are known, so they see the tags on both sides.
 *
 * Conventions (French): Sequoia and GSD annotate some features differently ("deux" NumType=Card vs
 * Number=Plur). Selected features get a copy conjoined with the convention id (Daumé's "easy domain
 * adaptation"), so one model learns what the treebanks share and where each differs.
 */
import { FeatureBuffer, hashCombine, hashInts } from '../learn/features.js';
import type { WordInfo } from './word-info.js';
import { BOUNDARY_AFTER, BOUNDARY_BEFORE, FLAG_ALL_UPPER, FLAG_UPPER_INITIAL, MAX_SUFFIX } from './word-info.js';

const enum T {
  Bias = 1,
  Lower,
  Form,
  Shape,
  Flags,
  LexMask,
  LexUpos,
  LexCode,
  Length,
  Prev1,
  Prev2,
  WordM1,
  WordP1,
  WordM2,
  WordP2,
  MaskM1,
  MaskP1,
  MaskP2,
  SufM1,
  SufP1,
  Prev1Word,
  MaskMaskP1,
  Prev1MaskP1,
  First,
  BigramPrev,
  BigramNext,
  Prev1Suf,
  CapPrev1,
  Domain,
  CapContext,
  Sandwich,
  MaskM2,
  SufP2,
  Prev1Mask,
  LexPart,
  Next1,
  Next2,
  PrevNext,
  Next1Word,
  Next1Mask,
  Next1Suf,
  // Morphology context.
  MUposM1 = 40,
  MUposP1,
  MUposM12,
  MWordM1,
  MWordP1,
  MWordM2,
  MSuf2M1,
  MSuf2P1,
  MCodeM1,
  MCodeP1,
  MUposSufM1,
  MAgree,
  MUposP1Word,
}

const BOUNDARY_MASK = 0x40000000;

function lengthBucket(n: number): number {
  return n <= 5 ? n : n <= 7 ? 6 : n <= 10 ? 7 : 8;
}

/** Features of a word on its own (UPOS model), before any convention copies. */
export function uposStaticFeatures(w: WordInfo, out: FeatureBuffer): void {
  out.push(hashInts(T.Bias, 0));
  out.push(hashCombine(T.Lower, w.lowerHash));
  if (w.form !== w.lower) out.push(hashCombine(T.Form, w.formHash));
  for (let k = 0; k < MAX_SUFFIX; k++) if (w.suffixHash[k] !== 0) out.push(w.suffixHash[k]);
  for (let k = 0; k < w.prefixHash.length; k++) if (w.prefixHash[k] !== 0) out.push(w.prefixHash[k]);
  out.push(hashCombine(T.Shape, w.shapeHash));
  out.push(hashInts(T.Flags, w.flags));
  out.push(hashInts(T.LexMask, w.lexMask));
  for (let m = w.lexMask, u = 0; m !== 0; m >>>= 1, u++) if (m & 1) out.push(hashInts(T.LexUpos, u));
  for (let c = 0; c < w.lexCodes.length; c++) out.push(hashInts(T.LexCode, w.lexCodes[c]));
  for (let c = 0; c < w.lexParts.length; c++) out.push(hashInts(T.LexPart, w.lexParts[c]));
  out.push(hashInts(T.Length, lengthBucket(w.lower.length)));
}

/** Appends the convention copies of features [from, out.length). */
export function addConventionCopies(out: FeatureBuffer, from: number, convention: number): void {
  const end = out.length;
  for (let i = from; i < end; i++) out.push(hashCombine(T.Domain, out.values[i], convention));
}

function lowerAt(words: WordInfo[], i: number): number {
  return i < 0 ? BOUNDARY_BEFORE : i >= words.length ? BOUNDARY_AFTER : words[i].lowerHash;
}

function maskAt(words: WordInfo[], i: number): number {
  return i < 0 || i >= words.length ? BOUNDARY_MASK + (i < 0 ? 1 : 2) : words[i].lexMask;
}

function suffixAt(words: WordInfo[], i: number, k: number): number {
  if (i < 0) return BOUNDARY_BEFORE;
  if (i >= words.length) return BOUNDARY_AFTER;
  const s = words[i].suffixHash;
  // Short words use their longest suffix, i.e. the whole word.
  for (let j = k - 1; j >= 0; j--) if (s[j] !== 0) return s[j];
  return 0;
}

/** Context features of the UPOS decision at i; `prev1`/`prev2` are the previous predicted tag ids. */
export function uposContextFeatures(words: WordInfo[], i: number, prev1: number, prev2: number, out: FeatureBuffer): void {
  const w = words[i];
  out.push(hashInts(T.Prev1, prev1));
  out.push(hashInts(T.Prev2, prev1, prev2));
  out.push(hashCombine(T.WordM1, lowerAt(words, i - 1)));
  out.push(hashCombine(T.WordP1, lowerAt(words, i + 1)));
  out.push(hashCombine(T.WordM2, lowerAt(words, i - 2)));
  out.push(hashCombine(T.WordP2, lowerAt(words, i + 2)));
  out.push(hashInts(T.MaskM1, maskAt(words, i - 1)));
  out.push(hashInts(T.MaskP1, maskAt(words, i + 1)));
  out.push(hashInts(T.MaskP2, maskAt(words, i + 2)));
  out.push(hashCombine(T.SufM1, suffixAt(words, i - 1, 3)));
  out.push(hashCombine(T.SufP1, suffixAt(words, i + 1, 3)));
  out.push(hashCombine(T.Prev1Word, w.lowerHash, prev1));
  out.push(hashInts(T.MaskMaskP1, w.lexMask, maskAt(words, i + 1)));
  out.push(hashInts(T.Prev1MaskP1, prev1, w.lexMask, maskAt(words, i + 1)));
  out.push(hashInts(T.First, i === 0 ? 1 : 0, w.flags & (FLAG_UPPER_INITIAL | FLAG_ALL_UPPER), w.lexMask));
  out.push(hashInts(T.BigramPrev, lowerAt(words, i - 1), w.lowerHash));
  out.push(hashInts(T.BigramNext, w.lowerHash, lowerAt(words, i + 1)));
  out.push(hashInts(T.Prev1Suf, prev1, suffixAt(words, i, 3)));
  out.push(hashInts(T.CapPrev1, w.flags & (FLAG_UPPER_INITIAL | FLAG_ALL_UPPER), prev1, i === 0 ? 1 : 0));
  // Capitalised neighbours: names come in runs ("Gulf Development Charge").
  out.push(hashInts(T.CapContext, capAt(words, i - 1), w.flags & CAPS, capAt(words, i + 1)));
  out.push(hashInts(T.Sandwich, lowerAt(words, i - 1), lowerAt(words, i + 1)));
  out.push(hashInts(T.MaskM2, maskAt(words, i - 2)));
  out.push(hashCombine(T.SufP2, suffixAt(words, i + 2, 3)));
  out.push(hashInts(T.Prev1Mask, prev1, w.lexMask));
}

/** Second-pass features: the first pass's tags of the next two words, alone and with this word. */
export function uposRightFeatures(words: WordInfo[], i: number, prev1: number, right: Int32Array, end: number, out: FeatureBuffer): void {
  const n = words.length;
  const r1 = i + 1 < n ? right[i + 1] : end;
  const r2 = i + 2 < n ? right[i + 2] : end + 1;
  const w = words[i];
  out.push(hashInts(T.Next1, r1));
  out.push(hashInts(T.Next2, r1, r2));
  out.push(hashInts(T.PrevNext, prev1, r1));
  out.push(hashInts(T.Next1Word, r1, w.lowerHash));
  out.push(hashInts(T.Next1Mask, r1, w.lexMask));
  out.push(hashInts(T.Next1Suf, r1, suffixAt(words, i, 3)));
}

const CAPS = FLAG_UPPER_INITIAL | FLAG_ALL_UPPER;

function capAt(words: WordInfo[], i: number): number {
  return i < 0 ? 8 : i >= words.length ? 16 : (words[i].flags & CAPS) | (i === 0 ? 4 : 0);
}

/**
 * Context features of the morphology decision at i, given the UPOS ids of the whole sentence
 * (`upos[j]`, with `none` standing for the sentence boundary). `agreeWith` is the index of the
 * nearest preceding determiner/noun/pronoun within a short window, or -1: adjectives and
 * participles take gender and number from it.
 */
export function morphContextFeatures(words: WordInfo[], upos: ArrayLike<number>, none: number, i: number, agreeWith: number, out: FeatureBuffer): void {
  const n = words.length;
  const um1 = i > 0 ? upos[i - 1] : none;
  const um2 = i > 1 ? upos[i - 2] : none;
  const up1 = i + 1 < n ? upos[i + 1] : none;
  out.push(hashInts(T.MUposM1, um1));
  out.push(hashInts(T.MUposP1, up1));
  out.push(hashInts(T.MUposM12, um1, um2));
  out.push(hashCombine(T.MWordM1, lowerAt(words, i - 1)));
  out.push(hashCombine(T.MWordP1, lowerAt(words, i + 1)));
  out.push(hashCombine(T.MWordM2, lowerAt(words, i - 2)));
  out.push(hashCombine(T.MSuf2M1, suffixAt(words, i - 1, 2)));
  out.push(hashCombine(T.MSuf2P1, suffixAt(words, i + 1, 2)));
  out.push(hashInts(T.MUposSufM1, um1, suffixAt(words, i - 1, 2)));
  out.push(hashInts(T.MUposP1Word, up1, lowerAt(words, i + 1)));
  if (i > 0) for (const c of words[i - 1].lexCodes) out.push(hashInts(T.MCodeM1, c));
  if (i + 1 < n) for (const c of words[i + 1].lexCodes) out.push(hashInts(T.MCodeP1, c));
  if (agreeWith >= 0) {
    const a = words[agreeWith];
    out.push(hashInts(T.MAgree, upos[agreeWith], a.lowerHash));
    out.push(hashInts(T.MAgree, upos[agreeWith], suffixAt(words, agreeWith, 2), 1));
    for (const c of a.lexCodes) out.push(hashInts(T.MAgree, c, 2));
  } else {
    out.push(hashInts(T.MAgree, 0, 0, 3));
  }
}
