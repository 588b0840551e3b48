// Pure rules of term deposits (mocks/src/TermDeposits.sol), shared by the Earn section, the Portfolio's
// claim-into-deposit and the calendar: interest, the largest amount a term takes and why, position states,
// sorting what falls due, and assembling the deposits state from what the chain returned.
import type { Address } from 'viem';
import { DAY_SECONDS, formatAmount, formatTokenUsd, formatUnitAmount } from './format';

const DAYS_PER_YEAR = 365n;
const BPS = 10_000n;

/** Interest fixed at deposit, as the contract computes it: principal x APR x days / 365, rounded down. */
export function termInterest(principal: bigint, aprBps: number, durationDays: number): bigint {
  return (principal * BigInt(aprBps) * BigInt(durationDays)) / (DAYS_PER_YEAR * BPS);
}

export interface DepositLimitInput {
  decimals: number;
  symbol: string;
  /** the wallet's balance of the asset (undefined: not connected or not loaded) */
  balance?: bigint;
  /** capacity - deposited */
  capacityLeft: bigint;
  /** the contract's maxDeposit(termId): within capacity and covered by the free reserve */
  maxDeposit: bigint;
  active: boolean;
}

/** The largest amount a deposit may have now, with the sentence that explains the tightest limit. */
export function depositLimit(s: DepositLimitInput): { value: bigint; reason: string } {
  const amt = (v: bigint) => `${formatAmount(v, s.decimals, s.decimals)} ${s.symbol}`;
  if (!s.active) return { value: 0n, reason: 'This term takes no new deposits.' };
  const limits: { value: bigint; reason: string }[] = [
    {
      value: s.capacityLeft,
      reason: s.capacityLeft === 0n ? 'This term is full.' : `This term has room for ${amt(s.capacityLeft)} more.`,
    },
  ];
  if (s.maxDeposit < s.capacityLeft) {
    limits.push({
      value: s.maxDeposit,
      reason:
        s.maxDeposit === 0n
          ? 'The interest reserve of this asset is used up: no new deposit can be paid its interest.'
          : `The interest reserve can pay interest on at most ${amt(s.maxDeposit)} in this term.`,
    });
  }
  if (s.balance !== undefined) {
    limits.push({
      value: s.balance,
      reason: s.balance === 0n ? `You have no ${s.symbol}.` : `Your balance is ${amt(s.balance)}.`,
    });
  }
  return limits.reduce((a, b) => (b.value < a.value ? b : a));
}

/** Decimals of an exact deposit figure (a quote, a position): all of USDT's (6) and BTC's (8), 8 for 18-decimal coins. */
const exactDecimals = (a: { decimals: number }) => Math.min(a.decimals, 8);

/** An amount the user deposits or gets back (a quote, a position): exact, as exactDecimals. */
export function tokenText(v: bigint, a: { decimals: number; symbol: string }): string {
  return `${formatAmount(v, a.decimals, exactDecimals(a))} ${a.symbol}`;
}

/** A summary figure (reserve, capacity, balance): by the unit's rule ("9,897.26 USDT", "999.9968 FIL"). */
export function summaryText(v: bigint, a: { decimals: number; symbol: string }): string {
  return formatUnitAmount(v, a.decimals, a.symbol);
}

/** The USD value of an amount, from the amount as shown (exact figures by default, else the unit's rule). */
export function usdText(v: bigint, a: { decimals: number; symbol: string; priceUsd: number }, figure: 'exact' | 'summary' = 'exact'): string {
  return formatTokenUsd(v, a.decimals, a.symbol, a.priceUsd, figure === 'exact' ? exactDecimals(a) : undefined).usd;
}

export type PositionState = 'open' | 'matured' | 'closed';

export function positionState(p: { closed: boolean; maturity: bigint }, now: number): PositionState {
  if (p.closed) return 'closed';
  return now >= Number(p.maturity) ? 'matured' : 'open';
}

/** Maturity of a deposit made at `now` into a term of `durationDays`. */
export function maturityAt(now: number, durationDays: number): number {
  return now + durationDays * DAY_SECONDS;
}

export type AgendaKind = 'deposit' | 'pool' | 'loan' | 'grace' | 'auction' | 'nft' | 'listing' | 'offer' | 'vote' | 'change';

export interface AgendaItem {
  key: string;
  kind: AgendaKind;
  /** unix seconds */
  at: number;
  title: string;
  detail: string;
  href: string;
  /** already due and waiting for the user (a matured deposit, an overdue loan) */
  actionNeeded?: boolean;
}

