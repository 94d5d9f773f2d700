/**
 * Candidate generation: a paragraph is cut into whitespace-free chunks, and inside each chunk the
 * only places a token boundary may fall are class changes (letter | punctuation, digit | letter,
 * punctuation | punctuation...). A classifier decides each candidate; this file only enumerates
 * them, in text order, and collects the resulting tokens.
 *
 * URLs, e-mail addresses and emoticons are found by rule first and kept whole: treebanks have too
 * few of them to learn from, and news text has many.
 *
 * Work is linear in the paragraph length: each character is visited a bounded number of times.
 */
import { C, charClass, isAlnumClass, isLetterClass, isSpaceCode, unitClass } from './chars.js';
import { cliticSet, numberedSet, titleSet, type Abbreviations } from './abbreviations.js';
import { MAX_HASHED, normHash, TokenArrays } from './token-arrays.js';

/**
 * Decides one candidate: true when a token boundary falls between text[gap-1] and text[gap].
 * `tokenStart` is where the token that the candidate would end began (the last boundary).
 */
export type GapDecider = (gap: number, chunkStart: number, chunkEnd: number, chunkHash: number, tokenStart: number) => boolean;

const EMOTICONS = new Set([
  ':)', ':-)', ':(', ':-(', ';)', ';-)', ':D', ':-D', ':P', ':-P', ':p', ':-p', ':/', ':-/', ":'(", ':o', ':O',
  ':]', ':[', '=)', '=(', ';D', ':3', '<3', '</3', '^^', '^_^', '^-^', 'XD', 'xD', 'xd', '-_-', 'o_O', 'O_o', 'o_o', ':|',
  ':-|', ':*', ':-*', 'B)', '8)', ':S', ':s', ':$', ":')",
]);

const EMOTICON_FIRST = new Set([...EMOTICONS].map((e) => e.charCodeAt(0)));

/**
 * Emoticons still recognised when glued to a word before them ("family:)") or to punctuation
 * after them (":-)."): those whose bracket or letter cannot be read as anything else there.
 */
const GLUED_EMOTICONS = [':-)', ':-(', ';-)', ':-D', ':-P', ':)', ':(', ';)', ':D', ':P'];

/** Punctuation that may follow an emoticon in the same chunk (":-).", ":)!!"). */
const AFTER_EMOTICON = /^[.,;:!?…"'’”»)\]]+$/;

/**
 * File extensions after which "name.ext" is one token ("Sam3102.doc", "TEXT.htm"), as the
 * treebanks write attachments; the period is otherwise a sentence-final candidate.
 */
const FILE_EXTENSIONS = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'htm', 'html', 'txt', 'rtf', 'csv', 'jpg', 'jpeg', 'png', 'gif', 'zip', 'mp3', 'mp4', 'wav', 'exe']);

/** Short forms written with a slash that are one token: "b/c" (because), "w/o", "c/o". */
const SLASH_FORMS = new Set(['b/c', 'b/t', 'w/o', 'c/o', 'n/a']);

/** Characters a URL does not end with (they belong to the sentence around it). */
const URL_TRAILING = new Set([...'.,;:!?)]}>»"\'’”']);

function isAlnumAt(text: string, i: number): boolean {
  return isAlnumClass(charClass(text, i));
}

/**
 * Spans inside [cs, ce) to keep whole, as flat [start, end) pairs pushed onto `out`.
 */
/**
 * Spans inside [cs, ce) to keep whole, as flat [start, end) pairs pushed onto `out`. Returns the
 * number of characters its inner scans examined (linear in the chunk length; see the tests).
 */
