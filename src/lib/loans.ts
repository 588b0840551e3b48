// Pure loan maths for the pages: health-factor bands and text, the buffers approved for "repay all" and
// liquidation (interest keeps accruing between the read and the block), due-date options and the day a
// projected health factor first drops below 1. Contract figures stay bigints; only display turns to text.
import { formatUnits } from 'viem';
import { DAY_SECONDS, formatInteger, formatUsdt } from './format';
import { parseAmount, type Parsed } from './parse';

export const WAD = 10n ** 18n;
export const MAX_UINT = 2n ** 256n - 1n;
export const YEAR = 365n * BigInt(DAY_SECONDS);

export type HealthBand = 'none' | 'liquidatable' | 'risky' | 'careful' | 'safe';

/** No debt (max uint or undefined) is 'none'; below 1 liquidatable, 1–1.5 risky, 1.5–2 careful, 2+ safe. */
export function healthBand(hf: bigint | undefined): HealthBand {
  if (hf === undefined || hf === MAX_UINT) return 'none';
  if (hf < WAD) return 'liquidatable';
  if (hf < (WAD * 3n) / 2n) return 'risky';
  if (hf < 2n * WAD) return 'careful';
  return 'safe';
}

export const BAND_TEXT: Record<HealthBand, string> = {
  none: 'no debt',
  liquidatable: 'liquidatable',
  risky: 'risky',
  careful: 'careful',
  safe: 'safe',
};

/**
 * A health factor (1e18 scale) as text: two decimals rounded down (so 0.999 never reads "1.00"),
 * "∞" without debt (max uint), "—" when unknown, ">999" for very safe loans.
 */
export function formatHealthFactor(hf: bigint | undefined, noDebt = '∞'): string {
  if (hf === undefined) return '—';
  if (hf === MAX_UINT) return noDebt;
  if (hf >= 1000n * WAD) return '>999';
  const cents = (hf * 100n) / WAD;
  const int = cents / 100n;
  const frac = String(cents % 100n).padStart(2, '0');
  return `${formatInteger(int)}.${frac}`;
}

/** Interest on `debt` over `seconds` at `rate` (per year, 1e18 = 100%), rounded up. */
export function interestFor(debt: bigint, rate: bigint, seconds: number): bigint {
  if (debt <= 0n || rate <= 0n || seconds <= 0) return 0n;
  const num = debt * rate * BigInt(seconds);
  const den = WAD * YEAR;
  return (num + den - 1n) / den;
}

/**
 * What to approve so that a "repay all" or a liquidation still covers the debt when the transaction lands
 * a little later: the debt now plus `seconds` (default one hour) of interest at the current rate, plus one
 * unit for rounding. Only the debt at that block is taken; the rest of the allowance stays unused.
 */
export function debtWithBuffer(debt: bigint, rate: bigint, seconds = 3600): bigint {
  return debt + interestFor(debt, rate, seconds) + 1n;
}

/** Due-date choices in whole days, up to the longest the collateral allows (`maxDurationSec`). */
export function durationOptions(maxDurationSec: number): number[] {
  const maxDays = Math.floor(maxDurationSec / DAY_SECONDS);
  if (maxDays < 1) return [];
  const presets = [1, 7, 14, 30, 60, 90, 180, 365].filter((d) => d < maxDays);
  return [...presets, maxDays];
}

/** The chosen duration if still allowed, else the longest allowed at most 30 days (the default). */
export function pickDuration(current: number | undefined, options: number[]): number | undefined {
  if (options.length === 0) return undefined;
  if (current !== undefined && options.includes(current)) return current;
  const upTo30 = options.filter((d) => d <= 30);
  return upTo30.length ? upTo30[upTo30.length - 1] : options[0];
}

/** Timestamps from `from` to `to` (inclusive of `to`), at most `count` of them, evenly spaced. */
export function samplePoints(from: number, to: number, count = 24): number[] {
  if (to <= from) return [to];
  const n = Math.max(1, count);
  const step = (to - from) / n;
  return Array.from({ length: n }, (_, i) => Math.round(from + step * (i + 1)));
}

/** The first sampled time at which the projected health factor is below 1, or undefined if it never is. */
export function firstBelowOne(points: readonly { at: number; hf: bigint }[]): number | undefined {
  return points.find((p) => p.hf < WAD)?.at;
}

/** An 8-decimal oracle answer as dollars (number, display only). */
export function feedToUsd(price: bigint, decimals = 8): number {
  return Number(formatUnits(price, decimals));
}

/** Basis points as a percentage string: 5000 -> "50%". */
export function bpsText(bps: number | bigint): string {
  const n = Number(bps) / 100;
  return `${Number.isInteger(n) ? n : n.toFixed(2)}%`;
}

/** A per-year 1e18-scaled rate as a fraction (0.0215 = 2.15%). */
export function rateToFraction(rate: bigint): number {
  return Number(rate) / 1e18;
}

/** APY from a per-year simple rate, compounded daily (what a lender earns if it stays put). */
export function aprToApy(apr: number): number {
  return Math.pow(1 + apr / 365, 365) - 1;
}

/** A vault withdrawal, refused in words above the position's value or above the cash the vault holds now. */
export function parseWithdrawal(text: string, position: { value: bigint; maxWithdraw: bigint } | undefined, idleCash: bigint): Parsed<bigint> {
  const parsed = parseAmount(text, { decimals: 6, symbol: 'USDT' });
  if (!parsed.ok || !position) return parsed;
  if (parsed.value > position.value) return { ok: false, error: `Your position is worth ${formatUsdt(position.value)}; you cannot withdraw more.` };
  if (parsed.value > position.maxWithdraw) {
    return {
      ok: false,
      error: `Only ${formatUsdt(idleCash)} is idle right now; the rest is lent out. You can withdraw up to ${formatUsdt(position.maxWithdraw)} now, and more as loans are repaid.`,
    };
  }
  return parsed;
}

