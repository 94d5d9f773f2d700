/**
 * Speakers with titles, initials and parentheses, appositions after "selon X" / "according to X",
 * speech nouns with an owner and a clause ("his claim that …", "l'affirmation du ministre selon
 * laquelle …"), quoted words after an object ("criticized X as a “…”"), and a quote with no
 * attribution of its own going to the speaker quoted just before. Each English rule has its
 * French counterpart, on sentences written for these tests (quotes stage alone, no tagger).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuote, stageQuotes } from './quote-helpers.js';

describe('speakers with initials and parentheses', () => {
  test('English: "Rep. G.K. Butterfield", "Rep. Gwen Moore (D-Wis.) said"', () => {
    const quotes = stageQuotes(
      [
        'Congress returned to work on Tuesday after a long recess.',
        '"This is a fight for our voters," said Rep. G.K. Butterfield.',
        'Rep. Gwen Moore (D-Wis.) said the vote had been rushed.',
      ].join('\n\n'),
      'en',
    );
    assert.equal(findQuote(quotes, 'fight for our voters').speaker?.text, 'Rep. G.K. Butterfield');
    const moore = findQuote(quotes, 'the vote had been rushed');
    assert.equal(moore.speaker?.text, 'Rep. Gwen Moore');
  });

  test('French: "le député J.-P. Martin", "Jean Dupont (LR) a déclaré que"', () => {
    const quotes = stageQuotes(
      [
        "Le Parlement a repris ses travaux mardi après une longue pause.",
        "« C'est un combat pour nos électeurs », a déclaré le député J.-P. Martin.",
        'Jean Dupont (LR) a déclaré que le vote avait été précipité.',
      ].join('\n\n'),
      'fr',
    );
    assert.equal(findQuote(quotes, 'un combat pour nos électeurs').speaker?.text, 'le député J.-P. Martin');
    assert.equal(findQuote(quotes, 'le vote avait été précipité').speaker?.text, 'Jean Dupont');
  });
});

describe('an apposition after the source of "selon" / "according to"', () => {
  test('English: "According to John Smith, a lawyer for the family, the case …"', () => {
    const quotes = stageQuotes(['The court met on Tuesday.', 'According to John Smith, a lawyer for the family, the case is empty.'].join('\n\n'), 'en');
    const q = findQuote(quotes, 'the case is empty');
    assert.equal(q.content.text, 'the case is empty');
    assert.equal(q.speaker?.text, 'John Smith');
  });

  test('French: "Selon Jean Dupond, avocat de la famille, le dossier …"', () => {
    const quotes = stageQuotes(["Le tribunal s'est réuni mardi.", 'Selon Jean Dupond, avocat de la famille, le dossier est vide.'].join('\n\n'), 'fr');
    const q = findQuote(quotes, 'le dossier est vide');
    assert.equal(q.content.text, 'le dossier est vide');
    assert.equal(q.speaker?.text, 'Jean Dupond');
  });

  test('a relative after the comma is content, not the end of an apposition', () => {
    const quotes = stageQuotes(["Le tribunal s'est réuni mardi.", 'Selon Jean Dupond, la réforme, qui entre en vigueur lundi, est injuste.'].join('\n\n'), 'fr');
    assert.ok(findQuote(quotes, 'est injuste').content.text.startsWith('la réforme'));
  });
});

describe('speech nouns with an owner and a clause', () => {
  test('English: "His claim that …", "Trump\'s insistence that …"; no owner or a relative "that": no quote', () => {
    const quotes = stageQuotes(
      [
        'The senator spoke to reporters on Tuesday.',
        'Donald Trump repeated the story at a rally. His claim that the election was rigged was rejected by the court.',
        "Trump's insistence that he was the winner has surprised his aides.",
        'The claim that was made yesterday is false.',
      ].join('\n\n'),
      'en',
    );
    const claim = findQuote(quotes, 'the election was rigged');
    assert.equal(claim.content.text, 'the election was rigged');
    assert.equal(claim.cue?.text, 'claim');
    assert.equal(claim.speaker_entity, 'Donald Trump');
    const insist = findQuote(quotes, 'he was the winner');
    assert.equal(insist.content.text, 'he was the winner');
    assert.equal(insist.speaker?.text, 'Trump');
    assert.ok(!quotes.some((q) => q.content.text.includes('made yesterday')));
  });

  test('French: "L\'affirmation du ministre selon laquelle …", "Son affirmation que …"; a relative "qui": no quote', () => {
    const quotes = stageQuotes(
      [
        "Le tribunal s'est réuni mardi.",
        "Le ministre Gérald Darmanin a répété cette version. L'affirmation du ministre selon laquelle la réforme est financée a été contestée. Son affirmation que l'élection était truquée a été rejetée.",
        "L'affirmation qui a été faite hier est fausse.",
      ].join('\n\n'),
      'fr',
    );
    const selon = findQuote(quotes, 'la réforme est financée');
    assert.equal(selon.content.text, 'la réforme est financée');
    assert.equal(selon.cue?.text, 'affirmation');
    assert.equal(selon.speaker?.text, 'ministre');
    const son = findQuote(quotes, "l'élection était truquée");
    assert.equal(son.content.text, "l'élection était truquée");
    assert.equal(son.speaker_entity, 'Gérald Darmanin');
    assert.ok(!quotes.some((q) => q.content.text.includes('faite hier')));
  });
});

describe('quoted words after the object of a cue', () => {
  test('English: "criticized the Affordable Care Act as a “crazy system”"', () => {
    const quotes = stageQuotes(['The debate went on for hours.', 'Former President Bill Clinton criticized the Affordable Care Act as a “crazy system” on Monday.'].join('\n\n'), 'en');
    const q = findQuote(quotes, 'crazy system');
    assert.equal(q.type, 'mixed');
    assert.equal(q.speaker?.text, 'Former President Bill Clinton');
  });

  test('French: "a critiqué le projet de la préfecture comme « une erreur historique »"', () => {
    const quotes = stageQuotes(['Le débat a duré des heures.', 'Le maire Paul Girard a critiqué le projet de la préfecture comme « une erreur historique » lundi.'].join('\n\n'), 'fr');
    const q = findQuote(quotes, 'une erreur historique');
    assert.equal(q.type, 'mixed');
    assert.equal(q.speaker?.text, 'Le maire Paul Girard');
  });
});

describe('a quote with no attribution goes to the speaker quoted just before', () => {
  test('English', () => {
    const quotes = stageQuotes(['“We will keep going,” said Mary Jones. The meeting lasted two hours. “Nothing has been decided.”'].join('\n\n'), 'en');
    assert.equal(findQuote(quotes, 'Nothing has been decided').speaker?.text, 'Mary Jones');
  });

  test('French', () => {
    const quotes = stageQuotes(["« Nous continuerons », a déclaré Marie Dupuis. Le débat a duré deux heures. « Rien n'est décidé. »"].join('\n\n'), 'fr');
    assert.equal(findQuote(quotes, "Rien n'est décidé").speaker?.text, 'Marie Dupuis');
  });
});

describe('a speaker with several appositions between the quote and the cue', () => {
  test('English: "“…,” Scott Pruitt, the attorney general of Oklahoma, one of the regions suing the EPA, said."', () => {
    const quotes = stageQuotes(['The meeting ended late on Tuesday.', '“It is an invasion of the state regulatory domain,” Scott Pruitt, the Republican attorney general of Oklahoma, one of the regions suing the EPA, said.'].join('\n\n'), 'en');
    const q = findQuote(quotes, 'an invasion');
    assert.equal(q.type, 'direct');
    assert.equal(q.speaker?.text, 'Scott Pruitt');
  });

  test('French: "« … », Jean Dupont, le maire de Lyon, l\'une des villes attaquant l\'État, a déclaré."', () => {
    const quotes = stageQuotes(["La réunion s'est terminée tard mardi.", "« C'est une invasion du domaine régional », Jean Dupont, le maire de Lyon, l'une des villes attaquant l'État, a déclaré."].join('\n\n'), 'fr');
    const q = findQuote(quotes, 'une invasion');
    assert.equal(q.type, 'direct');
    assert.equal(q.speaker?.text, 'Jean Dupont');
  });
});
