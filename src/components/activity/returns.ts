// Cost, rewards to date, current value, profit and ROI per NFT, from the indexer's /portfolio answer.
// - cost: what the holder paid for each NFT it holds (primary sale, marketplace or offer price, pool share);
// - rewards: what each NFT paid it (claims, and rewards paid inside a sale), in USD when received;
// - current value: the best active offer someone else made that this NFT can fill (its token, its product
//   or its coin, at the offer's price for its hashrate and days left), else the cheapest live listing of
//   the same product scaled to its hashrate and days left (the floor for similar NFTs), else the remaining
//   output at today's figures (the coin's latest posted output per unit × hashrate × days left, at the
//   coin's price now). A term that has ended is worth nothing more. What cannot be priced says so;
// - NFTs since sold: what they cost, what they sold for and the rewards they paid, in the total.
// profit = rewards + value (or sale proceeds) − cost; ROI = profit / cost.
import type { Address } from 'viem';
import { indexerGet } from '../../lib/indexer';

const DAY = 86_400n;
/** Rewards.PRECISION: output per unit is posted in reward-token base units × 1e6. */
const PRECISION = 1_000_000n;

export type ValueBasis = 'offer' | 'floor' | 'output' | 'ended' | 'unknown' | 'sold';

export interface NftReturn {
  tokenId: bigint;
  /** USDT paid, 6 decimals */
  cost: bigint;
  /** USD when received, 6 decimals */
  rewardsUsd: bigint;
  /** USD now (6 decimals): held NFTs by `basis`, sold ones their proceeds; undefined when unknown */
  value?: bigint;
  basis: ValueBasis;
  profit: bigint;
  /** profit / cost, undefined for a gift (cost 0) */
  roi?: number;
}

interface HeldRow {
  id: string;
  cost: string;
  productId?: number;
  coin?: number;
  hashrate?: string;
  end?: string;
}
interface OfferRow {
  kind: string;
  target: string;
  price: string;
  unitsLeft: string;
  minDays: number;
  maxDays: number;
}
export interface PortfolioAnswer {
  held: HeldRow[];
  rewards: { tokenId: string | null; usd: string | null }[];
  trades?: { tokenId: string | null; kind: string; amount: string }[];
  offers?: OfferRow[];
  /** per product, the live listing with the lowest price per unit per day of term left */
  floors?: { productId: number; price: string; hashrate: string; termEnd: string }[];
  outputs?: { coin: number; outputPerUnit: string }[];
  tokens?: { coin: number | null; decimals: number; feed: string | null }[];
  prices?: { feed: string; answer: string }[];
  now?: string | number;
}

/** What an offer pays for this NFT now (the contract's _offerPrice), or undefined if it does not match. */
function offerPrice(o: OfferRow, n: { id: bigint; productId: number; coin: number; hashrate: bigint }, daysLeft: bigint): bigint | undefined {
  const target = BigInt(o.target);
  if (o.kind === 'token') return target === n.id ? BigInt(o.price) : undefined;
  if ((o.kind === 'product' ? BigInt(n.productId) : BigInt(n.coin)) !== target) return undefined;
  if (daysLeft < BigInt(o.minDays) || n.hashrate > BigInt(o.unitsLeft)) return undefined;
  const days = daysLeft > BigInt(o.maxDays) ? BigInt(o.maxDays) : daysLeft;
  return BigInt(o.price) * n.hashrate * days;
}

/** The current value of one held NFT and what it rests on. */
export function valueOf(h: HeldRow, a: PortfolioAnswer): { value?: bigint; basis: ValueBasis } {
  if (h.end === undefined || h.hashrate === undefined || h.productId === undefined || h.coin === undefined) return { basis: 'unknown' };
  const now = BigInt(a.now ?? Math.floor(Date.now() / 1000));
  const end = BigInt(h.end);
  const daysLeft = end > now ? (end - now) / DAY : 0n;
  if (daysLeft === 0n) return { value: 0n, basis: 'ended' };
  const n = { id: BigInt(h.id), productId: h.productId, coin: h.coin, hashrate: BigInt(h.hashrate) };
  let best: bigint | undefined;
  for (const o of a.offers ?? []) {
    const p = offerPrice(o, n, daysLeft);
    if (p !== undefined && (best === undefined || p > best)) best = p;
  }
  if (best !== undefined) return { value: best, basis: 'offer' };
  // The floor listing's price scaled to this NFT: price × (hashrate × days left) / (its hashrate × its days
  // left, at least 1: the indexer's sort key).
  const floor = a.floors?.find((f) => f.productId === h.productId);
  if (floor && BigInt(floor.hashrate) > 0n) {
    const lEnd = BigInt(floor.termEnd);
    const lDays = lEnd > now + DAY ? (lEnd - now) / DAY : 1n;
    return { value: (BigInt(floor.price) * n.hashrate * daysLeft) / (BigInt(floor.hashrate) * lDays), basis: 'floor' };
  }
  const out = a.outputs?.find((o) => o.coin === h.coin);
  const t = a.tokens?.find((x) => x.coin === h.coin);
  const p = t?.feed ? a.prices?.find((x) => x.feed === t.feed) : undefined;
  if (out && t && p) {
    const amount = (BigInt(out.outputPerUnit) * n.hashrate * daysLeft) / PRECISION; // reward-token base units
    return { value: (amount * BigInt(p.answer)) / 10n ** BigInt(t.decimals + 2), basis: 'output' }; // × 1e-8 price × 1e6 USD
  }
  return { basis: 'unknown' };
}