export function findProtected(text: string, cs: number, ce: number, out: number[], bracketEndings: boolean): number {
  if (ce - cs <= 4 && ce - cs >= 2 && EMOTICON_FIRST.has(text.charCodeAt(cs)) && EMOTICONS.has(text.slice(cs, ce))) {
    out.push(cs, ce);
    return 1;
  }
  const glued = gluedEmoticon(text, cs, ce);
  if (glued >= 0) {
    out.push(cs + (glued >> 8), cs + (glued & 0xff));
    return 1;
  }
  if (ce - cs === 3 && text.charCodeAt(cs + 1) === 47 && SLASH_FORMS.has(text.slice(cs, ce).toLowerCase())) {
    out.push(cs, ce);
    return 1;
  }
  // Characters examined by the inner scans, returned for the bounded-work checks.
  let work = 0;
  let lastEnd = cs;
  let previousAt = cs - 1;
  for (let j = cs; j < ce; j++) {
    const code = text.charCodeAt(j);
    let urlStart = -1;
    if (code === 58 /* : */ && j + 2 < ce && text.charCodeAt(j + 1) === 47 && text.charCodeAt(j + 2) === 47) {
      let s = j;
      while (s > lastEnd && j - s < 10 && isLetterClass(charClass(text, s - 1))) s--;
      work += j - s;
      if (s < j && (s === cs || !isAlnumAt(text, s - 1))) urlStart = s;
    } else if ((code === 119 || code === 87) /* w */ && j + 4 < ce && (j === lastEnd || !isAlnumAt(text, j - 1))) {
      const w = text.slice(j, j + 4).toLowerCase();
      if (w === 'www.' && isAlnumAt(text, j + 4)) urlStart = j;
    }
    if (urlStart >= 0) {
      let e = ce;
      // Keep a closing bracket that an opening one inside the URL accounts for (wiki links).
      let opened = 0;
      for (let k = urlStart; k < ce; k++) if (text.charCodeAt(k) === 40) opened++;
      work += ce - urlStart;
      while (e > j + 3 && URL_TRAILING.has(text[e - 1])) {
        if (text.charCodeAt(e - 1) === 41 && opened > 0) break;
        e--;
      }
      out.push(urlStart, e);
      lastEnd = e;
      j = e - 1;
      continue;
    }
    if (code === 45 && j + 1 < ce && text.charCodeAt(j + 1) === 45) {
      // A run of hyphens ("--" as a dash, "-----" as a rule) is a token of its own.
      let r = j + 2;
      while (r < ce && text.charCodeAt(r) === 45) r++;
      work += r - j;
      out.push(j, r);
      lastEnd = r;
      j = r - 1;
      continue;
    }
    if (bracketEndings && code === 40 /* ( */ && j > lastEnd && isLetterClass(charClass(text, j - 1))) {
      // Inclusive endings written in brackets stay in the word: "AUTRE(S)", "candidat(e)s".
      let k = j + 1;
      while (k < ce && k - j <= 3 && isLetterClass(charClass(text, k))) k++;
      work += k - j;
      if (k < ce && k > j + 1 && k - j <= 3 && text.charCodeAt(k) === 41 /* ) */) {
        let l = j;
        while (l > lastEnd && j - l < 40 && isLetterClass(charClass(text, l - 1))) l--;
        let r = k + 1;
        while (r < ce && r - k < 40 && isLetterClass(charClass(text, r))) r++;
        work += j - l + r - k;
        out.push(l, r);
        lastEnd = r;
        j = r - 1;
        continue;
      }
    }
    if (code === 35 /* # */ && j + 1 < ce && isLetterClass(charClass(text, j + 1)) && (j === lastEnd || !isAlnumAt(text, j - 1))) {
      // A hashtag ("#audiobooks") is one token; "#1" is left to the classifier.
      let r = j + 1;
      while (r < ce && r - j < 100 && (isAlnumAt(text, r) || text.charCodeAt(r) === 95)) r++;
      work += r - j;
      out.push(j, r);
      lastEnd = r;
      j = r - 1;
      continue;
    }
    if (code === 46 /* . */ && j > lastEnd && isAlnumAt(text, j - 1)) {
      // "name.ext" with a known extension ending the word: the name and the extension stay together.
      let r = j + 1;
      while (r < ce && r - j <= 5 && isLetterClass(charClass(text, r))) r++;
      work += r - j;
      if (r - j >= 4 && fileNameEnds(text, r, ce) && FILE_EXTENSIONS.has(text.slice(j + 1, r).toLowerCase())) {
        let l = j;
        // Back over the name: letters, digits, "_" and inner periods ("notes.v2.pdf.zip").
        while (l > lastEnd && j - l < 64 && (isAlnumAt(text, l - 1) || text.charCodeAt(l - 1) === 95 || (text.charCodeAt(l - 1) === 46 && l - 2 >= lastEnd && isAlnumAt(text, l - 2)))) l--;
        work += j - l;
        out.push(l, r);
        lastEnd = r;
        j = r - 1;
        continue;
      }
    }
    if (code === 64 /* @ */) {
      // Local part: back to the previous '@' or protected span at most, so rescans stay linear.
      let l = j;
      while (l > lastEnd && l - 1 > previousAt && j - l < 64 && isEmailChar(text, l - 1, true)) l--;
      while (l < j && !isAlnumAt(text, l)) l++;
      let r = j + 1;
      let dot = -1;
      while (r < ce && r - j < 255 && isEmailChar(text, r, false)) {
        if (text.charCodeAt(r) === 46 && r > j + 1) dot = r;
        r++;
      }
      work += 2 * (r - l);
      while (r > j + 1 && !isAlnumAt(text, r - 1)) r--;
      previousAt = j;
      if (l < j && dot > j + 1 && dot < r - 1) {
        out.push(l, r);
        lastEnd = r;
        j = r - 1;
      }
    }
  }
  return work;
}

