/**
 * The tokenizer at run time: paragraph → candidate boundaries → tokens → sentence ends →
 * multiword splits → Sentence objects with offsets into the text.
 *
 * All per-character work happens on typed arrays and hashes; strings are only made for the
 * token and word forms the Document keeps.
 */
import type { Sentence, Span, Token, Word } from '../document.js';
import { FeatureBuffer } from '../learn/features.js';
import type { Perceptron } from '../learn/perceptron.js';
import { isSpaceCode } from './chars.js';
import { gapFeatures } from './gap-features.js';
import { mwtFeatures } from './mwt-features.js';
import { SentenceState, cannotEndSentence, sentenceCandidate, sentenceFeatures, verbTagTable } from './sentence-features.js';
import { alwaysSplitClitic } from './abbreviations.js';
import type { TokenizerModel } from './model.js';
import { ChunkScanner, scanRules, type GapDecider } from './scan.js';
import { TokenArrays } from './token-arrays.js';

/**
 * A sentence is cut after this many tokens even without a boundary: the treebanks have none this
 * long, and later stages (parsers) should not receive a 5 MB "sentence".
 */
export const MAX_SENTENCE_TOKENS = 300;

/** Counters of the work done, for checks that the work per character stays bounded. */
export interface TokenizerStats {
  characters: number;
  paragraphs: number;
  tokens: number;
  gapCandidates: number;
  sentenceCandidates: number;
  mwtCandidates: number;
  /** Characters the scanner examined beyond the first pass (protected spans, candidate chunks). */
  scanWork: number;
}

export class Tokenizer {
  readonly model: TokenizerModel;
  readonly stats: TokenizerStats = {
    characters: 0,
    paragraphs: 0,
    tokens: 0,
    gapCandidates: 0,
    sentenceCandidates: 0,
    mwtCandidates: 0,
    scanWork: 0,
  };
  private readonly toks = new TokenArrays();
  private readonly features = new FeatureBuffer(64);
  private readonly scores = new Float64Array(2);
  private readonly scanner: ChunkScanner;
  private readonly state: SentenceState;
  private text = '';
  private pStart = 0;
  private pEnd = 0;
  private readonly decideGap: GapDecider = (gap, cs, ce, chunkHash, tokenStart) => {
    this.stats.gapCandidates++;
    if (this.forcedClitic(gap, ce) || this.demonstrativeParticle(gap, cs, ce)) return true;
    if (this.model.meta.lang === 'en' && hyphenatedPrefix(this.text, gap, cs, ce, tokenStart)) return false;
    const doubled = this.abbreviationBeforeFinalPeriod(gap, ce, tokenStart);
    if (doubled !== 0) return doubled > 0;
    gapFeatures(this.text, this.pStart, this.pEnd, cs, ce, chunkHash, gap, tokenStart, this.model.abbreviations, this.scanner.rules.clitics, this.features);
    return this.positive(this.model.gap);
  };

  constructor(model: TokenizerModel) {
    this.model = model;
    this.state = new SentenceState(verbTagTable(model.wordClasses.data.tags));
    this.scanner = new ChunkScanner(scanRules(model.meta.lang, model.meta.joinDigitGroups));
  }

  /**
   * A hyphen before "je" / "tu" ending the chunk or followed by punctuation, after a letter:
   * always a boundary ("dis-je", "viens-tu ?").
   */
  private forcedClitic(gap: number, ce: number): boolean {
    const text = this.text;
    if (text.charCodeAt(gap) !== 45 || gap === 0 || !/\p{L}/u.test(text[gap - 1])) return false;
    let e = gap + 1;
    while (e < ce && e - gap <= 3 && /\p{L}/u.test(text[e])) e++;
    if (e < ce && /[\p{L}\p{N}-]/u.test(text[e])) return false;
    return alwaysSplitClitic(this.model.meta.lang, text, gap + 1, e);
  }

  /**
   * French "-là" / "-ci" after a noun that a demonstrative determiner opens ("ce jour-là", "cette
   * fois-ci") is a token of its own (UD French; Sequoia and GSD split it), while pronouns
   * ("celui-ci", "celle-là") and adverbs ("jusque-là", "là-bas") are one token: the hyphen is
   * cut when the chunk is one word + "-là" / "-ci" and the word before it is ce / cet / cette / ces.
   */
  private demonstrativeParticle(gap: number, cs: number, ce: number): boolean {
    const text = this.text;
    if (this.model.meta.lang !== 'fr' || text.charCodeAt(gap) !== 45 || gap === cs) return false;
    let e = gap + 3;
    while (e < ce && !/[\p{L}\p{N}-]/u.test(text[e])) e++;
    if (e !== ce) return false;
    const particle = text.slice(gap + 1, gap + 3).toLowerCase();
    if (particle !== 'là' && particle !== 'ci') return false;
    for (let i = cs; i < gap; i++) if (!/\p{L}/u.test(text[i])) return false;
    let b = cs - 1;
    while (b >= this.pStart && isSpaceCode(text.charCodeAt(b))) b--;
    if (b === cs - 1) return false;
    let a = b;
    while (a > this.pStart && b - a < 5 && /\p{L}/u.test(text[a - 1])) a--;
    if (a > this.pStart && !isSpaceCode(text.charCodeAt(a - 1)) && !/\p{P}/u.test(text[a - 1])) return false;
    const det = text.slice(a, b + 1).toLowerCase();
    return det === 'ce' || det === 'cet' || det === 'cette' || det === 'ces';
  }

