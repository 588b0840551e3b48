// The marketplace rebuilt from event logs: the marketplace's and the NFT contract's logs (read by
// useMarket, decoded by marketLogs.ts) give every listing, its price, whether its seller still owns and
// has approved the NFT, sales history and floor prices, however many listings there are. The newest
// Active listings also come straight from the chain (Marketplace.newestActive, see fromListingView), and
// the statuses of listings on screen are confirmed on chain, so a listing is never offered on logs alone.
import { isAddressEqual, zeroAddress, type Address } from 'viem';
import { formatAmount } from './format';
import { termDaysLeft } from './terms';

export type ListingStatus = 'active' | 'sold' | 'cancelled' | 'expired' | 'ownerChanged' | 'notApproved';
/** The contract's Status enum, in its order. */
export const STATUS_BY_INDEX: ListingStatus[] = ['active', 'sold', 'cancelled', 'expired', 'ownerChanged', 'notApproved'];

export interface MarketListing {
  id: bigint;
  seller: Address;
  tokenId: bigint;
  price: bigint;
  expiresAt: bigint;
  productId: number;
  coin: number;
  hashrate: bigint;
  /** end of the NFT's term (unix seconds), from its mint event */
  termEnd: bigint;
  /** fee rate when listed; a sale charges the lower of this and the current rate */
  feeBps: number;
  /** stored state and seller-side validity, before the clock is applied */
  base: 'open' | 'sold' | 'cancelled';
  ownerChanged: boolean;
  notApproved: boolean;
}

export interface Sale {
  listingId: bigint;
  seller: Address;
  buyer: Address;
  tokenId: bigint;
  price: bigint;
  fee: bigint;
  productId: number;
  blockNumber: bigint;
  hash: `0x${string}`;
}

export interface MarketState {
  listings: MarketListing[];
  sales: Sale[];
  feeBps: number;
  /** what logs of later blocks are applied to (see applyLogs); the market is read up to `replay.toBlock` */
  replay: MarketReplay;
}

/** A decoded log with its position, from viem's parseEventLogs. */
export interface MarketLog {
  address: Address;
  eventName: string;
  args: Record<string, unknown>;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: `0x${string}`;
}

/**
 * The replay's running state, so logs of new blocks are applied to it instead of replaying all history:
 * who holds and has approved each NFT, each seller's cancel-all counter, every listing as stored (its
 * seller-side validity is worked out by `marketView`), the sales (oldest first) and the fee rate.
 * `toBlock` is the last block whose logs are all in.
 */
export interface MarketReplay {
  market: Address;
  nft: Address;
  toBlock: bigint;
  owner: Map<bigint, Address>;
  approved: Map<bigint, Address>;
  /** seller (lowercase) -> marketplace approved for all */
  forAll: Map<string, boolean>;
  termEnd: Map<bigint, bigint>;
  counter: Map<string, bigint>;
  listingCounter: Map<bigint, bigint>;
  /** moves of each token between accounts (HashNFT.transferCount), and each listing's count when listed */
  moves: Map<bigint, number>;
  listingMoves: Map<bigint, number>;
  listings: Map<bigint, MarketListing>;
  sales: Sale[];
  feeBps: number;
}

/** An empty replay whose logs start at block `fromBlock`. */
export function newReplay(market: Address, nft: Address, fromBlock: bigint): MarketReplay {
  return {
    market,
    nft,
    toBlock: fromBlock - 1n,
    owner: new Map(),
    approved: new Map(),
    forAll: new Map(),
    termEnd: new Map(),
    counter: new Map(),
    listingCounter: new Map(),
    moves: new Map(),
    listingMoves: new Map(),
    listings: new Map(),
    sales: [],
    feeBps: 0,
  };
}

const byPosition = (a: MarketLog, b: MarketLog) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1);

/**
 * Applies the logs of blocks `fromBlock`..`toBlock` (all of them, in any order) to the replay. Blocks the
 * replay already has are skipped, so applying the same range twice changes nothing. Returns false, and
 * changes nothing, when the range starts after the replay's next block (logs in between would be lost):
 * read from `r.toBlock + 1` instead.
 */
