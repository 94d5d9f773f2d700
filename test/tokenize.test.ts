/** The tokenizer with the committed models: UD conventions of Sequoia/GSD (French) and EWT (English). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sentence } from '../src/document.js';
import { emptyMeta, type Document } from '../src/document.js';
import { loadTokenizer, splitParagraphs, tokenizeText, tokenizerStage } from '../src/tokenize/index.js';
import { PerceptronTrainer } from '../src/learn/perceptron.js';
import { averagePerceptrons } from '../src/learn/average.js';

/** Tokens of a text, one array per sentence; a multiword token is written "du{de le}". */
function tokens(text: string, lang: 'fr' | 'en'): string[][] {
  return tokenizeText(text, lang).map((s) =>
    s.tokens.map((t) =>
      t.lastWord > t.firstWord
        ? `${t.form}{${s.words
            .slice(t.firstWord, t.lastWord + 1)
            .map((w) => w.form)
            .join(' ')}}`
        : t.form,
    ),
  );
}

function flat(text: string, lang: 'fr' | 'en'): string[] {
  return tokens(text, lang).flat();
}

/** Every invariant the Document model promises for the sentence layer. */
function checkInvariants(text: string, sentences: Sentence[]): void {
  let previousEnd = 0;
  sentences.forEach((s, i) => {
    assert.equal(s.id, String(i + 1));
    assert.ok(s.tokens.length > 0);
    assert.equal(s.start, s.tokens[0].start);
    assert.equal(s.end, s.tokens[s.tokens.length - 1].end);
    let word = 0;
    s.tokens.forEach((t, ti) => {
      assert.ok(t.start >= previousEnd, 'tokens in text order, not overlapping');
      assert.equal(text.slice(t.start, t.end), t.form, 'form is the text at the offsets');
      assert.equal(t.spaceAfter, t.end >= text.length || /\s/.test(text[t.end]), 'spaceAfter follows the text');
      assert.equal(t.firstWord, word);
      assert.ok(t.lastWord >= t.firstWord);
      for (let w = t.firstWord; w <= t.lastWord; w++) {
        assert.equal(s.words[w].token, ti);
        assert.ok(s.words[w].form.length > 0);
        assert.equal(s.words[w].head, -1);
        assert.equal(s.words[w].upos, '_');
      }
      word = t.lastWord + 1;
      previousEnd = t.end;
    });
    assert.equal(word, s.words.length);
  });
  // Every non-space character belongs to exactly one token.
  const covered = new Uint8Array(text.length);
  for (const s of sentences) for (const t of s.tokens) covered.fill(1, t.start, t.end);
  for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i])) assert.equal(covered[i], 1, `character ${i} is in a token`);
}

