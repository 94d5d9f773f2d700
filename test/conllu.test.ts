/**
 * The CoNLL-U reader and writer: byte-identical round trips, and malformed input refused with
 * the line and the problem.
 *
 * Line ends: the reader accepts LF and CRLF (and a leading BOM); the writer always writes LF
 * without BOM, so a CRLF file round-trips to its LF form.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/models.js';
import { parseConllu, sentenceText, surfaceTokens, writeConllu } from '../src/formats/conllu.js';
import { InputError } from '../src/errors.js';

const FIXTURES = join(packageRoot, 'test', 'fixtures', 'conllu');

/** Files compare equal whatever number of newlines ends them. */
function normaliseEnd(text: string): string {
  return text.replace(/\n*$/, '\n');
}

describe('CoNLL-U round trip', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.conllu'));

  test('there are fixtures to round-trip', () => {
    assert.ok(files.includes('roundtrip.conllu'));
    assert.ok(files.length >= 10);
  });

  for (const file of files) {
    test(`${file} is written back byte for byte`, () => {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      assert.equal(normaliseEnd(writeConllu(parseConllu(text, file))), normaliseEnd(text));
    });
  }

  const text = readFileSync(join(FIXTURES, 'roundtrip.conllu'), 'utf8');

  test('ranges, empty nodes (0.1 included), comments and MISC are kept where they belong', () => {
    const [first, second] = parseConllu(text, 'roundtrip.conllu');
    assert.equal(first.comments.length, 4);
    assert.equal(first.comments[1], '# global.columns = ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC');
    assert.deepEqual(first.emptyNodes.map((e) => e.after), [0, 3, 3, 5]);
    assert.equal(first.emptyNodes[2].line, '3.2\tlà\tlà\tADV\t_\t_\t_\t_\t3.1:advmod\t_');
    assert.deepEqual(first.multiwords.map((m) => [m.first, m.last, m.form, m.misc]), [[3, 4, 'du', 'SpaceAfter=No']]);
    assert.deepEqual(first.words.map((w) => w.head), [2, 4, 5, 0, 4]);
    assert.equal(first.words[4].deps, '4:nmod|2:nmod');
    assert.deepEqual(second.words.map((w) => w.head), [-1, -1, -1, -1], 'HEAD "_" reads as -1');
    assert.deepEqual(second.comments.slice(2), ['# comment without equals sign', '#']);
    assert.deepEqual(
      surfaceTokens(second).map((t) => [t.form, t.firstWord, t.lastWord, t.spaceAfter]),
      [["Qu'est", 0, 1, false], ['-ce', 2, 2, false], ['?', 3, 3, true]],
    );
    assert.equal(sentenceText({ ...second, comments: [] }), "Qu'est-ce?");
  });

  test('CRLF line ends are read, and written back as LF', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const sentences = parseConllu(crlf, 'crlf.conllu');
    assert.deepEqual(sentences, parseConllu(text, 'lf.conllu'));
    assert.equal(writeConllu(sentences), text);
  });

  test('a leading BOM is skipped and not written', () => {
    assert.equal(writeConllu(parseConllu(`\ufeff${text}`, 'bom.conllu')), text);
  });

  test('a file without the final blank line is read; the writer ends each sentence with one', () => {
    const cut = text.replace(/\n+$/, '');
    assert.equal(writeConllu(parseConllu(cut, 'cut.conllu')), text);
  });

  test('blank lines between sentences beyond one are tolerated', () => {
    const spaced = `\n\n${text.replace('\n\n# sent_id = rt-2', '\n\n\n\n# sent_id = rt-2')}`;
    assert.equal(writeConllu(parseConllu(spaced, 'spaced.conllu')), text);
  });
});

/** A word line with 10 columns. */
function line(id: string, form: string, head = '0', deprel = 'root'): string {
  return `${id}\t${form}\t_\tX\t_\t_\t${head}\t${deprel}\t_\t_`;
}
const RANGE = (id: string, form: string): string => `${id}\t${form}\t_\t_\t_\t_\t_\t_\t_\t_`;

