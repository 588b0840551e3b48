// The deployment the indexer reads (deployments/<chainId>.json, or HASHMINT_DEPLOYMENTS_DIR's copy): the
// one source of addresses for ponder.config.ts and the handlers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Address } from 'viem';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const chainId = Number(process.env.HASHMINT_CHAIN_ID ?? 31337);

export interface IndexedDeployment {
  rpcUrl: string;
  local: boolean;
  startBlock: number;
  contracts: Record<string, Address>;
}

export const deployment = JSON.parse(
  readFileSync(join(process.env.HASHMINT_DEPLOYMENTS_DIR || join(ROOT, 'deployments'), `${chainId}.json`), 'utf8'),
) as IndexedDeployment;

export function addressOf(name: string): Address {
  const address = deployment.contracts[name];
  if (!address) throw new Error(`The deployment of chain ${chainId} has no ${name}.`);
  return address;
}
