/** The corruption generator on small CoNLL-U fixtures written for these tests. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConllu } from '../src/formats/conllu.js';
import { buildFormInventory, corruptSentence, generateCorruptions, sentenceCorruptions, type Corruption } from '../src/check/corrupt.js';

/** CoNLL-U from compact rows: id form lemma upos feats head deprel [misc]. */
function conllu(...sentences: string[][]): string {
  return sentences
    .map((rows) =>
      rows
        .map((r) => {
          if (r.startsWith('#')) return r;
          const [id, form, lemma, upos, feats, head, deprel, misc = '_'] = r.split(' ');
          return [id, form, lemma, upos, '_', feats, head, deprel, '_', misc].join('\t');
        })
        .join('\n'),
    )
    .join('\n\n')
    .concat('\n\n');
}

const FR = parseConllu(
  conllu(
    [
      '# sent_id = fr-1',
      '# text = Les enfants mangent une pomme verte.',
      '1 Les le DET Definite=Def|Number=Plur|PronType=Art 2 det',
      '2 enfants enfant NOUN Gender=Masc|Number=Plur 3 nsubj',
      '3 mangent manger VERB Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin 0 root',
      '4 une un DET Definite=Ind|Gender=Fem|Number=Sing|PronType=Art 5 det',
      '5 pomme pomme NOUN Gender=Fem|Number=Sing 3 obj',
      '6 verte vert ADJ Gender=Fem|Number=Sing 5 amod SpaceAfter=No',
      '7 . . PUNCT _ 3 punct',
    ],
    [
      '# sent_id = fr-2',
      '# text = Le chat mange un fruit vert.',
      '1 Le le DET Definite=Def|Gender=Masc|Number=Sing|PronType=Art 2 det',
      '2 chat chat NOUN Gender=Masc|Number=Sing 3 nsubj',
      '3 mange manger VERB Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin 0 root',
      '4 un un DET Definite=Ind|Gender=Masc|Number=Sing|PronType=Art 5 det',
      '5 fruit fruit NOUN Gender=Masc|Number=Sing 3 obj',
      '6 vert vert ADJ Gender=Masc|Number=Sing 5 amod SpaceAfter=No',
      '7 . . PUNCT _ 3 punct',
    ],
    [
      '# sent_id = fr-3',
      '# text = Il veut manger.',
      '1 Il il PRON Gender=Masc|Number=Sing|Person=3|PronType=Prs 2 nsubj',
      '2 veut vouloir VERB Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin 0 root',
      '3 manger manger VERB VerbForm=Inf 2 xcomp SpaceAfter=No',
      '4 . . PUNCT _ 2 punct',
    ],
    [
      '# sent_id = fr-4',
      '# text = Il a mangé.',
      '1 Il il PRON Gender=Masc|Number=Sing|Person=3|PronType=Prs 3 nsubj',
      '2 a avoir AUX Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin 3 aux',
      '3 mangé manger VERB Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part 0 root SpaceAfter=No',
      '4 . . PUNCT _ 3 punct',
    ],
    [
      '# sent_id = fr-5',
      '# text = Elles sont parties.',
      '1 Elles il PRON Gender=Fem|Number=Plur|Person=3|PronType=Prs 3 nsubj',
      '2 sont être AUX Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin 3 aux',
      '3 parties partir VERB Gender=Fem|Number=Plur|Tense=Past|VerbForm=Part 0 root SpaceAfter=No',
      '4 . . PUNCT _ 3 punct',
    ],
    [
      '# sent_id = fr-6',
      '# text = Il est parti.',
      '1 Il il PRON Gender=Masc|Number=Sing|Person=3|PronType=Prs 3 nsubj',
      '2 est être AUX Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin 3 aux',
      '3 parti partir VERB Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part 0 root SpaceAfter=No',
      '4 . . PUNCT _ 3 punct',
    ],
  ),
);

const EN = parseConllu(
  conllu(
    [
      '# sent_id = en-1',
      '# text = The reports show an increase.',
      '1 The the DET Definite=Def|PronType=Art 2 det',
      '2 reports report NOUN Number=Plur 3 nsubj',
      '3 show show VERB Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin 0 root',
      '4 an a DET Definite=Ind|PronType=Art 5 det',
      '5 increase increase NOUN Number=Sing 3 obj SpaceAfter=No',
      '6 . . PUNCT _ 3 punct',
    ],
    [
      '# sent_id = en-2',
      '# text = The report shows a drop.',
      '1 The the DET Definite=Def|PronType=Art 2 det',
      '2 report report NOUN Number=Sing 3 nsubj',
      '3 shows show VERB Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin 0 root',
      '4 a a DET Definite=Ind|PronType=Art 5 det',
      '5 drop drop NOUN Number=Sing 3 obj SpaceAfter=No',
      '6 . . PUNCT _ 3 punct',
    ],
  ),
);

