/** `vigie check` through the real command line: the jsonl machine contract and bad input. */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/models.js';

function vigie(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/vigie.js', ...args], { cwd: packageRoot, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Written for this test; the typographic apostrophe and the emoji shift UTF-16 offsets from bytes.
const TEXT = [
  'Les inspecteurs dément toute fraude 🙂',
  '',
  'Le ministère a déclaré qu’il surveiller la situation. Les élus a voté le budget.',
  '',
].join('\n');

describe('vigie check', () => {
  let dir = '';
  let file = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-check-'));
    file = join(dir, 'article.txt');
    writeFileSync(file, TEXT);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('--format jsonl: one line per flag, exact keys, offsets into the file text', () => {
    const r = vigie('check', file, '--format', 'jsonl', '--lang', 'fr');
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(file, 'utf8');
    const flags = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { rule: string; start: number; end: number; text: string; message: string; suggestions: string[] });
    assert.equal(flags.length, 3, r.stdout);
    for (const f of flags) {
      assert.deepEqual(Object.keys(f), ['rule', 'start', 'end', 'text', 'message', 'suggestions']);
      assert.equal(text.slice(f.start, f.end), f.text);
      assert.ok(f.suggestions.length > 0 && f.message.length > 0 && /^fr\./.test(f.rule));
    }
    assert.deepEqual(
      flags.map((f) => [f.text, f.suggestions[0]]),
      [
        ['dément', 'démentent'],
        ['surveiller', 'surveillait'],
        ['a', 'ont'],
      ],
    );
  });

  test('text format: the span in context and the suggestions', () => {
    const r = vigie('check', file, '--lang', 'fr');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Les inspecteurs \[dément\] toute fraude/);
    assert.match(r.stdout, /→ démentent/);
  });

  test('empty and binary input give a one-line error, not a crash', () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const r1 = vigie('check', empty, '--format', 'jsonl');
    assert.notEqual(r1.status, 0);
    assert.match(r1.stderr, /^vigie: .*empty/);
    assert.doesNotMatch(r1.stderr, /internal error|at .*\.js/);
    const bin = join(dir, 'data.bin');
    writeFileSync(bin, Buffer.from([0, 1, 2, 3, 255, 0, 7, 0, 0, 9, 10, 0]));
    const r2 = vigie('check', bin, '--format', 'jsonl');
    assert.notEqual(r2.status, 0);
    assert.match(r2.stderr, /^vigie: .*binary/);
    const r3 = vigie('check', join(dir, 'missing.txt'));
    assert.notEqual(r3.status, 0);
    assert.doesNotMatch(r3.stderr, /internal error/);
  });
});