  /**
   * An abbreviation followed by the sentence's own period ("CCNG, Inc..", "CCGM, L.P.."): the
   * first period stays with the abbreviation, the second is a token. Returns -1 for the gap
   * before the first period (no boundary), 1 for the gap between the two, 0 when this is not the
   * case. "best.." and "..." are left to the model.
   */
  private abbreviationBeforeFinalPeriod(gap: number, ce: number, tokenStart: number): number {
    const text = this.text;
    if (text.charCodeAt(ce - 1) !== 46 || text.charCodeAt(ce - 2) !== 46 || ce - 3 <= tokenStart || text.charCodeAt(ce - 3) === 46) return 0;
    if (gap !== ce - 2 && gap !== ce - 1) return 0;
    const wordEnd = ce - 2;
    if (!this.model.abbreviations.has(text, tokenStart, wordEnd) && !/^(\p{L}\.)+\p{L}$/u.test(text.slice(tokenStart, wordEnd))) return 0;
    return gap === ce - 2 ? -1 : 1;
  }

  get lang(): 'fr' | 'en' {
    return this.model.meta.lang;
  }

  private positive(p: Perceptron): boolean {
    const s = this.scores;
    s[0] = 0;
    s[1] = 0;
    p.score(this.features.values, this.features.length, s);
    return s[1] > s[0];
  }

  /**
   * Tokens and sentence ends of text[pStart, pEnd). The returned arrays are reused by the next
   * call. The last token always ends a sentence.
   */
  segmentParagraph(text: string, pStart: number, pEnd: number): TokenArrays {
    const toks = this.toks;
    this.text = text;
    this.pStart = pStart;
    this.pEnd = pEnd;
    this.stats.paragraphs++;
    this.stats.characters += pEnd - pStart;
    const work = this.scanner.work;
    this.scanner.scanParagraph(text, pStart, pEnd, toks, this.decideGap);
    this.stats.scanWork += this.scanner.work - work;
    const n = toks.length;
    this.stats.tokens += n;
    toks.assignTags(text, this.model.wordClasses);
    const state = this.state;
    state.reset();
    for (let t = 0; t + 1 < n; t++) {
      let end = false;
      if (state.sinceStart + 1 >= MAX_SENTENCE_TOKENS) end = true;
      else if (cannotEndSentence(text, toks, t)) end = false;
      else if (isUrlToken(text, toks.start[t], toks.end[t]) && isUrlToken(text, toks.start[t + 1], toks.end[t + 1])) end = true;
      else if (sentenceCandidate(text, toks, t, this.scanner.rules.titles, this.scanner.rules.numbered)) {
        this.stats.sentenceCandidates++;
        sentenceFeatures(text, toks, t, state, this.model.abbreviations, this.features);
        end = this.positive(this.model.sentence);
      }
      toks.sentenceEnd[t] = end ? 1 : 0;
      state.advance(text, toks, t, end);
    }
    if (n > 0) toks.sentenceEnd[n - 1] = 1;
    return toks;
  }

  /** Analysis id of token t when it is to be split into words, else -1. */
  mwtAnalysis(text: string, toks: TokenArrays, t: number, sentenceStart: boolean): number {
    const match = this.model.lexicon.match(text, toks.start[t], toks.end[t], toks.hash[t]);
    if (!match) return -1;
    if (!match.ambiguous) return match.analysis;
    if (this.model.meta.lang === 'en' && isItsBeforeNonNoun(text, toks, t)) return match.analysis;
    this.stats.mwtCandidates++;
    mwtFeatures(text, toks, t, match.analysis, sentenceStart, this.features);
    return this.positive(this.model.mwt) ? match.analysis : -1;
  }

  /**
   * Sentences of the given paragraphs (spans of `text`, in text order; sentences never cross
   * them), with ids firstId, firstId + 1, ...
   */
  tokenizeParagraphs(text: string, paragraphs: readonly Span[], firstId = 1): Sentence[] {
    const sentences: Sentence[] = [];
    let id = firstId;
    for (const p of paragraphs) {
      const toks = this.segmentParagraph(text, p.start, p.end);
      let first = 0;
      for (let t = 0; t < toks.length; t++) {
        if (!toks.sentenceEnd[t]) continue;
        sentences.push(this.buildSentence(text, toks, first, t, String(id++)));
        first = t + 1;
      }
    }
    return sentences;
  }

