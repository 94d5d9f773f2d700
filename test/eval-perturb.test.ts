/**
 * Invariants of the CoNLL 2018 evaluation on a generated treebank and perturbed copies of it:
 * sentence re-splitting only touches Sentences and the attachment of moved roots; merging tokens
 * costs exactly the merged tokens and words; and so on.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConlluSentence, ConlluWord } from '../src/formats/conllu.js';
import { parseConllu, writeConllu } from '../src/formats/conllu.js';
import { evaluate, METRICS } from '../src/eval/conll18.js';
import { seededRandom as rng } from '../src/learn/random.js';


const LEXICON: [string, string, string, string, string][] = [
  // form, lemma, upos, xpos, feats
  ['le', 'le', 'DET', 'DET', 'Definite=Def|Gender=Masc|Number=Sing|PronType=Art'],
  ['maire', 'maire', 'NOUN', 'NC', 'Gender=Masc|Number=Sing'],
  ['ville', 'ville', 'NOUN', 'NC', 'Gender=Fem|Number=Sing'],
  ['conseil', 'conseil', 'NOUN', 'NC', 'Gender=Masc|Number=Sing'],
  ['vote', 'voter', 'VERB', 'V', 'Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin'],
  ['annonce', 'annoncer', 'VERB', 'V', 'Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin'],
  ['nouveau', 'nouveau', 'ADJ', 'ADJ', 'Gender=Masc|Number=Sing'],
  ['budget', 'budget', 'NOUN', 'NC', 'Gender=Masc|Number=Sing|Typo=No'],
  ['et', 'et', 'CCONJ', 'CC', '_'],
  ['hier', 'hier', 'ADV', 'ADV', '_'],
  ['Paris', 'Paris', 'PROPN', 'NPP', '_'],
  ['elle', 'il', 'PRON', 'CLS', 'Gender=Fem|Number=Sing|Person=3|PronType=Prs'],
];
const MULTIWORDS: [string, string[]][] = [
  ['du', ['de', 'le']],
  ['au', ['à', 'le']],
  ['aux', ['à', 'les']],
];
const DEPRELS = ['nsubj', 'obj', 'obl:mod', 'nmod', 'amod', 'det', 'case', 'cc', 'conj', 'advmod', 'flat:name', 'mark'];

function word(id: number, form: string, lemma: string, upos: string, xpos: string, feats: string): ConlluWord {
  return { id, form, lemma, upos, xpos, feats, head: 0, deprel: '_', deps: '_', misc: '_' };
}

/** A random sentence: lexicon words and multiword tokens, a random tree, a final full stop. */
function sentence(next: () => number, n: number): ConlluSentence {
  const s: ConlluSentence = { comments: [`# sent_id = gen-${n}`], words: [], multiwords: [], emptyNodes: [] };
  const length = 3 + Math.floor(next() * 12);
  while (s.words.length < length) {
    if (next() < 0.15) {
      const [form, parts] = MULTIWORDS[Math.floor(next() * MULTIWORDS.length)];
      s.multiwords.push({ first: s.words.length + 1, last: s.words.length + parts.length, form, lemma: '_', upos: '_', xpos: '_', feats: '_', head: '_', deprel: '_', deps: '_', misc: '_' });
      for (const p of parts) s.words.push(word(s.words.length + 1, p, p, p === 'à' || p === 'de' ? 'ADP' : 'DET', 'P', '_'));
    } else {
      const [form, lemma, upos, xpos, feats] = LEXICON[Math.floor(next() * LEXICON.length)];
      s.words.push(word(s.words.length + 1, form, lemma, upos, xpos, feats));
    }
  }
  s.words[s.words.length - 1].misc = 'SpaceAfter=No';
  s.words.push(word(s.words.length + 1, '.', '.', 'PUNCT', 'PONCT', '_'));
  // Random tree: attach the words in random order, each to a word attached before it.
  const order = s.words.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  order.forEach((wi, k) => {
    const w = s.words[wi];
    if (k === 0) {
      w.head = 0;
      w.deprel = 'root';
    } else {
      w.head = order[Math.floor(next() * k)] + 1;
      w.deprel = DEPRELS[Math.floor(next() * DEPRELS.length)];
    }
  });
  return s;
}

