/**
 * What the tagger knows about a word form on its own, computed once per form and cached: hashes of
 * the form and its affixes, its shape, and what the lexicon allows it to be. Context features
 * (neighbours, previous tags) are then built from these numbers without touching strings again.
 */
import { hashInts, hashString } from '../learn/features.js';
import type { Lexicon } from './lexicon.js';

/** Longest suffix used as a feature; suffixes beyond the word's length are not emitted. */
export const MAX_SUFFIX = 5;
export const MAX_PREFIX = 3;
/** At most this many lexicon analyses feed features (some Lefff forms have dozens). */
const MAX_LEX_CODES = 12;
/** Forms longer than this are hashed on a prefix and suffix only (a 10,000-letter "word" is junk). */
const MAX_HASHED_LENGTH = 64;

/**
 * The form with typographic apostrophes (’ ʼ) written as the ASCII one. The French treebanks have
 * no ’ at all and EWT few, while news text is full of them: a sentence-initial "C’" or "L’" read
 * as an unknown capitalised word came out PROPN. Models look forms up through this; the Document
 * keeps the text's own characters.
 */
export function foldApostrophes(form: string): string {
  return form.indexOf('\u2019') < 0 && form.indexOf('\u02bc') < 0 ? form : form.replace(/[\u2019\u02bc]/g, "'");
}

export interface WordInfo {
  form: string;
  lower: string;
  /** Hash of the lower-cased form. */
  lowerHash: number;
  /** Hash of the exact form. */
  formHash: number;
  /** suffixHash[k-1] = hash of the last k characters of the lower-cased form (0 when shorter). */
  suffixHash: Uint32Array;
  prefixHash: Uint32Array;
  shapeHash: number;
  /** Bit flags: see FLAG_*. */
  flags: number;
  /** Bit set of tagger UPOS ids the lexicon allows (0 when the lexicon does not know the form). */
  lexMask: number;
  /** Hashes of the lexicon morphology codes of the form's analyses (never 0). */
  lexCodes: Uint32Array;
  /** Hashes of the pieces of those codes (see Lexicon.codePartsOf), without repeats. */
  lexParts: Uint32Array;
}

export const FLAG_UPPER_INITIAL = 1;
export const FLAG_ALL_UPPER = 2;
export const FLAG_HAS_DIGIT = 4;
export const FLAG_HAS_HYPHEN = 8;
export const FLAG_ALL_DIGIT = 16;
export const FLAG_NO_LETTER = 32;
export const FLAG_HAS_UPPER = 64;
export const FLAG_FOUND_LOWER = 128;
export const FLAG_HAS_PERIOD = 256;

/** Case of one UTF-16 code unit: 0 none (not a cased letter), 1 lower, 2 upper. ASCII without string work. */
function caseOf(code: number): number {
  if (code < 128) return code >= 97 && code <= 122 ? 1 : code >= 65 && code <= 90 ? 2 : 0;
  const c = String.fromCharCode(code);
  const upper = c.toUpperCase();
  if (c.toLowerCase() === upper) return 0;
  return c === upper ? 2 : 1;
}

function charShape(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return 'd';
  const k = caseOf(code);
  return k === 2 ? 'X' : k === 1 ? 'x' : c;
}

/** Word shape with runs collapsed: "États-Unis" → "Xx-Xx", "2024" → "d", "G7" → "Xd". */
export function shapeOf(form: string): string {
  let out = '';
  let prev = '';
  const n = Math.min(form.length, 24);
  for (let i = 0; i < n; i++) {
    const s = charShape(form[i]);
    if (s !== prev) out += s;
    prev = s;
  }
  if (form.length > n) out += '…';
  return out;
}

function clip(s: string): string {
  return s.length <= MAX_HASHED_LENGTH ? s : `${s.slice(0, 32)}…${s.slice(-31)}`;
}

/**
 * Looks the form up as written, lower-cased, and capitalised (for all-caps words, whose lexicon
 * entry is "Paris" or "paris", never "PARIS").
 */
