// The loan before signing: health factor, the coin price that would liquidate it, the health at the due
// date and, if the projection drops below 1 before then, when.
import { HealthFactor, HealthFactorChange } from '../HealthFactor';
import type { AppraisalPreview } from '../../hooks/useAppraisal';
import type { CoinState } from '../../lib/protocol';
import { DAY_SECONDS, formatDate, formatStable, formatUsd, formatUsdt, plural } from '../../lib/format';
import { largestSafeDebt, longestSafeDays } from '../../lib/loanHealth';
import { MAX_UINT, feedToUsd, firstBelowOne, formatHealthFactor } from '../../lib/loans';

export function BorrowPreview({ p, coins, amountOk, days, now, debt, minHf }: { p: AppraisalPreview; coins: CoinState[]; amountOk: boolean; days?: number; now: number; debt: bigint; minHf: bigint }) {
  const maxDays = Math.floor(p.maxDuration / DAY_SECONDS);
  const longest = debt > 0n ? longestSafeDays(p.appraisals, debt, p.borrowRate, now, maxDays, minHf) : undefined;
  const longestForMax = longestSafeDays(p.appraisals, p.maxBorrow, p.borrowRate, now, maxDays, minHf);
  const safeForDays = days !== undefined ? largestSafeDebt(p.appraisals, p.borrowRate, now, days * DAY_SECONDS, minHf, p.maxBorrow) : undefined;
  const hasDebt = amountOk && p.healthFactor !== MAX_UINT;
  const atDue = p.projection.at(-1)?.hf;
  const below = firstBelowOne(p.projection);
  const coinIds = [...new Set(p.appraisals.map((a) => a.coin))];
  const coin = coinIds.length === 1 ? coins[coinIds[0]] : undefined;
  return (
    <div role="group" className="space-y-2 rounded-xl border border-slate-800 p-3 text-sm" aria-label="Loan preview">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-slate-400">Health factor</span>
        <HealthFactorChange now={undefined} after={hasDebt ? p.healthFactor : undefined} testId="borrow-hf" />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-slate-400">Liquidated if {coin ? `${coin.symbol} falls below` : 'prices fall'}</span>
        <span className="tabular font-semibold" data-testid="borrow-liq-price">
          {!hasDebt ? '—' : coin === undefined ? 'mixed coins: no single price' : p.liquidationPrice === MAX_UINT ? 'any price (no output history)' : `${formatUsd(feedToUsd(p.liquidationPrice))} (now ${formatUsd(coin.priceUsd)})`}
        </span>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-slate-400">Health at the due date{days !== undefined ? ` (${formatDate(now + days * DAY_SECONDS)})` : ''}</span>
        {hasDebt && atDue !== undefined ? <HealthFactor value={atDue} showBand testId="borrow-hf-due" /> : <span>—</span>}
      </div>
      {hasDebt && below !== undefined && (
        <p role="alert" className="rounded-lg bg-rose-500/10 p-2 text-rose-200" data-testid="borrow-due-warning">
          At today's price and output this loan falls below health 1 around {formatDate(below)}, before it is due: the collateral has fewer days left to earn every day. Borrow less, choose a shorter duration, or plan to repay early.
        </p>
      )}
      <ul className="space-y-1 border-t border-slate-800 pt-2 text-slate-300" aria-label="Safe due dates and amounts">
        {hasDebt && longest !== undefined && (
          <li data-testid="borrow-longest-safe">
            Longest safe due date for {formatUsdt(debt)}: {longest === 0 ? 'none (even one day leaves the health below ' + formatHealthFactor(minHf) + ')' : `${plural(longest, 'day')}, ${formatDate(now + longest * DAY_SECONDS)}`}
          </li>
        )}
        {safeForDays !== undefined && days !== undefined && (
          <li data-testid="borrow-safe-amount">Largest safe amount for {plural(days, 'day')}: {formatUsdt(safeForDays)} ({formatStable(safeForDays)})</li>
        )}
        <li data-testid="borrow-max-due">
          The largest amount, {formatUsdt(p.maxBorrow)}: {longestForMax === 0 ? 'not safe for any due date; borrow less' : `safe for due dates up to ${plural(longestForMax, 'day')} (${formatDate(now + longestForMax * DAY_SECONDS)}); choose a due date no later than that`}
        </li>
      </ul>
      <p className="text-xs text-slate-400">Projection: price and output as today, interest at today's rate. The pool refuses a loan whose health at the due date would be below {formatHealthFactor(minHf)}.</p>
    </div>
  );
}
