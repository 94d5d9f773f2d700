/** `vigie quotes` and `vigie claims` through the real command line: the jsonl machine contracts. */
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

const TEXT = [
  'Les dockers bloquent le port',
  '',
  'Le ministre de l’Intérieur accuse le syndicat d’avoir organisé les blocages du port.',
  '',
  'Le syndicat a démenti toute implication dans les blocages du port.',
  '',
  '« Nous ne lâcherons rien tant que les salaires ne seront pas revus », a déclaré\u00a0mercredi Paul Girard, le secrétaire général du syndicat.',
  '',
  'Selon la préfecture, le trafic reprendra jeudi.',
  '',
].join('\n');

function lines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('vigie quotes / claims --format jsonl', () => {
  let dir = '';
  let file = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-quotes-'));
    file = join(dir, 'article.txt');
    writeFileSync(file, TEXT);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('one line per quote with the contract keys and exact offsets into the file', () => {
    const r = vigie('quotes', file, '--format', 'jsonl', '--lang', 'fr');
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(file, 'utf8');
    const quotes = lines(r.stdout);
    assert.ok(quotes.length >= 2, r.stdout);
    for (const q of quotes) {
      assert.deepEqual(Object.keys(q), ['type', 'content', 'cue', 'speaker', 'speaker_entity']);
      assert.ok(['direct', 'indirect', 'mixed'].includes(q.type as string));
      const content = q.content as { start: number; end: number; text: string };
      assert.deepEqual(Object.keys(content), ['start', 'end', 'text']);
      assert.equal(text.slice(content.start, content.end), content.text);
      if (q.cue !== null) {
        const cue = q.cue as { start: number; end: number; text: string; lemma: string };
        assert.deepEqual(Object.keys(cue), ['start', 'end', 'text', 'lemma']);
        assert.equal(text.slice(cue.start, cue.end), cue.text);
      }
      if (q.speaker !== null) {
        const sp = q.speaker as { start: number; end: number; text: string };
        assert.deepEqual(Object.keys(sp), ['start', 'end', 'text']);
        assert.equal(text.slice(sp.start, sp.end), sp.text);
      }
      assert.ok(q.speaker_entity === null || typeof q.speaker_entity === 'string');
    }
    const direct = quotes.find((q) => (q.content as { text: string }).text.startsWith('Nous ne lâcherons rien'));
    assert.ok(direct, r.stdout);
    assert.equal(direct.type, 'direct');
    assert.equal((direct.cue as { lemma: string }).lemma, 'déclarer');
    assert.match(direct.speaker_entity as string, /Paul Girard/);
    const selon = quotes.find((q) => (q.content as { text: string }).text === 'le trafic reprendra jeudi');
    assert.ok(selon, r.stdout);
  });

  test('one line per claim, denial linked by index', () => {
    const r = vigie('claims', file, '--format', 'jsonl', '--lang', 'fr');
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(file, 'utf8');
    const claims = lines(r.stdout);
    for (const c of claims) {
      assert.deepEqual(Object.keys(c), ['stance', 'claimant', 'target', 'content', 'denies']);
      assert.ok(['accuse', 'deny', 'assert'].includes(c.stance as string));
      const content = c.content as { start: number; end: number; text: string };
      assert.equal(text.slice(content.start, content.end), content.text);
      assert.ok(c.denies === null || (typeof c.denies === 'number' && c.denies >= 0 && c.denies < claims.length));
    }
    const deny = claims.find((c) => c.stance === 'deny');
    assert.ok(deny, r.stdout);
    assert.equal(claims[deny.denies as number].stance, 'accuse');
  });

  test('the readable list names speaker, cue and content', () => {
    const r = vigie('quotes', file, '--lang', 'fr');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Paul Girard.* — a déclaré — \[direct\] « Nous ne lâcherons rien/);
  });

  test('a missing file is one line on stderr', () => {
    const r = vigie('quotes', join(dir, 'nope.txt'), '--format', 'jsonl');
    assert.notEqual(r.status, 0);
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
    assert.match(r.stderr, /^vigie: /);
  });
});
