import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { ingest } from '../src/ingest/ingest.js';
import { Progress } from '../src/ingest/progress.js';
import { countItems, enumerateItems } from '../src/ingest/sources.js';
import { synthArticle } from '../src/ingest/synth.js';
import { packageRoot } from '../src/models.js';
import { openStore } from '../src/store/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'vigie-ingest-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A folder with every kind of input, good and bad. */
function makeInputs(dir: string): { good: number; bad: number; dupInputs: number } {
  mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
  for (let i = 0; i < 6; i++) writeFileSync(join(dir, `a${i}.txt`), synthArticle(i).text);
  for (let i = 6; i < 9; i++) writeFileSync(join(dir, 'sub', `b${i}.html`), synthArticle(i).html);
  writeFileSync(join(dir, 'sub', 'deeper', 'c.txt.gz'), gzipSync(synthArticle(9).text));
  // The same bytes as a0.txt, gzipped: a duplicate input, stored once.
  writeFileSync(join(dir, 'sub', 'a0-copy.txt.gz'), gzipSync(synthArticle(0).text));
  const lines = [
    JSON.stringify({ url: 'https://example.org/j1', text: synthArticle(10).text, title: 'Titre JSONL', site: 'Site J', date: '2024-02-03' }),
    '',
    '{not json',
    JSON.stringify({ html: synthArticle(11).html, url: 'https://example.org/j2' }),
    JSON.stringify({ title: 'no body' }),
    JSON.stringify([1, 2]),
  ];
  writeFileSync(join(dir, 'feed.jsonl'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'feed2.jsonl.gz'), gzipSync(JSON.stringify({ text: synthArticle(12).text }) + '\n'));
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 7, 8]));
  writeFileSync(join(dir, 'empty.txt'), '   \n');
  writeFileSync(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47])); // not an article extension: ignored
  writeFileSync(join(dir, '.hidden.txt'), 'hidden');
  return { good: 13, bad: 3, dupInputs: 1 };
}

