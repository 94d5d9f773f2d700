/**
 * Locating the article among the blocks of a pruned page.
 *
 * Each block gets a weight: text that reads like prose (long enough, sentences, few links) counts
 * for it, link lists and short fragments count against it. Every element sums the weights of the
 * blocks under it, and the element with the largest sum (the deepest one on ties) holds the
 * article. Inside it, blocks are then filtered one by one (links, boilerplate phrases, metadata
 * lines, dangling headings).
 */
import type { Elem } from './dom.js';
import type { Block } from './blocks.js';
import { isArticleBodyHint, positiveClass } from './rules.js';

export interface BlockFeatures {
  len: number;
  words: number;
  linkDensity: number;
  /** Sentence-ending punctuation marks. */
  stops: number;
  commas: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/gu;

export function features(b: Block): BlockFeatures {
  const len = b.text.length;
  let words = (b.text.match(WORD) ?? []).length;
  const cjk = (b.text.match(CJK) ?? []).length;
  if (cjk > len / 3) words = Math.max(words, Math.round(cjk / 2));
  const stops = (b.text.match(/[.!?…。！？](?=\s|$|["”»’)\]])/gu) ?? []).length;
  const commas = (b.text.match(/[,，、;]/g) ?? []).length;
  return { len, words, linkDensity: len > 0 ? b.linkLen / len : 0, stops, commas };
}

/** True when a block reads like article prose. */
export function isProse(f: BlockFeatures): boolean {
  if (f.linkDensity > 0.4) return false;
  if (f.words >= 25) return true;
  if (f.words >= 10 && f.stops + f.commas >= 1) return true;
  return f.words >= 7 && f.stops >= 1 && f.len >= 45;
}

/** Weight of a block in the search for the article container. */
export function blockWeight(b: Block, f: BlockFeatures): number {
  if (f.len === 0) return 0;
  if (f.linkDensity >= 0.5) return -f.len * f.linkDensity;
  if (b.kind === 'caption') return -f.len * 0.5;
  if (isProse(f)) {
    const bonus = b.kind === 'p' ? 1.2 : 1;
    return f.len * (1 - f.linkDensity) * bonus;
  }
  if (b.kind === 'heading') return 0;
  return -f.len * 0.25 - f.len * f.linkDensity;
}

/** Index range [first, last] of the blocks under each element that holds any. */
export function blockRanges(blocks: Block[]): Map<Elem, [number, number]> {
  const ranges = new Map<Elem, [number, number]>();
  for (let i = 0; i < blocks.length; i++) {
    for (let el: Elem | null = blocks[i].container; el; el = el.parent) {
      const r = ranges.get(el);
      if (r) {
        if (r[1] === i) break; // ancestors already extended by this block
        r[1] = i;
      } else ranges.set(el, [i, i]);
    }
  }
  return ranges;
}

/** Longest text of one teaser card (headline link + summary). */
const MAX_CARD_TEXT = 900;
const MAX_CARD_PROSE = 500;

/**
 * Blocks inside lists of teaser cards ("related", "latest", "more from"): an element with at least
 * three children of the same tag and class, most of which hold a headline link (a block that is
 * mostly link) and little other text. Their summaries read like prose but are not the article.
 */
export function teaserBlocks(feats: BlockFeatures[], ranges: Map<Elem, [number, number]>): Set<number> {
  const out = new Set<number>();
  for (const [parent] of ranges) {
    const groups = new Map<string, Elem[]>();
    for (const c of parent.children) {
      if (typeof c === 'string' || !ranges.has(c)) continue;
      const sig = `${c.tag}.${(c.attrs.class ?? '').trim().split(/\s+/)[0]}`;
      const g = groups.get(sig);
      if (g) g.push(c);
      else groups.set(sig, [c]);
    }
    for (const members of groups.values()) {
      if (members.length < 3) continue;
      const cards = members.filter((m) => isCard(ranges.get(m)!, feats));
      if (cards.length < 3 || cards.length < 0.6 * members.length) continue;
      for (const m of cards) {
        const [a, b] = ranges.get(m)!;
        for (let i = a; i <= b; i++) out.add(i);
      }
    }
  }
  return out;
}

function isCard([a, b]: [number, number], feats: BlockFeatures[]): boolean {
  if (b - a > 6) return false;
  let total = 0, prose = 0, headline = false;
  for (let i = a; i <= b; i++) {
    const f = feats[i];
    total += f.len;
    if (f.linkDensity > 0.6 && f.len >= 15 && f.words >= 3) headline = true;
    else if (f.linkDensity < 0.5) prose += f.len;
  }
  return headline && total <= MAX_CARD_TEXT && prose <= MAX_CARD_PROSE;
}

export interface Selection {
  container: Elem;
  /** Indices of the selected blocks, in order: the container's, and those of strong siblings. */
  indices: number[];
  score: number;
}

/** The element holding the article and the blocks under it. */
export function selectContainer(
  blocks: Block[],
  feats: BlockFeatures[],
  teasers: Set<number>,
  ranges: Map<Elem, [number, number]>,
): Selection | null {
  const score = new Map<Elem, number>();
  const depth = new Map<Elem, number>();
  for (let i = 0; i < blocks.length; i++) {
    const w = teasers.has(i) ? -0.5 * feats[i].len : blockWeight(blocks[i], feats[i]);
    if (w === 0) continue;
    for (let el: Elem | null = blocks[i].container; el; el = el.parent) score.set(el, (score.get(el) ?? 0) + w);
  }
  let best: Elem | null = null;
  let bestScore = -Infinity;
  for (const [el, s0] of score) {
    let s = s0;
    if (s > 0 && (isArticleBodyHint(el) || el.tag === 'article' || positiveClass(el))) s *= 1.1;
    if (s > bestScore || (s === bestScore && best !== null && depthOf(el, depth) > depthOf(best, depth))) {
      best = el;
      bestScore = s;
    }
  }
  if (!best || bestScore <= 0) return null;
  const [from, to] = ranges.get(best)!;
  const parts: [number, number][] = [[from, to]];
  // Siblings holding a good share of text too: a story split over several containers.
  const parent = best.parent;
  if (parent) {
    for (const c of parent.children) {
      if (typeof c === 'string' || c === best) continue;
      const r = ranges.get(c);
      if (r && (score.get(c) ?? 0) >= Math.max(SIBLING_SHARE * bestScore, SIBLING_MIN)) parts.push(r);
    }
  }
  parts.sort((a, b) => a[0] - b[0]);
  const indices: number[] = [];
  for (const [a, b] of parts) for (let i = a; i <= b; i++) indices.push(i);
  return { container: best, indices, score: bestScore };
}

/** A sibling of the container joins it when it scores this share of the container's score... */
const SIBLING_SHARE = 0.25;
/** ...and at least this much. */
const SIBLING_MIN = 150;

function depthOf(el: Elem, cache: Map<Elem, number>): number {
  let d = cache.get(el);
  if (d !== undefined) return d;
  d = 0;
  for (let p = el.parent; p; p = p.parent) d++;
  cache.set(el, d);
  return d;
}
