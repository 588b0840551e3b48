// Starts what the browser tests need, once: anvil with the protocol deployed and seeded, a second chain
// without Hashmint, and a production build of the app pointed at that anvil. Tests isolate themselves
// with evm_snapshot / evm_revert (see fixtures.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, buildContracts, startAnvil } from '../../scripts/lib/anvil.ts';
import { clients, devAccount } from '../../scripts/lib/chain.ts';
import { deployProtocol } from '../../scripts/lib/protocol.ts';
import { seed, SEED_DAYS } from '../../scripts/lib/seed.ts';
import { deployments } from '../../src/abi/deployments.ts';
import { E2E, ROOT } from './env.ts';

export default async function globalSetup() {
  const children: ChildProcess[] = [];
  if (!existsSync(join(ROOT, 'out', 'ProductSale.sol', 'ProductSale.json'))) buildContracts();

  const now = Math.floor(Date.now() / 1000);
  const anvil = await startAnvil({ port: E2E.anvilPort, chainId: E2E.chainId, timestamp: now - SEED_DAYS * 86400 });
  children.push(anvil.proc);
  const other = await startAnvil({ port: E2E.otherPort, chainId: E2E.otherChainId });
  children.push(other.proc);

  const ctx = await clients(anvil.rpcUrl, devAccount(0));
  const deployment = await deployProtocol(ctx, { local: true, rpcUrl: anvil.rpcUrl, write: false });
  const committed = (deployments as Record<number, { contracts: Record<string, string> }>)[E2E.chainId]?.contracts;
  for (const [name, address] of Object.entries(deployment.contracts)) {
    if (committed?.[name]?.toLowerCase() !== address.toLowerCase()) {
      throw new Error(`src/abi/deployments.ts is stale (${name}): run \`npm run dev\` once to regenerate it.`);
    }
  }
  await seed(ctx, deployment);

  rmSync(E2E.outDir, { recursive: true, force: true });
  const build = spawnSync(bin('vite'), ['build', '--outDir', E2E.outDir, '--emptyOutDir'], {
    cwd: ROOT,
    env: { ...process.env, VITE_RPC_URL_31337: anvil.rpcUrl },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);

  const preview = spawn(bin('vite'), ['preview', '--outDir', E2E.outDir, '--port', String(E2E.appPort), '--strictPort', '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  children.push(preview);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${E2E.appPort}/`)).ok) break;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  mkdirSync(E2E.screenshots, { recursive: true });
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(E2E.stateFile, JSON.stringify({ deployment }, null, 2));

  return async () => {
    for (const c of children) c.kill('SIGTERM');
  };
}
