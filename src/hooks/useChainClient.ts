// The app chain's client for reads, simulations and receipts (see src/lib/chainClient.ts for why it is
// not wagmi's usePublicClient).
import { useClient } from 'wagmi';
import { withChainActions, type ChainClient } from '../lib/chainClient';

export function useChainClient(chainId: number): ChainClient | undefined {
  const client = useClient({ chainId });
  return client ? withChainActions(client) : undefined;
}
