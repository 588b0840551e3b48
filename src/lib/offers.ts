// Offers as the pages read them (Marketplace.offersRange, see src/hooks/useOffers.ts), and the arithmetic
// the contract does at acceptance, in the same integers, so a page shows what the chain will pay:
//   token offer: its amount;
//   product or coin offer: price per hashrate unit per day x hashrate x min(whole days left, maxDays),
//   for an NFT with at least minDays whole days left and a hashrate within the units still wanted.
// Pure and tested (offers.test.ts).
import type { Address } from 'viem';
import { parseAmount, parseCount, type Parsed } from './parse';
import { DAY_SECONDS, formatUsdt } from './format';

export type OfferKind = 'token' | 'product' | 'coin';
export const OFFER_KINDS: OfferKind[] = ['token', 'product', 'coin'];
export type OfferStatus = 'active' | 'filled' | 'cancelled' | 'expired' | 'tokenMoved';
/** The contract's OfferStatus enum, in its order. */
export const OFFER_STATUS_BY_INDEX: OfferStatus[] = ['active', 'filled', 'cancelled', 'expired', 'tokenMoved'];
export const OFFER_STATUS_TEXT: Record<OfferStatus, string> = {
  active: 'Active',
  filled: 'Filled',
  cancelled: 'Cancelled',
  expired: 'Expired',
  tokenMoved: 'NFT changed hands',
};

export interface Offer {
  id: bigint;
  buyer: Address;
  kind: OfferKind;
  status: OfferStatus;
  feeBps: number;
  expiresAt: bigint;
  /** token id, product id or coin */
  target: bigint;
  /** token offers: the amount; product and coin offers: USDT base units per hashrate unit per day */
  price: bigint;
  minDays: number;
  maxDays: number;
  unitsLeft: bigint;
  /** USDT still held for the offer (reclaimable by its buyer once it is no longer active) */
  escrow: bigint;
}

/** The chain's Offer struct, as viem decodes it. */
export interface RawOffer {
  buyer: Address;
  kind: number;
  feeBps: number;
  expiresAt: bigint;
  minDays: number;
  maxDays: number;
  unitsLeft: bigint;
  target: bigint;
  price: bigint;
  escrow: bigint;
}

export function fromRawOffer(id: bigint, o: RawOffer, status: number): Offer {
  return {
    id,
    buyer: o.buyer,
    kind: OFFER_KINDS[o.kind] ?? 'token',
    status: OFFER_STATUS_BY_INDEX[status] ?? 'cancelled',
    feeBps: o.feeBps,
    expiresAt: o.expiresAt,
    target: o.target,
    price: o.price,
    minDays: o.minDays,
    maxDays: o.maxDays,
    unitsLeft: o.unitsLeft,
    escrow: o.escrow,
  };
}

/** What an offer sees of an NFT. */
export interface NftTerms {
  tokenId: bigint;
  productId: number;
  coin: number;
  hashrate: bigint;
  start: bigint;
  end: bigint;
}

/** Whole days left in a term at `now`, rounded down, as HashNFT.remainingDays counts them. */
export function remainingDays(n: Pick<NftTerms, 'start' | 'end'>, now: number): number {
  const end = Number(n.end);
  if (now >= end) return 0;
  const from = Math.max(now, Number(n.start));
  return Math.floor((end - from) / DAY_SECONDS);
}

export type Quote = { ok: true; price: bigint; days: number } | { ok: false; reason: string };

/** What `o` pays for the NFT now (ignoring the offer's own status), or why it does not match, in words. */
export function quoteFor(o: Offer, n: NftTerms, now: number): Quote {
  if (o.kind === 'token') {
    return o.target === n.tokenId ? { ok: true, price: o.price, days: remainingDays(n, now) } : { ok: false, reason: `This offer is for NFT #${o.target}, not #${n.tokenId}.` };
  }
  const matches = o.kind === 'product' ? BigInt(n.productId) === o.target : BigInt(n.coin) === o.target;
  if (!matches) return { ok: false, reason: `NFT #${n.tokenId} is not of the ${o.kind} this offer is for.` };
  const days = remainingDays(n, now);
  if (days < o.minDays) return { ok: false, reason: `NFT #${n.tokenId} has ${days} whole days left; the offer asks for at least ${o.minDays}.` };
  if (n.hashrate > o.unitsLeft) return { ok: false, reason: `NFT #${n.tokenId} has ${n.hashrate} hashrate units; the offer wants only ${o.unitsLeft} more.` };
  const paid = Math.min(days, o.maxDays);
  return { ok: true, price: o.price * n.hashrate * BigInt(paid), days: paid };
}