export function applyLogs(r: MarketReplay, logs: readonly MarketLog[], fromBlock: bigint, toBlock: bigint): boolean {
  if (fromBlock > r.toBlock + 1n) return false;
  const { market, nft } = r;
  for (const log of [...logs].sort(byPosition)) {
    if (log.blockNumber <= r.toBlock || log.blockNumber > toBlock) continue;
    const a = log.args;
    if (isAddressEqual(log.address, nft)) {
      if (log.eventName === 'Transfer') {
        r.owner.set(a.tokenId as bigint, a.to as Address);
        r.approved.delete(a.tokenId as bigint);
        if (!isAddressEqual(a.from as Address, zeroAddress)) r.moves.set(a.tokenId as bigint, (r.moves.get(a.tokenId as bigint) ?? 0) + 1);
      } else if (log.eventName === 'Approval') {
        r.approved.set(a.tokenId as bigint, a.approved as Address);
      } else if (log.eventName === 'ApprovalForAll' && isAddressEqual(a.operator as Address, market)) {
        r.forAll.set((a.owner as string).toLowerCase(), a.approved as boolean);
      } else if (log.eventName === 'PositionMinted') {
        r.termEnd.set(a.tokenId as bigint, a.end as bigint);
      }
      continue;
    }
    if (!isAddressEqual(log.address, market)) continue;
    switch (log.eventName) {
      case 'FeeUpdated':
        r.feeBps = Number(a.newBps);
        break;
      case 'Listed': {
        const seller = a.seller as Address;
        const id = a.listingId as bigint;
        r.listingCounter.set(id, r.counter.get(seller.toLowerCase()) ?? 0n);
        r.listingMoves.set(id, r.moves.get(a.tokenId as bigint) ?? 0);
        r.listings.set(id, {
          id,
          seller,
          tokenId: a.tokenId as bigint,
          price: a.price as bigint,
          expiresAt: a.expiresAt as bigint,
          productId: Number(a.productId),
          coin: Number(a.coin),
          hashrate: a.hashrate as bigint,
          termEnd: 0n,
          feeBps: r.feeBps,
          base: 'open',
          ownerChanged: false,
          notApproved: false,
        });
        break;
      }
      case 'PriceUpdated': {
        const l = r.listings.get(a.listingId as bigint);
        if (l) r.listings.set(l.id, { ...l, price: a.newPrice as bigint });
        break;
      }
      case 'Cancelled': {
        const l = r.listings.get(a.listingId as bigint);
        if (l && l.base === 'open') r.listings.set(l.id, { ...l, base: 'cancelled' });
        break;
      }
      case 'AllCancelled':
        r.counter.set((a.seller as string).toLowerCase(), BigInt(a.newCounter as bigint | number));
        break;
      case 'Sold': {
        const l = r.listings.get(a.listingId as bigint);
        if (l) r.listings.set(l.id, { ...l, base: 'sold' });
        r.sales.push({
          listingId: a.listingId as bigint,
          seller: a.seller as Address,
          buyer: a.buyer as Address,
          tokenId: a.tokenId as bigint,
          price: a.price as bigint,
          fee: a.fee as bigint,
          productId: Number(a.productId),
          blockNumber: log.blockNumber,
          hash: log.transactionHash,
        });
        break;
      }
    }
  }
  if (toBlock > r.toBlock) r.toBlock = toBlock;
  return true;
}

/**
 * The market as the pages read it, from the replay so far: every listing with its seller-side validity
 * (cancelled by a cancel-all, NFT no longer held, approval revoked), newest sales first. New objects
 * each time, so the replay can go on without changing what a page already shows.
 */
export function marketView(r: MarketReplay): MarketState {
  const listings: MarketListing[] = [];
  for (const l of r.listings.values()) {
    const key = l.seller.toLowerCase();
    const counterCancelled = l.base === 'open' && r.listingCounter.get(l.id) !== (r.counter.get(key) ?? 0n);
    const holder = r.owner.get(l.tokenId) ?? zeroAddress;
    const one = r.approved.get(l.tokenId);
    listings.push({
      ...l,
      base: counterCancelled ? 'cancelled' : l.base,
      termEnd: r.termEnd.get(l.tokenId) ?? 0n,
      // A listing dies when its NFT leaves the seller, and stays dead if it comes back (the transfer count).
      ownerChanged: !isAddressEqual(holder, l.seller) || (r.moves.get(l.tokenId) ?? 0) !== (r.listingMoves.get(l.id) ?? 0),
      notApproved: !((one !== undefined && isAddressEqual(one, r.market)) || r.forAll.get(key) === true),
    });
  }
  return { listings, sales: [...r.sales].reverse(), feeBps: r.feeBps, replay: r };
}

