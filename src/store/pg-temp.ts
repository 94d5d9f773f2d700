import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away PostgreSQL cluster for tests, benchmarks and local trials: initdb in a temporary
 * folder, started on a free port of 127.0.0.1 only, trust authentication, removed on stop.
 * Runs the server as the `postgres` system user when the caller is root (PostgreSQL refuses
 * to run as root).
 */
export interface TempPostgres {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

/** The folder with initdb/pg_ctl/postgres, or null when PostgreSQL is not installed. */
export function findPostgresBin(): string | null {
  const candidates: string[] = [];
  if (process.env.VIGIE_PG_BIN) candidates.push(process.env.VIGIE_PG_BIN);
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(join(base, v, 'bin'));
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(dir);
  for (const dir of candidates) {
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function postgresUser(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) throw new Error('running as root and there is no "postgres" user to run the server as');
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

export async function startTempPostgres(): Promise<TempPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found');
  const user = postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'vigie-pg-'));
  chmodSync(dir, 0o700);
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const run = (args: string[], file: string) => {
    const r = spawnSync(join(bin, file), args, {
      encoding: 'utf8',
      uid: user?.uid,
      gid: user?.gid,
      cwd: dir,
      env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
    });
    if (r.status !== 0) throw new Error(`${file} failed: ${(r.stderr || r.stdout || String(r.error)).trim().split('\n').pop()}`);
  };
  run(['-D', data, '-U', 'vigie', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], 'initdb');
  let port = 0;
  let started = false;
  for (let attempt = 0; attempt < 5 && !started; attempt++) {
    port = await freePort();
    const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50 -c shared_buffers=32MB`;
    try {
      run(['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start'], 'pg_ctl');
      started = true;
    } catch (err) {
      if (attempt === 4) throw err;
    }
  }
  const url = `postgres://vigie@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    dir,
    async stop() {
      await new Promise<void>((resolve) => {
        const p = spawn(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], {
          uid: user?.uid,
          gid: user?.gid,
          cwd: dir,
          stdio: 'ignore',
        });
        p.on('exit', () => resolve());
        p.on('error', () => resolve());
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a fresh database on a temporary cluster and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}
