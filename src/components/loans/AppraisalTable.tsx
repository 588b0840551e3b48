// The appraisal of the NFTs picked to pledge: each one's days left, output, coin price, haircut and value.
import type { AppraisalPreview } from '../../hooks/useAppraisal';
import type { CoinLoanParams, NftAppraisal } from '../../hooks/useLoans';
import type { CoinState } from '../../lib/protocol';
import { formatHashrate, formatToken, formatUsd, formatUsdt } from '../../lib/format';
import { bpsText, feedToUsd } from '../../lib/loans';

function outputText(a: NftAppraisal, coin: CoinState): string {
  // avgDailyOutput is reward-token base units x 1e6 per hashrate unit per day
  const perDay = (a.avgDailyOutput * a.hashrate) / 1_000_000n;
  return `${formatToken(perDay, coin.decimals, coin.symbol, 8)}/day`;
}

export function AppraisalTable({ p, coins, params }: { p: AppraisalPreview; coins: CoinState[]; params: CoinLoanParams[] }) {
  return (
    // On a phone the table scrolls sideways: the box takes focus so a keyboard can scroll it too.
    <div className="overflow-x-auto rounded-xl border border-slate-800" role="region" aria-label="Appraisal table" tabIndex={0}>
      <table className="tabular w-full min-w-[34rem] text-sm" aria-label="Appraisal">
        <thead className="bg-slate-950/60 text-left text-xs uppercase tracking-wide text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2">NFT</th>
            <th scope="col" className="px-3 py-2">Days left</th>
            <th scope="col" className="px-3 py-2">7-day avg output</th>
            <th scope="col" className="px-3 py-2">Coin price</th>
            <th scope="col" className="px-3 py-2">Haircut</th>
            <th scope="col" className="px-3 py-2 text-right">Value</th>
          </tr>
        </thead>
        <tbody>
          {p.appraisals.map((a) => {
            const coin = coins[a.coin];
            return (
              <tr key={String(a.tokenId)} className="border-t border-slate-800" data-testid={`appraisal-${a.tokenId}`}>
                <td className="px-3 py-2">#{String(a.tokenId)}<span className="block text-xs text-slate-400">{formatHashrate(a.hashrate, coin.unit)}</span></td>
                <td className="px-3 py-2" data-testid={`appraisal-${a.tokenId}-days`}>{String(a.remainingDays)}</td>
                <td className="px-3 py-2">{outputText(a, coin)}</td>
                <td className="px-3 py-2">{formatUsd(feedToUsd(a.price))}</td>
                <td className="px-3 py-2">{bpsText(params[a.coin]?.haircutBps ?? 0)}<span className="block text-xs text-slate-400">of {formatUsdt(a.grossValue)}</span></td>
                <td className="px-3 py-2 text-right font-semibold">{formatUsdt(a.value)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-700 font-semibold">
            <th scope="row" colSpan={5} className="px-3 py-2 text-left">Collateral value (after haircut)</th>
            <td className="px-3 py-2 text-right" data-testid="appraisal-total">{formatUsdt(p.total.value)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="px-3 py-2 text-xs text-slate-400">Value = days left × hashrate × 7-day average output × coin price, less the haircut. It falls a little every day as the term runs down.</p>
    </div>
  );
}
