import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthArticle } from '../src/ingest/synth.js';
import { packageRoot } from '../src/models.js';
import { openStore } from '../src/store/index.js';
import { sampleDocs } from './store-fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'vigie-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function vigie(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(packageRoot, 'bin', 'vigie.js'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('vigie ingest and vigie search (CLI)', () => {
  const db = join(tmp, 'cli.sqlite');

  test('a batch with malformed, 5 MB and empty pages finishes, reports errors, and stays within a memory bound', async () => {
    const dir = join(tmp, 'batch');
    mkdirSync(dir);
    for (let i = 0; i < 12; i++) writeFileSync(join(dir, `ok${i}.html`), synthArticle(300 + i).html);
    writeFileSync(join(dir, 'empty.html'), '');
    writeFileSync(join(dir, 'malformed.html'), '<html><body><div><p>Unclosed <b>tags <i>every<div>where ' + '<span>'.repeat(20000) + 'texte');
    // A 5 MB page: long paragraphs of text inside deeply repeated markup.
    const big = '<html><body><article><h1>Grosse page</h1>' + '<p>Un paragraphe de remplissage pour une très grosse page, répété encore et encore. </p>'.repeat(60000) + '</article></body></html>';
    assert.ok(big.length > 5_000_000);
    writeFileSync(join(dir, 'big.html'), big);
    writeFileSync(join(dir, 'feed.jsonl'), '{"text": "Ligne JSONL correcte, un court article sur Metz et Nancy."}\n{"text": 12}\nnot json at all\n');
    const r = await vigie(['ingest', dir, '--db', db, '--workers', '2', '--json', '--no-annotate']);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout.trim().split('\n').pop()!);
    // 12 articles, the JSONL line and the big page are stored; the malformed page is stored or
    // refused ("no article text") depending on what the extractor makes of it; the empty page
    // and the two bad JSONL lines are errors.
    assert.equal(s.seen, 18);
    assert.equal(s.stored + s.errors, 18, JSON.stringify(s));
    assert.ok(s.stored >= 14, JSON.stringify(s));
    assert.ok(s.errors >= 3, JSON.stringify(s.errorSamples));
    assert.ok(s.maxRssMb < 1500, `peak RSS ${s.maxRssMb} MiB`);
    assert.match(r.stderr, /ingest done: 18 inputs, \d+ new articles/);
    assert.match(r.stderr, /error: .*empty\.html: empty input/);
  });

  test('search --format jsonl: one hit per line with the offsets contract', async () => {
    const r = await vigie(['search', 'Grosse page', '--db', db, '--format', 'jsonl']);
    assert.equal(r.code, 0, r.stderr);
    const hits = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(hits.length >= 1);
    const store = await openStore(db);
    try {
      for (const h of hits) {
        for (const k of ['article_id', 'kind', 'text', 'start', 'end']) assert.ok(k in h, k);
        const a = await store.getArticle(h.article_id);
        assert.equal(a!.document.text.slice(h.start, h.end), h.text);
      }
    } finally {
      await store.close();
    }
    const table = await vigie(['search', 'Metz', '--db', db, '--format', 'table']);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /^article\s+span/);
    assert.match(table.stdout, /Metz/);
  });

  test('quotes by speaker, entities, claims, filters through the CLI', async () => {
    const fx = join(tmp, 'fixtures.sqlite');
    const store = await openStore(fx);
    for (const [i, d] of sampleDocs().entries()) await store.putArticle({ doc: d, sourceHash: `cli-${i}`, source: null });
    await store.close();
    const q = await vigie(['search', '--db', fx, '--kind', 'quote', '--speaker', 'Macron', '--format', 'jsonl']);
    assert.equal(q.code, 0, q.stderr);
    const hits = q.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(hits.map((h) => [h.kind, h.text, h.speaker]), [['quote', "Nous irons jusqu'au bout", 'Emmanuel Macron']]);
    const e = await vigie(['search', 'Macron', '--db', fx, '--kind', 'entity', '--format', 'jsonl', '--lang', 'fr', '--from', '2024-04-01']);
    assert.equal(e.code, 0, e.stderr);
    assert.deepEqual(e.stdout.trim().split('\n').map((l) => JSON.parse(l).text), ['Emmanuel Macron']);
    const c = await vigie(['search', 'gouvernement', '--db', fx, '--kind', 'claim', '--format', 'jsonl']);
    assert.equal(c.code, 0, c.stderr);
    assert.deepEqual(c.stdout.trim().split('\n').map((l) => JSON.parse(l).stance).sort(), ['accuse', 'deny']);
    const none = await vigie(['search', 'zzzzzz', '--db', fx, '--format', 'jsonl']);
    assert.equal(none.code, 0, none.stderr);
    assert.equal(none.stdout, '');
  });

  test('clear one-line errors', async () => {
    let r = await vigie(['search', 'x', '--db', join(tmp, 'missing.sqlite')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^vigie: .*missing\.sqlite: no such database/);
    r = await vigie(['search', 'x', '--db', db, '--kind', 'everything']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /everything/);
    r = await vigie(['search', 'x', '--db', db, '--from', 'yesterday']);
    assert.equal(r.code, 2);
    r = await vigie(['ingest', join(tmp, 'batch')], { VIGIE_DB: '' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no database/);
    const notDb = join(tmp, 'text.sqlite');
    writeFileSync(notDb, 'just some text, not a database '.repeat(200));
    r = await vigie(['search', 'x', '--db', notDb]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not a SQLite database/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});
