/**
 * The view of a CoNLL-U file that the CoNLL 2018 shared-task evaluation works on.
 *
 * Gold and system files may tokenise and split sentences differently, so everything is placed on
 * one shared axis: the concatenation of all surface-token forms of the file with the whitespace
 * (Unicode category Zs) removed. Tokens and sentences become [start, end) spans on that axis; each
 * word carries the span of its token (for a word of a multiword token, the whole token's span).
 *
 * The columns are normalised the way the official scorer compares them: universal features only,
 * sorted; the dependency relation without its language-specific subtype.
 */
import type { ConlluSentence } from '../formats/conllu.js';
import { commentValue } from '../formats/conllu.js';
import { VigieError } from '../errors.js';

/** Relations whose dependents are content words: CLAS, MLAS and BLEX are computed on these only. */
export const CONTENT_DEPRELS: ReadonlySet<string> = new Set([
  'nsubj', 'obj', 'iobj', 'csubj', 'ccomp', 'xcomp', 'obl', 'vocative', 'expl', 'dislocated', 'advcl',
  'advmod', 'discourse', 'nmod', 'appos', 'nummod', 'acl', 'amod', 'conj', 'fixed', 'flat', 'compound',
  'list', 'parataxis', 'orphan', 'goeswith', 'reparandum', 'root', 'dep',
]);

/** Relations of function words; MLAS compares them as features of the content word they attach to. */
export const FUNCTIONAL_DEPRELS: ReadonlySet<string> = new Set(['aux', 'cop', 'mark', 'det', 'clf', 'case', 'cc']);

/**
 * The feature names the 2018 evaluation counts as universal (UD v2 at the time). Other features,
 * language-specific ones included, are dropped before comparing FEATS.
 */
export const UNIVERSAL_FEATURES: ReadonlySet<string> = new Set([
  'PronType', 'NumType', 'Poss', 'Reflex', 'Foreign', 'Abbr', 'Gender', 'Animacy', 'Number', 'Case',
  'Definite', 'Degree', 'VerbForm', 'Mood', 'Tense', 'Aspect', 'Voice', 'Evident', 'Polarity', 'Person', 'Polite',
]);

/** Parent value of a root word. */
export const ROOT = -1;
/** Parent value of a word whose HEAD is "_" (only with `allowMissingHeads`). */
export const NO_HEAD = -3;

export interface EvalWord {
  /** Span of the surface token on the character axis (the whole token for multiword-token parts). */
  start: number;
  end: number;
  /** Part of a multiword token: aligned by form inside multiword regions, not by span. */
  isMultiword: boolean;
  /** Lower-cased FORM, compared when aligning multiword regions (Zs removed only for plain tokens). */
  formLower: string;
  lemma: string;
  upos: string;
  xpos: string;
  /** Universal features only, sorted, "|"-joined ("" when none). */
  ufeats: string;
  /** DEPREL without its subtype. */
  deprel: string;
  isContent: boolean;
  isFunctional: boolean;
  /** Index of the head word in the file's word list, ROOT, or NO_HEAD. */
  parent: number;
  /** Indexes of the words attached to this one by a functional relation, in sentence order. */
  functionalChildren: number[];
}

export interface EvalTreebank {
  /** All token forms of the file concatenated, whitespace removed. */
  characters: string;
  /** Token spans, flattened: [start0, end0, start1, end1, ...]. */
  tokenSpans: Int32Array;
  /** Sentence spans, flattened the same way. */
  sentenceSpans: Int32Array;
  words: EvalWord[];
}

export interface TreebankOptions {
  /** Name used in error messages ("gold", a file path...). */
  name?: string;
  /** Accept words whose HEAD is "_" (the official scorer refuses them); they never count as attached right. */
  allowMissingHeads?: boolean;
}

const SPACE_SEPARATORS = /\p{Zs}/gu;

const HAS_SPACE_SEPARATOR = /\p{Zs}/u;

function withoutSpaces(form: string): string {
  return HAS_SPACE_SEPARATOR.test(form) ? form.replace(SPACE_SEPARATORS, '') : form;
}

/** Keeps the universal features of a FEATS column, sorted like Python sorts strings (by code point). */
export function universalFeats(feats: string): string {
  const kept: string[] = [];
  for (const f of feats.split('|')) {
    const eq = f.indexOf('=');
    if (UNIVERSAL_FEATURES.has(eq < 0 ? f : f.slice(0, eq))) kept.push(f);
  }
  kept.sort(compareCodePoints);
  return kept.join('|');
}

/** Code-point order (JavaScript's default sort compares UTF-16 units, which differs above U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/** DEPREL with the language-specific subtype removed ("nsubj:pass" → "nsubj"). */
export function universalDeprel(deprel: string): string {
  const colon = deprel.indexOf(':');
  return colon < 0 ? deprel : deprel.slice(0, colon);
}

