/**
 * Feature templates for the transition classifier and the arc labeller.
 *
 * The transition templates follow Zhang & Nivre (2011, "rich non-local features"), adapted to
 * arc-hybrid where both (s0, b0) and (s1, s0) are candidate arcs: words, lemmas, UPOS, XPOS and
 * morphology of s0..s2 and b0..b2, children two deep on each side, distance, valency, child
 * labels and label sets, and agreement atoms (Number/Person/Gender, VerbForm/Mood/Voice).
 *
 * Every template is always emitted (NONE fills missing items), and a template's id is its
 * position in the list: the order is part of the model format. The code is written out flat,
 * without closures or temporary arrays, because it runs twice per word at parse time.
 */
import { hashInts } from '../learn/features.js';
import type { FeatureBuffer } from '../learn/features.js';
import type { ArcHybridState } from './arc-hybrid.js';
import { LEFT } from './arc-hybrid.js';
import type { EncodedSentence } from './encode.js';

/** Upper bound on the features of one decision (buffers are sized from it). */
export const MAX_FEATURES = 192;

/** Distance buckets: 1, 2, 3, 4, 5-6, 7-9, 10-14, 15+. */
function distanceBucket(d: number): number {
  if (d <= 4) return d;
  if (d <= 6) return 5;
  if (d <= 9) return 6;
  if (d <= 14) return 7;
  return 8;
}

/** Three UPOS ids (5 bits each) in one integer. */
function pos3(a: number, b: number, c: number): number {
  return (a << 10) | (b << 5) | c;
}

function cap4(v: number): number {
  return v < 4 ? v : 4;
}

function ensureCapacity(out: FeatureBuffer): Uint32Array {
  if (out.values.length < MAX_FEATURES) out.values = new Uint32Array(MAX_FEATURES);
  return out.values;
}

/** Unigram templates of one stack or buffer item (6 features). */
function unigrams(e: EncodedSentence, x: number, v: Uint32Array, k: number): number {
  const p = e.upos[x];
  v[k] = hashInts(k, e.formUpos[x]);
  k++;
  v[k] = hashInts(k, e.form[x]);
  k++;
  v[k] = hashInts(k, p);
  k++;
  v[k] = hashInts(k, e.lemma[x]);
  k++;
  v[k] = hashInts(k, e.xpos[x]);
  k++;
  v[k] = hashInts(k, e.feats[x], p);
  k++;
  return k;
}

/**
 * Templates of a candidate arc between `h` and `d` (9 features). Word-word pairs are left out:
 * they are the rarest features, so nearly every lookup of one misses the cache, and lemma-lemma
 * carries most of what they know.
 */
function pairs(e: EncodedSentence, h: number, d: number, v: Uint32Array, k: number): number {
  const { lemma, upos, xpos, agree, verb, formUpos: wp } = e;
  const ph = upos[h];
  const pd = upos[d];
  v[k] = hashInts(k, wp[h], pd);
  k++;
  v[k] = hashInts(k, ph, wp[d]);
  k++;
  v[k] = hashInts(k, ph, pd);
  k++;
  v[k] = hashInts(k, lemma[h], lemma[d]);
  k++;
  v[k] = hashInts(k, lemma[h], pd);
  k++;
  v[k] = hashInts(k, ph, lemma[d]);
  k++;
  v[k] = hashInts(k, xpos[h], xpos[d]);
  k++;
  v[k] = hashInts(k, agree[h], agree[d], (ph << 5) | pd);
  k++;
  v[k] = hashInts(k, verb[h], verb[d], (ph << 5) | pd);
  k++;
  return k;
}

/** Templates of one child: word+tag, tag, label (3 features). */
function child(e: EncodedSentence, labels: Int32Array, c: number, v: Uint32Array, k: number): number {
  v[k] = hashInts(k, e.formUpos[c]);
  k++;
  v[k] = hashInts(k, e.upos[c]);
  k++;
  v[k] = hashInts(k, labels[c]);
  k++;
  return k;
}

