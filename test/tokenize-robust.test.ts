/**
 * The tokenizer on hostile input: no letters, huge lines, control characters, mixed scripts,
 * emoji, lone surrogates. No crash, every character accounted for, and work that grows linearly
 * with the input — checked by counting the scanner's and classifiers' operations, not by timing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SENTENCE_TOKENS, Tokenizer, loadTokenizer, loadTokenizerModel, splitParagraphs, tokenizerModelPath, tokenizerStage } from '../src/tokenize/index.js';
import type { TokenizerStats } from '../src/tokenize/index.js';
import { emptyMeta, type Document, type Sentence } from '../src/document.js';

/** A fresh tokenizer (own counters) for each measurement. */
function fresh(lang: 'fr' | 'en'): Tokenizer {
  return new Tokenizer(loadTokenizerModel(tokenizerModelPath(lang)));
}

function run(text: string, lang: 'fr' | 'en' = 'fr'): { sentences: Sentence[]; stats: TokenizerStats } {
  const tokenizer = fresh(lang);
  const sentences = tokenizer.tokenizeParagraphs(text, splitParagraphs(text));
  return { sentences, stats: { ...tokenizer.stats } };
}

/** All operations the tokenizer counts, per character of input. */
function workPerChar(stats: TokenizerStats): number {
  const ops = stats.gapCandidates + stats.sentenceCandidates + stats.mwtCandidates + stats.scanWork + stats.tokens;
  return ops / Math.max(1, stats.characters);
}

function checkCoverage(text: string, sentences: Sentence[]): void {
  let last = 0;
  let nonSpace = 0;
  for (const s of sentences) {
    assert.ok(s.tokens.length <= MAX_SENTENCE_TOKENS);
    for (const t of s.tokens) {
      assert.ok(t.start >= last && t.end > t.start);
      assert.equal(text.slice(t.start, t.end), t.form);
      last = t.end;
      for (let i = t.start; i < t.end; i++) if (!/\s/.test(text[i])) nonSpace++;
    }
  }
  let expected = 0;
  for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i])) expected++;
  assert.equal(nonSpace, expected, 'every non-space character is in exactly one token');
}

const PATHOLOGICAL: Record<string, (n: number) => string> = {
  'one long line of words without punctuation': (n) => 'mot '.repeat(n / 4),
  'one chunk of letters and periods': (n) => 'a.'.repeat(n / 2),
  'at signs between letters': (n) => 'a@'.repeat(n / 2),
  'dotted local parts before one at sign': (n) => 'a.b'.repeat(n / 3) + '@x.fr',
  'a URL followed by closing brackets': (n) => 'http://x.fr/' + ')'.repeat(n - 12),
  'opening brackets after a word': (n) => 'mot' + '(s'.repeat((n - 3) / 2),
  'inclusive endings glued together': (n) => 'a(s)'.repeat(n / 4),
  'digit groups': (n) => '123 '.repeat(n / 4),
  'hyphens': (n) => '-'.repeat(n),
  'apostrophes between letters': (n) => "l'".repeat(n / 2),
  'initials chain': (n) => 'A.'.repeat(n / 2),
  'no letters at all': (n) => '!?;:,.«»()[]{}#%&*+=<>|~^$€£0123456789 '.repeat(n / 40),
};

describe('tokenizer on hostile input', () => {
  for (const [name, make] of Object.entries(PATHOLOGICAL)) {
    test(`${name}: bounded work per character, growing linearly`, () => {
      const small = make(40_000);
      const large = make(80_000);
      const a = run(small);
      const b = run(large);
      checkCoverage(small, a.sentences);
      const perCharSmall = workPerChar(a.stats);
      const perCharLarge = workPerChar(b.stats);
      assert.ok(perCharLarge <= 8, `${perCharLarge.toFixed(2)} operations per character`);
      // Linear: the work per character does not grow with the input.
      assert.ok(perCharLarge <= perCharSmall * 1.05 + 0.01, `${perCharSmall.toFixed(3)} → ${perCharLarge.toFixed(3)} per character`);
    });
  }

  test('a 5 MB line without punctuation is cut into bounded sentences', () => {
    const text = 'le chat dort sur le tapis rouge '.repeat(5 * 1024 * 1024 / 32);
    const { sentences, stats } = run(text);
    assert.ok(sentences.length >= stats.tokens / MAX_SENTENCE_TOKENS);
    assert.ok(workPerChar(stats) <= 2);
    const last = sentences[sentences.length - 1];
    assert.equal(last.end, text.trimEnd().length);
    assert.equal(sentences[sentences.length - 1].id, String(sentences.length));
  });

  test('control characters, mixed scripts, emoji and lone surrogates', () => {
    const text = [
      'Texte\u0000avec\u0007des\u001bcontrôles\u200b et \ufeffBOM.',
      'Русский текст, 中文文本，العربية و français mêlés.',
      'Emoji 👍🏽 et famille 👨‍👩‍👧 et drapeau 🇫🇷 ! Fin.',
      'Surrogates seuls \ud800 ici et \udc00 là, puis \ud83d.',
      'e\u0301te\u0301 décomposé et ﬁ ligature.',
    ].join('\n\n');
    for (const lang of ['fr', 'en'] as const) {
      const { sentences } = run(text, lang);
      checkCoverage(text, sentences);
      for (const s of sentences) {
        for (const t of s.tokens) {
          // A surrogate pair is never cut in two.
          const first = t.form.charCodeAt(0);
          const lastCode = t.form.charCodeAt(t.form.length - 1);
          assert.ok(!(first >= 0xdc00 && first <= 0xdfff && t.start > 0 && /[\ud800-\udbff]/.test(text[t.start - 1])));
          assert.ok(!(lastCode >= 0xd800 && lastCode <= 0xdbff && /[\udc00-\udfff]/.test(text[t.end] ?? '')));
        }
      }
      const forms = sentences.flatMap((s) => s.tokens.map((t) => t.form));
      assert.ok(forms.includes('👨‍👩‍👧'), 'a ZWJ emoji sequence is one token');
      assert.ok(forms.includes('e\u0301te\u0301'), 'combining accents stay on their letter');
    }
  });

  test('empty and whitespace-only texts give no sentences', () => {
    for (const text of ['', ' ', '\n\n\n', '\t \u00a0\u202f\n']) assert.deepEqual(loadTokenizer('fr').tokenizeParagraphs(text, splitParagraphs(text)), []);
  });

  test('paragraph spans outside the text or overlapping do not crash the stage', () => {
    const text = 'Une phrase. Une autre.';
    const doc: Document = {
      version: 1,
      text,
      meta: emptyMeta('text'),
      paragraphs: [
        { start: 5, end: 100, kind: 'body' },
        { start: 0, end: 10, kind: 'title' },
        { start: 8, end: 12, kind: 'body' },
      ],
      boilerplate: [],
      stages: [],
    };
    tokenizerStage('fr').run(doc);
    checkCoverage(text, doc.sentences!);
    assert.equal(doc.sentences![doc.sentences!.length - 1].end, text.length);
  });
});
