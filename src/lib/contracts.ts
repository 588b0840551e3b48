// Contracts the app talks to: the generated contract map (name -> ABI, paired here with the chain's
// address), and every custom error across the ABIs. Chains and addresses live in src/lib/chains.ts
// (re-exported here for the pages) so the first load does not evaluate the ABIs.
import type { Abi, Address } from 'viem';
import * as abis from '../abi/abis';
import { contractAbis } from '../abi/contracts';
import type { ContractName, Deployment } from '../abi/deployments';

export { chains, defaultChainId, deployments, rpcUrlFor, type ContractName, type Deployment } from './chains';

/** One deployed contract: its address on a chain and its ABI, typed per name (viem infers functions and args). */
export interface ContractRef<N extends ContractName> {
  address: Address;
  abi: (typeof contractAbis)[N];
}

/** `name` on the chain of `deployment`: address and ABI together, never paired by hand. */
export function contractOf<N extends ContractName>(deployment: Deployment, name: N): ContractRef<N> {
  return { address: deployment.contracts[name], abi: contractAbis[name] };
}

/** The ABI of a contract name, for contracts at an address read from the chain (a coin's token or feed). */
export function abiOf<N extends ContractName>(name: N): (typeof contractAbis)[N] {
  return contractAbis[name];
}

type AbiError = Extract<Abi[number], { type: 'error' }>;

let errorsOfAll: readonly AbiError[] | undefined;
/**
 * Every custom error of every contract, so a revert inside a nested call is decoded too. Collected on the
 * first transaction, not when the module loads (walking every ABI was part of a long task at start-up).
 */
export function allErrors(): readonly AbiError[] {
  errorsOfAll ??= collectErrors();
  return errorsOfAll;
}

function collectErrors(): AbiError[] {
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
}

export { abis };
