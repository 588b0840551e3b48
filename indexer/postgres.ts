// A throwaway PostgreSQL server for the indexer's tests and bench: Debian's binaries (`.ci/run` installs
// the postgresql package), a data folder of its own in a temporary folder, a free port, trust auth on
// 127.0.0.1 only. Run as the `postgres` user when we are root (initdb refuses root).
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Postgres {
  url: string;
  /** One SQL statement through psql; the rows as psql's unaligned text. */
  query(sql: string): string;
  stop(): void;
}

/** The folder of Debian's initdb/pg_ctl (not on PATH), else whatever PATH has. */
function pgBin(name: string): string {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', name))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin', name);
  }
  return name;
}

export function postgresAvailable(): boolean {
  try {
    execFileSync(pgBin('initdb'), ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function startPostgres(port: number): Postgres {
  const dir = mkdtempSync(join(tmpdir(), 'hashmint-pg-'));
  const data = join(dir, 'data');
  const root = process.getuid?.() === 0;
  const uid = root ? Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()) : undefined;
  const gid = root ? Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()) : undefined;
  if (uid !== undefined && gid !== undefined) chownSync(dir, uid, gid);
  const run = (bin: string, args: string[]) =>
    root ? execFileSync('runuser', ['-u', 'postgres', '--', pgBin(bin), ...args], { stdio: 'pipe' }) : execFileSync(pgBin(bin), args, { stdio: 'pipe' });
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C']);
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    query: (sql) => run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-At', '-c', sql]).toString().trim(),
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
