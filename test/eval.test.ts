/**
 * The CoNLL 2018 evaluation on small gold/system pairs written for these tests. Every expected
 * figure below is what the official conll18_ud_eval.py (v1.2) gives on the same pair of files.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/models.js';
import { parseConllu, type ConlluSentence } from '../src/formats/conllu.js';
import { evaluate, evalResultToJson, formatEvalTable, formatPercent, METRICS, type Metric } from '../src/eval/conll18.js';
import { VigieError } from '../src/errors.js';

const FIXTURES = join(packageRoot, 'test', 'fixtures', 'conllu');

function load(name: string): ConlluSentence[] {
  return parseConllu(readFileSync(join(FIXTURES, name), 'utf8'), name);
}

/** [correct, gold total, system total, aligned total (null: not a metric on aligned words)]. */
type Counts = [number, number, number, number | null];

const EXPECTED: Record<string, { gold: string; counts: Record<Metric, Counts> }> = {
  // "du" left whole, "n'a" one token, "10 000" two tokens.
  'fr-sys-tokens.conllu': {
    gold: 'fr-gold.conllu',
    counts: {
      Tokens: [19, 22, 22, null], Sentences: [3, 3, 3, null], Words: [20, 25, 24, null],
      UPOS: [20, 25, 24, 20], XPOS: [20, 25, 24, 20], UFeats: [20, 25, 24, 20], AllTags: [20, 25, 24, 20],
      Lemmas: [20, 25, 24, 20], UAS: [20, 25, 24, 20], LAS: [20, 25, 24, 20],
      CLAS: [11, 13, 13, 11], MLAS: [9, 13, 13, 11], BLEX: [11, 13, 13, 11],
    },
  },
  // "du" → de + la, "au" → À + le (case is ignored), "aux" → à + le + s.
  'fr-sys-multiwords.conllu': {
    gold: 'fr-gold.conllu',
    counts: {
      Tokens: [22, 22, 22, null], Sentences: [3, 3, 3, null], Words: [23, 25, 26, null],
      UPOS: [23, 25, 26, 23], XPOS: [23, 25, 26, 23], UFeats: [23, 25, 26, 23], AllTags: [23, 25, 26, 23],
      Lemmas: [23, 25, 26, 23], UAS: [23, 25, 26, 23], LAS: [23, 25, 26, 23],
      CLAS: [13, 13, 14, 13], MLAS: [11, 13, 14, 13], BLEX: [13, 13, 14, 13],
    },
  },
  // The first sentence cut in two, its second half joined to the next sentence.
  'fr-sys-sentences.conllu': {
    gold: 'fr-gold.conllu',
    counts: {
      Tokens: [22, 22, 22, null], Sentences: [1, 3, 3, null], Words: [25, 25, 25, null],
      UPOS: [25, 25, 25, 25], XPOS: [25, 25, 25, 25], UFeats: [25, 25, 25, 25], AllTags: [25, 25, 25, 25],
      Lemmas: [25, 25, 25, 25], UAS: [22, 25, 25, 25], LAS: [22, 25, 25, 25],
      CLAS: [11, 13, 13, 13], MLAS: [11, 13, 13, 13], BLEX: [11, 13, 13, 13],
    },
  },
  // Wrong heads and labels; "obl:tmod" against "obl" is right (subtypes are ignored).
  'en-sys-deps.conllu': {
    gold: 'en-gold.conllu',
    counts: {
      Tokens: [13, 13, 13, null], Sentences: [2, 2, 2, null], Words: [14, 14, 14, null],
      UPOS: [14, 14, 14, 14], XPOS: [14, 14, 14, 14], UFeats: [14, 14, 14, 14], AllTags: [14, 14, 14, 14],
      Lemmas: [14, 14, 14, 14], UAS: [10, 14, 14, 14], LAS: [8, 14, 14, 14],
      CLAS: [5, 9, 9, 9], MLAS: [4, 9, 9, 9], BLEX: [5, 9, 9, 9],
    },
  },
  // Wrong UPOS/XPOS/lemmas; features reordered, with non-universal ones added (still right) or
  // universal ones missing (wrong); a gold lemma "_" accepts any lemma; an empty node is ignored.
  'en-sys-tags.conllu': {
    gold: 'en-gold.conllu',
    counts: {
      Tokens: [13, 13, 13, null], Sentences: [2, 2, 2, null], Words: [14, 14, 14, null],
      UPOS: [11, 14, 14, 14], XPOS: [11, 14, 14, 14], UFeats: [11, 14, 14, 14], AllTags: [9, 14, 14, 14],
      Lemmas: [10, 14, 14, 14], UAS: [14, 14, 14, 14], LAS: [14, 14, 14, 14],
      CLAS: [9, 9, 9, 9], MLAS: [5, 9, 9, 9], BLEX: [5, 9, 9, 9],
    },
  },
  // "don't" as one word, "New York" as one token (spaces do not count), one sentence for two.
  'en-sys-tokens.conllu': {
    gold: 'en-gold.conllu',
    counts: {
      Tokens: [11, 13, 12, null], Sentences: [0, 2, 1, null], Words: [10, 14, 12, null],
      UPOS: [10, 14, 12, 10], XPOS: [10, 14, 12, 10], UFeats: [10, 14, 12, 10], AllTags: [10, 14, 12, 10],
      Lemmas: [10, 14, 12, 10], UAS: [8, 14, 12, 10], LAS: [8, 14, 12, 10],
      CLAS: [5, 9, 7, 6], MLAS: [4, 9, 7, 6], BLEX: [5, 9, 7, 6],
    },
  },
};