describe('French tokenization', () => {
  test('elision with straight and curly apostrophes', () => {
    assert.deepEqual(flat("L'homme qu'il a vu jusqu'à présent n'est pas là.", 'fr'), [
      "L'", 'homme', "qu'", 'il', 'a', 'vu', "jusqu'", 'à', 'présent', "n'", 'est', 'pas', 'là', '.',
    ]);
    assert.deepEqual(flat('Il a étudié à l’étranger d’abord.', 'fr'), ['Il', 'a', 'étudié', 'à', 'l’', 'étranger', 'd’', 'abord', '.']);
    // "aujourd'hui" is one word.
    assert.ok(flat("Il vient aujourd'hui.", 'fr').includes("aujourd'hui"));
  });

  test('hyphenated clitics split, compounds stay whole', () => {
    assert.deepEqual(flat('« Je viens », dit-il.', 'fr'), ['«', 'Je', 'viens', '»', ',', 'dit', '-il', '.']);
    assert.deepEqual(flat('A-t-elle mangé ?', 'fr'), ['A', '-t-elle', 'mangé', '?']);
    assert.deepEqual(flat('Peut-être que le porte-parole viendra.', 'fr'), ['Peut-être', 'que', 'le', 'porte-parole', 'viendra', '.']);
    assert.ok(flat('Le président Kassym-Jomart Tokayev a parlé.', 'fr').includes('Kassym-Jomart'));
  });

  test('multiword tokens: du, au, aux, desquelles', () => {
    assert.deepEqual(flat('Il parle au maire du village et aux élus.', 'fr'), [
      'Il', 'parle', 'au{à le}', 'maire', 'du{de le}', 'village', 'et', 'aux{à les}', 'élus', '.',
    ]);
    assert.ok(flat('Les menaces au sujet desquelles il a parlé.', 'fr').includes('desquelles{de lesquelles}'));
    // The first word takes the token's capital, as Sequoia writes it.
    assert.equal(flat('Au début, rien.', 'fr')[0], 'Au{À le}');
  });

  test('"des": article stays one word, preposition + article is split', () => {
    assert.equal(flat('Des enfants jouent dans la cour.', 'fr')[0], 'Des');
    assert.ok(flat('La fin des travaux est prévue.', 'fr').includes('des{de les}'));
  });

  test('numbers with group spaces, decimal commas and percent', () => {
    assert.deepEqual(flat('Il a payé 1 234,5 euros, soit 12,5 % de plus.', 'fr'), [
      'Il', 'a', 'payé', '1 234,5', 'euros', ',', 'soit', '12,5', '%', 'de', 'plus', '.',
    ]);
    assert.ok(flat('Environ 20\u00a0000 personnes.', 'fr').includes('20\u00a0000'));
    assert.ok(flat('La température passe de -1 à -0,8.', 'fr').includes('-0,8'));
  });

  test('abbreviations and initials keep their period and do not end sentences', () => {
    const s = tokens('M. Dupont et Mme Durand sont venus. Il fut dédié en 493 av. J.-C. par le roi. J. Biden a parlé.', 'fr');
    assert.deepEqual(s, [
      ['M.', 'Dupont', 'et', 'Mme', 'Durand', 'sont', 'venus', '.'],
      ['Il', 'fut', 'dédié', 'en', '493', 'av.', 'J.-C.', 'par', 'le', 'roi', '.'],
      ['J.', 'Biden', 'a', 'parlé', '.'],
    ]);
  });

  test('URLs and e-mail addresses are single tokens, trailing punctuation apart', () => {
    assert.deepEqual(flat('Écrivez à jean.dupont@example.fr ou voyez https://www.example.fr/page?id=3.', 'fr'), [
      'Écrivez', 'à', 'jean.dupont@example.fr', 'ou', 'voyez', 'https://www.example.fr/page?id=3', '.',
    ]);
    assert.ok(flat('Le site (www.example.org) est ouvert.', 'fr').includes('www.example.org'));
  });

  test('quotes, ellipsis and sentence boundaries', () => {
    assert.deepEqual(tokens('« Nous partirons demain », a-t-il déclaré. Le ministre a démenti.', 'fr'), [
      ['«', 'Nous', 'partirons', 'demain', '»', ',', 'a', '-t-il', 'déclaré', '.'],
      ['Le', 'ministre', 'a', 'démenti', '.'],
    ]);
    assert.deepEqual(tokens('Il est venu… Puis il est parti ! Vraiment ?', 'fr'), [
      ['Il', 'est', 'venu', '…'],
      ['Puis', 'il', 'est', 'parti', '!'],
      ['Vraiment', '?'],
    ]);
    assert.deepEqual(tokens('Il a dit : « C\'est faux. » Puis il est parti.', 'fr').length, 2);
  });

  test('inclusive endings and dashes', () => {
    assert.ok(flat('AUTRE(S) MISE(S) EN GARDE', 'fr').includes('MISE(S)'));
    assert.deepEqual(flat("l'architecture--c'est-à-dire la forme", 'fr'), ["l'", 'architecture', '--', "c'est-à-dire", 'la', 'forme']);
    // Both edges of a protected span are boundaries, and a comma between a letter and a digit is
    // a missing space, not a decimal comma.
    assert.deepEqual(flat('(16 juin 1914--3 février 2002)', 'fr'), ['(', '16', 'juin', '1914', '--', '3', 'février', '2002', ')']);
    assert.deepEqual(flat('Huntingdon,25 avril 1599', 'fr'), ['Huntingdon', ',', '25', 'avril', '1599']);
    assert.deepEqual(flat('un taux de 1,5 %', 'fr'), ['un', 'taux', 'de', '1,5', '%']);
  });

  test('capitalised names inside a sentence do not start a new one', () => {
    const news = 'Dans son livre Les Bras ouverts, publié en 1998, il raconte sa jeunesse. Le maire de Saint-Dizier Jean Martin a démissionné.';
    assert.equal(tokens(news, 'fr').length, 2);
    assert.equal(tokens('La ligne arrive à Times Square depuis 1904.', 'fr').length, 1);
    // A name with a particle is never cut before the particle.
    assert.equal(tokens('Selon Marine Le Pen, la réforme est injuste.', 'fr').length, 1);
    assert.equal(tokens('Le Sénat a voté et Marine Le Pen a réclamé un référendum.', 'fr').length, 1);
  });
});

describe('English tokenization', () => {
  test('contractions are multiword tokens (EWT)', () => {
    assert.deepEqual(flat("I don't think it's done, aren't you sure? I'm not.", 'en'), [
      'I', "don't{do n't}", 'think', "it's{it 's}", 'done', ',', "aren't{are n't}", 'you', 'sure', '?', "I'm{I 'm}", 'not', '.',
    ]);
    assert.ok(flat("Mr. Smith's dog can't swim.", 'en').includes("can't{ca n't}"));
    // An unseen possessive goes through the suffix rule.
    assert.ok(flat("Zorblatt's idea was good.", 'en').includes("Zorblatt's{Zorblatt 's}"));
  });

  test('abbreviations, numbers, URLs, e-mails and emoticons', () => {
    assert.deepEqual(tokens('Mr. Smith met Dr. Jones. The U.S. economy grew 3.5% in 2023.', 'en'), [
      ['Mr.', 'Smith', 'met', 'Dr.', 'Jones', '.'],
      ['The', 'U.S.', 'economy', 'grew', '3.5', '%', 'in', '2023', '.'],
    ]);
    assert.deepEqual(flat('Mail john.smith@example.com or see http://example.com/a_b :)', 'en'), [
      'Mail', 'john.smith@example.com', 'or', 'see', 'http://example.com/a_b', ':)',
    ]);
    assert.ok(flat('It costs $1,234.50 today.', 'en').includes('1,234.50'));
  });
});