  private buildSentence(text: string, toks: TokenArrays, first: number, last: number, id: string): Sentence {
    const tokens: Token[] = [];
    const words: Word[] = [];
    for (let t = first; t <= last; t++) {
      const start = toks.start[t];
      const end = toks.end[t];
      const form = text.slice(start, end);
      const spaceAfter = end >= text.length || isSpaceCode(text.charCodeAt(end));
      const firstWord = words.length;
      const analysis = this.mwtAnalysis(text, toks, t, t === first);
      const parts = analysis >= 0 ? this.model.lexicon.words(text, start, end, analysis) : null;
      if (parts && parts.every((w) => w.length > 0)) for (const w of parts) words.push(newWord(w, tokens.length));
      else words.push(newWord(form, tokens.length));
      tokens.push({ start, end, form, spaceAfter, firstWord, lastWord: words.length - 1 });
    }
    return { id, start: toks.start[first], end: toks.end[last], tokens, words };
  }
}

/**
 * The token is a web address. Two in a row are a list, one per line in the source, and the
 * treebank ends a sentence between them (EWT train: 37 times, twice not); the sentence model,
 * asked only after punctuation or before a capital, never sees that place.
 */
function isUrlToken(text: string, start: number, end: number): boolean {
  if (end - start < 8) return false;
  const head = text.slice(start, start + 8).toLowerCase();
  return head.startsWith('http://') || head.startsWith('https://') || head.startsWith('www.');
}

/**
 * Words that never follow the possessive "its" (a determiner comes before its noun, or an
 * adjective) but do follow "its" written for "it's": "its a shame", "its not", "its the best".
 * EWT train splits "its" before every one of them it has (32 times, never not).
 */
const AFTER_ITS_IS = new Set([
  'a', 'an', 'the', 'not', 'really', 'so', 'too', 'just', 'all', 'also', 'still', 'always', 'never', 'now', 'been', 'going',
  'gonna', 'getting', 'definitely', 'simply', 'probably', 'actually', 'ok', 'okay', 'your', 'my', 'our', 'their', 'this',
  'that', 'in', 'on', 'at', 'for', 'from', 'about', 'because', 'what', 'how', 'like',
]);

/** Token t is "its" (no apostrophe) and the next token is a word of AFTER_ITS_IS, or "kind of" / "sort of". */
function isItsBeforeNonNoun(text: string, toks: TokenArrays, t: number): boolean {
  if (toks.end[t] - toks.start[t] !== 3 || t + 1 >= toks.length || text.slice(toks.start[t], toks.end[t]).toLowerCase() !== 'its') return false;
  const next = text.slice(toks.start[t + 1], toks.end[t + 1]).toLowerCase();
  if (AFTER_ITS_IS.has(next)) return true;
  return (next === 'kind' || next === 'sort') && t + 2 < toks.length && text.slice(toks.start[t + 2], toks.end[t + 2]).toLowerCase() === 'of';
}

/**
 * English prefixes that EWT keeps in one token with the word after their hyphen ("non-profit",
 * "e-mail", "anti-smoker", "over-eater": train 160 times whole, 2 split). Prefixes the treebank
 * splits as often as not ("self-", "well-", "vice-", "half-") are left to the model.
 */
const ENGLISH_PREFIXES = new Set(['non', 'post', 'anti', 'pro', 'mid', 'cross', 'multi', 're', 'ex', 'over', 'pre', 'co', 'semi', 'counter', 'mis', 'e', 'un']);

/**
 * Gap on either side of the hyphen of a prefix ("non|-|profit") that starts the token, when a
 * letter follows the hyphen: never a boundary.
 */
function hyphenatedPrefix(text: string, gap: number, cs: number, ce: number, tokenStart: number): boolean {
  const hyphen = text.charCodeAt(gap) === 45 ? gap : text.charCodeAt(gap - 1) === 45 ? gap - 1 : -1;
  if (hyphen < 0 || hyphen + 1 >= ce || hyphen - tokenStart > 7 || hyphen === tokenStart) return false;
  if (!/\p{L}/u.test(text[hyphen + 1])) return false;
  if (tokenStart > cs && /\p{L}/u.test(text[tokenStart - 1])) return false;
  return ENGLISH_PREFIXES.has(text.slice(tokenStart, hyphen).toLowerCase());
}

function newWord(form: string, token: number): Word {
  return { form, lemma: '_', upos: '_', xpos: '_', feats: '_', head: -1, deprel: '_', token };
}

/**
 * Paragraphs of plain text: blocks separated by blank lines. A text without any blank line but
 * with several lines is taken as one paragraph per line (the usual shape of pasted articles).
 * Spans exclude surrounding whitespace.
 */
export function splitParagraphs(text: string): Span[] {
  const lines: Span[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    lines.push({ start: pos, end: nl });
    pos = nl + 1;
  }
  const blank = (l: Span): boolean => {
    for (let i = l.start; i < l.end; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
    return true;
  };
  const isBlank = lines.map(blank);
  const hasBlankBetween = isBlank.some((b, i) => b && i > 0 && i < lines.length - 1);
  const out: Span[] = [];
  let start = -1;
  let end = -1;
  const close = (): void => {
    if (start >= 0) out.push(trimSpan(text, start, end));
    start = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    if (isBlank[i]) {
      close();
      continue;
    }
    if (start < 0) start = lines[i].start;
    end = lines[i].end;
    if (!hasBlankBetween) close();
  }
  close();
  return out;
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return { start, end };
}
