/** The French checker: the sample article's six errors, clean sentences, the inflection lexicon. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readArticle } from '../src/extract/index.js';
import { analyzeDocument } from '../src/pipeline.js';
import { packageRoot } from '../src/models.js';
import { frenchInflectionLexicon, matchCase } from '../src/check/index.js';
import { checkFrench } from './check-documents.js';

describe('French checker on the sample article', () => {
  test('flags exactly the six errors, with the right first suggestion', async () => {
    const doc = readArticle(join(packageRoot, 'samples', 'fr-kazakhstan-rt-repost.txt'));
    await analyzeDocument(doc);
    const flags = doc.flags ?? [];
    for (const f of flags) assert.equal(doc.text.slice(f.start, f.end), f.text);
    const found = flags.map((f) => `${f.text} → ${f.suggestions[0]}`);
    // The headline is also in the file as a duplicate set aside as boilerplate: flagged in both places.
    assert.deepEqual(found, [
      'dément → démentent',
      'dément → démentent',
      'appels → les appels',
      'surveiller → surveillait',
      'un → une',
      'aimer → aimez',
      'envoyé → envoyer',
    ]);
    assert.deepEqual(
      flags.map((f) => f.rule),
      [
        'fr.agreement.subject-verb',
        'fr.agreement.subject-verb',
        'fr.missing-determiner',
        'fr.verb-form.finite-after-subject',
        'fr.agreement.determiner-noun',
        'fr.verb-form.finite-after-subject',
        'fr.verb-form.infinitive',
      ],
    );
    assert.ok(flags.find((f) => f.text === 'surveiller')!.suggestions.includes('surveille'));
    assert.ok(flags.every((f) => /[àâéèêëîïôûç«»’]/.test(f.message)), 'messages are in French');
    assert.ok(doc.stages.some((s) => s.name === 'check'));
  });
});

describe('French checker rules', () => {
  test('clean sentences give no flag', () => {
    const { flags } = checkFrench([
      'Les États-Unis démentent leur rôle dans le soulèvement.',
      'La ministre est arrivée hier soir à Paris.',
      'La plupart pensent que la majorité des députés ont voté contre.',
      'Son amie est partie en vacances avec ses enfants.',
      'Vous seriez intéressé par cette offre, madame ?',
      'Nous vous remercions de nous envoyer vos contributions.',
      'Il faut les aider à trouver une solution pacifique.',
      'Le président et son Premier ministre ont rencontré les syndicats.',
      'Les manifestations qui ont secoué le pays sont terminées.',
      'Elle a dit qu’elle surveillait la situation de près.',
      'Personne ne les aide.',
      'Le ministre est arrivé hier. La juge est partie tôt.',
      'Il le visite souvent. Aggregor le capture.',
    ]);
    assert.deepEqual(flags.map((f) => `${f.rule}: ${f.text}`), []);
  });

  test('subject–verb, determiner, adjective and verb-form errors with generated fixes', () => {
    const { flags } = checkFrench([
      'Les ministres a décidé de partir.',
      'Il faut envisager une solution pour mangé mieux.',
      'La délégation doit mangé à midi.',
      'Les habitants de la ville ont vu la gare routier fermée.',
      'Elles surveiller la frontière depuis lundi.',
      'Il faut agir pour protégé les travailleurs.',
      'La ministre est arrivé en retard.',
      'La glace est encore bien présents dans le secteur.',
      'Notamment, le visite guidée du siège a eu lieu hier.',
    ]);
    const byText = new Map(flags.map((f) => [f.text, f]));
    // A participle that is also a noun (un protégé) is a verb when it takes an object.
    assert.equal(byText.get('protégé')?.suggestions[0], 'protéger');
    // A noun of a person that Lefff lists as masculine takes its article's gender.
    assert.equal(byText.get('arrivé')?.suggestions[0], 'arrivée');
    // An attribute that may be a noun is an adjective under an adverb of degree.
    assert.equal(byText.get('présents')?.suggestions[0], 'présente');
    // A noun that is also a verb form, where no object clitic can stand.
    assert.equal(byText.get('le')?.suggestions[0], 'la');
    assert.equal(byText.get('a')?.suggestions[0], 'ont');
    assert.equal(byText.get('a')?.rule, 'fr.agreement.subject-verb');
    assert.equal(byText.get('mangé')?.suggestions[0], 'manger');
    assert.equal(byText.get('routier')?.suggestions[0], 'routière');
    assert.equal(byText.get('surveiller')?.suggestions[0], 'surveillent');
  });

  test('errors whose subject the parse loses: surface subject, relative qui, complements', () => {
    const { flags } = checkFrench([
      'La Commission pouvoir faire des propositions.',
      'Il soigne les malades qui souffrir de la grippe.',
      'Le pays était calme et le gouvernement contrôler les prix.',
      'Le traitement est déconseillé chez les patients qui présente des troubles rénaux.',
      'Dans cette études, les patients ont été suivis.',
      'Cette demande a été rejeté et il est en prison.',
      'Des analyses de sang ont été réalisé en urgence.',
    ]);
    const first = new Map(flags.map((f) => [f.text, f.suggestions[0]]));
    assert.equal(first.get('pouvoir'), 'peut');
    assert.equal(first.get('souffrir'), 'souffrent');
    // Tense from the imperfect of the sentence's other verb.
    assert.equal(first.get('contrôler'), 'contrôlait');
    assert.equal(first.get('présente'), 'présentent');
    assert.equal(first.get('cette'), 'ces');
    assert.equal(first.get('rejeté'), 'rejetée');
    assert.equal(first.get('réalisé'), 'réalisées');
    assert.equal(flags.length, 7);
  });

  test('infinitives governed by a verb or a preposition are not flagged', () => {
    const { flags } = checkFrench([
      'Il regarde les enfants jouer dans la cour.',
      'Il ne sait pas à qui parler.',
      'Les élus doivent voter, et les citoyens peuvent participer.',
      'Le pouvoir de la Commission reste limité.',
      'Des études de cas ont été publiées en mars.',
    ]);
    assert.deepEqual(flags.map((f) => `${f.rule}: ${f.text}`), []);
  });

  test('boilerplate blocks with offsets are checked, offsets into the whole text', () => {
    const { doc, flags } = checkFrench(['Le gouvernement a publié son rapport.'], ['Vous aimer cet article ? Partagez-le !']);
    assert.equal(flags.length, 1);
    assert.equal(doc.text.slice(flags[0].start, flags[0].end), 'aimer');
    assert.deepEqual(flags[0].suggestions.slice(0, 1), ['aimez']);
  });
});

describe('inflection lexicon', () => {
  test('generates forms from a lemma and a cell, and analyses forms', () => {
    const inf = frenchInflectionLexicon();
    assert.deepEqual(inf.forms('v', 'démentir', 'P3p'), ['démentent']);
    assert.deepEqual(inf.forms('v', 'envoyer', 'W'), ['envoyer']);
    assert.deepEqual(inf.forms('det', 'un', 'fs'), ['une']);
    assert.ok(inf.forms('adj', 'difficile', 'fp').includes('difficiles'));
    const a = inf.analyses('dément').find((x) => x.category === 'v');
    assert.ok(a && a.lemma === 'démentir' && a.cells.includes('P3s'));
    assert.deepEqual(inf.analyses('xqzwv'), []);
  });

  test('suggestions keep the original capitalisation', () => {
    assert.equal(matchCase('Aimer', 'aimez'), 'Aimez');
    assert.equal(matchCase('UN', 'une'), 'UNE');
    assert.equal(matchCase('un', 'une'), 'une');
  });
});
