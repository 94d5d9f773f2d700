/** Features of "a sentence ends after this token", the running quote state, and which tokens are asked. */
import type { FeatureBuffer } from '../learn/features.js';
import type { Abbreviations } from './abbreviations.js';
import { C, isLetterClass, normCode } from './chars.js';
import { EDGE_CLASS, hashInts } from './feature-hash.js';
import { isTitle } from './scan.js';
import type { TokenArrays } from './token-arrays.js';
import { GUESSED } from './word-classes.js';

const enum S {
  Bias = 1,
  Form,
  Next,
  Prev,
  FormNext,
  PrevForm,
  Shapes,
  PrevShapeFormNextShape,
  NextNext,
  FormNextClass,
  Chars,
  Quotes,
  QuotesNext,
  Length,
  FormNextShape,
  PrevFormShape,
  Glue,
  NextShape,
  Tags,
  Tags3,
  TagNextShape,
  NextTagShape,
  Abbrev,
  PrevAbbrev,
  TagsNextShape,
  LastClassNextTagShape,
  ParagraphQuotes,
  ParagraphQuotesNext,
  Verbs,
  VerbsLength,
  NextVerb,
  Lists,
  CapsRun,
  TitleRuns,
  NextShapes,
  PrevSentence,
  VerbsNextTag,
  NextGlue,
}

/**
 * Which word-class ids are verbs or auxiliaries (known or guessed from the ending), for the
 * "has this sentence a verb yet / does one follow" features: headings and list items have none,
 * and a capitalised word after a verbless start ("Dans son livre Les Bras ouverts") continues it.
 */
export function verbTagTable(tags: readonly string[]): Uint8Array {
  const table = new Uint8Array(256);
  tags.forEach((name, id) => {
    if (name.includes('VERB') || name.includes('AUX')) {
      table[id] = 1;
      table[id | GUESSED] = 1;
    }
  });
  return table;
}

/** Tokens looked at after the candidate by the look-ahead features (bounded: linear time). */
const LOOKAHEAD = 6;

/** Running state of the sentence classifier: brackets and quotes opened in the current sentence. */
export class SentenceState {
  sinceStart = 0;
  /** « “ opened and not closed in the sentence (capped). */
  openQuotes = 0;
  /** Parity of straight double quotes in the sentence. */
  straightQuotes = 0;
  openParens = 0;
  /**
   * The same quote counts over the paragraph so far: a quotation may span sentences, and only
   * then does '"' after "pollution." read as closing.
   */
  paragraphQuotes = 0;
  paragraphStraight = 0;
  /** Verbs (known or guessed) in the sentence so far, capped at 2. */
  verbs = 0;
  /** 1 after a ':' in the sentence; ';' seen, capped at 2 (lists run on after both). */
  colon = 0;
  semicolons = 0;
  /** All-capital words and capitalised tokens ending at the last token advanced (capped). */
  capsRun = 0;
  titleRun = 0;
  /**
   * The previous sentence of the paragraph: 0 none, else 1 + (had a verb) + 2 × (ended with
   * . ! ?). Runs of verbless fragments (table cells, list items) tend to go on.
   */
  previous = 0;
  /** Word-class id → 1 for verbs (see verbTagTable). */
  readonly verbTags: Uint8Array;

  constructor(verbTags: Uint8Array) {
    this.verbTags = verbTags;
  }

  /** Starts a paragraph. */
  reset(): void {
    this.resetSentence();
    this.previous = 0;
    this.paragraphQuotes = 0;
    this.paragraphStraight = 0;
  }

  private resetSentence(): void {
    this.sinceStart = 0;
    this.openQuotes = 0;
    this.straightQuotes = 0;
    this.openParens = 0;
    this.verbs = 0;
    this.colon = 0;
    this.semicolons = 0;
    this.capsRun = 0;
    this.titleRun = 0;
  }