function treebank(seed: number, n: number): ConlluSentence[] {
  const next = rng(seed);
  const out: ConlluSentence[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(next, i + 1));
  // Through the writer and reader, as a file would be.
  return parseConllu(writeConllu(out), 'generated');
}

/** Joins sentence b to sentence a: b's root attaches to a's root. */
function joinSentences(a: ConlluSentence, b: ConlluSentence): ConlluSentence {
  const off = a.words.length;
  const rootA = a.words.find((w) => w.head === 0)!.id;
  const words = [...a.words.map((w) => ({ ...w })), ...b.words.map((w) => ({ ...w, id: w.id + off, head: w.head === 0 ? rootA : w.head + off, deprel: w.head === 0 ? 'parataxis' : w.deprel }))];
  const multiwords = [...a.multiwords.map((m) => ({ ...m })), ...b.multiwords.map((m) => ({ ...m, first: m.first + off, last: m.last + off }))];
  return { comments: a.comments.slice(), words, multiwords, emptyNodes: [] };
}

function inMultiword(s: ConlluSentence, id: number): boolean {
  return s.multiwords.some((m) => m.first <= id && id <= m.last);
}

/**
 * Merges two adjacent plain tokens of which one heads the other into one word (keeping the
 * head's annotation); returns false when the sentence has no such pair.
 */
function mergeTokens(s: ConlluSentence): boolean {
  for (let i = 0; i + 1 < s.words.length; i++) {
    const a = s.words[i];
    const b = s.words[i + 1];
    if (inMultiword(s, a.id) || inMultiword(s, b.id)) continue;
    if (a.head !== b.id && b.head !== a.id) continue;
    const keep = a.head === b.id ? b : a;
    const merged: ConlluWord = { ...keep, id: a.id, form: a.form + b.form };
    const renumber = (id: number): number => (id === b.id ? a.id : id > b.id ? id - 1 : id);
    const words = [...s.words.slice(0, i), merged, ...s.words.slice(i + 2)];
    s.words = words.map((w) => ({ ...w, id: renumber(w.id), head: w.head === 0 ? 0 : renumber(w.head) }));
    s.multiwords = s.multiwords.map((m) => (m.first > b.id ? { ...m, first: m.first - 1, last: m.last - 1 } : m));
    return true;
  }
  return false;
}

/** Makes a sentence a tree again after words were contracted: one root, no self-loops or cycles. */
function repairTree(s: ConlluSentence): void {
  for (const w of s.words) if (w.head === w.id) w.head = 0;
  const root = s.words.find((w) => w.head === 0) ?? s.words[0];
  root.head = 0;
  for (const w of s.words) if (w !== root && w.head === 0) w.head = root.id;
  for (const w of s.words) {
    let x: ConlluWord = w;
    for (let steps = 0; x.head !== 0; steps++) {
      if (steps > s.words.length) {
        w.head = root.id;
        break;
      }
      x = s.words[x.head - 1];
    }
  }
}

function copy(sentences: ConlluSentence[]): ConlluSentence[] {
  return structuredClone(sentences);
}