/**
 * The emoticon of a chunk that ends with one after a letter ("family:)") or starts with one
 * followed by punctuation only (":-)."), packed as (start - cs) << 8 | (end - cs) (chunks of at
 * most 40 characters), or -1.
 */
function gluedEmoticon(text: string, cs: number, ce: number): number {
  if (ce - cs < 3 || ce - cs > 40) return -1;
  for (const e of GLUED_EMOTICONS) {
    if (text.startsWith(e, cs) && AFTER_EMOTICON.test(text.slice(cs + e.length, ce))) return e.length;
    const s = ce - e.length;
    if (s > cs && isLetterClass(charClass(text, s - 1)) && text.startsWith(e, s)) return ((s - cs) << 8) | (ce - cs);
  }
  return -1;
}

/** The extension ending at r ends the file name: not the local part of an e-mail, a path or a domain. */
function fileNameEnds(text: string, r: number, ce: number): boolean {
  if (r === ce) return true;
  const code = text.charCodeAt(r);
  if (code === 64 /* @ */ || code === 47 /* / */ || code === 95 /* _ */) return false;
  if (code === 46 && r + 1 < ce && isAlnumAt(text, r + 1)) return false;
  return !isAlnumAt(text, r);
}

function isEmailChar(text: string, i: number, local: boolean): boolean {
  const code = text.charCodeAt(i);
  if (code === 46 || code === 45) return true; // . -
  if (local && (code === 95 || code === 43 || code === 37)) return true; // _ + %
  const c = charClass(text, i);
  return c === C.Lower || c === C.Upper || c === C.Digit;
}

/** The language conventions the scanner applies by rule. */
export interface ScanRules {
  /** Keep "20 000" whole (groups of three digits after one space). */
  joinDigitGroups: boolean;
  /** Keep inclusive endings in brackets in the word ("AUTRE(S)"): French typography. */
  bracketEndings: boolean;
  /** Titles ("Dr", "M", "av") whose period stays with them before a capitalised word. */
  titles: Abbreviations;
  /** A minus starting a chunk stays on the number after it ("-0,8"): French treebanks. */
  signedNumbers: boolean;
  /** Pronouns written after a verb with a hyphen ("-il", "-le"), for a boundary feature. */
  clitics: Abbreviations;
  /** Abbreviations whose period stays with them before a number ("art. 12", "No. 5"). */
  numbered: Abbreviations;
  /**
   * Words written together by mistake that the treebank splits, lower-cased, with where the cut
   * falls: English "alot" → "a" "lot" (EWT splits it; a letters-only chunk has no candidate).
   */
  joinedWords: ReadonlyMap<string, number>;
}

const JOINED_WORDS = { fr: new Map<string, number>(), en: new Map<string, number>([['alot', 1]]) };

export function scanRules(lang: 'fr' | 'en', joinDigitGroups: boolean): ScanRules {
  return { joinDigitGroups, bracketEndings: lang === 'fr', titles: titleSet(lang), signedNumbers: lang === 'fr', clitics: cliticSet(lang), numbered: numberedSet(lang), joinedWords: JOINED_WORDS[lang] };
}

/** Reusable buffers for one scanner. */
export class ChunkScanner {
  readonly rules: ScanRules;
  private readonly protectedSpans: number[] = [];
  private cuts: Int32Array = new Int32Array(256);
  /** Candidates decided so far (for bounded-work checks). */
  candidates = 0;
  /** Characters examined by the scanner, plain chunks excepted (for bounded-work checks). */
  work = 0;

  constructor(rules: ScanRules) {
    this.rules = rules;
  }

