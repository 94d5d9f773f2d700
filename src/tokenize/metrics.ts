/**
 * Quick segmentation scores against gold on the same text: tokens and sentences by exact span,
 * words by longest common subsequence of lower-cased forms inside tokens with the same span.
 * Close to the CoNLL 2018 Tokens / Sentences / Words F1 (which align on the text with whitespace
 * removed) and cheap enough to select training epochs with.
 */
import type { Sentence } from '../document.js';
import type { GoldText } from './corpus.js';

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export interface SegmentationScores {
  tokens: Prf;
  sentences: Prf;
  words: Prf;
}

function prf(correct: number, gold: number, system: number): Prf {
  const precision = system ? correct / system : 0;
  const recall = gold ? correct / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

function lcs(a: string[], b: string[]): number {
  const m = b.length;
  let prev = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(m + 1).fill(0);
    for (let j = 1; j <= m; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return prev[m];
}

export function scoreSegmentation(gold: GoldText, system: Sentence[]): SegmentationScores {
  const key = (s: number, e: number): number => s * 0x4000000 + e;
  const goldTokens = new Map<number, string[]>();
  let goldWords = 0;
  for (const t of gold.tokens) {
    goldTokens.set(key(t.start, t.end), t.words.map((w) => w.toLowerCase()));
    goldWords += t.words.length;
  }
  const goldSentences = new Set<number>();
  for (let k = 0; k + 1 < gold.sentenceStarts.length; k++) {
    const a = gold.sentenceStarts[k];
    const b = gold.sentenceStarts[k + 1] - 1;
    if (b >= a) goldSentences.add(key(gold.tokens[a].start, gold.tokens[b].end));
  }
  let sysTokens = 0;
  let sysWords = 0;
  let okTokens = 0;
  let okWords = 0;
  let okSentences = 0;
  for (const s of system) {
    if (goldSentences.has(key(s.start, s.end))) okSentences++;
    for (const t of s.tokens) {
      sysTokens++;
      const words = s.words.slice(t.firstWord, t.lastWord + 1).map((w) => w.form.toLowerCase());
      sysWords += words.length;
      const g = goldTokens.get(key(t.start, t.end));
      if (!g) continue;
      okTokens++;
      okWords += g.length === 1 && words.length === 1 ? 1 : lcs(g, words);
    }
  }
  return {
    tokens: prf(okTokens, gold.tokens.length, sysTokens),
    sentences: prf(okSentences, goldSentences.size, system.length),
    words: prf(okWords, goldWords, sysWords),
  };
}
