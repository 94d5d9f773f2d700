/**
 * The tagger at run time: UPOS, then XPOS and UD features, for the words of a sentence.
 */
import { FeatureBuffer } from '../learn/features.js';
import { argmax } from '../learn/perceptron.js';
import { loadModel, type TypedArray } from '../learn/model-file.js';
import { hasCompactPerceptron, scorerFromCompactArrays, tablePerceptronArrays } from '../learn/compact-perceptron.js';
import { modelPath } from '../models.js';
import { VigieError } from '../errors.js';
import type { Word } from '../document.js';
import { dirname, join } from 'node:path';
import { agreementSource, decodeMorph, morphFeatures, staticFeatures, uposFeatures, type Scorer } from './decode.js';
import {
  CAPS,
  addConventionCopies,
  MORPH_NEIGHBOUR_OFFSETS,
  NEIGHBOUR_OFFSETS,
  capAt,
  morphNeighbourFeatures,
  morphPairFeatures,
  morphTagFeatures,
  uposCapContextFeature,
  uposCapPrev1Feature,
  uposFirstFeature,
  uposHistoryFeatures,
  uposNeighbourFeatures,
  uposPairFeatures,
  uposPrevNextFeature,
  uposRightTagFeatures,
  uposRightWordFeatures,
  uposStaticFeatures,
  uposWordTagFeatures,
} from './features.js';
import { cachedLexicon, type Lexicon } from './lexicon.js';
import type { MorphSpec, TaggerMeta, TaggerModelParts } from './model.js';
import { ABSENT, TAGGER_KIND, TAGGER_VERSION, XPOS_HEAD, compareFeatureNames, headOffsets } from './model.js';
import { WordInfoCache, foldApostrophes, type WordInfo } from './word-info.js';

export interface TaggedSentence {
  upos: string[];
  xpos: string[];
  feats: string[];
}

export interface TagOptions {
  /** Annotation convention to follow (French: "sequoia" or "gsd"); the model's default when absent. */
  convention?: string;
  /** Skip the second UPOS pass: about 1.5 times faster, about 0.1 point of UPOS less. */
  singlePass?: boolean;
}

/** Maps lexicon UPOS ids to the tagger's UPOS ids. */
export function lexiconUposMap(lexicon: Lexicon, upos: string[]): Int32Array {
  const map = new Int32Array(lexicon.meta.uposList.length).fill(-1);
  lexicon.meta.uposList.forEach((u, i) => (map[i] = upos.indexOf(u)));
  return map;
}

/** Bit mask of the UPOS an adjective or participle may agree with. */
export function agreementMask(upos: string[]): number {
  let m = 0;
  for (const u of ['DET', 'NOUN', 'PROPN', 'PRON']) {
    const i = upos.indexOf(u);
    if (i >= 0) m |= 1 << i;
  }
  return m;
}

/** The models a Tagger scores with: finished Perceptrons (training) or CompactScorers (loaded). */
export interface TaggerScorers {
  meta: TaggerMeta;
  upos: Scorer;
  upos2: Scorer | null;
  morph: (Scorer | null)[];
}

/**
 * What the tagger keeps per (convention, form), so that a word seen before costs no string work
 * and few table lookups: its WordInfo, its static feature hashes, and score vectors of every
 * template group that reads this word alone — its own static features, and what it contributes
 * as the neighbour at -2, -1, +1, +2 of the word being tagged (see features.ts).
 */
interface FormEntry {
  info: WordInfo;
  /** Static feature hashes (with convention copies): `hashes.data[staticAt, staticAt + staticLength)`. */
  staticAt: number;
  staticLength: number;
  /**
   * Morphology neighbour feature hashes (morphNeighbourFeatures) as neighbour at -2, -1, +1, one
   * group after the other right after the static hashes: group k is
   * `hashes.data[morphNeighbourEnd[k], morphNeighbourEnd[k + 1])`. They are scored per UPOS of the
   * word being tagged, on first use (`morphNeighbourAt`).
   */
  morphNeighbourEnd: [number, number, number, number];
  /**
   * UPOS score vectors of nTags each in `vectors.data` from `uposAt`, slot k at k × nTags: per
   * pass (slots 0–5, then 6–11 for the second pass): self at the sentence start, self elsewhere,
   * as neighbour at -2, -1, +1, +2.
   */
  uposAt: number;
  /** Per UPOS id: offset in `vectors.data` of the morphology column scores of the static features, -1 until used. */
  morphAt: number[];
  /** Per UPOS id: offset in `vectors.data` of its morphology column scores as neighbour at -2, -1, +1 (3 × columns), -1 until used. */
  morphNeighbourAt: number[];
  /**
   * Offset in `rowIndex.data` of 3 × (nTags + 1) cells: per group of word × tag templates (first
   * pass with the previous tag, second pass with the previous tag, second pass with the first
   * pass's next tag) and tag, the offset in `vectors.data` of their scores, -1 until used.
   */
  rowIndexAt: number;
}

