// Keeps open pages up to date when someone else changes the chain. One watcher for the app: it asks for
// the head block every 2 s on the local chain (6 s elsewhere; paused while the tab is hidden), and only
// when the head has moved does it read the logs of the new blocks and refresh what they change
// (src/hooks/watchBlocks.ts, loaded then). An idle page with no new blocks costs one eth_blockNumber per
// interval, which also tells the RPC health probe that the node answers. Logs of transactions this page
// sent are left to the transaction path, which refreshes their topics when their receipt comes.
//
// The watcher starts with the app, before the page (App.tsx renders it first, so its first head request
// is queued ahead of the page's first reads, in the same JSON-RPC batch): the first head it sees is no
// later than the block those reads saw, so a change made between them is read as a new block. Started
// after the page's reads (it was loaded lazily), it took a later head as its start and a sale made in
// between never reached the page.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useAccount } from 'wagmi';
import { useChainClient } from './useChainClient';
import type { MarketState } from '../lib/marketState';
import { hmKey } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';

/** How often the head block is asked for: local chains mine at once, public chains every few seconds. */
export const HEAD_POLL_MS = { local: 2_000, remote: 6_000 } as const;

/** The head poll's query key: a chain read (so the RPC health probe counts it), outside every topic. */
export const headKey = (chainId: number) => ['hm', chainId, 'head'] as const;

export function useChainWatcher() {
  const { chainId, deployment } = useAppChain();
  const client = useChainClient(chainId);
  const { address } = useAccount();
  const qc = useQueryClient();
  /** The last block whose logs were read (or, at the start, the first head seen), on which chain. */
  const seen = useRef<{ chainId: number; block: bigint }>(undefined);

  useQuery({
    queryKey: headKey(chainId),
    enabled: Boolean(client),
    refetchInterval: deployment.local ? HEAD_POLL_MS.local : HEAD_POLL_MS.remote,
    staleTime: 0,
    retry: false,
    // Nothing renders from it.
    notifyOnChangeProps: [],
    queryFn: async () => {
      if (!client) throw new Error('The network is not available.');
      const head = await client.getBlockNumber({ cacheTime: 0 });
      const last = seen.current?.chainId === chainId ? seen.current.block : undefined;
      const marketKey = hmKey(chainId, 'market');
      if (last !== undefined && head < last) {
        // The chain went back (a reset local chain, a reverted snapshot, a reorg): read everything again.
        seen.current = { chainId, block: head };
        void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'hm' && q.queryKey[1] === chainId && q.queryKey[2] !== 'head' });
        return head;
      }
      if (last !== undefined && head > last) {
        const { applyNewBlocks } = await import('./watchBlocks');
        await applyNewBlocks({ client, qc, chainId, deployment, address, from: last + 1n, head });
      }
      seen.current = { chainId, block: head };
      // A market read that ended before blocks the watcher has seen (it was loading, or its blocks came
      // in a gap) catches up by reading just the blocks it lacks.
      const market = qc.getQueryData<MarketState>(marketKey);
      if (market && market.replay.toBlock < head && qc.getQueryState(marketKey)?.fetchStatus === 'idle') {
        void qc.invalidateQueries({ queryKey: marketKey, exact: true });
      }
      return head;
    },
  });
}
