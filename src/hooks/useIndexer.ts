// Whether the app reads its history from the indexer right now: configured (VITE_INDEXER_URL), indexing
// this chain, answering, and no more than INDEXER_MAX_LAG blocks behind the chain's head. Asked every
// 2 s; when any of that stops being true the pages fall back to the chain (and say so), and return to
// the indexer once it is back and current.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useChainClient } from './useChainClient';
import { fetchListings, fetchSales, indexedBlock, indexerUrl, INDEXER_MAX_LAG, type ListingsQuery } from '../lib/indexer';
import { hmKey } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';
import { headKey } from './useChainWatcher';

export type IndexerState = 'off' | 'checking' | 'current' | 'behind' | 'down';

export interface IndexerSource {
  state: IndexerState;
  /** read from the indexer now */
  use: boolean;
  /** blocks the indexer trails the head by, when known */
  lag?: number;
}

export const INDEXER_POLL_MS = 2_000;

export function useIndexerSource(): IndexerSource {
  const { chainId } = useAppChain();
  const client = useChainClient(chainId);
  const qc = useQueryClient();
  const status = useQuery({
    queryKey: ['indexer', chainId, 'status'],
    enabled: indexerUrl !== undefined && client !== undefined,
    refetchInterval: INDEXER_POLL_MS,
    retry: false,
    queryFn: async () => {
      if (!client) throw new Error('The network is not available.');
      // The chain watcher's last head when it has one (no extra request), else one eth_blockNumber.
      const [indexed, head] = await Promise.all([indexedBlock(), qc.getQueryData<bigint>(headKey(chainId)) ?? client.getBlockNumber()]);
      return { indexed, head };
    },
  });
  if (!indexerUrl) return { state: 'off', use: false };
  if (status.isError) return { state: 'down', use: false };
  if (!status.data) return { state: 'checking', use: false };
  const lag = Math.max(0, Number(status.data.head - status.data.indexed));
  return lag <= INDEXER_MAX_LAG ? { state: 'current', use: true, lag } : { state: 'behind', use: false, lag };
}

/** A page of live listings (or a seller's open ones) from the indexer; refreshed with the market topic. */
export function useIndexedListings(q: ListingsQuery, enabled: boolean) {
  const { chainId } = useAppChain();
  return useQuery({
    queryKey: hmKey(chainId, 'market', 'indexer', 'listings', q),
    enabled,
    retry: false,
    placeholderData: (previous) => previous,
    queryFn: () => fetchListings(q),
  });
}

/** The latest sales, with their times, from the indexer. */
export function useIndexedSales(enabled: boolean, limit = 5) {
  const { chainId } = useAppChain();
  return useQuery({
    queryKey: hmKey(chainId, 'market', 'indexer', 'sales', limit),
    enabled,
    retry: false,
    queryFn: () => fetchSales(limit),
  });
}
