// Chains and contracts the app knows, from the generated map in src/abi (never hand-written addresses).
import { defineChain, type Abi, type Address, type Chain } from 'viem';

type AbiError = Extract<Abi[number], { type: 'error' }>;
import * as abis from '../abi/abis';
import { deployments as generated } from '../abi/deployments';

export interface Deployment {
  chainId: number;
  name: string;
  rpcUrl: string;
  local: boolean;
  startBlock: number;
  owner: Address;
  operator: Address;
  treasury: Address;
  contracts: {
    USDT: Address;
    Rewards: Address;
    HashNFT: Address;
    ProductSale: Address;
    Marketplace: Address;
    TermDeposits: Address;
    MiningPools: Address;
    LiquidityVault: Address;
    LoanPool: Address;
    Multicall3: Address;
    [name: string]: Address;
  };
}

const env = import.meta.env as Record<string, string | undefined>;

/** Every deployment the build knows, keyed by chain id. */
export const deployments: Record<number, Deployment> = Object.fromEntries(
  Object.values(generated as Record<string, Deployment>).map((d) => [d.chainId, d]),
);

/** The RPC URL for a chain: `VITE_RPC_URL_<chainId>` when set, else the one recorded at deployment. */
export function rpcUrlFor(d: Deployment): string {
  return env[`VITE_RPC_URL_${d.chainId}`] ?? d.rpcUrl;
}

export const chains: Chain[] = Object.values(deployments).map((d) =>
  defineChain({
    id: d.chainId,
    name: d.name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrlFor(d)] } },
    contracts: { multicall3: { address: d.contracts.Multicall3 } },
    testnet: d.local,
  }),
);

if (chains.length === 0) {
  throw new Error('No deployments found: run `npm run dev` (local) or `npm run deploy` to create one.');
}

/** The chain the app reads when no wallet (or an unsupported one) is connected. */
export const defaultChainId: number = Number(env.VITE_DEFAULT_CHAIN_ID ?? chains[0].id);

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
