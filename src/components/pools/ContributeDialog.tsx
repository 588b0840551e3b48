// Contributing to a pool: the amount checked against the minimum, the maximum (with what the member put in
// already), the balance and USDT's decimals; the trimmed amount said before signing when the offer crosses
// the hard cap (asked of the contract's `acceptable`); the share after; then a permit or an exact approval.
import { useState } from 'react';
import { formatUnits } from 'viem';
import { useAccount } from 'wagmi';
import { useAppChain } from '../../hooks/useAppChain';
import type { PayMethod } from '../../hooks/useBuyProduct';
import { useContributionPreview } from '../../hooks/useContributionPreview';
import { usePoolActions } from '../../hooks/usePoolActions';
import type { Pool } from '../../hooks/usePools';
import type { Product } from '../../hooks/useProducts';
import type { CoinState } from '../../hooks/useProtocol';
import { useTokenAccount } from '../../hooks/useTokenAccount';
import { estimate } from '../../lib/economics';
import { describeError } from '../../lib/errors';
import { formatPercent, formatTokenUsd, formatUsd, formatUsdt } from '../../lib/format';
import { amountToSend, checkContribution, incomeAtTarget, shareAtTarget, shareOf } from '../../lib/pools';
import { ActionButton } from '../ActionButton';
import { Dialog } from '../Dialog';
import { PayMethodPicker } from '../PayMethodPicker';
import { AmountField } from '../AmountField';
import { ErrorNote } from '../ui';


