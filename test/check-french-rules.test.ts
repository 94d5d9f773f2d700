/**
 * French checker rules added for issue #9's recall: infinitives standing for a finite verb after a
 * noun phrase, names before an indefinite predicate, participles and attributes with être, adjectives
 * across a noun complement, infinitives after modals and clitics, "sa" before a vowel, bare nouns
 * found on the surface. Every sentence is written for these tests.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Flag } from '../src/document.js';
import { checkFrench } from './check-documents.js';

/** The flags of a French document of one paragraph per string. */
const check = (paragraphs: string[]): Flag[] => checkFrench(paragraphs).flags;

/** The first suggestion of the flag on `word` in one checked sentence (undefined: no flag there). */
function firstFix(sentence: string, word: string): string | undefined {
  return check([sentence]).find((f) => f.text === word)?.suggestions[0];
}

describe('French checker: verbs left in the infinitive', () => {
  test('after a noun phrase with complements, a name with a title, a counted noun', () => {
    assert.equal(firstFix('La dose de cinq milligrammes devoir être injectée lentement.', 'devoir'), 'doit');
    assert.equal(firstFix('M. Martin devoir quitter la réunion avant midi.', 'devoir'), 'doit');
    assert.equal(firstFix('Quinze prévenus comparaître devant le tribunal de Lyon.', 'comparaître'), 'comparaissent');
  });

  test('after "ceux qui", and the mood and tense of the fix from the context', () => {
    assert.equal(firstFix('Il pense à ceux qui avoir faim cet hiver.', 'avoir'), 'ont');
    // "il faut que" asks for the subjunctive.
    assert.equal(firstFix('Il faut que les enfants pouvoir jouer dehors.', 'pouvoir'), 'puissent');
    // A simple past nearby sets the tense.
    assert.equal(firstFix('Il se réfugia en Suisse, où il donner des cours de droit.', 'donner'), 'donna');
  });

  test('the tense a clause of condition or time takes from its main clause', () => {
    // "si" + imperfect under a conditional; "lorsque" + future under a future.
    assert.equal(firstFix('Je pense que, si les élections ne se dérouler pas correctement, la Commission devrait réagir.', 'dérouler'), 'déroulaient');
    assert.equal(firstFix('Les poursuites seront abandonnées lorsque la Cour recevoir la preuve de sa mort.', 'recevoir'), 'recevra');
    // A passive present ("est recommandé") is no compound past: the subjunctive, not the imperfect.
    assert.equal(firstFix('Il est recommandé que tous les patients recevoir un supplément de vitamine D.', 'recevoir'), 'reçoivent');
  });
});

describe('French checker: agreement', () => {
  test('coordinated verbs sharing a subject are checked when "et" joins them', () => {
    assert.equal(firstFix('Les enfants mangent à la cantine et rentre chez eux le soir.', 'rentre'), 'rentrent');
    assert.equal(firstFix('Les députés ont voté le texte et a quitté la salle.', 'a'), 'ont');
  });

  test('a name without article before "être" and an indefinite singular predicate', () => {
    assert.equal(firstFix('Brignoles sont une commune du Var.', 'sont'), 'est');
    // Through a long apposition.
    assert.equal(firstFix('Jean Dupont, né le 3 mai 1950 à Lyon et mort en 2010 à Paris, sont un peintre français.', 'sont'), 'est');
  });

  test('a subject clitic and the verb right after it, whatever the parse', () => {
    assert.equal(firstFix('On trouvent un vieux moulin près du village.', 'trouvent'), 'trouve');
    assert.equal(firstFix('Quant au balayage, il sont inutile en hiver.', 'sont'), 'est');
  });

  test('indefinite pronouns of fixed number', () => {
    // (A straight apostrophe: the tagger reads a sentence-initial "L’" as a name.)
    assert.equal(firstFix("L'un des volets du dossier concernent les voyages du maire.", 'concernent'), 'concerne');
  });

  test('participles and attributes with être', () => {
    // A coordinated clause with its own subject does not share the participle's agreement.
    assert.equal(firstFix('Le bolus est administrée et la perfusion est augmentée.', 'administrée'), 'administré');
    assert.equal(firstFix('Douze membres sont reconduit dans leurs fonctions.', 'reconduit'), 'reconduits');
    assert.equal(firstFix('La sécurité et la tolérance du produit ont été évaluée.', 'évaluée'), 'évaluées');
    // An attribute that may also be a noun is checked for its number.
    assert.equal(firstFix('Elle est maintenant présents dans dix villes.', 'présents'), 'présente');
    assert.equal(firstFix('C’est importante pour la région.', 'importante'), 'important');
  });

  test('adjectives: between article and noun, across a noun complement, with a capitalised noun', () => {
    assert.equal(firstFix('Le patient a reçu une seul perfusion.', 'seul'), 'seule');
    assert.equal(firstFix('Paul Martin est un sauteur à ski française.', 'française'), 'français');
    assert.equal(firstFix('Le Conseil fédérale a publié son rapport.', 'fédérale'), 'fédéral');
    assert.equal(firstFix('Il prescrit un traitement locaux ou une injection.', 'locaux'), 'local');
    // Spelled-out forms first, and the form before a vowel.
    assert.equal(firstFix('Ils ont organisé la petit cérémonie du village.', 'petit'), 'petite');
    assert.equal(firstFix('Son nouvelle ami habite à Lille.', 'nouvelle'), 'nouvel');
  });

  test('determiners: "sa" before a vowel, nouns of things in -e, possessives in number', () => {
    assert.equal(firstFix('Il agrandit sa usine de Lyon.', 'sa'), 'son');
    assert.equal(firstFix('Le maire a visité une village voisin.', 'une'), 'un');
    assert.equal(firstFix('Il a reçu son hôtes dans le salon.', 'son'), 'ses');
    // The plural indefinite before an adjective is "de".
    assert.equal(firstFix('Elle signale une fausses factures au juge.', 'une'), 'de');
  });

  test('"tout" before a determiner and interrogative "quel" before être agree with the noun after', () => {
    assert.equal(firstFix('Suivez attentivement tous les instructions de votre médecin.', 'tous'), 'toutes');
    assert.equal(firstFix('Le musée est ouvert toutes les jours sauf le lundi.', 'toutes'), 'tous');
    assert.equal(firstFix('Quelles est le risque associé à ce traitement ?', 'Quelles'), 'Quel');
    // "tel que" agrees with the noun before it.
    assert.equal(firstFix('Il a visité des villes tels que Paris et Tokyo.', 'tels'), 'telles');
    // A floating quantifier after its verb goes with the subject: no flag.
    assert.deepEqual(check(['Les régions ont toutes les moyens nécessaires.', 'Tout le monde était là, toutes les équipes aussi.']), []);
  });
});