  /** Takes token t into account; call after deciding whether a sentence ends after it. */
  advance(text: string, toks: TokenArrays, t: number, endsSentence: boolean): void {
    let code = -1;
    if (toks.end[t] - toks.start[t] === 1) {
      code = text.charCodeAt(toks.start[t]);
      if (code === 0xab || code === 0x201c) this.paragraphQuotes = Math.min(this.paragraphQuotes + 1, 2);
      else if (code === 0xbb || code === 0x201d) this.paragraphQuotes = Math.max(this.paragraphQuotes - 1, 0);
      else if (code === 34) this.paragraphStraight ^= 1;
    }
    if (endsSentence) {
      const last = toks.lastClass[t];
      const verbs = this.verbs + this.verbTags[toks.tag[t]];
      this.previous = 1 + (verbs > 0 ? 1 : 0) + (last === C.Period || last === C.Terminal ? 2 : 0);
      this.resetSentence();
      return;
    }
    this.sinceStart++;
    if (this.verbTags[toks.tag[t]] && this.verbs < 2) this.verbs++;
    const first = toks.firstClass[t];
    this.titleRun = first === C.Upper ? Math.min(this.titleRun + 1, 3) : 0;
    this.capsRun = first === C.Upper && toks.lastClass[t] === C.Upper && toks.end[t] - toks.start[t] > 1 ? Math.min(this.capsRun + 1, 3) : 0;
    if (code === 58) this.colon = 1;
    else if (code === 59) this.semicolons = Math.min(this.semicolons + 1, 2);
    if (code === 0xab || code === 0x201c) this.openQuotes = Math.min(this.openQuotes + 1, 2);
    else if (code === 0xbb || code === 0x201d) this.openQuotes = Math.max(this.openQuotes - 1, 0);
    else if (code === 34) this.straightQuotes ^= 1;
    else if (code === 40 || code === 91) this.openParens = Math.min(this.openParens + 1, 2);
    else if (code === 41 || code === 93) this.openParens = Math.max(this.openParens - 1, 0);
  }

  code(): number {
    return this.openQuotes * 8 + this.straightQuotes * 4 + this.openParens;
  }

  paragraphCode(): number {
    return this.paragraphQuotes * 2 + this.paragraphStraight;
  }
}

function lengthBucket(n: number): number {
  return n < 4 ? n : n < 6 ? 4 : n < 10 ? 5 : n < 20 ? 6 : n < 40 ? 7 : 8;
}