const GROUP_PREV = 0;
const GROUP_PREV2 = 1;
const GROUP_NEXT2 = 2;

/**
 * A growable arena of numbers addressed by offset: cached vectors cost no allocation each, and
 * the whole cache is dropped at once by resetting it.
 */
class Arena<A extends Float32Array | Uint32Array | Int32Array> {
  used = 0;
  constructor(
    public data: A,
    private readonly make: (size: number) => A,
  ) {}

  /** Offset of n fresh (not zeroed) cells; may replace `data`. */
  alloc(n: number): number {
    if (this.used + n > this.data.length) {
      let size = this.data.length * 2;
      while (size < this.used + n) size *= 2;
      const grown = this.make(size);
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    const at = this.used;
    this.used += n;
    return at;
  }
}

const SLOT_SELF_INITIAL = 0;
const SLOT_SELF = 1;
/** Slot of the neighbour vector at offset o: NEIGHBOUR_SLOT[o + 2]. */
const NEIGHBOUR_SLOT = [2, 3, -1, 4, 5];
const SLOTS_PER_PASS = 6;
/** Slot of the morphology neighbour vector at offset o (-2, -1, 1). */
const MORPH_NEIGHBOUR_SLOT = [0, 1, -1, 2];
/**
 * The form cache is emptied (before a sentence) once it holds this many forms or its arenas this
 * many numbers: about 1.5 KB per form, so at most about 50 MB.
 */
const FORM_CACHE_LIMIT = 100_000;
const VECTOR_ARENA_LIMIT = 8 << 20;
const HASH_ARENA_LIMIT = 4 << 20;

/** Per UPOS pass: score tables of the template groups that read only tags and capitalisation classes. */
interface PassTables {
  model: Scorer;
  /** (prev1, prev2) → Prev1 + Prev2 scores; tag ids 0..nTags (nTags = sentence start). */
  history: Float32Array;
  /** (caps, prev1, initial) → CapPrev1 scores. */
  capPrev: Float32Array;
  /** (class of left, caps, class of right) → CapContext scores. */
  capContext: Float32Array;
  /** Second pass only: (r1, r2) → Next1 + Next2 and (prev1, r1) → PrevNext. */
  next: Float32Array | null;
  prevNext: Float32Array | null;
}

/** Per UPOS with morphology: its model, tag tables and output strings per value combination. */
interface MorphTables {
  model: Scorer;
  cols: number;
  offsets: Int32Array;
  /** (um1, um2) → MUposM1 + MUposM12 column scores; (up1) → MUposP1. */
  left: Float32Array;
  right: Float32Array;
  /** Boundary vectors as neighbour at -2, -1, +1 (3 × cols). */
  boundary: Float32Array;
  /** Per combination: the column of each head, then its XPOS and FEATS strings. */
  comboCols: Int32Array;
  comboXpos: string[];
  comboFeats: string[];
}

/** capAt values → index in the capContext table: left 0..7 or 8 (before); right 0..3 or 16 (after). */
const CAP_LEFT = 9;
const CAP_RIGHT = 5;

export class Tagger {
  readonly meta: TaggerMeta;
  /** Version of the model format and features, recorded in `Document.stages`. */
  readonly modelVersion = TAGGER_VERSION;
  readonly lexicon: Lexicon;
  private readonly uposModel: Scorer;
  private readonly upos2Model: Scorer | null;
  private readonly morphModels: (Scorer | null)[];
  private readonly offsets: (Int32Array | null)[];
  private readonly cache: WordInfoCache;
  /** Per convention: form → cached features and score vectors. */
  private readonly forms: Map<string, FormEntry>[];
  private readonly vectors = new Arena(new Float32Array(1 << 16), (n) => new Float32Array(n));
  private readonly hashes = new Arena(new Uint32Array(1 << 15), (n) => new Uint32Array(n));
  private readonly rowIndex = new Arena(new Int32Array(1 << 15), (n) => new Int32Array(n));
  /** Per UPOS: a reusable vector of morphology column scores. */
  private readonly colScores: (Float32Array | null)[];
  private readonly buf = new FeatureBuffer(512);
  private readonly nTags: number;
  private readonly sourceMask: number;
  /** Per UPOS and head: the feature names in output order, and which head is XPOS. */
  private readonly featureOrder: (Int32Array | null)[];
  private readonly xposHead: Int32Array;
  private readonly passes: PassTables[];
  /** Per UPOS: its morphology tables, built on first use (undefined), or null when it has no morphology. */
  private readonly morphTables: (MorphTables | null | undefined)[];
  /** UPOS vectors of the boundaries as neighbours (same slots as FormEntry.upos). */
  private readonly boundaryBefore: Float32Array;
  private readonly boundaryAfter: Float32Array;
  // Per-sentence work arrays, grown as needed (no allocation per word).
  private sentence: FormEntry[] = [];
  private tags = new Int32Array(256);
  private firstPass = new Int32Array(256);
  private readonly scores: Float32Array;
  private readonly tmp: Float32Array;

