/**
 * NER features over one sentence of tokens, shared by training and inference (so they cannot
 * drift apart). All features are 32-bit hashes (src/learn/features.ts).
 *
 * Word features: lowercase form (digits folded to 0, ’ folded to ') at −2..+2, cased form at
 * −1..+1, word shape, prefixes and suffixes up to 4, capitalisation flags, sentence position,
 * word bigrams. Gazetteer features: for each list (country, city, demonym, first name, company
 * name, company suffix) the token's position in the longest match (B/I/L/U), at −1..+1, and for a
 * token in a run of capitalised words, whether the run holds a company-list word ("Activision
 * Blizzard", "Boeing Capital": the company word marks its neighbours too). Tagger features (UPOS,
 * lemma) only when the model was trained with them and the word has them ('_' means absent).
 */
import { FeatureBuffer, hashCombine, hashInts, hashString } from '../learn/features.js';
import { GAZ_COMPANY, GAZ_COMPANY_AMBIGUOUS, type Gazetteer } from './gazetteer.js';

export interface NerSentence {
  /** Surface forms of the tokens. */
  forms: string[];
  /** UPOS per token ('_' or '' when unknown), optional. */
  upos?: string[];
  /** Lemma per token ('_' or '' when unknown), optional. */
  lemmas?: string[];
}

const enum T {
  Bias = 1,
  L0,
  Lm1,
  Lp1,
  Lm2,
  Lp2,
  Form0,
  Formm1,
  Formp1,
  S0,
  Sm1,
  Sp1,
  S3,
  Pre,
  Suf,
  Big1,
  Big2,
  LmS0,
  S0Lp,
  Flags,
  FirstL0,
  Gaz0,
  Gazm1,
  Gazp1,
  Gaz0S,
  U0,
  Um1,
  Up1,
  U0S0,
  Lemma0,
  Skip,
  Formm2,
  Formp2,
  Sufm1,
  Sufp1,
  L0Flags,
  Sm2,
  Sp2,
  Trans,
  Pair,
  RunPos,
  RunHead,
  RunFirst,
  RunHeadS,
  RunCompany,
}

/** Template id of the transition feature (previous label), used by the decoder. */
export const TRANS_TEMPLATE = T.Trans;

export function transitionFeature(prevLabel: number): number {
  return hashInts(T.Trans, prevLabel + 1);
}

/** Number of label-dependent base features per token (combined with the previous label). */
export const N_PAIR = 2;

/** The base hashes of token i that are conjoined with the previous label: lowercase form, shape. */
export function pairBases(p: Prepared, i: number, out: Uint32Array, at = 0): void {
  out[at] = p.lower[i];
  out[at + 1] = p.shape[i];
}

export function pairFeature(prevLabel: number, k: number, base: number): number {
  return hashInts(T.Pair, prevLabel + 1, base, k);
}

const BOS = hashString(99, '<s>');
const EOS = hashString(99, '</s>');

/** Lowercase with digits folded to 0 and typographic apostrophes folded. */
export function normLower(form: string): string {
  let out = '';
  const lower = form.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c >= 48 && c <= 57) out += '0';
    else if (c === 0x2019 || c === 0x2bc || c === 0x60 || c === 0xb4) out += "'";
    else out += lower[i];
  }
  return out;
}

/** Shape class of one UTF-16 code unit: X upper, x lower, d digit, or the character itself. */
function shapeChar(c: number, ch: string): string {
  if (c >= 97 && c <= 122) return 'x';
  if (c >= 65 && c <= 90) return 'X';
  if (c >= 48 && c <= 57) return 'd';
  if (c < 128) return ch;
  if (c === 0x2019) return "'";
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  if (lo !== up) return ch === up ? 'X' : 'x';
  if (/\p{N}/u.test(ch)) return 'd';
  return ch;
}

