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

/**
 * Context features of the UPOS decision at i; `prev1`/`prev2` are the previous predicted tag ids.
 * The union of the groups below; the run-time tagger scores each group its own way (per form,
 * per tag pair...) and adds the parts up, which gives the same scores.
 */
export function uposContextFeatures(words: WordInfo[], i: number, prev1: number, prev2: number, out: FeatureBuffer): void {
  const w = words[i];
  uposHistoryFeatures(prev1, prev2, out);
  for (const offset of NEIGHBOUR_OFFSETS) uposNeighbourFeatures(neighbourAt(words, i + offset), offset, out);
  out.push(uposFirstFeature(w, i === 0));
  out.push(uposCapPrev1Feature(w.flags & CAPS, prev1, i === 0));
  // Capitalised neighbours: names come in runs ("Gulf Development Charge").
  out.push(uposCapContextFeature(capAt(words, i - 1), w.flags & CAPS, capAt(words, i + 1)));
  uposWordTagFeatures(w, prev1, out);
  uposPairFeatures(words, i, prev1, out);
}

/** Offsets of the neighbours whose single-word features are cached per form at run time. */
export const NEIGHBOUR_OFFSETS: readonly number[] = [-2, -1, 1, 2];

function neighbourAt(words: WordInfo[], j: number): WordInfo | null {
  return j >= 0 && j < words.length ? words[j] : null;
}

function longestSuffix(w: WordInfo, k: number): number {
  // Short words use their longest suffix, i.e. the whole word.
  const s = w.suffixHash;
  for (let j = k - 1; j >= 0; j--) if (s[j] !== 0) return s[j];
  return 0;
}

/** UPOS templates on the previous two predicted tags only. */
export function uposHistoryFeatures(prev1: number, prev2: number, out: FeatureBuffer): void {
  out.push(hashInts(T.Prev1, prev1));
  out.push(hashInts(T.Prev2, prev1, prev2));
}

/**
 * UPOS templates that read one neighbour only, the word at `offset` (-2, -1, 1, 2) from the word
 * being tagged; `w` null stands for the sentence boundary on that side.
 */
export function uposNeighbourFeatures(w: WordInfo | null, offset: number, out: FeatureBuffer): void {
  const boundary = offset < 0 ? BOUNDARY_BEFORE : BOUNDARY_AFTER;
  const lower = w ? w.lowerHash : boundary;
  const mask = w ? w.lexMask : BOUNDARY_MASK + (offset < 0 ? 1 : 2);
  const suffix3 = w ? longestSuffix(w, 3) : boundary;
  switch (offset) {
    case -1:
      out.push(hashCombine(T.WordM1, lower));
      out.push(hashInts(T.MaskM1, mask));
      out.push(hashCombine(T.SufM1, suffix3));
      break;
    case 1:
      out.push(hashCombine(T.WordP1, lower));
      out.push(hashInts(T.MaskP1, mask));
      out.push(hashCombine(T.SufP1, suffix3));
      break;
    case -2:
      out.push(hashCombine(T.WordM2, lower));
      out.push(hashInts(T.MaskM2, mask));
      break;
    case 2:
      out.push(hashCombine(T.WordP2, lower));
      out.push(hashInts(T.MaskP2, mask));
      out.push(hashCombine(T.SufP2, suffix3));
      break;
    default:
      throw new Error(`no neighbour features at offset ${offset}`);
  }
}

/** The word's lexicon tags and capitalisation, at the sentence start or not. */
export function uposFirstFeature(w: WordInfo, initial: boolean): number {
  return hashInts(T.First, initial ? 1 : 0, w.flags & CAPS, w.lexMask);
}

/** Capitalisation (flags & CAPS) with the previous tag. */
export function uposCapPrev1Feature(caps: number, prev1: number, initial: boolean): number {
  return hashInts(T.CapPrev1, caps, prev1, initial ? 1 : 0);
}

/** Capitalisation of the word and its neighbours (values of `capAt`). */
export function uposCapContextFeature(left: number, caps: number, right: number): number {
  return hashInts(T.CapContext, left, caps, right);
}

/** The word with the previous tag (cached per form and tag at run time). */
export function uposWordTagFeatures(w: WordInfo, prev1: number, out: FeatureBuffer): void {
  out.push(hashCombine(T.Prev1Word, w.lowerHash, prev1));
  out.push(hashInts(T.Prev1Suf, prev1, longestSuffix(w, 3)));
  out.push(hashInts(T.Prev1Mask, prev1, w.lexMask));
}

/** The remaining UPOS templates: the word with the previous tag or with a neighbour. */
export function uposPairFeatures(words: WordInfo[], i: number, prev1: number, out: FeatureBuffer): void {
  const w = words[i];
  const lowerM1 = lowerAt(words, i - 1);
  const lowerP1 = lowerAt(words, i + 1);
  const maskP1 = maskAt(words, i + 1);
  out.push(hashInts(T.MaskMaskP1, w.lexMask, maskP1));
  out.push(hashInts(T.Prev1MaskP1, prev1, w.lexMask, maskP1));
  out.push(hashInts(T.BigramPrev, lowerM1, w.lowerHash));
  out.push(hashInts(T.BigramNext, w.lowerHash, lowerP1));
  out.push(hashInts(T.Sandwich, lowerM1, lowerP1));
}

