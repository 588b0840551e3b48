// The marketplace in two steps. First the newest Active listings straight from the chain
// (`Marketplace.newestActive`: listings, their NFT positions and Active status in one call, batched with
// the page's other first reads), so a page of listings shows at once however big the market is. Then the
// whole market from event logs (src/lib/marketState.ts) for floor prices, sales, filters, sorts and the
// seller's own listings: read in block ranges public RPCs accept, only the events the replay needs, decoded
// by src/lib/marketLogs.ts, yielding to the page between slices. The statuses of what is on screen are
// confirmed on chain, so nothing is offered as buyable on logs alone. A range the node refuses as too
// long or too large is split and read again. Once read, the market is kept up to date from the logs of
// each new block (src/hooks/useChainWatcher.ts applies them to the replay), never read again from the start.
import { useQueryClient } from '@tanstack/react-query';
import { isAddressEqual, type Hex } from 'viem';
import { abiOf } from '../lib/contracts';
import { blockRanges, eventSelectors, makeLogDecoder, MARKET_EVENTS, readRanges, type RpcLog } from '../lib/marketLogs';
import { applyLogs, fromListingView, marketView, newReplay, STATUS_BY_INDEX, type ListingStatus, type MarketListing, type MarketLog, type MarketState } from '../lib/marketState';
import { useChainRead } from './useChainRead';

/** Listings on a page of the Marketplace, and how many the first chain read returns. */
export const MARKET_PAGE = 24;
/** Ids the first read looks at, at most: bounds its gas when many of the newest listings are inactive. */
const NEWEST_MAX_SCAN = 400n;
/** Blocks per eth_getLogs: within what public RPCs accept. */
export const LOG_BLOCK_RANGE = 10_000n;
/** Ranges requested together (one JSON-RPC batch). */
export const RANGES_PER_BATCH = 8;
/** Logs decoded between two yields to the page. */
const DECODE_SLICE = 4_000;

const abi = [...abiOf('Marketplace'), ...abiOf('HashNFT')];
// The decoder and the topic filter hash the events' signatures: made on the first market read, not when
// this module loads (the chain watcher imports it on every page's start).
let decoder: { decode: ReturnType<typeof makeLogDecoder>; topics: Hex[][] } | undefined;
const marketLogReader = () => (decoder ??= { decode: makeLogDecoder(abi), topics: [eventSelectors(abi, MARKET_EVENTS)] });
const yieldToPage = () => new Promise<void>((r) => setTimeout(r, 0));

export interface NewestListings {
  /** Active when read, newest first */
  listings: MarketListing[];
  /** listings ever created (any status) */
  total: number;
  /** the protocol fee rate now, in basis points */
  feeBps: number;
  /** each coin's symbol and hashrate unit, by coin id, so the cards need not wait for prices and history */
  coins: CoinLabel[];
}

export interface CoinLabel {
  id: number;
  symbol: string;
  unit: string;
}

/** The newest Active listings with their NFTs' positions, in one contract read. */
export function useNewestListings() {
  return useChainRead({
    topic: 'market',
    key: ['newest'],
    queryFn: async ({ client, contract }): Promise<NewestListings> => {
      const market = contract('Marketplace');
      // Three reads, one multicall (and one JSON-RPC batch with the page's other first reads).
      const [[items, , total], feeBps, coins] = await Promise.all([
        client.readContract({ ...market, functionName: 'newestActive', args: [0n, BigInt(MARKET_PAGE), NEWEST_MAX_SCAN] }),
        client.readContract({ ...market, functionName: 'feeBps' }),
        client.readContract({ ...contract('Rewards'), functionName: 'coins' }),
      ]);
      return {
        listings: items.map(fromListingView),
        total: Number(total),
        feeBps,
        coins: coins.map((c, id) => ({ id, symbol: c.symbol, unit: c.unit })),
      };
    },
  });
}