/** Word shape: X upper, x lower, d digit, other characters kept; runs longer than 2 collapsed. */
export function wordShape(form: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (let i = 0; i < form.length; i++) {
    const s = shapeChar(form.charCodeAt(i), form[i]);
    if (s === last) {
      run++;
      if (run > 2) continue;
    } else {
      run = 1;
      last = s;
    }
    out += s;
  }
  return out;
}

/** hashString(template, value.slice(start, end)) without building the substring. */
function hashRange(template: number, value: string, start: number, end: number): number {
  let h = (0x811c9dc5 ^ Math.imul(template + 1, 0x9e3779b1)) >>> 0;
  for (let i = start; i < end; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function flags(form: string): number {
  const first = form.charAt(0);
  const upperFirst = first !== first.toLowerCase();
  const allUpper = form.length > 1 && form === form.toUpperCase() && form !== form.toLowerCase();
  let f = 0;
  if (upperFirst) f |= 1;
  if (allUpper) f |= 2;
  for (let i = 0; i < form.length; i++) {
    const c = form.charCodeAt(i);
    if (c >= 48 && c <= 57) f |= 4;
    else if (c === 45) f |= 8;
    else if (c === 39 || c === 0x2019) f |= 16;
    else if (c === 46) f |= 64;
  }
  if (form.length === 1) f |= 32;
  return f;
}

/** Per-sentence precomputed hashes. */
export interface Prepared {
  n: number;
  lower: Uint32Array;
  form: Uint32Array;
  shape: Uint32Array;
  flags: Uint8Array;
  pre: Uint32Array[];
  suf: Uint32Array[];
  /** Gazetteer codes (class bit * 8 + position 0..3) of token i: gazCodes[gazStart[i] .. gazStart[i + 1]). */
  gazStart: Uint32Array;
  gazCodes: Uint32Array;
  upos: Uint32Array | null;
  lemma: Uint32Array | null;
  /** Capitalised runs: for each token in a run of capitalised words, the run's first and last token (else -1). */
  runStart: Int32Array;
  runEnd: Int32Array;
  /** For a token in a capitalised run: 1 when the run holds a company-list word, 2 an ambiguous one (both: 3); else 0. */
  runCompany: Uint8Array;
}

const EMPTY = new Uint32Array(0);
const CONNECTORS = new Set(['of', 'de', 'du', 'des', 'la', 'le', "d'", 'd’', "l'", 'l’', 'the', 'and', 'et', 'for', 'pour', 'von', 'van', 'del', 'di', 'da']);
const POS_B = 0;
const POS_I = 1;
const POS_L = 2;
const POS_U = 3;

export function prepare(s: NerSentence, gaz: Gazetteer | null, useTags: boolean): Prepared {
  const n = s.forms.length;
  const p: Prepared = {
    n,
    lower: new Uint32Array(n),
    form: new Uint32Array(n),
    shape: new Uint32Array(n),
    flags: new Uint8Array(n),
    pre: [1, 2, 3, 4].map(() => new Uint32Array(n)),
    suf: [1, 2, 3, 4].map(() => new Uint32Array(n)),
    gazStart: new Uint32Array(n + 1),
    gazCodes: EMPTY,
    upos: null,
    lemma: null,
    runStart: new Int32Array(n).fill(-1),
    runEnd: new Int32Array(n).fill(-1),
    runCompany: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const f = s.forms[i];
    const l = normLower(f);
    p.lower[i] = hashString(1, l);
    p.form[i] = hashString(2, f);
    p.shape[i] = hashString(3, wordShape(f));
    p.flags[i] = flags(f);
    for (let k = 1; k <= 4; k++) {
      if (l.length > k) {
        p.pre[k - 1][i] = hashRange(4 + k, l, 0, k);
        p.suf[k - 1][i] = hashRange(10 + k, l, l.length - k, l.length);
      }
    }
  }
  // Runs of capitalised words (a name's extent beyond the ±2 window), connectors such as "of",
  // "de", "la" allowed inside a run when a capitalised word follows.
  for (let i = 0; i < n; ) {
    if (!(p.flags[i] & 1) || (p.flags[i] & 32)) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j < n && p.flags[j] & 1 && !(p.flags[j] & 32)) j++;
      else if (j + 1 < n && CONNECTORS.has(s.forms[j].toLowerCase()) && p.flags[j + 1] & 1 && !(p.flags[j + 1] & 32)) j += 2;
      else break;
    }
    for (let k = i; k < j; k++) {
      p.runStart[k] = i;
      p.runEnd[k] = j - 1;
    }
    i = j;
  }
  if (gaz) {
    const matches = gaz.matches(s.forms);
    if (matches.length) {
      // Count the codes of each token, then fill them in token order.
      const codeOf = (m: (typeof matches)[number], i: number): number =>
        m.cls * 8 + (m.end - m.start === 1 ? POS_U : i === m.start ? POS_B : i === m.end - 1 ? POS_L : POS_I);
      for (const m of matches) for (let i = m.start; i < m.end; i++) p.gazStart[i + 1]++;
      for (let i = 0; i < n; i++) p.gazStart[i + 1] += p.gazStart[i];
      const fill = p.gazStart.slice(0, n);
      p.gazCodes = new Uint32Array(p.gazStart[n]);
      for (const m of matches) for (let i = m.start; i < m.end; i++) p.gazCodes[fill[i]++] = codeOf(m, i);
      // Company-list words spread to the whole capitalised run they are in.
      for (const m of matches) {
        const bit = m.cls === GAZ_COMPANY ? 1 : m.cls === GAZ_COMPANY_AMBIGUOUS ? 2 : 0;
        if (!bit || p.runStart[m.start] < 0) continue;
        for (let k = p.runStart[m.start]; k <= p.runEnd[m.start]; k++) p.runCompany[k] |= bit;
      }
    }
  }
  if (useTags) {
    if (s.upos && s.upos.some((u) => u && u !== '_')) {
      p.upos = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const u = s.upos[i];
        p.upos[i] = u && u !== '_' ? hashString(20, u) : 0;
      }
    }
    if (s.lemmas && s.lemmas.some((u) => u && u !== '_')) {
      p.lemma = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const u = s.lemmas[i];
        p.lemma[i] = u && u !== '_' ? hashString(21, normLower(u)) : 0;
      }
    }
  }
  return p;
}

