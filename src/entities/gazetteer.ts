/**
 * Gazetteer: country, city, demonym, first-name, company-name and company-suffix lists (built
 * from published packages by build-gazetteer.ts), loaded from models/<lang>/gazetteer.tsv.
 *
 * Lookup works on a sequence of token forms: a phrase matches a run of tokens when its
 * normalised text (lowercase, ’ → ', spaces removed) equals the concatenation of the tokens'
 * normalised forms, so "Côte d'Ivoire" matches the tokens Côte | d' | Ivoire whatever the
 * tokenizer did with the apostrophe.
 */
import { readFileSync } from 'node:fs';
import { modelPath } from '../models.js';
import { VigieError } from '../errors.js';

/** 2: company-name classes added (a v1 file still loads; it just has none). */
export const GAZETTEER_VERSION = 2;

export const GAZ_COUNTRY = 1;
export const GAZ_CITY = 2;
export const GAZ_DEMONYM = 4;
export const GAZ_FIRST = 8;
export const GAZ_ORGSUFFIX = 16;
/** A proper noun of the spelling dictionary (capitalised entry). */
export const GAZ_PROPER = 32;
/** A common word of the spelling dictionary (lowercase entry). */
export const GAZ_COMMON = 64;
/** A word of a published company-name list that is nothing else in this gazetteer ("Airbus", "Nasdaq"). */
export const GAZ_COMPANY = 128;
/**
 * A company-list word that is also a common word of the language, a place or a first name
 * ("Orange", "Shell", "Gold", "Aachen", "Jack"): kept apart so that the model weighs the two on
 * their own.
 */
export const GAZ_COMPANY_AMBIGUOUS = 256;
export const GAZ_CLASSES: [string, number][] = [
  ['country', GAZ_COUNTRY],
  ['city', GAZ_CITY],
  ['demonym', GAZ_DEMONYM],
  ['first', GAZ_FIRST],
  ['orgsuffix', GAZ_ORGSUFFIX],
  ['proper', GAZ_PROPER],
  ['common', GAZ_COMMON],
  ['company', GAZ_COMPANY],
  ['company-ambiguous', GAZ_COMPANY_AMBIGUOUS],
];
const CLASS_BIT = new Map(GAZ_CLASSES);
const MAX_PHRASE_TOKENS = 6;
/** The classes matched as phrases over tokens (the others are single-token sets). */
const PHRASE_CLASSES = [GAZ_COUNTRY, GAZ_CITY, GAZ_DEMONYM, GAZ_COMPANY, GAZ_COMPANY_AMBIGUOUS];

export interface GazEntry {
  bits: number;
  /** ISO 3166 alpha-2 code for country, city and demonym entries. */
  country?: string;
  /** First-name gender: m, f or x (both). */
  gender?: 'm' | 'f' | 'x';
}

/** A match of a phrase over tokens [start, end). */
export interface GazMatch {
  start: number;
  end: number;
  cls: number;
  entry: GazEntry;
}

