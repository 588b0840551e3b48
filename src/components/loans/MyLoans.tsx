// The wallet's open loans: live debt, health, due date and grace, repay part or all, self-repay and rewards.
import { useState } from 'react';
import { useAccount } from 'wagmi';
import { ActionButton } from '../ActionButton';
import { AmountField } from '../AmountField';
import { Countdown } from '../Countdown';
import { HealthFactor, HealthFactorChange } from '../HealthFactor';
import { Badge, Card, EmptyState, LoadingCards, Stat, buttonClass } from '../ui';
import { useLoanActions } from '../../hooks/useLoanActions';
import type { CoinLoanParams, LoanView, LoansState, NftAppraisal } from '../../hooks/useLoans';
import type { OracleStatus } from '../../hooks/useOracleStatus';
import type { CoinState } from '../../lib/protocol';
import type { TokenAccount } from '../../hooks/useTokenAccount';
import { DAY_SECONDS, formatDate, formatDateTime, formatStable, formatUsdt, plural } from '../../lib/format';
import { bpsText, debtWithBuffer, healthAfterRepay, liveDebt, parseRepay } from '../../lib/loans';
import { stepText } from './stepText';
import { Collateral } from './Collateral';
import { LoanHealthPanel } from './LoanHealthPanel';
import { UpkeepDialog } from './UpkeepDialog';

