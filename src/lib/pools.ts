// Joint mining pools: pure rules mirrored from MiningPools.sol, so the page can say before signing what a
// contribution will do (accepted, trimmed at the hard cap, refused and why), and what a member's share is.
import { formatToken } from './format';
import { parseAmount, type Parsed } from './parse';

export type PoolStatus = 'open' | 'succeeded' | 'failed' | 'finalized';

/** MiningPools.Status {Open, Succeeded, Failed, Finalized} in the contract's order. */
export const POOL_STATUSES: readonly PoolStatus[] = ['open', 'succeeded', 'failed', 'finalized'];

export function poolStatus(index: number): PoolStatus {
  return POOL_STATUSES[index] ?? 'failed';
}

export const POOL_STATUS_LABEL: Record<PoolStatus, string> = {
  open: 'Open',
  succeeded: 'Target reached',
  failed: 'Failed',
  finalized: 'Bought',
};

/** Pools the wallet put money into that are still collecting or waiting to buy: their deadline matters. */
export function poolsWithDeadline<T extends { status: PoolStatus; member?: { contribution: bigint } }>(pools: readonly T[]): T[] {
  return pools.filter((p) => (p.status === 'open' || p.status === 'succeeded') && (p.member?.contribution ?? 0n) > 0n);
}

/** What the pool knows that a contribution is checked against (USDT base units). */
export interface PoolLimits {
  raised: bigint;
  hardCap: bigint;
  minContribution: bigint;
  maxContribution: bigint;
}

/** The part of `amount` the pool would accept: trimmed to what is left under the hard cap. */
export function acceptedPart(limits: Pick<PoolLimits, 'raised' | 'hardCap'>, amount: bigint): bigint {
  const left = limits.hardCap > limits.raised ? limits.hardCap - limits.raised : 0n;
  return amount < left ? amount : left;
}

export interface ContributionCheck {
  /** what the member offers */
  offered: bigint;
  /** what the pool takes (offered trimmed to the hard cap) */
  accepted: bigint;
  trimmed: boolean;
}

/**
 * Parses a contribution and checks it the way the contract does: the minimum applies to what is offered
 * (plus what the member already put in), the maximum to what is accepted after trimming (plus what they
 * already put in), and only the accepted part has to be in the wallet.
 */
export function checkContribution(
  input: string,
  args: PoolLimits & { already: bigint; balance?: bigint; decimals: number; symbol: string },
): Parsed<ContributionCheck> {
  const { decimals, symbol, already } = args;
  const parsed = parseAmount(input, { decimals, symbol });
  if (!parsed.ok) return parsed;
  const offered = parsed.value;
  if (args.raised >= args.hardCap) return { ok: false, error: 'This pool has reached its hard cap: it takes no more contributions.' };
  if (already + offered < args.minContribution) {
    return {
      ok: false,
      error:
        already > 0n
          ? `Each member puts in at least ${formatToken(args.minContribution, decimals, symbol, 2)} in total; you have put in ${formatToken(already, decimals, symbol, 2)}, so add at least ${formatToken(args.minContribution - already, decimals, symbol, 2)}.`
          : `The minimum contribution is ${formatToken(args.minContribution, decimals, symbol, 2)}.`,
    };
  }
  const accepted = acceptedPart(args, offered);
  if (already + accepted > args.maxContribution) {
    const room = args.maxContribution > already ? args.maxContribution - already : 0n;
    return {
      ok: false,
      error:
        already > 0n
          ? room === 0n
            ? `Each member may put in at most ${formatToken(args.maxContribution, decimals, symbol, 2)}, and you already have.`
            : `Each member may put in at most ${formatToken(args.maxContribution, decimals, symbol, 2)}; you have put in ${formatToken(already, decimals, symbol, 2)}, so at most ${formatToken(room, decimals, symbol, 2)} more.`
          : `Each member may put in at most ${formatToken(args.maxContribution, decimals, symbol, 2)}.`,
    };
  }
  if (args.balance !== undefined && accepted > args.balance) {
    return {
      ok: false,
      error: `${accepted < offered ? 'The pool would take' : 'This needs'} ${formatToken(accepted, decimals, symbol, 2)} and your balance is ${formatToken(args.balance, decimals, symbol, 2)}.`,
    };
  }
  return { ok: true, value: { offered, accepted, trimmed: accepted < offered } };
}

/**
 * The amount to pass to contribute / contributeWithPermit: the accepted part when that alone meets the
 * minimum, so a permit or approval for exactly that amount is used up; else the offer itself (the contract
 * holds the minimum against the offer, and trims it to the same accepted part).
 */
export function amountToSend(check: ContributionCheck, already: bigint, minContribution: bigint): bigint {
  return already + check.accepted >= minContribution ? check.accepted : check.offered;
}

/** A member's share of a pool: contribution / raised, as a fraction (0 when nothing was raised). */
export function shareOf(contribution: bigint, raised: bigint): number {
  if (raised === 0n) return 0;
  return Number((contribution * 1_000_000_000n) / raised) / 1e9;
}

/**
 * A member's share once the pool buys: contribution / max(raised, target). The pool buys nothing below its
 * target and buys floor(raised / price) units above it, so a share counted on today's raised amount
 * overstates what a member of an unfinished pool will own (50% of 50 raised is at most 25% of a 100 target).
 */
export function shareAtTarget(contribution: bigint, raised: bigint, target: bigint): number {
  return shareOf(contribution, raised > target ? raised : target);
}

/** A member's part of the pool's daily output at target: floor(daily x contribution / max(raised, target)). */
export function incomeAtTarget(poolDaily: bigint, contribution: bigint, raised: bigint, target: bigint): bigint {
  return proRata(contribution, poolDaily, raised > target ? raised : target);
}

/** floor(contribution x amount / raised): a member's part of rewards or of the unspent USDT, as the contract computes it. */
export function proRata(contribution: bigint, amount: bigint, raised: bigint): bigint {
  return raised === 0n ? 0n : (contribution * amount) / raised;
}

/** Fraction of `part` over `whole`, clamped to [0, 1] for progress bars. */
export function progress(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  const f = Number((part * 10_000n) / whole) / 10_000;
  return Math.max(0, Math.min(1, f));
}