/** Every listing, sale and floor price, replayed from the logs. `enabled: false` holds the read back. */
export function useMarket({ enabled = true }: { enabled?: boolean } = {}) {
  const qc = useQueryClient();
  return useChainRead({
    topic: 'market',
    enabled,
    // Once read, a refresh reads only the blocks after the last one it has (the chain watcher usually has
    // applied them already, and then this costs one eth_blockNumber).
    queryFn: async ({ client, deployment, queryKey }): Promise<MarketState> => {
      const { Marketplace, HashNFT } = deployment.contracts;
      const head = await client.getBlockNumber({ cacheTime: 0 });
      const before = qc.getQueryData<MarketState>(queryKey);
      // A chain that went back (a reset local chain, a reverted snapshot) is read again from the start.
      const kept = before && before.replay.toBlock <= head && isAddressEqual(before.replay.market, Marketplace) ? before.replay : undefined;
      const replay = kept ?? newReplay(Marketplace, HashNFT, BigInt(deployment.startBlock));
      const from = replay.toBlock + 1n;
      if (from > head) return before && kept ? before : marketView(replay);
      const logs: MarketLog[] = [];
      const { decode, topics } = marketLogReader();
      const read = (a: bigint, b: bigint) =>
        client.request({
          method: 'eth_getLogs',
          params: [{ address: [Marketplace, HashNFT], topics, fromBlock: `0x${a.toString(16)}`, toBlock: `0x${b.toString(16)}` }],
        }) as Promise<RpcLog[]>;
      await readRanges(blockRanges(from, head, LOG_BLOCK_RANGE), read, RANGES_PER_BATCH, async (raw) => {
        for (let j = 0; j < raw.length; j += DECODE_SLICE) {
          if (j > 0) await yieldToPage();
          for (const log of raw.slice(j, j + DECODE_SLICE)) {
            const d = decode(log);
            if (d) logs.push(d);
          }
        }
        await yieldToPage();
      });
      // Someone else (the watcher) may have applied some of these blocks meanwhile: those are skipped.
      applyLogs(replay, logs, from, head);
      return marketView(replay);
    },
  });
}

/** Logs of the marketplace and the NFT contract, decoded for the replay; other logs give undefined. */
export const decodeMarketLog = (log: RpcLog): MarketLog | undefined => marketLogReader().decode(log);

/**
 * On-chain statuses of the listings on screen (one call), keyed by listing id. Listings in `known` (read
 * on chain in the same refresh, e.g. by useNewestListings) are not asked again.
 */
export function useListingStatuses(ids: bigint[], known?: ReadonlyMap<string, ListingStatus>) {
  const ask = known ? ids.filter((id) => !known.has(String(id))) : ids;
  const query = useChainRead({
    topic: 'market',
    key: ['statuses', ask.map(String).join(',')],
    enabled: ask.length > 0,
    queryFn: async ({ client, contract }) => {
      const out = await client.readContract({
        ...contract('Marketplace'),
        functionName: 'statuses',
        args: [ask],
      });
      return new Map<string, ListingStatus>(ask.map((id, i) => [String(id), STATUS_BY_INDEX[out[i]]]));
    },
  });
  const data = ask.length === 0 ? new Map<string, ListingStatus>() : query.data;
  if (!data || !known) return data;
  return new Map<string, ListingStatus>(ids.flatMap((id) => {
    const s = data.get(String(id)) ?? known.get(String(id));
    return s ? [[String(id), s] as const] : [];
  }));
}

export interface LiveListing {
  status: ListingStatus;
  price: bigint;
}

/**
 * One listing's status and price on chain, for a buyer about to sign: re-read whenever the market
 * changes (a sale, cancel or price change by anyone invalidates the 'market' topic), so a dialog left
 * open learns the listing was sold before its buyer signs.
 */
export function useListingLive(id: bigint, enabled = true) {
  return useChainRead({
    topic: 'market',
    key: ['live', String(id)],
    enabled,
    staleTime: 0,
    queryFn: async ({ client, contract }): Promise<LiveListing> => {
      const market = contract('Marketplace');
      const [listing, status] = await Promise.all([
        client.readContract({ ...market, functionName: 'listing', args: [id] }),
        client.readContract({ ...market, functionName: 'status', args: [id] }),
      ]);
      return { status: STATUS_BY_INDEX[status], price: listing.price };
    },
  });
}
