// The marketplace from logs: one eth_getLogs over the marketplace and the NFT contract rebuilds every
// listing, sale and floor price (src/lib/marketState.ts). The statuses of what is on screen are then
// confirmed on chain in one call, so nothing is offered as buyable on logs alone.
import { useQuery } from '@tanstack/react-query';
import { parseEventLogs } from 'viem';
import { usePublicClient } from 'wagmi';
import { abis } from '../lib/contracts';
import { replayMarket, STATUS_BY_INDEX, type MarketLog, type ListingStatus } from '../lib/marketState';
import { hmKey } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';

export function useMarket() {
  const { chainId, deployment } = useAppChain();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: hmKey(chainId, 'market'),
    enabled: Boolean(client),
    queryFn: async () => {
      const { Marketplace, HashNFT } = deployment.contracts;
      const raw = await client!.getLogs({ address: [Marketplace, HashNFT], fromBlock: BigInt(deployment.startBlock), toBlock: 'latest' });
      const decoded = parseEventLogs({ abi: [...abis.marketplaceAbi, ...abis.hashNftAbi], logs: raw, strict: false });
      const logs: MarketLog[] = decoded.map((l) => ({
        address: l.address,
        eventName: l.eventName,
        args: (l.args ?? {}) as Record<string, unknown>,
        blockNumber: l.blockNumber,
        logIndex: l.logIndex,
        transactionHash: l.transactionHash,
      }));
      return replayMarket(logs, Marketplace, HashNFT);
    },
  });
}

/** On-chain statuses of the listings on screen (one call), keyed by listing id. */
export function useListingStatuses(ids: bigint[]) {
  const { chainId, deployment } = useAppChain();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: hmKey(chainId, 'market', 'statuses', ids.map(String).join(',')),
    enabled: Boolean(client) && ids.length > 0,
    queryFn: async () => {
      const out = await client!.readContract({
        address: deployment.contracts.Marketplace,
        abi: abis.marketplaceAbi,
        functionName: 'statuses',
        args: [ids],
      });
      return new Map<string, ListingStatus>(ids.map((id, i) => [String(id), STATUS_BY_INDEX[out[i]]]));
    },
  });
}
