// Contracts the app talks to: every generated ABI, and every custom error across them. Chains and
// addresses live in src/lib/chains.ts (re-exported here for the pages).
import type { Abi } from 'viem';
import * as abis from '../abi/abis';

export { chains, defaultChainId, deployments, rpcUrlFor, type Deployment } from './chains';

type AbiError = Extract<Abi[number], { type: 'error' }>;

/** Every custom error of every contract, so a revert inside a nested call is decoded too. */
export const allErrors: readonly AbiError[] = (() => {
  const seen = new Set<string>();
  const out: AbiError[] = [];
  for (const abi of Object.values(abis) as Abi[]) {
    for (const item of abi) {
      if (item.type !== 'error') continue;
      const key = `${item.name}(${item.inputs.map((i) => i.type).join(',')})`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(item);
      }
    }
  }
  return out;
})();

export { abis };
