/**
 * Attachment scores on gold tokenisation (one system word per gold word), used to select the
 * training epoch. LAS compares the universal part of the relation ("nsubj" for "nsubj:pass"),
 * as the CoNLL 2018 evaluation does; `lasFull` compares the full relation with its subtype.
 */
import type { ConlluSentence } from '../formats/conllu.js';
import type { ParseResult } from './parser.js';

export interface AttachmentScores {
  words: number;
  uas: number;
  las: number;
  lasFull: number;
  /** Content-word LAS F1 (CoNLL 2018 CLAS). */
  clas: number;
}

/** Relations of function words, left out of CLAS. */
const FUNCTION_RELATIONS = new Set(['aux', 'case', 'cc', 'clf', 'cop', 'det', 'mark', 'punct']);

export function universalRelation(deprel: string): string {
  const colon = deprel.indexOf(':');
  return colon < 0 ? deprel : deprel.slice(0, colon);
}

export function attachmentScores(gold: readonly ConlluSentence[], system: readonly Pick<ParseResult, 'heads' | 'deprels'>[]): AttachmentScores {
  let words = 0;
  let uas = 0;
  let las = 0;
  let lasFull = 0;
  let goldContent = 0;
  let systemContent = 0;
  let contentCorrect = 0;
  for (let s = 0; s < gold.length; s++) {
    const g = gold[s].words;
    const p = system[s];
    for (let i = 0; i < g.length; i++) {
      words++;
      const goldHead = g[i].head - 1;
      const goldRel = universalRelation(g[i].deprel);
      const sysRel = universalRelation(p.deprels[i]);
      const headOk = p.heads[i] === goldHead;
      const relOk = goldRel === sysRel;
      if (headOk) uas++;
      if (headOk && relOk) las++;
      if (headOk && g[i].deprel === p.deprels[i]) lasFull++;
      const goldIsContent = !FUNCTION_RELATIONS.has(goldRel);
      const sysIsContent = !FUNCTION_RELATIONS.has(sysRel);
      if (goldIsContent) goldContent++;
      if (sysIsContent) systemContent++;
      if (goldIsContent && sysIsContent && headOk && relOk) contentCorrect++;
    }
  }
  const pct = (x: number, of: number): number => (of === 0 ? 0 : (100 * x) / of);
  const precision = pct(contentCorrect, systemContent);
  const recall = pct(contentCorrect, goldContent);
  return {
    words,
    uas: pct(uas, words),
    las: pct(las, words),
    lasFull: pct(lasFull, words),
    clas: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}