  /**
   * Tokenises text[pStart, pEnd) into `toks` (cleared first), asking `decide` at every candidate.
   */
  scanParagraph(text: string, pStart: number, pEnd: number, toks: TokenArrays, decide: GapDecider): void {
    const joinDigitGroups = this.rules.joinDigitGroups;
    toks.clear();
    let i = pStart;
    let joinNext = false;
    while (i < pEnd) {
      let code = text.charCodeAt(i);
      let cls = unitClass(code);
      if (cls === C.Space) {
        i++;
        continue;
      }
      const cs = i;
      // Most chunks are plain words: letters only, no candidate inside, one token.
      let plain = cls === C.Lower || cls === C.Upper || cls === C.OtherLetter;
      for (i++; i < pEnd; i++) {
        code = text.charCodeAt(i);
        cls = unitClass(code);
        if (cls === C.Space) break;
        if (plain && cls !== C.Lower && cls !== C.Upper && cls !== C.OtherLetter && cls !== C.Mark) plain = false;
      }
      const ce = i;
      if (plain) {
        const cut = ce - cs === 4 && this.rules.joinedWords.size > 0 ? this.rules.joinedWords.get(text.slice(cs, ce).toLowerCase()) : undefined;
        if (cut !== undefined) toks.push(text, cs, cs + cut);
        toks.push(text, cut === undefined ? cs : cs + cut, ce);
      }
      else this.scanChunk(text, cs, ce, pEnd, toks, decide, joinNext);
      joinNext =
        !plain &&
        joinDigitGroups &&
        ce + 1 < pEnd &&
        isGroupSpace(text.charCodeAt(ce)) &&
        !isSpaceCode(text.charCodeAt(ce + 1)) &&
        endsWithDigitGroups(text, toks);
    }
  }

  /**
   * "Dr." before a capitalised word and "art." before a number: the abbreviation keeps its period
   * (see abbreviations.ts).
   */
  private isTitlePeriod(text: string, gap: number, tokenStart: number, ce: number, pEnd: number): boolean {
    if (gap + 1 !== ce || text.charCodeAt(gap) !== 46 || ce + 1 >= pEnd || !isSpaceCode(text.charCodeAt(ce))) return false;
    const next = charClass(text, ce + 1);
    if (next === C.Upper) return isTitle(this.rules.titles, text, tokenStart, gap);
    return next === C.Digit && isTitle(this.rules.numbered, text, tokenStart, gap);
  }

  private scanChunk(text: string, cs: number, ce: number, pEnd: number, toks: TokenArrays, decide: GapDecider, joinFirst: boolean): void {
    const spans = this.protectedSpans;
    spans.length = 0;
    this.work += ce - cs + findProtected(text, cs, ce, spans, this.rules.bracketEndings);
    let nCuts = 0;
    let chunkHash = -1;
    let span = 0;
    let tokenStart = cs;
    let prevBase: C = charClass(text, cs);
    for (let g = cs + 1; g < ce; g++) {
      const cb = charClass(text, g);
      // Inside a protected span: no candidates; its edges are forced boundaries ("1914--3").
      let spanEnd = false;
      while (span < spans.length && spans[span + 1] <= g) {
        if (spans[span + 1] === g) spanEnd = true;
        span += 2;
      }
      if (span < spans.length && spans[span] < g) {
        if (cb !== C.Mark) prevBase = cb;
        continue;
      }
      let cut: boolean;
      if (spanEnd || (span < spans.length && spans[span] === g)) cut = true;
      else if (isLetterCommaDigit(text, g, cs, ce)) cut = true;
      else if (g === cs + 1 && cb === C.Upper && isOpeningSingleQuote(text.charCodeAt(cs))) cut = true;
      else if (!splittable(text, g, prevBase, cb)) cut = false;
      else if (g === cs + 1 && cb === C.Digit && this.rules.signedNumbers && isMinus(text.charCodeAt(cs))) cut = false;
      else if (isInitialPeriod(text, g, tokenStart, cs, ce, pEnd) || this.isTitlePeriod(text, g, tokenStart, ce, pEnd)) cut = false;
      else {
        if (chunkHash === -1) chunkHash = ce - cs <= MAX_HASHED ? normHash(text, cs, ce) : 0;
        this.candidates++;
        cut = decide(g, cs, ce, chunkHash, tokenStart);
      }
      if (cb !== C.Mark) prevBase = cb;
      if (cut) {
        if (nCuts === this.cuts.length) {
          const c = new Int32Array(this.cuts.length * 2);
          c.set(this.cuts);
          this.cuts = c;
        }
        this.cuts[nCuts++] = g;
        tokenStart = g;
      }
    }
    let s = cs;
    for (let k = 0; k <= nCuts; k++) {
      const e = k < nCuts ? this.cuts[k] : ce;
      if (k === 0 && joinFirst && startsWithDigitGroup(text, s, e)) toks.extendLast(text, e);
      else toks.push(text, s, e);
      s = e;
    }
  }
}

/**
 * Gap g is on either side of a comma between a letter and a digit ("Huntingdon,25 avril"): a
 * missing space, never a number ("1,5") nor a word; the comma is always a token of its own.
 */
