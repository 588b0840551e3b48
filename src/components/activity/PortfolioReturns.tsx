// The Portfolio's "Cost and returns" card, from the indexer: per NFT held, what it cost, the rewards it has
// paid in USD when received, what it is worth now (best offer, else the floor of similar NFTs, else the
// remaining output at today's figures), profit and ROI; NFTs since sold with what they sold for; the total.
// Below it, rewards earned per day over the whole holding period (NFTs since sold included).
// Without the indexer none of this can be known (the purchase cost and the history live there): the card
// says so in words and the rest of the Portfolio reads the chain as before.
import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useAppChain } from '../../hooks/useAppChain';
import { useIndexerSource } from '../../hooks/useIndexer';
import { indexerUrl } from '../../lib/indexer';
import { formatPercent, formatUsd } from '../../lib/format';
import { hmKey } from '../../lib/queryKeys';
import { href } from '../../lib/router';
import { Card } from '../ui';
import { DayChart } from './DayChart';
import { fetchEarned, fetchReturns, type NftReturn, type ValueBasis } from './returns';

const usd = (v: bigint) => formatUsd(Number(v) / 1e6);

const BASIS_TEXT: Record<ValueBasis, string> = {
  offer: 'best offer',
  floor: 'floor of similar',
  output: 'remaining output at today’s figures',
  ended: 'term ended',
  unknown: 'not known',
  sold: 'sold for',
};

export function PortfolioReturns({ account, now }: { account: Address; now?: number }) {
  const { chainId } = useAppChain();
  const source = useIndexerSource();
  const reachable = source.state === 'current' || source.state === 'behind';
  // Chain time to the minute (the dev panel moves it), so values follow the chain's clock.
  const minute = now === undefined ? undefined : Math.floor(now / 60) * 60;
  const q = useQuery({ queryKey: hmKey(chainId, 'portfolio', 'returns', account, minute), enabled: reachable, retry: false, placeholderData: (p) => p, queryFn: () => fetchReturns(account, minute) });
  const earned = useQuery({ queryKey: hmKey(chainId, 'portfolio', 'earned', account), enabled: reachable, retry: false, queryFn: () => fetchEarned(account) });
  if (!indexerUrl || source.state === 'down' || source.state === 'checking') {
    if (source.state === 'checking') return null;
    return (
      <Card className="mb-5" aria-labelledby="returns-title">
        <h2 id="returns-title" className="font-semibold text-white">Cost and returns to date</h2>
        <p role="status" data-testid="returns-unavailable" className="mt-1 text-sm text-slate-400">
          {indexerUrl ? 'The indexer is not answering, so' : 'This build has no indexer, so'} what your NFTs cost, the rewards they paid over time, their current value, profit and ROI cannot be shown. The rest of this page reads the chain.
        </p>
      </Card>
    );
  }
  if (!q.data || (q.data.rows.length === 0 && q.data.sold.length === 0)) return null;
  const cells = (r: NftReturn, sold = false) => {
    const known = r.value !== undefined;
    return (
      <>
        <td className="px-3 py-1.5 text-right">{usd(r.cost)}</td>
        <td className="px-3 py-1.5 text-right">{usd(r.rewardsUsd)}</td>
        <td className="px-3 py-1.5 text-right" data-testid="returns-value">
          {known ? usd(r.value!) : '—'}
          {r.tokenId >= 0n && <span className="block text-xs text-slate-400">{sold ? BASIS_TEXT.sold : BASIS_TEXT[r.basis]}</span>}
        </td>
        <td className={`px-3 py-1.5 text-right ${!known ? '' : r.profit < 0n ? 'text-rose-300' : 'text-emerald-300'}`}>{known ? usd(r.profit) : '—'}</td>
        <td className="px-3 py-1.5 text-right">{known && r.roi !== undefined ? formatPercent(r.roi) : '—'}</td>
      </>
    );
  };
  const points = (earned.data ?? []).map((d) => ({ day: d.day, value: Number(d.usd) / 1e6 }));
  return (
    <Card className="mb-5" aria-labelledby="returns-title">
      <h2 id="returns-title" className="font-semibold text-white">Cost and returns to date</h2>
      <p className="mt-1 text-sm text-slate-400">
        What each NFT cost you, the rewards it paid (USD when received), and what it is worth now: the best offer for it, else the cheapest listing of the same product for its hashrate and days left, else its remaining output at today’s output and price. Profit = rewards + value − cost.
      </p>
      {source.state === 'behind' && <p role="status" className="mt-1 text-xs text-amber-200">The indexer is {source.lag} blocks behind the chain: the latest events may be missing.</p>}
      <div className="mt-3 overflow-x-auto">
        <table className="tabular w-full text-sm" aria-label="Cost and returns">
          <thead className="text-xs text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-1.5 text-left font-medium">NFT</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Cost</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Rewards</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Value now</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Profit</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">ROI</th>
            </tr>
          </thead>
          <tbody>
            {q.data.rows.map((r) => (
              <tr key={String(r.tokenId)} className="border-t border-slate-800" data-testid={`returns-${r.tokenId}`} data-basis={r.basis}>
                <td className="px-3 py-1.5"><a href={href.nft(r.tokenId)} className="text-brand-300 hover:underline">#{String(r.tokenId)}</a></td>
                {cells(r)}
              </tr>
            ))}
            {q.data.sold.map((r) => (
              <tr key={`sold-${r.tokenId}`} className="border-t border-slate-800 text-slate-300" data-testid={`returns-sold-${r.tokenId}`}>
                <td className="px-3 py-1.5"><a href={href.nft(r.tokenId)} className="text-brand-300 hover:underline">#{String(r.tokenId)}</a> <span className="text-xs text-slate-400">sold</span></td>
                {cells(r, true)}
              </tr>
            ))}
            <tr className="border-t border-slate-700 font-semibold" data-testid="returns-total">
              <td className="px-3 py-1.5">Total</td>
              {cells(q.data.total)}
            </tr>
          </tbody>
        </table>
      </div>
      {q.data.total.value === undefined && <p className="mt-2 text-xs text-slate-400">Some NFT has no offer, no listing of its product and no posted output to price it by: its value, and so the total profit, is not known.</p>}
      <h3 className="mt-4 mb-1 text-sm font-semibold text-white">Rewards earned per day, whole holding period (USD at each day’s posted price)</h3>
      {earned.data && points.length > 0 ? (
        <DayChart points={points} format={(v) => formatUsd(v)} label="Rewards earned per day" testId="earned-chart" />
      ) : (
        <p className="text-sm text-slate-400">{earned.isError ? 'Could not read the rewards history from the indexer.' : earned.data ? 'No rewards posted for the days you held an NFT yet.' : 'Loading…'}</p>
      )}
    </Card>
  );
}