describe('offsets, SpaceAfter, paragraphs and the stage', () => {
  const text = "Titre de l'article\n\nLe « premier » paragraphe, du texte. Une autre phrase !\n\n  Second paragraphe sans point final\n";

  test('offsets, SpaceAfter and words obey the Document invariants', () => {
    for (const lang of ['fr', 'en'] as const) checkInvariants(text, tokenizeText(text, lang));
    const sample = "L'OTAN a dit : « Non. » C'est « faux », selon M. Dupont (AFP)...\n\nI can't—won't—go. It's 5:30 p.m. here.";
    checkInvariants(sample, tokenizeText(sample, 'fr'));
    checkInvariants(sample, tokenizeText(sample, 'en'));
  });

  test('SpaceAfter is false exactly where no whitespace follows', () => {
    const [s] = tokenizeText("Il l'a vu, dit-il.", 'fr');
    assert.deepEqual(
      s.tokens.map((t) => [t.form, t.spaceAfter]),
      [
        ['Il', true],
        ["l'", false],
        ['a', true],
        ['vu', false],
        [',', true],
        ['dit', false],
        ['-il', false],
        ['.', true],
      ],
    );
  });

  test('paragraph breaks always end sentences; sentences never cross them', () => {
    const sentences = tokenizeText(text, 'fr');
    const paragraphs = splitParagraphs(text);
    assert.equal(paragraphs.length, 3);
    assert.deepEqual(
      sentences.map((s) => s.tokens.map((t) => t.form).join(' ')),
      ["Titre de l' article", 'Le « premier » paragraphe , du texte .', 'Une autre phrase !', 'Second paragraphe sans point final'],
    );
    for (const s of sentences) assert.ok(paragraphs.some((p) => p.start <= s.start && s.end <= p.end));
  });

  test('a text without blank lines is one paragraph per line', () => {
    assert.deepEqual(
      splitParagraphs('Titre\nPremier paragraphe.\nSecond.').map((p) => [p.start, p.end]),
      [
        [0, 5],
        [6, 25],
        [26, 33],
      ],
    );
  });

  test('the pipeline stage fills doc.sentences from every paragraph kind', () => {
    const docText = 'Un titre\n\nUn chapeau.\n\nLe corps du texte.';
    const meta = emptyMeta('text');
    meta.lang = 'fr';
    const doc: Document = {
      version: 1,
      text: docText,
      meta,
      paragraphs: [
        { start: 0, end: 8, kind: 'title' },
        { start: 10, end: 21, kind: 'dek' },
        { start: 23, end: 41, kind: 'body' },
      ],
      boilerplate: [],
      stages: [],
    };
    tokenizerStage('fr').run(doc);
    assert.deepEqual(
      doc.sentences!.map((s) => [s.id, docText.slice(s.start, s.end)]),
      [
        ['1', 'Un titre'],
        ['2', 'Un chapeau.'],
        ['3', 'Le corps du texte.'],
      ],
    );
  });

  test('the models load once and report their language', () => {
    assert.equal(loadTokenizer('fr'), loadTokenizer('fr'));
    assert.equal(loadTokenizer('fr').lang, 'fr');
    assert.equal(loadTokenizer('en').lang, 'en');
  });
});

describe('training helpers', () => {
  test('averagePerceptrons scores as the mean of its members, over the union of their features', () => {
    const a = new PerceptronTrainer(2);
    a.update([1, 2], 2, 1, 0);
    a.tick();
    const b = new PerceptronTrainer(2);
    b.update([2, 3], 2, 0, 1);
    b.tick();
    const ma = a.finish();
    const mb = b.finish();
    const mean = averagePerceptrons([ma, mb]);
    for (const features of [[1], [2], [3], [1, 2, 3], [4]]) {
      const sa = new Float64Array(2);
      const sb = new Float64Array(2);
      const sm = new Float64Array(2);
      ma.score(features, features.length, sa);
      mb.score(features, features.length, sb);
      mean.score(features, features.length, sm);
      for (let c = 0; c < 2; c++) assert.ok(Math.abs(sm[c] - (sa[c] + sb[c]) / 2) < 1e-6, `features ${features} class ${c}`);
    }
    assert.equal(averagePerceptrons([ma]), ma);
  });
});
