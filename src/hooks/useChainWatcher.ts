// Keeps open pages up to date when someone else changes the chain. One watcher for the app: it asks for
// the head block every 2 s on the local chain (6 s elsewhere; paused while the tab is hidden), and only
// when the head has moved does it read the logs of the new blocks, for the protocol's contracts and only
// the events the app reads (src/lib/chainEvents.ts), in the same ranged reads as the market. Then:
//   - the market's replay takes the new marketplace and NFT logs (no history is read again);
//   - the topics those logs change are invalidated, for this chain, and only those.
// An idle page with no new blocks costs one eth_blockNumber per interval, which also tells the RPC
// health probe that the node answers. Logs of transactions this page sent are left to the transaction
// path, which refreshes their topics when their receipt comes.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { isAddressEqual } from 'viem';
import { useAccount } from 'wagmi';
import { useChainClient } from './useChainClient';
import { appTransactions } from '../lib/appTransactions';
import { topicsOf, watchPlan, type WatchPlan } from '../lib/chainEvents';
import { blockRanges, readRanges, type RpcLog } from '../lib/marketLogs';
import { applyLogs, marketView, type MarketLog, type MarketState } from '../lib/marketState';
import { hmKey, invalidateTopics } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';
import { decodeMarketLog, LOG_BLOCK_RANGE, RANGES_PER_BATCH } from './useMarket';

/** How often the head block is asked for: local chains mine at once, public chains every few seconds. */
export const HEAD_POLL_MS = { local: 2_000, remote: 6_000 } as const;

/** The head poll's query key: a chain read (so the RPC health probe counts it), outside every topic. */
export const headKey = (chainId: number) => ['hm', chainId, 'head'] as const;

export function useChainWatcher() {
  const { chainId, deployment } = useAppChain();
  const client = useChainClient(chainId);
  const { address } = useAccount();
  const qc = useQueryClient();
  // The plan hashes every watched event's signature (a 200 ms task at a phone's CPU speed on a cold load):
  // it is made when logs are first read, after the first new block, not while the page starts.
  const getPlan = useMemo(() => {
    let plan: WatchPlan | undefined;
    return () => (plan ??= watchPlan(deployment));
  }, [deployment]);
  /** The last block whose logs were read, on which chain. */
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
        const from = last + 1n;
        const plan = getPlan();
        const raw: RpcLog[] = [];
        const read = (a: bigint, b: bigint) =>
          client.request({
            method: 'eth_getLogs',
            params: [{ address: plan.addresses, topics: [plan.selectors], fromBlock: `0x${a.toString(16)}`, toBlock: `0x${b.toString(16)}` }],
          }) as Promise<RpcLog[]>;
        await readRanges(blockRanges(from, head, LOG_BLOCK_RANGE), read, RANGES_PER_BATCH, (piece) => {
          raw.push(...piece);
        });

        // The market takes the new logs as they are, if it has been read up to the block before them.
        const market = qc.getQueryData<MarketState>(marketKey);
        if (market) {
          const { Marketplace, HashNFT } = deployment.contracts;
          const logs = raw
            .filter((l) => isAddressEqual(l.address, Marketplace) || isAddressEqual(l.address, HashNFT))
            .map(decodeMarketLog)
            .filter((l): l is MarketLog => l !== undefined);
          if (applyLogs(market.replay, logs, from, head) && logs.length > 0) qc.setQueryData(marketKey, marketView(market.replay));
        }

        const topics = topicsOf(raw.filter((l) => !appTransactions.has(l.transactionHash)), plan, address);
        if (topics.length > 0) void invalidateTopics(qc, chainId, topics, (key) => key.length === 3 && key[2] === 'market');
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
