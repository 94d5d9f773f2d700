/** `vigie eval` through the real command line (bin/vigie.js, built by tsc before the tests run). */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/models.js';

const FIXTURES = join('test', 'fixtures', 'conllu');

function vigie(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/vigie.js', ...args], { cwd: packageRoot, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertOneLineError(stderr: string): void {
  assert.equal(stderr.split('\n').filter(Boolean).length, 1, stderr);
  assert.ok(stderr.startsWith('vigie: '), stderr);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  assert.doesNotMatch(stderr, /internal error/);
}

describe('vigie eval', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-eval-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('prints the score table', () => {
    const r = vigie('eval', join(FIXTURES, 'fr-gold.conllu'), join(FIXTURES, 'fr-sys-tokens.conllu'));
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 15);
    assert.equal(lines[0], 'Metric     | Precision |    Recall |  F1 Score | AligndAcc');
    assert.equal(lines[2], 'Tokens     |     86.36 |     86.36 |     86.36 |');
    assert.equal(lines[13], 'MLAS       |     69.23 |     69.23 |     69.23 |     81.82');
  });

  test('--json prints fractions per metric', () => {
    const r = vigie('eval', '--json', join(FIXTURES, 'en-gold.conllu'), join(FIXTURES, 'en-sys-deps.conllu'));
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as Record<string, { precision: number; recall: number; f1: number; aligned_accuracy: number | null }>;
    assert.deepEqual(json.UAS, { precision: 10 / 14, recall: 10 / 14, f1: 10 / 14, aligned_accuracy: 10 / 14 });
    assert.equal(json.Words.aligned_accuracy, null);
    assert.equal(Object.keys(json).length, 13);
  });

  test('a malformed file: exit code 2, one line naming the file and line', () => {
    const bad = join(dir, 'bad.conllu');
    writeFileSync(bad, '1\tLe\tle\tDET\t_\t_\t2\tdet\t_\t_\n2\tchat\tchat\tNOUN\t_\t_\t0\n\n');
    const r = vigie('eval', join(FIXTURES, 'fr-gold.conllu'), bad);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assertOneLineError(r.stderr);
    assert.ok(r.stderr.includes(`${bad}:2: expected 10 tab-separated columns, found 7`), r.stderr);
  });

  test('different texts: non-zero exit and the first differing characters', () => {
    const r = vigie('eval', join(FIXTURES, 'en-gold.conllu'), join(FIXTURES, 'en-sys-text.conllu'));
    assert.equal(r.status, 1);
    assertOneLineError(r.stderr);
    assert.match(r.stderr, /The concatenation of tokens in gold file and in system file differ! .*'Yorktoday\.'.*'Jerseytoday\.'/);
  });

  test('a cycle in the system file names the file and sentence', () => {
    const r = vigie('eval', join(FIXTURES, 'en-gold.conllu'), join(FIXTURES, 'en-sys-cycle.conllu'));
    assert.equal(r.status, 1);
    assertOneLineError(r.stderr);
    assert.match(r.stderr, /en-sys-cycle\.conllu: sentence 2 \(sent_id en-2\): there is a cycle/);
  });

  test('a missing file', () => {
    const r = vigie('eval', join(dir, 'nope.conllu'), join(FIXTURES, 'en-gold.conllu'));
    assert.notEqual(r.status, 0);
    assertOneLineError(r.stderr);
    assert.match(r.stderr, /nope\.conllu: no such file/);
  });
});
