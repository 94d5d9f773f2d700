/**
 * The dependency parser: transition system and oracle on trees written here, bad input (long,
 * punctuation-only, one-word sentences), a tiny model trained and reloaded from a fixture the
 * test writes, and the committed French and English models on sentences written here.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConllu } from '../src/formats/conllu.js';
import { ArcHybridState, GoldTree, TRANSITION_COUNT, transitionCosts } from '../src/parse/arc-hybrid.js';
import { isValidTree, projectivize, isProjectiveArc } from '../src/parse/tree.js';
import { collectLabels, inputWords, trainParserModel, trainingSentences, DEFAULT_TRAINING } from '../src/parse/train.js';
import { labelSet } from '../src/parse/parser.js';
import type { ParserInput } from '../src/parse/encode.js';
import { loadParser, loadParserFile, parserModelPath, saveParser } from '../src/parse/index.js';
import { universalRelation } from '../src/parse/evaluate.js';

/** Three small French sentences with gold-like tags. */
const FIXTURE = `# sent_id = 1
1	Le	le	DET	_	Definite=Def|Gender=Masc|Number=Sing|PronType=Art	2	det	_	_
2	président	président	NOUN	_	Gender=Masc|Number=Sing	4	nsubj	_	_
3	a	avoir	AUX	_	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	4	aux:tense	_	_
4	nié	nier	VERB	_	Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part	0	root	_	_
5	les	le	DET	_	Definite=Def|Number=Plur|PronType=Art	6	det	_	_
6	accusations	accusation	NOUN	_	Gender=Fem|Number=Plur	4	obj	_	SpaceAfter=No
7	.	.	PUNCT	_	_	4	punct	_	_

# sent_id = 2
1	Elle	il	PRON	_	Gender=Fem|Number=Sing|Person=3|PronType=Prs	3	nsubj:pass	_	_
2	est	être	AUX	_	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	3	aux:pass	_	_
3	accusée	accuser	VERB	_	Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	_
4	par	par	ADP	_	_	6	case	_	_
5	le	le	DET	_	Definite=Def|Gender=Masc|Number=Sing|PronType=Art	6	det	_	_
6	ministre	ministre	NOUN	_	Gender=Masc|Number=Sing	3	obl:agent	_	SpaceAfter=No
7	.	.	PUNCT	_	_	3	punct	_	_

# sent_id = 3
1	Il	il	PRON	_	Gender=Masc|Number=Sing|Person=3|PronType=Prs	2	nsubj	_	_
2	parle	parler	VERB	_	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	_
3	de	de	ADP	_	_	5	case	_	_
4	la	le	DET	_	Definite=Def|Gender=Fem|Number=Sing|PronType=Art	5	det	_	_
5	réforme	réforme	NOUN	_	Gender=Fem|Number=Sing	2	obl:arg	_	_
6	et	et	CCONJ	_	_	7	cc	_	_
7	répond	répondre	VERB	_	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	2	conj	_	SpaceAfter=No
8	.	.	PUNCT	_	_	2	punct	_	_

`;

function word(form: string, upos: string, lemma = form.toLowerCase(), feats = '_'): ParserInput {
  return { form, lemma, upos, xpos: '_', feats };
}

/** Follows the zero-cost transitions of the dynamic oracle from the initial state. */
function oracleParse(heads: number[]): Int32Array {
  const n = heads.length;
  const gold = new GoldTree(heads, new Array(n).fill(0));
  const st = new ArcHybridState(n, 1);
  const costs = new Float64Array(TRANSITION_COUNT);
  while (!st.isTerminal()) {
    transitionCosts(st, gold, costs);
    let t = 0;
    while (costs[t] !== 0) t++;
    st.apply(t, 0);
  }
  assert.equal(st.steps, 2 * n);
  return Int32Array.from(st.heads.subarray(0, n), (h) => (h === n ? -1 : h));
}

describe('tree utilities', () => {
  test('isValidTree accepts trees and rejects cycles, several roots, no root', () => {
    assert.equal(isValidTree([1, -1, 1]), true);
    assert.equal(isValidTree([-1]), true);
    assert.equal(isValidTree([1, 0, -1]), false);
    assert.equal(isValidTree([-1, -1]), false);
    assert.equal(isValidTree([1, 0]), false);
    assert.equal(isValidTree([3, -1]), false);
  });

  test('projectivize lifts crossing arcs until the tree is projective', () => {
    // 0 ← 2 crosses 1 → 3: "A hearing is scheduled on the issue today" style.
    const heads = Int32Array.from([2, -1, 1, 0]);
    assert.equal(isProjectiveArc(heads, 3), false);
    const lifts = projectivize(heads);
    assert.ok(lifts >= 1);
    for (let d = 0; d < heads.length; d++) assert.ok(isProjectiveArc(heads, d));
    assert.ok(isValidTree(heads));
  });
});

describe('arc-hybrid dynamic oracle', () => {
  test('zero-cost transitions rebuild any projective tree in 2n steps', () => {
    const trees = [[-1], [1, -1], [-1, 0], [1, 3, 3, -1, 3, 4, 3], [2, 2, -1, 4, 2, 6, 2], [-1, 0, 1, 2, 3]];
    for (const t of trees) assert.deepEqual([...oracleParse(t)], t);
  });
});

