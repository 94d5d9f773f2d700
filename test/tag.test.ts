import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTagger } from '../src/tag/index.js';
import { loadLemmatizer } from '../src/lemmatize/index.js';
import { pruneWeights, trainTagger } from '../src/tag/train.js';
import { Perceptron } from '../src/learn/perceptron.js';
import { trainLemmatizer } from '../src/lemmatize/train.js';
import { parseConllu } from '../src/formats/conllu.js';
import { conlluToDocument } from '../src/formats/document-conllu.js';
import { taggerStage } from '../src/tag/stage.js';
import { lemmatizerStage } from '../src/lemmatize/stage.js';
import { VigieError } from '../src/errors.js';
import { main } from '../src/cli/main.js';

const UPOS = new Set(['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X']);
const FEATS = /^(_|[A-Za-z0-9[\]]+=[A-Za-z0-9,]+(\|[A-Za-z0-9[\]]+=[A-Za-z0-9,]+)*)$/;

function feature(feats: string, name: string): string | undefined {
  for (const part of feats.split('|')) {
    const [k, v] = part.split('=');
    if (k === name) return v;
  }
  return undefined;
}

test('French: "Les États-Unis démentent leur rôle."', () => {
  const t = loadTagger('fr').tag(['Les', 'États-Unis', 'démentent', 'leur', 'rôle', '.']);
  assert.deepEqual(t.upos, ['DET', 'PROPN', 'VERB', 'DET', 'NOUN', 'PUNCT']);
  assert.equal(feature(t.feats[2], 'Number'), 'Plur');
  assert.equal(feature(t.feats[2], 'Person'), '3');
  assert.equal(feature(t.feats[4], 'Gender'), 'Masc');
  assert.equal(t.xpos.every((x) => x === '_'), true, 'French treebanks have no XPOS');
});

test('French: a longer news sentence gets sensible tags', () => {
  const forms = ['Le', 'ministre', 'a', 'annoncé', 'mardi', 'que', 'les', 'élections', 'auraient', 'lieu', 'en', 'mars', '.'];
  const t = loadTagger('fr').tag(forms);
  // "auraient lieu" is VERB in the treebanks ("avoir lieu"); AUX is the tagger's usual mistake there.
  assert.deepEqual(
    t.upos.map((u, i) => (i === 8 && u === 'AUX' ? 'VERB' : u)),
    ['DET', 'NOUN', 'AUX', 'VERB', 'NOUN', 'SCONJ', 'DET', 'NOUN', 'VERB', 'NOUN', 'ADP', 'NOUN', 'PUNCT'],
  );
  assert.equal(feature(t.feats[3], 'VerbForm'), 'Part');
  assert.equal(feature(t.feats[7], 'Gender'), 'Fem');
  assert.equal(feature(t.feats[8], 'Mood'), 'Cnd');
});

test('English: "The president denied the claims on Tuesday."', () => {
  const t = loadTagger('en').tag(['The', 'president', 'denied', 'the', 'claims', 'on', 'Tuesday', '.']);
  assert.deepEqual(t.upos, ['DET', 'NOUN', 'VERB', 'DET', 'NOUN', 'ADP', 'PROPN', 'PUNCT']);
  assert.deepEqual(t.xpos, ['DT', 'NN', 'VBD', 'DT', 'NNS', 'IN', 'NNP', '.']);
  assert.equal(feature(t.feats[2], 'Tense'), 'Past');
  assert.equal(feature(t.feats[4], 'Number'), 'Plur');
});

test('conventions: French model follows Sequoia by default and GSD on request', () => {
  const tagger = loadTagger('fr');
  assert.deepEqual(tagger.meta.conventions, ['sequoia', 'gsd']);
  assert.equal(tagger.meta.defaultConvention, 'sequoia');
  const forms = ['Il', 'a', 'deux', 'enfants', '.'];
  assert.equal(tagger.tag(forms).feats[2], 'NumType=Card');
  assert.equal(tagger.tag(forms, { convention: 'gsd' }).feats[2], 'Number=Plur');
  assert.throws(() => tagger.tag(forms, { convention: 'ftb' }), VigieError);
});

