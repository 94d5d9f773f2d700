/**
 * Word alignment of the CoNLL 2018 evaluation.
 *
 * Words that are whole tokens align when their character spans are equal. Words of multiword
 * tokens have no span of their own, so they are aligned inside "multiword regions": the smallest
 * stretch of the character axis that starts at a multiword token (gold or system) and that no
 * multiword token of either side sticks out of. Inside a region, gold and system words are
 * aligned along a longest common subsequence of their lower-cased forms.
 */
import type { EvalWord } from './ud-words.js';

export interface Alignment {
  /** Aligned pairs in order: gold word index and system word index. */
  gold: number[];
  system: number[];
  /** For each system word, the gold word it is aligned to, or -1. */
  goldOfSystem: Int32Array;
}

/** True when word i lies past the region ending at `end` (or there is no word i). */
function pastRegion(words: EvalWord[], i: number, end: number): boolean {
  if (i >= words.length) return true;
  const w = words[i];
  return w.isMultiword ? w.start >= end : w.end > end;
}

function extendRegion(w: EvalWord, end: number): number {
  return w.isMultiword && w.end > end ? w.end : end;
}

/** The region starting at gold word gi / system word si: [gs, ge) and [ss, se). */
function multiwordRegion(gold: EvalWord[], system: EvalWord[], gi: number, si: number): [number, number, number, number] {
  let end: number;
  // A plain word of the other side that starts before the multiword token is outside the region.
  if (gold[gi].isMultiword) {
    end = gold[gi].end;
    if (!system[si].isMultiword && system[si].start < gold[gi].start) si++;
  } else {
    end = system[si].end;
    if (!gold[gi].isMultiword && gold[gi].start < system[si].start) gi++;
  }
  const gs = gi;
  const ss = si;
  while (!pastRegion(gold, gi, end) || !pastRegion(system, si, end)) {
    if (gi < gold.length && (si >= system.length || gold[gi].start <= system[si].start)) {
      end = extendRegion(gold[gi], end);
      gi++;
    } else {
      end = extendRegion(system[si], end);
      si++;
    }
  }
  return [gs, gi, ss, si];
}

/** Aligns the words of a multiword region along a longest common subsequence of forms. */
function alignRegion(gold: EvalWord[], system: EvalWord[], gs: number, ge: number, ss: number, se: number, out: Alignment): void {
  const n = ge - gs;
  const m = se - ss;
  const width = m + 1;
  // lcs[g * width + s]: LCS length of gold[gs+g..ge) and system[ss+s..se); row n and column m stay 0.
  const lcs = new Int32Array((n + 1) * width);
  for (let g = n - 1; g >= 0; g--) {
    for (let s = m - 1; s >= 0; s--) {
      let v = gold[gs + g].formLower === system[ss + s].formLower ? 1 + lcs[(g + 1) * width + s + 1] : 0;
      v = Math.max(v, lcs[(g + 1) * width + s], lcs[g * width + s + 1]);
      lcs[g * width + s] = v;
    }
  }
  // Equal forms are taken greedily, as the reference scorer does, even where the LCS would skip them.
  let g = 0;
  let s = 0;
  while (g < n && s < m) {
    if (gold[gs + g].formLower === system[ss + s].formLower) {
      push(out, gs + g, ss + s);
      g++;
      s++;
    } else if (lcs[g * width + s] === lcs[(g + 1) * width + s]) {
      g++;
    } else {
      s++;
    }
  }
}

function push(out: Alignment, g: number, s: number): void {
  out.gold.push(g);
  out.system.push(s);
  out.goldOfSystem[s] = g;
}

export function alignWords(gold: EvalWord[], system: EvalWord[]): Alignment {
  const out: Alignment = { gold: [], system: [], goldOfSystem: new Int32Array(system.length).fill(-1) };
  let gi = 0;
  let si = 0;
  while (gi < gold.length && si < system.length) {
    const g = gold[gi];
    const s = system[si];
    if (g.isMultiword || s.isMultiword) {
      const [gs, ge, ss, se] = multiwordRegion(gold, system, gi, si);
      if (ge > gs && se > ss) alignRegion(gold, system, gs, ge, ss, se, out);
      gi = ge;
      si = se;
    } else if (g.start === s.start && g.end === s.end) {
      push(out, gi++, si++);
    } else if (g.start <= s.start) {
      gi++;
    } else {
      si++;
    }
  }
  return out;
}
