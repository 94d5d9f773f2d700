/** Features of "this token is a multiword token under this analysis" ("des" → de les). */
import type { FeatureBuffer } from '../learn/features.js';
import { hashInts } from './feature-hash.js';
import { normHash, type TokenArrays } from './token-arrays.js';

const enum M {
  Bias = 1,
  Form,
  Next,
  Prev,
  Next2,
  NextSuffix,
  NextShape,
  PrevShape,
  PrevNext,
  Start,
  Rule,
  Prev2,
  PrevTag,
  NextTag,
  PrevNextTag,
  Prev2Tag,
  PrevSuffix,
}

/**
 * Features of "token t is a multiword token with analysis `analysis`" (an index into the model's
 * analyses). `sentenceStart`: t is the first token of its sentence.
 */
export function mwtFeatures(text: string, toks: TokenArrays, t: number, analysis: number, sentenceStart: boolean, out: FeatureBuffer): void {
  out.clear();
  const n = toks.length;
  const form = toks.hash[t];
  const prev = t > 0 && !sentenceStart ? toks.hash[t - 1] : 1;
  const prev2 = t > 1 && !sentenceStart ? toks.hash[t - 2] : 1;
  const next = t + 1 < n ? toks.hash[t + 1] : 2;
  const next2 = t + 2 < n ? toks.hash[t + 2] : 2;
  const nextShape = t + 1 < n ? toks.shape[t + 1] : 2;
  const prevShape = t > 0 && !sentenceStart ? toks.shape[t - 1] : 1;
  let nextSuffix = 2;
  if (t + 1 < n) {
    const e = toks.end[t + 1];
    nextSuffix = normHash(text, Math.max(toks.start[t + 1], e - 2), e);
  }
  out.push(hashInts(M.Bias, analysis));
  out.push(hashInts(M.Form, form, analysis));
  out.push(hashInts(M.Next, form, next));
  out.push(hashInts(M.Prev, form, prev));
  out.push(hashInts(M.Next2, form, next, next2));
  out.push(hashInts(M.NextSuffix, form, nextSuffix));
  out.push(hashInts(M.NextShape, analysis, nextShape, toks.shape[t]));
  out.push(hashInts(M.PrevShape, analysis, prevShape, toks.shape[t]));
  out.push(hashInts(M.PrevNext, form, prev, next));
  out.push(hashInts(M.Start, form, sentenceStart ? 1 : 0));
  out.push(hashInts(M.Rule, analysis, toks.shape[t]));
  out.push(hashInts(M.Prev2, form, prev2, prev));
  const prevTag = t > 0 && !sentenceStart ? toks.tag[t - 1] : 255;
  const prev2Tag = t > 1 && !sentenceStart ? toks.tag[t - 2] : 255;
  const nextTag = t + 1 < n ? toks.tag[t + 1] : 255;
  out.push(hashInts(M.PrevTag, analysis, prevTag));
  out.push(hashInts(M.NextTag, analysis, nextTag));
  out.push(hashInts(M.PrevNextTag, analysis, prevTag, nextTag));
  out.push(hashInts(M.Prev2Tag, analysis, prev2Tag, prevTag));
  if (t > 0 && !sentenceStart) {
    const e = toks.end[t - 1];
    out.push(hashInts(M.PrevSuffix, analysis, normHash(text, Math.max(toks.start[t - 1], e - 3), e)));
  }
}