function isLetterCommaDigit(text: string, g: number, cs: number, ce: number): boolean {
  if (text.charCodeAt(g) === 44) return g > cs && g + 1 < ce && isLetterClass(charClass(text, g - 1)) && charClass(text, g + 1) === C.Digit;
  return g - 2 >= cs && text.charCodeAt(g - 1) === 44 && charClass(text, g) === C.Digit && isLetterClass(charClass(text, g - 2));
}

/** True when `text[start, end)` is a title ("Dr", "Mme") whose period stays with it. */
export function isTitle(titles: Abbreviations, text: string, start: number, end: number): boolean {
  return end - start <= 5 && titles.has(text, start, end);
}

/**
 * The period of an initial stays with it: "J. Biden", "Victor A. McKusick", "J.-C.", "H.R.F.
 * Keating". The token so far is one capital letter, or a chain of them joined by "." or ".-",
 * and a letter or "-" follows.
 */
export function isInitialPeriod(text: string, gap: number, tokenStart: number, cs: number, ce: number, pEnd: number): boolean {
  if (text.charCodeAt(gap) !== 46 || gap - tokenStart > 12 || charClass(text, gap - 1) !== C.Upper) return false;
  // "Dagobert I.", "Mac OS X.": a lone I or X is more often a numeral than an initial.
  if (gap - tokenStart === 1 && (text.charCodeAt(tokenStart) === 73 || text.charCodeAt(tokenStart) === 88)) return false;
  // Walk back over "X." / "X.-" links to the token start.
  let i = gap - 1;
  while (i > tokenStart) {
    const c = text.charCodeAt(i - 1);
    if (c === 46 && i - 2 >= tokenStart && charClass(text, i - 2) === C.Upper) i -= 2;
    else if (c === 45 && i - 3 >= tokenStart && text.charCodeAt(i - 2) === 46 && charClass(text, i - 3) === C.Upper) i -= 3;
    else return false;
  }
  if (tokenStart > cs) {
    const before = text.charCodeAt(tokenStart - 1);
    if (before !== 46 && before !== 45) return false;
  }
  let next = gap + 1;
  if (next === ce) {
    // After the chunk: one space, then a letter.
    if (next + 1 >= pEnd || !isSpaceCode(text.charCodeAt(next))) return false;
    next++;
  } else if (text.charCodeAt(next) === 45) return true;
  const c = charClass(text, next);
  return c === C.Upper || (c === C.Lower && next > gap + 1);
}

/**
 * A single quote starting a chunk before a capital opens a quotation ("called 'A Charge to
 * Keep'"): no elided form starts that way ("'em", "'90s" are lower case or digits).
 */
function isOpeningSingleQuote(code: number): boolean {
  return code === 39 || code === 0x2018;
}

function isMinus(code: number): boolean {
  return code === 45 || code === 0x2212;
}

function splittable(text: string, g: number, prevBase: C, cb: C): boolean {
  const a = text.charCodeAt(g - 1);
  const b = text.charCodeAt(g);
  if (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff) return false;
  if (a === 0x200d || b === 0x200d || cb === C.Mark) return false;
  if (isLetterClass(prevBase) && isLetterClass(cb)) return false;
  return !(prevBase === C.Digit && cb === C.Digit);
}

/** One space-like character that may sit inside a number ("20 000", with NBSP or thin spaces too). */
function isGroupSpace(code: number): boolean {
  return code === 32 || code === 0xa0 || code === 0x202f || code === 0x2009 || code === 0x2007;
}

/** The last token is a number written in groups: 1-3 digits, then groups of exactly 3. */
function endsWithDigitGroups(text: string, toks: TokenArrays): boolean {
  const k = toks.length - 1;
  if (k < 0) return false;
  const s = toks.start[k];
  const e = toks.end[k];
  if (e - s > 40) return false;
  let group = 0;
  let groups = 0;
  for (let i = s; i < e; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) group++;
    else if (isGroupSpace(code) && group > 0) {
      if ((groups === 0 && group > 3) || (groups > 0 && group !== 3)) return false;
      groups++;
      group = 0;
    } else return false;
  }
  return group > 0 && (groups === 0 ? group <= 3 : group === 3);
}

/** text[s, e) starts with exactly three digits, followed by nothing or a decimal part. */
function startsWithDigitGroup(text: string, s: number, e: number): boolean {
  if (e - s < 3) return false;
  for (let i = s; i < s + 3; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  if (e === s + 3) return true;
  const next = text.charCodeAt(s + 3);
  return (next === 44 || next === 46) && e > s + 4 && /[0-9]/.test(text[s + 4]);
}