/** Fills `out` with the features of the transition decision in `st`. */
export function transitionFeatures(e: EncodedSentence, st: ArcHybridState, out: FeatureBuffer): void {
  const v = ensureCapacity(out);
  const { lemma, upos, formUpos: wp } = e;
  const { labels: lab, lc1, lc2, rc1, rc2, nLeft, nRight, leftSetLo, leftSetHi, rightSetLo, rightSetHi } = st;
  const none = st.none;
  const sp = st.sp;
  const s0 = sp > 0 ? st.stack[sp - 1] : none;
  const s1 = sp > 1 ? st.stack[sp - 2] : none;
  const s2 = sp > 2 ? st.stack[sp - 3] : none;
  const b0 = st.b0;
  const b1 = b0 + 1 <= st.root ? b0 + 1 : none;
  const b2 = b0 + 2 <= st.root ? b0 + 2 : none;
  const s0l1 = lc1[s0];
  const s0l2 = lc2[s0];
  const s0r1 = rc1[s0];
  const s0r2 = rc2[s0];
  const s1l1 = lc1[s1];
  const s1r1 = rc1[s1];
  const s1r2 = rc2[s1];
  const b0l1 = lc1[b0];
  const b0l2 = lc2[b0];
  const p0 = upos[s0];
  const p1 = upos[s1];
  const q0 = upos[b0];
  const q1 = upos[b1];
  const d0 = s0 === none ? 0 : distanceBucket(b0 - s0);
  const d1 = s1 === none || s0 === none ? 0 : distanceBucket(s0 - s1);
  let k = 0;

  v[k] = hashInts(k, 1); // bias
  k++;
  // Unigrams.
  k = unigrams(e, s0, v, k);
  k = unigrams(e, s1, v, k);
  k = unigrams(e, b0, v, k);
  v[k] = hashInts(k, e.formUpos[b1]);
  k++;
  v[k] = hashInts(k, e.upos[b1]);
  k++;
  v[k] = hashInts(k, wp[s2]);
  k++;
  v[k] = hashInts(k, upos[s2]);
  k++;
  v[k] = hashInts(k, wp[b2]);
  k++;
  v[k] = hashInts(k, upos[b2]);
  k++;
  // Pairs: the two candidate arcs (s0, b0) and (s1, s0), and their neighbours.
  k = pairs(e, b0, s0, v, k);
  k = pairs(e, s0, s1, v, k);
  v[k] = hashInts(k, p1, q0);
  k++;
  v[k] = hashInts(k, wp[s1], q0);
  k++;
  v[k] = hashInts(k, p1, wp[b0]);
  k++;
  v[k] = hashInts(k, lemma[s1], lemma[b0]);
  k++;
  v[k] = hashInts(k, q0, q1);
  k++;
  v[k] = hashInts(k, wp[b0], q1);
  k++;
  v[k] = hashInts(k, q0, wp[b1]);
  k++;
  // Triples of tags.
  v[k] = hashInts(k, pos3(q0, q1, upos[b2]));
  k++;
  v[k] = hashInts(k, pos3(p0, q0, q1));
  k++;
  v[k] = hashInts(k, pos3(p1, p0, q0));
  k++;
  v[k] = hashInts(k, pos3(upos[s2], p1, p0));
  k++;
  v[k] = hashInts(k, pos3(p1, p0, q1));
  k++;
  v[k] = hashInts(k, pos3(p0, upos[s0l1], q0));
  k++;
  v[k] = hashInts(k, pos3(p0, upos[s0r1], q0));
  k++;
  v[k] = hashInts(k, pos3(p0, q0, upos[b0l1]));
  k++;
  v[k] = hashInts(k, pos3(p1, upos[s1r1], p0));
  k++;
  v[k] = hashInts(k, pos3(p1, upos[s1l1], p0));
  k++;
  v[k] = hashInts(k, pos3(p1, p0, upos[s0l1]));
  k++;
  v[k] = hashInts(k, pos3(p1, p0, upos[s0r1]));
  k++;
  v[k] = hashInts(k, wp[s0], pos3(0, q0, q1));
  k++;
  v[k] = hashInts(k, wp[b0], pos3(0, p0, q1));
  k++;
  v[k] = hashInts(k, wp[s1], pos3(0, p0, q0));
  k++;
  v[k] = hashInts(k, wp[s0], pos3(0, p1, q0));
  k++;
  // Attachment of a prepositional phrase or clause hangs on its marker (s0's first child).
  const marker = lemma[s0l1];
  v[k] = hashInts(k, lemma[s1], marker, p0);
  k++;
  v[k] = hashInts(k, lemma[b0], marker, p0);
  k++;
  v[k] = hashInts(k, p1, marker, p0);
  k++;
  v[k] = hashInts(k, q0, marker, p0);
  k++;
  v[k] = hashInts(k, lemma[s0], marker);
  k++;
  // Distance.
  v[k] = hashInts(k, wp[s0], d0);
  k++;
  v[k] = hashInts(k, wp[b0], d0);
  k++;
  v[k] = hashInts(k, p0, q0, d0);
  k++;

  v[k] = hashInts(k, wp[s1], d1);
  k++;
  v[k] = hashInts(k, wp[s0], d1);
  k++;
  v[k] = hashInts(k, p1, p0, d1);
  k++;

  // Valency.
  v[k] = hashInts(k, wp[s0], cap4(nLeft[s0]), cap4(nRight[s0]));
  k++;
  v[k] = hashInts(k, p0, cap4(nLeft[s0]), cap4(nRight[s0]));
  k++;
  v[k] = hashInts(k, wp[b0], cap4(nLeft[b0]));
  k++;
  v[k] = hashInts(k, q0, cap4(nLeft[b0]));
  k++;
  v[k] = hashInts(k, wp[s1], cap4(nLeft[s1]), cap4(nRight[s1]));
  k++;
  v[k] = hashInts(k, p1, cap4(nLeft[s1]), cap4(nRight[s1]));
  k++;
  // Children: words, tags, labels.
  k = child(e, lab, s0l1, v, k);
  k = child(e, lab, s0r1, v, k);
  k = child(e, lab, b0l1, v, k);
  v[k] = hashInts(k, upos[s1r1], lab[s1r1]);
  k++;
  v[k] = hashInts(k, upos[s1l1], lab[s1l1]);
  k++;
  v[k] = hashInts(k, upos[s0l2], lab[s0l2]);
  k++;
  v[k] = hashInts(k, upos[s0r2], lab[s0r2]);
  k++;
  v[k] = hashInts(k, upos[b0l2], lab[b0l2]);
  k++;
  v[k] = hashInts(k, upos[s1r2], lab[s1r2]);
  k++;
  v[k] = hashInts(k, pos3(p0, upos[s0l1], upos[s0l2]));
  k++;
  v[k] = hashInts(k, pos3(p0, upos[s0r1], upos[s0r2]));
  k++;
  v[k] = hashInts(k, pos3(q0, upos[b0l1], upos[b0l2]));
  k++;
  v[k] = hashInts(k, pos3(p1, upos[s1r1], upos[s1r2]));
  k++;
  v[k] = hashInts(k, p0, lab[s0l1], lab[s0l2]);
  k++;
  v[k] = hashInts(k, p0, lab[s0r1], lab[s0r2]);
  k++;
  v[k] = hashInts(k, q0, lab[b0l1], lab[b0l2]);
  k++;
  v[k] = hashInts(k, p1, lab[s1r1], lab[s1r2]);
  k++;
  v[k] = hashInts(k, wp[s0], lab[s0l1], lab[s0r1]);
  k++;
  v[k] = hashInts(k, wp[b0], lab[b0l1]);
  k++;
  v[k] = hashInts(k, wp[s1], lab[s1l1], lab[s1r1]);
  k++;
  // Label sets (Zhang & Nivre's "S0sl", "S0sr", "N0sl").
  v[k] = hashInts(k, wp[s0], leftSetLo[s0], leftSetHi[s0]);
  k++;
  v[k] = hashInts(k, wp[s0], rightSetLo[s0], rightSetHi[s0]);
  k++;
  v[k] = hashInts(k, p0, leftSetLo[s0], leftSetHi[s0]);
  k++;
  v[k] = hashInts(k, p0, rightSetLo[s0], rightSetHi[s0]);
  k++;
  v[k] = hashInts(k, wp[b0], leftSetLo[b0], leftSetHi[b0]);
  k++;
  v[k] = hashInts(k, q0, leftSetLo[b0], leftSetHi[b0]);
  k++;
  v[k] = hashInts(k, wp[s1], rightSetLo[s1], rightSetHi[s1]);
  k++;
  v[k] = hashInts(k, p1, leftSetLo[s1] ^ Math.imul(rightSetLo[s1], 0x9e3779b1), leftSetHi[s1] ^ rightSetHi[s1]);
  k++;
  // Sentence neighbours of s0 and b0 (punctuation and coordination around the candidates).
  const s0prev = s0 > 0 && s0 < st.root ? s0 - 1 : none;
  const s0next = s0 < st.root - 1 ? s0 + 1 : none;
  const b0prev = b0 > 0 && b0 <= st.root ? b0 - 1 : none;
  v[k] = hashInts(k, pos3(upos[s0prev], p0, upos[s0next]));
  k++;
  v[k] = hashInts(k, pos3(upos[b0prev], q0, q1));
  k++;
  v[k] = hashInts(k, wp[s0next], p0);
  k++;
  // Punctuation and verbs between the candidates: a comma or a clause in between changes where
  // a phrase attaches (and punctuation attachment is the commonest head error).
  const pc10 = s1 === none || s0 === none ? 3 : between(e.punctBefore, s1, s0);
  const pc0b = s0 === none ? 3 : between(e.punctBefore, s0, b0);
  const vc10 = s1 === none || s0 === none ? 3 : between(e.verbsBefore, s1, s0);
  const vc0b = s0 === none ? 3 : between(e.verbsBefore, s0, b0);
  v[k] = hashInts(k, (p1 << 5) | p0, pc10);
  k++;
  v[k] = hashInts(k, (p1 << 5) | p0, vc10);
  k++;
  v[k] = hashInts(k, (p0 << 5) | q0, pc0b);
  k++;
  v[k] = hashInts(k, (p0 << 5) | q0, vc0b);
  k++;
  v[k] = hashInts(k, pos3(p1, p0, q0), (pc10 << 2) | pc0b);
  k++;
  out.length = k;
}