describe('ingest sources', () => {
  test('folders are walked recursively, JSONL streamed by line, bad inputs become error items', async () => {
    const dir = join(tmp, 'enum');
    makeInputs(dir);
    const items = [];
    for await (const it of enumerateItems([dir, join(tmp, 'missing-folder')])) items.push(it);
    const ok = items.filter((i) => i.ok);
    const bad = items.filter((i) => !i.ok);
    assert.equal(ok.length, 16, items.map((i) => i.source).join('\n')); // 14 files/records + binary + empty (found bad by the worker)
    assert.ok(bad.some((b) => !b.ok && /#L3$/.test(b.source) && /invalid JSON/.test(b.error)));
    assert.ok(bad.some((b) => !b.ok && /#L5$/.test(b.source) && /neither "html" nor "text"/.test(b.error)));
    assert.ok(bad.some((b) => !b.ok && /#L6$/.test(b.source) && /not a JSON object/.test(b.error)));
    assert.ok(bad.some((b) => !b.ok && /missing-folder: no such file/.test(b.error)));
    assert.ok(!items.some((i) => /image\.png|hidden/.test(i.source)));
    const j1 = ok.find((i) => i.source.endsWith('feed.jsonl#L1'));
    assert.ok(j1 && j1.ok);
    assert.equal(j1.req.url, 'https://example.org/j1');
    assert.equal(j1.req.meta?.title, 'Titre JSONL');
    assert.equal(await countItems([dir, join(tmp, 'missing-folder')]), items.length);
  });
});

describe('ingest into SQLite', () => {
  test('stores every article once, records errors, and a re-run skips everything', async () => {
    const dir = join(tmp, 'run');
    const expect = makeInputs(dir);
    const db = join(tmp, 'run.sqlite');
    const store = await openStore(db);
    const lines: string[] = [];
    const progress = new Progress({ write: (s: string) => (lines.push(s), true), isTTY: false }, { intervalMs: 0 });
    try {
      const s1 = await ingest([dir], { store, workers: 2, batchSize: 4, progress, run: 'first', annotate: false });
      assert.equal(s1.stored, expect.good, JSON.stringify(s1, null, 1));
      assert.equal(s1.duplicates, expect.dupInputs);
      assert.equal(s1.errors, expect.bad + 2, JSON.stringify(s1.errorList, null, 1)); // + binary.txt, empty.txt
      assert.ok(s1.errorList.some((e) => /binary/.test(e.message)));
      assert.ok(s1.errorList.some((e) => /empty/.test(e.message)));
      assert.ok(s1.words > 100);
      assert.ok(lines.some((l) => /^ingest: \d+\/\d+ articles/.test(l)), lines.join(''));
      const st1 = await store.stats();
      assert.equal(st1.articles, expect.good);
      assert.equal((await store.listErrors('first')).length, s1.errors);
      // JSONL metadata wins over what extraction found.
      const hits = await store.search({ q: 'Titre JSONL' });
      assert.equal(hits.length, 1);
      const a = await store.getArticle(hits[0].article_id);
      assert.equal(a!.site, 'Site J');
      assert.equal(a!.url, 'https://example.org/j1');
      assert.equal(a!.date, '2024-02-03');

      const s2 = await ingest([dir], { store, workers: 2, run: 'second', annotate: false });
      assert.equal(s2.stored, 0);
      assert.equal(s2.skipped, expect.good + expect.dupInputs);
      const st2 = await store.stats();
      assert.deepEqual({ ...st2, errors: 0 }, { ...st1, errors: 0 });
    } finally {
      await store.close();
    }
  });

  test('an interrupted run resumes without losing or duplicating anything', async () => {
    const dir = join(tmp, 'resume');
    mkdirSync(dir);
    const n = 60;
    for (let i = 0; i < n; i++) writeFileSync(join(dir, `x${String(i).padStart(3, '0')}.txt`), synthArticle(1000 + i).text);
    const store = await openStore(join(tmp, 'resume.sqlite'));
    try {
      const ac = new AbortController();
      const s1 = await ingest([dir], {
        store,
        workers: 1,
        batchSize: 2,
        annotate: false,
        signal: ac.signal,
        onCommit: () => ac.abort(),
      });
      assert.equal(s1.interrupted, true);
      const partial = (await store.stats()).articles;
      assert.ok(partial > 0 && partial < n, `partial ${partial}`);
      const s2 = await ingest([dir], { store, workers: 2, annotate: false });
      assert.equal(s2.skipped, partial);
      assert.equal(s2.stored, n - partial);
      const st = await store.stats();
      assert.equal(st.articles, n);
      assert.equal(st.sources, n);
    } finally {
      await store.close();
    }
  });
});

function countRows(db: string): { articles: number; sources: number; ids: Map<number, string> } {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    d.pragma('busy_timeout = 5000');
    const articles = (d.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    const sources = (d.prepare('SELECT count(*) AS n FROM article_sources').get() as { n: number }).n;
    const ids = new Map((d.prepare('SELECT id, hash FROM articles').all() as { id: number; hash: string }[]).map((r) => [r.id, r.hash]));
    return { articles, sources, ids };
  } finally {
    d.close();
  }
}

function runCli(args: string[], env: Record<string, string> = {}): { child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, [join(packageRoot, 'bin', 'vigie.js'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, done };
}

describe('ingest crash safety (kill -9)', () => {
  test('SIGKILL mid-ingest, then a re-run: nothing committed lost, nothing duplicated', async () => {
    const dir = join(tmp, 'kill');
    mkdirSync(dir);
    const n = 120;
    for (let i = 0; i < n; i++) writeFileSync(join(dir, `k${String(i).padStart(4, '0')}.txt`), synthArticle(5000 + i).text);
    const db = join(tmp, 'kill.sqlite');
    const { child, done } = runCli(['ingest', dir, '--db', db, '--workers', '2', '--batch', '2', '--quiet', '--no-annotate'], {
      VIGIE_TEST_WORKER_DELAY_MS: '40',
    });
    // Wait until some articles are committed, then kill without warning.
    let before = { articles: 0, sources: 0, ids: new Map<number, string>() };
    const deadline = Date.now() + 120_000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 25));
      try {
        before = countRows(db);
      } catch {
        continue; // not created yet
      }
      if (before.articles >= 10 || Date.now() > deadline) break;
    }
    child.kill('SIGKILL');
    const r1 = await done;
    assert.equal(r1.signal, 'SIGKILL', r1.stderr);
    const atKill = countRows(db);
    assert.ok(atKill.articles >= before.articles, 'committed articles survive the kill');
    assert.ok(atKill.articles < n, `killed before the end (${atKill.articles} of ${n})`);
    for (const [id, hash] of before.ids) assert.equal(atKill.ids.get(id), hash);

    const second = runCli(['ingest', dir, '--db', db, '--workers', '2', '--json', '--quiet', '--no-annotate']);
    const r2 = await second.done;
    assert.equal(r2.code, 0, r2.stderr);
    const final = countRows(db);
    assert.equal(final.articles, n);
    assert.equal(final.sources, n);
    assert.equal(new Set(final.ids.values()).size, n);
    for (const [id, hash] of atKill.ids) assert.equal(final.ids.get(id), hash, 'ids of committed articles are kept');
  });
});

describe('ingest with the annotation stages', () => {
  test('articles go through the whole pipeline and their model versions are stored', async (t) => {
    const dir = join(tmp, 'annotated');
    mkdirSync(dir);
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, `n${i}.txt`), synthArticle(7000 + i, { englishShare: 0 }).text);
    const store = await openStore(join(tmp, 'annotated.sqlite'));
    try {
      const s = await ingest([dir], { store, workers: 1 });
      const missing = s.errorList.find((e) => /cannot read model|model .*not found|ENOENT/i.test(e.message));
      if (missing) {
        t.skip(`annotation models are not built yet: ${missing.message}`);
        return;
      }
      assert.equal(s.errors, 0, JSON.stringify(s.errorList));
      assert.equal(s.stored, 3);
      const hits = await store.search({ q: '' });
      const a = await store.getArticle(hits[0].article_id);
      assert.ok(a!.models.length >= 1);
      assert.deepEqual(a!.models, a!.document.stages);
    } finally {
      await store.close();
    }
  });
});
