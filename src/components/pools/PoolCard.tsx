// One joint mining pool: its product and hash power, progress to target and hard cap, deadline, members and
// limits, the estimated daily income of its hash power; and for a member, their share, rewards to claim,
// unspent USDT or refund. Contribute and finalize from here.
import { useState } from 'react';
import { useAccount } from 'wagmi';
import { usePoolActions } from '../../hooks/usePoolActions';
import type { Pool } from '../../hooks/usePools';
import type { Product } from '../../hooks/useProducts';
import type { CoinState } from '../../hooks/useProtocol';
import { estimate } from '../../lib/economics';
import { formatDate, formatHashrate, formatPercent, formatToken, formatUsd, formatUsdt, plural, toUsd } from '../../lib/format';
import { POOL_STATUS_LABEL, progress, shareOf, type PoolStatus } from '../../lib/pools';
import { href } from '../../lib/router';
import { ActionButton } from '../ActionButton';
import { Countdown } from '../Countdown';
import { Badge, Card, ProgressBar, Stat, buttonClass } from '../ui';
import { ContributeDialog } from './ContributeDialog';

const TONE: Record<PoolStatus, 'green' | 'sky' | 'slate' | 'rose'> = { open: 'green', succeeded: 'sky', finalized: 'slate', failed: 'rose' };

