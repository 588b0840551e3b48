// Pools: joint purchases of hash power. Open pools with progress to target and hard cap and their deadline;
// contribute; finalize once the target is reached; members claim their pro-rata rewards and unspent USDT,
// or refund in full when a pool failed. Anyone can start a pool toward an open product.
import { useState } from 'react';
import { CreatePoolDialog } from '../components/pools/CreatePoolDialog';
import { PoolCard } from '../components/pools/PoolCard';
import { EmptyState, ErrorNote, LoadingCards, PageHeader, buttonClass } from '../components/ui';
import { useChainTime } from '../hooks/useChainTime';
import { usePools, type Pool } from '../hooks/usePools';
import { useProducts } from '../hooks/useProducts';
import { useProtocol } from '../hooks/useProtocol';
import { POOL_STATUS_LABEL, type PoolStatus } from '../lib/pools';

const ORDER: PoolStatus[] = ['open', 'succeeded', 'finalized', 'failed'];
type Filter = 'all' | 'mine' | PoolStatus;

export default function PoolsPage() {
  const pools = usePools();
  const products = useProducts();
  const protocol = useProtocol();
  const now = useChainTime();
  const [filter, setFilter] = useState<Filter>('all');
  const [creating, setCreating] = useState(false);

  if (pools.isError || products.isError || protocol.isError) {
    return <ErrorNote>Could not load the pools from the chain. Check the connection; it retries on its own.</ErrorNote>;
  }
  const loading = !pools.data || !products.data || !protocol.data || now === undefined;
  // "Mine" only for a connected wallet that put money into a pool (every pool has a member record, even
  // an empty one, once a wallet is connected); if that changes (disconnect, another account), back to all.
  const isMine = (p: Pool) => (p.member?.contribution ?? 0n) > 0n;
  const hasMine = (pools.data ?? []).some(isMine);
  const shown: Filter = filter === 'mine' && !hasMine ? 'all' : filter;
  const list = (pools.data ?? [])
    .filter((p) => shown === 'all' || (shown === 'mine' ? isMine(p) : p.status === shown))
    .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || Number(b.id - a.id));

  return (
    <div>
      <PageHeader title="Joint mining pools">
        <div className="flex flex-wrap items-end gap-3">
          <p className="max-w-xl text-sm text-slate-400">
            Buy hash power together. If the target is reached the pool buys it and shares the rewards pro rata; if not by the deadline, everyone gets back exactly what they put in.
          </p>
          <button type="button" className={buttonClass.secondary} onClick={() => setCreating(true)} aria-haspopup="dialog" disabled={loading}>
            Start a pool
          </button>
        </div>
      </PageHeader>
      <div className="mb-4 flex flex-wrap gap-2" role="group" aria-label="Filter pools">
        {(['all', ...ORDER, ...(hasMine ? (['mine'] as const) : [])] as Filter[]).map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={shown === f}
            onClick={() => setFilter(f)}
            className="rounded-full border border-slate-700 px-3 py-1.5 text-sm text-slate-300 aria-pressed:border-brand-400 aria-pressed:bg-brand-500/10 aria-pressed:text-white"
          >
            {f === 'all' ? 'All' : f === 'mine' ? 'Mine' : POOL_STATUS_LABEL[f]}
          </button>
        ))}
      </div>
      {loading ? (
        <LoadingCards label="Loading pools" />
      ) : list.length === 0 ? (
        <EmptyState title={pools.data!.length === 0 ? 'No pools yet' : 'No pools match'}>
          {pools.data!.length === 0 ? 'Start one: pick an open product, a target and a deadline.' : 'Try another filter.'}
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Pools">
          {list.map((p) => {
            const product = products.data!.find((x) => x.id === BigInt(p.productId));
            const coin = protocol.data!.coins[p.coin];
            if (!product || !coin) return null;
            return (
              <li key={String(p.id)}>
                <PoolCard pool={p} product={product} coin={coin} now={now!} />
              </li>
            );
          })}
        </ul>
      )}
      {creating && products.data && protocol.data && now !== undefined && (
        <CreatePoolDialog products={products.data} protocol={protocol.data} now={now} open={creating} onClose={() => setCreating(false)} />
      )}
    </div>
  );
}