  constructor(parts: TaggerScorers, lexicon: Lexicon) {
    this.meta = parts.meta;
    this.lexicon = lexicon;
    this.uposModel = parts.upos;
    this.upos2Model = parts.upos2;
    this.morphModels = parts.morph;
    this.nTags = parts.meta.upos.length;
    this.offsets = parts.meta.morph.map((s) => (s ? headOffsets(s) : null));
    this.colScores = this.offsets.map((o) => (o ? new Float32Array(o[o.length - 1]) : null));
    this.cache = new WordInfoCache(lexicon, lexiconUposMap(lexicon, parts.meta.upos));
    this.forms = parts.meta.conventions.length ? parts.meta.conventions.map(() => new Map()) : [new Map()];
    this.sourceMask = agreementMask(parts.meta.upos);
    this.xposHead = new Int32Array(this.nTags).fill(-1);
    this.featureOrder = parts.meta.morph.map((spec, u) => {
      if (!spec) return null;
      const heads = spec.heads.map((h, i) => ({ h, i })).filter(({ h, i }) => {
        if (h.name === XPOS_HEAD) this.xposHead[u] = i;
        return h.name !== XPOS_HEAD;
      });
      heads.sort((a, b) => compareFeatureNames(a.h.name, b.h.name));
      return Int32Array.from(heads.map((x) => x.i));
    });
    const T = this.nTags;
    this.scores = new Float32Array(T);
    let widest = T;
    for (const o of this.offsets) if (o) widest = Math.max(widest, o[o.length - 1]);
    this.tmp = new Float32Array(widest);
    this.passes = [this.passTables(parts.upos, false)];
    if (parts.upos2) this.passes.push(this.passTables(parts.upos2, true));
    const nPasses = 2;
    this.boundaryBefore = new Float32Array(nPasses * SLOTS_PER_PASS * T);
    this.boundaryAfter = new Float32Array(nPasses * SLOTS_PER_PASS * T);
    this.passes.forEach((pass, p) => {
      for (const offset of NEIGHBOUR_OFFSETS) {
        this.buf.clear();
        uposNeighbourFeatures(null, offset, this.buf);
        const target = offset < 0 ? this.boundaryBefore : this.boundaryAfter;
        this.scoreInto(pass.model, target, (p * SLOTS_PER_PASS + NEIGHBOUR_SLOT[offset + 2]) * T, T);
      }
    });
    this.morphTables = parts.meta.morph.map((spec, u) => (spec && parts.morph[u] ? undefined : null));
  }

  /** Scores the features in `this.buf` with `model` into target[at, at + width). */
  private scoreInto(model: Scorer, target: Float32Array, at: number, width: number): void {
    const tmp = this.tmp;
    tmp.fill(0, 0, width);
    model.score(this.buf.values, this.buf.length, tmp);
    for (let c = 0; c < width; c++) target[at + c] = tmp[c];
  }

