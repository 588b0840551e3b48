// Pure projection of a loan's health over time, as the LoanPool computes it: each pledged NFT is worth its
// whole days left × hashrate × average output × price (less the haircut, times the liquidation threshold),
// so its liquidation value falls by one day's worth at every day boundary before its term end, while the
// debt grows by simple interest at the current rate. At a constant price and output the health factor only
// falls with time, which lets every search below be a bisection. Figures stay bigints (USDT base units,
// health factors and rates at 1e18); only the display turns them into text.
import { DAY_SECONDS } from './format';
import { MAX_UINT, WAD, YEAR, interestFor } from './loans';

/** What the projection needs of one pledged NFT: its liquidation value now and the days it counts. */
export interface PledgedValue {
  /** value after haircut × liquidation threshold, USDT base units, at `now` */
  liquidationValue: bigint;
  /** whole days left at `now` (the appraisal's remainingDays) */
  remainingDays: bigint;
  /** unix seconds */
  termEnd: bigint | number;
}

const DAY = BigInt(DAY_SECONDS);

/** Whole days an NFT whose term ends at `termEnd` still counts at time `at`. */
export function daysLeftAt(termEnd: bigint | number, at: number): bigint {
  const end = BigInt(termEnd);
  const t = BigInt(at);
  return end > t ? (end - t) / DAY : 0n;
}

/** The collateral's liquidation value at a later time `at`, price and output as today. */
export function liquidationValueAt(items: readonly PledgedValue[], at: number): bigint {
  return items.reduce((sum, a) => (a.remainingDays === 0n ? sum : sum + (a.liquidationValue * daysLeftAt(a.termEnd, at)) / a.remainingDays), 0n);
}

/** Liquidation value now (the sum of the appraisals). */
export function liquidationValueNow(items: readonly PledgedValue[]): bigint {
  return items.reduce((s, a) => s + a.liquidationValue, 0n);
}

/** Liquidation value × 1e18 / debt; max uint without debt. */
export function healthFactorOf(liquidationValue: bigint, debt: bigint): bigint {
  return debt <= 0n ? MAX_UINT : (liquidationValue * WAD) / debt;
}

/** The debt `at` (>= now), with simple interest at `rate` from `now`. */
export function debtAt(debt: bigint, rate: bigint, now: number, at: number): bigint {
  return debt + interestFor(debt, rate, Math.max(0, at - now));
}

/** The projected health factor at `at`: price and output as today, interest at today's rate. */
export function healthAt(items: readonly PledgedValue[], debt: bigint, rate: bigint, now: number, at: number): bigint {
  return healthFactorOf(liquidationValueAt(items, Math.max(now, at)), debtAt(debt, rate, now, at));
}

/**
 * The first second in (now, until] at which the projected health factor is below `minHf` (1 by default:
 * the moment the loan becomes liquidatable at today's price), or undefined if it stays at or above it.
 * Returns `now` if it is below already.
 */