/** "gold: sentence 3 (sent_id fr-12)", for error messages. */
function sentenceLabel(name: string, index: number, s: ConlluSentence): string {
  const id = commentValue(s, 'sent_id');
  return `${name}: sentence ${index + 1}${id === null ? '' : ` (sent_id ${id})`}`;
}

/** Builds the evaluation view of a file, checking that every sentence is a tree with one root. */
export function toEvalTreebank(sentences: ConlluSentence[], options: TreebankOptions = {}): EvalTreebank {
  const name = options.name ?? 'conllu';
  const chars: string[] = [];
  let index = 0;
  const tokenSpans: number[] = [];
  const sentenceSpans: number[] = [];
  const words: EvalWord[] = [];
  // FEATS strings repeat a lot: normalise each distinct one once.
  const featsCache = new Map<string, string>();
  const ufeatsOf = (feats: string): string => {
    let u = featsCache.get(feats);
    if (u === undefined) featsCache.set(feats, (u = universalFeats(feats)));
    return u;
  };

  sentences.forEach((s, si) => {
    const where = (): string => sentenceLabel(name, si, s);
    const first = words.length;
    const sentenceStart = index;
    let mi = 0;
    for (let wi = 0; wi < s.words.length; ) {
      const w = s.words[wi];
      const mwt = mi < s.multiwords.length && s.multiwords[mi].first === w.id ? s.multiwords[mi++] : null;
      const form = withoutSpaces(mwt ? mwt.form : w.form);
      if (form.length === 0) throw new VigieError(`${where()}: token ${mwt ? `${mwt.first}-${mwt.last}` : w.id} has an empty FORM once spaces are removed`);
      chars.push(form);
      const start = index;
      index += form.length;
      tokenSpans.push(start, index);
      const last = mwt ? mwt.last - 1 : wi;
      for (; wi <= last; wi++) {
        const x = s.words[wi];
        const deprel = universalDeprel(x.deprel);
        words.push({
          start,
          end: index,
          isMultiword: mwt !== null,
          // Words of a multiword token keep their FORM as written; plain tokens are compared without spaces.
          formLower: (mwt ? x.form : form).toLowerCase(),
          lemma: x.lemma,
          upos: x.upos,
          xpos: x.xpos,
          ufeats: ufeatsOf(x.feats),
          deprel,
          isContent: CONTENT_DEPRELS.has(deprel),
          isFunctional: FUNCTIONAL_DEPRELS.has(deprel),
          parent: NO_HEAD,
          functionalChildren: [],
        });
      }
    }
    sentenceSpans.push(sentenceStart, index);
    linkTree(s, words, first, where, options.allowMissingHeads === true);
  });

  return {
    characters: chars.join(''),
    tokenSpans: Int32Array.from(tokenSpans),
    sentenceSpans: Int32Array.from(sentenceSpans),
    words,
  };
}

/** Sets parents and functional children of one sentence's words, refusing cycles and several roots. */
function linkTree(s: ConlluSentence, words: EvalWord[], first: number, where: () => string, allowMissingHeads: boolean): void {
  const n = s.words.length;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const head = s.words[i].head;
    if (head < 0) {
      if (!allowMissingHeads) throw new VigieError(`${where()}: word ${i + 1} has no HEAD ("_"); the CoNLL 2018 evaluation needs a full tree`);
      missing++;
      continue;
    }
    if (head > n) throw new VigieError(`${where()}: HEAD ${head} of word ${i + 1} points outside of the sentence`);
    words[first + i].parent = head === 0 ? ROOT : first + head - 1;
  }
  // Follow each word's chain of heads; meeting a word of the chain being followed is a cycle.
  const state = new Uint8Array(n); // 0 not seen, 1 on the current chain, 2 known to reach the root
  for (let i = 0; i < n; i++) {
    let j = i;
    while (j >= 0 && state[j] === 0) {
      state[j] = 1;
      const p = words[first + j].parent;
      j = p < 0 ? -1 : p - first;
    }
    if (j >= 0 && state[j] === 1) throw new VigieError(`${where()}: there is a cycle in the dependency tree (word ${j + 1})`);
    j = i;
    while (j >= 0 && state[j] === 1) {
      state[j] = 2;
      const p = words[first + j].parent;
      j = p < 0 ? -1 : p - first;
    }
  }
  let roots = 0;
  for (let i = 0; i < n; i++) {
    const w = words[first + i];
    if (w.parent === ROOT) roots++;
    if (w.parent >= 0 && w.isFunctional) words[w.parent].functionalChildren.push(first + i);
  }
  if (missing === 0 && roots !== 1) throw new VigieError(`${where()}: there are ${roots} roots in the sentence, expected 1`);
}
