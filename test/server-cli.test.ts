import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/models.js';

const tmp = mkdtempSync(join(tmpdir(), 'vigie-serve-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('vigie serve (CLI)', () => {
  test('listens on 127.0.0.1, logs JSON lines, refuses writes without the token, stops cleanly on SIGTERM', async () => {
    const db = join(tmp, 'serve.sqlite');
    const child = spawn(process.execPath, [join(packageRoot, 'bin', 'vigie.js'), 'serve', '--db', db, '--port', '0', '--workers', '1', '--no-annotate'], {
      env: { ...process.env, VIGIE_TOKEN: 'cli-token-12345' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const base = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no start: ${stderr}`)), 60_000);
      child.stderr.on('data', (d) => {
        stderr += d;
        const m = /serving (http:\/\/[^ ]+)/.exec(stderr);
        if (m) {
          clearTimeout(t);
          resolve(m[1]);
        }
      });
    });
    try {
      assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
      const h = await fetch(`${base}/health`);
      assert.equal(h.status, 200);
      assert.equal(((await h.json()) as { store: string }).store, 'sqlite');
      const w = await fetch(`${base}/articles`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Un article.' });
      assert.equal(w.status, 401);
      const ok = await fetch(`${base}/articles`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: 'Bearer cli-token-12345' },
        body: 'Un article sur Caen, son port et ses ferries, présenté ce matin.',
      });
      assert.equal(ok.status, 201, await ok.text());
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, stderr);
    const lines = stdout.trim().split('\n');
    assert.ok(lines.length >= 3);
    for (const l of lines) assert.equal(typeof JSON.parse(l).level, 'number');
    assert.ok(!stdout.includes('cli-token-12345'));
  });

  test('a token shorter than 8 characters is refused', async () => {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const c = spawn(process.execPath, [join(packageRoot, 'bin', 'vigie.js'), 'serve', '--port', '0', '--token', 'short'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      c.stderr.on('data', (d) => (stderr += d));
      c.on('exit', (code) => resolve({ code, stderr }));
    });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /at least 8 characters/);
  });
});