describe('CoNLL 2018 evaluation', () => {
  for (const gold of ['fr-gold.conllu', 'en-gold.conllu']) {
    test(`${gold} against itself scores 100 everywhere`, () => {
      const g = load(gold);
      const r = evaluate(g, load(gold));
      for (const m of METRICS) {
        assert.equal(r[m].f1, 1, m);
        assert.equal(r[m].precision, 1, m);
        assert.equal(r[m].recall, 1, m);
        assert.equal(r[m].alignedAccuracy, m === 'Tokens' || m === 'Sentences' || m === 'Words' ? null : 1, m);
      }
    });
  }

  for (const [system, { gold, counts }] of Object.entries(EXPECTED)) {
    test(`${system} against ${gold} gives the official scorer's counts`, () => {
      const r = evaluate(load(gold), load(system));
      for (const m of METRICS) {
        const [correct, goldTotal, systemTotal, aligned] = counts[m];
        const s = r[m];
        assert.deepEqual([s.correct, s.goldTotal, s.systemTotal, s.alignedTotal], counts[m], m);
        assert.equal(s.precision, correct / systemTotal, m);
        assert.equal(s.recall, correct / goldTotal, m);
        assert.equal(s.f1, (2 * correct) / (goldTotal + systemTotal), m);
        assert.equal(s.alignedAccuracy, aligned === null ? null : correct / aligned, m);
      }
    });
  }

  test('the table has the official scorer layout and figures', () => {
    const table = formatEvalTable(evaluate(load('en-gold.conllu'), load('en-sys-tokens.conllu')));
    assert.equal(
      table,
      [
        'Metric     | Precision |    Recall |  F1 Score | AligndAcc',
        '-----------+-----------+-----------+-----------+-----------',
        'Tokens     |     91.67 |     84.62 |     88.00 |',
        'Sentences  |      0.00 |      0.00 |      0.00 |',
        'Words      |     83.33 |     71.43 |     76.92 |',
        'UPOS       |     83.33 |     71.43 |     76.92 |    100.00',
        'XPOS       |     83.33 |     71.43 |     76.92 |    100.00',
        'UFeats     |     83.33 |     71.43 |     76.92 |    100.00',
        'AllTags    |     83.33 |     71.43 |     76.92 |    100.00',
        'Lemmas     |     83.33 |     71.43 |     76.92 |    100.00',
        'UAS        |     66.67 |     57.14 |     61.54 |     80.00',
        'LAS        |     66.67 |     57.14 |     61.54 |     80.00',
        'CLAS       |     71.43 |     55.56 |     62.50 |     83.33',
        'MLAS       |     57.14 |     44.44 |     50.00 |     66.67',
        'BLEX       |     71.43 |     55.56 |     62.50 |     83.33',
      ].join('\n'),
    );
  });

  test('percentages round like Python\'s "{:.2f}", ties to even', () => {
    // Expected strings are Python's for 100 * fraction.
    const cases: [number, string][] = [
      [1 / 800, '0.12'], [3 / 800, '0.38'], [5 / 800, '0.62'], [7 / 800, '0.88'], [11 / 800, '1.38'],
      [0.12125, '12.12'], [0.5, '50.00'], [1 / 3, '33.33'], [2 / 3, '66.67'], [0, '0.00'], [1, '100.00'],
      [0.123456, '12.35'], [999 / 8000, '12.49'], [0.99995, '100.00'], [0.00005, '0.01'],
    ];
    for (const [fraction, text] of cases) assert.equal(formatPercent(fraction), text, String(fraction));
  });

  test('JSON form holds fractions and null aligned accuracy where the metric has none', () => {
    const json = evalResultToJson(evaluate(load('fr-gold.conllu'), load('fr-sys-tokens.conllu')));
    assert.deepEqual(Object.keys(json), [...METRICS]);
    assert.deepEqual(json.Tokens, { precision: 19 / 22, recall: 19 / 22, f1: 19 / 22, aligned_accuracy: null });
    assert.deepEqual(json.MLAS, { precision: 9 / 13, recall: 9 / 13, f1: 9 / 13, aligned_accuracy: 9 / 11 });
  });

  test('scores are symmetric: swapping gold and system swaps precision and recall', () => {
    const a = evaluate(load('en-gold.conllu'), load('en-sys-tokens.conllu'));
    const b = evaluate(load('en-sys-tokens.conllu'), load('en-gold.conllu'));
    for (const m of ['Tokens', 'Sentences', 'Words', 'UPOS', 'UAS', 'LAS'] as const) {
      assert.equal(a[m].precision, b[m].recall, m);
      assert.equal(a[m].f1, b[m].f1, m);
    }
  });
});

