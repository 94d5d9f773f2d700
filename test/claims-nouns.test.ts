/**
 * Claims from speech nouns with an owner: the claim takes the extractor's quote on the same noun
 * (its owner as claimant, its clause as content), and a relative "that"/"que" makes no claim.
 * English and French sentences written for these tests (quotes stage alone).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stageClaims } from './quote-helpers.js';

describe('claims from speech nouns', () => {
  test('English: "His claim that …" is one claim of its owner; "the claim that was made" none', () => {
    const claims = stageClaims(
      ['The senator spoke to reporters on Tuesday.', 'Donald Trump repeated the story at a rally. His claim that the election was rigged was rejected by the court.', 'The claim that was made yesterday is false.'].join('\n\n'),
      'en',
    );
    const rigged = claims.filter((c) => c.content.text.includes('the election was rigged'));
    assert.equal(rigged.length, 1, JSON.stringify(claims));
    assert.equal(rigged[0].content.text, 'the election was rigged');
    assert.equal(rigged[0].claimant, 'Donald Trump');
    assert.ok(!claims.some((c) => c.content.text.includes('made yesterday')));
  });

  test('French: "L\'affirmation du ministre selon laquelle …" and "Son affirmation que …" name the minister', () => {
    const claims = stageClaims(
      ["Le tribunal s'est réuni mardi.", "Le ministre Gérald Darmanin a répété cette version. L'affirmation du ministre selon laquelle la réforme est financée a été contestée. Son affirmation que l'élection était truquée a été rejetée.", "L'affirmation qui a été faite hier est fausse."].join('\n\n'),
      'fr',
    );
    const financed = claims.find((c) => c.content.text.includes('la réforme est financée'));
    assert.ok(financed, JSON.stringify(claims));
    assert.equal(financed.content.text, 'la réforme est financée');
    assert.equal(financed.claimant, 'Gérald Darmanin');
    const rigged = claims.find((c) => c.content.text.includes("l'élection était truquée"));
    assert.ok(rigged);
    assert.equal(rigged.content.text, "l'élection était truquée");
    assert.equal(rigged.claimant, 'Gérald Darmanin');
    assert.ok(!claims.some((c) => c.content.text.includes('faite hier')));
  });
});