export function firstBelowAt(items: readonly PledgedValue[], debt: bigint, rate: bigint, now: number, until: number, minHf = WAD): number | undefined {
  if (debt <= 0n) return undefined;
  if (healthAt(items, debt, rate, now, now) < minHf) return now;
  if (until <= now || healthAt(items, debt, rate, now, until) >= minHf) return undefined;
  let lo = now; // healthy
  let hi = until; // below
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (healthAt(items, debt, rate, now, mid) < minHf) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The longest whole-day duration in [0, maxDays] whose due-date health stays at or above `minHf` (0: not even a day). */
export function longestSafeDays(items: readonly PledgedValue[], debt: bigint, rate: bigint, now: number, maxDays: number, minHf: bigint): number {
  const ok = (d: number) => healthAt(items, debt, rate, now, now + d * DAY_SECONDS) >= minHf;
  if (maxDays < 1 || !ok(1)) return 0;
  if (ok(maxDays)) return maxDays;
  let lo = 1;
  let hi = maxDays;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The largest debt today whose projected health at `now + seconds` is at least `minHf`, capped at `cap`
 * (the max-LTV limit). The closed form is checked against the projection and stepped down by units for rounding.
 */
export function largestSafeDebt(items: readonly PledgedValue[], rate: bigint, now: number, seconds: number, minHf: bigint, cap?: bigint): bigint {
  const at = now + Math.max(0, seconds);
  const value = liquidationValueAt(items, at);
  if (value === 0n || minHf <= 0n) return 0n;
  const growth = WAD * YEAR + rate * BigInt(Math.max(0, seconds));
  let debt = (value * WAD * WAD * YEAR) / (minHf * growth);
  if (cap !== undefined && debt > cap) debt = cap;
  for (let i = 0; i < 8 && debt > 0n && healthAt(items, debt, rate, now, at) < minHf; i++) debt -= 1n;
  return debt;
}

/**
 * The coin price (same scale as `price`) at which the health factor is exactly 1, given the collateral's
 * liquidation value `value` at the current `price` and the `debt`: value is proportional to price.
 * Max uint when nothing is pledged of value; 0 without debt. Rounded up, as the contract does.
 */
export function liquidationPriceFor(price: bigint, debt: bigint, value: bigint): bigint {
  if (debt <= 0n) return 0n;
  if (value <= 0n) return MAX_UINT;
  return (price * debt + value - 1n) / value;
}

/** What to repay now so the health factor reaches `target` now: 0 if it already does; the whole debt if nothing less will. */
export function repayToReach(liquidationValue: bigint, debt: bigint, target: bigint): bigint {
  if (debt <= 0n) return 0n;
  const allowed = (liquidationValue * WAD) / target;
  if (allowed >= debt) return 0n;
  return debt - allowed;
}

/**
 * What to repay now so the projected health at `at` is at least `target` (the value lost by then and the
 * interest until then both counted). 0 if it already is.
 */
export function repayToReachAt(items: readonly PledgedValue[], debt: bigint, rate: bigint, now: number, at: number, target: bigint): bigint {
  if (debt <= 0n || healthAt(items, debt, rate, now, at) >= target) return 0n;
  const keep = largestSafeDebt(items, rate, now, at - now, target);
  return keep >= debt ? 0n : debt - keep;
}

/** A before → after pair of health factors (1e18 scale, max uint = no debt) now and at the due date. */
export interface HealthChange {
  now: bigint;
  atDue: bigint;
}

/** Health now and at `due` for a loan on `items` with `debt`. */
export function healthChange(items: readonly PledgedValue[], debt: bigint, rate: bigint, now: number, due: number): HealthChange {
  return { now: healthFactorOf(liquidationValueNow(items), debt), atDue: healthAt(items, debt, rate, now, due) };
}

/** A price's age in words: whole hours from an hour up, else whole minutes. */
export function priceAgeText(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s >= 3600) {
    const h = Math.floor(s / 3600);
    return `${h} ${h === 1 ? 'hour' : 'hours'}`;
  }
  const m = Math.floor(s / 60);
  return `${m} ${m === 1 ? 'minute' : 'minutes'}`;
}

/**
 * Why a loan that looks liquidatable cannot be liquidated yet, in words, or undefined when nothing stands in
 * the way (or it does not look liquidatable). The pool uses a price only when it is fresh: LoanLens reports
 * a stale one (`priceStale`, with the round's time and the feed's limit) and values the loan at the feed's
 * latest answer. After a jump larger than the feed's bound the pool values collateral at the higher of the
 * last two rounds until a second round confirms the move.
 */
export function liquidationBlockedReason(o: {
  /** the health factor the lens reports (1e18), at the latest answer when the price is stale */
  healthFactor: bigint;
  /** the health factor at the coin's latest answer (1e18) */
  healthAtLatest: bigint;
  symbol: string;
  now: number;
  /** the lens's staleness report: the refused round's time and the feed's limit (seconds) */
  priceStale: boolean;
  priceUpdatedAt: number;
  maxPriceAge: number;
  unconfirmed: boolean;
  /** past due + grace: liquidatable whatever the health */
  pastGrace: boolean;
}): string | undefined {
  const looks = o.healthAtLatest < WAD || o.healthFactor < WAD || o.pastGrace;
  if (!looks) return undefined;
  if (o.priceStale) {
    const limit = o.maxPriceAge > 0 ? ` (the limit is ${priceAgeText(o.maxPriceAge)})` : '';
    return `The ${o.symbol} price is ${priceAgeText(o.now - o.priceUpdatedAt)} old${limit}; liquidation, auction start and write-off are blocked until it is updated.`;
  }
  if (o.unconfirmed && o.healthFactor >= WAD && !o.pastGrace) {
    return `The latest ${o.symbol} price moved more than the feed's bound in one round. Until a second round confirms the move, the pool values the collateral at the higher of the last two prices, so one bad round liquidates nobody.`;
  }
  return undefined;
}
