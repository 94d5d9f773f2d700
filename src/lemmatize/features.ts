/**
 * Lemma classes and the features of the edit-script classifier, shared by training and run time.
 *
 * A class is a casing operation plus a suffix edit script on the lower-cased form:
 *   L  the lemma is lower case           ("Les" → "le", "démentent" → "démentir")
 *   K  the lemma keeps the form's casing ("Américains" → "Américain", "Paris" → "Paris")
 *   T  the lemma is title case           ("GOODWYN" → "Goodwyn")
 *   X  the script applies to the exact form (anything else, rare)
 * so "L3|ir" turns "Démentent" into "démentir".
 */
import { FeatureBuffer, hashCombine, hashInts, hashString } from '../learn/features.js';
import { shapeOf } from '../tag/word-info.js';
import { applyScript, parseScript, scriptFor, type ParsedScript } from './edit-script.js';

export type CaseOp = 'L' | 'K' | 'T' | 'X';

export interface LemmaClass {
  op: CaseOp;
  script: ParsedScript;
}

export function parseClass(name: string): LemmaClass {
  return { op: name[0] as CaseOp, script: parseScript(name.slice(1)) };
}

function titleCase(s: string): string {
  if (s.length === 0) return s;
  const cp = s.codePointAt(0)!;
  const first = String.fromCodePoint(cp);
  return first.toUpperCase() + s.slice(first.length);
}

/** The lemma a class gives for a form. */
export function realize(form: string, lower: string, c: LemmaClass): string {
  switch (c.op) {
    case 'L':
      return applyScript(lower, c.script);
    case 'K':
      return applyScript(form, c.script);
    case 'T':
      return titleCase(applyScript(lower, c.script));
    default:
      return applyScript(form, c.script);
  }
}

/** The class of a (form, lemma) pair: the first casing operation that gives the lemma exactly. */
export function classOf(form: string, lemma: string): string {
  const lower = form.toLowerCase();
  const script = scriptFor(lower, lemma.toLowerCase());
  const parsed = parseScript(script);
  for (const op of ['L', 'K', 'T'] as const) {
    if (realize(form, lower, { op, script: parsed }) === lemma) return op + script;
  }
  return `X${scriptFor(form, lemma)}`;
}

/** Classes with the same script under each casing operation (to score a lexicon lemma). */
export function classesForLemma(form: string, lemma: string): string[] {
  const script = scriptFor(form.toLowerCase(), lemma.toLowerCase());
  return ['L', 'K', 'T'].map((op) => op + script);
}

const MAX_SUFFIX = 7;
const MAX_HASHED = 64;

function lengthBucket(n: number): number {
  return n <= 3 ? n : n <= 5 ? 4 : n <= 8 ? 5 : n <= 12 ? 6 : 7;
}

export interface LemmaContext {
  /** UPOS id in the lemmatizer's UPOS list (-1 for an unknown UPOS). */
  upos: number;
  feats: string;
  sentenceInitial: boolean;
  /** Whether the lexicon knows the exact form / the lower-cased form. */
  knownExact: boolean;
  knownLower: boolean;
}

/** Features of the lemma decision for a form. */
export function lemmaFeatures(form: string, lower: string, ctx: LemmaContext, out: FeatureBuffer): void {
  out.clear();
  const u = ctx.upos + 1;
  const lc = lower.length > MAX_HASHED ? lower.slice(-MAX_HASHED) : lower;
  out.push(hashInts(1, u));
  for (let k = 1; k <= MAX_SUFFIX && k <= lc.length; k++) {
    const h = hashString(10 + k, lc.slice(-k));
    out.push(hashCombine(30, h, u));
    if (k <= 4) out.push(h);
  }
  if (lc.length <= MAX_SUFFIX) out.push(hashCombine(31, hashString(9, lc), u));
  out.push(hashCombine(32, hashString(20, ctx.feats), u));
  if (ctx.feats !== '_') for (const part of ctx.feats.split('|')) out.push(hashCombine(33, hashString(21, part), u));
  out.push(hashCombine(34, hashString(22, shapeOf(form)), u));
  out.push(hashInts(35, u, ctx.sentenceInitial ? 1 : 0, (ctx.knownExact ? 2 : 0) | (ctx.knownLower ? 1 : 0)));
  out.push(hashInts(36, u, lengthBucket(lc.length)));
}
