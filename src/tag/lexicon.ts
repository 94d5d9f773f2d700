/**
 * A morphological lexicon: word form → analyses (UPOS, a resource-specific morphology code, lemma).
 *
 * Built at training time from external resources (Lefff for French; WordNet, irregular-form lists
 * and Hunspell for English, see lexicon-sources.ts) and stored as one model file, so run time needs
 * none of the raw packages. The tagger reads the analyses as features (the set of tags a word may
 * take matters most for words never seen in the treebank); the lemmatizer reads the lemmas.
 *
 * Layout: forms are never stored as strings. Each entry is keyed by two independent hashes of
 * the form (32 + 16 bits: a false match needs both to collide); entries are sorted by the first
 * and found by binary search. Lemmas are stored as edit scripts against the form ("strip n chars,
 * append s"), interned, which makes the French table (≈ 450,000 forms) about 6 MB that loads
 * without parsing.
 */
import { hashString } from '../learn/features.js';
import type { TypedArray } from '../learn/model-file.js';
import { loadModel, saveModel } from '../learn/model-file.js';
import { VigieError } from '../errors.js';
import { applyScript, scriptFor } from '../lemmatize/edit-script.js';

export const LEXICON_KIND = 'lexicon';
export const LEXICON_VERSION = 1;

/** One analysis of a form. */
export interface Analysis {
  upos: string;
  /** Resource-specific morphology code, e.g. "v:PS3p" (Lefff) or "VERB:ing" (English rules). */
  code: string;
  lemma: string;
}

export interface LexiconMeta {
  lang: string;
  /** Index → UPOS of the analyses. */
  uposList: string[];
  codes: string[];
  scripts: string[];
  /** What the lexicon was built from, for the model README and `Document.stages`. */
  sources: string[];
  entries: number;
  analyses: number;
}

const KEY_A = 1011;
const KEY_B = 2027;
/** A form has at most this many analyses (the count is stored in one byte). */
const MAX_ANALYSES = 255;

/**
 * The first index of `a` in `keys` (sorted ascending), or -1: the binary search of tables stored
 * by a 32-bit hash and looked up without strings (this lexicon, the lemmatizer's dictionary).
 */
export function firstKeyIndex(keys: Uint32Array, a: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < a) lo = mid + 1;
    else hi = mid;
  }
  return lo < keys.length && keys[lo] === a ? lo : -1;
}

export class Lexicon {
  readonly meta: LexiconMeta;
  /** Entries sorted by (keyA, keyB); looked up by binary search on keyA. */
  private readonly keyA: Uint32Array;
  private readonly keyB: Uint16Array;
  private readonly count: Uint8Array;
  /** Offset of each entry's first analysis (prefix sums of `count`, computed at load). */
  private readonly first: Uint32Array;
  private readonly anUpos: Uint8Array;
  private readonly anCode: Uint16Array;
  private readonly anScript: Uint16Array | Uint32Array;
  private readonly uposIndex = new Map<string, number>();
  private codeHashes: Uint32Array | null = null;
  private codeParts: Uint32Array[] | null = null;

  constructor(meta: LexiconMeta, arrays: Record<string, TypedArray>) {
    this.meta = meta;
    const need = <T extends TypedArray>(name: string, type: new (...args: never[]) => T): T => {
      const a = arrays[name];
      if (!(a instanceof type)) throw new VigieError(`lexicon model: missing or mistyped array ${name}`);
      return a;
    };
    this.keyA = need('keyA', Uint32Array);
    this.keyB = need('keyB', Uint16Array);
    this.count = need('count', Uint8Array);
    this.anUpos = need('anUpos', Uint8Array);
    this.anCode = need('anCode', Uint16Array);
    const script = arrays.anScript;
    if (!(script instanceof Uint16Array) && !(script instanceof Uint32Array)) throw new VigieError('lexicon model: missing or mistyped array anScript');
    this.anScript = script;
    const n = this.keyA.length;
    this.first = new Uint32Array(n + 1);
    for (let e = 0; e < n; e++) this.first[e + 1] = this.first[e] + this.count[e];
    if (this.first[n] !== this.anUpos.length) throw new VigieError('lexicon model: analysis counts do not add up');
    meta.uposList.forEach((u, i) => this.uposIndex.set(u, i));
  }

  get size(): number {
    return this.keyA.length;
  }

  /** Entry index of an exact form, or -1. */
  find(form: string): number {
    const keys = this.keyA;
    const lo = firstKeyIndex(keys, hashString(KEY_A, form));
    if (lo < 0) return -1;
    const a = keys[lo];
    const b = hashString(KEY_B, form) & 0xffff;
    for (let e = lo; e < keys.length && keys[e] === a; e++) if (this.keyB[e] === b) return e;
    return -1;
  }

  /** Where the analyses of entry e start and end. */
  range(e: number): [number, number] {
    return [this.first[e], this.first[e + 1]];
  }

  uposOf(a: number): number {
    return this.anUpos[a];
  }

  codeOf(a: number): number {
    return this.anCode[a];
  }

  /**
   * Hashes of the pieces of the code of analysis a: its category, and each letter of its morphology
   * alone and with the category ("v:C3p" → v, C, 3, p, v:C, v:3, v:p). Rare combinations (a
   * conditional plural verb) then share evidence with common ones (any plural, any conditional).
   */
  codePartsOf(a: number): Uint32Array {
    if (!this.codeParts) {
      this.codeParts = this.meta.codes.map((code) => {
        const colon = code.indexOf(':');
        const cat = colon < 0 ? code : code.slice(0, colon);
        const morph = colon < 0 ? '' : code.slice(colon + 1);
        const parts = new Set<number>([hashString(8, cat)]);
        for (const ch of morph) {
          parts.add(hashString(9, ch));
          parts.add(hashString(10, `${cat}:${ch}`));
        }
        return Uint32Array.from(parts);
      });
    }
    return this.codeParts[this.anCode[a]];
  }

