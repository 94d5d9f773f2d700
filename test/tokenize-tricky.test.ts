/**
 * Sentences that trip tokenizers in news text (the cases users of spaCy, UDPipe and wink-nlp
 * report: inverted verbs, dialogue dashes, initials, titles, abbreviations before numbers,
 * quotes, URLs, French numbers). Each expectation is the token forms, sentences joined by " || ".
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenizeText } from '../src/tokenize/index.js';

function segment(text: string, lang: 'fr' | 'en'): string {
  return tokenizeText(text, lang)
    .map((s) => s.tokens.map((t) => t.form).join(' '))
    .join(' || ');
}

const FRENCH: [string, string][] = [
  ['« Nous avons tout essayé », dis-je. Puis je suis parti.', '« Nous avons tout essayé » , dis -je . || Puis je suis parti .'],
  ['Viens-tu demain ? Je t’attends.', 'Viens -tu demain ? || Je t’ attends .'],
  ['« Tu viens ? » a-t-elle demandé.', '« Tu viens ? » a -t-elle demandé .'],
  ['— Tu viens ? demanda-t-elle.\n— Non, répondit-il.', '— Tu viens ? demanda -t-elle . || — Non , répondit -il .'],
  ['Il a cité Albrecht K. dans son rapport. Le texte est paru hier.', 'Il a cité Albrecht K. dans son rapport . || Le texte est paru hier .'],
  ['M. Dupont et Mme Martin sont arrivés à Notre-Dame vers midi.', 'M. Dupont et Mme Martin sont arrivés à Notre-Dame vers midi .'],
  ["Selon l'art. 12 du règlement, voir p. 45. La séance est levée.", "Selon l' art. 12 du règlement , voir p. 45 . || La séance est levée ."],
  ["Il est né en 50 av. J.-C. selon les sources. Rien n'est sûr.", "Il est né en 50 av. J.-C. selon les sources . || Rien n' est sûr ."],
  ['L’État a dépensé 1 234,5 millions d’euros, soit 12,5 % du budget.', 'L’ État a dépensé 1 234,5 millions d’ euros , soit 12,5 % du budget .'],
  ['Le président J. Biden a parlé. Puis la porte-parole J. Psaki a répondu.', 'Le président J. Biden a parlé . || Puis la porte-parole J. Psaki a répondu .'],
  ['« Est-ce possible ? » se demande-t-on.', '« Est -ce possible ? » se demande -t-on .'],
  ['Écrivez à contact@exemple.fr ou visitez https://exemple.fr/page. Merci.', 'Écrivez à contact@exemple.fr ou visitez https://exemple.fr/page . || Merci .'],
  ['Il habite au 12, rue de la Paix. Son voisin est M. Leroy.', 'Il habite au 12 , rue de la Paix . || Son voisin est M. Leroy .'],
  ['Il a peut-être raison, jusqu’à preuve du contraire.', 'Il a peut-être raison , jusqu’ à preuve du contraire .'],
  ['On se retrouve au rendez-vous.', 'On se retrouve au rendez-vous .'],
];

const ENGLISH: [string, string][] = [
  ['Mr. Smith met Dr. Jones at 5 p.m. on Friday. They talked.', 'Mr. Smith met Dr. Jones at 5 p.m. on Friday . || They talked .'],
  ['The U.S. economy grew 2.5% last year. Analysts were surprised.', 'The U.S. economy grew 2.5 % last year . || Analysts were surprised .'],
  ['J. K. Rowling wrote it. It sold millions.', 'J. K. Rowling wrote it . || It sold millions .'],
  ['See No. 5 on p. 12 for details.', 'See No. 5 on p. 12 for details .'],
];

describe('tokenizer on tricky news sentences', () => {
  for (const [text, expected] of FRENCH) test(`fr: ${text}`, () => assert.equal(segment(text, 'fr'), expected));
  for (const [text, expected] of ENGLISH) test(`en: ${text}`, () => assert.equal(segment(text, 'en'), expected));

  test('a lone opening dash or quote never makes a sentence of its own', () => {
    for (const text of ['— Bonjour à tous. — Merci.', '« Bonjour. »', '( voir plus bas. )']) {
      for (const s of tokenizeText(text, 'fr')) assert.ok(s.tokens.some((t) => /[\p{L}\p{N}]/u.test(t.form)), `${text}: ${s.tokens.map((t) => t.form).join(' ')}`);
    }
  });
});