/**
 * One sentence from token specs: "abc a b c" is the multiword token "abc" with words a, b, c;
 * "ab" is a plain token. Word 1 is the root, every other word hangs from it.
 */
function tokensSentence(specs: string[]): ConlluSentence[] {
  const lines: string[] = [];
  let n = 0;
  const wordLine = (form: string): string => {
    n++;
    return `${n}\t${form}\t_\t_\t_\t_\t${n > 1 ? 1 : 0}\t_\t_\t_`;
  };
  for (const spec of specs) {
    const [form, ...parts] = spec.split(' ');
    if (parts.length === 0) lines.push(wordLine(form));
    else {
      lines.push(`${n + 1}-${n + parts.length}\t${form}\t_\t_\t_\t_\t_\t_\t_\t_`);
      for (const p of parts) lines.push(wordLine(p));
    }
  }
  return parseConllu(`${lines.join('\n')}\n\n`, 'spec');
}

describe('word alignment (the reference scorer\'s own cases)', () => {
  const cases: [string[], string[], number][] = [
    [['a'], ['a'], 1],
    [['a', 'b', 'c'], ['a', 'b', 'c'], 3],
    [['abc a b c'], ['a', 'b', 'c'], 3],
    [['a', 'bc b c', 'd'], ['a', 'b', 'c', 'd'], 4],
    [['abcd a b c d'], ['ab a b', 'cd c d'], 4],
    [['abc a b c', 'de d e'], ['a', 'bcd b c d', 'e'], 5],
    [['abcd'], ['a', 'b', 'c', 'd'], 0],
    [['abc', 'd'], ['a', 'b', 'c', 'd'], 1],
    [['a', 'bc', 'd'], ['a', 'b', 'c', 'd'], 2],
    [['a', 'bc b c', 'd'], ['a', 'b', 'cd'], 2],
    [['abc a BX c', 'def d EX f'], ['ab a b', 'cd c d', 'ef e f'], 4],
    [['ab a b', 'cd bc d'], ['a', 'bc', 'd'], 2],
    [['a', 'bc b c', 'd'], ['ab AX BX', 'cd CX a'], 1],
  ];
  const words = (specs: string[]): number => specs.reduce((n, s) => n + Math.max(1, s.split(' ').length - 1), 0);
  for (const [gold, system, correct] of cases) {
    test(`${JSON.stringify(gold)} against ${JSON.stringify(system)}: ${correct} aligned`, () => {
      const r = evaluate(tokensSentence(gold), tokensSentence(system));
      assert.deepEqual([r.Words.correct, r.Words.goldTotal, r.Words.systemTotal], [correct, words(gold), words(system)]);
      assert.equal(r.Words.f1, (2 * correct) / (words(gold) + words(system)));
    });
  }
  test('different characters are refused', () => {
    assert.throws(() => evaluate(tokensSentence(['a']), tokensSentence(['b'])), /concatenation of tokens .* differ/);
  });
});

