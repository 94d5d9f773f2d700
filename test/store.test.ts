import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, SqliteStore, type CorpusStore, type SearchHit } from '../src/store/index.js';
import { LATEST_POSTGRES, LATEST_SQLITE } from '../src/store/migrations.js';
import { createDatabase, findPostgresBin, startTempPostgres, type TempPostgres } from '../src/store/pg-temp.js';
import { fold, foldWithMap, locate, parseQuery, toFts5, toTsquery } from '../src/store/text.js';
import { makeDoc, sampleDocs } from './store-fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'vigie-store-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function checkContract(store: CorpusStore, hits: SearchHit[]): Promise<void[]> {
  // Every hit's text is exactly the slice of the stored article's text.
  return Promise.all(
    hits.map(async (h) => {
      const a = await store.getArticle(h.article_id);
      assert.ok(a, `article ${h.article_id} exists`);
      assert.equal(a.document.text.slice(h.start, h.end), h.text, `hit offsets of ${JSON.stringify(h)}`);
      assert.ok(h.start <= h.end);
    }),
  );
}

describe('store text helpers', () => {
  test('fold removes case and diacritics', () => {
    assert.equal(fold('Élysée Œuvre ÇA'), 'elysee oeuvre ca');
  });
  test('foldWithMap maps folded offsets back', () => {
    const t = 'À l’Élysée, œuvre';
    const f = foldWithMap(t);
    assert.ok(f.map);
    const i = f.folded.indexOf('elysee');
    assert.equal(t.slice(f.map[i], f.map[i + 6]), 'Élysée');
    const m = locate(t, parseQuery('oeuvre').flat(), f)!;
    assert.equal(t.slice(m.start, m.end), 'œuvre');
    // The fast path (no ligature): offsets unchanged.
    const t2 = 'Le président reçoit à l’Élysée « mardi ».';
    const f2 = foldWithMap(t2);
    assert.equal(f2.map, null);
    const m2 = locate(t2, parseQuery('elysee').flat(), f2)!;
    assert.equal(t2.slice(m2.start, m2.end), 'Élysée');
    // Decomposed accents and Hangul take the slow path and still map back.
    const t3 = 'Cafe\u0301 한국 Élysée';
    const m3 = locate(t3, parseQuery('elysee').flat())!;
    assert.equal(t3.slice(m3.start, m3.end), 'Élysée');
  });
  test('query parsing is injection-safe', () => {
    const p = parseQuery(`"a b" c* OR d' NEAR(x) -- ; DROP TABLE articles; '"`);
    const fts = toFts5(p);
    assert.ok(!/[;'()]/.test(fts.replace(/^\(|\)$/g, '').replace(/\) OR \(/g, '')), fts);
    const tsq = toTsquery(p);
    assert.ok(!tsq.includes(';'), tsq);
  });
});

function suite(name: string, open: () => Promise<CorpusStore>, latest: number): void {
  describe(`${name} store`, () => {
    let store: CorpusStore;
    const docs = sampleDocs();
    const ids: number[] = [];

    before(async () => {
      store = await open();
    });
    after(async () => {
      await store?.close();
    });

    test('migrations are applied once and recorded', async () => {
      assert.equal(await store.schemaVersion(), latest);
      assert.equal(await store.migrate(), latest);
    });

    test('put is idempotent: same article, same id, no new rows', async () => {
      for (const [i, d] of docs.entries()) {
        const r = await store.putArticle({ doc: d, sourceHash: `src-${i}`, source: `file-${i}.txt` });
        assert.equal(r.created, true);
        ids.push(r.id);
      }
      const before = await store.stats();
      assert.equal(before.articles, 3);
      const again = await store.putArticle({ doc: docs[0], sourceHash: 'src-0', source: 'file-0.txt' });
      assert.deepEqual([again.id, again.created], [ids[0], false]);
      // The same text from another source is the same article, remembered under both sources.
      const other = await store.putArticle({ doc: structuredClone(docs[0]), sourceHash: 'src-0-copy', source: 'copy.txt' });
      assert.deepEqual([other.id, other.created], [ids[0], false]);
      const afterStats = await store.stats();
      assert.deepEqual({ ...afterStats, sources: 0 }, { ...before, sources: 0 });
      assert.equal(afterStats.sources, 4);
      assert.deepEqual([...(await store.knownSources(['src-0', 'src-0-copy', 'nope']))].sort(), ['src-0', 'src-0-copy']);
    });

    test('stored document round-trips with its metadata and models', async () => {
      const a = await store.getArticle(ids[0]);
      assert.ok(a);
      assert.deepEqual(a.document, docs[0]);
      assert.equal(a.title, docs[0].meta.title);
      assert.equal(a.site, 'Le Quotidien');
      assert.equal(a.lang, 'fr');
      assert.deepEqual(a.models, [{ name: 'fixture', model: 'fixture-1' }]);
      assert.equal(await store.getArticle(999999), null);
      const list = await store.listArticles({ limit: 10 });
      assert.equal(list.length, 3);
    });

    test('article full text: accents, case, phrases, prefixes, OR, filters', async () => {
      let hits = await store.search({ q: 'elysee', kind: 'article' });
      assert.deepEqual(hits.map((h) => h.article_id), [ids[0]]);
      assert.match(hits[0].text, /Élysée/);
      await checkContract(store, hits);
      hits = await store.search({ q: '"chef de l\'Etat"' });
      assert.deepEqual(hits.map((h) => h.article_id), [ids[0]]);
      assert.match(hits[0].text, /chef de l'État/);
      await checkContract(store, hits);
      hits = await store.search({ q: 'berl*' });
      assert.deepEqual(hits.map((h) => h.article_id), [ids[1]]);
      hits = await store.search({ q: 'berlin OR london' });
      assert.deepEqual(hits.map((h) => h.article_id).sort(), [ids[1], ids[2]].sort());
      await checkContract(store, hits);
      hits = await store.search({ q: 'macron', lang: 'fr', from: '2024-04-01' });
      assert.deepEqual(hits.map((h) => h.article_id), [ids[1]]);
      hits = await store.search({ q: 'macron', site: 'le quotidien' });
      assert.deepEqual(hits.map((h) => h.article_id), [ids[0]]);
      hits = await store.search({ q: 'macron', to: '2024-04-01' });
      assert.deepEqual(hits.map((h) => h.article_id), [ids[0]]);
      hits = await store.search({ q: 'nothingmatchesthis' });
      assert.deepEqual(hits, []);
      hits = await store.search({ q: '' });
      assert.equal(hits.length, 3);
      await checkContract(store, hits);
    });

    test('hostile queries are plain words', async () => {
      for (const q of [`'; DROP TABLE articles; --`, 'NEAR(a b)', '"unclosed', '***', 'a AND OR', '%_%', '\\', 'x:y', "l'Élysée"]) {
        for (const kind of ['article', 'quote', 'entity', 'claim'] as const) {
          const hits = await store.search({ q, kind });
          await checkContract(store, hits);
        }
      }
      assert.equal((await store.stats()).articles, 3);
    });

    test('quotes by speaker entity, by cue, by text', async () => {
      let hits = await store.search({ q: '', kind: 'quote', speaker: 'Macron' });
      assert.equal(hits.length, 1);
      assert.equal(hits[0].text, "Nous irons jusqu'au bout");
      assert.equal(hits[0].speaker, 'Emmanuel Macron');
      assert.equal(hits[0].cue, 'déclarer');
      await checkContract(store, hits);
      hits = await store.search({ q: 'affirmer', kind: 'quote' });
      assert.deepEqual(hits.map((h) => h.text), ['une amitié solide']);
      hits = await store.search({ q: 'amitie', kind: 'quote' });
      assert.deepEqual(hits.map((h) => h.article_id), [ids[1]]);
      hits = await store.search({ q: 'quarter', kind: 'quote', speaker: 'jane doe' });
      assert.equal(hits.length, 1);
      await checkContract(store, hits);
      hits = await store.search({ q: '', kind: 'quote', speaker: 'conseiller' });
      assert.deepEqual(hits.map((h) => h.speaker), ['un conseiller']);
      hits = await store.search({ q: '', kind: 'quote', speaker: 'Le Pen' });
      assert.deepEqual(hits, []);
    });

    test('entities by name with their mentions across articles', async () => {
      const hits = await store.search({ q: 'Emmanuel Macron', kind: 'entity' });
      assert.ok(hits.length >= 3, JSON.stringify(hits));
      assert.deepEqual([...new Set(hits.map((h) => h.article_id))].sort(), [ids[0], ids[1]].sort());
      assert.ok(hits.every((h) => h.entity_name === 'Emmanuel Macron' && h.entity_type === 'PER'));
      await checkContract(store, hits);
      const e = await store.getEntity(hits[0].entity_id!);
      assert.ok(e);
      assert.equal(e.articleCount, 2);
      assert.equal(e.mentionCount, 3);
      assert.deepEqual(e.mentions.map((m) => m.text).sort(), ['Emmanuel Macron', 'Emmanuel Macron', 'Macron']);
      assert.equal(await store.getEntity(424242), null);
      const loc = await store.search({ q: 'elysee', kind: 'entity' });
      assert.equal(loc.length, 2);
      assert.equal(loc[0].text, 'Élysée');
    });

    test('claims by claimant or target', async () => {
      let hits = await store.search({ q: 'Le Pen', kind: 'claim' });
      assert.deepEqual(hits.map((h) => [h.stance, h.text]), [['accuse', 'de mentir aux Français']]);
      assert.equal(hits[0].claimant, 'Marine Le Pen');
      await checkContract(store, hits);
      hits = await store.search({ q: 'gouvernement', kind: 'claim' });
      assert.equal(hits.length, 2);
      hits = await store.search({ q: '', kind: 'claim', speaker: 'gouvernement' });
      assert.deepEqual(hits.map((h) => h.stance), ['deny']);
    });

    test('errors are recorded per run, and a batch commits articles and errors together', async () => {
      const d = makeDoc({ text: 'Un article de plus, sur Lyon.', entities: [{ name: 'Lyon', type: 'LOC', mentions: ['Lyon'] }] });
      const res = await store.commitBatch([{ doc: d, sourceHash: 'src-lyon', source: 'lyon.txt' }], [
        { run: 'run-1', source: 'bad.html', hash: 'h-bad', message: 'no article text' },
      ]);
      assert.equal(res[0].created, true);
      const errs = await store.listErrors('run-1');
      assert.deepEqual(errs.map((e) => [e.source, e.message]), [['bad.html', 'no article text']]);
      await store.recordErrors([{ run: 'run-2', source: 'x', hash: null, message: 'boom' }]);
      assert.equal((await store.listErrors()).length, 2);
      assert.equal((await store.stats()).articles, 4);
    });

    test('replace re-annotates in place, same id', async () => {
      const d = structuredClone(docs[1]);
      d.quotes = [];
      d.stages = [{ name: 'fixture', model: 'fixture-2' }];
      const r = await store.putArticle({ doc: d, sourceHash: 'src-1', source: 'file-1.txt' }, { replace: true });
      assert.deepEqual([r.id, r.created], [ids[1], false]);
      const a = await store.getArticle(ids[1]);
      assert.deepEqual(a!.models, [{ name: 'fixture', model: 'fixture-2' }]);
      assert.deepEqual(await store.search({ q: 'amitie', kind: 'quote' }), []);
      assert.equal((await store.search({ q: 'berlin' })).length, 1);
    });
  });
}

suite('sqlite', async () => openStore(join(tmp, 'corpus.sqlite')), LATEST_SQLITE);

describe('sqlite specifics', () => {
  test('WAL mode, FTS5 tables, migrations table', async () => {
    const path = join(tmp, 'wal.sqlite');
    const s = new SqliteStore(path);
    await s.close();
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);
    for (const t of ['articles', 'articles_fts', 'quotes_fts', 'schema_migrations', 'errors', 'mentions', 'claims', 'flags']) {
      assert.ok(tables.includes(t), t);
    }
    const m = db.prepare('SELECT version, name FROM schema_migrations').all();
    assert.deepEqual(m, [{ version: 1, name: 'initial corpus schema' }]);
    db.close();
  });
  test('a file that is not a database is a clear error', async () => {
    const path = join(tmp, 'not-a-db.sqlite');
    writeFileSync(path, 'hello, this is text and not SQLite at all '.repeat(100));
    await assert.rejects(() => openStore(path), /not a SQLite database/);
  });
});

const pgBin = findPostgresBin();
const pgUrl = process.env.VIGIE_TEST_PG_URL;
if (!pgBin && !pgUrl) {
  describe('postgres store', () => {
    test('skipped: PostgreSQL server binaries (initdb, pg_ctl) not found; install the Debian package postgresql to run it', { skip: true }, () => {});
  });
} else {
  let cluster: TempPostgres | null = null;
  let n = 0;
  const dbUrl = async () => {
    if (pgUrl) return createDatabase(pgUrl, `vigie_store_${process.pid}_${n++}`);
    if (!cluster) cluster = await startTempPostgres();
    return createDatabase(cluster.url, `store_${n++}`);
  };
  after(async () => {
    if (cluster) await (cluster as TempPostgres).stop();
  });
  suite('postgres', async () => openStore(await dbUrl()), LATEST_POSTGRES);
  describe('postgres specifics', () => {
    test('concurrent writers of the same articles: no duplicates, no deadlock', async () => {
      const url = await dbUrl();
      const a = await openStore(url);
      const b = await openStore(url);
      try {
        const docs = sampleDocs();
        const inputs = docs.map((doc, i) => ({ doc, sourceHash: `s${i}`, source: null }));
        const [ra, rb] = await Promise.all([a.putArticles(inputs), b.putArticles([...inputs].reverse())]);
        assert.deepEqual(ra.map((r) => r.id), rb.reverse().map((r) => r.id));
        const st = await a.stats();
        assert.equal(st.articles, 3);
        assert.equal(st.sources, 3);
        assert.equal(st.quotes, 3);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}