export function PoolCard({ pool, product, coin, now }: { pool: Pool; product: Product; coin: CoinState; now: number }) {
  const { isConnected } = useAccount();
  const actions = usePoolActions();
  const [contributing, setContributing] = useState(false);
  const p = pool;
  const id = `pool-${p.id}`;
  const beforeDeadline = now < Number(p.deadline);
  const canContribute = (p.status === 'open' || p.status === 'succeeded') && beforeDeadline && p.raised < p.hardCap;
  const units = p.status === 'finalized' ? p.unitsBought : p.units;
  const hashrate = units * product.hashratePerUnit;
  const est = estimate({
    hashrate,
    outputPerUnit: coin.latestOutput,
    coinDecimals: coin.decimals,
    coinPriceUsd: coin.priceUsd,
    costUsd: Number(p.target) / 1e6,
    termDays: product.termDays,
  });
  const member = p.member && p.member.contribution > 0n ? p.member : undefined;
  const share = member ? shareOf(member.contribution, p.raised) : 0;
  const earned = p.rewardsReceived + p.accrued;
  const unspent = p.status === 'finalized' ? p.raised - p.spent : 0n;
  const busy = actions.step !== 'idle' ? 'Confirm in your wallet…' : undefined;

  return (
    <Card className="flex h-full flex-col" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-lg font-semibold text-white">Pool {String(p.id)} · {product.name}</h2>
          <p className="text-sm text-slate-400">
            Mines {coin.symbol} · {formatHashrate(hashrate, coin.unit)} · {plural(product.termDays, 'day')}
          </p>
        </div>
        <Badge tone={TONE[p.status]}><span data-testid={`${id}-status`}>{POOL_STATUS_LABEL[p.status]}</span></Badge>
      </div>

      <div className="mt-4 space-y-3">
        <div>
          <div className="mb-1 flex justify-between gap-2 text-xs text-slate-400">
            <span className="tabular" data-testid={`${id}-raised`}>{formatUsdt(p.raised)} of {formatUsdt(p.target)} target</span>
            <span className="tabular">{formatPercent(Number(p.raised) / Number(p.target), 0)}</span>
          </div>
          <ProgressBar value={progress(p.raised, p.target)} label={`Pool ${p.id}: ${formatUsdt(p.raised)} raised of a ${formatUsdt(p.target)} target`} />
        </div>
        <div>
          <div className="mb-1 flex justify-between gap-2 text-xs text-slate-400">
            <span className="tabular">Hard cap {formatUsdt(p.hardCap)} ({plural(p.hardCapUnits, 'unit')})</span>
            <span className="tabular">{formatUsdt(p.hardCap > p.raised ? p.hardCap - p.raised : 0n)} left</span>
          </div>
          <ProgressBar value={progress(p.raised, p.hardCap)} label={`Pool ${p.id}: ${formatUsdt(p.raised)} raised of a ${formatUsdt(p.hardCap)} hard cap`} />
        </div>
      </div>

      <dl className="mt-4 grid grid-cols-2 gap-3">
        <Stat label="Members" value={<span data-testid={`${id}-members`}>{p.memberCount}</span>} sub={`${formatUsdt(p.minContribution)} – ${formatUsdt(p.maxContribution)} each`} />
        <Stat
          label={p.status === 'finalized' ? 'Bought' : 'Target'}
          value={plural(units, 'unit')}
          sub={`${formatHashrate(product.hashratePerUnit, coin.unit)} at ${formatUsdt(p.pricePerUnit)} each`}
        />
        <Stat
          label="Est. pool income / day"
          value={formatUsd(est.dailyUsd)}
          sub={formatToken(est.dailyCoin, coin.decimals, coin.symbol, 8)}
          testId={`${id}-daily`}
        />
        <Stat
          label={p.status === 'open' || p.status === 'succeeded' ? 'Deadline' : p.status === 'failed' ? 'Deadline passed' : 'Deadline was'}
          value={beforeDeadline && p.status !== 'finalized' ? <Countdown prefix="in" to={p.deadline} now={now} /> : formatDate(p.deadline)}
          sub={beforeDeadline && p.status !== 'finalized' ? formatDate(p.deadline) : p.status === 'finalized' ? 'no longer applies' : 'target missed'}
        />
      </dl>

      {p.status === 'finalized' && (
        <dl className="tabular mt-3 space-y-1 rounded-xl bg-slate-950/60 p-3 text-sm">
          <div className="flex justify-between gap-3">
            <dt className="text-slate-400">Pool NFT</dt>
            <dd><a href={href.nft(p.tokenId)} className="text-brand-400 underline">#{String(p.tokenId)}</a> · held by the pool</dd>
          </div>
          <div className="flex justify-between gap-3"><dt className="text-slate-400">Spent · unspent</dt><dd>{formatUsdt(p.spent)} · {formatUsdt(unspent)}</dd></div>
          <div className="flex justify-between gap-3">
            <dt className="text-slate-400">Rewards earned</dt>
            <dd className="text-right">{formatToken(earned, coin.decimals, coin.symbol, 6)} ≈ {formatUsd(toUsd(earned, coin.decimals, coin.priceUsd))}</dd>
          </div>
        </dl>
      )}
      {p.status === 'failed' && (
        <p className="mt-3 text-sm text-rose-200">Missed its target by the deadline: every member takes back exactly what they put in.</p>
      )}
      {p.status === 'succeeded' && (
        <p className="mt-3 text-sm text-sky-200">
          Target reached. Anyone may now make the pool buy {plural(p.raised / p.pricePerUnit, 'unit')}
          {beforeDeadline && p.raised < p.hardCap ? '; until then it takes contributions up to the hard cap.' : '.'}
        </p>
      )}

      {member && (
        <section aria-label="Your position" className="mt-4 rounded-xl border border-brand-500/30 bg-brand-500/5 p-3" data-testid={`${id}-position`}>
          <h3 className="text-sm font-semibold text-brand-300">Your position</h3>
          <dl className="tabular mt-2 grid grid-cols-2 gap-3">
            <Stat label="You put in" value={formatUsdt(member.contribution)} testId={`${id}-contribution`} />
            <Stat label="Your share" value={formatPercent(share, 2)} sub={p.status === 'finalized' ? 'of rewards and unspent USDT' : 'of the pool so far'} testId={`${id}-share`} />
          </dl>
          {p.status === 'finalized' && (
            <div className="mt-3 space-y-3">
              <div>
                <p className="text-xs uppercase tracking-wide text-slate-400">Rewards to claim</p>
                <p className="tabular font-semibold text-white" data-testid={`${id}-rewards`}>
                  {formatToken(member.pendingRewards, coin.decimals, coin.symbol, 8)}
                </p>
                <p className="tabular text-xs text-slate-400" data-testid={`${id}-rewards-usd`}>
                  ≈ {formatUsd(toUsd(member.pendingRewards, coin.decimals, coin.priceUsd))} · claimed so far {formatToken(member.rewardsPaid, coin.decimals, coin.symbol, 8)}
                </p>
                <ActionButton
                  className="mt-2"
                  testId={`${id}-claim`}
                  state={{
                    connected: isConnected,
                    loading: false,
                    busy,
                    blocked: member.pendingRewards === 0n ? 'Nothing to claim yet' : undefined,
                    action: `Claim ${formatToken(member.pendingRewards, coin.decimals, coin.symbol, 8)}`,
                  }}
                  onAction={() => void actions.claimRewards(p.id)}
                />
              </div>
              {member.refundable > 0n && (
                <div>
                  <p className="text-sm text-slate-300">
                    Unspent USDT (your share of {formatUsdt(unspent)} the purchase did not use): <span className="tabular font-semibold text-white" data-testid={`${id}-unspent`}>{formatUsdt(member.refundable)}</span>
                  </p>
                  <ActionButton
                    className="mt-2"
                    testId={`${id}-claim-unspent`}
                    state={{ connected: isConnected, loading: false, busy, action: `Claim ${formatUsdt(member.refundable)}` }}
                    onAction={() => void actions.claimUnspent(p.id)}
                  />
                </div>
              )}
            </div>
          )}
          {p.status === 'failed' && (
            <div className="mt-3">
              {member.refundable > 0n ? (
                <ActionButton
                  testId={`${id}-refund`}
                  state={{ connected: isConnected, loading: false, busy, action: `Refund ${formatUsdt(member.refundable)}` }}
                  onAction={() => void actions.refund(p.id)}
                />
              ) : (
                <p className="text-sm text-slate-300" data-testid={`${id}-refunded`}>You were refunded {formatUsdt(member.contribution)}.</p>
              )}
            </div>
          )}
        </section>
      )}

      <div className="mt-auto flex flex-col gap-2 pt-4">
        {p.status === 'succeeded' && (
          <ActionButton
            testId={`${id}-finalize`}
            state={{ connected: isConnected, loading: false, busy, action: `Buy ${plural(p.raised / p.pricePerUnit, 'unit')} for the pool` }}
            onAction={() => void actions.finalize(p.id)}
          />
        )}
        {canContribute && (
          <button type="button" className={`${p.status === 'succeeded' ? buttonClass.secondary : buttonClass.primary} w-full`} onClick={() => setContributing(true)} aria-haspopup="dialog">
            Contribute
          </button>
        )}
      </div>
      {contributing && <ContributeDialog pool={p} product={product} coin={coin} now={now} open={contributing} onClose={() => setContributing(false)} />}
    </Card>
  );
}