  /** A hash of the code string of analysis a: stable across lexicon rebuilds, unlike the code id. */
  codeHashOf(a: number): number {
    if (!this.codeHashes) this.codeHashes = Uint32Array.from(this.meta.codes, (c) => hashString(7, c) || 1);
    return this.codeHashes[this.anCode[a]];
  }

  scriptOf(a: number): number {
    return this.anScript[a];
  }

  /** The lemma of analysis a of `form` (the form the entry was found under). */
  lemmaOf(a: number, form: string): string {
    return applyScript(form, this.meta.scripts[this.anScript[a]]);
  }

  uposId(upos: string): number {
    return this.uposIndex.get(upos) ?? -1;
  }

  /** The analyses of an exact form, as strings (for tests and tools; hot paths use the ids). */
  lookup(form: string): Analysis[] {
    const e = this.find(form);
    if (e < 0) return [];
    const out: Analysis[] = [];
    for (let a = this.first[e]; a < this.first[e + 1]; a++) {
      out.push({ upos: this.meta.uposList[this.anUpos[a]], code: this.meta.codes[this.anCode[a]], lemma: this.lemmaOf(a, form) });
    }
    return out;
  }

  toArrays(): Record<string, TypedArray> {
    return {
      keyA: this.keyA,
      keyB: this.keyB,
      count: this.count,
      anUpos: this.anUpos,
      anCode: this.anCode,
      anScript: this.anScript,
    };
  }
}

/** Collects analyses (deduplicated) and builds the compact Lexicon. */
export class LexiconBuilder {
  private readonly byForm = new Map<string, Set<string>>();

  constructor(
    readonly lang: string,
    readonly sources: string[] = [],
  ) {}

  add(form: string, upos: string, code: string, lemma: string): void {
    if (form.length === 0 || lemma.length === 0) return;
    let set = this.byForm.get(form);
    if (!set) this.byForm.set(form, (set = new Set()));
    if (set.size < MAX_ANALYSES) set.add(`${upos}\t${code}\t${lemma}`);
  }

  has(form: string): boolean {
    return this.byForm.has(form);
  }

  build(): Lexicon {
    const uposIds = new Map<string, number>();
    const codeIds = new Map<string, number>();
    const scriptIds = new Map<string, number>();
    const intern = (m: Map<string, number>, s: string): number => {
      let id = m.get(s);
      if (id === undefined) m.set(s, (id = m.size));
      return id;
    };
    // Entries in (keyA, keyB, form) order: binary-searchable, and the same file from one build to the next.
    const entries = [...this.byForm.keys()].map((form) => ({ form, a: hashString(KEY_A, form), b: hashString(KEY_B, form) & 0xffff }));
    entries.sort((x, y) => x.a - y.a || x.b - y.b || (x.form < y.form ? -1 : x.form > y.form ? 1 : 0));
    const n = entries.length;
    let nAnalyses = 0;
    for (const { form } of entries) nAnalyses += this.byForm.get(form)!.size;
    const keyA = new Uint32Array(n);
    const keyB = new Uint16Array(n);
    const count = new Uint8Array(n);
    const anUpos = new Uint8Array(nAnalyses);
    const anCode = new Uint16Array(nAnalyses);
    const scripts = new Uint32Array(nAnalyses);
    let a = 0;
    for (let e = 0; e < n; e++) {
      const { form } = entries[e];
      keyA[e] = entries[e].a;
      keyB[e] = entries[e].b;
      const analyses = [...this.byForm.get(form)!].sort();
      count[e] = analyses.length;
      for (const packed of analyses) {
        const [upos, code, lemma] = packed.split('\t');
        anUpos[a] = intern(uposIds, upos);
        const c = intern(codeIds, code);
        if (c > 0xffff) throw new Error('lexicon: more than 65,535 morphology codes');
        anCode[a] = c;
        scripts[a] = intern(scriptIds, scriptFor(form, lemma));
        a++;
      }
    }
    const anScript = scriptIds.size <= 0x10000 ? Uint16Array.from(scripts) : scripts;
    const meta: LexiconMeta = {
      lang: this.lang,
      uposList: [...uposIds.keys()],
      codes: [...codeIds.keys()],
      scripts: [...scriptIds.keys()],
      sources: this.sources,
      entries: n,
      analyses: nAnalyses,
    };
    return new Lexicon(meta, { keyA, keyB, count, anUpos, anCode, anScript });
  }
}

export function saveLexicon(path: string, lexicon: Lexicon): void {
  saveModel(path, { kind: LEXICON_KIND, version: LEXICON_VERSION, meta: lexicon.meta, arrays: lexicon.toArrays() });
}

export function loadLexicon(path: string): Lexicon {
  const m = loadModel<LexiconMeta>(path, LEXICON_KIND);
  if (m.version !== LEXICON_VERSION) throw new VigieError(`${path}: lexicon version ${m.version}, expected ${LEXICON_VERSION}`);
  return new Lexicon(m.meta, m.arrays);
}

/** An empty lexicon (a language without resources, or tests). */
export function emptyLexicon(lang: string): Lexicon {
  return new LexiconBuilder(lang).build();
}

const lexiconCache = new Map<string, Lexicon>();

/** A lexicon file loaded once per process (the tagger and lemmatizer share it). */
export function cachedLexicon(path: string): Lexicon {
  let lex = lexiconCache.get(path);
  if (!lex) {
    lex = loadLexicon(path);
    lexiconCache.set(path, lex);
  }
  return lex;
}
