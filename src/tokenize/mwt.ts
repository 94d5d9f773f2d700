/**
 * Multiword tokens (UD "du" = de + le, "don't" = do + n't), learned from the multiword-token
 * lines of the training treebank:
 *
 * - full forms: every token form seen at least once as a multiword token, with its most frequent
 *   analysis and how often the form was split / seen in all;
 * - suffix rules: for analyses where the words spell the token (English "Bush's" = Bush + 's), the
 *   last word becomes a rule for unseen tokens, when it splits often enough.
 *
 * Forms that were always split are split; ambiguous ones ("des" article or de + les, "its") and
 * suffix-rule matches are decided by the multiword classifier.
 */
import { isLetterClass, charClass, normCode } from './chars.js';
import type { GoldToken } from './corpus.js';
import { normHash } from './token-arrays.js';

export interface FullFormEntry {
  /** Normalised form (see chars.ts normCode): lower case, ’ folded to '. */
  form: string;
  /** Lower-cased words. */
  words: string[];
  /** True when the words, concatenated, spell the token: split it by lengths, keeping its case. */
  concatenative: boolean;
  mwt: number;
  total: number;
}

export interface SuffixRule {
  /** Normalised suffix that becomes the last word ("'s", "n't"). */
  suffix: string;
  mwt: number;
  total: number;
}

export interface MwtLexiconData {
  forms: FullFormEntry[];
  suffixes: SuffixRule[];
}

/** A match of a token against the lexicon: which analysis, and whether the classifier decides. */
export interface MwtMatch {
  /** Analysis id: full-form entries first, then suffix rules. */
  analysis: number;
  ambiguous: boolean;
}

/** Normalised form of a string, as the lexicon stores it. */
export function normalizeForm(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(normCode(s.charCodeAt(i)));
  return out;
}

/** Longest token looked up in the lexicon. */
const MAX_FORM = 24;

export class MwtLexicon {
  readonly data: MwtLexiconData;
  private readonly byHash = new Map<number, number>();
  /** Suffix rules indexed by their last normalised code unit. */
  private readonly byLast = new Map<number, number[]>();

  constructor(data: MwtLexiconData) {
    this.data = data;
    data.forms.forEach((f, i) => this.byHash.set(normHash(f.form, 0, f.form.length), i));
    data.suffixes.forEach((r, i) => {
      const last = r.suffix.charCodeAt(r.suffix.length - 1);
      const list = this.byLast.get(last) ?? [];
      list.push(i);
      this.byLast.set(last, list);
    });
  }

  get analysisCount(): number {
    return this.data.forms.length + this.data.suffixes.length;
  }

  /**
   * The analysis of text[start, end) (hash = normHash of it), or null when it is one word.
   * `skipHapax` ignores full forms seen once, so that training sees those tokens the way unseen
   * tokens are seen at run time (through the suffix rules).
   */
  match(text: string, start: number, end: number, hash: number, skipHapax = false): MwtMatch | null {
    const len = end - start;
    if (len > MAX_FORM) return null;
    const f = this.byHash.get(hash);
    if (f !== undefined && !(skipHapax && this.data.forms[f].total === 1) && sameNorm(text, start, end, this.data.forms[f].form)) {
      const e = this.data.forms[f];
      return { analysis: f, ambiguous: e.mwt < e.total };
    }
    const rules = this.byLast.get(normCode(text.charCodeAt(end - 1)));
    if (!rules) return null;
    for (const r of rules) {
      const suffix = this.data.suffixes[r].suffix;
      const cut = end - suffix.length;
      if (cut <= start || !sameNorm(text, cut, end, suffix)) continue;
      // The rest must be a word: letters only ("Bush's", not "1990's" nor "'s").
      let letters = true;
      for (let i = start; i < cut && letters; i++) letters = isLetterClass(charClass(text, i));
      if (letters) return { analysis: this.data.forms.length + r, ambiguous: true };
    }
    return null;
  }

