/**
 * Turns the words of one sentence into integer atoms once, so that feature extraction in the
 * transition loop only reads typed arrays and combines integers.
 *
 * Positions 0..n-1 are the words, n is the artificial ROOT (it sits at the end of the buffer,
 * Ballesteros & Nivre's "going to the roots" placement) and n+1 is NONE, the filler for a missing
 * stack item, buffer item or child; every array has n+2 cells so that lookups never branch.
 */
import { hashString, hashInts } from '../learn/features.js';
import { foldApostrophes } from '../tag/word-info.js';

/** What the parser reads from a word: exactly what the tagger and lemmatizer provide. */
export interface ParserInput {
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
}

export const UPOS_TAGS = [
  'ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM',
  'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X',
] as const;
/** UPOS id of "_" or an unknown tag. */
export const UPOS_UNKNOWN = UPOS_TAGS.length;
export const UPOS_ROOT = UPOS_TAGS.length + 1;
export const UPOS_NONE = UPOS_TAGS.length + 2;
/** Number of distinct UPOS ids, ROOT and NONE included (fits in 5 bits). */
export const UPOS_COUNT = UPOS_TAGS.length + 3;
const UPOS_ID = new Map<string, number>(UPOS_TAGS.map((t, i) => [t, i]));
export const UPOS_PUNCT = UPOS_ID.get('PUNCT')!;
export const UPOS_VERB = UPOS_ID.get('VERB')!;
export const UPOS_AUX = UPOS_ID.get('AUX')!;

// Atom kinds (the template ids given to hashString) — stable: changing them invalidates models.
const A_FORM = 1;
const A_LEMMA = 2;
const A_XPOS = 3;
const A_FEATS = 4;
const A_AGREE = 5;
const A_VERB = 6;
const A_PRON = 7;
const A_SPECIAL = 8;

const ROOT_ATOM = hashString(A_SPECIAL, '<root>');
const NONE_ATOM = hashString(A_SPECIAL, '<none>');

/** The morphological atoms of one FEATS string. */
interface FeatsAtoms {
  all: number;
  /** Number, Person, Gender: what agreement between subject and verb, noun and adjective uses. */
  agree: number;
  /** VerbForm, Mood, Tense, Voice: finite vs participle vs infinitive, passive. */
  verb: number;
  /** PronType, Case, Reflex, Poss, Definite: relatives, clitics, reflexives. */
  pron: number;
}

const AGREE_KEYS = ['Number', 'Person', 'Gender'];
const VERB_KEYS = ['VerbForm', 'Mood', 'Tense', 'Voice'];
const PRON_KEYS = ['PronType', 'Case', 'Reflex', 'Poss', 'Definite'];

function pick(pairs: Map<string, string>, keys: string[]): string {
  let out = '';
  for (const k of keys) {
    const v = pairs.get(k);
    if (v !== undefined) out += `${k}=${v}|`;
  }
  return out;
}

function featsAtoms(feats: string): FeatsAtoms {
  const pairs = new Map<string, string>();
  if (feats !== '_' && feats !== '') {
    for (const part of feats.split('|')) {
      const eq = part.indexOf('=');
      if (eq > 0) pairs.set(part.slice(0, eq), part.slice(eq + 1));
    }
  }
  return {
    all: hashString(A_FEATS, feats),
    agree: hashString(A_AGREE, pick(pairs, AGREE_KEYS)),
    verb: hashString(A_VERB, pick(pairs, VERB_KEYS)),
    pron: hashString(A_PRON, pick(pairs, PRON_KEYS)),
  };
}

/** FEATS strings repeat a lot (a few hundred per treebank): parse each once per process. */
const featsCache = new Map<string, FeatsAtoms>();
const FEATS_CACHE_LIMIT = 50_000;

function cachedFeatsAtoms(feats: string): FeatsAtoms {
  let a = featsCache.get(feats);
  if (a === undefined) {
    a = featsAtoms(feats);
    if (featsCache.size >= FEATS_CACHE_LIMIT) featsCache.clear();
    featsCache.set(feats, a);
  }
  return a;
}

/**
 * Lowercase with digits folded to 0, so "1987" and "2024" share their statistics, and ’ written
 * as ' (the treebanks hardly have ’, news text is full of it).
 */
export function normalizeForm(form: string): string {
  const lower = foldApostrophes(form.toLowerCase());
  return /[0-9]/.test(lower) ? lower.replace(/[0-9]/g, '0') : lower;
}

/** Integer atoms of the words of one sentence (plus ROOT at n and NONE at n+1). */
export class EncodedSentence {
  readonly n: number;
  readonly form: Uint32Array;
  readonly lemma: Uint32Array;
  readonly upos: Uint8Array;
  readonly xpos: Uint32Array;
  readonly feats: Uint32Array;
  readonly agree: Uint32Array;
  readonly verb: Uint32Array;
  readonly pron: Uint32Array;
  /** Form and UPOS combined, the most used pair. */
  readonly formUpos: Uint32Array;
  readonly lemmaUpos: Uint32Array;
  /** Number of punctuation marks and of verbs before each position (counts between two words). */
  readonly punctBefore: Int32Array;
  readonly verbsBefore: Int32Array;

  constructor(words: readonly ParserInput[]) {
    const n = words.length;
    this.n = n;
    const size = n + 2;
    this.form = new Uint32Array(size);
    this.lemma = new Uint32Array(size);
    this.upos = new Uint8Array(size);
    this.xpos = new Uint32Array(size);
    this.feats = new Uint32Array(size);
    this.agree = new Uint32Array(size);
    this.verb = new Uint32Array(size);
    this.pron = new Uint32Array(size);
    this.formUpos = new Uint32Array(size);
    this.lemmaUpos = new Uint32Array(size);
    for (let i = 0; i < n; i++) {
      const w = words[i];
      const form = normalizeForm(w.form);
      this.form[i] = hashString(A_FORM, form);
      // An unknown lemma ("_") falls back to the form, so lemma features still say something.
      this.lemma[i] = hashString(A_LEMMA, w.lemma === '_' || w.lemma === '' ? form : normalizeForm(w.lemma));
      this.upos[i] = UPOS_ID.get(w.upos) ?? UPOS_UNKNOWN;
      this.xpos[i] = hashString(A_XPOS, w.xpos);
      const fa = cachedFeatsAtoms(w.feats);
      this.feats[i] = fa.all;
      this.agree[i] = fa.agree;
      this.verb[i] = fa.verb;
      this.pron[i] = fa.pron;
    }
    for (const [i, atom, upos] of [
      [n, ROOT_ATOM, UPOS_ROOT],
      [n + 1, NONE_ATOM, UPOS_NONE],
    ] as const) {
      this.form[i] = atom;
      this.lemma[i] = atom;
      this.upos[i] = upos;
      this.xpos[i] = atom;
      this.feats[i] = atom;
      this.agree[i] = atom;
      this.verb[i] = atom;
      this.pron[i] = atom;
    }
    for (let i = 0; i < size; i++) {
      this.formUpos[i] = hashInts(0, this.form[i], this.upos[i]);
      this.lemmaUpos[i] = hashInts(0, this.lemma[i], this.upos[i]);
    }
    this.punctBefore = new Int32Array(size);
    this.verbsBefore = new Int32Array(size);
    for (let i = 1; i <= n; i++) {
      this.punctBefore[i] = this.punctBefore[i - 1] + (this.upos[i - 1] === UPOS_PUNCT ? 1 : 0);
      this.verbsBefore[i] = this.verbsBefore[i - 1] + (this.upos[i - 1] === UPOS_VERB ? 1 : 0);
    }
  }
}