/** The whole market from a complete set of logs. */
export function replayMarket(logs: MarketLog[], market: Address, nft: Address): MarketState {
  const r = newReplay(market, nft, 0n);
  const last = logs.reduce((m, l) => (l.blockNumber > m ? l.blockNumber : m), -1n);
  applyLogs(r, logs, 0n, last);
  return marketView(r);
}

/** One item of `Marketplace.newestActive`: a listing the chain reported Active, with its NFT's position. */
export interface ListingView {
  id: bigint;
  listing: { seller: Address; tokenId: bigint; price: bigint; expiresAt: bigint; feeBps: number };
  productId: number;
  coin: number;
  hashrate: bigint;
  termEnd: bigint;
}

/** A listing read straight from the chain (Active when read), in the shape the log replay gives. */
export function fromListingView(v: ListingView): MarketListing {
  return {
    id: v.id,
    seller: v.listing.seller,
    tokenId: v.listing.tokenId,
    price: v.listing.price,
    expiresAt: v.listing.expiresAt,
    productId: v.productId,
    coin: v.coin,
    hashrate: v.hashrate,
    termEnd: v.termEnd,
    feeBps: v.listing.feeBps,
    base: 'open',
    ownerChanged: false,
    notApproved: false,
  };
}

/** The listing's status at chain time `now`, in the contract's order of precedence. */
export function listingStatus(l: MarketListing, now: number): ListingStatus {
  if (l.base === 'sold') return 'sold';
  if (l.base === 'cancelled') return 'cancelled';
  if (now >= Number(l.expiresAt)) return 'expired';
  if (l.ownerChanged) return 'ownerChanged';
  if (l.notApproved) return 'notApproved';
  return 'active';
}

/** Fee the buyer's price includes, and what the seller receives. */
export function payout(price: bigint, listingFeeBps: number, currentFeeBps: number) {
  const bps = BigInt(Math.min(listingFeeBps, currentFeeBps));
  const fee = (price * bps) / 10_000n;
  return { fee, seller: price - fee, bps: Number(bps) };
}

/** Lowest active price per product. */
export function floorPrices(active: MarketListing[]): Map<number, bigint> {
  const floors = new Map<number, bigint>();
  for (const l of active) {
    const f = floors.get(l.productId);
    if (f === undefined || l.price < f) floors.set(l.productId, l.price);
  }
  return floors;
}

/** Price per hashrate unit per remaining day, in stablecoin base units (float, for sorting and display). */
export function pricePerUnitDay(l: MarketListing, now: number): number {
  const days = Math.max(1, termDaysLeft(0, l.termEnd, now));
  return Number(l.price) / Number(l.hashrate) / days;
}

export const STATUS_TEXT: Record<ListingStatus, string> = {
  active: 'Active',
  sold: 'Sold',
  cancelled: 'Cancelled',
  expired: 'Expired',
  ownerChanged: 'Owner changed',
  notApproved: 'Approval revoked',
};

/**
 * What changed about a listing since a buyer opened it, in words, or undefined if it can still be bought
 * as shown: `status` and `price` are read on chain now, `shownPrice` is the price the buyer is looking at.
 */
export function listingChange(status: ListingStatus, price: bigint, shownPrice: bigint): string | undefined {
  switch (status) {
    case 'sold':
      return 'This listing has just been sold to another buyer. Nothing was taken from your wallet.';
    case 'cancelled':
      return 'The seller has just cancelled this listing.';
    case 'expired':
      return 'This listing has expired.';
    case 'ownerChanged':
      return 'The seller no longer holds this NFT, so the listing cannot be bought.';
    case 'notApproved':
      return "The seller withdrew the marketplace's approval of this NFT, so the listing cannot be bought.";
    case 'active':
      return price === shownPrice
        ? undefined
        : `The seller has changed the price from ${formatAmount(shownPrice, 6, 2)} to ${formatAmount(price, 6, 2)} USDT. Close this and open the listing again to buy at the new price.`;
  }
}
