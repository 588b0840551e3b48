// The marketplace rebuilt from event logs: the marketplace's and the NFT contract's logs (read by
// useMarket, decoded by marketLogs.ts) give every listing, its price, whether its seller still owns and
// has approved the NFT, sales history and floor prices, however many listings there are. The newest
// Active listings also come straight from the chain (Marketplace.newestActive, see fromListingView), and
// the statuses of listings on screen are confirmed on chain, so a listing is never offered on logs alone.
import { isAddressEqual, zeroAddress, type Address } from 'viem';
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

export function replayMarket(logs: MarketLog[], market: Address, nft: Address): MarketState {
  const sorted = [...logs].sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1));
  const owner = new Map<bigint, Address>();
  const approved = new Map<bigint, Address>();
  const forAll = new Map<string, boolean>(); // seller (lowercase) -> marketplace approved for all
  const termEnd = new Map<bigint, bigint>();
  const counter = new Map<string, bigint>();
  const listingCounter = new Map<bigint, bigint>();
  const listings = new Map<bigint, MarketListing>();
  const sales: Sale[] = [];
  let feeBps = 0;

  for (const log of sorted) {
    const a = log.args;
    if (isAddressEqual(log.address, nft)) {
      if (log.eventName === 'Transfer') {
        owner.set(a.tokenId as bigint, a.to as Address);
        approved.delete(a.tokenId as bigint);
      } else if (log.eventName === 'Approval') {
        approved.set(a.tokenId as bigint, a.approved as Address);
      } else if (log.eventName === 'ApprovalForAll' && isAddressEqual(a.operator as Address, market)) {
        forAll.set((a.owner as string).toLowerCase(), a.approved as boolean);
      } else if (log.eventName === 'PositionMinted') {
        termEnd.set(a.tokenId as bigint, a.end as bigint);
      }
      continue;
    }
    if (!isAddressEqual(log.address, market)) continue;
    switch (log.eventName) {
      case 'FeeUpdated':
        feeBps = Number(a.newBps);
        break;
      case 'Listed': {
        const seller = a.seller as Address;
        const id = a.listingId as bigint;
        listingCounter.set(id, counter.get(seller.toLowerCase()) ?? 0n);
        listings.set(id, {
          id,
          seller,
          tokenId: a.tokenId as bigint,
          price: a.price as bigint,
          expiresAt: a.expiresAt as bigint,
          productId: Number(a.productId),
          coin: Number(a.coin),
          hashrate: a.hashrate as bigint,
          termEnd: 0n,
          feeBps,
          base: 'open',
          ownerChanged: false,
          notApproved: false,
        });
        break;
      }
      case 'PriceUpdated': {
        const l = listings.get(a.listingId as bigint);
        if (l) l.price = a.newPrice as bigint;
        break;
      }
      case 'Cancelled': {
        const l = listings.get(a.listingId as bigint);
        if (l && l.base === 'open') l.base = 'cancelled';
        break;
      }
      case 'AllCancelled':
        counter.set((a.seller as string).toLowerCase(), BigInt(a.newCounter as bigint | number));
        break;
      case 'Sold': {
        const l = listings.get(a.listingId as bigint);
        if (l) l.base = 'sold';
        sales.push({
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

  for (const l of listings.values()) {
    const key = l.seller.toLowerCase();
    if (l.base === 'open' && listingCounter.get(l.id) !== (counter.get(key) ?? 0n)) l.base = 'cancelled';
    l.termEnd = termEnd.get(l.tokenId) ?? 0n;
    const holder = owner.get(l.tokenId) ?? zeroAddress;
    l.ownerChanged = !isAddressEqual(holder, l.seller);
    const one = approved.get(l.tokenId);
    l.notApproved = !((one !== undefined && isAddressEqual(one, market)) || forAll.get(key) === true);
  }
  return { listings: [...listings.values()], sales: sales.reverse(), feeBps };
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
