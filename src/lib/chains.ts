// Chains the app knows and where Hashmint is deployed on each, from the generated map in src/abi (never
// hand-written addresses). Kept apart from the ABIs (src/lib/contracts.ts) so the first load, which needs
// the chains to start wagmi, does not also evaluate every contract's ABI.
import { defineChain, type Chain } from 'viem';
import { deployments as generated, type Deployment } from '../abi/deployments';

export type { ContractName, Deployment } from '../abi/deployments';

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

/** Hashmint's deployment on `chainId`, or undefined: a chain without one is a state to handle, never a `!`. */
export function deploymentOn(chainId: number | undefined): Deployment | undefined {
  return chainId !== undefined && Object.hasOwn(deployments, chainId) ? deployments[chainId] : undefined;
}

/** The deployment on the default chain (a build whose default chain has none stops here, with the reason). */
export const defaultDeployment: Deployment = (() => {
  const d = deploymentOn(defaultChainId);
  if (!d) throw new Error(`No deployment on the default chain ${defaultChainId} (VITE_DEFAULT_CHAIN_ID): deploy there or choose a deployed chain.`);
  return d;
})();