function lexiconEntries(lex: Lexicon, form: string, lower: string): { entries: number[]; foundLower: boolean } {
  const entries: number[] = [];
  let foundLower = false;
  const e = lex.find(form);
  if (e >= 0) entries.push(e);
  if (lower !== form) {
    const l = lex.find(lower);
    if (l >= 0) {
      entries.push(l);
      foundLower = true;
    }
    if (form.length > 1 && form === form.toUpperCase()) {
      const cap = lower[0].toUpperCase() + lower.slice(1);
      if (cap !== form) {
        const c = lex.find(cap);
        if (c >= 0) entries.push(c);
      }
    }
  }
  return { entries, foundLower };
}

/** Builds WordInfo; `uposOfLexicon[i]` maps lexicon UPOS id i to the tagger's UPOS id (-1 unknown). */
export function computeWordInfo(form: string, lex: Lexicon, uposOfLexicon: Int32Array): WordInfo {
  const lower = form.toLowerCase();
  const lc = clip(lower);
  const suffixHash = new Uint32Array(MAX_SUFFIX);
  const prefixHash = new Uint32Array(MAX_PREFIX);
  for (let k = 1; k <= MAX_SUFFIX && k <= lc.length; k++) suffixHash[k - 1] = hashString(100 + k, lc.slice(-k));
  for (let k = 1; k <= MAX_PREFIX && k <= lc.length; k++) prefixHash[k - 1] = hashString(110 + k, lc.slice(0, k));
  let flags = 0;
  let letters = 0;
  let uppers = 0;
  let digits = 0;
  for (let i = 0; i < form.length && i < 256; i++) {
    const code = form.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
    else if (code === 45) flags |= FLAG_HAS_HYPHEN;
    else if (code === 46) flags |= FLAG_HAS_PERIOD;
    else {
      const k = caseOf(code);
      if (k !== 0) {
        letters++;
        if (k === 2) uppers++;
      }
    }
  }
  if (digits > 0) flags |= FLAG_HAS_DIGIT;
  if (digits > 0 && digits === Math.min(form.length, 256)) flags |= FLAG_ALL_DIGIT;
  if (letters === 0) flags |= FLAG_NO_LETTER;
  if (uppers > 0) flags |= FLAG_HAS_UPPER;
  if (letters > 0 && uppers === letters && letters > 1) flags |= FLAG_ALL_UPPER;
  const first = form[0] ?? '';
  if (first !== first.toLowerCase()) flags |= FLAG_UPPER_INITIAL;

  const { entries, foundLower } = lexiconEntries(lex, form, lower);
  if (foundLower) flags |= FLAG_FOUND_LOWER;
  let lexMask = 0;
  const codes: number[] = [];
  const parts = new Set<number>();
  for (const e of entries) {
    const [a0, a1] = lex.range(e);
    for (let a = a0; a < a1; a++) {
      const u = uposOfLexicon[lex.uposOf(a)];
      if (u >= 0) lexMask |= 1 << u;
      const code = lex.codeHashOf(a);
      if (codes.length < MAX_LEX_CODES && !codes.includes(code)) {
        codes.push(code);
        for (const part of lex.codePartsOf(a)) parts.add(part);
      }
    }
  }
  return {
    form,
    lower,
    lowerHash: hashString(1, lc),
    formHash: hashString(2, clip(form)),
    suffixHash,
    prefixHash,
    shapeHash: hashString(3, shapeOf(form)),
    flags,
    lexMask,
    lexCodes: Uint32Array.from(codes),
    lexParts: Uint32Array.from(parts),
  };
}

/** A per-tagger cache of WordInfo by form, emptied when it grows past `limit` forms. */
export class WordInfoCache {
  private readonly map = new Map<string, WordInfo>();

  constructor(
    private readonly lex: Lexicon,
    private readonly uposOfLexicon: Int32Array,
    private readonly limit = 200_000,
  ) {}

  get(form: string): WordInfo {
    let info = this.map.get(form);
    if (info === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      info = computeWordInfo(form, this.lex, this.uposOfLexicon);
      this.map.set(form, info);
    }
    return info;
  }
}

/** Stand-ins for the words before the first and after the last of a sentence. */
export const BOUNDARY_BEFORE = hashInts(900, 1);
export const BOUNDARY_AFTER = hashInts(900, 2);
