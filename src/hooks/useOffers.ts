// Offers, read only where a page shows them and only those that can concern it, from MarketLens (views over
// the Marketplace's offer books: open offers by token, product, coin and buyer). Never all offers, never on
// the Marketplace's first paint. Every call has a bounded cost whatever the number of offers:
//  - each eth_call scans at most OFFER_SCAN book entries or returns OFFER_PAGE offers, and goes out alone
//    (`batch: false`: viem would otherwise fold concurrent reads into one Multicall3 eth_call, whose gas is
//    the sum and can pass what public RPCs allow per eth_call); the calls of one round still share one HTTP
//    request through the transport's JSON-RPC batching;
//  - a book longer than one window is read in further windows (known from the first call's totals, all
//    sent together), so at most two rounds.
// Refreshed with the 'market' topic, which the chain watcher invalidates on every offer event.
import { decodeFunctionResult, encodeFunctionData, type Address, type Hex } from 'viem';
import { fromRawOffer, type NftTerms, type Offer } from '../lib/offers';
import { scanPlan, topByPrice } from '../lib/offerScan';
import { useChainRead, type ChainContext } from './useChainRead';

/** Book entries one call scans at most (two per storage slot: ~5.3M gas of reads at 5,000). */
export const OFFER_SCAN = 5_000;
/** Offers one openOffersOf page returns (each costs the lens two reads of the offer). */
export const OFFER_PAGE = 500;
/** Targets (tokens) per bestOffers call; the first window per target is OFFER_SCAN / this. */
export const TARGETS_PER_CALL = 50;
/** Best product or coin offers read per book: a page still checks each one against an NFT's days and units. */
export const BOOK_DEPTH = 20;

const KIND = { token: 0, product: 1, coin: 2 } as const;
type BookKind = keyof typeof KIND;

/** A MarketLens view as its own eth_call (never folded into a multicall); `data` is its encoded call. */
async function callLens(ctx: ChainContext, data: Hex): Promise<Hex> {
  const res = await ctx.client.call({ to: ctx.contract('MarketLens').address, data, batch: false });
  return res.data ?? '0x';
}

/**
 * For each target of `kind`, its `k` best Active offers (best first), reading each book whole in bounded
 * windows: a first call per TARGETS_PER_CALL targets, then the rest of any longer book, one window per call.
 */
export async function bestOffersOf(ctx: ChainContext, kind: BookKind, targets: readonly bigint[], k: number): Promise<Map<bigint, Offer[]>> {
  const out = new Map<bigint, Offer[]>(targets.map((t) => [t, []]));
  if (targets.length === 0 || k === 0) return out;
  const abi = ctx.contract('MarketLens').abi;
  const read = async (ts: readonly bigint[], from: number, window: number) => {
    const data = encodeFunctionData({ abi, functionName: 'bestOffers', args: [KIND[kind], ts, BigInt(k), BigInt(from), BigInt(window)] });
    const [ids, items, totals] = decodeFunctionResult({ abi, functionName: 'bestOffers', data: await callLens(ctx, data) });
    ts.forEach((t, i) => {
      const list = out.get(t)!;
      for (let j = 0; j < k; j++) {
        const id = ids[i * k + j];
        if (id !== 0n) list.push(fromRawOffer(id, items[i * k + j], 0));
      }
    });
    return totals;
  };
  const plan = scanPlan(targets.length, OFFER_SCAN, TARGETS_PER_CALL);
  const firsts = await Promise.all(plan.chunks.map(([a, b]) => read(targets.slice(a, b), 0, plan.firstWindow)));
  const totals = firsts.flatMap((t) => [...t]);
  const more: Promise<unknown>[] = [];
  totals.forEach((total, i) => {
    for (let from = plan.firstWindow; from < Number(total); from += OFFER_SCAN) more.push(read([targets[i]], from, OFFER_SCAN));
  });
  await Promise.all(more);
  for (const [t, list] of out) out.set(t, topByPrice(list, k));
  return out;
}

/** A buyer's open offers (active, or with escrow left to reclaim), page after page (all pages after the first together). */
async function openOffersOf(ctx: ChainContext, buyer: Address): Promise<Offer[]> {
  const abi = ctx.contract('MarketLens').abi;
  const page = async (from: number) => {
    const data = encodeFunctionData({ abi, functionName: 'openOffersOf', args: [buyer, BigInt(from), BigInt(OFFER_PAGE)] });
    return decodeFunctionResult({ abi, functionName: 'openOffersOf', data: await callLens(ctx, data) });
  };
  const first = await page(0);
  const rest: ReturnType<typeof page>[] = [];
  for (let from = OFFER_PAGE; from < Number(first[3]); from += OFFER_PAGE) rest.push(page(from));
  const pages = [first, ...(await Promise.all(rest))];
  const out: Offer[] = [];
  for (const [ids, items, statuses] of pages) ids.forEach((id, i) => out.push(fromRawOffer(id, items[i], statuses[i])));
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The connected wallet's open offers (the Offers tab's "My offers", the calendar's offer expiries). */
export function useMyOffers(buyer: Address | undefined) {
  return useChainRead({
    topic: 'market',
    key: ['my-offers', buyer],
    enabled: buyer !== undefined,
    queryFn: (ctx) => (buyer ? openOffersOf(ctx, buyer) : Promise.resolve([])),
  });
}

/**
 * The active offers that can match these NFTs: the best token offers on each (`tokenDepth` per NFT) and the
 * BOOK_DEPTH best offers of each of their products and coins. My NFTs and an NFT's page pick each NFT's best
 * from these with `bestOfferFor`.
 */
export function useOffersFor(nfts: readonly NftTerms[] | undefined, tokenDepth = 1) {
  const ids = (nfts ?? []).map((n) => n.tokenId);
  const products = [...new Set((nfts ?? []).map((n) => BigInt(n.productId)))];
  const coins = [...new Set((nfts ?? []).map((n) => BigInt(n.coin)))];
  return useChainRead({
    topic: 'market',
    key: ['offers-for', ids.join(','), products.join(','), coins.join(','), tokenDepth],
    enabled: nfts !== undefined,
    queryFn: async (ctx): Promise<Offer[]> => {
      const books = await Promise.all([bestOffersOf(ctx, 'token', ids, tokenDepth), bestOffersOf(ctx, 'product', products, BOOK_DEPTH), bestOffersOf(ctx, 'coin', coins, BOOK_DEPTH)]);
      return books.flatMap((m) => [...m.values()].flat());
    },
  });
}

export interface OfferBook {
  productId: number;
  /** the best Active offers, best first (at most `depth`) */
  offers: Offer[];
}

/** The Offers tab: each product's best offers, from one bounded read per book (not every offer). */
export function useOfferBooks(productIds: readonly number[], depth = 50) {
  return useChainRead({
    topic: 'market',
    key: ['offer-books', productIds.join(','), depth],
    queryFn: async (ctx): Promise<OfferBook[]> => {
      const books = await bestOffersOf(ctx, 'product', productIds.map(BigInt), depth);
      return productIds.map((id) => ({ productId: id, offers: books.get(BigInt(id)) ?? [] }));
    },
  });
}
