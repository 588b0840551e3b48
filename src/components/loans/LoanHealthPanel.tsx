// A loan's health now and at its due date, the coin price that liquidates it now and at the due date, the
// second it becomes liquidatable at today's price, and, when it is near, what would restore it: repaying
// how much, or adding which of the wallet's NFTs (each with its before → after health). Also why a loan
// that looks liquidatable at the latest price cannot be liquidated yet (stale or unconfirmed price).
import { HealthFactor, HealthFactorChange } from '../HealthFactor';
import { Stat } from '../ui';
import type { LoanView, NftAppraisal } from '../../hooks/useLoans';
import type { OracleStatus } from '../../hooks/useOracleStatus';
import type { CoinState } from '../../lib/protocol';
import { formatDateTime, formatHashrate, formatStable, formatUsd, formatUsdt } from '../../lib/format';
import { MAX_UINT, WAD, feedToUsd, formatHealthFactor } from '../../lib/loans';
import {
  debtAt,
  firstBelowAt,
  healthAt,
  healthFactorOf,
  liquidationBlockedReason,
  liquidationPriceFor,
  liquidationValueAt,
  liquidationValueNow,
  repayToReachAt,
} from '../../lib/loanHealth';

/** Loans at or under this health now, or projected under 1 before the due date, show what would restore them. */
const NEAR = (WAD * 3n) / 2n;

export interface LoanHealthProps {
  l: LoanView;
  debt: bigint;
  rate: bigint;
  now: number;
  coins: CoinState[];
  minHf: bigint;
  /** the wallet's NFTs that could be pledged into the loan, with their appraisals */
  candidates?: NftAppraisal[];
  oracle?: OracleStatus[];
}

export function singleCoin(l: LoanView, coins: CoinState[]): CoinState | undefined {
  const ids = [...new Set(l.collateral.map((a) => a.coin))];
  return ids.length === 1 ? coins[ids[0]] : undefined;
}

export function LoanHealthPanel({ l, debt, rate, now, coins, minHf, candidates = [], oracle }: LoanHealthProps) {
  const items = l.collateral;
  const hfNow = healthFactorOf(liquidationValueNow(items), debt);
  const hfDue = healthAt(items, debt, rate, now, l.due);
  const coin = singleCoin(l, coins);
  const price = items[0]?.price ?? 0n;
  const liqNow = coin ? liquidationPriceFor(price, debt, liquidationValueNow(items)) : undefined;
  const liqDue = coin ? liquidationPriceFor(price, debtAt(debt, rate, now, Math.max(now, l.due)), liquidationValueAt(items, Math.max(now, l.due))) : undefined;
  // At today's price: the second it drops below 1, looked for until the grace ends (liquidatable anyway after).
  const below = firstBelowAt(items, debt, rate, now, l.liquidatableAfter);
  const near = hfNow < NEAR || (below !== undefined && below <= l.due);
  // Rounded up to the cent the page shows, so that repaying the amount as written is enough.
  const exact = repayToReachAt(items, debt, rate, now, Math.max(now, l.due), minHf);
  const repay = exact === 0n || exact >= debt ? exact : ((exact + 9_999n) / 10_000n) * 10_000n;
  const status = coin ? oracle?.[coin.id] : undefined;
  const latestHf = coin && status?.latest !== undefined && price > 0n ? (hfNow === MAX_UINT ? hfNow : (hfNow * status.latest) / price) : hfNow;
  const blocked =
    coin && status && !l.liquidatable
      ? liquidationBlockedReason({
          healthFactor: l.healthFactor,
          healthAtLatest: latestHf,
          symbol: coin.symbol,
          now,
          priceStale: l.priceStale,
          priceUpdatedAt: l.priceUpdatedAt,
          maxPriceAge: l.maxPriceAge,
          unconfirmed: status.unconfirmed,
          pastGrace: now > l.liquidatableAfter,
        })
      : undefined;
  const priceText = (p: bigint | undefined) => (p === undefined ? 'mixed coins' : p === MAX_UINT ? 'any price' : formatUsd(feedToUsd(p)));

  return (
    <div className="space-y-3" data-testid={`loan-${l.id}-health`}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Health now" value={<HealthFactor value={hfNow} showBand testId={`loan-${l.id}-hf-now`} />} />
        <Stat label="Health at due date" value={<HealthFactor value={hfDue} showBand testId={`loan-${l.id}-hf-due`} />} sub="at today's price and output" />
        <Stat
          label={coin ? `Liquidated if ${coin.symbol} <` : 'Liquidation price'}
          value={<span data-testid={`loan-${l.id}-liq`}>{priceText(liqNow)}</span>}
          sub={coin ? `now ${formatUsd(coin.priceUsd)} per ${coin.symbol}` : undefined}
        />
        <Stat label="…by the due date" value={<span data-testid={`loan-${l.id}-liq-due`}>{priceText(liqDue)}</span>} sub="the collateral has fewer days left then" />
      </dl>
      {blocked && (
        <p role="status" className="rounded-lg border border-amber-700/50 bg-amber-500/10 p-2 text-sm text-amber-100" data-testid={`loan-${l.id}-blocked`}>
          Looks liquidatable at the latest price, but cannot be liquidated yet. {blocked}
        </p>
      )}
      {near && !l.liquidatable && (
        <div role="group" aria-label={`How to restore loan ${l.id}`} className="space-y-2 rounded-xl border border-orange-700/50 bg-orange-500/10 p-3 text-sm text-orange-100" data-testid={`loan-${l.id}-restore`}>
          <p className="font-medium">
            {below !== undefined
              ? `At today's price and output this loan becomes liquidatable on ${formatDateTime(below)}${below > l.due ? ' (after its due date, during the grace period)' : ''}`
              : `At today's price and output this loan becomes liquidatable on ${formatDateTime(l.liquidatableAfter + 1)}, when its grace period ends, unless repaid`}
            {coin && liqNow !== undefined && liqNow !== MAX_UINT ? `, or at once if ${coin.symbol} falls below ${formatUsd(feedToUsd(liqNow))} (now ${formatUsd(coin.priceUsd)}).` : '.'}
          </p>
          <p>To keep the health at {formatHealthFactor(minHf)} or more until the due date:</p>
          <ul className="list-disc space-y-1 pl-5">
            {repay > 0n && repay < debt && (
              <li data-testid={`loan-${l.id}-restore-repay`}>
                repay {formatUsdt(repay)} ({formatStable(repay)}): health now <HealthFactorChange now={hfNow} after={healthFactorOf(liquidationValueNow(items), debt - repay)} />
              </li>
            )}
            {repay >= debt && <li>repay the whole debt ({formatUsdt(debt)}): no smaller repayment keeps it safe until the due date.</li>}
            {candidates.map((c) => {
              const after = [...items, c];
              const dueAfter = healthAt(after, debt, rate, now, l.due);
              const cc = coins[c.coin];
              return (
                <li key={String(c.tokenId)} data-testid={`loan-${l.id}-restore-nft-${c.tokenId}`}>
                  add #{String(c.tokenId)} ({cc ? `${formatHashrate(c.hashrate, cc.unit)} ${cc.symbol}, ` : ''}{formatUsdt(c.value)}): health at due{' '}
                  <HealthFactorChange now={hfDue} after={dueAfter} />
                  {dueAfter < minHf && ' (not enough alone)'}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