/** Features of "a sentence ends after token t" (t is not the last token of the paragraph). */
export function sentenceFeatures(
  text: string,
  toks: TokenArrays,
  t: number,
  state: SentenceState,
  abbreviations: Abbreviations,
  out: FeatureBuffer,
): void {
  out.clear();
  const n = toks.length;
  const form = toks.hash[t];
  const shape = toks.shape[t];
  const prev = t > 0 ? toks.hash[t - 1] : 1;
  const prevShape = t > 0 ? toks.shape[t - 1] : 1;
  const next = t + 1 < n ? toks.hash[t + 1] : 2;
  const nextShape = t + 1 < n ? toks.shape[t + 1] : 2;
  const next2 = t + 2 < n ? toks.hash[t + 2] : 2;
  const nextClass = t + 1 < n ? toks.firstClass[t + 1] : EDGE_CLASS;
  const glue = toks.glued[t];
  out.push(hashInts(S.Bias, 0));
  out.push(hashInts(S.Form, form));
  out.push(hashInts(S.Next, next));
  out.push(hashInts(S.Prev, prev));
  out.push(hashInts(S.FormNext, form, next));
  out.push(hashInts(S.PrevForm, prev, form));
  out.push(hashInts(S.Shapes, shape, nextShape, glue));
  out.push(hashInts(S.PrevShapeFormNextShape, prevShape, form, nextShape));
  out.push(hashInts(S.NextNext, next, next2));
  out.push(hashInts(S.FormNextClass, form, nextClass));
  const lastChar = normCode(text.charCodeAt(toks.end[t] - 1));
  const nextChar = t + 1 < n ? normCode(text.charCodeAt(toks.start[t + 1])) : 0;
  out.push(hashInts(S.Chars, lastChar, nextChar, glue));
  const q = state.code();
  out.push(hashInts(S.Quotes, q, form));
  out.push(hashInts(S.QuotesNext, q, lastChar, nextClass));
  const pq = state.paragraphCode();
  out.push(hashInts(S.ParagraphQuotes, pq, lastChar, nextChar));
  out.push(hashInts(S.ParagraphQuotesNext, pq * 16 + q, nextChar, t + 2 < n ? toks.firstClass[t + 2] : EDGE_CLASS));
  out.push(hashInts(S.Length, lengthBucket(state.sinceStart), lastChar, nextClass));
  out.push(hashInts(S.FormNextShape, form, nextShape));
  out.push(hashInts(S.PrevFormShape, prevShape, form, shape));
  out.push(hashInts(S.Glue, glue, toks.lastClass[t], nextClass));
  const tag = toks.tag[t];
  const nextTag = t + 1 < n ? toks.tag[t + 1] : 255;
  const prevTag = t > 0 ? toks.tag[t - 1] : 255;
  out.push(hashInts(S.NextShape, next, nextShape));
  out.push(hashInts(S.Tags, tag, nextTag));
  out.push(hashInts(S.Tags3, prevTag, tag, nextTag));
  out.push(hashInts(S.TagNextShape, tag, lastChar, nextShape));
  out.push(hashInts(S.NextTagShape, nextTag, nextShape));
  out.push(hashInts(S.TagsNextShape, tag, nextTag, nextShape));
  out.push(hashInts(S.LastClassNextTagShape, toks.lastClass[t], nextTag, nextShape));
  // The sentence so far (verbs, list punctuation, capitalised runs) and what follows (the first
  // verb, within a few tokens and before any sentence-final mark; the capitalised run).
  const isCaps = toks.firstClass[t] === C.Upper && toks.lastClass[t] === C.Upper && toks.end[t] - toks.start[t] > 1 ? 1 : 0;
  const titleCase = toks.firstClass[t] === C.Upper ? 1 : 0;
  const capsRun = isCaps ? Math.min(state.capsRun + 1, 3) : 0;
  const titleRun = titleCase ? Math.min(state.titleRun + 1, 3) : 0;
  const verbs = Math.min(state.verbs + state.verbTags[tag], 2);
  let nextVerb = 0;
  let nextTitleRun = 0;
  let titleOpen = 1;
  const stop = Math.min(n, t + 1 + LOOKAHEAD);
  for (let j = t + 1; j < stop; j++) {
    const first = toks.firstClass[j];
    if (titleOpen && first === C.Upper) nextTitleRun++;
    else titleOpen = 0;
    if (state.verbTags[toks.tag[j]]) {
      nextVerb = j - t;
      break;
    }
    const last = toks.lastClass[j];
    if (last === C.Period || last === C.Terminal) {
      nextVerb = 8;
      break;
    }
  }
  const next2Shape = t + 2 < n ? toks.shape[t + 2] : 2;
  out.push(hashInts(S.Verbs, verbs, lastChar, nextShape));
  out.push(hashInts(S.VerbsLength, verbs * 16 + lengthBucket(state.sinceStart), lastChar, nextClass));
  out.push(hashInts(S.NextVerb, nextVerb * 4 + verbs, lastChar, nextClass));
  out.push(hashInts(S.Lists, state.colon * 4 + state.semicolons, lastChar, nextClass));
  out.push(hashInts(S.CapsRun, capsRun, nextShape, lastChar));
  out.push(hashInts(S.TitleRuns, titleRun * 8 + nextTitleRun, lastChar, verbs));
  out.push(hashInts(S.NextShapes, nextShape, next2Shape, lastChar));
  out.push(hashInts(S.PrevSentence, state.previous * 4 + verbs, lastChar, nextClass));
  out.push(hashInts(S.VerbsNextTag, verbs, nextTag, tag));
  // A dash standing alone starts a list item ("... 1989 - Ceausescu - Timisoara"); one glued to
  // the next word opens an aside ("des données -comme on le constate-").
  const nextGlued = t + 1 < n ? toks.glued[t + 1] : 0;
  out.push(hashInts(S.NextGlue, nextShape * 2 + nextGlued, t + 2 < n ? toks.firstClass[t + 2] : EDGE_CLASS, verbs));
  const start = toks.start[t];
  const end = toks.end[t];
  if (lastChar === 46) {
    // "Dr." as one token, or "Dr" "." when the period was split off.
    if (end - start > 1 && abbreviations.has(text, start, end - 1)) out.push(hashInts(S.Abbrev, nextClass, nextShape));
    else if (end - start === 1 && t > 0 && toks.glued[t - 1] && abbreviations.has(text, toks.start[t - 1], toks.end[t - 1])) {
      out.push(hashInts(S.PrevAbbrev, nextClass, nextShape));
    }
  }
}

