import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { WorkerPool } from '../src/ingest/pool.js';
import { buildServer } from '../src/server/app.js';
import { openStore, type CorpusStore, type SearchHit } from '../src/store/index.js';
import { sampleDocs } from './store-fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'vigie-server-'));
const TOKEN = 'test-token-123456';
let store: CorpusStore;
let pool: WorkerPool;
let app: FastifyInstance;
const logLines: string[] = [];
const ids: number[] = [];

before(async () => {
  store = await openStore(join(tmp, 'server.sqlite'));
  for (const [i, d] of sampleDocs().entries()) ids.push((await store.putArticle({ doc: d, sourceHash: `fixture-${i}`, source: null })).id);
  pool = new WorkerPool({ size: 1, taskTimeoutMs: 60_000 });
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  app = await buildServer({ store, pool, token: TOKEN, annotate: false, bodyLimit: 256 * 1024, logger: { stream } });
  await app.ready();
});

after(async () => {
  await app?.close();
  await pool?.close();
  await store?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const json = (r: { body: string }) => JSON.parse(r.body);

async function healthy(): Promise<void> {
  const r = await app.inject({ method: 'GET', url: '/health' });
  assert.equal(r.statusCode, 200);
  assert.equal(json(r).status, 'ok');
}

describe('HTTP API', () => {
  test('GET /health and GET /openapi.json', async () => {
    const h = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(h.statusCode, 200);
    assert.deepEqual({ ...json(h), pending: 0 }, { status: 'ok', version: '0.1.0', store: 'sqlite', articles: 3, workers: 1, pending: 0 });
    assert.match(h.headers['content-security-policy'] as string, /script-src 'self'/);
    assert.equal(h.headers['x-content-type-options'], 'nosniff');
    const o = await app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(o.statusCode, 200);
    const doc = json(o);
    assert.equal(doc.openapi, '3.1.0');
    for (const p of ['/analyze', '/articles', '/articles/{id}', '/search', '/entities/{id}', '/health']) assert.ok(doc.paths[p], p);
    assert.deepEqual(doc.paths['/articles'].post.security, [{ bearer: [] }]);
  });

  test('POST /analyze takes text/plain, text/html and JSON, and returns a Document', async () => {
    const text = "Le maire de Lyon a présenté mardi son budget. « C'est un budget de combat », a-t-il déclaré.";
    let r = await app.inject({ method: 'POST', url: '/analyze', headers: { 'content-type': 'text/plain; charset=utf-8' }, payload: text });
    assert.equal(r.statusCode, 200, r.body);
    let d = json(r);
    assert.equal(d.version, 1);
    assert.equal(d.text, text);
    assert.equal(d.meta.source, 'text');
    const html = '<html><head><title>Budget</title><script>alert(1)</script></head><body><article><h1>Budget de Lyon</h1>' +
      `<p>${text}</p><p>Deuxième paragraphe de l'article, assez long pour compter comme du contenu.</p></article></body></html>`;
    r = await app.inject({ method: 'POST', url: '/analyze?url=https://example.org/a', headers: { 'content-type': 'text/html' }, payload: html });
    assert.equal(r.statusCode, 200, r.body);
    d = json(r);
    assert.equal(d.meta.source, 'html');
    assert.ok(!d.text.includes('alert'), d.text);
    assert.equal(d.meta.url, 'https://example.org/a');
    r = await app.inject({ method: 'POST', url: '/analyze', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ html, url: 'https://example.org/b', lang: 'fr' }) });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(json(r).meta.url, 'https://example.org/b');
    // Latin-1 declared in the Content-Type is decoded as such.
    r = await app.inject({
      method: 'POST',
      url: '/analyze',
      headers: { 'content-type': 'text/plain; charset=iso-8859-1' },
      payload: Buffer.from('Café crème à Paris : un article en français.', 'latin1'),
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(json(r).text, 'Café crème à Paris : un article en français.');
  });

  test('bad input to every endpoint gets a clear 4xx, and the server keeps serving', async () => {
    const cases: { name: string; req: InjectOptions; status: number; message?: RegExp }[] = [
      { name: 'huge body', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'text/plain' }, payload: 'a'.repeat(300 * 1024) }, status: 413, message: /limit/ },
      { name: 'huge JSON', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ text: 'a'.repeat(300 * 1024) }) }, status: 413 },
      { name: 'wrong content type', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'image/png' }, payload: Buffer.from([1, 2, 3]) }, status: 415, message: /content type/ },
      { name: 'form post', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'text=x' }, status: 415 },
      { name: 'invalid JSON', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'application/json' }, payload: '{"text": "abc"' }, status: 400, message: /invalid JSON/ },
      { name: 'empty JSON', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'application/json' }, payload: '' }, status: 400 },
      { name: 'JSON array', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'application/json' }, payload: '[1,2]' }, status: 400 },
      { name: 'JSON without text', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'application/json' }, payload: '{"url":"https://x.org"}' }, status: 400 },
      { name: 'JSON unknown field', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'application/json' }, payload: '{"text":"abc","evil":1}' }, status: 400 },
      { name: 'JSON html and text', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'application/json' }, payload: '{"text":"abc","html":"<p>x</p>"}' }, status: 400, message: /not both/ },
      { name: 'JSON in latin-1', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'application/json; charset=latin1' }, payload: '{"text":"abc"}' }, status: 415 },
      { name: 'invalid UTF-8', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'text/plain' }, payload: Buffer.from([0x4c, 0x65, 0xff, 0xfe, 0x20, 0xc3, 0x28]) }, status: 400, message: /UTF-8/ },
      { name: 'invalid UTF-8 JSON', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'application/json' }, payload: Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]) }, status: 400, message: /UTF-8/ },
      { name: 'unknown charset', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'text/html; charset=x-klingon' }, payload: '<p>x</p>' }, status: 415, message: /charset/ },
      { name: 'whitespace only', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'text/plain' }, payload: '   \n  ' }, status: 422, message: /empty/ },
      { name: 'binary as text', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'text/plain' }, payload: Buffer.from([0, 0, 0, 1, 2, 3, 0, 0]) }, status: 422 },
      { name: 'script-only HTML', req: { method: 'POST', url: '/analyze', headers: { 'content-type': 'text/html' }, payload: '<html><body><script>alert(1)</script><img src=x onerror=alert(1)></body></html>' }, status: 422 },
      { name: 'bad lang', req: { method: 'POST', url: '/analyze?lang=xx', headers: { 'content-type': 'text/plain' }, payload: 'abc' }, status: 400 },
      { name: 'GET /analyze', req: { method: 'GET', url: '/analyze' }, status: 404 },
      { name: 'article id not a number', req: { method: 'GET', url: '/articles/abc' }, status: 400 },
      { name: 'article id zero', req: { method: 'GET', url: '/articles/0' }, status: 400 },
      { name: 'article id huge', req: { method: 'GET', url: '/articles/99999999999999999999999' }, status: 400 },
      { name: 'article missing', req: { method: 'GET', url: '/articles/99999' }, status: 404 },
      { name: 'search bad kind', req: { method: 'GET', url: '/search?q=x&kind=everything' }, status: 400 },
      { name: 'search bad limit', req: { method: 'GET', url: '/search?q=x&limit=100000' }, status: 400 },
      { name: 'search bad date', req: { method: 'GET', url: '/search?q=x&from=yesterday' }, status: 400 },
      { name: 'search unknown param', req: { method: 'GET', url: '/search?q=x&sql=1' }, status: 400 },
      { name: 'search long query', req: { method: 'GET', url: `/search?q=${'a'.repeat(2000)}` }, status: 400 },
      { name: 'entity id', req: { method: 'GET', url: '/entities/x' }, status: 400 },
      { name: 'entity missing', req: { method: 'GET', url: '/entities/424242' }, status: 404 },
      { name: 'write without token', req: { method: 'POST', url: '/articles', headers: { 'content-type': 'text/plain' }, payload: 'Un article.' }, status: 401 },
      { name: 'write with wrong token', req: { method: 'POST', url: '/articles', headers: { 'content-type': 'text/plain', authorization: 'Bearer nope-nope-nope' }, payload: 'Un article.' }, status: 401 },
      { name: 'write with basic auth', req: { method: 'POST', url: '/articles', headers: { 'content-type': 'text/plain', authorization: `Basic ${Buffer.from('a:' + TOKEN).toString('base64')}` }, payload: 'Un article.' }, status: 401 },
      { name: 'huge write without token', req: { method: 'POST', url: '/articles', headers: { 'content-type': 'text/plain' }, payload: 'a'.repeat(300 * 1024) }, status: 401 },
      { name: 'huge write with token', req: { method: 'POST', url: '/articles', headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` }, payload: 'a'.repeat(300 * 1024) }, status: 413 },
      { name: 'bad JSON write', req: { method: 'POST', url: '/articles', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, payload: '{' }, status: 400 },
      { name: 'unknown route', req: { method: 'GET', url: '/../../etc/passwd' }, status: 404 },
      { name: 'web file traversal', req: { method: 'GET', url: '/..%2f..%2fpackage.json' }, status: 404 },
      { name: 'delete', req: { method: 'DELETE', url: '/articles/1' }, status: 404 },
    ];
    for (const c of cases) {
      const r = await app.inject(c.req);
      assert.equal(r.statusCode, c.status, `${c.name}: ${r.statusCode} ${r.body}`);
      const body = json(r);
      assert.equal(body.statusCode, c.status, c.name);
      assert.equal(typeof body.message, 'string', c.name);
      assert.ok(body.message.length > 0 && !body.message.includes('\n'), c.name);
      if (c.message) assert.match(body.message, c.message, c.name);
      if (c.status === 401) assert.match(String(r.headers['www-authenticate']), /^Bearer/, c.name);
    }
    await healthy();
    assert.equal((await store.stats()).articles, 3);
  });

  test('POST /articles stores (201), is idempotent (200, same id), then reads back', async () => {
    const body = JSON.stringify({
      text: 'Le conseil municipal de Grenoble a voté hier un plan pour le vélo. La maire a salué un vote historique.',
      url: 'https://example.org/grenoble',
      title: 'Grenoble vote le plan vélo',
      site: 'Le Dauphiné test',
      date: '2024-06-01',
    });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
    const r1 = await app.inject({ method: 'POST', url: '/articles', headers, payload: body });
    assert.equal(r1.statusCode, 201, r1.body);
    const put = json(r1);
    assert.equal(put.created, true);
    const r2 = await app.inject({ method: 'POST', url: '/articles', headers, payload: body });
    assert.equal(r2.statusCode, 200);
    assert.equal(json(r2).id, put.id);
    const g = await app.inject({ method: 'GET', url: `/articles/${put.id}` });
    assert.equal(g.statusCode, 200);
    const a = json(g);
    assert.equal(a.title, 'Grenoble vote le plan vélo');
    assert.equal(a.site, 'Le Dauphiné test');
    assert.equal(a.url, 'https://example.org/grenoble');
    assert.match(a.document.text, /Grenoble/);
    const s = await app.inject({ method: 'GET', url: '/search?q=grenoble' });
    assert.deepEqual(json(s).hits.map((h: SearchHit) => h.article_id), [put.id]);
    const list = await app.inject({ method: 'GET', url: '/articles?limit=2' });
    assert.equal(json(list).articles.length, 2);
  });

  test('GET /search for every kind honours the offsets contract; GET /entities/:id', async () => {
    for (const [q, kind, speaker] of [['elysee', 'article', ''], ['', 'quote', 'Macron'], ['Macron', 'entity', ''], ['Le Pen', 'claim', '']]) {
      const r = await app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent(q)}&kind=${kind}${speaker ? '&speaker=' + speaker : ''}` });
      assert.equal(r.statusCode, 200, r.body);
      const hits: SearchHit[] = json(r).hits;
      assert.ok(hits.length > 0, `${kind} ${q}`);
      for (const h of hits) {
        assert.equal(h.kind, kind);
        const a = await store.getArticle(h.article_id);
        assert.equal(a!.document.text.slice(h.start, h.end), h.text);
      }
      if (kind === 'entity') {
        const e = await app.inject({ method: 'GET', url: `/entities/${hits[0].entity_id}` });
        assert.equal(e.statusCode, 200);
        assert.equal(json(e).name, 'Emmanuel Macron');
        assert.equal(json(e).articleCount, 2);
      }
    }
  });

  test('logs are JSON lines with request ids, without the token', async () => {
    await app.inject({ method: 'POST', url: '/articles', headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` }, payload: 'Un article court sur Nantes et son port.' });
    assert.ok(logLines.length > 10);
    for (const l of logLines) {
      const o = JSON.parse(l);
      assert.equal(typeof o.level, 'number');
    }
    assert.ok(logLines.some((l) => JSON.parse(l).reqId && JSON.parse(l).res?.statusCode === 413));
    assert.ok(!logLines.some((l) => l.includes(TOKEN)));
  });
});

describe('HTTP API under load and faults', () => {
  test('saturated: 503 with Retry-After, then serving again', async () => {
    process.env.VIGIE_TEST_WORKER_DELAY_MS = '300';
    const slowPool = new WorkerPool({ size: 1, taskTimeoutMs: 30_000 });
    delete process.env.VIGIE_TEST_WORKER_DELAY_MS;
    const slow = await buildServer({ store, pool: slowPool, token: TOKEN, annotate: false, maxQueue: 1 });
    try {
      const reqs = Array.from({ length: 8 }, () =>
        slow.inject({ method: 'POST', url: '/analyze', headers: { 'content-type': 'text/plain' }, payload: 'Un article sur Rennes.' }),
      );
      const res = await Promise.all(reqs);
      const codes = res.map((r) => r.statusCode).sort();
      assert.ok(codes.every((c) => c === 200 || c === 503), codes.join(','));
      assert.ok(codes.includes(200) && codes.includes(503), codes.join(','));
      const busy = res.find((r) => r.statusCode === 503)!;
      assert.equal(busy.headers['retry-after'], '1');
      assert.match(json(busy).message, /busy/);
      const again = await slow.inject({ method: 'POST', url: '/analyze', headers: { 'content-type': 'text/plain' }, payload: 'Un autre article sur Rennes.' });
      assert.equal(again.statusCode, 200);
    } finally {
      await slow.close();
      await slowPool.close();
    }
  });

  test('an analysis past its time-out answers 503 and the worker is replaced', async () => {
    process.env.VIGIE_TEST_WORKER_DELAY_MS = '2000';
    const slowPool = new WorkerPool({ size: 1, taskTimeoutMs: 300 });
    delete process.env.VIGIE_TEST_WORKER_DELAY_MS;
    const slow = await buildServer({ pool: slowPool, annotate: false });
    try {
      const r = await slow.inject({ method: 'POST', url: '/analyze', headers: { 'content-type': 'text/plain' }, payload: 'Un article sur Brest.' });
      assert.equal(r.statusCode, 503, r.body);
      assert.match(json(r).message, /longer than 300 ms/);
      const h = await slow.inject({ method: 'GET', url: '/health' });
      assert.equal(h.statusCode, 200);
      assert.equal(json(h).store, null);
      const noStore = await slow.inject({ method: 'GET', url: '/search?q=x' });
      assert.equal(noStore.statusCode, 503);
    } finally {
      await slow.close();
      await slowPool.close();
    }
  });

  test('no SSRF: URLs in requests and in the HTML are never fetched', async () => {
    let hits = 0;
    const canary: Server = createServer((req, res) => {
      hits++;
      res.end('canary');
    });
    await new Promise<void>((r) => canary.listen(0, '127.0.0.1', () => r()));
    const port = (canary.address() as { port: number }).port;
    const base = `http://127.0.0.1:${port}`;
    const server = await buildServer({ store, pool, token: TOKEN, annotate: false });
    try {
      const address = await server.listen({ host: '127.0.0.1', port: 0 });
      const html =
        `<html><head><link rel="stylesheet" href="${base}/css"><meta http-equiv="refresh" content="0;url=${base}/refresh">` +
        `<script src="${base}/js"></script><link rel="canonical" href="${base}/canonical"></head><body><article><h1>Titre</h1>` +
        `<p>Un paragraphe d'article assez long pour être retenu comme contenu, avec une image.</p><img src="${base}/img">` +
        `<iframe src="${base}/frame"></iframe><p>Un second paragraphe, lui aussi assez long pour être retenu.</p></article></body></html>`;
      const r1 = await fetch(`${address}/analyze?url=${encodeURIComponent(base + '/query')}`, { method: 'POST', headers: { 'content-type': 'text/html' }, body: html });
      assert.equal(r1.status, 200);
      const r2 = await fetch(`${address}/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ html, url: `${base}/body` }),
      });
      assert.equal(r2.status, 201);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(hits, 0);
    } finally {
      await server.close();
      canary.close();
    }
  });

  test('the server binds where it is told, 127.0.0.1 by default in the CLI', async () => {
    const server = await buildServer({ annotate: false, pool });
    try {
      const address = await server.listen({ host: '127.0.0.1', port: 0 });
      assert.match(address, /^http:\/\/127\.0\.0\.1:\d+$/);
      const r = await fetch(`${address}/`);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await r.text(), /<script src="\/app.js"/);
    } finally {
      await server.close();
    }
  });
});
