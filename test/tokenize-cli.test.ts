/** `vigie annotate`: plain text in, CoNLL-U (or the JSON Document) out, read back with parseConllu. */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commentValue, miscValue, parseConllu, surfaceTokens } from '../src/formats/conllu.js';
import { packageRoot } from '../src/models.js';

const VIGIE = join(packageRoot, 'bin', 'vigie.js');

function vigie(args: string[], input?: string): string {
  return execFileSync(process.execPath, [VIGIE, ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

const FRENCH = [
  'Les États-Unis démentent leur rôle au Kazakhstan',
  '',
  "La porte-parole du président a nié l'accusation. « C'est absolument faux », a-t-elle dit.",
  '',
  'Le ministère des Affaires étrangères surveille la situation.',
  '',
].join('\n');

describe('vigie annotate', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-annotate-'));
    writeFileSync(join(dir, 'fr.txt'), FRENCH);
    writeFileSync(join(dir, 'en.txt'), "I don't know. It's Mr. Smith's car.\n");
    writeFileSync(join(dir, 'binary.bin'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 0]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('writes CoNLL-U that parseConllu reads back, with ids, texts, multiword tokens and SpaceAfter', () => {
    const out = vigie(['annotate', join(dir, 'fr.txt'), '--lang', 'fr', '--up-to', 'tokenize']);
    const sentences = parseConllu(out, 'annotate output');
    assert.equal(sentences.length, 4);
    sentences.forEach((s, i) => {
      assert.equal(commentValue(s, 'sent_id'), String(i + 1));
      const text = commentValue(s, 'text');
      assert.ok(text);
      // The tokens and their SpaceAfter flags spell the sentence text.
      let rebuilt = '';
      for (const t of surfaceTokens(s)) rebuilt += t.form + (t.spaceAfter ? ' ' : '');
      assert.equal(rebuilt.trimEnd(), text);
      for (const w of s.words) assert.equal(w.head, -1, 'no parser ran: HEAD is "_"');
    });
    // One paragraph mark per paragraph.
    assert.equal(sentences.filter((s) => s.comments.includes('# newpar')).length, 3);
    const second = sentences[1];
    const du = second.multiwords.find((m) => m.form === 'du');
    assert.ok(du, 'du is a multiword token');
    assert.deepEqual(
      second.words.slice(du.first - 1, du.last).map((w) => w.form),
      ['de', 'le'],
    );
    const elided = second.words.find((w) => w.form === "l'");
    assert.ok(elided && miscValue(elided.misc, 'SpaceAfter') === 'No');
    assert.ok(sentences[2].words.some((w) => w.form === '-t-elle'));
  });

  test('reads standard input and identifies English', () => {
    const out = vigie(['annotate', '-', '--up-to', 'tokenize'], "I don't know. It's Mr. Smith's car.\n");
    const sentences = parseConllu(out);
    assert.equal(sentences.length, 2);
    assert.deepEqual(
      sentences[0].multiwords.map((m) => m.form),
      ["don't"],
    );
    assert.deepEqual(
      sentences[0].words.map((w) => w.form),
      ['I', 'do', "n't", 'know', '.'],
    );
  });

  test('--format json prints the Document with offsets into the input', () => {
    const out = vigie(['annotate', join(dir, 'fr.txt'), '--format', 'json', '--up-to', 'tokenize']);
    const doc = JSON.parse(out) as { text: string; sentences: { tokens: { start: number; end: number; form: string }[] }[] };
    assert.equal(doc.text, FRENCH);
    for (const s of doc.sentences) for (const t of s.tokens) assert.equal(FRENCH.slice(t.start, t.end), t.form);
  });

  test('bad input fails with one line and a non-zero status', () => {
    for (const args of [
      ['annotate', join(dir, 'missing.txt')],
      ['annotate', join(dir, 'binary.bin')],
      ['annotate', join(dir, 'fr.txt'), '--up-to', 'nonsense'],
    ]) {
      const r = spawnSync(process.execPath, [VIGIE, ...args], { encoding: 'utf8' });
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /^vigie: .+\n$/);
    }
  });

  test('an empty file gives empty output', () => {
    writeFileSync(join(dir, 'empty.txt'), '');
    assert.equal(vigie(['annotate', join(dir, 'empty.txt'), '--up-to', 'tokenize']), '');
  });
});
