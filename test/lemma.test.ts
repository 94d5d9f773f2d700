import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTagger } from '../src/tag/index.js';
import { loadLemmatizer } from '../src/lemmatize/index.js';
import { applyScript, scriptFor } from '../src/lemmatize/edit-script.js';
import { classOf, parseClass, realize } from '../src/lemmatize/features.js';

function lemmasOf(lang: 'fr' | 'en', forms: string[]): string[] {
  const t = loadTagger(lang).tag(forms);
  const l = loadLemmatizer(lang);
  return forms.map((f, i) => l.lemmatize(f, t.upos[i], t.feats[i], i === 0));
}

test('edit scripts rewrite a form into its lemma', () => {
  assert.equal(scriptFor('démentent', 'démentir'), '3|ir');
  assert.equal(applyScript('démentent', '3|ir'), 'démentir');
  assert.equal(scriptFor('yeux', 'oeil'), '4|oeil');
  assert.equal(applyScript('ab', '5|x'), 'x');
  // Never cut a surrogate pair in two.
  assert.equal(scriptFor('a😀b', 'a😁'), '3|😁');
  for (const [form, lemma] of [
    ['Les', 'le'],
    ['Américains', 'Américain'],
    ['GOODWYN', 'Goodwyn'],
    ['ONU', 'O.N.U.'],
    ['Paris', 'Paris'],
  ]) {
    const c = classOf(form, lemma);
    assert.equal(realize(form, form.toLowerCase(), parseClass(c)), lemma, `${form} → ${lemma} via ${c}`);
  }
});

test('French lemmas from the sentence', () => {
  assert.deepEqual(lemmasOf('fr', ['Les', 'États-Unis', 'démentent', 'leur', 'rôle', '.']), ['le', 'États-Unis', 'démentir', 'son', 'rôle', '.']);
});

test('French first-group verbs and noun/verb homographs (spaCy issues)', () => {
  const l = loadLemmatizer('fr');
  const verb = 'Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin';
  assert.equal(l.lemmatize('monte', 'VERB', verb), 'monter');
  assert.equal(l.lemmatize('saute', 'VERB', verb), 'sauter');
  assert.equal(l.lemmatize('confirme', 'VERB', verb), 'confirmer');
  assert.equal(l.lemmatize('voitures', 'NOUN', 'Gender=Fem|Number=Plur'), 'voiture');
  assert.equal(l.lemmatize('présenter', 'VERB', 'VerbForm=Inf'), 'présenter');
  assert.deepEqual(lemmasOf('fr', ['Il', 'confirme', 'que', 'les', 'voitures', 'montent', '.']), ['lui', 'confirmer', 'que', 'le', 'voiture', 'monter', '.']);
});

test('French unknown words: a made-up -er verb, participle and plural noun', () => {
  const l = loadLemmatizer('fr');
  assert.equal(l.lemmatize('blorguent', 'VERB', 'Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin'), 'blorguer');
  assert.equal(l.lemmatize('zorpifiait', 'VERB', 'Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin'), 'zorpifier');
  assert.equal(l.lemmatize('trumpisées', 'VERB', 'Gender=Fem|Number=Plur|Tense=Past|VerbForm=Part'), 'trumpiser');
  assert.equal(l.lemmatize('fliboustiers', 'NOUN', 'Gender=Masc|Number=Plur'), 'fliboustier');
  assert.deepEqual(lemmasOf('fr', ['Ils', 'blorguent', 'les', 'fliboustiers', '.']), ['eux', 'blorguer', 'le', 'fliboustier', '.']);
});

test('casing: proper nouns keep their case, sentence-initial common words are lower-cased', () => {
  const fr = loadLemmatizer('fr');
  assert.equal(fr.lemmatize('Macron', 'PROPN', '_', false), 'Macron');
  assert.equal(fr.lemmatize('Zelensky', 'PROPN', '_', true), 'Zelensky');
  assert.equal(fr.lemmatize('Élections', 'NOUN', 'Gender=Fem|Number=Plur', true), 'élection');
  const en = loadLemmatizer('en');
  assert.equal(en.lemmatize('The', 'DET', 'Definite=Def|PronType=Art', true), 'the');
  assert.equal(en.lemmatize('Zelensky', 'PROPN', 'Number=Sing', false), 'Zelensky');
});

test('English lemmas, known and unknown words', () => {
  assert.deepEqual(lemmasOf('en', ['The', 'ministers', 'were', 'denying', 'the', 'better', 'claims', '.']), ['the', 'minister', 'be', 'deny', 'the', 'good', 'claim', '.']);
  const l = loadLemmatizer('en');
  assert.equal(l.lemmatize('blorked', 'VERB', 'Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin'), 'blork');
  assert.equal(l.lemmatize('glorbs', 'NOUN', 'Number=Plur'), 'glorb');
  assert.equal(l.lemmatize('zoomified', 'VERB', 'Tense=Past|VerbForm=Part'), 'zoomify');
  assert.equal(l.lemmatize("n't", 'PART', 'Polarity=Neg'), 'not');
});

test('the hashed training dictionary gives back every (form, UPOS) lemma and nothing else', async () => {
  const { LemmaDictionary } = await import('../src/lemmatize/dictionary.js');
  const lines = ['yeux\tNOUN\toeil', 'démentent\tVERB\tdémentir', 'Les\tDET\tle', 'été\tAUX\têtre', 'été\tNOUN\tété', 'x\tFOO\ty'].join('\n');
  const upos = ['AUX', 'DET', 'NOUN', 'VERB'];
  const d = LemmaDictionary.fromLines(lines, upos);
  assert.equal(d.size, 5, 'lines with an unknown UPOS are skipped');
  const id = (u: string): number => upos.indexOf(u);
  assert.equal(d.get('yeux', id('NOUN')), 'oeil');
  assert.equal(d.get('démentent', id('VERB')), 'démentir');
  assert.equal(d.get('Les', id('DET')), 'le');
  assert.equal(d.get('été', id('AUX')), 'être');
  assert.equal(d.get('été', id('NOUN')), 'été');
  assert.equal(d.get('été', id('VERB')), undefined);
  assert.equal(d.get('les', id('DET')), undefined);
  const again = LemmaDictionary.fromArrays(d.toArrays(), d.scripts);
  assert.ok(again);
  assert.equal(again.get('yeux', id('NOUN')), 'oeil');
});

test('English rules for words the dictionary lacks: addresses, hashtags, thousands, lower-case proper nouns', () => {
  const l = loadLemmatizer('en');
  // The classifier would lower-case these; EWT keeps addresses and hashtags as written.
  assert.equal(l.lemmatize('http://www.Example.com/Index.html', 'PROPN'), 'http://www.Example.com/Index.html');
  assert.equal(l.lemmatize('John.Smith@ENRON.com', 'PROPN'), 'John.Smith@ENRON.com');
  assert.equal(l.lemmatize('#Audiobooks', 'NOUN'), '#Audiobooks');
  // EWT number lemmas drop thousands separators; a decimal comma is left alone.
  assert.equal(l.lemmatize('1,100', 'NUM'), '1100');
  assert.equal(l.lemmatize('12,345.50', 'NUM'), '12345.50');
  assert.equal(l.lemmatize('7,5', 'NUM'), '7,5');
  // A proper noun typed in lower case gets the lemma of its capitalised form seen in training.
  assert.equal(l.lemmatize('london', 'PROPN'), 'London');
  // French is unchanged: its commas are decimal.
  assert.equal(loadLemmatizer('fr').lemmatize('1,100', 'NUM'), '1,100');
});