describe('bad input stays linear and valid', () => {
  const parser = existsSync(parserModelPath('fr')) ? loadParser('fr') : null;

  test('a 2,000-word sentence', { skip: parser === null }, () => {
    const words: ParserInput[] = [];
    const cycle = [word('le', 'DET'), word('chat', 'NOUN'), word('mange', 'VERB'), word(',', 'PUNCT'), word('et', 'CCONJ'), word('très', 'ADV')];
    for (let i = 0; i < 2000; i++) words.push(cycle[i % cycle.length]);
    const r = parser!.parse(words);
    assert.equal(r.transitions, 4000);
    assert.ok(isValidTree(r.heads));
    assert.equal(r.deprels.filter((d) => d === 'root').length, 1);
  });

  test('punctuation only, one word, no word', { skip: parser === null }, () => {
    for (const words of [[word('.', 'PUNCT'), word('!', 'PUNCT'), word('…', 'PUNCT')], [word('Bonjour', 'INTJ')], [word('?', 'PUNCT')]]) {
      const r = parser!.parse(words);
      assert.equal(r.transitions, 2 * words.length);
      assert.ok(isValidTree(r.heads));
      assert.equal(r.deprels.filter((d) => d === 'root').length, 1);
      for (let i = 0; i < words.length; i++) assert.equal(r.deprels[i] === 'root', r.heads[i] === -1);
    }
    assert.equal(parser!.parse([]).heads.length, 0);
  });

  test('unknown tags and empty columns', { skip: parser === null }, () => {
    const r = parser!.parse([
      { form: 'zzz', lemma: '_', upos: '_', xpos: '_', feats: '_' },
      { form: 'qqq', lemma: '', upos: 'BOGUS', xpos: '', feats: 'Weird' },
    ]);
    assert.ok(isValidTree(r.heads));
  });
});

describe('training on a fixture', () => {
  test('a model trained on three sentences parses them back after save and load', () => {
    const sentences = parseConllu(FIXTURE, 'fixture');
    const labelNames = collectLabels(sentences);
    const words = sentences.map(inputWords);
    const train = trainingSentences(sentences, words, labelSet(labelNames));
    const trained = trainParserModel(train, { gold: sentences, words }, labelNames, { ...DEFAULT_TRAINING, epochs: 8, minUpdates: 0, labelMinUpdates: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'vigie-parse-'));
    try {
      const path = join(dir, 'parser.bin');
      saveParser(path, trained.transitions, trained.labeller, { lang: 'fr', labels: labelNames, training: {} });
      const { parser } = loadParserFile(path);
      for (let s = 0; s < sentences.length; s++) {
        const r = parser.parse(words[s]);
        assert.deepEqual([...r.heads], sentences[s].words.map((w) => w.head - 1));
        assert.deepEqual(r.deprels, sentences[s].words.map((w) => w.deprel));
        // Loading packs the file's Int16 arrays directly: it must score as the trained model does.
        const inMemory = trained.parser.parse(words[s]);
        assert.deepEqual([...r.heads], [...inMemory.heads]);
        assert.deepEqual(r.deprels, inMemory.deprels);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('committed models', () => {
  const fr = existsSync(parserModelPath('fr')) ? loadParser('fr') : null;
  const en = existsSync(parserModelPath('en')) ? loadParser('en') : null;

  test('French: "Le président a nié les accusations."', { skip: fr === null }, () => {
    const sentence = parseConllu(FIXTURE, 'fixture')[0];
    const r = fr!.parse(inputWords(sentence));
    assert.deepEqual([...r.heads], [1, 3, 3, -1, 5, 3, 3]);
    assert.deepEqual(r.deprels.map(universalRelation), ['det', 'nsubj', 'aux', 'root', 'det', 'obj', 'punct']);
  });

  test('French: a passive with an agent', { skip: fr === null }, () => {
    const sentence = parseConllu(FIXTURE, 'fixture')[1];
    const r = fr!.parse(inputWords(sentence));
    assert.deepEqual([...r.heads], [2, 2, -1, 5, 5, 2, 2]);
    assert.deepEqual(r.deprels.slice(0, 3), ['nsubj:pass', 'aux:pass', 'root']);
    assert.equal(r.deprels[5], 'obl:agent');
  });

  test('English: "The minister strongly denied the allegations."', { skip: en === null }, () => {
    const words = [
      { form: 'The', lemma: 'the', upos: 'DET', xpos: 'DT', feats: 'Definite=Def|PronType=Art' },
      { form: 'minister', lemma: 'minister', upos: 'NOUN', xpos: 'NN', feats: 'Number=Sing' },
      { form: 'strongly', lemma: 'strongly', upos: 'ADV', xpos: 'RB', feats: '_' },
      { form: 'denied', lemma: 'deny', upos: 'VERB', xpos: 'VBD', feats: 'Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin' },
      { form: 'the', lemma: 'the', upos: 'DET', xpos: 'DT', feats: 'Definite=Def|PronType=Art' },
      { form: 'allegations', lemma: 'allegation', upos: 'NOUN', xpos: 'NNS', feats: 'Number=Plur' },
      { form: '.', lemma: '.', upos: 'PUNCT', xpos: '.', feats: '_' },
    ];
    const r = en!.parse(words);
    assert.ok(isValidTree(r.heads));
    assert.deepEqual([...r.heads], [1, 3, 3, -1, 5, 3, 3]);
    assert.deepEqual(r.deprels, ['det', 'nsubj', 'advmod', 'root', 'det', 'obj', 'punct']);
  });

  test('outputs are single-rooted trees with relations seen in training', { skip: fr === null }, () => {
    const { meta } = loadParserFile(parserModelPath('fr'));
    assert.ok(!meta.labels.includes('root'));
    const known = new Set([...meta.labels, 'root']);
    for (const sentence of parseConllu(FIXTURE, 'fixture')) {
      const r = fr!.parse(inputWords(sentence));
      assert.ok(isValidTree(r.heads));
      assert.equal(r.deprels.filter((d) => d === 'root').length, 1);
      for (const d of r.deprels) assert.ok(known.has(d), d);
    }
  });
});
