/**
 * `vigie extract` and `vigie analyze` through the real CLI, bad inputs included: each must end
 * with a one-line error and a non-zero exit code, or with a valid result — never a stack trace,
 * a hang or unbounded memory.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const sample = join(root, 'samples/fr-kazakhstan-rt-repost.txt');
let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-cli-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function vigie(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=1536', join(root, 'bin/vigie.js'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(r.error, undefined, `spawn failed: ${r.error?.message}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A failure the user can read: non-zero exit, one "vigie: ..." line, no stack trace. */
function assertCleanError(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  assert.notEqual(r.code, 0);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line expected, got:\n${r.stderr}`);
  assert.match(lines[0], /^vigie: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error/);
}

/** Warnings allowed, but each on one line starting with "vigie:", and no stack trace. */
function assertQuietStderr(stderr: string): void {
  for (const line of stderr.split('\n').filter(Boolean)) assert.match(line, /^vigie: warning: /);
  assert.doesNotMatch(stderr, /\n\s+at /);
}

test('extract: plain-text sample as JSON and as text', () => {
  const r = vigie(['extract', sample]);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.version, 1);
  assert.equal(doc.meta.source, 'text');
  assert.ok(doc.boilerplate.some((b: { reason: string }) => b.reason === 'duplicate-title'));
  const t = vigie(['extract', '--format', 'text', sample]);
  assert.equal(t.code, 0, t.stderr);
  assert.ok(t.stdout.startsWith('Les États-Unis dément leur rôle dans le soulèvement au Kazakhstan\n\nLa Maison Blanche déclare'));
  assert.ok(!t.stdout.includes('Paypal'));
});

test('extract: standard input and several files (one Document per line)', () => {
  const r = vigie(['extract', '-'], '<html><body><article><p>Le festival ouvre ses portes vendredi soir avec un concert gratuit sur la place de la mairie.</p></article></body></html>');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).meta.source, 'html');
  const two = vigie(['extract', sample, join(root, 'test/fixtures/extract/article-fr.html')]);
  assert.equal(two.code, 0, two.stderr);
  const lines = two.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.equal(JSON.parse(lines[1]).meta.siteName, 'Le Courrier du Val');
});

test('bad input: missing file', () => {
  assertCleanError(vigie(['extract', join(dir, 'nope.html')]), /no such file/);
});

test('bad input: a directory', () => {
  const d = join(dir, 'folder');
  mkdirSync(d);
  assertCleanError(vigie(['extract', d]), /is a directory/);
});

test('bad input: empty file and whitespace-only file', () => {
  const f = join(dir, 'empty.txt');
  writeFileSync(f, '');
  assertCleanError(vigie(['extract', f]), /empty/);
  const w = join(dir, 'blank.txt');
  writeFileSync(w, ' \n\n \t\n');
  assertCleanError(vigie(['extract', w]), /empty/);
});

test('bad input: binary file', () => {
  const f = join(dir, 'data.bin');
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
  writeFileSync(f, bytes);
  assertCleanError(vigie(['extract', f]), /binary/);
});

test('bad input: invalid UTF-8 gives a result and a one-line warning', () => {
  const f = join(dir, 'invalid.txt');
  const text = Buffer.concat([
    Buffer.from('Un titre\n\nLe maire a inauguré la nouvelle école '),
    Buffer.from([0xc3, 0x28, 0xff]),
    Buffer.from(' mardi matin, en présence des parents et des enseignants.\n'),
  ]);
  writeFileSync(f, text);
  const r = vigie(['extract', f]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^vigie: warning: .*invalid UTF-8/);
  assertQuietStderr(r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.ok(doc.text.includes('\ufffd'));
  assert.equal(doc.meta.title, 'Un titre');
});

test('bad input: broken HTML', () => {
  const f = join(dir, 'broken.html');
  writeFileSync(f, '<html><body><div><p>Le marché couvert rouvre <b>après <i>trois mois</p></div></b></span></table><td><tr><p>Les commerçants sont soulagés de retrouver leurs clients avant les fêtes de fin d\'année.<script>unterminated');
  const r = vigie(['extract', f]);
  assert.equal(r.code, 0, r.stderr);
  assertQuietStderr(r.stderr);
  assert.ok(JSON.parse(r.stdout).text.includes('Les commerçants sont soulagés'));
});

test('bad input: 100,000 nested elements', () => {
  const f = join(dir, 'deep.html');
  writeFileSync(f, '<html><body>' + '<div>'.repeat(100_000) + '<p>Tout au fond de la page, le texte de l\'article reste lisible et complet.</p>' + '</div>'.repeat(100_000) + '</body></html>');
  const r = vigie(['extract', '--format', 'text', f]);
  assert.equal(r.code, 0, r.stderr);
  assertQuietStderr(r.stderr);
  assert.ok(r.stdout.includes('Tout au fond de la page'));
  // Unclosed nesting of mixed elements.
  const g = join(dir, 'deep2.html');
  writeFileSync(g, '<html><body>' + '<span><div><b>'.repeat(100_000) + 'texte' + '</x>'.repeat(100_000));
  const r2 = vigie(['extract', g]);
  assert.ok(r2.code === 0 || r2.stderr.trimEnd().split('\n').length === 1, r2.stderr);
  assertQuietStderr(r2.code === 0 ? r2.stderr : '');
});

test('bad input: a 50 MB HTML page finishes with a bounded result', () => {
  const f = join(dir, 'big.html');
  const para = '<div class="item"><p>Le conseil municipal a voté mardi soir le budget de la commune, qui prévoit des investissements pour les écoles.</p></div>\n';
  writeFileSync(f, '<!DOCTYPE html><html><head><title>Très grande page</title></head><body>' + para.repeat(Math.ceil(50e6 / para.length)) + '</body></html>');
  const r = vigie(['extract', '--format', 'text', f]);
  assert.equal(r.code, 0, r.stderr);
  assertQuietStderr(r.stderr);
  assert.ok(r.stdout.startsWith('Très grande page\n\n'));
  assert.ok(r.stdout.length < 20e6, 'output is capped');
});

test('analyze: extraction then the pipeline; text view', () => {
  const f = join(dir, 'de.txt');
  writeFileSync(f, 'Neue Radwege in der Stadt\n\nDer Stadtrat hat am Dienstag beschlossen, bis 2026 zwölf Kilometer geschützte Radwege zu bauen.\n\nDie Arbeiten beginnen im Frühjahr am Flussufer.\n');
  const r = vigie(['analyze', '--format', 'text', f]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Title: Neue Radwege in der Stadt$/m);
  assert.match(r.stdout, /^Language: other/m);
  assert.match(r.stdout, /^Paragraphs:$/m);
  const j = vigie(['analyze', f]);
  assert.equal(j.code, 0, j.stderr);
  assert.equal(JSON.parse(j.stdout).meta.lang, 'other');
  // French input runs the annotation stages: a result, or a one-line error if a model is missing.
  const fr = vigie(['analyze', '--format', 'text', sample]);
  if (fr.code === 0) assert.match(fr.stdout, /Boilerplate:\n {2}\[duplicate-title/);
  else assertCleanError(fr, /./);
});
