// `npm run keeper`: runs the loan keeper (scripts/lib/keeper.ts) against a deployed chain, unattended.
//   RPC_URL=https://…  KEEPER_KEY=0x…  [HASHMINT_DEPLOYMENTS_DIR=<folder with <chainId>.json>]  npm run keeper
// The key needs gas only: `impair` pays nobody, so the account holds no protocol funds. `npm run dev` runs
// the same keeper on the local chain (dev account 8). Ctrl-C stops it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hex } from 'viem';
import { fail, ROOT } from './lib/anvil.ts';
import { clients } from './lib/chain.ts';
import { startKeeper } from './lib/keeper.ts';
import type { Deployment } from './lib/protocol.ts';

async function main() {
  const rpcUrl = process.env.RPC_URL;
  if (!rpcUrl) fail('Set RPC_URL to the chain to keep.');
  const key = process.env.KEEPER_KEY as Hex | undefined;
  if (!key || !/^0x[0-9a-fA-F]{64}$/.test(key)) fail('Set KEEPER_KEY to the keeper account\'s private key (0x followed by 64 hexadecimal characters).');
  const ctx = await clients(rpcUrl, key).catch((e: unknown) => fail(`Cannot reach RPC_URL (${rpcUrl}): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`));
  const file = join(process.env.HASHMINT_DEPLOYMENTS_DIR ?? join(ROOT, 'deployments'), `${ctx.chainId}.json`);
  if (!existsSync(file)) fail(`No deployment for chain ${ctx.chainId}: ${file} does not exist (npm run deploy writes it).`);
  const deployment = JSON.parse(readFileSync(file, 'utf8')) as Deployment;
  process.stdout.write(`Keeper for chain ${ctx.chainId} from ${ctx.walletClient.account.address}: marking under-water loans down each block.\n`);
  const keeper = startKeeper(ctx, deployment);
  const stop = () => void keeper.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message.split('\n')[0]! : String(e)));
