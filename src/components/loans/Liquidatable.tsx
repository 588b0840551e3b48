// Loans anyone may liquidate, with what the liquidator pays (the debt, or the collateral's appraisal when it
// is under water) and receives (every pledged NFT); the keeper's actions anyone may take on them (mark
// impaired, write off once the window has passed with no auction); and loans that look liquidatable at the
// latest price but cannot be acted on yet, each with the reason (stale price).
import type { Address } from 'viem';
import { useAccount } from 'wagmi';
import { ActionButton } from '../ActionButton';
import { HealthFactor } from '../HealthFactor';
import { Card, EmptyState, LoadingCards, Stat } from '../ui';
import { useUpkeepActions } from '../../hooks/useUpkeepActions';
import type { LoanView, LoansState } from '../../hooks/useLoans';
import type { OracleStatus } from '../../hooks/useOracleStatus';
import type { CoinState } from '../../lib/protocol';
import type { TokenAccount } from '../../hooks/useTokenAccount';
import { formatDateTime, formatUsdt, plural, shortAddress } from '../../lib/format';
import { WAD, debtWithBuffer, liveDebt } from '../../lib/loans';
import { liquidationBlockedReason } from '../../lib/loanHealth';
import { stepText } from './stepText';
import { Collateral } from './Collateral';

/** Why the pool cannot act on a loan that looks liquidatable at the feed's latest answer; undefined if it can or it does not look so. */
export function blockedReason(l: LoanView, coins: CoinState[], now: number, oracle?: OracleStatus[]): string | undefined {
  if (l.liquidatable || !l.priceStale) return undefined;
  for (const c of new Set(l.collateral.map((a) => a.coin))) {
    const coin = coins[c];
    const status = oracle?.[c];
    if (!coin || !status) continue;
    const why = liquidationBlockedReason({
      healthFactor: l.healthFactor,
      healthAtLatest: l.healthFactor,
      symbol: coin.symbol,
      now,
      priceStale: l.priceStale,
      priceUpdatedAt: l.priceUpdatedAt,
      maxPriceAge: l.maxPriceAge,
      unconfirmed: status.unconfirmed,
      pastGrace: now > l.liquidatableAfter,
    });
    if (why) return why;
  }
  return undefined;
}