/** How many of the counted words lie strictly between positions a < b (capped at 2). */
function between(before: Int32Array, a: number, b: number): number {
  const c = before[b] - before[a + 1];
  return c < 2 ? c : 2;
}

/**
 * Fills `out` with the features for labelling the arc `head → dep` made by transition `t`
 * (LEFT: head is b0; RIGHT: head is s1). `dep` already has all its dependents.
 */
export function labelFeatures(e: EncodedSentence, st: ArcHybridState, t: number, head: number, dep: number, out: FeatureBuffer): void {
  const v = ensureCapacity(out);
  const { form, lemma, upos, feats, agree, verb, pron, formUpos: wp } = e;
  const { labels: lab, lc1, lc2, rc1, rc2, leftSetLo, leftSetHi, rightSetLo, rightSetHi } = st;
  // The direction is in every template id: left and right arcs have different labels.
  const dir = t === LEFT ? 0 : 1;
  const ph = upos[head];
  const pd = upos[dep];
  const pp = (ph << 5) | pd;
  const dist = distanceBucket(head > dep ? head - dep : dep - head);
  const dl1 = lc1[dep];
  const dl2 = lc2[dep];
  const dr1 = rc1[dep];
  const dr2 = rc2[dep];
  // The head's child nearest to the dependent's side, already attached, and its farthest other one.
  const hNear = dir === 0 ? lc1[head] : rc1[head];
  const hFar = dir === 0 ? rc1[head] : lc1[head];
  const none = st.none;
  const dprev = dep > 0 ? dep - 1 : none;
  const dnext = dep + 1 < st.root ? dep + 1 : none;
  let k = 0;
  const id = (n: number): number => (n << 1) | dir;

  v[k] = hashInts(id(k), 1);
  k++;
  v[k] = hashInts(id(k), wp[dep]);
  k++;
  v[k] = hashInts(id(k), form[dep]);
  k++;
  v[k] = hashInts(id(k), lemma[dep]);
  k++;
  v[k] = hashInts(id(k), pd);
  k++;
  v[k] = hashInts(id(k), feats[dep], pd);
  k++;
  v[k] = hashInts(id(k), verb[dep], pd);
  k++;
  v[k] = hashInts(id(k), pron[dep], pd);
  k++;
  v[k] = hashInts(id(k), wp[head]);
  k++;
  v[k] = hashInts(id(k), lemma[head]);
  k++;
  v[k] = hashInts(id(k), ph);
  k++;
  v[k] = hashInts(id(k), feats[head], ph);
  k++;
  v[k] = hashInts(id(k), verb[head], ph);
  k++;
  v[k] = hashInts(id(k), pp);
  k++;
  v[k] = hashInts(id(k), lemma[head], pd);
  k++;
  v[k] = hashInts(id(k), ph, lemma[dep]);
  k++;
  v[k] = hashInts(id(k), lemma[head], lemma[dep]);
  k++;
  v[k] = hashInts(id(k), pp, dist);
  k++;
  v[k] = hashInts(id(k), agree[head], agree[dep], pp);
  k++;
  v[k] = hashInts(id(k), verb[head], verb[dep], pp);
  k++;
  v[k] = hashInts(id(k), pron[dep], ph);
  k++;
  // The dependent's own dependents: its case marker or subordinator decides obl vs nmod vs obl:agent.
  v[k] = hashInts(id(k), lab[dl1], pd);
  k++;
  v[k] = hashInts(id(k), lemma[dl1], pd);
  k++;
  v[k] = hashInts(id(k), lemma[dl1], pp);
  k++;
  v[k] = hashInts(id(k), lemma[dl1], lemma[head], pd);
  k++;
  v[k] = hashInts(id(k), upos[dl1], lab[dl1], pd);
  k++;
  v[k] = hashInts(id(k), lab[dl2], lab[dl1], pd);
  k++;
  v[k] = hashInts(id(k), lemma[dl2], pd);
  k++;
  v[k] = hashInts(id(k), lab[dr1], pd);
  k++;
  v[k] = hashInts(id(k), upos[dr1], pd);
  k++;
  v[k] = hashInts(id(k), lab[dr2], lab[dr1], pd);
  k++;
  v[k] = hashInts(id(k), leftSetLo[dep], leftSetHi[dep], pp);
  k++;
  v[k] = hashInts(id(k), rightSetLo[dep], rightSetHi[dep], pp);
  k++;
  // What the head already has: an aux:pass child makes the subject nsubj:pass, a subject makes
  // the next nominal an object.
  v[k] = hashInts(id(k), leftSetLo[head], leftSetHi[head], pp);
  k++;
  v[k] = hashInts(id(k), rightSetLo[head], rightSetHi[head], pp);
  k++;
  v[k] = hashInts(id(k), lab[hNear], pp);
  k++;
  v[k] = hashInts(id(k), lab[hNear], lemma[head], pd);
  k++;
  v[k] = hashInts(id(k), lab[hFar], pp);
  k++;
  v[k] = hashInts(id(k), lemma[hNear], pp);
  k++;
  // Context around the dependent.
  v[k] = hashInts(id(k), pos3(upos[dprev], pd, upos[dnext]), ph);
  k++;
  v[k] = hashInts(id(k), wp[dnext], pd);
  k++;
  v[k] = hashInts(id(k), wp[dprev], pd);
  k++;
  out.length = k;
}