describe('CoNLL-U malformed input', () => {
  // [what, file text, line the error names, what the message says]
  const cases: [string, string, number, RegExp][] = [
    ['wrong column count', `# c\n${line('1', 'a')}\n2\tb\t_\n\n`, 3, /expected 10 tab-separated columns, found 3/],
    ['space instead of tabs', `${line('1', 'a')}\n2 b _ X _ _ 1 dep _ _\n\n`, 2, /expected 10 tab-separated columns, found 1/],
    ['bad id', `${line('1', 'a')}\n${line('x', 'b', '1', 'dep')}\n\n`, 2, /invalid id "x"/],
    ['negative id', `${line('-1', 'a')}\n\n`, 1, /invalid id "-1"/],
    ['ids out of sequence', `${line('1', 'a')}\n${line('3', 'b', '1', 'dep')}\n\n`, 2, /word id 3 out of sequence, expected 2/],
    ['id not starting at 1', `${line('1', 'a')}\n\n${line('2', 'b')}\n\n`, 3, /word id 2 out of sequence, expected 1/],
    ['non-numeric head', `${line('1', 'a')}\n${line('2', 'b', 'x', 'dep')}\n\n`, 2, /head "x" is not a number/],
    ['negative head', `${line('1', 'a')}\n${line('2', 'b', '-1', 'dep')}\n\n`, 2, /head "-1" is not a number/],
    ['word heading itself', `${line('1', 'a')}\n${line('2', 'b', '2', 'dep')}\n\n`, 2, /word 2 is its own head/],
    ['empty column', `${line('1', 'a')}\n2\tb\t\tX\t_\t_\t1\tdep\t_\t_\n\n`, 2, /column 3 is empty/],
    ['overlapping ranges', `${RANGE('1-2', 'ab')}\n${line('1', 'a')}\n${RANGE('2-3', 'bc')}\n${line('2', 'b', '1', 'dep')}\n${line('3', 'c', '1', 'dep')}\n\n`, 3, /multiword range 2-3 overlaps 1-2/],
    ['reversed range', `${RANGE('2-1', 'ab')}\n${line('1', 'a')}\n\n`, 1, /multiword range 2-1 is empty or reversed/],
    ['range not at the next word', `${line('1', 'a')}\n${RANGE('3-4', 'cd')}\n\n`, 2, /multiword range 3-4 does not start at the next word 2/],
    ['comment inside a sentence', `${line('1', 'a')}\n# late\n${line('2', 'b', '1', 'dep')}\n\n`, 2, /comment line after the first word line/],
    ['sentence without words', `${line('1', 'a')}\n\n# sent_id = 2\n# text = x\n\n`, 3, /sentence has no word lines/],
    ['range without its words', `${RANGE('1-2', 'ab')}\n\n`, 1, /sentence has no word lines/],
    ['empty node out of place', `${line('1', 'a')}\n${line('2', 'b', '1', 'dep')}\n1.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n\n`, 3, /empty node 1\.1/],
  ];

  for (const [what, input, lineNo, message] of cases) {
    test(`${what}: names line ${lineNo} and the problem`, () => {
      assert.throws(
        () => parseConllu(input, 'bad.conllu'),
        (err: unknown) => {
          assert.ok(err instanceof InputError, String(err));
          assert.equal(err.line, lineNo);
          assert.ok(err.message.startsWith(`bad.conllu:${lineNo}: `), err.message);
          assert.match(err.message, message);
          assert.ok(!err.message.includes('\n'));
          return true;
        },
      );
    });
  }

  // Checks that need the whole sentence are reported once it ends, at the sentence's first line.
  test('head out of range: names the sentence and the word, head and word count', () => {
    assert.throws(() => parseConllu(`\n\n${line('1', 'a')}\n${line('2', 'b', '7', 'dep')}\n\n`, 'bad.conllu'), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.ok(err.line === 3 || err.line === 4, `line ${err.line}`);
      assert.match(err.message, /^bad\.conllu:\d+: word 2 has head 7 but the sentence has 2 words$/);
      return true;
    });
  });

  test('range past the last word', () => {
    assert.throws(() => parseConllu(`${line('1', 'a')}\n${RANGE('2-3', 'bc')}\n${line('2', 'b', '1', 'dep')}\n\n`, 'bad.conllu'), /^InputError: bad\.conllu:1: multiword range 2-3 goes past the last word 2$/);
  });
});
