// Bars of daily rewards in USD (at today's prices), with a text table for screen readers. One bar per day
// of the window (rewardHistory clips it to the terms), and the day count above says how many bars there
// are; a window without any reward says so in words instead of drawing empty bars.
import type { CoinState } from '../hooks/useProtocol';
import { DAY_SECONDS, formatDate, formatToken, formatUsd, plural } from '../lib/format';
import type { DayReward } from '../lib/rewardHistory';

export function RewardsChart({ data, coins, genesis }: { data: DayReward[]; coins: CoinState[]; genesis: number }) {
  if (data.length === 0) return <p className="text-sm text-slate-400" data-testid="rewards-chart-empty">No rewards posted yet for these terms. Output is posted once each day is over.</p>;
  const max = Math.max(...data.map((d) => d.usd));
  if (!(max > 0)) {
    return (
      <p className="text-sm text-slate-400" data-testid="rewards-chart-empty">
        No rewards in the {plural(data.length, 'day')} posted so far ({formatDate(genesis + data[0].day * DAY_SECONDS)} – {formatDate(genesis + data[data.length - 1].day * DAY_SECONDS)}).
      </p>
    );
  }
  const W = 600;
  const H = 160;
  const bw = W / data.length;
  return (
    <figure>
      <div className="mb-1 flex justify-between text-xs text-slate-400 tabular">
        <span>max {formatUsd(max)} / day</span>
        <span data-testid="rewards-chart-days">{plural(data.length, 'day')}</span>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-40 w-full" role="img" aria-label={`Daily rewards over the last ${data.length} days, highest ${formatUsd(max)}`}>
        {data.map((d, i) => {
          const h = (d.usd / max) * H;
          return (
            <g key={d.day}>
              <rect x={i * bw + bw * 0.15} y={H - h} width={bw * 0.7} height={Math.max(h, d.usd > 0 ? 1 : 0)} rx={2} fill="#10b981">
                <title>{`${formatDate(genesis + d.day * DAY_SECONDS)}: ${formatUsd(d.usd)}`}</title>
              </rect>
            </g>
          );
        })}
      </svg>
      <div className="mt-1 flex justify-between text-xs text-slate-400">
        <span>{formatDate(genesis + data[0].day * DAY_SECONDS)}</span>
        <span>{formatDate(genesis + data[data.length - 1].day * DAY_SECONDS)}</span>
      </div>
      <figcaption className="sr-only">
        <table>
          <thead><tr><th>Day</th><th>USD</th><th>Coins</th></tr></thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.day}>
                <td>{formatDate(genesis + d.day * DAY_SECONDS)}</td>
                <td>{formatUsd(d.usd)}</td>
                <td>{d.amounts.map((a, i) => (a > 0n ? formatToken(a, coins[i].decimals, coins[i].symbol, 8) : '')).filter(Boolean).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