  private passTables(model: Scorer, second: boolean): PassTables {
    const T = this.nTags;
    const H = T + 1;
    const buf = this.buf;
    const history = new Float32Array(H * H * T);
    for (let p1 = 0; p1 < H; p1++) {
      for (let p2 = 0; p2 < H; p2++) {
        buf.clear();
        uposHistoryFeatures(p1, p2, buf);
        this.scoreInto(model, history, (p1 * H + p2) * T, T);
      }
    }
    const capPrev = new Float32Array(4 * H * 2 * T);
    for (let caps = 0; caps < 4; caps++) {
      for (let p1 = 0; p1 < H; p1++) {
        for (let initial = 0; initial < 2; initial++) {
          buf.clear();
          buf.push(uposCapPrev1Feature(caps, p1, initial === 1));
          this.scoreInto(model, capPrev, ((caps * H + p1) * 2 + initial) * T, T);
        }
      }
    }
    const capContext = new Float32Array(CAP_LEFT * 4 * CAP_RIGHT * T);
    for (let l = 0; l < CAP_LEFT; l++) {
      for (let caps = 0; caps < 4; caps++) {
        for (let r = 0; r < CAP_RIGHT; r++) {
          buf.clear();
          buf.push(uposCapContextFeature(l === 8 ? 8 : l, caps, r === 4 ? 16 : r));
          this.scoreInto(model, capContext, ((l * 4 + caps) * CAP_RIGHT + r) * T, T);
        }
      }
    }
    let next: Float32Array | null = null;
    let prevNext: Float32Array | null = null;
    if (second) {
      // r1 is a tag or T (after the end); r2 a tag, T or T + 1.
      next = new Float32Array(H * (T + 2) * T);
      for (let r1 = 0; r1 < H; r1++) {
        for (let r2 = 0; r2 < T + 2; r2++) {
          buf.clear();
          uposRightTagFeatures(r1, r2, buf);
          this.scoreInto(model, next, (r1 * (T + 2) + r2) * T, T);
        }
      }
      prevNext = new Float32Array(H * H * T);
      for (let p1 = 0; p1 < H; p1++) {
        for (let r1 = 0; r1 < H; r1++) {
          buf.clear();
          buf.push(uposPrevNextFeature(p1, r1));
          this.scoreInto(model, prevNext, (p1 * H + r1) * T, T);
        }
      }
    }
    return { model, history, capPrev, capContext, next, prevNext };
  }

  private buildMorphTables(spec: MorphSpec, model: Scorer, u: number): MorphTables {
    const T = this.nTags;
    const H = T + 1;
    const offsets = this.offsets[u]!;
    const cols = offsets[spec.heads.length];
    const buf = this.buf;
    const left = new Float32Array(H * H * cols);
    for (let um1 = 0; um1 < H; um1++) {
      for (let um2 = 0; um2 < H; um2++) {
        buf.clear();
        morphTagFeatures(um1, um2, 0, buf);
        // morphTagFeatures emits (M1, P1, M12): keep M1 and M12 here, P1 goes to `right`.
        const m1 = buf.values[0];
        const m12 = buf.values[2];
        buf.clear();
        buf.push(m1);
        buf.push(m12);
        this.scoreInto(model, left, (um1 * H + um2) * cols, cols);
      }
    }
    const right = new Float32Array(H * cols);
    for (let up1 = 0; up1 < H; up1++) {
      buf.clear();
      morphTagFeatures(0, 0, up1, buf);
      const p1 = buf.values[1];
      buf.clear();
      buf.push(p1);
      this.scoreInto(model, right, up1 * cols, cols);
    }
    const boundary = new Float32Array(3 * cols);
    for (const offset of MORPH_NEIGHBOUR_OFFSETS) {
      buf.clear();
      morphNeighbourFeatures(null, offset, buf);
      this.scoreInto(model, boundary, MORPH_NEIGHBOUR_SLOT[offset + 2] * cols, cols);
    }
    const nHeads = spec.heads.length;
    const comboCols = new Int32Array(spec.combos.length * nHeads);
    const comboXpos: string[] = [];
    const comboFeats: string[] = [];
    spec.combos.forEach((combo, k) => {
      for (let h = 0; h < nHeads; h++) comboCols[k * nHeads + h] = offsets[h] + combo[h];
      const [xpos, feats] = this.morphStrings(u, spec, combo);
      comboXpos.push(xpos);
      comboFeats.push(feats);
    });
    return { model, cols, offsets, left, right, boundary, comboCols, comboXpos, comboFeats };
  }

  /** XPOS and FEATS strings of one value index per head. */
  private morphStrings(u: number, spec: MorphSpec, values: ArrayLike<number>): [string, string] {
    const xh = this.xposHead[u];
    const xpos = xh >= 0 ? spec.heads[xh].values[values[xh]] : ABSENT;
    let feats = '';
    for (const h of this.featureOrder[u]!) {
      const v = values[h];
      if (v === 0) continue;
      const head = spec.heads[h];
      feats += (feats ? '|' : '') + head.name + '=' + head.values[v];
    }
    return [xpos, feats || ABSENT];
  }

  /** The convention id for an option value (-1 for a model without conventions). */
  conventionId(name?: string): number {
    const list = this.meta.conventions;
    if (list.length === 0) return -1;
    const wanted = name ?? this.meta.defaultConvention;
    const id = list.indexOf(wanted);
    if (id < 0) throw new VigieError(`tagger: unknown convention "${wanted}" (${list.join(', ')})`);
    return id;
  }

