import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PoolFullError, TaskTimeoutError, WorkerPool } from '../src/ingest/pool.js';

const tmp = mkdtempSync(join(tmpdir(), 'vigie-pool-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function script(name: string, body: string): URL {
  const path = join(tmp, name);
  writeFileSync(path, body);
  return pathToFileURL(path);
}

const echo = script(
  'echo.mjs',
  `import { parentPort } from 'node:worker_threads';
   parentPort.on('message', async ({ id, req }) => {
     if (req.content === 'crash') process.exit(3);
     if (req.content.startsWith('sleep ')) await new Promise((r) => setTimeout(r, Number(req.content.slice(6))));
     parentPort.postMessage({ id, res: { ok: false, error: 'echo ' + req.content } });
   });`,
);

describe('worker pool', () => {
  test('runs tasks on all workers and answers in order of completion', async () => {
    const pool = new WorkerPool({ size: 2, workerUrl: echo });
    try {
      const res = await Promise.all(['a', 'b', 'c', 'd'].map((c) => pool.run({ content: c })));
      assert.deepEqual(res, ['a', 'b', 'c', 'd'].map((c) => ({ ok: false, error: 'echo ' + c })));
      assert.equal(pool.pending, 0);
    } finally {
      await pool.close();
    }
  });

  test('a full queue rejects at once; a slow task times out and its worker is replaced; a crash fails only its task', async () => {
    // The time-out counts from when a task is handed to a worker, which includes starting a
    // replacement worker: keep it well above worker start-up time on a loaded machine.
    const pool = new WorkerPool({ size: 1, maxQueue: 1, taskTimeoutMs: 2000, workerUrl: echo });
    try {
      const slow = pool.run({ content: 'sleep 20000' });
      const queued = pool.run({ content: 'q' });
      await assert.rejects(pool.run({ content: 'x' }), PoolFullError);
      await assert.rejects(slow, TaskTimeoutError);
      assert.deepEqual(await queued, { ok: false, error: 'echo q' });
      await assert.rejects(pool.run({ content: 'crash' }), /exited with code 3/);
      assert.deepEqual(await pool.run({ content: 'after' }), { ok: false, error: 'echo after' });
    } finally {
      await pool.close();
    }
  });

  test('a worker that cannot load fails tasks without respawning in a loop', async () => {
    const broken = script('broken.mjs', `throw new Error('cannot load this module');`);
    const pool = new WorkerPool({ size: 2, workerUrl: broken });
    try {
      await assert.rejects(pool.run({ content: 'a' }), /cannot load this module/);
      await new Promise((r) => setTimeout(r, 1500));
      // Two initial workers and at most a few replacements, not a respawn loop.
      assert.ok(pool.spawned <= 2 + 3, `spawned ${pool.spawned}`);
      await assert.rejects(pool.run({ content: 'b' }), /cannot load this module/);
    } finally {
      await pool.close();
    }
  });
});
