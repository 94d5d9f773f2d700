/**
 * Text helpers shared by both store back ends, so that search means the same thing on SQLite
 * and PostgreSQL: case- and diacritic-insensitive words, "phrases", prefix*, OR.
 */

/** Lower-case, without diacritics ("Élysée" → "elysee"); ligatures expanded. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .toLowerCase();
}

/** A name folded for matching: letters and digits only, single spaces. */
export function normName(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Folds a text and keeps, for each UTF-16 unit of the folded text, the offset of the original
 * unit it came from (plus one final entry for the end), so matches map back to offsets.
 */
export function foldWithMap(text: string): { folded: string; map: number[] | null } {
  // Fast path: in Latin-1, Latin Extended-A/B and general punctuation every character but the
  // ligatures œ/æ and dotted İ folds to exactly one character, so offsets do not move.
  if (/^[\u0000-\u024f\u2000-\u206f\u20ac]*$/.test(text) && !/[\u0152\u0153\u00c6\u00e6\u0130]/.test(text)) {
    const folded = fold(text);
    if (folded.length === text.length) return { folded, map: null };
  }
  const parts: string[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      parts.push(c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i]);
      map.push(i);
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    let f = foldCache.get(cp);
    if (f === undefined) {
      f = fold(String.fromCodePoint(cp));
      if (foldCache.size < 10000) foldCache.set(cp, f);
    }
    for (let k = 0; k < f.length; k++) map.push(i);
    parts.push(f);
    i += len;
  }
  map.push(text.length);
  return { folded: parts.join(''), map };
}

const foldCache = new Map<number, string>();

/** One item of a query: a word or a phrase (several words in a row), maybe a prefix. */
export interface QueryItem {
  words: string[];
  prefix: boolean;
}

/** OR of AND-groups of items. */
export type ParsedQuery = QueryItem[][];

/**
 * Parses a user query: words are ANDed; "double quotes" make a phrase; a trailing * makes a
 * prefix; the word OR (upper case) separates alternatives. Everything is folded and reduced to
 * letters and digits, so the result is safe to embed in FTS5 and tsquery syntax.
 */
export function parseQuery(q: string): ParsedQuery {
  const groups: ParsedQuery = [];
  let current: QueryItem[] = [];
  const re = /"([^"]*)"?|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(q))) {
    if (m[1] !== undefined) {
      const words = splitWords(fold(m[1]));
      if (words.length) current.push({ words, prefix: false });
      continue;
    }
    const raw = m[2];
    if (raw === 'OR') {
      if (current.length) groups.push(current);
      current = [];
      continue;
    }
    const prefix = raw.endsWith('*');
    const words = splitWords(fold(raw));
    // "l'armée" is two words for the indexes: treat it as a phrase.
    if (words.length) current.push({ words, prefix: prefix && words.length > 0 });
  }
  if (current.length) groups.push(current);
  return groups;
}

export function splitWords(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

export function queryIsEmpty(p: ParsedQuery): boolean {
  return p.length === 0;
}

/** FTS5 MATCH expression for a parsed query. */
export function toFts5(p: ParsedQuery): string {
  return p
    .map(
      (group) =>
        '(' +
        group
          .map((it) => `"${it.words.join(' ')}"${it.prefix ? '*' : ''}`)
          .join(' AND ') +
        ')',
    )
    .join(' OR ');
}

/** PostgreSQL to_tsquery('simple', …) expression for a parsed query. */
export function toTsquery(p: ParsedQuery): string {
  return p
    .map(
      (group) =>
        '(' +
        group
          .map((it) => {
            const parts = it.words.map((w, i) => `'${w}'${it.prefix && i === it.words.length - 1 ? ':*' : ''}`);
            return parts.length === 1 ? parts[0] : '(' + parts.join(' <-> ') + ')';
          })
          .join(' & ') +
        ')',
    )
    .join(' | ');
}

/** All words of a parsed query (for locating matches and LIKE filters). */
export function queryItems(p: ParsedQuery): QueryItem[] {
  return p.flat();
}

/**
 * Finds the first place in `text` where an item of the query occurs as whole words (the last
 * word may be a prefix), case- and diacritic-insensitively. Returns offsets into `text`.
 */
export function locate(
  text: string,
  items: QueryItem[],
  folded?: { folded: string; map: number[] | null },
): { start: number; end: number } | null {
  if (!items.length) return null;
  const f = folded ?? foldWithMap(text);
  let best: { start: number; end: number } | null = null;
  for (const it of items) {
    const pattern = it.words.map(escapeRe).join('[^\\p{L}\\p{N}]+') + (it.prefix ? '[\\p{L}\\p{N}]*' : '');
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'u');
    const m = re.exec(f.folded);
    if (m) {
      const endIdx = m.index + m[0].length;
      const start = f.map ? f.map[m.index] : m.index;
      const end = f.map ? (endIdx < f.map.length - 1 ? f.map[endIdx] : text.length) : endIdx;
      if (!best || start < best.start) best = { start, end };
    }
  }
  return best;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The sentence-like span around a match: from the previous sentence end (or paragraph break) to
 * the next one, at most `max` units on either side, trimmed of white space.
 */
export function sentenceAround(text: string, start: number, end: number, max = 300): { start: number; end: number } {
  let s = start;
  const lo = Math.max(0, start - max);
  while (s > lo) {
    const c = text[s - 1];
    if (c === '\n') break;
    if ((c === ' ' || c === '\u00a0') && s >= 2 && /[.!?…»"]/.test(text[s - 2]) && /[.!?…]/.test(text.slice(Math.max(0, s - 3), s - 1))) break;
    s--;
  }
  let e = end;
  const hi = Math.min(text.length, end + max);
  while (e < hi) {
    const c = text[e];
    if (c === '\n') break;
    e++;
    if (/[.!?…]/.test(c) && (e >= text.length || /\s/.test(text[e]))) {
      // Keep a closing quote or bracket with the sentence.
      while (e < text.length && /[»"”)\]]/.test(text[e])) e++;
      break;
    }
  }
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  // Do not cut a surrogate pair.
  if (s > 0 && isLowSurrogate(text.charCodeAt(s))) s--;
  if (e < text.length && isLowSurrogate(text.charCodeAt(e))) e++;
  return { start: s, end: e };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** True when `name` (folded) contains every word of `query` (folded) as a word prefix. */
export function nameMatches(nameNorm: string, queryNorm: string): boolean {
  const words = queryNorm.split(' ').filter(Boolean);
  const hay = ' ' + nameNorm + ' ';
  return words.every((w) => hay.includes(' ' + w));
}