  /** Empties the form cache when it has grown past its limits (between sentences only). */
  private trimCache(): void {
    let forms = 0;
    for (const m of this.forms) forms += m.size;
    if (forms < FORM_CACHE_LIMIT && this.vectors.used < VECTOR_ARENA_LIMIT && this.hashes.used < HASH_ARENA_LIMIT) return;
    for (const m of this.forms) m.clear();
    this.vectors.used = 0;
    this.hashes.used = 0;
    this.rowIndex.used = 0;
  }

  private entryOf(form: string, convention: number): FormEntry {
    const map = this.forms[Math.max(0, convention)];
    let e = map.get(form);
    if (e !== undefined) return e;
    const info = this.cache.get(form);
    const buf = this.buf;
    // Hashes: the static features, then the morphology neighbour features at -2, -1, +1.
    buf.clear();
    uposStaticFeatures(info, buf);
    if (convention >= 0) addConventionCopies(buf, 0, convention);
    const staticLength = buf.length;
    const ends: [number, number, number, number] = [staticLength, 0, 0, 0];
    MORPH_NEIGHBOUR_OFFSETS.forEach((offset, k) => {
      morphNeighbourFeatures(info, offset, buf);
      ends[k + 1] = buf.length;
    });
    const staticAt = this.hashes.alloc(buf.length);
    this.hashes.data.set(buf.values.subarray(0, buf.length), staticAt);
    for (let k = 0; k < 4; k++) ends[k] += staticAt;
    const T = this.nTags;
    const uposAt = this.vectors.alloc(2 * SLOTS_PER_PASS * T);
    const vectors = this.vectors.data;
    const features = this.hashes.data;
    this.passes.forEach((pass, p) => {
      const base = uposAt + p * SLOTS_PER_PASS * T;
      // Own static features, then with First at and away from the sentence start.
      const tmp = this.tmp;
      tmp.fill(0, 0, T);
      buf.clear();
      for (let k = staticAt; k < staticAt + staticLength; k++) buf.push(features[k]);
      pass.model.score(buf.values, buf.length, tmp);
      for (let initial = 0; initial < 2; initial++) {
        buf.clear();
        buf.push(uposFirstFeature(info, initial === 1));
        const at = base + (initial === 1 ? SLOT_SELF_INITIAL : SLOT_SELF) * T;
        const own = this.scores;
        own.set(tmp.subarray(0, T));
        pass.model.score(buf.values, buf.length, own);
        vectors.set(own, at);
      }
      for (const offset of NEIGHBOUR_OFFSETS) {
        buf.clear();
        uposNeighbourFeatures(info, offset, buf);
        this.scoreInto(pass.model, vectors, base + NEIGHBOUR_SLOT[offset + 2] * T, T);
      }
    });
    const rowIndexAt = this.rowIndex.alloc(3 * (T + 1));
    this.rowIndex.data.fill(-1, rowIndexAt, rowIndexAt + 3 * (T + 1));
    e = { info, staticAt, staticLength, morphNeighbourEnd: ends, uposAt, morphAt: new Array<number>(T).fill(-1), morphNeighbourAt: new Array<number>(T).fill(-1), rowIndexAt };
    map.set(form, e);
    return e;
  }

  /** Offset in `vectors.data` of the morphology column scores of a form's static features for UPOS u (cached). */
  private morphStatic(e: FormEntry, u: number, m: MorphTables): number {
    let at = e.morphAt[u];
    if (at < 0) {
      const buf = this.buf;
      buf.clear();
      const features = this.hashes.data;
      for (let k = e.staticAt; k < e.staticAt + e.staticLength; k++) buf.push(features[k]);
      at = this.vectors.alloc(m.cols);
      this.scoreInto(m.model, this.vectors.data, at, m.cols);
      e.morphAt[u] = at;
    }
    return at;
  }

  /**
   * Offset in `vectors.data` of the scores of a group of word × tag templates for one tag (cached;
   * may grow the arena, so re-read `vectors.data` after calling).
   */
  private wordTagRow(e: FormEntry, group: number, tag: number, model: Scorer): number {
    const cell = e.rowIndexAt + group * (this.nTags + 1) + tag;
    let at = this.rowIndex.data[cell];
    if (at < 0) {
      this.buf.clear();
      if (group === GROUP_NEXT2) uposRightWordFeatures(e.info, tag, this.buf);
      else uposWordTagFeatures(e.info, tag, this.buf);
      at = this.vectors.alloc(this.nTags);
      this.scoreInto(model, this.vectors.data, at, this.nTags);
      this.rowIndex.data[cell] = at;
    }
    return at;
  }

