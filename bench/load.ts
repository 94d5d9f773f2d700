/**
 * Load test of POST /analyze: starts `vigie serve` on 127.0.0.1 (a child process, so the load
 * generator does not share its event loop), then runs 100 concurrent clients for 60 s against it
 * on loopback only, with a bounded request loop. Reports throughput, latency p50/p99 and status
 * codes; exits non-zero when any answer is not 200, 429 or 503 (the only refusals allowed), or
 * when the server stops answering /health afterwards.
 *
 *   npm run bench:load          (after a build)
 *   LOAD_CLIENTS=100            concurrent clients
 *   LOAD_SECONDS=60             duration
 *   LOAD_MAX_REQUESTS=200000    hard bound on requests sent
 *   LOAD_WORKERS=N              server worker threads (default: the server's default)
 *   LOAD_ANNOTATE=0             the server runs extraction only (vigie serve --no-annotate)
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthArticle } from '../src/ingest/synth.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const clients = Number(process.env.LOAD_CLIENTS ?? 100);
const seconds = Number(process.env.LOAD_SECONDS ?? 60);
const maxRequests = Number(process.env.LOAD_MAX_REQUESTS ?? 200_000);

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function startServer(): Promise<{ base: string; stop: () => Promise<void> }> {
  const args = [join(root, 'bin', 'vigie.js'), 'serve', '--host', '127.0.0.1', '--port', '0', '--quiet'];
  if (process.env.LOAD_WORKERS) args.push('--workers', process.env.LOAD_WORKERS);
  if (process.env.LOAD_ANNOTATE === '0') args.push('--no-annotate');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const base = await new Promise<string>((resolveBase, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60_000);
    child.stderr!.on('data', (d) => {
      stderr += d;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolveBase(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
  return {
    base,
    stop: () =>
      new Promise<void>((r) => {
        child.on('exit', () => r());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

async function main(): Promise<void> {
  const { base, stop } = await startServer();
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error(`refusing to load anything but 127.0.0.1: ${base}`);
  const bodies = Array.from({ length: 50 }, (_, i) => {
    const a = synthArticle(90_000 + i);
    return i % 2 ? { type: 'text/html; charset=utf-8', body: a.html } : { type: 'text/plain; charset=utf-8', body: a.text };
  });
  process.stdout.write(`bench:load: ${clients} clients for ${seconds} s on ${base}/analyze\n`);
  const deadline = Date.now() + seconds * 1000;
  const codes = new Map<string, number>();
  const latOk: number[] = [];
  const latAll: number[] = [];
  let sent = 0;
  const client = async (k: number) => {
    let i = k;
    while (Date.now() < deadline && sent < maxRequests) {
      sent++;
      const b = bodies[i++ % bodies.length];
      const t0 = performance.now();
      let code: string;
      try {
        const res = await fetch(`${base}/analyze`, { method: 'POST', headers: { 'content-type': b.type }, body: b.body, signal: AbortSignal.timeout(60_000) });
        await res.arrayBuffer();
        code = String(res.status);
        if (res.status === 503 || res.status === 429) {
          // A polite client backs off as told (bounded so the loop keeps going).
          const after = Math.min(1000, Number(res.headers.get('retry-after') ?? 1) * 100);
          await new Promise((r) => setTimeout(r, after));
        }
      } catch (err) {
        const e = err as Error & { cause?: { code?: string; message?: string } };
        code = `error:${e.cause?.code ?? e.cause?.message ?? e.name}`;
      }
      const ms = performance.now() - t0;
      latAll.push(ms);
      if (code === '200') latOk.push(ms);
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: clients }, (_, k) => client(k)));
  const elapsed = (Date.now() - t0) / 1000;
  latOk.sort((a, b) => a - b);
  latAll.sort((a, b) => a - b);
  const health = await fetch(`${base}/health`).then((r) => r.status).catch(() => 0);
  await stop();
  const ok = codes.get('200') ?? 0;
  process.stdout.write(
    `requests: ${sent} in ${elapsed.toFixed(1)} s; ${(ok / elapsed).toFixed(1)} analyses/s answered 200\n` +
      `latency (200): p50 ${percentile(latOk, 50).toFixed(1)} ms, p99 ${percentile(latOk, 99).toFixed(1)} ms; ` +
      `all answers: p50 ${percentile(latAll, 50).toFixed(1)} ms, p99 ${percentile(latAll, 99).toFixed(1)} ms\n` +
      `status codes: ${JSON.stringify(Object.fromEntries([...codes].sort()))}\n` +
      `health after the load: ${health}\n`,
  );
  const bad = [...codes.keys()].filter((c) => !['200', '429', '503'].includes(c));
  if (bad.length || health !== 200) {
    process.stdout.write(`FAIL: unexpected answers ${bad.join(', ') || '(none)'}; health ${health}\n`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  process.stderr.write(`bench:load failed: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
