/**
 * Abbreviations that keep their period ("M. Dupont", "av. J.-C.", "Dr. Smith", "U.S."): a short
 * built-in list per language, which news text needs and the treebanks are too small to teach,
 * plus every abbreviation of the training treebank. Stored lower-cased without the final period.
 *
 * Membership is only a feature of the boundary and sentence classifiers (an abbreviation may
 * still end a sentence, "etc."); single-letter initials ("J. Biden") are handled by rule.
 */
import { normalizeForm } from './mwt.js';
import { normHash } from './token-arrays.js';

const FRENCH = [
  'm', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'me', 'mgr', 'dr', 'pr', 'st', 'ste', 'av', 'apr', 'j.-c', 'c.-à-d', 'cf', 'p', 'pp', 'art', 'al', 'ex', 'suiv',
  'etc', 'vol', 'al', 'éd', 'éds', 'coll', 'chap', 'fig', 'env', 'tél', 'hab', 'bd', 'ibid', 'op', 'cit', 'vs', 'réf',
  'gén', 'cdt', 'lt', 'sgt', 'adj', 'dép', 'anc', 'r.-u', 'é.-u', 'cie', 'sté', 'ets', 'jr', 'sr', 'mr', 'mrs', 'ms',
  'janv', 'févr', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc',
];

const ENGLISH = [
  'mr', 'mrs', 'ms', 'dr', 'drs', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'gen', 'gov', 'sen', 'rep', 'lt', 'col', 'sgt', 'capt',
  'cmdr', 'adm', 'rev', 'hon', 'pres', 'supt', 'inc', 'corp', 'ltd', 'co', 'bros', 'vs', 'etc', 'e.g', 'i.e', 'a.m', 'p.m',
  'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'nos', 'vol', 'vols', 'fig', 'figs',
  'pp', 'eds', 'approx', 'dept', 'misc', 'u.s', 'u.k', 'u.n', 'd.c', 'ave', 'blvd', 'cf', 'al', 'ph.d', 'u.s.a', 'calif', 'fla',
];

/**
 * Titles and other abbreviations that stand before a name: their period never ends a sentence
 * when a capitalised word follows ("M. Dupont", "Dr. Smith", "av. J.-C.").
 */
const TITLES = {
  fr: ['m', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'mgr', 'me', 'dr', 'pr', 'st', 'ste', 'mr', 'av', 'apr', 'cdt', 'gal'],
  en: ['mr', 'mrs', 'ms', 'messrs', 'dr', 'drs', 'prof', 'st', 'sen', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm', 'rev', 'hon', 'supt'],
};

export function builtInAbbreviations(lang: 'fr' | 'en'): string[] {
  return lang === 'fr' ? FRENCH : ENGLISH;
}

/** Abbreviations of the training tokens: a letter-bearing form ending with a period. */
export function learnAbbreviations(text: string, tokens: readonly { start: number; end: number }[]): string[] {
  const found = new Set<string>();
  for (const t of tokens) {
    const len = t.end - t.start;
    if (len < 2 || len > 12 || text.charCodeAt(t.end - 1) !== 46) continue;
    const body = text.slice(t.start, t.end - 1);
    if (/\p{L}/u.test(body) && /^[\p{L}.\-]+$/u.test(body)) found.add(normalizeForm(body));
  }
  return [...found].sort();
}

export class Abbreviations {
  readonly forms: readonly string[];
  private readonly hashes = new Set<number>();

  constructor(forms: readonly string[]) {
    this.forms = forms;
    for (const f of forms) this.hashes.add(normHash(f, 0, f.length) & 0x3fffffff);
  }

  /** True when text[start, end) (without its period) is a known abbreviation. */
  has(text: string, start: number, end: number): boolean {
    return end > start && end - start <= 12 && this.hashes.has(normHash(text, start, end) & 0x3fffffff);
  }
}

/**
 * French pronouns that attach to a verb with a hyphen and are tokens of their own in the French
 * treebanks ("dit" "-il", "a" "-t-elle", "Partagez" "-le"). A feature, not a rule: "rendez-vous"
 * stays one token.
 */
const CLITICS = {
  fr: ['je', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'le', 'la', 'les', 'lui', 'leur', 'moi', 'toi', 'y', 'en', 'ce',
    't-il', 't-elle', 't-on', 't-ils', 't-elles'],
  en: [],
};

/**
 * Subject pronouns that only ever follow a verb after a hyphen ("dis-je", "as-tu"): no French
 * compound ends in them, so they are split by rule. The treebanks have a handful of them, too
 * few for the boundary classifier to learn.
 */
const ALWAYS_SPLIT_CLITICS = { fr: ['je', 'tu'], en: [] as string[] };

/** True when text[start, end) is a clitic that is always its own token after a hyphen. */
export function alwaysSplitClitic(lang: 'fr' | 'en', text: string, start: number, end: number): boolean {
  const list = ALWAYS_SPLIT_CLITICS[lang];
  if (list.length === 0 || end - start > 2) return false;
  const form = text.slice(start, end).toLowerCase();
  return list.includes(form);
}

const cliticSets = new Map<'fr' | 'en', Abbreviations>();

export function cliticSet(lang: 'fr' | 'en'): Abbreviations {
  let set = cliticSets.get(lang);
  if (!set) cliticSets.set(lang, (set = new Abbreviations(CLITICS[lang])));
  return set;
}

/**
 * Abbreviations that stand before a number ("art. 12", "p. 45", "vol. 3", "No. 5"): their period
 * never ends a sentence when a digit follows.
 */
const NUMBERED = {
  fr: ['art', 'al', 'p', 'pp', 'chap', 'fig', 'vol', 'n', 'no', 't', 'sect', 'éd', 'tab', 'ann'],
  en: ['no', 'nos', 'p', 'pp', 'vol', 'vols', 'fig', 'figs', 'ch', 'chap', 'art', 'sec', 'sect', 'tab'],
};

const numberedSets = new Map<'fr' | 'en', Abbreviations>();

/** The abbreviations of a language that keep their period before a number. */
export function numberedSet(lang: 'fr' | 'en'): Abbreviations {
  let set = numberedSets.get(lang);
  if (!set) numberedSets.set(lang, (set = new Abbreviations(NUMBERED[lang])));
  return set;
}

const titleSets = new Map<'fr' | 'en', Abbreviations>();

/** The titles of a language as a lookup set. */
export function titleSet(lang: 'fr' | 'en'): Abbreviations {
  let set = titleSets.get(lang);
  if (!set) titleSets.set(lang, (set = new Abbreviations(TITLES[lang])));
  return set;
}