/** Second-pass features: the first pass's tags of the next two words, alone and with this word. */
export function uposRightFeatures(words: WordInfo[], i: number, prev1: number, right: Int32Array, end: number, out: FeatureBuffer): void {
  const n = words.length;
  const r1 = i + 1 < n ? right[i + 1] : end;
  const r2 = i + 2 < n ? right[i + 2] : end + 1;
  uposRightTagFeatures(r1, r2, out);
  out.push(uposPrevNextFeature(prev1, r1));
  uposRightWordFeatures(words[i], r1, out);
}

/** Second pass: the first pass's next two tags. */
export function uposRightTagFeatures(r1: number, r2: number, out: FeatureBuffer): void {
  out.push(hashInts(T.Next1, r1));
  out.push(hashInts(T.Next2, r1, r2));
}

/** Second pass: the previous tag and the first pass's next tag. */
export function uposPrevNextFeature(prev1: number, r1: number): number {
  return hashInts(T.PrevNext, prev1, r1);
}

/** Second pass: the first pass's next tag with this word. */
export function uposRightWordFeatures(w: WordInfo, r1: number, out: FeatureBuffer): void {
  out.push(hashInts(T.Next1Word, r1, w.lowerHash));
  out.push(hashInts(T.Next1Mask, r1, w.lexMask));
  out.push(hashInts(T.Next1Suf, r1, longestSuffix(w, 3)));
}

export const CAPS = FLAG_UPPER_INITIAL | FLAG_ALL_UPPER;

/** Capitalisation class of word i for CapContext: its caps flags, +4 at the sentence start; 8 / 16 beyond the boundaries. */
export function capAt(words: WordInfo[], i: number): number {
  return i < 0 ? 8 : i >= words.length ? 16 : (words[i].flags & CAPS) | (i === 0 ? 4 : 0);
}

/**
 * Context features of the morphology decision at i, given the UPOS ids of the whole sentence
 * (`upos[j]`, with `none` standing for the sentence boundary). `agreeWith` is the index of the
 * nearest preceding determiner/noun/pronoun within a short window, or -1: adjectives and
 * participles take gender and number from it. The union of the groups below (see
 * uposContextFeatures).
 */
export function morphContextFeatures(words: WordInfo[], upos: ArrayLike<number>, none: number, i: number, agreeWith: number, out: FeatureBuffer): void {
  const n = words.length;
  morphTagFeatures(i > 0 ? upos[i - 1] : none, i > 1 ? upos[i - 2] : none, i + 1 < n ? upos[i + 1] : none, out);
  for (const offset of MORPH_NEIGHBOUR_OFFSETS) morphNeighbourFeatures(neighbourAt(words, i + offset), offset, out);
  morphPairFeatures(words, upos, none, i, agreeWith, out);
}

/** Offsets of the neighbours whose single-word morphology features are cached per form. */
export const MORPH_NEIGHBOUR_OFFSETS: readonly number[] = [-2, -1, 1];

/** Morphology templates on the neighbouring UPOS only. */
export function morphTagFeatures(um1: number, um2: number, up1: number, out: FeatureBuffer): void {
  out.push(hashInts(T.MUposM1, um1));
  out.push(hashInts(T.MUposP1, up1));
  out.push(hashInts(T.MUposM12, um1, um2));
}

/** Morphology templates that read one neighbour only (offset -2, -1 or 1; null: the boundary). */
export function morphNeighbourFeatures(w: WordInfo | null, offset: number, out: FeatureBuffer): void {
  const boundary = offset < 0 ? BOUNDARY_BEFORE : BOUNDARY_AFTER;
  const lower = w ? w.lowerHash : boundary;
  const suffix2 = w ? longestSuffix(w, 2) : boundary;
  switch (offset) {
    case -1:
      out.push(hashCombine(T.MWordM1, lower));
      out.push(hashCombine(T.MSuf2M1, suffix2));
      if (w) for (const c of w.lexCodes) out.push(hashInts(T.MCodeM1, c));
      break;
    case 1:
      out.push(hashCombine(T.MWordP1, lower));
      out.push(hashCombine(T.MSuf2P1, suffix2));
      if (w) for (const c of w.lexCodes) out.push(hashInts(T.MCodeP1, c));
      break;
    case -2:
      out.push(hashCombine(T.MWordM2, lower));
      break;
    default:
      throw new Error(`no morphology neighbour features at offset ${offset}`);
  }
}

/** The remaining morphology templates: a neighbour with its tag, and the agreement source. */
export function morphPairFeatures(words: WordInfo[], upos: ArrayLike<number>, none: number, i: number, agreeWith: number, out: FeatureBuffer): void {
  const n = words.length;
  const um1 = i > 0 ? upos[i - 1] : none;
  const up1 = i + 1 < n ? upos[i + 1] : none;
  out.push(hashInts(T.MUposSufM1, um1, suffixAt(words, i - 1, 2)));
  out.push(hashInts(T.MUposP1Word, up1, lowerAt(words, i + 1)));
  if (agreeWith >= 0) {
    const a = words[agreeWith];
    out.push(hashInts(T.MAgree, upos[agreeWith], a.lowerHash));
    out.push(hashInts(T.MAgree, upos[agreeWith], suffixAt(words, agreeWith, 2), 1));
    for (const c of a.lexCodes) out.push(hashInts(T.MAgree, c, 2));
  } else {
    out.push(hashInts(T.MAgree, 0, 0, 3));
  }
}
