// Running the indexer as a child process, for `npm run dev`, the tests and the bench: `ponder start` on a
// port, its database chosen by the environment (PGlite in a folder, or DATABASE_URL), waited on until the
// block number in /status reaches the chain's head (/ready answers earlier on anvil: its finality is 30
// blocks). Telemetry is off: the indexer only talks to 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const INDEXER_ROOT = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(INDEXER_ROOT, '..');

export interface IndexerOptions {
  port: number;
  rpcUrl: string;
  chainId?: number;
  /** a folder holding <chainId>.json (default deployments/) */
  deploymentsDir?: string;
  /** PostgreSQL; without it PGlite in `pgliteDir` (default indexer/.ponder/pglite) */
  databaseUrl?: string;
  pgliteDir?: string;
  /** the database schema ponder writes to (default "hashmint") */
  schema?: string;
  /** `serve`: the API alone, in front of a Postgres another `start` fills */
  command?: 'start' | 'serve';
  /** where ponder's output goes (default: discarded; `inherit` shows it) */
  stdio?: 'ignore' | 'inherit' | 'pipe';
}

export interface Indexer {
  proc: ChildProcess;
  url: string;
  /** The last block the indexer has indexed (from /status), or undefined while it does not answer. */
  indexedBlock(): Promise<number | undefined>;
  /** Resolves once /status shows `block` (or later); rejects if the process exits or `timeoutMs` passes. */
  waitForBlock(block: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function indexerEnv(o: IndexerOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: '1',
    PONDER_RPC_URL: o.rpcUrl,
    HASHMINT_CHAIN_ID: String(o.chainId ?? 31337),
    DATABASE_SCHEMA: o.schema ?? 'hashmint',
    PONDER_LOG_LEVEL: process.env.PONDER_LOG_LEVEL ?? 'warn',
    // ponder reads PORT before --port: the app's PORT (npm run dev) must not reach it.
    PORT: String(o.port),
  };
  if (o.deploymentsDir) env.HASHMINT_DEPLOYMENTS_DIR = o.deploymentsDir;
  else delete env.HASHMINT_DEPLOYMENTS_DIR;
  if (o.databaseUrl) env.DATABASE_URL = o.databaseUrl;
  else delete env.DATABASE_URL;
  if (o.pgliteDir) env.PGLITE_DIR = o.pgliteDir;
  return env;
}

export function startIndexer(o: IndexerOptions): Indexer {
  const url = `http://127.0.0.1:${o.port}`;
  const proc = spawn(join(ROOT, 'node_modules', '.bin', 'ponder'), ['--root', INDEXER_ROOT, o.command ?? 'start', '--port', String(o.port), '--hostname', '127.0.0.1'], {
    cwd: INDEXER_ROOT,
    env: indexerEnv(o),
    // INDEXER_LOG=1 shows ponder's output (a crash's reason) in tests and the bench.
    stdio: o.stdio ?? (process.env.INDEXER_LOG ? 'inherit' : 'ignore'),
    detached: false,
  });
  const indexedBlock = async () => {
    try {
      const r = await fetch(`${url}/status`, { signal: AbortSignal.timeout(2_000) });
      if (!r.ok) return undefined;
      const s = (await r.json()) as Record<string, { block?: { number?: number } } | undefined>;
      const n = Object.values(s)[0]?.block?.number;
      return typeof n === 'number' ? n : undefined;
    } catch {
      return undefined;
    }
  };
  const waitForBlock = async (block: number, timeoutMs = 120_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`The indexer stopped (exit ${proc.exitCode ?? proc.signalCode}) before indexing block ${block}.`);
      const n = await indexedBlock();
      if (n !== undefined && n >= block) return;
      if (Date.now() > until) throw new Error(`The indexer had not indexed block ${block} after ${Math.round(timeoutMs / 1000)} s (at ${n ?? 'nothing'}).`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const kill = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  return { proc, url, indexedBlock, waitForBlock, stop };
}
