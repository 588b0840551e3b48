// The app's side of the indexer (indexer/, Ponder): where it is (VITE_INDEXER_URL, set by `npm run dev`),
// the few reads the app makes from its HTTP API, and a slim description of the rows they return (the
// browser never imports indexer/ponder.schema.ts, which would pull Ponder itself into the bundle).
// The chain stays the source of truth: listings from the indexer are confirmed with Marketplace.statuses
// before any is offered, and without a reachable, current indexer the app reads the chain as before.
import type { Address, Hex } from 'viem';
import type { MarketListing, Sale } from './marketState';

const env = import.meta.env as Record<string, string | undefined>;

/** The indexer's base URL, or undefined when the app runs without one. */
export const indexerUrl: string | undefined = env.VITE_INDEXER_URL ? env.VITE_INDEXER_URL.replace(/\/$/, '') : undefined;

/** How many blocks the indexer may trail the chain's head and still be read. */
export const INDEXER_MAX_LAG = 3;
/** An indexer request slower than this counts as "not answering". */
const TIMEOUT_MS = 4_000;

export class IndexerError extends Error {}

/** GET `path` from the indexer, with query parameters; throws IndexerError when it does not answer. */
export async function indexerGet<T>(path: string, params: Record<string, string | number | undefined> = {}, base = indexerUrl): Promise<T> {
  if (!base) throw new IndexerError('No indexer is configured.');
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) qs.set(k, String(v));
  const query = qs.size ? `?${qs}` : '';
  let r: Response;
  try {
    r = await fetch(`${base}${path}${query}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new IndexerError('The indexer is not answering.');
  }
  if (!r.ok) throw new IndexerError(`The indexer answered ${r.status}.`);
  return (await r.json()) as T;
}

/** The last block the indexer has indexed (Ponder's /status). */
export async function indexedBlock(base = indexerUrl): Promise<bigint> {
  const status = await indexerGet<Record<string, { block?: { number?: number } } | undefined>>('/status', {}, base);
  const n = Object.values(status)[0]?.block?.number;
  if (typeof n !== 'number') throw new IndexerError('The indexer has not indexed any block yet.');
  return BigInt(n);
}

/** A `listing` row as the API sends it (bigints as decimal strings). */
export interface ListingRow {
  id: string;
  seller: Address;
  tokenId: string;
  price: string;
  expiresAt: string;
  productId: number;
  coin: number;
  hashrate: string;
  termEnd: string;
  feeBps: number;
  state: 'open' | 'sold' | 'cancelled';
  ownerChanged: boolean;
  notApproved: boolean;
}

export function listingFromRow(r: ListingRow): MarketListing {
  return {
    id: BigInt(r.id),
    seller: r.seller,
    tokenId: BigInt(r.tokenId),
    price: BigInt(r.price),
    expiresAt: BigInt(r.expiresAt),
    productId: r.productId,
    coin: r.coin,
    hashrate: BigInt(r.hashrate),
    termEnd: BigInt(r.termEnd),
    feeBps: r.feeBps,
    base: r.state,
    ownerChanged: r.ownerChanged,
    notApproved: r.notApproved,
  };
}

export interface ListingsPage {
  listings: MarketListing[];
  /** matches, counted exactly up to 1,000 (`capped` past it: the page says "1,000+") */
  total: number;
  capped: boolean;
  /** cheapest live listing per product */
  floors: Map<number, bigint>;
}

export interface ListingsQuery {
  now: number;
  coin?: number | 'all';
  termMin?: number;
  termMax?: number;
  /** At most this many USDT base units per hashrate unit per whole day left (the Browse filter). */
  maxUnitDay?: number;
  sort?: string;
  offset?: number;
  limit?: number;
  seller?: Address;
}

/**
 * The Marketplace's default view: every live listing, newest first, the first page. The page's summary (the
 * count and the floors) asks exactly this, as the browse list does before any filter is touched, so one
 * request answers both (same query key).
 */
export const defaultListingsQuery = (now: number, limit: number): ListingsQuery => browseQuery(now, { coin: 'all', termMin: 0, termMax: Infinity, sort: 'newest', page: 0 }, limit);

/** The browse list's request for a page of `limit` under the filters and sort picked. */
export function browseQuery(now: number, v: { coin: number | 'all'; termMin: number; termMax: number; maxUnitDay?: number; sort: string; page: number }, limit: number): ListingsQuery {
  return { now, coin: v.coin, termMin: v.termMin, termMax: v.termMax, maxUnitDay: v.maxUnitDay, sort: v.sort, offset: v.page * limit, limit };
}

export async function fetchListings(q: ListingsQuery, base = indexerUrl): Promise<ListingsPage> {
  const r = await indexerGet<{ items: ListingRow[]; total: number; capped?: boolean; floors: { productId: number; price: string }[] }>(
    '/market/listings',
    {
      now: q.now,
      coin: q.coin,
      termMin: q.termMin,
      termMax: q.termMax === undefined || q.termMax === Infinity ? undefined : q.termMax,
      maxUnitDay: q.maxUnitDay,
      sort: q.sort,
      offset: q.offset,
      limit: q.limit,
      seller: q.seller,
    },
    base,
  );
  return { listings: r.items.map(listingFromRow), total: Number(r.total), capped: r.capped === true, floors: new Map(r.floors.map((f) => [f.productId, BigInt(f.price)])) };
}

/** A sale with the time it happened (unix seconds). */
export interface TimedSale extends Sale {
  timestamp: number;
}

interface SaleRow {
  listingId: string;
  seller: Address;
  buyer: Address;
  tokenId: string;
  price: string;
  fee: string;
  productId: number;
  blockNumber: string;
  txHash: Hex;
  timestamp: string;
}

export async function fetchSales(limit = 5, base = indexerUrl): Promise<TimedSale[]> {
  const rows = await indexerGet<SaleRow[]>('/market/sales', { limit }, base);
  return rows.map((r) => ({
    listingId: BigInt(r.listingId),
    seller: r.seller,
    buyer: r.buyer,
    tokenId: BigInt(r.tokenId),
    price: BigInt(r.price),
    fee: BigInt(r.fee),
    productId: r.productId,
    blockNumber: BigInt(r.blockNumber),
    hash: r.txHash,
    timestamp: Number(r.timestamp),
  }));
}

/** One day of one product's market. */
export interface MarketDayRow {
  day: number;
  productId: number;
  coin: number;
  volume: bigint;
  sales: number;
  /** USD per hashrate unit per day of term left, lowest that day */
  floor: number | null;
}

export async function fetchMarketDays(from = 0, base = indexerUrl): Promise<MarketDayRow[]> {
  const rows = await indexerGet<{ day: number; productId: number; coin: number; volume: string; sales: number; floor: number | null }[]>('/market/days', { from }, base);
  return rows.map((r) => ({ ...r, volume: BigInt(r.volume) }));
}

/** One entry of a wallet's history (the `activity` table). */
export interface ActivityEntry {
  id: string;
  kind: string;
  tokenId?: bigint;
  ref?: bigint;
  asset: string;
  decimals: number;
  amount: bigint;
  /** USD at the time, 6 decimals */
  usd?: bigint;
  counterparty?: Address;
  timestamp: number;
  blockNumber: bigint;
  txHash: Hex;
}

interface ActivityRow {
  id: string;
  kind: string;
  tokenId: string | null;
  ref: string | null;
  asset: string;
  decimals: number;
  amount: string;
  usd: string | null;
  counterparty: Address | null;
  timestamp: string;
  blockNumber: string;
  txHash: Hex;
}

export async function fetchActivity(account: Address, base = indexerUrl): Promise<ActivityEntry[]> {
  const rows = await indexerGet<ActivityRow[]>('/activity', { account, limit: 5_000 }, base);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    tokenId: r.tokenId === null ? undefined : BigInt(r.tokenId),
    ref: r.ref === null ? undefined : BigInt(r.ref),
    asset: r.asset,
    decimals: r.decimals,
    amount: BigInt(r.amount),
    usd: r.usd === null ? undefined : BigInt(r.usd),
    counterparty: r.counterparty ?? undefined,
    timestamp: Number(r.timestamp),
    blockNumber: BigInt(r.blockNumber),
    txHash: r.txHash,
  }));
}
