// The NFTs pledged in a loan: value, term left and unclaimed rewards.
import type { LoanView } from '../../hooks/useLoans';
import type { CoinState } from '../../lib/protocol';
import { termStatus, termText } from '../../lib/terms';
import { formatHashrate, formatToken, formatUsdt } from '../../lib/format';
import { href } from '../../lib/router';

export function Collateral({ l, coins, now }: { l: LoanView; coins: CoinState[]; now: number }) {
  return (
    <ul className="space-y-1 text-sm" aria-label={`Collateral of loan ${l.id}`}>
      {l.collateral.map((a, i) => {
        const coin = coins[a.coin];
        return (
          <li key={String(a.tokenId)} className="tabular flex flex-wrap justify-between gap-x-3">
            <a href={href.nft(a.tokenId)} className="text-brand-400 underline">#{String(a.tokenId)}</a>
            <span className="text-slate-300">{formatHashrate(a.hashrate, coin.unit)} {coin.symbol} · {termText(termStatus(0, a.termEnd, now))}</span>
            <span className="text-slate-200">{formatUsdt(a.value)}</span>
            {l.unclaimed[i] !== undefined && l.unclaimed[i] > 0n && <span className="w-full text-xs text-slate-400">unclaimed {formatToken(l.unclaimed[i], coin.decimals, coin.symbol, 8)}</span>}
          </li>
        );
      })}
    </ul>
  );
}