/** Normalised key of a form: lowercase, typographic apostrophe folded, spaces removed. */
export function gazKey(s: string): string {
  const l = s.toLowerCase();
  return NEEDS_FOLD.test(l) ? l.replace(/[’ʼ`´]/g, "'").replace(/\s+/g, '') : l;
}

const NEEDS_FOLD = /[’ʼ`´\s]/;


function isUpperInitial(s: string): boolean {
  const c = s.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

export class Gazetteer {
  /** Country, city and demonym phrases (normalised key → entry). */
  readonly entries = new Map<string, GazEntry>();
  /** Country code → display name of the country in this language (the common name). */
  readonly countryNames = new Map<string, string>();
  /** Single-word lists, kept apart from `entries` (they are most of the file): first names with gender, proper nouns, common words. */
  private firstNames = new Map<string, 'm' | 'f' | 'x'>();
  private proper = new Set<string>();
  private common = new Set<string>();
  private orgSuffixes = new Set<string>();
  /** Normalised keys of the leading parts of multi-word phrases (split at spaces, apostrophes, hyphens). */
  private prefixes = new Set<string>();

  static parse(text: string, source = '<gazetteer>'): Gazetteer {
    const g = new Gazetteer();
    const lines = text.split('\n');
    if (!lines[0]?.startsWith('# vigie gazetteer')) throw new VigieError(`${source}: not a vigie gazetteer`);
    for (const line of lines) {
      if (!line || line.charCodeAt(0) === 35) continue;
      const a = line.indexOf('\t');
      const b = line.indexOf('\t', a + 1);
      if (a < 0) continue;
      g.add(line.slice(0, a), b < 0 ? line.slice(a + 1) : line.slice(a + 1, b), b < 0 ? '' : line.slice(b + 1));
    }
    return g;
  }

  add(cls: string, phrase: string, value: string): void {
    switch (cls) {
      case 'orgsuffix':
        this.orgSuffixes.add(phrase);
        return;
      case 'first':
        this.firstNames.set(gazKey(phrase), value === 'm' || value === 'f' ? value : 'x');
        return;
      case 'proper':
        this.proper.add(gazKey(phrase));
        return;
      case 'common':
        this.common.add(gazKey(phrase));
        return;
    }
    const bit = CLASS_BIT.get(cls);
    if (!bit) return;
    const key = gazKey(phrase);
    if (phrase.includes(' ') || phrase.includes("'") || phrase.includes('’') || phrase.includes('-')) {
      const parts = phrase.split(/(?<=[\s'’-])/);
      let pre = '';
      for (let k = 0; k < parts.length - 1; k++) {
        pre += gazKey(parts[k]);
        this.prefixes.add(pre);
        // A hyphen may also stay inside the token ("États-Unis"): the prefix without it is useful too.
        if (pre.endsWith('-')) this.prefixes.add(pre.slice(0, -1));
      }
    }
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { bits: 0 }));
    e.bits |= bit;
    if ((bit === GAZ_COUNTRY || bit === GAZ_CITY || bit === GAZ_DEMONYM) && (!e.country || bit === GAZ_COUNTRY)) e.country = value;
    if (bit === GAZ_COUNTRY && !this.countryNames.has(value)) this.countryNames.set(value, phrase);
  }

  /** Everything known about one phrase, or undefined. */
  get(phrase: string): GazEntry | undefined {
    const key = gazKey(phrase);
    const e = this.entries.get(key);
    const first = this.firstNames.get(key);
    const bits = (e?.bits ?? 0) | (first ? GAZ_FIRST : 0) | (this.proper.has(key) ? GAZ_PROPER : 0) | (this.common.has(key) ? GAZ_COMMON : 0);
    if (!bits) return undefined;
    const out: GazEntry = { bits };
    if (e?.country) out.country = e.country;
    if (first) out.gender = first;
    return out;
  }

  isOrgSuffix(form: string): boolean {
    return this.orgSuffixes.has(form);
  }

  /**
   * Every match over the token forms: for each start and class, the longest phrase. Countries,
   * cities, company names, first names and proper nouns must start with a capital; first names,
   * proper nouns and common words are single tokens.
   */
  matches(forms: string[]): GazMatch[] {
    const out: GazMatch[] = [];
    const n = forms.length;
    const keys = forms.map(gazKey);
    const last = new Int32Array(PHRASE_CLASSES.length);
    const NONE: GazEntry = { bits: 0 };
    for (let i = 0; i < n; i++) {
      const cap = isUpperInitial(forms[i]);
      const k0 = keys[i];
      if (cap) {
        const g = this.firstNames.get(k0);
        if (g) out.push({ start: i, end: i + 1, cls: GAZ_FIRST, entry: { bits: GAZ_FIRST, gender: g } });
        if (this.proper.has(k0)) out.push({ start: i, end: i + 1, cls: GAZ_PROPER, entry: NONE });
      }
      if (this.common.has(k0)) out.push({ start: i, end: i + 1, cls: GAZ_COMMON, entry: NONE });
      if (this.orgSuffixes.has(forms[i])) out.push({ start: i, end: i + 1, cls: GAZ_ORGSUFFIX, entry: NONE });
      last.fill(-1);
      let key = '';
      for (let j = i; j < n && j < i + MAX_PHRASE_TOKENS; j++) {
        key = j === i ? k0 : key + keys[j];
        const e = this.entries.get(key);
        if (e) {
          for (let c = 0; c < PHRASE_CLASSES.length; c++) {
            const bit = PHRASE_CLASSES[c];
            if (!(e.bits & bit)) continue;
            if (!cap && bit !== GAZ_DEMONYM) continue;
            // Keep only the longest match per class and start.
            if (last[c] >= 0) out[last[c]] = { start: i, end: j + 1, cls: bit, entry: e };
            else {
              last[c] = out.length;
              out.push({ start: i, end: j + 1, cls: bit, entry: e });
            }
          }
        }
        if (!this.prefixes.has(key)) break;
      }
    }
    return out;
  }
}

const cache = new Map<string, Gazetteer | null>();

/** The gazetteer of a language from models/<lang>/gazetteer.tsv (cached), or null when absent. */
export function loadGazetteer(lang: 'fr' | 'en', path = modelPath(lang, 'gazetteer.tsv')): Gazetteer | null {
  const hit = cache.get(path);
  if (hit !== undefined) return hit;
  let g: Gazetteer | null = null;
  try {
    g = Gazetteer.parse(readFileSync(path, 'utf8'), path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  cache.set(path, g);
  return g;
}

/** French adjective forms (m, f, plurals) from one lowercase form: "américain" → américaine(s)… */
export function frenchAdjectiveForms(m: string): string[] {
  if (m.endsWith('e')) return [m, m + 's'];
  if (m.endsWith('ien') || m.endsWith('éen')) return [m, m + 'ne', m + 's', m + 'nes'];
  if (m.endsWith('s') || m.endsWith('x')) return [m, m + 'e', m + 'es'];
  return [m, m + 'e', m + 's', m + 'es'];
}

/** English demonym forms: "American" → American, Americans. */
export function englishDemonymForms(m: string): string[] {
  return /(an|i)$/.test(m) ? [m, m + 's'] : [m];
}