describe('CoNLL 2018 evaluation invariants on perturbed files', () => {
  const gold = treebank(7, 60);
  const wordCount = gold.reduce((n, s) => n + s.words.length, 0);
  const tokenCount = gold.reduce((n, s) => n + s.words.length - s.multiwords.reduce((k, m) => k + m.last - m.first, 0), 0);
  const contentCount = evaluate(gold, gold).CLAS.goldTotal;

  test('a file against an identical copy scores 100 on every metric', () => {
    const r = evaluate(gold, copy(gold));
    for (const m of METRICS) assert.equal(r[m].f1, 1, m);
    assert.equal(r.Words.goldTotal, wordCount);
    assert.equal(r.Tokens.goldTotal, tokenCount);
  });

  test('joining sentences changes Sentences and the moved roots only', () => {
    const system: ConlluSentence[] = [];
    let joins = 0;
    for (let i = 0; i < gold.length; i++) {
      if (i % 3 === 0 && i + 1 < gold.length) {
        system.push(joinSentences(gold[i], gold[i + 1]));
        i++;
        joins++;
      } else system.push(copy([gold[i]])[0]);
    }
    const r = evaluate(gold, system);
    for (const m of ['Tokens', 'Words', 'UPOS', 'XPOS', 'UFeats', 'AllTags', 'Lemmas'] as const) assert.equal(r[m].f1, 1, m);
    assert.deepEqual([r.Sentences.correct, r.Sentences.goldTotal, r.Sentences.systemTotal], [gold.length - 2 * joins, gold.length, gold.length - joins]);
    assert.equal(r.UAS.correct, wordCount - joins);
    assert.equal(r.LAS.correct, wordCount - joins);
    // "root" and "parataxis" are both content relations: the moved roots stay in CLAS, wrong.
    assert.equal(r.CLAS.correct, contentCount - joins);
    assert.equal(r.CLAS.systemTotal, contentCount);
    // And the other way round.
    const back = evaluate(system, gold);
    assert.equal(back.Sentences.precision, r.Sentences.recall);
    assert.equal(back.UAS.correct, r.UAS.correct);
  });

  test('merging tokens costs exactly the merged tokens and words, whatever the sentence split', () => {
    const system = copy(gold);
    let merges = 0;
    for (let i = 0; i < system.length; i += 2) if (mergeTokens(system[i])) merges++;
    assert.ok(merges > 5, 'the generated file has mergeable tokens');
    const r = evaluate(gold, system);
    assert.deepEqual([r.Tokens.correct, r.Tokens.goldTotal, r.Tokens.systemTotal], [tokenCount - 2 * merges, tokenCount, tokenCount - merges]);
    assert.deepEqual([r.Words.correct, r.Words.goldTotal, r.Words.systemTotal], [wordCount - 2 * merges, wordCount, wordCount - merges]);
    assert.equal(r.Sentences.f1, 1);
    assert.equal(r.UPOS.alignedAccuracy, 1);

    // Re-splitting the system's sentences leaves Tokens and Words exactly as they were.
    const joined: ConlluSentence[] = [];
    for (let i = 0; i < system.length; i += 2) joined.push(i + 1 < system.length ? joinSentences(system[i], system[i + 1]) : system[i]);
    const j = evaluate(gold, joined);
    assert.deepEqual(j.Tokens, r.Tokens);
    assert.deepEqual(j.Words, r.Words);
    assert.deepEqual(j.UPOS, r.UPOS);
    assert.notEqual(j.Sentences.f1, 1);
  });

  test('multiword tokens left unsplit cost their words but not their tokens', () => {
    const system = copy(gold);
    let lost = 0;
    for (const s of system) {
      for (const m of [...s.multiwords].reverse()) {
        const n = m.last - m.first + 1;
        lost += n;
        // One word with the token's form; heads into the removed words go to it.
        const first = s.words[m.first - 1];
        const renumber = (id: number): number => (id > m.last ? id - n + 1 : id >= m.first ? m.first : id);
        const kept = s.words.filter((w) => w.id < m.first || w.id > m.last);
        kept.splice(m.first - 1, 0, { ...first, form: m.form });
        s.words = kept.map((w) => ({ ...w, id: renumber(w.id), head: w.head === 0 ? 0 : renumber(w.head) }));
      }
      s.multiwords = [];
      repairTree(s);
    }
    assert.ok(lost > 0);
    const r = evaluate(gold, system);
    assert.equal(r.Tokens.f1, 1);
    assert.equal(r.Words.correct, wordCount - lost);
    assert.equal(r.Words.systemTotal, wordCount - lost / 2);
  });
});