  /**
   * Offset in `vectors.data` of the morphology column scores of a form as neighbour of a word
   * tagged u, at -2, -1 or +1 (slot k = 0, 1, 2 of 3 × columns). Cached; each slot is scored on
   * first use (a NaN first cell marks it unscored). May grow the arena.
   */
  private morphNeighbour(e: FormEntry, u: number, m: MorphTables, k: number): number {
    const cols = m.cols;
    let at = e.morphNeighbourAt[u];
    if (at < 0) {
      at = this.vectors.alloc(3 * cols);
      const v = this.vectors.data;
      v[at] = v[at + cols] = v[at + 2 * cols] = NaN;
      e.morphNeighbourAt[u] = at;
    }
    const slotAt = at + k * cols;
    if (Number.isNaN(this.vectors.data[slotAt])) {
      const features = this.hashes.data;
      const buf = this.buf;
      buf.clear();
      for (let j = e.morphNeighbourEnd[k]; j < e.morphNeighbourEnd[k + 1]; j++) buf.push(features[j]);
      this.scoreInto(m.model, this.vectors.data, slotAt, cols);
    }
    return slotAt;
  }

  /**
   * One greedy left-to-right UPOS pass over the sentence in `this.sentence`, writing `this.tags`.
   * Scores are the sum of cached vectors (per form, per tag pair, per capitalisation class) and of
   * the few templates that pair the word with its neighbour or previous tag; with integer weights
   * this is exactly the sum over all features.
   */
  private uposPass(n: number, p: number, words: WordInfo[]): void {
    const T = this.nTags;
    const H = T + 1;
    const pass = this.passes[p];
    const entries = this.sentence;
    const tags = this.tags;
    const right = this.firstPass;
    const scores = this.scores;
    const buf = this.buf;
    const base = p * SLOTS_PER_PASS * T;
    const before = this.boundaryBefore;
    const after = this.boundaryAfter;
    const second = pass.next !== null;
    for (let i = 0; i < n; i++) {
      const e = entries[i];
      const prev1 = i > 0 ? tags[i - 1] : T;
      const prev2 = i > 1 ? tags[i - 2] : T;
      const r1 = second ? (i + 1 < n ? right[i + 1] : T) : 0;
      const prevRowAt = this.wordTagRow(e, second ? GROUP_PREV2 : GROUP_PREV, prev1, pass.model);
      const nextRowAt = second ? this.wordTagRow(e, GROUP_NEXT2, r1, pass.model) : 0;
      const vectors = this.vectors.data;
      const selfAt = e.uposAt + base + (i === 0 ? SLOT_SELF_INITIAL : SLOT_SELF) * T;
      const vm2 = i >= 2 ? vectors : before;
      const vm1 = i >= 1 ? vectors : before;
      const vp1 = i + 1 < n ? vectors : after;
      const vp2 = i + 2 < n ? vectors : after;
      const m2At = (i >= 2 ? entries[i - 2].uposAt : 0) + base + 2 * T;
      const m1At = (i >= 1 ? entries[i - 1].uposAt : 0) + base + 3 * T;
      const p1At = (i + 1 < n ? entries[i + 1].uposAt : 0) + base + 4 * T;
      const p2At = (i + 2 < n ? entries[i + 2].uposAt : 0) + base + 5 * T;
      const caps = e.info.flags & CAPS;
      const left = capAt(words, i - 1);
      const rightCap = capAt(words, i + 1);
      const histAt = (prev1 * H + prev2) * T;
      const capPrevAt = ((caps * H + prev1) * 2 + (i === 0 ? 1 : 0)) * T;
      const capCtxAt = (((left === 8 ? 8 : left) * 4 + caps) * CAP_RIGHT + (rightCap === 16 ? 4 : rightCap)) * T;
      const history = pass.history;
      const capPrev = pass.capPrev;
      const capContext = pass.capContext;
      for (let c = 0; c < T; c++) {
        scores[c] = vectors[selfAt + c] + vm2[m2At + c] + vm1[m1At + c] + vp1[p1At + c] + vp2[p2At + c] + history[histAt + c] + capPrev[capPrevAt + c] + capContext[capCtxAt + c] + vectors[prevRowAt + c];
      }
      buf.clear();
      uposPairFeatures(words, i, prev1, buf);
      if (second) {
        const r2 = i + 2 < n ? right[i + 2] : T + 1;
        const next = pass.next!;
        const prevNext = pass.prevNext!;
        const nextAt = (r1 * (T + 2) + r2) * T;
        const pnAt = (prev1 * H + r1) * T;
        for (let c = 0; c < T; c++) scores[c] += next[nextAt + c] + prevNext[pnAt + c] + vectors[nextRowAt + c];
      }
      pass.model.score(buf.values, buf.length, scores);
      tags[i] = argmax(scores, T);
    }
  }