/** Oldest date first; on the same second, the order of kinds (deposit, loan, grace, auction, pool, nft, listing, offer, vote, change), then title. */
export function sortAgenda(items: AgendaItem[]): AgendaItem[] {
  const order: AgendaKind[] = ['deposit', 'loan', 'grace', 'auction', 'pool', 'nft', 'listing', 'offer', 'vote', 'change'];
  return [...items].sort((a, b) => a.at - b.at || order.indexOf(a.kind) - order.indexOf(b.kind) || a.title.localeCompare(b.title));
}

export interface DepositAsset {
  token: Address;
  symbol: string;
  decimals: number;
  priceUsd: number;
  /** the reward coin id, when the asset is a reward coin (for claim-into-deposit) */
  coin?: number;
  /** interest tokens no position has been promised yet */
  freeReserve: bigint;
}

export interface DepositTerm {
  id: number;
  asset: DepositAsset;
  durationDays: number;
  aprBps: number;
  capacity: bigint;
  deposited: bigint;
  capacityLeft: bigint;
  active: boolean;
  /** largest deposit accepted now (capacity and reserve), 0 when inactive */
  maxDeposit: bigint;
}

export interface DepositPosition {
  id: bigint;
  term: DepositTerm;
  principal: bigint;
  interest: bigint;
  start: bigint;
  maturity: bigint;
  closed: boolean;
}

export interface TermDepositsState {
  terms: DepositTerm[];
  /** assets in term order (USDT, BTC, ETC, FIL), each with its terms */
  assets: { asset: DepositAsset; terms: DepositTerm[] }[];
  /** the owner's positions, newest first (empty without an owner) */
  positions: DepositPosition[];
}

/** What TermDeposits returned: the terms, the owner's positions, maxDeposit per term and freeReserve per asset. */
export interface TermDepositsRead {
  terms: readonly { asset: Address; durationDays: number; aprBps: number; capacity: bigint; deposited: bigint; active: boolean }[];
  positionIds: readonly bigint[];
  positions: readonly { termId: number; principal: bigint; interest: bigint; start: bigint; maturity: bigint; closed: boolean }[];
  /** the distinct assets of the terms (lower case), in term order */
  tokens: readonly Address[];
  /** maxDeposit per term */
  maxDeposit: readonly bigint[];
  /** freeReserve per token, same order as tokens */
  freeReserve: readonly bigint[];
}

/** The coins and USDT as the protocol read describes them (symbol, decimals, USD price). */
export interface DepositAssetMeta {
  coins: readonly { id: number; token: Address; symbol: string; decimals: number; priceUsd: number }[];
  usdt: { address: Address; symbol: string; decimals: number };
}

/** The distinct assets of a term list (lower case), in the order they first appear. */
export function termTokens(terms: readonly { asset: Address }[]): Address[] {
  return [...new Set(terms.map((t) => t.asset.toLowerCase() as Address))];
}

/**
 * Terms with their asset (reward coin, USDT, or an unknown token shown as "?"), capacity left and limits,
 * assets grouped in term order, and the owner's positions newest first.
 */
export function buildTermDeposits(read: TermDepositsRead, meta: DepositAssetMeta): TermDepositsState {
  const assetOf = new Map<string, DepositAsset>(
    read.tokens.map((token, i) => {
      const coin = meta.coins.find((c) => c.token.toLowerCase() === token);
      const known = coin
        ? { token: coin.token, symbol: coin.symbol, decimals: coin.decimals, priceUsd: coin.priceUsd, coin: coin.id }
        : token === meta.usdt.address.toLowerCase()
          ? { token: meta.usdt.address, symbol: meta.usdt.symbol, decimals: meta.usdt.decimals, priceUsd: 1 }
          : { token, symbol: '?', decimals: 18, priceUsd: 0 };
      return [token, { ...known, freeReserve: read.freeReserve[i] }];
    }),
  );
  const terms: DepositTerm[] = read.terms.map((t, i) => ({
    id: i,
    asset: assetOf.get(t.asset.toLowerCase())!,
    durationDays: t.durationDays,
    aprBps: t.aprBps,
    capacity: t.capacity,
    deposited: t.deposited,
    capacityLeft: t.capacity > t.deposited ? t.capacity - t.deposited : 0n,
    active: t.active,
    maxDeposit: read.maxDeposit[i],
  }));
  const assets = read.tokens.map((token) => ({ asset: assetOf.get(token)!, terms: terms.filter((t) => t.asset.token.toLowerCase() === token) }));
  const positions = read.positions
    .map((pos, i) => ({
      id: read.positionIds[i],
      term: terms[pos.termId],
      principal: pos.principal,
      interest: pos.interest,
      start: pos.start,
      maturity: pos.maturity,
      closed: pos.closed,
    }))
    .reverse();
  return { terms, assets, positions };
}