export function Liquidatable({ loans, coins, now, me, token, oracle }: { loans?: LoansState; coins?: CoinState[]; now?: number; me?: Address; token?: TokenAccount; oracle?: OracleStatus[] }) {
  const list = loans?.open.filter((l) => l.liquidatable) ?? [];
  const waiting = coins && now !== undefined ? (loans?.open ?? []).flatMap((l) => {
    const why = blockedReason(l, coins, now, oracle);
    return why ? [{ l, why }] : [];
  }) : [];
  return (
    <section aria-labelledby="liquidatable-title">
      <h2 id="liquidatable-title" className="text-xl font-semibold text-white">Loans that can be liquidated</h2>
      <p className="mb-3 mt-1 max-w-3xl text-sm text-slate-400">
        A loan below health factor 1, or past its due date plus grace, goes to auction: anyone may start it with a first bid of the debt (or the collateral's appraisal when that is lower). The highest bid at the end takes every pledged NFT, the vault gets the debt and the borrower everything above it; until then the borrower may redeem.
      </p>
      {!loans || !coins || now === undefined ? (
        <LoadingCards count={1} label="Loading loans" />
      ) : list.length === 0 ? (
        waiting.length === 0 && <EmptyState title="No loan can be liquidated right now">{plural(loans.open.length, 'open loan')}, all healthy and within their term.</EmptyState>
      ) : (
        <ul className="grid gap-4 xl:grid-cols-2" aria-label="Liquidatable loans">
          {list.map((l) => (
            <li key={String(l.id)}>
              <LiquidationCard l={l} coins={coins} now={now} rate={loans.borrowRate} readAt={loans.readAt} token={token} me={me} />
            </li>
          ))}
        </ul>
      )}
      {waiting.length > 0 && (
        <ul className="mt-4 grid gap-4 xl:grid-cols-2" aria-label="Loans waiting for a fresh price">
          {waiting.map(({ l, why }) => (
            <li key={String(l.id)}>
              <Card className="space-y-2" data-testid={`liquidatable-${l.id}-blocked`} aria-labelledby={`liq-${l.id}-blocked-title`}>
                <h3 id={`liq-${l.id}-blocked-title`} className="text-lg font-semibold text-white">Loan {String(l.id)}: cannot be liquidated yet</h3>
                <p className="text-xs text-slate-400">borrower {shortAddress(l.borrower)}{me !== undefined && me.toLowerCase() === l.borrower.toLowerCase() ? ' (you)' : ''}</p>
                <div className="flex flex-wrap items-center gap-2 text-sm text-slate-300">
                  Health at the latest price (estimate): <HealthFactor value={l.healthFactor} showBand testId={`liquidatable-${l.id}-blocked-hf`} />
                </div>
                <p role="status" className="rounded-lg border border-amber-700/50 bg-amber-500/10 p-2 text-sm text-amber-100">
                  Looks liquidatable at the latest price, but cannot be liquidated yet. {why}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LiquidationCard({ l, coins, now, rate, readAt, token, me }: { l: LoanView; coins: CoinState[]; now: number; rate: bigint; readAt: number; token?: TokenAccount; me?: Address }) {
  const { isConnected } = useAccount();
  const keeper = useUpkeepActions();
  const debt = liveDebt(l.debt, rate, Math.max(0, now - readAt));
  // Under water, the first bid may be the collateral's appraisal (min(debt, value)); the shortfall is written off.
  // The auction house takes at least one base unit (LoanAuctions.minFirstBid), also for NFTs appraised at 0.
  const underWater = l.collateralValue < debt;
  const needed = underWater ? (l.collateralValue > 0n ? l.collateralValue : 1n) : debtWithBuffer(debt, rate, 300);
  const gross = l.collateralValue === 0n ? 0n : l.collateral.reduce((s, a) => s + a.grossValue, 0n);
  const why = l.healthFactor < WAD ? 'health factor below 1' : 'past its due date and grace period';
  const own = me !== undefined && me.toLowerCase() === l.borrower.toLowerCase();
  const impaired = l.writeOffAt > 0;
  const canWriteOff = impaired && now >= l.writeOffAt;
  const busy = stepText(keeper.step);
  return (
    <Card className="space-y-3" data-testid={`liquidatable-${l.id}`} aria-labelledby={`liq-${l.id}-title`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={`liq-${l.id}-title`} className="text-lg font-semibold text-white">Loan {String(l.id)}</h3>
          <p className="text-xs text-slate-400">borrower {shortAddress(l.borrower)}{own ? ' (you)' : ''} · {why}{underWater ? ' · under water' : ''}</p>
        </div>
        <HealthFactor value={l.healthFactor} showBand testId={`liquidatable-${l.id}-hf`} />
      </div>
      <dl className="grid grid-cols-2 gap-3">
        <Stat
          label={underWater ? 'First bid (the appraisal)' : 'You pay (the debt)'}
          value={formatUsdt(underWater ? needed : debt)}
          sub={underWater ? `the debt is ${formatUsdt(debt)}: the ${formatUsdt(debt - needed)} short is bad debt` : 'grows every second'}
          testId={`liquidatable-${l.id}-debt`}
        />
        <Stat label="You receive" value={formatUsdt(l.collateralValue)} sub={`appraisal of ${plural(l.collateral.length, 'NFT')}; ${formatUsdt(gross)} before haircut`} testId={`liquidatable-${l.id}-value`} />
      </dl>
      <Collateral l={{ ...l, unclaimed: l.collateral.map(() => 0n) }} coins={coins} now={now} />
      <p className="text-xs text-slate-400">
        {underWater
          ? `Starts the liquidation auction with a first bid of the collateral's appraisal (${formatUsdt(needed)}, approved exactly): the NFTs are worth less than the debt, so the vault counts the loan at the bid from now on.`
          : `Starts the liquidation auction with a first bid of the debt plus five minutes of interest (${formatUsdt(needed)}, approved exactly); anything above the debt goes to the borrower if you win.`}{' '}
        The NFTs' unclaimed rewards go to the borrower first: they were earned during the loan. The appraisal is today's estimate from price and output, not a guaranteed resale price.
      </p>
      <ActionButton
        testId={`liquidatable-${l.id}-submit`}
        state={{
          connected: isConnected,
          loading: isConnected && !token,
          insufficient: token && token.balance < needed ? `Not enough USDT (${formatUsdt(needed)} needed)` : undefined,
          busy,
          // the auction house takes the bid: `startAuction` approves exactly it if the allowance is short, then starts the auction
          action: `Start auction of loan ${l.id}`,
        }}
        onAction={() => void keeper.startAuction(l.id, needed)}
      />
      <div className="space-y-2 border-t border-slate-800 pt-3" role="group" aria-label={`Bad debt of loan ${l.id}`} data-testid={`liquidatable-${l.id}-bad-debt`}>
        {!impaired && (
          <>
            <p className="text-sm text-slate-300">
              Anyone may mark it impaired: the vault then counts it at {formatUsdt(underWater ? l.collateralValue : debt)} (the lower of debt and appraisal) and stops counting its interest, so the share price shows the realistic recovery at once. If nobody starts an auction within the window, anyone may then write it off.
            </p>
            <ActionButton testId={`liquidatable-${l.id}-impair`} state={{ connected: isConnected, loading: false, busy, action: `Mark loan ${l.id} impaired` }} onAction={() => void keeper.impair(l.id)} />
          </>
        )}
        {impaired && !canWriteOff && (
          <p className="text-sm text-slate-300" data-testid={`liquidatable-${l.id}-impaired`}>
            Impaired since {formatDateTime(l.impairedAt)}: the vault counts it at {formatUsdt(l.bookValue)}, no interest. If no auction starts, anyone may write it off from {formatDateTime(l.writeOffAt)}.
          </p>
        )}
        {canWriteOff && (
          <>
            <p className="text-sm text-slate-300" data-testid={`liquidatable-${l.id}-write-off-note`}>
              No auction started since it was impaired on {formatDateTime(l.impairedAt)}: anyone may write it off now. The {formatUsdt(debt)} debt is recorded as bad debt, the NFTs go to the treasury (their rewards of the pledged days stay the borrower&apos;s), and the {formatUsdt(l.bookValue)} the vault still counts leaves its assets in the same transaction, for lenders who stay and lenders who leave alike.
            </p>
            <ActionButton testId={`liquidatable-${l.id}-write-off`} state={{ connected: isConnected, loading: false, busy, action: `Write off loan ${l.id}` }} onAction={() => void keeper.writeOff(l.id)} />
          </>
        )}
      </div>
    </Card>
  );
}