function row(tokenId: bigint, cost: bigint, rewardsUsd: bigint, value: bigint | undefined, basis: ValueBasis): NftReturn {
  const profit = rewardsUsd + (value ?? 0n) - cost;
  return { tokenId, cost, rewardsUsd, value, basis, profit, roi: cost > 0n ? Number(profit) / Number(cost) : undefined };
}

export function returnsOf(answer: PortfolioAnswer): { rows: NftReturn[]; sold: NftReturn[]; total: NftReturn } {
  const byToken = new Map<string, bigint>();
  let untied = 0n;
  for (const r of answer.rewards) {
    if (r.tokenId === null) untied += BigInt(r.usd ?? '0');
    else byToken.set(r.tokenId, (byToken.get(r.tokenId) ?? 0n) + BigInt(r.usd ?? '0'));
  }
  const rows = answer.held
    .map((n) => {
      const v = valueOf(n, answer);
      return row(BigInt(n.id), BigInt(n.cost), byToken.get(n.id) ?? 0n, v.value, v.basis);
    })
    .sort((a, b) => Number(a.tokenId - b.tokenId));
  // NFTs since sold: paid (primary sale, marketplace, offer) against what they sold for.
  const heldIds = new Set(answer.held.map((n) => n.id));
  const paid = new Map<string, bigint>();
  const got = new Map<string, bigint>();
  for (const t of answer.trades ?? []) {
    if (t.tokenId === null || heldIds.has(t.tokenId)) continue;
    const m = t.kind === 'sell' || t.kind === 'offer-sell' ? got : paid;
    m.set(t.tokenId, (m.get(t.tokenId) ?? 0n) + BigInt(t.amount));
  }
  const soldIds = [...new Set([...got.keys(), ...[...byToken.keys()].filter((id) => !heldIds.has(id))])].sort((a, b) => Number(BigInt(a) - BigInt(b)));
  const sold = soldIds.map((id) => row(BigInt(id), paid.get(id) ?? 0n, byToken.get(id) ?? 0n, got.get(id) ?? 0n, 'sold'));
  const all = [...rows, ...sold];
  const sum = (f: (r: NftReturn) => bigint) => all.reduce((s, r) => s + f(r), 0n);
  const unknown = rows.some((r) => r.value === undefined);
  const total = row(-1n, sum((r) => r.cost), sum((r) => r.rewardsUsd) + untied, unknown ? undefined : sum((r) => r.value ?? 0n), unknown ? 'unknown' : 'sold');
  // With a value unknown the total's profit counts only what is known: say so rather than guess.
  return { rows, sold, total };
}

export const fetchReturns = async (account: Address, now?: number) => returnsOf(await indexerGet<PortfolioAnswer>('/portfolio', { account, now }));

/** Rewards earned per day (USD at that day's posted price, 6 decimals), over every NFT the account held. */
export interface EarnedDay {
  /** unix seconds of the day's start */
  day: number;
  usd: bigint;
}

interface EarnedAnswer {
  genesis: string;
  rows: { day: number; coin: number; usdPrice: string | null; scaled: string }[];
  tokens: { coin: number | null; decimals: number }[];
}

export function earnedDays(a: EarnedAnswer): EarnedDay[] {
  const byDay = new Map<number, bigint>();
  const genesis = Number(a.genesis);
  for (const r of a.rows) {
    const t = a.tokens.find((x) => x.coin === r.coin);
    if (!t || r.usdPrice === null) continue;
    const usd = (BigInt(r.scaled) * BigInt(r.usdPrice)) / PRECISION / 10n ** BigInt(t.decimals + 2);
    const day = genesis + r.day * 86_400;
    byDay.set(day, (byDay.get(day) ?? 0n) + usd);
  }
  return [...byDay].sort((x, y) => x[0] - y[0]).map(([day, usd]) => ({ day, usd }));
}

export const fetchEarned = async (account: Address) => earnedDays(await indexerGet<EarnedAnswer>('/portfolio/earned', { account }));
