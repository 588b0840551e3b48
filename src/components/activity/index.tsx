// Activity: a connected wallet's whole history across every product line, from the indexer, newest first:
// the date, what happened, the amount in its token and in USD at the time, and links to the NFT and the
// transaction. Filter by kind; download rewards or everything as CSV, and the calendar as .ics.
// The history needs the indexer; without one (or while it is down) the page says so and shows nothing
// it cannot vouch for.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useAccount } from 'wagmi';
import { useAppChain } from '../../hooks/useAppChain';
import { useIndexerSource } from '../../hooks/useIndexer';
import { fetchActivity, indexerUrl, type ActivityEntry } from '../../lib/indexer';
import { chains } from '../../lib/chains';
import { formatDateTime, formatInteger, formatToken, formatUsd, shortAddress } from '../../lib/format';
import { hmKey } from '../../lib/queryKeys';
import { href } from '../../lib/router';
import { Card, EmptyState, ErrorNote, PageHeader, inputClass } from '../ui';
import { ExportButtons } from './ExportButtons';
import { GROUPS, KIND_TEXT, loanRef, type GroupKey } from './kinds';

function useActivity(account: string | undefined, enabled: boolean) {
  const { chainId } = useAppChain();
  return useQuery({
    queryKey: hmKey(chainId, 'portfolio', 'activity', account),
    enabled: enabled && account !== undefined,
    retry: false,
    placeholderData: (previous) => previous,
    queryFn: () => fetchActivity(account as `0x${string}`),
  });
}

export default function ActivityPage() {
  const { address } = useAccount();
  const { chainId } = useAppChain();
  const source = useIndexerSource();
  // A slightly behind indexer still has the history; only one that does not answer has nothing to show.
  const reachable = source.state === 'current' || source.state === 'behind';
  const activity = useActivity(address, reachable);
  const [group, setGroup] = useState<GroupKey>('all');
  const kinds: readonly string[] = GROUPS.find((g) => g.key === group)!.kinds;
  const shown = useMemo(() => (activity.data ?? []).filter((e) => kinds.length === 0 || kinds.includes(e.kind)), [activity.data, kinds]);
  const explorer = chains.find((c) => c.id === chainId)?.blockExplorers?.default.url;

  return (
    <div>
      <PageHeader title="Activity">
        <p className="mt-1 text-sm text-slate-400">Everything your wallet did on Hashmint, with the value in USD when it happened.</p>
      </PageHeader>
      {!address ? (
        <EmptyState title="Connect a wallet to see its activity" />
      ) : !indexerUrl ? (
        <EmptyState title="Activity needs the indexer">This build has no indexer (VITE_INDEXER_URL); `npm run dev` starts one.</EmptyState>
      ) : source.state === 'down' ? (
        <p role="status" data-testid="activity-source" className="rounded-lg border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-200">
          The indexer is not answering, so the history cannot be shown. It is checked again every few seconds.
        </p>
      ) : (
        <>
          {source.state === 'behind' && (
            <p role="status" data-testid="activity-source" className="mb-3 rounded-lg border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-xs text-amber-200">
              The indexer is {source.lag} blocks behind the chain: the latest entries may be missing.
            </p>
          )}
          <ExportButtons entries={activity.data} account={address} />
          <div className="mb-3 flex flex-wrap items-end gap-3">
            <label className="text-xs text-slate-400">
              Show
              <select className={`${inputClass} mt-1`} value={group} onChange={(e) => setGroup(e.target.value as GroupKey)}>
                {GROUPS.map((g) => <option key={g.key} value={g.key}>{g.label}</option>)}
              </select>
            </label>
            {activity.data && <p className="pb-2 text-sm text-slate-400" aria-live="polite">{formatInteger(shown.length)} of {formatInteger(activity.data.length)} entries</p>}
          </div>
          {activity.isError && !activity.data ? (
            <ErrorNote>Could not read the history from the indexer. It retries on its own.</ErrorNote>
          ) : !activity.data ? (
            <p role="status" className="text-sm text-slate-400">Loading the history…</p>
          ) : shown.length === 0 ? (
            <EmptyState title="Nothing here yet">Buy hash power, list an NFT, claim rewards or open a deposit, and it shows here.</EmptyState>
          ) : (
            <Card className="p-0 sm:overflow-x-auto">
              {/* On phones each row is a small grid: what (and the NFT) on top, then date and amount, then transaction and USD. */}
              <table className="block w-full text-sm sm:table" aria-label="Activity">
                <thead className="hidden text-left text-xs text-slate-400 sm:table-header-group">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">Date</th>
                    <th scope="col" className="px-3 py-2 font-medium">What</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Amount</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">USD then</th>
                    <th scope="col" className="px-3 py-2 font-medium">Transaction</th>
                  </tr>
                </thead>
                <tbody className="block sm:table-row-group">
                  {shown.map((e) => <Row key={e.id} e={e} explorer={explorer} />)}
                </tbody>
              </table>
            </Card>
          )}
        </>
      )}
    </div>
  );
}

/** USD at the time of the event (6 decimals), as dollars. */
const usdThen = (usd: bigint) => formatUsd(Number(usd) / 1e6);

function Row({ e, explorer }: { e: ActivityEntry; explorer?: string }) {
  const moved = e.amount > 0n;
  return (
    <tr className="grid grid-cols-2 gap-x-3 gap-y-1 border-t border-slate-800 px-3 py-2 align-top first:border-t-0 sm:table-row sm:first:border-t" data-testid="activity-row" data-kind={e.kind}>
      <td className="order-2 whitespace-nowrap text-slate-300 sm:px-3 sm:py-2">
        <time dateTime={new Date(e.timestamp * 1000).toISOString()}>{formatDateTime(e.timestamp)}</time>
      </td>
      <td className="order-1 col-span-2 sm:px-3 sm:py-2">
        <span className="text-white">{KIND_TEXT[e.kind] ?? e.kind}</span>
        {loanRef(e.kind, e.ref) && (
          <>
            {' '}
            <a href={e.kind.startsWith('auction-') ? href.auctions : href.loans} className="text-brand-300 hover:underline">{loanRef(e.kind, e.ref)}</a>
          </>
        )}
        {e.tokenId !== undefined && (
          <>
            {' '}
            <a href={href.nft(e.tokenId)} className="text-brand-300 hover:underline">NFT #{String(e.tokenId)}</a>
          </>
        )}
        {e.counterparty && <span className="block text-xs text-slate-400" title={e.counterparty}>with {shortAddress(e.counterparty)}</span>}
      </td>
      <td className="tabular order-3 whitespace-nowrap text-right sm:px-3 sm:py-2">{moved ? formatToken(e.amount, e.decimals, e.asset, 8) : '—'}</td>
      <td className="tabular order-5 whitespace-nowrap text-right text-slate-300 sm:px-3 sm:py-2 sm:text-white" data-testid="activity-usd">
        {moved && e.usd !== undefined ? usdThen(e.usd) : '—'}
      </td>
      <td className="order-4 whitespace-nowrap sm:px-3 sm:py-2">
        {explorer ? (
          <a href={`${explorer}/tx/${e.txHash}`} target="_blank" rel="noreferrer" className="text-brand-300 hover:underline" title={e.txHash}>{shortAddress(e.txHash)}</a>
        ) : (
          <span className="font-mono text-xs text-slate-400" title={`${e.txHash} (block ${e.blockNumber})`}>{shortAddress(e.txHash)}</span>
        )}
      </td>
    </tr>
  );
}
