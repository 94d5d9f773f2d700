/**
 * A small word → part-of-speech lexicon learned from the training treebank, so that the sentence
 * and multiword classifiers can tell "comité des" (noun before: de + les) from "entraîner des"
 * (verb before: article) without a tagger. Frequent forms get their most frequent UPOS; other
 * words get the majority UPOS of their last three letters.
 */
import { normHash } from './token-arrays.js';

export interface WordClassData {
  /** Tag names; id 0 is "unknown". */
  tags: string[];
  formKeys: Uint32Array;
  formTags: Uint8Array;
  suffixKeys: Uint32Array;
  suffixTags: Uint8Array;
}

const SUFFIX = 3;
const UNKNOWN = 0;
/** Added to the tag id of a guess from the word's ending. */
export const GUESSED = 128;

/** Map keys kept in the small-integer range, which V8 hashes fastest. */
function key(h: number): number {
  return h & 0x3fffffff;
}

export class WordClasses {
  readonly data: WordClassData;
  private readonly forms = new Map<number, number>();
  private readonly suffixes = new Map<number, number>();

  constructor(data: WordClassData) {
    this.data = data;
    for (let i = 0; i < data.formKeys.length; i++) this.forms.set(key(data.formKeys[i]), data.formTags[i]);
    for (let i = 0; i < data.suffixKeys.length; i++) this.suffixes.set(key(data.suffixKeys[i]), data.suffixTags[i]);
  }

  /** Tag id of text[start, end) whose normHash is `hash`. */
  tagOf(text: string, start: number, end: number, hash: number): number {
    const f = this.forms.get(key(hash));
    if (f !== undefined) return f;
    if (end - start > SUFFIX + 1) {
      // Guessed from the ending: kept apart from known forms (an unknown capitalised "Belfort"
      // is not the known noun "Dosage").
      const s = this.suffixes.get(key(normHash(text, end - SUFFIX, end)));
      if (s !== undefined) return s | GUESSED;
    }
    return UNKNOWN;
  }
}

/**
 * Learns the lexicon from gold tokens with their UPOS ("ADP+DET" for multiword tokens). Forms
 * written with a capital inside sentences more often than not get their tag marked "^" (names),
 * so that a capitalised common word after a word ("... fantaisie Dosage") stands out.
 */
export function learnWordClasses(
  text: string,
  tokens: readonly { start: number; end: number; upos: string }[],
  sentenceInitial: (index: number) => boolean,
  minFormCount = 2,
  minSuffixCount = 5,
): WordClassData {
  const capitalised = new Map<number, number>();
  tokens.forEach((t, i) => {
    if (sentenceInitial(i)) return;
    const first = text[t.start];
    if (first === first.toLowerCase() && first === first.toUpperCase()) return;
    const h = normHash(text, t.start, t.end);
    capitalised.set(h, (capitalised.get(h) ?? 0) + (first !== first.toLowerCase() ? 1 : -1));
  });
  const tags = ['?'];
  const tagId = new Map<string, number>();
  const idOf = (t: string): number => {
    let id = tagId.get(t);
    if (id === undefined) {
      id = tags.length < GUESSED ? tags.length : UNKNOWN;
      if (id !== UNKNOWN) {
        tags.push(t);
        tagId.set(t, id);
      }
    }
    return id;
  };
  const formCounts = new Map<number, Map<number, number>>();
  const suffixCounts = new Map<number, Map<number, number>>();
  const count = (m: Map<number, Map<number, number>>, k: number, tag: number): void => {
    let c = m.get(k);
    if (!c) m.set(k, (c = new Map()));
    c.set(tag, (c.get(tag) ?? 0) + 1);
  };
  for (const t of tokens) {
    const h = normHash(text, t.start, t.end);
    const tag = idOf((capitalised.get(h) ?? 0) > 0 ? `${t.upos}^` : t.upos);
    count(formCounts, h, tag);
    if (t.end - t.start > SUFFIX + 1) count(suffixCounts, normHash(text, t.end - SUFFIX, t.end), tag);
  }
  const pick = (m: Map<number, Map<number, number>>, min: number): [number[], number[]] => {
    const keys: number[] = [];
    const values: number[] = [];
    for (const [k, c] of [...m].sort((a, b) => a[0] - b[0])) {
      let total = 0;
      let best = UNKNOWN;
      let bestCount = 0;
      for (const [tag, n] of c) {
        total += n;
        if (n > bestCount) {
          best = tag;
          bestCount = n;
        }
      }
      if (total >= min) {
        keys.push(k);
        values.push(best);
      }
    }
    return [keys, values];
  };
  const [fk, ft] = pick(formCounts, minFormCount);
  const [sk, st] = pick(suffixCounts, minSuffixCount);
  return {
    tags,
    formKeys: Uint32Array.from(fk),
    formTags: Uint8Array.from(ft),
    suffixKeys: Uint32Array.from(sk),
    suffixTags: Uint8Array.from(st),
  };
}
