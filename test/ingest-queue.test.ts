import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthArticle } from '../src/ingest/synth.js';
import { packageRoot } from '../src/models.js';
import { openStore } from '../src/store/index.js';
import { createDatabase, findPostgresBin, startTempPostgres, type TempPostgres } from '../src/store/pg-temp.js';

/**
 * Scale-out: jobs on a pg-boss queue in PostgreSQL, two `vigie worker` processes on one queue;
 * every article must be processed exactly once.
 */
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

const pgBin = findPostgresBin();
const pgUrl = process.env.VIGIE_TEST_PG_URL;

if (!pgBin && !pgUrl) {
  describe('queue ingest (pg-boss)', () => {
    test('skipped: PostgreSQL server binaries (initdb, pg_ctl) not found; install the Debian package postgresql to run it', { skip: true }, () => {});
  });
} else {
  describe('queue ingest (pg-boss)', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'vigie-queue-'));
    let cluster: TempPostgres | null = null;
    after(async () => {
      await cluster?.stop();
      rmSync(tmp, { recursive: true, force: true });
    });

    test('two workers on one queue: every article processed exactly once', async () => {
      let db: string;
      if (pgUrl) db = await createDatabase(pgUrl, `vigie_queue_${process.pid}`);
      else {
        cluster = await startTempPostgres();
        db = await createDatabase(cluster.url, 'queue');
      }
      const dir = join(tmp, 'articles');
      mkdirSync(dir);
      const n = 50;
      for (let i = 0; i < n; i++) writeFileSync(join(dir, `q${String(i).padStart(3, '0')}.txt`), synthArticle(20_000 + i).text);
      writeFileSync(join(dir, 'empty.txt'), '');

      const q1 = await vigie(['ingest', dir, '--db', db, '--enqueue', '--json', '--no-annotate']);
      assert.equal(q1.code, 0, q1.stderr);
      const s1 = JSON.parse(q1.stdout.trim());
      assert.equal(s1.enqueued, n + 1);
      // Queueing the same inputs again adds nothing.
      const q2 = await vigie(['ingest', dir, '--db', db, '--enqueue', '--json', '--no-annotate']);
      assert.equal(q2.code, 0, q2.stderr);
      assert.equal(JSON.parse(q2.stdout.trim()).enqueued, 0);

      const env = { VIGIE_TEST_WORKER_DELAY_MS: '40' };
      const [w1, w2] = await Promise.all([
        vigie(['worker', '--db', db, '--workers', '1', '--until-empty', '--json'], env),
        vigie(['worker', '--db', db, '--workers', '1', '--until-empty', '--json'], env),
      ]);
      assert.equal(w1.code, 0, w1.stderr);
      assert.equal(w2.code, 0, w2.stderr);
      const events = (out: string) =>
        out
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
          .filter((e) => e.job);
      const e1 = events(w1.stdout);
      const e2 = events(w2.stdout);
      const jobs = [...e1, ...e2].map((e) => e.job);
      assert.equal(jobs.length, n + 1, `each job once: ${e1.length} + ${e2.length}`);
      assert.equal(new Set(jobs).size, n + 1);
      const results = [...e1, ...e2].map((e) => e.result);
      assert.equal(results.filter((r) => r === 'stored').length, n);
      assert.equal(results.filter((r) => r === 'error').length, 1);
      process.stderr.write(`# queue: worker 1 took ${e1.length} jobs, worker 2 took ${e2.length}\n`);

      const store = await openStore(db);
      try {
        const st = await store.stats();
        assert.equal(st.articles, n);
        assert.equal(st.sources, n);
        assert.equal((await store.listErrors()).filter((e) => /empty/.test(e.message)).length, 1);
      } finally {
        await store.close();
      }
    });
  });
}
