import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../src/extract/index.js';
import { identifyLanguage } from '../src/extract/langid.js';

test('short texts are identified from their function words', () => {
  assert.equal(identifyLanguage('Il pleut.').lang, 'fr');
  assert.equal(identifyLanguage('Le ministre a démenti.').lang, 'fr');
  assert.equal(identifyLanguage('It rains.').lang, 'en');
  // Neither French nor English: still 'other', never forced.
  assert.equal(identifyLanguage('Guten Tag, wie geht es dir?').lang, 'other');
  assert.equal(identifyLanguage('OK').lang, 'other');
});

test('a first line that ends in a full stop is body text, not a headline', () => {
  const text =
    'Le syndicat a démenti toute implication dans les blocages.\n\n' +
    'Le gouvernement accuse les grévistes de prendre les usagers en otage.\n';
  const doc = extractArticle(text, { format: 'text' });
  assert.equal(doc.meta.title, null);
  assert.deepEqual(
    doc.paragraphs.map((p) => p.kind),
    ['body', 'body'],
  );
  assert.equal(doc.boilerplate.length, 0);
  // A headline without a final period is still the title.
  const titled = extractArticle('Grève à la SNCF\n\nLe syndicat a démenti toute implication.\n', { format: 'text' });
  assert.equal(titled.meta.title, 'Grève à la SNCF');
});

test('an English article heavy in names and figures is still English; Spanish is not taken for French', () => {
  const figures =
    'In a poll released Monday, 50 percent of respondents chose Smith while 40 percent chose Jones. ' +
    'In a closer match-up, 48 percent chose Smith while 45 percent chose Brown, R-Texas. ' +
    'Brown beat out Smith by just one point, with 47 percent to 46 percent among registered voters in Ohio, ' +
    'Iowa and Nevada, according to the NBC News/Marist survey of 1,000 adults conducted Dec. 6-9.';
  assert.equal(identifyLanguage(figures).lang, 'en');
  const spanish =
    'El presidente del Gobierno anunció este martes que el país enviará más ayuda, según fuentes del ' +
    'ministerio de Defensa. La oposición criticó la decisión y pidió explicaciones en el Congreso.';
  assert.equal(identifyLanguage(spanish).lang, 'other');
});
