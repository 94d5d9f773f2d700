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
import { annotateQuotes, quotesToJson, type QuoteJson } from '../src/quotes/index.js';
import { analyzeForQuotes } from '../src/quotes/run.js';
import { makeDoc } from './text-documents.js';

function analyse(text: string, lang: 'fr' | 'en'): QuoteJson[] {
  const doc = makeDoc(text, lang);
  annotateQuotes(doc, lang);
  const quotes = quotesToJson(doc, lang);
  for (const q of quotes) {
    for (const s of [q.content, q.cue, q.speaker]) if (s) assert.equal(doc.text.slice(s.start, s.end), s.text);
  }
  return quotes;
}

function find(quotes: QuoteJson[], fragment: string): QuoteJson {
  const q = quotes.find((x) => x.content.text.includes(fragment));
  assert.ok(q, `no quote containing "${fragment}" in ${JSON.stringify(quotes.map((x) => x.content.text))}`);
  return q;
}

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
    const quotes = analyse(text, 'fr');
    assert.equal(find(quotes, 'Personne ne nous a consultés').speaker?.text, 'Martine Lefort');
    assert.equal(find(quotes, 'Enfin un projet').speaker?.text, 'Karim Benali');
    assert.equal(find(quotes, 'quoi penser').speaker?.text, 'Lucie Ferrand');
  });

  test('"…, a déclaré X, alors que …": the subordinate clause is not content', () => {
    const q = find(analyse('La réforme des retraites est injuste, a déclaré mardi la ministre, alors que les syndicats manifestaient devant le ministère.', 'fr'), 'injuste');
    assert.equal(q.content.text, 'La réforme des retraites est injuste');
    assert.equal(q.speaker?.text, 'la ministre');
  });

  test('"CONTENT — selon X." and "CONTENT, d\'après X publiée …"', () => {
    const quotes = analyse("Le chômage a baissé de deux points en un an — selon l'Insee.\n\nLes loyers ont augmenté de 4 % à Lyon, d'après une étude de l'observatoire des loyers publiée mardi.", 'fr');
    const a = find(quotes, 'Le chômage');
    assert.equal(a.content.text, 'Le chômage a baissé de deux points en un an');
    assert.equal(a.speaker?.text, "l'Insee");
    const b = find(quotes, 'Les loyers');
    assert.equal(b.cue?.lemma, "d'après");
  });

  test('"montre que", "a découvert que": only with their "que" clause', () => {
    const quotes = analyse(
      "Le rapport de la Cour des comptes montre que la dette de la ville a doublé en dix ans.\n\nUne étude publiée la semaine dernière montre que les loyers ont augmenté.\n\nLa police a découvert que le suspect avait quitté le pays.\n\nLe maire a montré la maquette que les architectes ont dessinée.\n\nLes enquêteurs ont découvert une cache d'armes.",
      'fr',
    );
    const a = find(quotes, 'la dette de la ville');
    assert.equal(a.content.text, 'la dette de la ville a doublé en dix ans');
    assert.equal(a.speaker?.text, 'Le rapport de la Cour des comptes');
    assert.equal(find(quotes, 'le suspect avait quitté').speaker?.text, 'La police');
    // A reduced relative before the verb: the subject is the noun phrase before the participle.
    assert.equal(find(quotes, 'les loyers ont augmenté').speaker?.text, 'Une étude');
    none(quotes, 'architectes');
    none(quotes, "cache d'armes");
  });

  test('indirect questions: "a expliqué pourquoi …", "a demandé si …", but not "comment faire"', () => {
    const quotes = analyse(
      'Le ministre a expliqué aux élus pourquoi la réforme était nécessaire.\n\nLes journalistes ont demandé si le sénateur allait démissionner.\n\nLa formatrice a expliqué comment faire.',
      'fr',
    );
    assert.equal(find(quotes, 'la réforme était nécessaire').content.text, 'pourquoi la réforme était nécessaire');
    assert.equal(find(quotes, 'démissionner').speaker?.text, 'Les journalistes');
    none(quotes, 'comment faire');
  });

  test('an interview transcript: each turn is a quote of the speaker named in capitals', () => {
    const quotes = analyse("Voici un extrait du débat de jeudi soir.\n\nDUPONT : Nous n'avons rien à cacher. Les comptes sont publics.\n\nLEROY : Alors publiez-les dès demain.\n\nDUPONT : C'est déjà fait.", 'fr');
    const a = find(quotes, 'rien à cacher');
    assert.equal(a.content.text, "Nous n'avons rien à cacher. Les comptes sont publics.");
    assert.equal(a.speaker?.text, 'DUPONT');
    assert.equal(find(quotes, 'publiez-les').speaker?.text, 'LEROY');
    assert.equal(quotes.filter((q) => q.speaker?.text === 'DUPONT').length, 2);
  });

  test('a quote after a sentence that reports speech of its own leaves that sentence its quote', () => {
    const quotes = analyse('Le maire a affirmé que la ville était prête pour les inondations. « Nous avons tout prévu, jusqu\'aux sacs de sable. »', 'fr');
    const indirect = find(quotes, 'la ville était prête');
    assert.equal(indirect.speaker?.text, 'Le maire');
    assert.equal(find(quotes, 'tout prévu').speaker?.text, 'Le maire');
  });

  test('one "NOTE :" paragraph is no transcript', () => {
    none(analyse('La réunion a duré trois heures.\n\nNOTE : cet article a été mis à jour mardi.', 'fr'), 'mis à jour');
  });

  test('"a dit aux manifestants de …": a request with its addressee', () => {
    const q = find(analyse('Le préfet a dit aux manifestants de rentrer chez eux avant la nuit.', 'fr'), 'rentrer');
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
    const quotes = analyse(text, 'en');
    assert.equal(find(quotes, 'a single question').speaker?.text, 'Ana Ruiz');
    assert.equal(find(quotes, 'changed my mind').speaker?.text, 'Tom Lee');
    assert.equal(find(quotes, 'disappointed me').speaker?.text, 'Grace Park');
  });

  test('a dateline, then "…, lawmakers said Friday, as …"', () => {
    const q = find(analyse('WASHINGTON ― The new rule is an insult to every family farm, rural lawmakers said Friday, as they gathered outside the Capitol.', 'en'), 'insult');
    assert.equal(q.content.text, 'The new rule is an insult to every family farm');
    assert.equal(q.speaker?.text, 'rural lawmakers');
  });

  test('"“…,” Rep. X (D-Ore.) said": a parenthesis inside the name', () => {
    const q = find(analyse('“This bill will close rural hospitals,” Rep. Jane Doe (D-Ore.) said Friday.', 'en'), 'rural hospitals');
    assert.equal(q.type, 'direct');
    assert.equal(q.cue?.text, 'said');
    assert.ok(q.speaker?.text.includes('Jane Doe'), q.speaker?.text);
  });

  test('"CONTENT — according to X."', () => {
    const q = find(analyse('More than half of the claims on the show are wrong — according to a study published in a medical journal.', 'en'), 'More than half');
    assert.equal(q.content.text, 'More than half of the claims on the show are wrong');
    assert.equal(q.cue?.lemma, 'according to');
  });

  test('"found that", "show that": only with their "that" clause', () => {
    const quotes = analyse(
      'Auditors found that the agency had lost track of the money.\n\nPolls show that the senator leads in Ohio.\n\nHe found the keys that were lost.\n\nThe campaign showed a new video on Monday.',
      'en',
    );
    assert.equal(find(quotes, 'lost track').speaker?.text, 'Auditors');
    assert.equal(find(quotes, 'the senator leads').content.text, 'the senator leads in Ohio');
    none(quotes, 'were lost');
    none(quotes, 'new video');
  });

  test('a curly quote closed by a straight mark, after a sentence with its own quote', () => {
    const text = 'Republicans said the findings raised new questions about the deal.\n\n“Immunity deals should not be handed out like candy," Chairman Jason Chaffetz (R-Utah) said in a statement.';
    const quotes = analyse(text, 'en');
    assert.equal(find(quotes, 'the findings raised').speaker?.text, 'Republicans');
    const q = find(quotes, 'Immunity deals');
    assert.equal(q.content.text, 'Immunity deals should not be handed out like candy');
    assert.ok(q.speaker?.text.includes('Jason Chaffetz'), q.speaker?.text);
  });

  test('"X said, going on to …": a participle after the comma is no zero-"that" content', () => {
    const quotes = analyse('Sanders said, going on to praise the campaign volunteers.\n\nClinton said raising taxes on the rich is fair.', 'en');
    none(quotes, 'going on');
    assert.equal(find(quotes, 'raising taxes').content.text, 'raising taxes on the rich is fair');
  });

  test('a transcript whose turns open with a quote mark is read turn by turn', () => {
    const text = 'The senator spoke on Sunday.\n\n"WALLACE: Will you vote for the bill?\n\n"GRAHAM: Not in its current form. We need changes.\n\n"WALLACE: Which changes?';
    const quotes = analyse(text, 'en');
    const g = find(quotes, 'Not in its current form');
    assert.equal(g.content.text, 'Not in its current form. We need changes.');
    assert.equal(g.speaker?.text, 'GRAHAM');
    assert.equal(find(quotes, 'Which changes').speaker?.text, 'WALLACE');
  });

  test('indirect questions and requests with an addressee', () => {
    const quotes = analyse(
      'Reporters asked whether the senator would resign.\n\nThe governor told his supporters at a rally in Dayton to vote early.\n\nThe mayor called on the council to delay the vote.',
      'en',
    );
    assert.equal(find(quotes, 'the senator would resign').content.text, 'whether the senator would resign');
    const told = find(quotes, 'vote early');
    assert.equal(told.speaker?.text, 'The governor');
    const called = find(quotes, 'delay the vote');
    assert.equal(called.speaker?.text, 'The mayor');
  });

  test('with the whole pipeline: bare "say" after a plural subject, a subject the parser finds', async () => {
    const text = 'Supporters of the bill in Congress say the program has created thousands of jobs.\n\nThe audit released last year found that the agency could not trace the money.\n';
    const doc = extractArticle(text, { format: 'text', source: 'test' });
    doc.meta.lang = 'en';
    await analyzeForQuotes(doc, 'en', () => {});
    const quotes = quotesToJson(doc, 'en');
    const say = find(quotes, 'the program has created');
    assert.equal(say.cue?.lemma, 'say');
    assert.ok(say.speaker && /Supporters|Congress/.test(say.speaker.text), say.speaker?.text);
    const found = find(quotes, 'could not trace');
    assert.equal(found.speaker?.text, 'The audit');
  });
});