/** Emission features of token i (independent of the labels): its own features and its context's. */
export function tokenFeatures(p: Prepared, i: number, buf: FeatureBuffer): void {
  staticFeatures(p, i, buf);
  contextFeatures(p, i, buf);
}

/**
 * The features that depend only on the token's form (so their summed weights can be cached per
 * form at inference): bias, lowercase and cased form, shape, prefixes, suffixes, form × case.
 */
export function staticFeatures(p: Prepared, i: number, buf: FeatureBuffer): void {
  const l0 = p.lower[i];
  buf.push(hashInts(T.Bias, 1));
  buf.push(hashCombine(T.L0, l0));
  buf.push(hashCombine(T.Form0, p.form[i]));
  buf.push(hashCombine(T.S0, p.shape[i]));
  for (let k = 0; k < 4; k++) {
    if (p.pre[k][i]) buf.push(hashCombine(T.Pre, p.pre[k][i], k));
    if (p.suf[k][i]) buf.push(hashCombine(T.Suf, p.suf[k][i], k));
  }
  buf.push(hashCombine(T.L0Flags, l0, p.flags[i] & 3));
}

/** The features that depend on the neighbours, the position, the gazetteer matches and the tags. */
export function contextFeatures(p: Prepared, i: number, buf: FeatureBuffer): void {
  const n = p.n;
  const L = (k: number): number => (k < 0 ? BOS : k >= n ? EOS : p.lower[k]);
  const S = (k: number): number => (k < 0 ? BOS : k >= n ? EOS : p.shape[k]);
  const F = (k: number): number => (k < 0 ? BOS : k >= n ? EOS : p.form[k]);
  const l0 = p.lower[i];
  const s0 = p.shape[i];
  buf.push(hashCombine(T.Lm1, L(i - 1)));
  buf.push(hashCombine(T.Lp1, L(i + 1)));
  buf.push(hashCombine(T.Lm2, L(i - 2)));
  buf.push(hashCombine(T.Lp2, L(i + 2)));
  buf.push(hashCombine(T.Formm1, F(i - 1)));
  buf.push(hashCombine(T.Formp1, F(i + 1)));
  buf.push(hashCombine(T.Formm2, F(i - 2)));
  buf.push(hashCombine(T.Formp2, F(i + 2)));
  buf.push(hashCombine(T.Sm1, S(i - 1)));
  buf.push(hashCombine(T.Sp1, S(i + 1)));
  buf.push(hashCombine(T.Sm2, S(i - 2)));
  buf.push(hashCombine(T.Sp2, S(i + 2)));
  buf.push(hashInts(T.S3, S(i - 1), s0, S(i + 1)));
  if (i > 0 && p.suf[2][i - 1]) buf.push(hashCombine(T.Sufm1, p.suf[2][i - 1]));
  if (i + 1 < n && p.suf[2][i + 1]) buf.push(hashCombine(T.Sufp1, p.suf[2][i + 1]));
  buf.push(hashInts(T.Big1, L(i - 1), l0));
  buf.push(hashInts(T.Big2, l0, L(i + 1)));
  buf.push(hashInts(T.LmS0, L(i - 1), s0));
  buf.push(hashInts(T.S0Lp, s0, L(i + 1)));
  buf.push(hashInts(T.Skip, L(i - 1), L(i + 1)));
  const first = i === 0 ? 1 : 0;
  buf.push(hashInts(T.Flags, p.flags[i], first));
  if (first) buf.push(hashCombine(T.FirstL0, l0));
  const gs = p.gazStart;
  const gc = p.gazCodes;
  for (let k = gs[i]; k < gs[i + 1]; k++) {
    buf.push(hashInts(T.Gaz0, gc[k]));
    buf.push(hashInts(T.Gaz0S, gc[k], p.flags[i] & 3));
  }
  if (i > 0) for (let k = gs[i - 1]; k < gs[i]; k++) buf.push(hashInts(T.Gazm1, gc[k]));
  if (i + 1 < n) for (let k = gs[i + 1]; k < gs[i + 2]; k++) buf.push(hashInts(T.Gazp1, gc[k]));
  if (p.upos) {
    const u0 = p.upos[i];
    if (u0) {
      buf.push(hashCombine(T.U0, u0));
      buf.push(hashInts(T.U0S0, u0, s0));
    }
    if (i > 0 && p.upos[i - 1]) buf.push(hashCombine(T.Um1, p.upos[i - 1]));
    if (i + 1 < n && p.upos[i + 1]) buf.push(hashCombine(T.Up1, p.upos[i + 1]));
  }
  if (p.lemma && p.lemma[i]) buf.push(hashCombine(T.Lemma0, p.lemma[i]));
  const rs = p.runStart[i];
  if (rs >= 0) {
    const re = p.runEnd[i];
    const len = re - rs + 1;
    const pos = i === rs ? (i === re ? 3 : 0) : i === re ? 2 : 1;
    buf.push(hashInts(T.RunPos, Math.min(len, 6), pos));
    buf.push(hashCombine(T.RunHead, p.lower[re], pos));
    buf.push(hashCombine(T.RunFirst, p.lower[rs], pos));
    buf.push(hashInts(T.RunHeadS, p.suf[2][re], pos));
    if (p.runCompany[i]) buf.push(hashInts(T.RunCompany, p.runCompany[i], pos, Math.min(len, 4)));
  }
}