/** A borrow amount: the usual amount rules, then the collateral's max borrow, then the vault's idle cash. */
export function parseBorrow(text: string, maxBorrow: bigint | undefined, idleCash: bigint | undefined): Parsed<bigint> {
  const parsed = parseAmount(text, { decimals: 6, symbol: 'USDT' });
  if (!parsed.ok) return parsed;
  if (maxBorrow !== undefined && parsed.value > maxBorrow) {
    return { ok: false, error: `This collateral allows at most ${formatUsdt(maxBorrow)} (its max loan-to-value). Borrow less or pledge more NFTs.` };
  }
  if (idleCash !== undefined && parsed.value > idleCash) {
    return { ok: false, error: `The vault has only ${formatUsdt(idleCash)} idle right now; the rest is lent out.` };
  }
  return parsed;
}

/** A repayment: the usual amount rules, at most the debt (use "Repay all" for the whole debt) and the balance. */
export function parseRepay(text: string, debt: bigint, balance: bigint | undefined): Parsed<bigint> {
  const parsed = parseAmount(text, { decimals: 6, symbol: 'USDT' });
  if (!parsed.ok) return parsed;
  if (parsed.value >= debt) return { ok: false, error: `That covers the whole debt (${formatUsdt(debt)}): use "Repay all", which also covers the interest until it lands.` };
  if (balance !== undefined && parsed.value > balance) return { ok: false, error: `Your balance is ${formatUsdt(balance)}.` };
  return parsed;
}

/** Health factor after repaying `amount` of `debt` against collateral worth `liquidationValue` (value x threshold). */
export function healthAfterRepay(liquidationValue: bigint, debt: bigint, amount: bigint): bigint {
  const left = debt > amount ? debt - amount : 0n;
  return left === 0n ? MAX_UINT : (liquidationValue * WAD) / left;
}

/** The debt `seconds` after it was read, at `rate` (simple interest, as the pool accrues between interactions). */
export function liveDebt(debt: bigint, rate: bigint, seconds: number): bigint {
  return debt + interestFor(debt, rate, seconds);
}

/** A health factor (1e18) as a short number for sentences: "1.10". */
function hfText(hf: bigint): string {
  const cents = (hf * 100n) / WAD;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

/**
 * Borrowing more on an open loan: the usual amount rules, then the loan's own room under its max LTV, then
 * the largest amount that keeps the projected health at the due date at `minHf` or above, then the vault's cash.
 */
export function parseBorrowMore(text: string, o: { borrowable: bigint; safeMax: bigint; minHf: bigint; dueText: string; idleCash?: bigint }): Parsed<bigint> {
  const parsed = parseAmount(text, { decimals: 6, symbol: 'USDT' });
  if (!parsed.ok) return parsed;
  if (parsed.value > o.borrowable) return { ok: false, error: `This loan allows at most ${formatUsdt(o.borrowable)} more (its max loan-to-value). Add collateral first to borrow more.` };
  if (parsed.value > o.safeMax) {
    return { ok: false, error: `More than ${formatUsdt(o.safeMax)} would leave the health factor below ${hfText(o.minHf)} at the due date (${o.dueText}) at today's price. Borrow less or add collateral.` };
  }
  if (o.idleCash !== undefined && parsed.value > o.idleCash) return { ok: false, error: `The vault has only ${formatUsdt(o.idleCash)} idle right now; the rest is lent out.` };
  return parsed;
}

/**
 * A new due date for an open loan, in whole days from now: later than the current due date, within the
 * collateral's term, and no later than the longest safe due date (`safeDays`) at which the projected health
 * stays at `minHf` or above.
 */
export function checkExtension(days: number | undefined, o: { currentDays: number; maxDays: number; safeDays: number; minHf: bigint; debtText: string }): Parsed<number> {
  if (days === undefined || !Number.isFinite(days)) return { ok: false, error: 'Choose a new due date.' };
  if (!Number.isInteger(days) || days <= 0) return { ok: false, error: 'The new due date must be a whole number of days from now.' };
  if (days <= o.currentDays) return { ok: false, error: `The loan is already due in ${o.currentDays} days or less: choose a later date.` };
  if (days > o.maxDays) return { ok: false, error: `The collateral's term allows at most ${o.maxDays} days from now.` };
  if (days > o.safeDays) {
    return {
      ok: false,
      error: o.safeDays <= o.currentDays
        ? `Any later due date would leave the health factor below ${hfText(o.minHf)} by then at today's price (the collateral loses a day of value every day). Repay part of the ${o.debtText} debt or add collateral first.`
        : `Extending past ${o.safeDays} days would leave the health factor below ${hfText(o.minHf)} at the due date at today's price. Choose ${o.safeDays} days or fewer, or repay part first.`,
    };
  }
  return { ok: true, value: days };
}

/** An auction bid: the usual amount rules, at least the minimum next bid, at most the wallet's balance. */
export function parseBid(text: string, minBid: bigint, balance: bigint | undefined): Parsed<bigint> {
  const parsed = parseAmount(text, { decimals: 6, symbol: 'USDT' });
  if (!parsed.ok) return parsed;
  if (parsed.value < minBid) return { ok: false, error: `The minimum next bid is ${formatUsdt(minBid)}; a lower bid would be refused.` };
  if (balance !== undefined && parsed.value > balance) return { ok: false, error: `Your balance is ${formatUsdt(balance)}.` };
  return parsed;
}

/** The projection rule's minimum health at the due date until the pool's own `minDueHealthBps` is read (its deploy default, 1.05). */
export const DEFAULT_MIN_DUE_HEALTH = (WAD * 105n) / 100n;