export function ContributeDialog({ pool, product, coin, now, open, onClose }: { pool: Pool; product: Product; coin: CoinState; now: number; open: boolean; onClose: () => void }) {
  const { deployment } = useAppChain();
  const { isConnected } = useAccount();
  const token = useTokenAccount(deployment.contracts.USDT, deployment.contracts.MiningPools);
  const { step, approve, contribute } = usePoolActions();
  const [input, setInput] = useState('');
  const [method, setMethod] = useState<PayMethod>('permit');
  const [done, setDone] = useState<{ accepted: bigint; share: number }>();
  const id = `pool-${pool.id}`;

  const already = pool.member?.contribution ?? 0n;
  const balance = token.data?.balance;
  const left = pool.hardCap > pool.raised ? pool.hardCap - pool.raised : 0n;
  const room = pool.maxContribution > already ? pool.maxContribution - already : 0n;
  const checked = checkContribution(input, { ...pool, already, balance, decimals: 6, symbol: 'USDT' });
  const preview = useContributionPreview(pool.id, checked.ok ? checked.value.offered : undefined);
  // The contract has the last word on what it would take (it sees contributions made since the page loaded).
  const accepted = checked.ok ? (preview.data ?? checked.value.accepted) : 0n;
  const trimmed = checked.ok && accepted < checked.value.offered;
  const contractError = checked.ok && preview.isError ? describeError(preview.error).message : undefined;
  const sendAmount = checked.ok ? amountToSend({ ...checked.value, accepted }, already, pool.minContribution) : 0n;
  const needsApproval = method === 'approve' && token.data !== undefined && checked.ok && token.data.allowance < accepted;
  const shareAfter = shareOf(already + accepted, pool.raised + accepted);
  const unitsAfter = (pool.raised + accepted) / pool.pricePerUnit;
  const poolUnits = unitsAfter > pool.units ? unitsAfter : pool.units;
  const est = estimate({
    hashrate: poolUnits * product.hashratePerUnit,
    outputPerUnit: coin.latestOutput,
    coinDecimals: coin.decimals,
    coinPriceUsd: coin.priceUsd,
    costUsd: 0,
    termDays: product.termDays,
  });
  // Income counted on the share the member will hold when the pool buys (at least the target is bought),
  // not on today's share of what has been raised so far.
  const shareTarget = shareAtTarget(already + accepted, pool.raised + accepted, pool.target);
  const yourDailyCoin = checked.ok ? incomeAtTarget(est.dailyCoin, already + accepted, pool.raised + accepted, pool.target) : 0n;
  const yourDaily = formatTokenUsd(yourDailyCoin, coin.decimals, coin.symbol, coin.priceUsd);

  const onContribute = async () => {
    if (!checked.ok || !token.data || preview.data === undefined) return;
    const result = await contribute({ poolId: pool.id, amount: sendAmount, accepted, method, token: token.data, now });
    if (result?.status === 'confirmed') setDone({ accepted, share: shareAfter });
  };

  return (
    <Dialog open={open} onClose={onClose} title={`Contribute to pool ${pool.id}`} labelledBy={`${id}-contribute-title`}>
      {done ? (
        <div role="status" className="space-y-3">
          <p className="text-lg text-emerald-300" data-testid="contribute-done">You put {formatUsdt(done.accepted)} into pool {String(pool.id)}.</p>
          <p className="text-sm text-slate-300">Your share of the pool is now {formatPercent(done.share, 2)}. If the pool misses its target by the deadline, you get every cent back.</p>
        </div>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-300">
            Toward {product.name}. Each member puts in between {formatUsdt(pool.minContribution)} and {formatUsdt(pool.maxContribution)} in total.
          </p>
          <AmountField
            id={`${id}-amount`}
            label="Amount (USDT)"
            value={input}
            onChange={setInput}
            parsed={checked}
            onMax={() => {
              let max = room < left ? room : left;
              if (balance !== undefined && balance < max) max = balance;
              setInput(formatUnits(max, 6));
            }}
            maxDisabled={room === 0n || left === 0n}
            help={`${already > 0n ? `You have put in ${formatUsdt(already)} and may add ${formatUsdt(room)}` : `You may put in up to ${formatUsdt(room)}`} · ${formatUsdt(left)} left under the hard cap${balance !== undefined ? ` · balance ${formatUsdt(balance)}` : ''}`}
          >
            {contractError && <ErrorNote>{contractError}</ErrorNote>}
          </AmountField>

          {trimmed && checked.ok && (
            <p role="status" data-testid="contribute-trim" className="rounded-xl border border-amber-500/40 bg-amber-500/10 p-3 text-sm text-amber-200">
              Only {formatUsdt(left)} is left under the hard cap, so your {formatUsdt(checked.value.offered)} will be trimmed to {formatUsdt(accepted)}. Only {formatUsdt(accepted)} is taken from your wallet; the rest never leaves it.
            </p>
          )}

          <dl className="tabular space-y-1.5 rounded-xl bg-slate-950/60 p-3 text-sm" aria-label="After this contribution">
            <div className="flex justify-between gap-3"><dt className="text-slate-400">The pool takes</dt><dd data-testid="contribute-accepted">{formatUsdt(accepted)}</dd></div>
            <div className="flex justify-between gap-3"><dt className="text-slate-400">Raised</dt><dd>{formatUsdt(pool.raised)} → {formatUsdt(pool.raised + accepted)} of {formatUsdt(pool.target)}</dd></div>
            <div className="flex justify-between gap-3"><dt className="text-slate-400">Your share</dt><dd data-testid="contribute-share">{formatPercent(shareOf(already, pool.raised), 2)} → {formatPercent(shareAfter, 2)}</dd></div>
            <div className="flex justify-between gap-3">
              <dt className="text-slate-400">Your est. income at target</dt>
              <dd className="text-right" data-testid="contribute-income">{yourDaily.token} ≈ {yourDaily.usd} / day ({formatPercent(shareTarget, 2)} of the pool)</dd>
            </div>
            <div className="flex justify-between gap-3 text-xs text-slate-400"><dt>Fees</dt><dd>none · electricity is in the product's price</dd></div>
          </dl>
          <p className="text-xs text-slate-400">
            Shares are fixed when the pool buys; they shrink as others join until then. The income is your share once the target is reached (your contribution ÷ the target, or ÷ what is raised if more), at the latest daily output and {coin.symbol} at {formatUsd(coin.priceUsd)}: an estimate, not a promise.
          </p>

          <PayMethodPicker name={`${id}-pay`} value={method} onChange={setMethod} verb="contribute" />

          <ActionButton
            testId="contribute-submit"
            state={{
              connected: isConnected,
              loading: isConnected && (token.isLoading || (checked.ok && preview.isFetching)),
              emptyInput: input.trim() === '' ? 'Enter an amount' : undefined,
              inputError: !checked.ok ? checked.error : contractError,
              busy: step === 'signing' ? 'Sign the permit in your wallet…' : step === 'approving' ? 'Approving…' : step === 'sending' ? 'Contributing…' : undefined,
              approval: needsApproval ? `Approve ${formatUsdt(accepted)}` : undefined,
              action: method === 'permit' && token.data && token.data.allowance < accepted ? `Sign permit and contribute ${formatUsdt(accepted)}` : `Contribute ${formatUsdt(accepted)}`,
            }}
            onApprove={() => void approve(accepted)}
            onAction={() => void onContribute()}
          />
        </div>
      )}
    </Dialog>
  );
}
