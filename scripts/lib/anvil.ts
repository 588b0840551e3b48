// Starting anvil and the other local processes that `npm run dev`, e2e and bench need.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

/** A short, human explanation and a non-zero exit, instead of a stack trace. */
export function fail(message: string): never {
  process.stderr.write(`\n✖ ${message}\n`);
  process.exit(1);
}

export function requireTool(name: string) {
  if (!existsSync(bin(name))) fail(`${name} is missing: run \`npm install\` first.`);
}

export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => srv.close(() => resolve(true)))
      .listen(port, host);
  });
}

/** Builds the contracts with forge (solc-js through scripts/solc-shim.cjs) and regenerates src/abi/abis.ts. */
export function buildContracts(quiet = true) {
  requireTool('forge');
  // Tests and scripts are not needed to deploy; skipping them keeps start-up fast.
  const r = spawnSync(bin('forge'), ['build', '--offline', '--use', join(ROOT, 'scripts/solc-shim.cjs'), '--skip', 'test', '--skip', 'script'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0 || /Compiler run failed|Error:/.test(r.stderr + r.stdout)) {
    process.stderr.write(r.stdout + r.stderr);
    fail('The contracts did not compile (see above).');
  }
  if (!quiet) process.stdout.write(r.stdout);
  const g = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/gen-abi.ts'), 'abis'], { cwd: ROOT, encoding: 'utf8' });
  if (g.status !== 0) {
    process.stderr.write(g.stderr);
    fail('Generating src/abi/abis.ts failed.');
  }
}

export interface AnvilOptions {
  port: number;
  /** Default 31337; a fork keeps the upstream chain's id unless this is set. */
  chainId?: number;
  /** Unix time of the first block (anvil's clock runs on from there). */
  timestamp?: number;
  /** Fork this RPC URL instead of starting an empty chain. */
  forkUrl?: string;
  /** With forkUrl: fork at this block instead of the latest (repeatable, and anvil caches it). */
  forkBlockNumber?: number;
  blockTime?: number;
  /**
   * Keep at most this many past blocks' states in memory (anvil `--prune-history N`). Anvil otherwise keeps
   * hundreds of whole-state copies in memory: at 100,000 bench listings that grew to 23 GB and was
   * OOM-killed. Calls at a block older than that fail, so only the bench sets it (its indexer reads past
   * state only with `cache: 'immutable'`, at the head).
   */
  pruneHistory?: number;
}

export async function startAnvil(opts: AnvilOptions): Promise<{ proc: ChildProcess; rpcUrl: string }> {
  requireTool('anvil');
  if (!(await portFree(opts.port))) fail(`Port ${opts.port} is busy: stop whatever uses it (another anvil?) or pick another port.`);
  const args = ['--host', '127.0.0.1', '--port', String(opts.port), '--silent'];
  const chainId = opts.chainId ?? (opts.forkUrl ? undefined : 31337);
  if (chainId !== undefined) args.push('--chain-id', String(chainId));
  if (opts.timestamp) args.push('--timestamp', String(opts.timestamp));
  if (opts.forkUrl) args.push('--fork-url', opts.forkUrl);
  if (opts.forkUrl && opts.forkBlockNumber !== undefined) args.push('--fork-block-number', String(opts.forkBlockNumber));
  if (opts.blockTime) args.push('--block-time', String(opts.blockTime));
  if (opts.pruneHistory) args.push('--prune-history', String(opts.pruneHistory));
  const proc = spawn(bin('anvil'), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (b) => (stderr += b));
  const rpcUrl = `http://127.0.0.1:${opts.port}`;
  // A fork first fetches the fork block from the upstream RPC, which a public endpoint may answer slowly.
  const waitMs = opts.forkUrl ? 60_000 : 10_000;
  for (let i = 0; i < waitMs / 50; i++) {
    if (proc.exitCode !== null) fail(`anvil exited at start: ${stderr.trim().split('\n')[0] ?? 'no message'}`);
    try {
      const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      if (res.ok) return { proc, rpcUrl };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  proc.kill();
  fail(`anvil did not answer on ${rpcUrl} within ${waitMs / 1000} s${opts.forkUrl ? ` (is FORK_URL reachable?)` : ''}.`);
}