  /** The words of text[start, end) under an analysis. */
  words(text: string, start: number, end: number, analysis: number): string[] {
    const nForms = this.data.forms.length;
    if (analysis >= nForms) {
      const cut = end - this.data.suffixes[analysis - nForms].suffix.length;
      return [text.slice(start, cut), text.slice(cut, end)];
    }
    const entry = this.data.forms[analysis];
    const out: string[] = [];
    if (entry.concatenative) {
      let pos = start;
      for (const w of entry.words) {
        out.push(text.slice(pos, Math.min(end, pos + w.length)));
        pos += w.length;
      }
      return out;
    }
    // Rebuilt words take the token's case on the first word, as Sequoia writes them ("Du" → "De le").
    const token = text.slice(start, end);
    const upper = token.length > 1 && token === token.toUpperCase() && token !== token.toLowerCase();
    const capital = !upper && token[0] !== token[0].toLowerCase();
    entry.words.forEach((w, i) => {
      if (i === 0 && upper) out.push(w.toUpperCase());
      else if (i === 0 && capital) out.push(w[0].toUpperCase() + w.slice(1));
      else out.push(w);
    });
    return out;
  }
}

function sameNorm(text: string, start: number, end: number, norm: string): boolean {
  if (end - start !== norm.length) return false;
  for (let i = 0; i < norm.length; i++) if (normCode(text.charCodeAt(start + i)) !== norm.charCodeAt(i)) return false;
  return true;
}

/** Learns the lexicon from gold tokens (the text they index is `text`). */
export function learnMwtLexicon(text: string, tokens: GoldToken[], minSuffixCount = 3, minSuffixShare = 0.3): MwtLexiconData {
  const analyses = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const t of tokens) {
    const form = text.slice(t.start, t.end);
    if (form.length > MAX_FORM) continue;
    const norm = normalizeForm(form);
    totals.set(norm, (totals.get(norm) ?? 0) + 1);
    if (t.words.length > 1) {
      const key = t.words.map((w) => w.toLowerCase()).join(' ');
      const m = analyses.get(norm) ?? new Map<string, number>();
      m.set(key, (m.get(key) ?? 0) + 1);
      analyses.set(norm, m);
    }
  }
  const forms: FullFormEntry[] = [];
  const suffixCounts = new Map<string, number>();
  for (const [norm, m] of analyses) {
    let best = '';
    let bestCount = 0;
    let mwt = 0;
    for (const [key, c] of m) {
      mwt += c;
      if (c > bestCount) {
        best = key;
        bestCount = c;
      }
    }
    const words = best.split(' ');
    const concatenative = normalizeForm(words.join('')) === norm;
    forms.push({ form: norm, words, concatenative, mwt, total: totals.get(norm) ?? mwt });
    if (concatenative && words.length === 2) {
      const suffix = normalizeForm(words[1]);
      suffixCounts.set(suffix, (suffixCounts.get(suffix) ?? 0) + bestCount);
    }
  }
  forms.sort((a, b) => (a.form < b.form ? -1 : a.form > b.form ? 1 : 0));
  // A suffix rule is kept when, among the tokens that end with it after letters, it was split
  // often enough.
  const suffixes: SuffixRule[] = [];
  for (const [suffix, count] of suffixCounts) {
    if (count < minSuffixCount) continue;
    let mwt = 0;
    let total = 0;
    for (const t of tokens) {
      const len = t.end - t.start;
      if (len <= suffix.length || len > MAX_FORM) continue;
      const norm = normalizeForm(text.slice(t.start, t.end));
      if (!norm.endsWith(suffix)) continue;
      if (!/^\p{L}+$/u.test(text.slice(t.start, t.end - suffix.length))) continue;
      total++;
      if (t.words.length === 2 && normalizeForm(t.words[1]) === suffix) mwt++;
    }
    if (mwt >= minSuffixCount && mwt / total >= minSuffixShare) suffixes.push({ suffix, mwt, total });
  }
  suffixes.sort((a, b) => b.suffix.length - a.suffix.length || (a.suffix < b.suffix ? -1 : 1));
  return { forms, suffixes };
}