test('odd input: long words, other scripts, all caps, digits, URLs give valid tags', () => {
  for (const lang of ['fr', 'en'] as const) {
    const tagger = loadTagger(lang);
    const lemmatizer = loadLemmatizer(lang);
    const sentences = [
      ['x'.repeat(10_000)],
      ['Ж'.repeat(10_000), 'é'.repeat(5000), '.'],
      ['北京', 'مرحبا', '🙂', 'ऩ', '\u0301', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'],
      ['LE', 'GOUVERNEMENT', 'DÉMENT', 'TOUT', '!'],
      ['THE', 'GOVERNMENT', 'DENIES', 'EVERYTHING', '!'],
      ['2024', '3,5', '1.000.000', '12:30', '+33', '06.12.34.56.78', '42e'],
      ['https://example.org/a/b?c=d&e=f', 'www.example.com', 'contact@example.fr', '#tag', '@user'],
      [],
    ];
    for (const forms of sentences) {
      const t = tagger.tag(forms);
      assert.equal(t.upos.length, forms.length);
      forms.forEach((form, i) => {
        assert.ok(UPOS.has(t.upos[i]), `${lang} ${form.slice(0, 20)}: UPOS ${t.upos[i]}`);
        assert.match(t.feats[i], FEATS);
        assert.ok(t.xpos[i].length > 0);
        const lemma = lemmatizer.lemmatize(form, t.upos[i], t.feats[i], i === 0);
        assert.ok(lemma.length > 0, `${lang} ${form.slice(0, 20)}: empty lemma`);
        assert.ok(!/\s/.test(lemma), 'no whitespace in a lemma');
      });
    }
  }
});

test('the cached fast path gives exactly the tags of the direct feature-by-feature computation', () => {
  const sentences: Record<'fr' | 'en', string[][]> = {
    fr: [
      ['Les', 'États-Unis', 'démentent', 'leur', 'rôle', '.'],
      ['Le', 'ministre', 'a', 'annoncé', 'mardi', 'que', 'les', 'élections', 'auraient', 'lieu', 'en', 'mars', '.'],
      ['«', 'Nous', 'ne', 'céderons', 'pas', '»', ',', 'a', 'déclaré', 'Jen', 'Psaki', ',', 'porte-parole', 'de', 'la', 'Maison', 'Blanche', '.'],
      ['LE', 'GOUVERNEMENT', 'DÉMENT', 'TOUT', '!'],
      ['Il', 'a', 'deux', 'enfants', '.'],
      ['x'.repeat(300)],
      ['Zorpifiait', 'les', 'blorguées', 'à', '12:30', ',', 'https://example.org/a', '.'],
    ],
    en: [
      ['The', 'president', 'denied', 'the', 'claims', 'on', 'Tuesday', '.'],
      ['"', 'We', 'will', 'not', 'back', 'down', ',', '"', 'said', 'Jen', 'Psaki', ',', 'the', 'White', 'House', 'spokeswoman', '.'],
      ['THE', 'GOVERNMENT', 'DENIES', 'EVERYTHING', '!'],
      ['She', "'s", 'blorked', 'the', 'glorbs', 'at', '12:30', 'www.example.com'],
      ['Hi'],
    ],
  };
  for (const lang of ['fr', 'en'] as const) {
    const tagger = loadTagger(lang);
    const conventions = lang === 'fr' ? ['sequoia', 'gsd'] : [undefined];
    // Twice: first with forms new to the caches, then with cached forms.
    for (let round = 0; round < 2; round++) {
      for (const forms of sentences[lang]) {
        for (const convention of conventions) {
          for (const singlePass of [false, true]) {
            const opts = { convention, singlePass };
            assert.deepEqual(tagger.tag(forms, opts), tagger.tagDirect(forms, opts), `${lang} ${convention} ${singlePass}: ${forms.join(' ')}`);
          }
        }
      }
    }
  }
});

test('the pipeline stages fill upos, xpos, feats and lemma of every word', () => {
  const conllu = [
    '# text = Du pain.',
    '1-2\tDu\t_\t_\t_\t_\t_\t_\t_\t_',
    '1\tde\tde\tADP\t_\t_\t3\tcase\t_\t_',
    '2\tle\tle\tDET\t_\t_\t3\tdet\t_\t_',
    '3\tpain\tpain\tNOUN\t_\t_\t0\troot\t_\tSpaceAfter=No',
    '4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_',
    '',
    '',
  ].join('\n');
  const doc = conlluToDocument(parseConllu(conllu), 'fr');
  const tag = taggerStage('fr');
  const lemma = lemmatizerStage('fr');
  assert.deepEqual(tag.assigns, ['words.upos', 'words.xpos', 'words.feats']);
  tag.run(doc);
  lemma.run(doc);
  const words = doc.sentences![0].words;
  assert.deepEqual(
    words.map((w) => w.upos),
    ['ADP', 'DET', 'NOUN', 'PUNCT'],
  );
  assert.deepEqual(
    words.map((w) => w.lemma),
    ['de', 'le', 'pain', '.'],
  );
  assert.ok(tag.model && tag.model.startsWith('tagger-fr'));
});

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-tag-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test('training on malformed or empty CoNLL-U fails with a clear error', async () => {
  const out = mkdtempSync(join(tmpdir(), 'vigie-tag-out-'));
  const malformed = tempFile('bad.conllu', '# text = a b\n1\ta\ta\tNOUN\t_\t_\t0\troot\t_\n2\tb\n\n');
  await assert.rejects(trainTagger({ lang: 'fr', data: malformed, out, seed: 1 }), (err: Error) => {
    assert.ok(err instanceof VigieError);
    assert.match(err.message, /bad\.conllu:2: expected 10 tab-separated columns/);
    return true;
  });
  const empty = tempFile('empty.conllu', '');
  await assert.rejects(trainLemmatizer({ lang: 'en', data: empty, out, seed: 1 }), /no sentences/);
  const untagged = tempFile('untagged.conllu', '1\ta\t_\t_\t_\t_\t_\t_\t_\t_\n\n');
  await assert.rejects(trainTagger({ lang: 'en', data: untagged, out, seed: 1 }), /no word has a UPOS tag/);
  await assert.rejects(trainTagger({ lang: 'en', data: join(out, 'missing.conllu'), out, seed: 1 }), /training data not found/);
});

test('`vigie train tagger --data bad.conllu` prints one line and exits non-zero', async () => {
  const malformed = tempFile('bad.conllu', '1\ta\ta\tNOUN\t_\t_\t0\troot\t_\t_\n1\tb\tb\tNOUN\t_\t_\t0\troot\t_\t_\n\n');
  const out = mkdtempSync(join(tmpdir(), 'vigie-tag-out-'));
  const errors: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => {
    errors.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  let code: number;
  try {
    code = await main(['node', 'vigie', 'train', 'tagger', '--lang', 'fr', '--data', malformed, '--out', out]);
  } finally {
    process.stderr.write = write;
  }
  assert.notEqual(code, 0);
  assert.match(errors.join(''), /bad\.conllu:2: word id 1 out of sequence/);
});

test('an ensemble of taggers trained on different shuffles tags its training data and is saved', async () => {
  // A small, made-up treebank: enough for the members to learn it, fast enough for a unit test.
  const sentences = [
    ['The', 'DET', 'cat', 'NOUN', 'sleeps', 'VERB', '.', 'PUNCT'],
    ['A', 'DET', 'dog', 'NOUN', 'runs', 'VERB', 'fast', 'ADV', '.', 'PUNCT'],
    ['Mary', 'PROPN', 'sees', 'VERB', 'the', 'DET', 'dog', 'NOUN', '.', 'PUNCT'],
    ['She', 'PRON', 'likes', 'VERB', 'big', 'ADJ', 'cats', 'NOUN', '.', 'PUNCT'],
  ];
  const text = sentences
    .map((s) => {
      const lines: string[] = [];
      for (let i = 0; i < s.length; i += 2) lines.push([i / 2 + 1, s[i], s[i].toLowerCase(), s[i + 1], '_', '_', i === 0 ? 2 : 0, i === 0 ? 'nsubj' : 'root', '_', '_'].join('\t'));
      return lines.join('\n');
    })
    .join('\n\n');
  const data = tempFile('tiny.conllu', `${text}\n\n`);
  const out = mkdtempSync(join(tmpdir(), 'vigie-tag-out-'));
  const lexicon = loadTagger('en').lexicon;
  const tagger = await trainTagger({ lang: 'en', data, out, seed: 3, ensemble: 2, lexicon, log: () => {} });
  for (const s of sentences) {
    const forms = s.filter((_, i) => i % 2 === 0);
    const gold = s.filter((_, i) => i % 2 === 1);
    assert.deepEqual(tagger.tag(forms).upos, gold);
  }
  assert.equal((tagger.meta.training as { ensemble: number }).ensemble, 2);
  assert.ok(existsSync(join(out, 'tagger.bin')));
});

test('pruneWeights drops small single weights and the rows they leave empty', () => {
  const rows = [
    [2, 0.1, -0.2],
    [0.1, -0.25, 0.05],
    [0, -1, 0.29],
  ];
  const p = Perceptron.fromRows(3, [11, 22, 33], (i, out) => out.set(rows[i]));
  const pruned = pruneWeights(p, 0.3);
  assert.equal(pruned.rows, 2, 'the row with no weight of 0.3 or more is gone');
  const scores = new Float32Array(3);
  pruned.score([11, 22, 33], 3, scores);
  assert.deepEqual([...scores], [2, -1, 0]);
});