  /** Tags a sentence given its word forms. */
  tag(forms: readonly string[], opts: TagOptions = {}): TaggedSentence {
    const convention = this.conventionId(opts.convention);
    const n = forms.length;
    const T = this.nTags;
    if (this.tags.length < n) {
      this.tags = new Int32Array(2 * n);
      this.firstPass = new Int32Array(2 * n);
    }
    this.trimCache();
    const entries = this.sentence;
    const words: WordInfo[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const e = this.entryOf(foldApostrophes(forms[i]), convention);
      entries[i] = e;
      words[i] = e.info;
    }
    this.uposPass(n, 0, words);
    if (this.passes.length > 1 && !opts.singlePass) {
      // Second pass: the same left-to-right decoding, now also seeing the first pass's next tags.
      this.firstPass.set(this.tags.subarray(0, n));
      this.uposPass(n, 1, words);
    }
    const upos = this.tags.subarray(0, n);
    const out: TaggedSentence = { upos: new Array(n), xpos: new Array(n), feats: new Array(n) };
    const buf = this.buf;
    for (let i = 0; i < n; i++) {
      const u = upos[i];
      out.upos[i] = this.meta.upos[u];
      let m = this.morphTables[u];
      if (m === undefined) m = this.morphTables[u] = this.buildMorphTables(this.meta.morph[u]!, this.morphModels[u]!, u);
      if (!m) {
        out.xpos[i] = ABSENT;
        out.feats[i] = ABSENT;
        continue;
      }
      const cols = m.cols;
      const colScores = this.colScores[u]!;
      const stAt = this.morphStatic(entries[i], u, m);
      // Neighbours' vectors, or the boundary's (slot k of 3 at k × cols).
      const m2At = i >= 2 ? this.morphNeighbour(entries[i - 2], u, m, 0) : -1;
      const m1At = i >= 1 ? this.morphNeighbour(entries[i - 1], u, m, 1) : -1;
      const p1At = i + 1 < n ? this.morphNeighbour(entries[i + 1], u, m, 2) : -1;
      const st = this.vectors.data;
      const boundary = m.boundary;
      const vm2 = m2At >= 0 ? st : boundary;
      const vm1 = m1At >= 0 ? st : boundary;
      const vp1 = p1At >= 0 ? st : boundary;
      const m2 = m2At >= 0 ? m2At : 0;
      const m1 = m1At >= 0 ? m1At : cols;
      const p1 = p1At >= 0 ? p1At : 2 * cols;
      const um1 = i > 0 ? upos[i - 1] : T;
      const um2 = i > 1 ? upos[i - 2] : T;
      const up1 = i + 1 < n ? upos[i + 1] : T;
      const leftAt = (um1 * (T + 1) + um2) * cols;
      const rightAt = up1 * cols;
      const left = m.left;
      const right = m.right;
      for (let c = 0; c < cols; c++) colScores[c] = st[stAt + c] + vm2[m2 + c] + vm1[m1 + c] + vp1[p1 + c] + left[leftAt + c] + right[rightAt + c];
      buf.clear();
      morphPairFeatures(words, upos, T, i, agreementSource(upos, i, this.sourceMask), buf);
      m.model.score(buf.values, buf.length, colScores);
      const spec = this.meta.morph[u]!;
      const nHeads = spec.heads.length;
      const nCombos = m.comboXpos.length;
      if (this.meta.comboDecoding && nCombos > 0) {
        // The best value combination seen in training (first one on ties).
        const comboCols = m.comboCols;
        let best = -Infinity;
        let bestCombo = 0;
        for (let k = 0, at = 0; k < nCombos; k++, at += nHeads) {
          let s = 0;
          for (let h = 0; h < nHeads; h++) s += colScores[comboCols[at + h]];
          if (s > best) {
            best = s;
            bestCombo = k;
          }
        }
        out.xpos[i] = m.comboXpos[bestCombo];
        out.feats[i] = m.comboFeats[bestCombo];
      } else {
        const values = new Int32Array(nHeads);
        decodeMorph(spec, m.offsets, colScores, false, values);
        [out.xpos[i], out.feats[i]] = this.morphStrings(u, spec, values);
      }
    }
    // Let the cache drop forms it evicted: the sentence array holds no entry past this call.
    entries.length = 0;
    return out;
  }