describe('French checker: infinitives after modals, clitics and prepositions', () => {
  test('participle forms where the infinitive is wanted', () => {
    assert.equal(firstFix('Je voudrais rappelé que le vote a lieu demain.', 'rappelé'), 'rappeler');
    assert.equal(firstFix('Il est monté au dernier étage pour se jeté dans le vide.', 'jeté'), 'jeter');
    assert.equal(firstFix('Il s’agit de limité les émissions de la ville.', 'limité'), 'limiter');
  });
});

describe('French checker: dropped articles', () => {
  test('a subject after a comma, an object with its adjective', () => {
    assert.equal(firstFix('Dans ces deux études, patients ont été suivis pendant un an.', 'patients'), 'les patients');
    assert.equal(firstFix('Le club veut recruter joueurs étrangers cette saison.', 'joueurs'), 'des joueurs');
  });
});

describe('French checker: clean sentences near the new rules', () => {
  test('no flag', () => {
    const flags = check([
      'Elle est nommée ministre de la Culture en mai.',
      'Francis Dupont, membre du gouvernement de Paris a répondu hier.',
      'Il a présenté à l’Assemblée le rapport de la commission.',
      'Les Beatles sont un groupe anglais.',
      'Ils ont tiré profit de la situation.',
      'Il laisse les enfants jouer dans la cour.',
      'La docteur est arrivée ce matin.',
      'Une cinquantaine de personnes ont été renvoyées devant le tribunal.',
      'Le verbe avoir est irrégulier.',
      'Force est de constater que rien n’a changé.',
      'Si besoin est, nous viendrons demain.',
      'Les élus doivent, eux aussi, rester prudents.',
      'Il voit les élèves de la classe partir en car.',
      'Son amie habite à Lille depuis son arrivée.',
      'Les missiles et leurs trajectoires ont été ajoutées sur la photo.',
      'La glace est encore présente et risque de fondre.',
      'Ni l’un ni l’autre ne disposaient des moyens nécessaires.',
    ]);
    assert.deepEqual(flags.map((f) => `${f.rule}: ${f.text} → ${f.suggestions[0]}`), []);
  });
});

describe('French checker: fourth round (subjects the parse hides, participles as adjectives, adverbs between)', () => {
  test('an infinitive for the finite verb after "l’on", "que nous", "ce dernier", a participle phrase', () => {
    assert.equal(firstFix('Tout le monde sait que l’on chercher un coupable.', 'chercher'), 'cherche');
    assert.equal(firstFix('Voici les mesures que nous présenter au conseil.', 'présenter'), 'présentons');
    assert.equal(firstFix('Cette dernière occuper une place centrale dans le quartier.', 'occuper'), 'occupe');
    assert.equal(firstFix('La somme versée au club local servir à rénover le stade.', 'servir'), 'sert');
    assert.equal(firstFix('Le marché avoir lieu chaque samedi sur la place.', 'avoir'), 'a');
  });

  test('a participle tagged as a verb agrees with the noun it follows', () => {
    assert.equal(firstFix('Les plats variées sont servis toute la journée.', 'variées'), 'variés');
  });

  test('adverbs between a modal or être and the participle', () => {
    assert.equal(firstFix('Les habitants peuvent aussi voté par courrier.', 'voté'), 'voter');
    assert.equal(firstFix('La route n’est absolument pas mis en cause.', 'mis'), 'mise');
  });

  test('no flag', () => {
    const flags = check([
      'Le pouvoir central refuse toute discussion.',
      'Les propositions que nous avons présentées restent valables.',
      'Ce dernier a quitté la ville en juin.',
      'Les plats servis au déjeuner étaient variés.',
      'Il peut aussi, s’il le veut, rester chez lui.',
      'La réunion est sans doute reportée à lundi.',
      'On ne sait pas où l’on va.',
    ]);
    assert.deepEqual(flags.map((f) => `${f.rule}: ${f.text} → ${f.suggestions[0]}`), []);
  });
});
