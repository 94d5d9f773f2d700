/**
 * Character tables for the tokenizer: a class per UTF-16 code unit and a normalised code used in
 * features. Both are flat typed arrays over the BMP, built once, so the hot loops index arrays
 * instead of running regular expressions or allocating strings.
 *
 * Code units outside the BMP arrive as surrogate halves; the tokenizer never cuts between a high
 * and a low surrogate, and classes astral characters (emoji, rare scripts) by their code point.
 */

/** Character classes. Small integers so that a window of classes packs into one number. */
export const enum C {
  Space = 0,
  Lower = 1,
  Upper = 2,
  /** Letters without case (CJK, Arabic...) and modifier letters. */
  OtherLetter = 3,
  Digit = 4,
  Period = 5,
  Comma = 6,
  Apostrophe = 7,
  Hyphen = 8,
  Dash = 9,
  Quote = 10,
  Open = 11,
  Close = 12,
  /** ! ? … */
  Terminal = 13,
  /** : ; */
  Colon = 14,
  OtherPunct = 15,
  Symbol = 16,
  /** Combining marks: they belong to the character before them. */
  Mark = 17,
  /** Control and format characters, unassigned code points, lone surrogates. */
  Other = 18,
  HighSurrogate = 19,
  LowSurrogate = 20,
}

const classTable = new Uint8Array(65536);
/** Lower-cased code unit with apostrophes, hyphens and digits folded: the feature alphabet. */
const normTable = new Uint16Array(65536);

const APOSTROPHES = "'’‘`´ʼ′";
const HYPHENS = '-‐‑';
const DASHES = '–—―−';
const QUOTES = '"«»“”„‟‹›';

function classify(ch: string): C {
  if (/\s/u.test(ch)) return C.Space;
  if (ch === '.') return C.Period;
  if (ch === ',' || ch === '،') return C.Comma;
  if (APOSTROPHES.includes(ch)) return C.Apostrophe;
  if (HYPHENS.includes(ch)) return C.Hyphen;
  if (DASHES.includes(ch)) return C.Dash;
  if (QUOTES.includes(ch)) return C.Quote;
  if (ch === '!' || ch === '?' || ch === '…' || ch === '¡' || ch === '¿') return C.Terminal;
  if (ch === ':' || ch === ';') return C.Colon;
  if (/\p{Ps}/u.test(ch)) return C.Open;
  if (/\p{Pe}/u.test(ch)) return C.Close;
  if (/\p{Ll}/u.test(ch)) return C.Lower;
  if (/[\p{Lu}\p{Lt}]/u.test(ch)) return C.Upper;
  if (/\p{L}/u.test(ch)) return C.OtherLetter;
  if (/\p{Nd}/u.test(ch)) return C.Digit;
  if (/\p{N}/u.test(ch)) return C.OtherLetter;
  if (/\p{M}/u.test(ch)) return C.Mark;
  if (/\p{P}/u.test(ch)) return C.OtherPunct;
  if (/\p{S}/u.test(ch)) return C.Symbol;
  return C.Other;
}

(function build(): void {
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdbff) {
      classTable[c] = C.HighSurrogate;
      normTable[c] = c;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      classTable[c] = C.LowSurrogate;
      normTable[c] = c;
      continue;
    }
    const ch = String.fromCharCode(c);
    const cls = classify(ch);
    classTable[c] = cls;
    let norm = c;
    if (cls === C.Upper) {
      const lower = ch.toLowerCase();
      if (lower.length === 1) norm = lower.charCodeAt(0);
    } else if (cls === C.Digit) norm = 48;
    else if (cls === C.Apostrophe) norm = 39;
    else if (cls === C.Hyphen) norm = 45;
    else if (cls === C.Space) norm = 32;
    normTable[c] = norm;
  }
})();

/** Class of the code unit at `i` (astral characters get the class of their code point). */
export function charClass(text: string, i: number): C {
  const cls = classTable[text.charCodeAt(i)] as C;
  if (cls === C.HighSurrogate && i + 1 < text.length) {
    const lo = text.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return astralClass(text.codePointAt(i)!);
  } else if (cls === C.LowSurrogate && i > 0) {
    const hi = text.charCodeAt(i - 1);
    if (hi >= 0xd800 && hi <= 0xdbff) return astralClass(text.codePointAt(i - 1)!);
  }
  if (cls === C.HighSurrogate || cls === C.LowSurrogate) return C.Other;
  return cls;
}

function astralClass(cp: number): C {
  const ch = String.fromCodePoint(cp);
  if (/\p{L}/u.test(ch)) return C.OtherLetter;
  if (/\p{M}/u.test(ch)) return C.Mark;
  if (/[\p{S}\p{Extended_Pictographic}]/u.test(ch)) return C.Symbol;
  return C.Other;
}

/** Class table lookup for a code unit, without the surrogate resolution of `charClass`. */
export function unitClass(code: number): C {
  return classTable[code] as C;
}

/** The normalised code unit used in features (lower case; digits → '0'; ’ → '; ‐ → -). */
export function normCode(code: number): number {
  return normTable[code];
}

/** True for whitespace code units (Unicode White_Space, NBSP and narrow NBSP included). */
export function isSpaceCode(code: number): boolean {
  return classTable[code] === C.Space;
}

export function isLetterClass(c: C): boolean {
  return c === C.Lower || c === C.Upper || c === C.OtherLetter;
}

export function isAlnumClass(c: C): boolean {
  return c === C.Lower || c === C.Upper || c === C.OtherLetter || c === C.Digit;
}