/**
 * May a sentence end after token t? Only after punctuation, or before a token that does not start
 * with a lower-case letter; the classifier is asked only there (the rest never ends a sentence in
 * the training data often enough to be worth the time). Never after an initial ("J." before a word).
 */
/**
 * Token t cannot end a sentence: it is an opening quote or bracket, or a dash that opens its
 * sentence (dialogue, list item), so what it opens follows; or the next token is a closing quote or
 * bracket, which stays with the sentence it closes. The treebanks have too few of these before a
 * boundary for the classifier to learn them (a lone "—" came out as a sentence).
 */
export function cannotEndSentence(text: string, toks: TokenArrays, t: number): boolean {
  // « Je pars. » keeps its ».
  if (t + 1 < toks.length && toks.end[t + 1] - toks.start[t + 1] === 1) {
    const n = text.charCodeAt(toks.start[t + 1]);
    if (n === 0xbb || n === 0x201d || n === 0x29 || n === 0x5d || n === 0x7d) return true;
  }
  if (toks.end[t] - toks.start[t] !== 1) return false;
  const c = text.charCodeAt(toks.start[t]);
  if (c === 0xab || c === 0x201c || c === 0x28 || c === 0x5b || c === 0x7b) return true;
  const first = t === 0 || toks.sentenceEnd[t - 1] === 1;
  return first && (c === 0x2014 || c === 0x2013 || c === 0x2d);
}

export function sentenceCandidate(text: string, toks: TokenArrays, t: number, titles: Abbreviations, numbered?: Abbreviations): boolean {
  const last = toks.lastClass[t];
  if (last === C.Period && t + 1 < toks.length) {
    const len = toks.end[t] - toks.start[t];
    const next = toks.firstClass[t + 1] as C;
    const letter = text.charCodeAt(toks.start[t]);
    if (len === 2 && toks.firstClass[t] === C.Upper && letter !== 73 && letter !== 88 && isLetterClass(next)) return false;
    // Hyphenated initials ("J.-P. Bruneau") are never an acronym ending a sentence.
    if (len >= 5 && len <= 8 && next === C.Upper && text.charCodeAt(toks.start[t] + 2) === 45 && text.charCodeAt(toks.start[t] + 1) === 46) return false;
    if (len > 2 && next === C.Upper && isTitle(titles, text, toks.start[t], toks.end[t] - 1)) return false;
    if (numbered && next === C.Digit && isTitle(numbered, text, toks.start[t], toks.end[t] - 1)) return false;
  }
  if (last !== C.Lower && last !== C.Upper && last !== C.OtherLetter && last !== C.Digit && last !== C.Comma) return true;
  if (t + 1 >= toks.length) return true;
  const next = toks.firstClass[t + 1];
  if (next === C.Lower) return false;
  // A capitalised word, then a short capitalised particle, then another capitalised word, with no
  // punctuation between them, is a name going on ("Selon Marine | Le Pen", "Charles | De Gaulle"),
  // not an unpunctuated heading followed by "Le Président…": in articles headings stand on their
  // own line, which is always a boundary.
  if (
    last === C.Lower &&
    next === C.Upper &&
    toks.firstClass[t] === C.Upper &&
    toks.end[t] - toks.start[t] > 1 &&
    toks.end[t + 1] - toks.start[t + 1] <= 3 &&
    toks.lastClass[t + 1] === C.Lower &&
    t + 2 < toks.length &&
    toks.firstClass[t + 2] === C.Upper &&
    toks.lastClass[t + 2] === C.Lower
  ) {
    return false;
  }
  return true;
}
