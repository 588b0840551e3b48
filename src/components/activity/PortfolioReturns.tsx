// The Portfolio's "Cost and returns" card, from the indexer: per NFT held, what it cost, the rewards it
// has paid in USD at the time of each claim, profit and ROI to date; the total counts NFTs since sold.
// Shown only while the indexer answers; the rest of the Portfolio reads the chain as before.
import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useAppChain } from '../../hooks/useAppChain';
import { useIndexerSource } from '../../hooks/useIndexer';
import { formatPercent, formatUsd } from '../../lib/format';
import { hmKey } from '../../lib/queryKeys';
import { href } from '../../lib/router';
import { Card } from '../ui';
import { fetchReturns, type NftReturn } from './returns';

const usd = (v: bigint) => formatUsd(Number(v) / 1e6);

export function PortfolioReturns({ account }: { account: Address }) {
  const { chainId } = useAppChain();
  const source = useIndexerSource();
  const reachable = source.state === 'current' || source.state === 'behind';
  const q = useQuery({ queryKey: hmKey(chainId, 'portfolio', 'returns', account), enabled: reachable, retry: false, queryFn: () => fetchReturns(account) });
  if (!reachable || !q.data || q.data.rows.length === 0) return null;
  const cells = (r: NftReturn) => (
    <>
      <td className="px-3 py-1.5 text-right">{usd(r.cost)}</td>
      <td className="px-3 py-1.5 text-right">{usd(r.rewardsUsd)}</td>
      <td className={`px-3 py-1.5 text-right ${r.profit < 0n ? 'text-rose-300' : 'text-emerald-300'}`}>{usd(r.profit)}</td>
      <td className="px-3 py-1.5 text-right">{r.roi === undefined ? '—' : formatPercent(r.roi)}</td>
    </>
  );
  return (
    <Card className="mb-5" aria-labelledby="returns-title">
      <h2 id="returns-title" className="font-semibold text-white">Cost and returns to date</h2>
      <p className="mt-1 text-sm text-slate-400">What each NFT cost you and the rewards it has paid, in USD when claimed (from the indexer; a resale value is not counted).</p>
      <div className="mt-3 overflow-x-auto">
        <table className="tabular w-full text-sm" aria-label="Cost and returns">
          <thead className="text-xs text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-1.5 text-left font-medium">NFT</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Cost</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Rewards</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Profit</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">ROI</th>
            </tr>
          </thead>
          <tbody>
            {q.data.rows.map((r) => (
              <tr key={String(r.tokenId)} className="border-t border-slate-800" data-testid={`returns-${r.tokenId}`}>
                <td className="px-3 py-1.5"><a href={href.nft(r.tokenId)} className="text-brand-300 hover:underline">#{String(r.tokenId)}</a></td>
                {cells(r)}
              </tr>
            ))}
            <tr className="border-t border-slate-700 font-semibold" data-testid="returns-total">
              <td className="px-3 py-1.5">Total</td>
              {cells(q.data.total)}
            </tr>
          </tbody>
        </table>
      </div>
    </Card>
  );
}