/** The corrupted text with the expected fix put back. */
function restored(c: Corruption): string {
  return c.text.slice(0, c.start) + c.expected + c.text.slice(c.end);
}

describe('corruption generator', () => {
  const frInventory = buildFormInventory(FR);
  const enInventory = buildFormInventory(EN);

  test('French kinds on a small fixture, with spans and fixes that restore the sentence', () => {
    const all = FR.flatMap((s, i) => sentenceCorruptions(s, 'fr', frInventory, undefined, i));
    const got = all.map((c) => `${c.kind}: ${c.text.slice(c.start, c.end)} ← ${c.expected}`).sort();
    for (const expected of [
      'fr.subject-verb: mangent ← mange',
      'fr.subject-verb: mange ← mangent',
      'fr.finite-to-infinitive: manger ← mangent',
      'fr.determiner: un ← une',
      'fr.determiner: Le ← Les',
      'fr.adjective: vert ← verte',
      'fr.adjective: verte ← vert',
      'fr.infinitive-to-participle: mangé ← manger',
      'fr.participle-etre: parti ← parties',
      'fr.participle-etre: parties ← parti',
      'fr.dropped-determiner: pomme ← une pomme',
    ]) {
      assert.ok(got.includes(expected), `missing ${expected} in ${JSON.stringify(got, null, 1)}`);
    }
    for (const c of all) {
      const source = FR.find((s) => s.comments.includes(`# sent_id = ${c.sentId}`))!;
      assert.equal(restored(c), source.comments.find((x) => x.startsWith('# text = '))!.slice('# text = '.length));
      assert.notEqual(c.text.slice(c.start, c.end).toLowerCase(), c.expected.toLowerCase());
    }
    const dropped = all.find((c) => c.kind === 'fr.dropped-determiner')!;
    assert.equal(dropped.text, 'Les enfants mangent pomme verte.');
  });

  test('English subject–verb and a/an', () => {
    const all = EN.flatMap((s, i) => sentenceCorruptions(s, 'en', enInventory, undefined, i));
    const got = all.map((c) => `${c.kind}: ${c.text}`).sort();
    assert.deepEqual(got, [
      'en.a-an: The report shows an drop.',
      'en.a-an: The reports show a increase.',
      'en.subject-verb: The report show a drop.',
      'en.subject-verb: The reports shows an increase.',
    ]);
  });

  test('no corruption without a real, differently spelled substitute', () => {
    // Only one form of "manger" is known: no subject–verb or infinitive corruption is possible.
    const inventory = buildFormInventory([FR[0]]);
    const kinds = sentenceCorruptions(FR[0], 'fr', inventory).map((c) => c.kind);
    assert.ok(!kinds.includes('fr.subject-verb'));
    assert.ok(!kinds.includes('fr.finite-to-infinitive'));
    assert.ok(!kinds.includes('fr.determiner'));
    assert.ok(kinds.includes('fr.dropped-determiner'));
  });

  test('deterministic for a seed, balanced over kinds, restricted to requested kinds', () => {
    const a = generateCorruptions(FR, 'fr', frInventory, { count: 7, seed: 42 });
    const b = generateCorruptions(FR, 'fr', frInventory, { count: 7, seed: 42 });
    assert.deepEqual(a, b);
    assert.equal(a.length, 7);
    assert.equal(new Set(a.map((c) => c.kind)).size, 7);
    const only = generateCorruptions(FR, 'fr', frInventory, { count: 3, seed: 1, kinds: ['fr.determiner'] });
    assert.ok(only.length > 0 && only.every((c) => c.kind === 'fr.determiner'));
    const one = corruptSentence(FR[0], 'fr', frInventory, 5);
    assert.deepEqual(one, corruptSentence(FR[0], 'fr', frInventory, 5));
    assert.ok(one);
    assert.equal(corruptSentence(FR[0], 'fr', frInventory, 5, ['fr.participle-etre']), null);
  });
});
