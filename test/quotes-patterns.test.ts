/**
 * Reporting patterns of news writing, one by one, on sentences written for these tests (quotes
 * stage alone): French cues ("selon X", "d'après X", "X a affirmé que", "« … », a-t-il déclaré",
 * inserted cues, quotes across paragraphs, anonymous sources, denials, accusations) and English
 * ones (doubled-apostrophe quote marks, a quotation that goes on after its attribution,
 * "…, according to X", "denied any wrongdoing").
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { annotateQuotes, claimsToJson, quotesToJson, type ClaimJson, type QuoteJson } from '../src/quotes/index.js';
import { makeDoc } from './text-documents.js';

function analyse(text: string, lang: 'fr' | 'en'): { quotes: QuoteJson[]; claims: ClaimJson[] } {
  const doc = makeDoc(text, lang);
  annotateQuotes(doc, lang);
  const quotes = quotesToJson(doc, lang);
  const claims = claimsToJson(doc, lang);
  // Every span points at the exact text it carries.
  for (const q of quotes) {
    for (const s of [q.content, q.cue, q.speaker]) if (s) assert.equal(doc.text.slice(s.start, s.end), s.text);
  }
  for (const c of claims) assert.equal(doc.text.slice(c.content.start, c.content.end), c.content.text);
  return { quotes, claims };
}

function find(quotes: QuoteJson[], fragment: string): QuoteJson {
  const q = quotes.find((x) => x.content.text.includes(fragment));
  assert.ok(q, `no quote containing "${fragment}" in ${JSON.stringify(quotes.map((x) => x.content.text))}`);
  return q;
}

const FR = [
  'Grève des cheminots : le gouvernement et les syndicats campent sur leurs positions',
  "Selon Bruno Martel, le mouvement devrait se prolonger jusqu'à la fin du mois.",
  "D'après la direction de la SNCF, un train sur trois circulera jeudi.",
  'La ministre des Transports, Claire Dubois, a affirmé que le dialogue restait ouvert.',
  "« Nous ne céderons pas sur l'essentiel », a-t-elle déclaré mercredi devant les députés.",
  "« La réforme est nécessaire », a déclaré Paul Girard à l'AFP.",
  "« Les salariés ont déjà fait beaucoup d'efforts, a-t-elle dit, et il faut maintenant les écouter. »",
  'Le secrétaire général du syndicat, Marc Lenoir, a prévenu : « Si rien ne bouge, nous durcirons le mouvement. Les assemblées générales voteront lundi.',
  "« Nous sommes prêts à aller jusqu'au bout. »",
  'Une source proche du dossier a indiqué que les négociations reprendraient vendredi.',
  "L'économiste Sophie Bernard estime que le coût de la grève dépasse déjà cent millions d'euros.",
  'Le porte-parole du gouvernement a nié toute volonté de passer en force.',
  'Marc Lenoir accuse le gouvernement de mépriser les cheminots.',
  'Le gouvernement a démenti ces accusations dans un communiqué publié jeudi.',
  "« Nous irons jusqu'au bout », a réagi sur France Inter le secrétaire général de la CGT.",
  'Selon un sondage publié dimanche, 68 % des Français restent opposés à la réforme.',
  "Le ministre de l'Intérieur a annoncé une enveloppe de dix millions d'euros. Interrogé par la presse, il a précisé que l'aide serait versée « dans les prochains jours ».",
].join('\n\n');

describe('French reporting patterns', () => {
  const { quotes, claims } = analyse(FR, 'fr');

  test('no quote in a headline without a speaker', () => {
    assert.ok(!quotes.some((q) => q.content.text.includes('campent')));
  });

  test('"selon X, …" and "d\'après X, …"', () => {
    const selon = find(quotes, 'le mouvement devrait');
    assert.equal(selon.type, 'indirect');
    assert.equal(selon.content.text, "le mouvement devrait se prolonger jusqu'à la fin du mois");
    assert.equal(selon.cue?.lemma, 'selon');
    assert.equal(selon.speaker_entity, 'Bruno Martel');
    const apres = find(quotes, 'un train sur trois');
    assert.equal(apres.content.text, 'un train sur trois circulera jeudi');
    assert.equal(apres.cue?.lemma, "d'après");
    assert.equal(apres.speaker?.text, 'la direction de la SNCF');
  });

  test('"X a affirmé que …" with an apposition naming the speaker', () => {
    const q = find(quotes, 'le dialogue restait ouvert');
    assert.equal(q.type, 'indirect');
    assert.equal(q.content.text, 'le dialogue restait ouvert');
    assert.equal(q.cue?.text, 'a affirmé');
    assert.equal(q.speaker_entity, 'Claire Dubois');
  });

  test('"« … », a-t-elle déclaré": the pronoun is the minister named before', () => {
    const q = find(quotes, 'Nous ne céderons pas');
    assert.equal(q.type, 'direct');
    assert.equal(q.content.text, "Nous ne céderons pas sur l'essentiel");
    assert.equal(q.cue?.text, 'a-t-elle déclaré');
    assert.equal(q.speaker?.text, 'elle');
    assert.equal(q.speaker_entity, 'Claire Dubois');
  });

  test('"« … », a déclaré X à l\'AFP": the speaker stops before the addressee', () => {
    const q = find(quotes, 'La réforme est nécessaire');
    assert.equal(q.content.text, 'La réforme est nécessaire');
    assert.equal(q.cue?.lemma, 'déclarer');
    assert.equal(q.speaker?.text, 'Paul Girard');
  });

  test('a cue inserted between commas inside the quote gives its cue and speaker (a woman, not the man quoted just before)', () => {
    const q = find(quotes, 'Les salariés ont déjà fait');
    assert.equal(q.type, 'direct');
    assert.match(q.content.text, /^Les salariés .* les écouter\.$/);
    assert.equal(q.cue?.text, 'a-t-elle dit');
    assert.equal(q.speaker?.text, 'elle');
    assert.equal(q.speaker_entity, 'Claire Dubois');
  });

  test('a quote opened after "X a prévenu :" runs on into the next paragraph', () => {
    const q = find(quotes, 'Si rien ne bouge');
    assert.equal(q.type, 'direct');
    assert.match(q.content.text, /voteront lundi\.\n\n« Nous sommes prêts à aller jusqu'au bout\.$/);
    assert.equal(q.cue?.lemma, 'prévenir');
    assert.equal(q.speaker_entity, 'Marc Lenoir');
    assert.ok(!quotes.some((x) => x !== q && x.content.text.startsWith('Nous sommes prêts')));
  });

  test('"« … », a réagi sur France Inter X": the subject comes after the channel', () => {
    const q = find(quotes, "Nous irons jusqu'au bout");
    assert.equal(q.cue?.text, 'a réagi');
    assert.equal(q.speaker?.text, 'le secrétaire général de la CGT');
  });

  test('"selon X publié dimanche, …": a source with a participle', () => {
    const q = find(quotes, '68 % des Français');
    assert.equal(q.content.text, '68 % des Français restent opposés à la réforme');
    assert.equal(q.speaker?.text, 'un sondage publié dimanche');
  });

  test('an anonymous source is the speaker as written', () => {
    const q = find(quotes, 'les négociations reprendraient');
    assert.equal(q.content.text, 'les négociations reprendraient vendredi');
    assert.equal(q.speaker?.text, 'Une source proche du dossier');
    assert.equal(q.speaker_entity, 'source proche du dossier');
  });

  test('"X estime que …"', () => {
    const q = find(quotes, 'le coût de la grève');
    assert.equal(q.type, 'indirect');
    assert.equal(q.cue?.lemma, 'estimer');
    assert.equal(q.speaker_entity, 'Sophie Bernard');
  });

  test('"X a nié toute volonté de …": a denial of a noun phrase, by a role not given to anyone named', () => {
    const q = find(quotes, 'toute volonté');
    assert.equal(q.type, 'indirect');
    assert.equal(q.content.text, 'toute volonté de passer en force');
    assert.equal(q.cue?.lemma, 'nier');
    assert.equal(q.speaker?.text, 'Le porte-parole du gouvernement');
    // Marc Lenoir is the union's secretary general, not the government's spokesman.
    assert.equal(q.speaker_entity, 'porte-parole du gouvernement');
  });

  test('"il" after a sentence whose subject is a role phrase is that role, not the last person named', () => {
    const q = find(quotes, "l'aide serait versée");
    assert.equal(q.type, 'mixed');
    assert.equal(q.speaker?.text, 'il');
    assert.equal(q.speaker_entity, "ministre de l'Intérieur");
  });

  test('"X accuse Y de …" and the denial that answers it are linked claims', () => {
    const accuse = claims.findIndex((c) => c.stance === 'accuse' && c.content.text === 'mépriser les cheminots');
    assert.ok(accuse >= 0, JSON.stringify(claims));
    assert.equal(claims[accuse].claimant, 'Marc Lenoir');
    assert.equal(claims[accuse].target, 'gouvernement');
    const q = find(quotes, 'mépriser les cheminots');
    assert.equal(q.cue?.lemma, 'accuser');
    const deny = claims.find((c) => c.stance === 'deny' && c.content.text === 'ces accusations');
    assert.ok(deny, JSON.stringify(claims));
    assert.equal(deny.claimant, 'gouvernement');
    assert.equal(deny.denies, accuse);
    const spokesman = claims.find((c) => c.stance === 'deny' && c.content.text.startsWith('toute volonté'));
    assert.equal(spokesman?.claimant, 'porte-parole du gouvernement');
  });
});

const EN = [
  'Walsh Says New Plan Will Bring Jobs Back to Ohio',
  'Senator Mary Walsh spoke to supporters in Ohio on Monday.',
  "''We will win this state,'' Ms. Walsh said. ''Nobody should doubt it.''",
  'The plan would cost $300 billion over ten years, according to the Congressional Budget Office.',
  'The company denied any wrongdoing in a statement on Tuesday.',
  '"The economy is strong," she said, "and it will get stronger."',
  'Some officials said the program had failed.',
  'David Kamin, an outside adviser to the campaign and a professor at a law school, said that the plan was sound.',
  'The deficit will keep growing, Mr. Kamin said, until the tax code changes.',
].join('\n\n');

describe('English reporting patterns', () => {
  const { quotes } = analyse(EN, 'en');

  test("doubled apostrophes are quote marks, and a quotation goes on after its attribution", () => {
    const q = find(quotes, 'We will win this state');
    assert.equal(q.type, 'direct');
    assert.equal(q.content.text, "We will win this state,'' Ms. Walsh said. ''Nobody should doubt it.");
    assert.equal(q.cue?.text, 'said');
    assert.equal(q.speaker_entity, 'Mary Walsh');
    assert.ok(!quotes.some((x) => x !== q && x.content.text.includes('Nobody')));
  });

  test('"…, according to X."', () => {
    const q = find(quotes, 'The plan would cost');
    assert.equal(q.content.text, 'The plan would cost $300 billion over ten years');
    assert.equal(q.cue?.lemma, 'according to');
    assert.equal(q.speaker?.text, 'the Congressional Budget Office');
  });

  test('"denied any wrongdoing in a statement": the content stops before the channel', () => {
    const q = find(quotes, 'any wrongdoing');
    assert.equal(q.content.text, 'any wrongdoing');
    assert.equal(q.cue?.lemma, 'deny');
  });

  test('"she" is not an organisation named before', () => {
    const q = find(quotes, 'The economy is strong');
    assert.equal(q.speaker?.text, 'she');
    assert.notEqual(q.speaker_entity, 'Congressional Budget Office');
  });

  test('a title-case headline "X Says …"', () => {
    const q = find(quotes, 'New Plan Will Bring Jobs');
    assert.equal(q.content.text, 'New Plan Will Bring Jobs Back to Ohio');
    assert.equal(q.cue?.lemma, 'say');
    assert.equal(q.speaker?.text, 'Walsh');
  });

  test('a subject separated from its verb by a long apposition', () => {
    const q = find(quotes, 'the plan was sound');
    assert.equal(q.content.text, 'the plan was sound');
    assert.equal(q.speaker?.text, 'David Kamin');
  });

  test('"CONTENT, Mr. X said, CONTENT" without quote marks is one quote', () => {
    const q = find(quotes, 'The deficit will keep growing');
    assert.equal(q.type, 'indirect');
    assert.equal(q.content.text, 'The deficit will keep growing, Mr. Kamin said, until the tax code changes');
    assert.equal(q.speaker?.text, 'Mr. Kamin');
  });

  test('a group of officials is not resolved to one person', () => {
    const q = find(quotes, 'the program had failed');
    assert.equal(q.speaker?.text, 'Some officials');
    assert.notEqual(q.speaker_entity, 'Mary Walsh');
  });
});
