// What the chain watcher (src/hooks/useChainWatcher.ts) does when the head has moved: reads the logs of
// the new blocks, for the protocol's contracts and only the events the app reads (src/lib/chainEvents.ts),
// in the same ranged reads as the market; gives the market's replay its new marketplace and NFT logs; and
// invalidates the topics those logs change, for this chain, and only those. Loaded when the head first
// moves (it carries every contract's ABI), so the watcher itself can start with the app.
import type { QueryClient } from '@tanstack/react-query';
import { isAddressEqual, type Address } from 'viem';
import type { ChainClient } from '../lib/chainClient';
import { topicsOf, watchPlan, type WatchPlan } from '../lib/chainEvents';
import type { Deployment } from '../lib/contracts';
import { appTransactions } from '../lib/appTransactions';
import { blockRanges, readRanges, type RpcLog } from '../lib/marketLogs';
import { applyLogs, marketView, type MarketLog, type MarketState } from '../lib/marketState';
import { hmKey, invalidateTopics } from '../lib/queryKeys';
import { decodeMarketLog, LOG_BLOCK_RANGE, RANGES_PER_BATCH } from './useMarket';

// The plan hashes every watched event's signature (a 200 ms task at a phone's CPU speed on a cold load):
// made once per deployment, when logs are first read.
const plans = new WeakMap<Deployment, WatchPlan>();
const planOf = (d: Deployment) => plans.get(d) ?? plans.set(d, watchPlan(d)).get(d)!;

export interface NewBlocks {
  client: ChainClient;
  qc: QueryClient;
  chainId: number;
  deployment: Deployment;
  /** the connected account: events naming it refresh its own topics too */
  address?: Address;
  /** the first and last new block */
  from: bigint;
  head: bigint;
}

/** Reads the logs of blocks `from`..`head` and refreshes what they change. */
export async function applyNewBlocks({ client, qc, chainId, deployment, address, from, head }: NewBlocks): Promise<void> {
  const plan = planOf(deployment);
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
  const marketKey = hmKey(chainId, 'market');
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
