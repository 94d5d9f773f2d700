/**
 * Reporting constructions added for recall (issue #8), each in French and English where the
 * construction exists, on sentences written for these tests: reader comments signed after a dash
 * on their own line, a quote opened by an autocorrected closing mark, a reporting clause followed
 * by a subordinate clause ("…, a déclaré X, alors que …"), "— selon X" / "— according to X",
 * verbs of knowing and showing with an explicit "que"/"that" ("montre que", "found that") and
 * never without it, indirect questions ("a demandé si", "asked whether"), requests with an
 * addressee ("a dit aux manifestants de …", "told his supporters to …", "called on X to …"),
 * a quote after a sentence with its own reported speech, a curly quote closed by a straight mark,
 * interview transcripts ("DUPONT : …", "\"WALLACE: …"), a parenthesis inside the speaker's name, a subject before a reduced relative ("Une étude
 * publiée la semaine dernière montre que", "The audit released last year found that"), and English
 * bare "say" after a plural subject.
 * The quotes stage runs alone (no tagger): these rules must hold on raw text; one test runs the
 * whole pipeline, where the parser's subject completes the text rules.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../src/extract/index.js';
import { quotesToJson, type QuoteJson } from '../src/quotes/index.js';
import { findQuote, stageQuotes } from './quote-helpers.js';
import { analyzeForQuotes } from '../src/quotes/run.js';

function none(quotes: QuoteJson[], fragment: string): void {
  assert.ok(!quotes.some((x) => x.content.text.includes(fragment)), `unexpected quote containing "${fragment}"`);
}

describe('French constructions', () => {
  test('reader comments, one per line, each signed after a dash', () => {
    const text = [
      "Nous avons demandé à nos lecteurs ce qu'ils pensaient du projet.",
      '',
      "« Le quartier va perdre son marché. Personne ne nous a consultés. » ― Martine Lefort\n« Enfin un projet pour les jeunes ! »― Karim Benali\n« Je ne sais pas encore quoi penser. » ― Lucie Ferrand",
    ].join('\n');
    const quotes = stageQuotes(text, 'fr');
    assert.equal(findQuote(quotes, 'Personne ne nous a consultés').speaker?.text, 'Martine Lefort');
    assert.equal(findQuote(quotes, 'Enfin un projet').speaker?.text, 'Karim Benali');
    assert.equal(findQuote(quotes, 'quoi penser').speaker?.text, 'Lucie Ferrand');
  });

  test('"…, a déclaré X, alors que …": the subordinate clause is not content', () => {
    const q = findQuote(stageQuotes('La réforme des retraites est injuste, a déclaré mardi la ministre, alors que les syndicats manifestaient devant le ministère.', 'fr'), 'injuste');
    assert.equal(q.content.text, 'La réforme des retraites est injuste');
    assert.equal(q.speaker?.text, 'la ministre');
  });

  test('"CONTENT — selon X." and "CONTENT, d\'après X publiée …"', () => {
    const quotes = stageQuotes("Le chômage a baissé de deux points en un an — selon l'Insee.\n\nLes loyers ont augmenté de 4 % à Lyon, d'après une étude de l'observatoire des loyers publiée mardi.", 'fr');
    const a = findQuote(quotes, 'Le chômage');
    assert.equal(a.content.text, 'Le chômage a baissé de deux points en un an');
    assert.equal(a.speaker?.text, "l'Insee");
    const b = findQuote(quotes, 'Les loyers');
    assert.equal(b.cue?.lemma, "d'après");
  });

  test('"montre que", "a découvert que": only with their "que" clause', () => {
    const quotes = stageQuotes(
      "Le rapport de la Cour des comptes montre que la dette de la ville a doublé en dix ans.\n\nUne étude publiée la semaine dernière montre que les loyers ont augmenté.\n\nLa police a découvert que le suspect avait quitté le pays.\n\nLe maire a montré la maquette que les architectes ont dessinée.\n\nLes enquêteurs ont découvert une cache d'armes.",
      'fr',
    );
    const a = findQuote(quotes, 'la dette de la ville');
    assert.equal(a.content.text, 'la dette de la ville a doublé en dix ans');
    assert.equal(a.speaker?.text, 'Le rapport de la Cour des comptes');
    assert.equal(findQuote(quotes, 'le suspect avait quitté').speaker?.text, 'La police');
    // A reduced relative before the verb: the subject is the noun phrase before the participle.
    assert.equal(findQuote(quotes, 'les loyers ont augmenté').speaker?.text, 'Une étude');
    none(quotes, 'architectes');
    none(quotes, "cache d'armes");
  });

  test('indirect questions: "a expliqué pourquoi …", "a demandé si …", but not "comment faire"', () => {
    const quotes = stageQuotes(
      'Le ministre a expliqué aux élus pourquoi la réforme était nécessaire.\n\nLes journalistes ont demandé si le sénateur allait démissionner.\n\nLa formatrice a expliqué comment faire.',
      'fr',
    );
    assert.equal(findQuote(quotes, 'la réforme était nécessaire').content.text, 'pourquoi la réforme était nécessaire');
    assert.equal(findQuote(quotes, 'démissionner').speaker?.text, 'Les journalistes');
    none(quotes, 'comment faire');
  });

  test('an interview transcript: each turn is a quote of the speaker named in capitals', () => {
    const quotes = stageQuotes("Voici un extrait du débat de jeudi soir.\n\nDUPONT : Nous n'avons rien à cacher. Les comptes sont publics.\n\nLEROY : Alors publiez-les dès demain.\n\nDUPONT : C'est déjà fait.", 'fr');
    const a = findQuote(quotes, 'rien à cacher');
    assert.equal(a.content.text, "Nous n'avons rien à cacher. Les comptes sont publics.");
    assert.equal(a.speaker?.text, 'DUPONT');
    assert.equal(findQuote(quotes, 'publiez-les').speaker?.text, 'LEROY');
    assert.equal(quotes.filter((q) => q.speaker?.text === 'DUPONT').length, 2);
  });

  test('a quote after a sentence that reports speech of its own leaves that sentence its quote', () => {
    const quotes = stageQuotes('Le maire a affirmé que la ville était prête pour les inondations. « Nous avons tout prévu, jusqu\'aux sacs de sable. »', 'fr');
    const indirect = findQuote(quotes, 'la ville était prête');
    assert.equal(indirect.speaker?.text, 'Le maire');
    assert.equal(findQuote(quotes, 'tout prévu').speaker?.text, 'Le maire');
  });

  test('one "NOTE :" paragraph is no transcript', () => {
    none(stageQuotes('La réunion a duré trois heures.\n\nNOTE : cet article a été mis à jour mardi.', 'fr'), 'mis à jour');
  });

  test('"a dit aux manifestants de …": a request with its addressee', () => {
    const q = findQuote(stageQuotes('Le préfet a dit aux manifestants de rentrer chez eux avant la nuit.', 'fr'), 'rentrer');
    assert.equal(q.content.text, 'rentrer chez eux avant la nuit');
    assert.equal(q.speaker?.text, 'Le préfet');
  });
});

describe('English constructions', () => {
  test('reader comments signed after a dash, one opened by a closing mark', () => {
    const text = [
      'We asked readers what they thought of the debate.',
      '',
      '”He never answered a single question. Not one.” ― Ana Ruiz\n“I changed my mind tonight.”― Tom Lee\n“Both of them disappointed me.” ― Grace Park',
    ].join('\n');
    const quotes = stageQuotes(text, 'en');
    assert.equal(findQuote(quotes, 'a single question').speaker?.text, 'Ana Ruiz');
    assert.equal(findQuote(quotes, 'changed my mind').speaker?.text, 'Tom Lee');
    assert.equal(findQuote(quotes, 'disappointed me').speaker?.text, 'Grace Park');
  });

  test('a dateline, then "…, lawmakers said Friday, as …"', () => {
    const q = findQuote(stageQuotes('WASHINGTON ― The new rule is an insult to every family farm, rural lawmakers said Friday, as they gathered outside the Capitol.', 'en'), 'insult');
    assert.equal(q.content.text, 'The new rule is an insult to every family farm');
    assert.equal(q.speaker?.text, 'rural lawmakers');
  });

  test('"“…,” Rep. X (D-Ore.) said": a parenthesis inside the name', () => {
    const q = findQuote(stageQuotes('“This bill will close rural hospitals,” Rep. Jane Doe (D-Ore.) said Friday.', 'en'), 'rural hospitals');
    assert.equal(q.type, 'direct');
    assert.equal(q.cue?.text, 'said');
    assert.ok(q.speaker?.text.includes('Jane Doe'), q.speaker?.text);
  });

  test('"CONTENT — according to X."', () => {
    const q = findQuote(stageQuotes('More than half of the claims on the show are wrong — according to a study published in a medical journal.', 'en'), 'More than half');
    assert.equal(q.content.text, 'More than half of the claims on the show are wrong');
    assert.equal(q.cue?.lemma, 'according to');
  });

  test('"found that", "show that": only with their "that" clause', () => {
    const quotes = stageQuotes(
      'Auditors found that the agency had lost track of the money.\n\nPolls show that the senator leads in Ohio.\n\nHe found the keys that were lost.\n\nThe campaign showed a new video on Monday.',
      'en',
    );
    assert.equal(findQuote(quotes, 'lost track').speaker?.text, 'Auditors');
    assert.equal(findQuote(quotes, 'the senator leads').content.text, 'the senator leads in Ohio');
    none(quotes, 'were lost');
    none(quotes, 'new video');
  });

  test('a curly quote closed by a straight mark, after a sentence with its own quote', () => {
    const text = 'Republicans said the findings raised new questions about the deal.\n\n“Immunity deals should not be handed out like candy," Chairman Jason Chaffetz (R-Utah) said in a statement.';
    const quotes = stageQuotes(text, 'en');
    assert.equal(findQuote(quotes, 'the findings raised').speaker?.text, 'Republicans');
    const q = findQuote(quotes, 'Immunity deals');
    assert.equal(q.content.text, 'Immunity deals should not be handed out like candy');
    assert.ok(q.speaker?.text.includes('Jason Chaffetz'), q.speaker?.text);
  });

  test('"X said, going on to …": a participle after the comma is no zero-"that" content', () => {
    const quotes = stageQuotes('Sanders said, going on to praise the campaign volunteers.\n\nClinton said raising taxes on the rich is fair.', 'en');
    none(quotes, 'going on');
    assert.equal(findQuote(quotes, 'raising taxes').content.text, 'raising taxes on the rich is fair');
  });

  test('a transcript whose turns open with a quote mark is read turn by turn', () => {
    const text = 'The senator spoke on Sunday.\n\n"WALLACE: Will you vote for the bill?\n\n"GRAHAM: Not in its current form. We need changes.\n\n"WALLACE: Which changes?';
    const quotes = stageQuotes(text, 'en');
    const g = findQuote(quotes, 'Not in its current form');
    assert.equal(g.content.text, 'Not in its current form. We need changes.');
    assert.equal(g.speaker?.text, 'GRAHAM');
    assert.equal(findQuote(quotes, 'Which changes').speaker?.text, 'WALLACE');
  });

  test('indirect questions and requests with an addressee', () => {
    const quotes = stageQuotes(
      'Reporters asked whether the senator would resign.\n\nThe governor told his supporters at a rally in Dayton to vote early.\n\nThe mayor called on the council to delay the vote.',
      'en',
    );
    assert.equal(findQuote(quotes, 'the senator would resign').content.text, 'whether the senator would resign');
    const told = findQuote(quotes, 'vote early');
    assert.equal(told.speaker?.text, 'The governor');
    const called = findQuote(quotes, 'delay the vote');
    assert.equal(called.speaker?.text, 'The mayor');
  });

  test('with the whole pipeline: bare "say" after a plural subject, a subject the parser finds', async () => {
    const text = 'Supporters of the bill in Congress say the program has created thousands of jobs.\n\nThe audit released last year found that the agency could not trace the money.\n';
    const doc = extractArticle(text, { format: 'text', source: 'test' });
    doc.meta.lang = 'en';
    await analyzeForQuotes(doc, 'en', () => {});
    const quotes = quotesToJson(doc, 'en');
    const say = findQuote(quotes, 'the program has created');
    assert.equal(say.cue?.lemma, 'say');
    assert.ok(say.speaker && /Supporters|Congress/.test(say.speaker.text), say.speaker?.text);
    const found = findQuote(quotes, 'could not trace');
    assert.equal(found.speaker?.text, 'The audit');
  });
});
