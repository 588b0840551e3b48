// For / against / abstain as bars on one scale with the quorum marked, and the figures in words beside them.
import { formatAmount, formatPercent } from '../../lib/format';
import { tallyView, type Tally } from '../../lib/governance';

export function VoteBars({ tally, quorum, token, testId }: { tally: Tally; quorum: bigint; token: { symbol: string; decimals: number }; testId?: string }) {
  const t = tallyView(tally, quorum);
  const amount = (v: bigint) => `${formatAmount(v, token.decimals, 2)} ${token.symbol}`;
  const rows = [
    { key: 'for', label: 'For', value: tally.for, share: t.shares.for, bar: 'bg-emerald-500' },
    { key: 'against', label: 'Against', value: tally.against, share: t.shares.against, bar: 'bg-rose-500' },
    { key: 'abstain', label: 'Abstain', value: tally.abstain, share: t.shares.abstain, bar: 'bg-slate-400' },
  ] as const;
  return (
    <div data-testid={testId}>
      <dl className="space-y-1.5">
        {rows.map((r) => (
          <div key={r.key} className="grid grid-cols-[4.5rem_1fr] items-center gap-2 sm:grid-cols-[4.5rem_1fr_11rem]">
            <dt className="text-xs text-slate-300">{r.label}</dt>
            <dd className="relative h-2.5 overflow-hidden rounded-full bg-slate-800" aria-hidden>
              <span className={`absolute inset-y-0 left-0 rounded-full ${r.bar}`} style={{ width: `${r.share * 100}%` }} />
              <span className="absolute inset-y-0 w-0.5 bg-amber-300" style={{ left: `calc(${t.shares.quorumMark * 100}% - 1px)` }} />
            </dd>
            <dd className="tabular col-span-2 text-right text-xs text-slate-300 sm:col-span-1" data-testid={testId ? `${testId}-${r.key}` : undefined}>
              {amount(r.value)}
              {t.total > 0n && <span className="text-slate-400"> · {formatPercent(Number((r.value * 10_000n) / t.total) / 10_000, 1)}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-1.5 text-xs text-slate-400" data-testid={testId ? `${testId}-quorum` : undefined}>
        <span aria-hidden className="mr-1 inline-block h-2.5 w-0.5 bg-amber-300 align-middle" />
        Quorum {amount(quorum)} (for + abstain): {t.quorumReached ? <span className="text-emerald-300">reached</span> : <span>{amount(quorum - t.counted)} to go</span>}
        {' · '}
        {t.total === 0n ? 'no votes yet' : t.majority ? 'more for than against' : 'not more for than against'}
      </p>
    </div>
  );
}
