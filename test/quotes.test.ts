/** Quote extraction on small French and English texts written for these tests (quotes stage alone). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Document } from '../src/document.js';
import { parseConllu } from '../src/formats/conllu.js';
import { conlluToDocument } from '../src/formats/document-conllu.js';
import { annotateQuotes, pairQuotes, quotesToJson, type QuoteJson } from '../src/quotes/index.js';
import { makeDoc } from './text-documents.js';

function quotesOf(text: string, lang: 'fr' | 'en'): { doc: Document; quotes: QuoteJson[] } {
  const doc = makeDoc(text, lang);
  annotateQuotes(doc, lang);
  return { doc, quotes: quotesToJson(doc, lang) };
}

function find(quotes: QuoteJson[], fragment: string): QuoteJson {
  const q = quotes.find((x) => x.content.text.includes(fragment));
  assert.ok(q, `no quote containing "${fragment}" in ${JSON.stringify(quotes.map((x) => x.content.text))}`);
  return q;
}

function assertOffsets(doc: Document, quotes: QuoteJson[]): void {
  for (const q of quotes) {
    assert.equal(doc.text.slice(q.content.start, q.content.end), q.content.text);
    if (q.cue) assert.equal(doc.text.slice(q.cue.start, q.cue.end), q.cue.text);
    if (q.speaker) assert.equal(doc.text.slice(q.speaker.start, q.speaker.end), q.speaker.text);
  }
}

const FR = [
  'Marie Lefèvre, la maire de Villeneuve, a présenté mardi son plan pour le centre-ville.',
  '« Nous allons rouvrir la halle et planter deux cents arbres d’ici à l’été », a-t-elle dit devant le conseil municipal.',
  'Le préfet a déclaré aux journalistes que le projet respectait les règles d’urbanisme.',
  'Selon l’opposition, le budget prévu est largement sous-estimé.',
  'Le président de l’association des commerçants a résumé la situation :',
  '« Les travaux vont durer deux ans. Certains magasins ne survivront pas.',
  '« Nous demandons des compensations pour chaque mois de chantier. »',
  'Un habitant parle d’un projet "pharaonique" et d’une "folie" qui ne profitera à personne.',
].join('\n\n');

describe('quotes (French)', () => {
  const { doc, quotes } = quotesOf(FR, 'fr');

  test('direct quote in « » with a postposed inverted cue, the pronoun resolved to the person', () => {
    const q = find(quotes, 'Nous allons rouvrir la halle');
    assert.equal(q.type, 'direct');
    assert.equal(q.content.text, 'Nous allons rouvrir la halle et planter deux cents arbres d’ici à l’été');
    assert.equal(q.cue?.lemma, 'dire');
    assert.match(q.cue!.text, /dit$/);
    assert.equal(q.speaker?.text, 'elle');
    assert.equal(q.speaker_entity, 'Marie Lefèvre');
  });

  test('indirect speech "X a déclaré aux journalistes que …"', () => {
    const q = find(quotes, 'le projet respectait');
    assert.equal(q.type, 'indirect');
    assert.equal(q.content.text, 'le projet respectait les règles d’urbanisme');
    assert.equal(q.cue?.text, 'a déclaré');
    assert.equal(q.cue?.lemma, 'déclarer');
    assert.equal(q.speaker?.text, 'Le préfet');
    assert.equal(q.speaker_entity, 'préfet');
    const raw = doc.quotes!.find((x) => x.content.text.startsWith('le projet'));
    assert.equal(raw?.addressee?.text, 'journalistes');
  });

  test('"selon X, …"', () => {
    const q = find(quotes, 'le budget prévu');
    assert.equal(q.content.text, 'le budget prévu est largement sous-estimé');
    assert.equal(q.cue?.lemma, 'selon');
    assert.equal(q.speaker?.text, 'l’opposition');
  });

  test('an attribution line ending in ":" and a quote over two paragraphs (reopened, never closed)', () => {
    const q = find(quotes, 'Les travaux vont durer');
    assert.equal(q.type, 'direct');
    assert.ok(q.content.text.endsWith('chaque mois de chantier.'), q.content.text);
    assert.ok(q.content.text.includes('\n\n« Nous demandons'), 'the quote runs over the second paragraph');
    assert.equal(q.speaker?.text, 'Le président de l’association des commerçants');
    assert.equal(q.cue?.lemma, 'résumer');
  });

  test('scare quotes are not quotes', () => {
    assert.ok(!quotes.some((q) => q.content.text === 'pharaonique' || q.content.text === 'folie'));
    assert.ok(!quotes.some((q) => q.content.text.includes('pharaonique')));
  });

  test('every span points at the text', () => {
    assertOffsets(doc, quotes);
    assert.equal(quotes.length, 4, JSON.stringify(quotes.map((q) => q.content.text)));
  });
});

const EN = [
  'Senator Dana Whitfield said on Tuesday that the bill would pass before the summer recess.',
  '"We have the votes," Whitfield told reporters. "The only question is when."',
  'According to the budget office, the plan would cost $40 billion over ten years.',
  '“It is a fair deal for everyone,” said Tom Okafor, a spokesman for the coalition.',
  'The coalition called the bill "historic".',
].join('\n\n');

describe('quotes (English)', () => {
  const { doc, quotes } = quotesOf(EN, 'en');

  test('"X said that …"', () => {
    const q = find(quotes, 'the bill would pass');
    assert.equal(q.type, 'indirect');
    assert.equal(q.content.text, 'the bill would pass before the summer recess');
    assert.equal(q.cue?.lemma, 'say');
    assert.match(q.speaker!.text, /Dana Whitfield$/);
    assert.match(q.speaker_entity!, /Dana Whitfield$/);
  });

  test('direct quotes with a postposed cue, and the next sentence’s quote by the same speaker', () => {
    const first = find(quotes, 'We have the votes');
    assert.equal(first.type, 'direct');
    assert.equal(first.cue?.lemma, 'tell');
    assert.equal(first.speaker?.text, 'Whitfield');
    assert.match(first.speaker_entity!, /Dana Whitfield$/);
    const second = find(quotes, 'The only question is when');
    assert.match(second.speaker_entity!, /Dana Whitfield$/);
  });

  test('"according to X"', () => {
    const q = find(quotes, 'the plan would cost');
    assert.equal(q.content.text, 'the plan would cost $40 billion over ten years');
    assert.equal(q.cue?.lemma, 'according to');
    assert.equal(q.speaker?.text, 'the budget office');
  });

  test('"…," said X, a spokesman', () => {
    const q = find(quotes, 'It is a fair deal');
    assert.equal(q.cue?.text, 'said');
    assert.match(q.speaker!.text, /^Tom Okafor/);
    assert.equal(q.speaker_entity, 'Tom Okafor');
  });

  test('a one-word quote is not a quote', () => {
    assert.ok(!quotes.some((q) => q.content.text === 'historic'));
    assertOffsets(doc, quotes);
  });
});

describe('quote marks', () => {
  test('odd counts and stray marks never throw and keep offsets exact', () => {
    const text = 'Il a dit : « on verra.\n\nUn guillemet fermant » perdu et un "autre.\n\nFin » de l’histoire.';
    const { doc, quotes } = quotesOf(text, 'fr');
    assertOffsets(doc, quotes);
    const regions = pairQuotes(text, doc.paragraphs);
    for (const r of regions) assert.ok(r.content.start < r.content.end && r.content.end <= text.length);
  });

  test('English quote interrupted by its cue is one quote', () => {
    const { quotes } = quotesOf('"We will win," she said, "and we will win big."', 'en');
    assert.equal(quotes.length, 1, JSON.stringify(quotes));
    assert.ok(quotes[0].content.text.startsWith('We will win'));
    assert.ok(quotes[0].content.text.endsWith('win big.'));
    assert.equal(quotes[0].speaker?.text, 'she');
  });

  test('a quote followed by "– Name"', () => {
    const { quotes } = quotesOf('« La culture n’est pas un luxe. » – Jeanne Moreau', 'fr');
    assert.equal(quotes.length, 1);
    assert.equal(quotes[0].speaker?.text, 'Jeanne Moreau');
    assert.equal(quotes[0].cue, null);
  });
});

describe('tree-based rules on a gold tree', () => {
  // Written for this test in the UD French conventions.
  const CONLLU = [
    '# sent_id = t1',
    '# text = Le ministre a affirmé que la réforme serait adoptée cette année lors d\'un déplacement à Lyon.',
    '1\tLe\tle\tDET\t_\t_\t2\tdet\t_\t_',
    '2\tministre\tministre\tNOUN\t_\t_\t4\tnsubj\t_\t_',
    '3\ta\tavoir\tAUX\t_\t_\t4\taux:tense\t_\t_',
    '4\taffirmé\taffirmer\tVERB\t_\t_\t0\troot\t_\t_',
    '5\tque\tque\tSCONJ\t_\t_\t9\tmark\t_\t_',
    '6\tla\tle\tDET\t_\t_\t7\tdet\t_\t_',
    '7\tréforme\tréforme\tNOUN\t_\t_\t9\tnsubj:pass\t_\t_',
    '8\tserait\têtre\tAUX\t_\t_\t9\taux:pass\t_\t_',
    '9\tadoptée\tadopter\tVERB\t_\t_\t4\tccomp\t_\t_',
    '10\tcette\tce\tDET\t_\t_\t11\tdet\t_\t_',
    '11\tannée\tannée\tNOUN\t_\t_\t9\tobl:mod\t_\t_',
    '12\tlors\tlors\tADV\t_\t_\t15\tcase\t_\t_',
    "13\td'\tde\tADP\t_\t_\t12\tfixed\t_\tSpaceAfter=No",
    '14\tun\tun\tDET\t_\t_\t15\tdet\t_\t_',
    '15\tdéplacement\tdéplacement\tNOUN\t_\t_\t4\tobl:mod\t_\t_',
    '16\tà\tà\tADP\t_\t_\t17\tcase\t_\t_',
    '17\tLyon\tLyon\tPROPN\t_\t_\t15\tnmod\t_\tSpaceAfter=No',
    '18\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_',
    '',
  ].join('\n');

  test('the ccomp subtree bounds the content; without the tree the clause runs to the end', () => {
    const gold = conlluToDocument(parseConllu(CONLLU), 'fr', true);
    annotateQuotes(gold, 'fr');
    const withTree = quotesToJson(gold, 'fr');
    assert.equal(withTree.length, 1);
    assert.equal(withTree[0].content.text, 'la réforme serait adoptée cette année');
    assert.equal(withTree[0].speaker?.text, 'Le ministre');
    const bare = conlluToDocument(parseConllu(CONLLU), 'fr', false);
    annotateQuotes(bare, 'fr');
    assert.equal(quotesToJson(bare, 'fr')[0].content.text, 'la réforme serait adoptée cette année lors d\'un déplacement à Lyon');
  });
});
