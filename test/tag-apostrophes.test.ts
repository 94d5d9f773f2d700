/**
 * Typographic apostrophes: news text writes "C’est", "L’État", "don’t"; the treebanks the models
 * learn from write ' (French) or mostly ' (English). Tags and trees must not depend on which one.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTagger } from '../src/tag/tagger.js';
import { foldApostrophes } from '../src/tag/word-info.js';
import { normalizeForm } from '../src/parse/encode.js';

describe('typographic apostrophes', () => {
  test('foldApostrophes writes ’ and ʼ as \' and leaves other forms as they are', () => {
    assert.equal(foldApostrophes('C’'), "C'");
    assert.equal(foldApostrophes('aujourdʼhui'), "aujourd'hui");
    const plain = 'maison';
    assert.equal(foldApostrophes(plain), plain);
    assert.equal(normalizeForm('L’État'), "l'état");
  });

  test('French: the same tags with ’ as with \'', () => {
    const tagger = loadTagger('fr');
    for (const [curly, straight] of [
      [['C’', 'est', 'une', 'bonne', 'idée', '.'], ["C'", 'est', 'une', 'bonne', 'idée', '.']],
      [['L’', 'association', 'a', 'distribué', 'des', 'repas', '.'], ["L'", 'association', 'a', 'distribué', 'des', 'repas', '.']],
      [['Il', 'n’', 'a', 'pas', 'dit', 'qu’', 'il', 'partait', '.'], ['Il', "n'", 'a', 'pas', 'dit', "qu'", 'il', 'partait', '.']],
    ]) {
      assert.deepEqual(tagger.tag(curly).upos, tagger.tag(straight).upos, curly.join(' '));
    }
    assert.equal(tagger.tag(['C’', 'est', 'vrai', '.']).upos[0], 'PRON');
  });

  test('English: the same tags with ’ as with \'', () => {
    const tagger = loadTagger('en');
    assert.deepEqual(tagger.tag(['It', '’s', 'the', 'mayor', '’s', 'car', '.']).upos, tagger.tag(['It', "'s", 'the', 'mayor', "'s", 'car', '.']).upos);
  });
});
