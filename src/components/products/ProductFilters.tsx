// The Products page's filter row (sale status, then coin). Its own module so the page's loading view
// (ProductsSkeleton, also the prerendered first paint) draws the same row.
import type { SaleStatus } from '../../hooks/useProducts';

export const STATUS: Record<SaleStatus, { label: string; tone: 'green' | 'sky' | 'slate' | 'rose' }> = {
  open: { label: 'On sale', tone: 'green' },
  upcoming: { label: 'Upcoming', tone: 'sky' },
  ended: { label: 'Ended', tone: 'slate' },
  soldout: { label: 'Sold out', tone: 'rose' },
};
export const ORDER: SaleStatus[] = ['open', 'upcoming', 'soldout', 'ended'];
export type Filter = 'all' | SaleStatus;

const chip =
  'rounded-full border border-slate-700 px-3 py-1.5 text-sm text-slate-300 aria-pressed:border-brand-400 aria-pressed:bg-brand-500/10 aria-pressed:text-white';

export function ProductFilters({
  filter,
  onFilter,
  coins,
  coin,
  onCoin,
}: {
  filter: Filter;
  onFilter: (f: Filter) => void;
  /** The coins to filter by, once the protocol is read (none before). */
  coins: readonly { id: number; symbol: string }[];
  coin: number | 'all';
  onCoin: (c: number | 'all') => void;
}) {
  return (
    <div className="mb-4 flex flex-wrap gap-2" role="group" aria-label="Filter products">
      {(['all', ...ORDER] as Filter[]).map((f) => (
        <button key={f} type="button" aria-pressed={filter === f} onClick={() => onFilter(f)} className={chip}>
          {f === 'all' ? 'All' : STATUS[f].label}
        </button>
      ))}
      <span className="mx-1 hidden w-px bg-slate-800 sm:block" />
      <button type="button" aria-pressed={coin === 'all'} onClick={() => onCoin('all')} className={chip}>
        Every coin
      </button>
      {coins.map((c) => (
        <button key={c.id} type="button" aria-pressed={coin === c.id} onClick={() => onCoin(c.id)} className={chip}>
          {c.symbol}
        </button>
      ))}
    </div>
  );
}