/** The fee an acceptance charges (the lower of the offer's recorded rate and the current one) and the seller's part. */
export function offerSplit(price: bigint, offerFeeBps: number, currentFeeBps: number) {
  const bps = Math.min(offerFeeBps, currentFeeBps);
  const fee = (price * BigInt(bps)) / 10_000n;
  return { fee, seller: price - fee, bps };
}

/** The active offer that pays the most for this NFT now, with its price; the NFT's owner's own offers are left out. */
export function bestOfferFor(offers: readonly Offer[], n: NftTerms, now: number, owner?: Address): { offer: Offer; price: bigint } | undefined {
  let best: { offer: Offer; price: bigint } | undefined;
  for (const o of offers) {
    if (o.status !== 'active' || Number(o.expiresAt) <= now) continue;
    if (owner && o.buyer.toLowerCase() === owner.toLowerCase()) continue;
    const q = quoteFor(o, n, now);
    if (q.ok && (!best || q.price > best.price)) best = { offer: o, price: q.price };
  }
  return best;
}

/** Per product: the active product offers, best price per unit per day first, and the units they want in all. */
export interface ProductBook {
  productId: number;
  offers: Offer[];
  units: bigint;
}

export function productBooks(offers: readonly Offer[], now: number): ProductBook[] {
  const books = new Map<number, ProductBook>();
  for (const o of offers) {
    if (o.kind !== 'product' || o.status !== 'active' || Number(o.expiresAt) <= now) continue;
    const id = Number(o.target);
    const b = books.get(id) ?? { productId: id, offers: [], units: 0n };
    b.offers.push(o);
    b.units += o.unitsLeft;
    books.set(id, b);
  }
  for (const b of books.values()) b.offers.sort((x, y) => (x.price === y.price ? Number(x.id - y.id) : x.price > y.price ? -1 : 1));
  return [...books.values()].sort((a, b) => a.productId - b.productId);
}

/** Depth: the book's offers grouped by price per unit per day, best first, with the units wanted at each. */
export function depth(book: ProductBook, levels = 5): { price: bigint; units: bigint; offers: number }[] {
  const out: { price: bigint; units: bigint; offers: number }[] = [];
  for (const o of book.offers) {
    const last = out[out.length - 1];
    if (last && last.price === o.price) {
      last.units += o.unitsLeft;
      last.offers += 1;
    } else if (out.length < levels) out.push({ price: o.price, units: o.unitsLeft, offers: 1 });
    else break;
  }
  return out;
}

/** The escrow a product offer takes: price x units x maxDays (what the contract pulls). */
export function productEscrow(pricePerUnitDay: bigint, units: bigint, maxDays: number): bigint {
  return pricePerUnitDay * units * BigInt(maxDays);
}

/** USDT per unit per day as typed: 6 decimals, more than zero, its escrow within the balance. */
export function parseUnitDayPrice(input: string): Parsed<bigint> {
  return parseAmount(input, { decimals: 6, symbol: 'USDT' });
}

export function parseOfferUnits(input: string): Parsed<bigint> {
  return parseCount(input, { noun: 'hashrate units', max: { value: 10n ** 12n, reason: 'That is more hashrate than exists.' } });
}

/** The offer's expiry, typed as a date (yyyy-mm-dd) or a number of days: in the future and at most 180 days away. */
export function parseExpiryDays(input: string, now: number): Parsed<number> {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'Enter how many days the offer stays open.' };
  let seconds: number;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const at = Date.parse(`${text}T23:59:59Z`) / 1000;
    if (Number.isNaN(at)) return { ok: false, error: 'That is not a date.' };
    if (at <= now) return { ok: false, error: 'The expiry is in the past. Choose a later date.' };
    seconds = at - now;
  } else {
    if (text.startsWith('-')) return { ok: false, error: 'The expiry is in the past. Enter a number of days from now.' };
    if (!/^\d+$/.test(text)) return { ok: false, error: 'Enter whole days, or a date as yyyy-mm-dd.' };
    const days = Number(text);
    if (days === 0) return { ok: false, error: 'The offer must stay open at least one day.' };
    seconds = days * DAY_SECONDS;
  }
  if (seconds > 180 * DAY_SECONDS) return { ok: false, error: 'An offer can stay open at most 180 days.' };
  return { ok: true, value: Math.max(1, Math.round(seconds)) };
}

/** An amount within the balance, for the sentence under an offer field. */
export function aboveBalance(amount: bigint, balance: bigint | undefined): string | undefined {
  if (balance === undefined || amount <= balance) return undefined;
  return `This offer escrows ${formatUsdt(amount)} and your balance is ${formatUsdt(balance)}.`;
}
