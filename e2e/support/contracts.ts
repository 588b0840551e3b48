// Contracts in e2e: the app's generated contract map (src/abi/contracts.ts), so a spec never pairs an
// address with an ABI by hand. `onChain(deployment).contract('LoanPool')` is `{ address, abi }`, typed per
// name (viem infers function names and arguments); `abiOf('USDT')` is an ABI alone, for a contract at an
// address read from the chain (a coin's token or price feed) or for encoding calldata.
import type { Address } from 'viem';
import { contractAbis } from '../../src/abi/contracts.ts';
import type { ContractName } from '../../src/abi/deployments.ts';

export type { ContractName };

/** Any deployment record with its contracts by name (the app's, or scripts/lib/protocol.ts's). */
interface WithContracts {
  contracts: Readonly<Record<string, Address>>;
}

export function onChain(deployment: WithContracts) {
  return {
    /** `name` on this deployment: its address and its ABI together. */
    contract<N extends ContractName>(name: N): { address: Address; abi: (typeof contractAbis)[N] } {
      const address = deployment.contracts[name];
      if (!address) throw new Error(`the deployment has no ${name}`);
      return { address, abi: contractAbis[name] };
    },
  };
}

/** The ABI of a contract name (the same code at another address: a coin's token, a price feed). */
export function abiOf<N extends ContractName>(name: N): (typeof contractAbis)[N] {
  return contractAbis[name];
}