describe('CoNLL 2018 evaluation errors', () => {
  const message = (gold: string, system: string): string => {
    try {
      evaluate(load(gold), load(system), { goldName: gold, systemName: system });
    } catch (err) {
      assert.ok(err instanceof VigieError, String(err));
      assert.ok(!err.message.includes('\n'), 'one line');
      return err.message;
    }
    assert.fail('no error');
  };

  test('different underlying text names the first differing characters', () => {
    assert.equal(
      message('en-gold.conllu', 'en-sys-text.conllu'),
      "The concatenation of tokens in gold file and in system file differ! First 20 differing characters in gold file: 'Yorktoday.' and system file: 'Jerseytoday.'",
    );
  });

  test('a cycle is refused, naming the file and sentence', () => {
    assert.match(message('en-gold.conllu', 'en-sys-cycle.conllu'), /^en-sys-cycle\.conllu: sentence 2 \(sent_id en-2\): there is a cycle/);
  });

  test('two roots are refused', () => {
    assert.match(message('en-gold.conllu', 'en-sys-roots.conllu'), /^en-sys-roots\.conllu: sentence 2 \(sent_id en-2\): there are 2 roots/);
  });

  test('the gold file is checked too', () => {
    assert.match(message('en-sys-roots.conllu', 'en-gold.conllu'), /^en-sys-roots\.conllu: .*2 roots/);
  });

  test('HEAD "_" is refused unless allowed, and then never counts as attached', () => {
    const gold = load('en-gold.conllu');
    const system = load('en-gold.conllu');
    for (const w of system[1].words) w.head = -1;
    assert.throws(() => evaluate(gold, system), /sentence 2 \(sent_id en-2\): word 1 has no HEAD/);
    const r = evaluate(gold, system, { allowMissingHeads: true });
    assert.equal(r.UPOS.f1, 1);
    assert.equal(r.UAS.correct, 7);
    assert.equal(r.LAS.correct, 7);
  });

  test('a token made only of spaces is refused', () => {
    const gold = load('en-gold.conllu');
    const system = load('en-gold.conllu');
    system[0].words[0].form = '\u00a0';
    assert.throws(() => evaluate(gold, system), /sentence 1 \(sent_id en-1\): token 1 has an empty FORM/);
  });
});