  /**
   * The same tags computed the direct way: every feature of every word hashed and looked up, no
   * per-form cache or score table (as training decodes). Several times slower than `tag`; tests
   * check that the two agree.
   */
  tagDirect(forms: readonly string[], opts: TagOptions = {}): TaggedSentence {
    const convention = this.conventionId(opts.convention);
    const n = forms.length;
    const T = this.nTags;
    const buf = new FeatureBuffer(512);
    const words = forms.map((f) => this.cache.get(foldApostrophes(f)));
    const statics = words.map((w) => staticFeatures(w, convention, buf));
    const scores = new Float32Array(T);
    const decode = (model: Scorer, right: Int32Array | null): Int32Array => {
      const tags = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        scores.fill(0);
        model.score(statics[i], statics[i].length, scores);
        uposFeatures(words, i, i > 0 ? tags[i - 1] : T, i > 1 ? tags[i - 2] : T, buf, right, T);
        model.score(buf.values, buf.length, scores);
        tags[i] = argmax(scores, T);
      }
      return tags;
    };
    let upos = decode(this.uposModel, null);
    if (this.upos2Model && !opts.singlePass) upos = decode(this.upos2Model, upos);
    const out: TaggedSentence = { upos: [], xpos: [], feats: [] };
    for (let i = 0; i < n; i++) {
      const u = upos[i];
      out.upos.push(this.meta.upos[u]);
      const spec = this.meta.morph[u];
      const model = this.morphModels[u];
      if (!spec || !model) {
        out.xpos.push(ABSENT);
        out.feats.push(ABSENT);
        continue;
      }
      const offsets = this.offsets[u]!;
      const colScores = new Float32Array(offsets[spec.heads.length]);
      morphFeatures(words, statics, upos, T, i, this.sourceMask, buf);
      model.score(buf.values, buf.length, colScores);
      const values = new Int32Array(spec.heads.length);
      decodeMorph(spec, offsets, colScores, this.meta.comboDecoding, values);
      const [xpos, feats] = this.morphStrings(u, spec, values);
      out.xpos.push(xpos);
      out.feats.push(feats);
    }
    return out;
  }

  /** Fills upos, xpos and feats of a sentence's words in place. */
  tagWords(words: Word[], opts: TagOptions = {}): void {
    const forms: string[] = new Array(words.length);
    for (let i = 0; i < words.length; i++) forms[i] = words[i].form;
    const t = this.tag(forms, opts);
    for (let i = 0; i < words.length; i++) {
      words[i].upos = t.upos[i];
      words[i].xpos = t.xpos[i];
      words[i].feats = t.feats[i];
    }
  }
}

/** The model arrays: perceptrons stored compactly with Int16 weights. */
export function taggerArrays(parts: TaggerModelParts): Record<string, TypedArray> {
  let arrays = tablePerceptronArrays(parts.upos, 'upos');
  if (parts.upos2) arrays = { ...arrays, ...tablePerceptronArrays(parts.upos2, 'upos2') };
  parts.morph.forEach((p, u) => {
    if (p) arrays = { ...arrays, ...tablePerceptronArrays(p, `morph${u}`) };
  });
  return arrays;
}

/** Loads a tagger model file and the lexicon beside it. */
export function readTagger(path: string): Tagger {
  const m = loadModel<TaggerMeta>(path, TAGGER_KIND);
  if (m.version !== TAGGER_VERSION) throw new VigieError(`${path}: tagger model version ${m.version}, expected ${TAGGER_VERSION}`);
  const meta = m.meta;
  const upos = scorerFromCompactArrays(meta.upos.length, m.arrays, 'upos');
  const morph = meta.morph.map((spec, u) => {
    if (!spec || !hasCompactPerceptron(m.arrays, `morph${u}`)) return null;
    return scorerFromCompactArrays(headOffsets(spec)[spec.heads.length], m.arrays, `morph${u}`);
  });
  const lexicon = cachedLexicon(join(dirname(path), meta.lexicon));
  const upos2 = hasCompactPerceptron(m.arrays, 'upos2') ? scorerFromCompactArrays(meta.upos.length, m.arrays, 'upos2') : null;
  return new Tagger({ meta, upos, upos2, morph }, lexicon);
}

const loaded = new Map<string, Tagger>();

/** The committed tagger of a language, loaded once. */
export function loadTagger(lang: 'fr' | 'en'): Tagger {
  let t = loaded.get(lang);
  if (!t) {
    t = readTagger(modelPath(lang, 'tagger.bin'));
    loaded.set(lang, t);
  }
  return t;
}