export function MyLoans({ loans, coins, now, token, minHf, candidates, oracle, idleCash }: { loans?: LoansState; coins?: CoinState[]; now?: number; token?: TokenAccount; minHf: bigint; candidates?: NftAppraisal[]; oracle?: OracleStatus[]; idleCash?: bigint }) {
  return (
    <section aria-labelledby="my-loans-title">
      <h2 id="my-loans-title" className="mb-3 text-xl font-semibold text-white">My loans</h2>
      {!loans || !coins || now === undefined ? (
        <LoadingCards count={1} label="Loading your loans" />
      ) : loans.mine.length === 0 ? (
        <EmptyState title="No open loans">Pledge an NFT above to borrow USDT against it.</EmptyState>
      ) : (
        <ul className="grid gap-4 xl:grid-cols-2" aria-label="My loans">
          {loans.mine.map((l) => (
            <li key={String(l.id)}>
              <MyLoanCard l={l} coins={coins} now={now} rate={loans.borrowRate} readAt={loans.readAt} token={token} minHf={minHf} candidates={candidates} oracle={oracle} idleCash={idleCash} params={loans.params} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MyLoanCard({ l, coins, now, rate, readAt, token, minHf, candidates, oracle, idleCash, params }: { l: LoanView; coins: CoinState[]; now: number; rate: bigint; readAt: number; token?: TokenAccount; minHf: bigint; candidates?: NftAppraisal[]; oracle?: OracleStatus[]; idleCash?: bigint; params: CoinLoanParams[] }) {
  const { isConnected } = useAccount();
  const actions = useLoanActions();
  const [upkeep, setUpkeep] = useState(false);
  const [text, setText] = useState('');
  const debt = liveDebt(l.debt, rate, Math.max(0, now - readAt));
  const liqValue = l.collateral.reduce((s, a) => s + a.liquidationValue, 0n);
  const parsed = parseRepay(text, debt, token?.balance);
  const amount = parsed.ok ? parsed.value : 0n;
  const after = parsed.ok ? healthAfterRepay(liqValue, debt, amount) : undefined;
  // Approve an hour of interest above the debt; ask again only once less than five minutes of it is left.
  const allApproval = debtWithBuffer(debt, rate, 3600);
  const allNeeded = debtWithBuffer(debt, rate, 300);
  const rewardsWaiting = l.unclaimed.some((u) => u > 0n);
  const overdue = now > l.due;
  const grace = Math.round((l.liquidatableAfter - l.due) / DAY_SECONDS);
  const busy = stepText(actions.step);
  const hfNowTone = l.liquidatable ? 'rose' : 'slate';

  return (
    <Card className="space-y-4" data-testid={`loan-${l.id}`} aria-labelledby={`loan-${l.id}-title`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={`loan-${l.id}-title`} className="text-lg font-semibold text-white">Loan {String(l.id)}</h3>
          <p className="text-xs text-slate-400">opened {formatDate(l.openedAt)}</p>
        </div>
        <div className="text-right">
          <span className="block text-xs text-slate-400">Health factor</span>
          <HealthFactor value={l.healthFactor} showBand testId={`loan-${l.id}-hf`} className="text-lg" />
        </div>
      </div>
      {l.liquidatable && <Badge tone={hfNowTone}>Liquidatable now: anyone may repay it and take the NFTs</Badge>}
      <LoanHealthPanel l={l} debt={debt} rate={rate} now={now} coins={coins} minHf={minHf} candidates={candidates} oracle={oracle} />
      <dl className="grid grid-cols-2 gap-3">
        <Stat label="Debt (live)" value={formatUsdt(debt)} sub={`${formatStable(debt)} · ${formatUsdt(l.principal)} principal + interest`} testId={`loan-${l.id}-debt`} />
        <Stat
          label={overdue ? 'Overdue since' : 'Due'}
          value={formatDate(l.due)}
          sub={overdue ? <Countdown to={l.liquidatableAfter} now={now} prefix={now > l.liquidatableAfter ? 'Grace over' : 'Grace ends in'} /> : <Countdown to={l.due} now={now} prefix="in" />}
          testId={`loan-${l.id}-due`}
        />
      </dl>
      <p className="text-xs text-slate-400">
        Grace {plural(grace, 'day')}: after {formatDateTime(l.liquidatableAfter)} anyone may take the NFTs by repaying the debt, whatever their health.
      </p>
      {l.terms.length > 0 && (
        <p className="text-xs text-slate-400" data-testid={`loan-${l.id}-terms`}>
          Terms fixed when it opened: {l.terms.map((t) => `${coins[t.coin]?.symbol ?? `coin ${t.coin}`} max LTV ${bpsText(t.maxLtvBps)} · haircut ${bpsText(t.haircutBps)}`).join('; ')}. A later change by the DAO applies to new loans only.
        </p>
      )}
      <Collateral l={l} coins={coins} now={now} />
      <button type="button" className={`${buttonClass.secondary} w-full`} onClick={() => setUpkeep(true)} data-testid={`loan-${l.id}-manage`}>
        Manage: add or withdraw collateral, borrow more, extend, refinance
      </button>
      {upkeep && (
        <UpkeepDialog
          open
          onClose={() => setUpkeep(false)}
          l={l}
          debt={debt}
          rate={rate}
          now={now}
          coins={coins}
          minHf={minHf}
          candidates={candidates ?? []}
          token={token}
          idleCash={idleCash}
          params={params}
        />
      )}

      <div className="space-y-2 border-t border-slate-800 pt-3">
        <AmountField id={`repay-${l.id}`} label="Repay amount (USDT)" value={text} onChange={setText} parsed={parsed} />
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span className="text-slate-400">Health factor after</span>
          <HealthFactorChange now={l.healthFactor} after={after} testId={`loan-${l.id}-hf-after`} />
        </div>
        <p className="text-xs text-slate-400">Repayments pay interest first, then principal. Approves exactly this amount.</p>
        <ActionButton
          testId={`loan-${l.id}-repay`}
          state={{
            connected: isConnected,
            loading: !token,
            emptyInput: text.trim() === '' ? 'Enter an amount to repay part' : undefined,
            inputError: parsed.ok ? undefined : parsed.error,
            busy,
            approval: parsed.ok && token && token.allowance < amount ? `Approve ${formatUsdt(amount)}` : undefined,
            action: `Repay ${formatUsdt(amount)}`,
          }}
          onApprove={() => void actions.approveUsdt(amount)}
          onAction={() => void actions.repay(l.id, amount, false).then((r) => r.status === 'confirmed' && setText(''))}
        />
        <ActionButton
          testId={`loan-${l.id}-repay-all`}
          state={{
            connected: isConnected,
            loading: !token,
            insufficient: token && token.balance < debt ? `Not enough USDT to repay all (${formatUsdt(debt)})` : undefined,
            busy,
            approval: token && token.allowance < allNeeded ? `Approve ${formatUsdt(allApproval)} to repay all` : undefined,
            action: `Repay all (≈ ${formatUsdt(debt)})`,
          }}
          onApprove={() => void actions.approveUsdt(allApproval)}
          onAction={() => void actions.repay(l.id, 0n, true)}
        />
        <p className="text-xs text-slate-400">
          "Repay all" approves the debt plus one hour of interest ({formatUsdt(allApproval)}), because interest accrues every second until the transaction lands. Only the debt at that moment is taken; the NFTs come back in the same transaction.
        </p>
      </div>

      <div className="space-y-2 border-t border-slate-800 pt-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <span id={`self-repay-${l.id}-label`} className="text-sm font-medium text-slate-200">Self-repay</span>
          <button
            type="button"
            role="switch"
            aria-checked={l.selfRepay}
            aria-labelledby={`self-repay-${l.id}-label`}
            disabled={Boolean(busy)}
            onClick={() => void actions.setSelfRepay(l.id, !l.selfRepay)}
            className="relative inline-flex h-7 w-12 shrink-0 items-center rounded-full bg-slate-700 transition aria-checked:bg-brand-500 disabled:opacity-50"
            data-testid={`loan-${l.id}-self-repay`}
          >
            <span aria-hidden className={`inline-block h-5 w-5 rounded-full bg-white transition ${l.selfRepay ? 'translate-x-6' : 'translate-x-1'}`} />
          </button>
        </div>
        <p className="text-xs text-slate-400">
          {l.selfRepay
            ? 'On: anyone may claim the pledged NFTs\' rewards; they are sold at the oracle price (no spread) and the USDT repays this loan. When the debt reaches zero the NFTs come back to you.'
            : 'Off: the rewards of the pledged NFTs are yours to claim. Turn it on to let them repay the loan instead (sold at the oracle price, no spread).'}
        </p>
        <button
          type="button"
          className={`${buttonClass.secondary} w-full`}
          disabled={!rewardsWaiting || Boolean(busy)}
          onClick={() => void actions.claimRewards(l.id)}
          data-testid={`loan-${l.id}-claim`}
        >
          {rewardsWaiting ? (l.selfRepay ? 'Claim rewards into the debt' : 'Claim rewards to my wallet') : 'No rewards to claim yet'}
        </button>
      </div>
    </Card>
  );
}
