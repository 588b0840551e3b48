// Loans anyone may liquidate, with what the liquidator pays (the debt) and receives (every pledged NFT).
import type { Address } from 'viem';
import { useAccount } from 'wagmi';
import { ActionButton } from '../ActionButton';
import { HealthFactor } from '../HealthFactor';
import { Card, EmptyState, LoadingCards, Stat } from '../ui';
import { useLoanActions } from '../../hooks/useLoanActions';
import type { LoanView, LoansState } from '../../hooks/useLoans';
import type { CoinState } from '../../lib/protocol';
import type { TokenAccount } from '../../hooks/useTokenAccount';
import { formatUsdt, plural, shortAddress } from '../../lib/format';
import { WAD, debtWithBuffer, liveDebt } from '../../lib/loans';
import { stepText } from './stepText';
import { Collateral } from './Collateral';

export function Liquidatable({ loans, coins, now, me, token }: { loans?: LoansState; coins?: CoinState[]; now?: number; me?: Address; token?: TokenAccount }) {
  const list = loans?.open.filter((l) => l.liquidatable) ?? [];
  return (
    <section aria-labelledby="liquidatable-title">
      <h2 id="liquidatable-title" className="text-xl font-semibold text-white">Loans that can be liquidated</h2>
      <p className="mb-3 mt-1 max-w-3xl text-sm text-slate-400">
        A loan below health factor 1, or past its due date plus grace, can be closed by anyone: you pay its whole debt to the vault and receive every pledged NFT. There is no separate bonus; your margin is the collateral's value above the debt.
      </p>
      {!loans || !coins || now === undefined ? (
        <LoadingCards count={1} label="Loading loans" />
      ) : list.length === 0 ? (
        <EmptyState title="No loan can be liquidated right now">{plural(loans.open.length, 'open loan')}, all healthy and within their term.</EmptyState>
      ) : (
        <ul className="grid gap-4 xl:grid-cols-2" aria-label="Liquidatable loans">
          {list.map((l) => (
            <li key={String(l.id)}>
              <LiquidationCard l={l} coins={coins} now={now} rate={loans.borrowRate} readAt={loans.readAt} token={token} me={me} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LiquidationCard({ l, coins, now, rate, readAt, token, me }: { l: LoanView; coins: CoinState[]; now: number; rate: bigint; readAt: number; token?: TokenAccount; me?: Address }) {
  const { isConnected } = useAccount();
  const actions = useLoanActions();
  const debt = liveDebt(l.debt, rate, Math.max(0, now - readAt));
  const needed = debtWithBuffer(debt, rate, 300);
  const gross = l.collateral.reduce((s, a) => s + a.grossValue, 0n);
  const why = l.healthFactor < WAD ? 'health factor below 1' : 'past its due date and grace period';
  const own = me !== undefined && me.toLowerCase() === l.borrower.toLowerCase();
  return (
    <Card className="space-y-3" data-testid={`liquidatable-${l.id}`} aria-labelledby={`liq-${l.id}-title`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={`liq-${l.id}-title`} className="text-lg font-semibold text-white">Loan {String(l.id)}</h3>
          <p className="text-xs text-slate-400">borrower {shortAddress(l.borrower)}{own ? ' (you)' : ''} · {why}</p>
        </div>
        <HealthFactor value={l.healthFactor} showBand testId={`liquidatable-${l.id}-hf`} />
      </div>
      <dl className="grid grid-cols-2 gap-3">
        <Stat label="You pay (the debt)" value={formatUsdt(debt)} sub="grows every second" testId={`liquidatable-${l.id}-debt`} />
        <Stat label="You receive" value={formatUsdt(l.collateralValue)} sub={`appraisal of ${plural(l.collateral.length, 'NFT')}; ${formatUsdt(gross)} before haircut`} testId={`liquidatable-${l.id}-value`} />
      </dl>
      <Collateral l={{ ...l, unclaimed: l.collateral.map(() => 0n) }} coins={coins} now={now} />
      <p className="text-xs text-slate-400">
        Starts the liquidation auction with a first bid of the debt plus five minutes of interest ({formatUsdt(needed)}, approved exactly); anything above the debt goes to the borrower if you win. The NFTs' unclaimed rewards go to the borrower first: they were earned during the loan. The appraisal is today's estimate from price and output, not a guaranteed resale price.
      </p>
      <ActionButton
        testId={`liquidatable-${l.id}-submit`}
        state={{
          connected: isConnected,
          loading: isConnected && !token,
          insufficient: token && token.balance < debt ? `Not enough USDT (${formatUsdt(debt)} needed)` : undefined,
          busy: stepText(actions.step),
          // the auction house takes the bid: `liquidate` approves exactly it, then starts the auction
          action: `Start auction of loan ${l.id}`,
        }}
        onAction={() => void actions.liquidate(l.id, needed)}
      />
    </Card>
  );
}
