// The listing filters (coin, term left) and sort orders.
import { inputClass } from '../ui';
import type { CoinLabel } from '../../hooks/useMarket';

export type Sort = 'price-asc' | 'price-desc' | 'unit-day' | 'ending' | 'newest';
export const TERMS = [
  { key: 'any', label: 'Any term left', min: 0, max: Infinity },
  { key: 'lt30', label: 'Under 30 days', min: 0, max: 30 },
  { key: '30-90', label: '30–90 days', min: 30, max: 90 },
  { key: '90-180', label: '90–180 days', min: 90, max: 180 },
  { key: 'gt180', label: 'Over 180 days', min: 180, max: Infinity },
] as const;

export function Filters({ disabled, coin, term, sort, coins = [], onCoin, onTerm, onSort }: {
  disabled?: boolean;
  coin: number | 'all';
  term: (typeof TERMS)[number]['key'];
  sort: Sort;
  coins?: CoinLabel[];
  onCoin?: (c: number | 'all') => void;
  onTerm?: (t: (typeof TERMS)[number]['key']) => void;
  onSort?: (s: Sort) => void;
}) {
  return (
    <div className="mb-4 grid gap-2 sm:grid-cols-3">
      <label className="text-xs text-slate-400">
        Coin
        <select className={`${inputClass} mt-1`} disabled={disabled} value={String(coin)} onChange={(e) => onCoin?.(e.target.value === 'all' ? 'all' : Number(e.target.value))}>
          <option value="all">Every coin</option>
          {coins.map((c) => <option key={c.id} value={c.id}>{c.symbol}</option>)}
        </select>
      </label>
      <label className="text-xs text-slate-400">
        Term left
        <select className={`${inputClass} mt-1`} disabled={disabled} value={term} onChange={(e) => onTerm?.(e.target.value as typeof term)}>
          {TERMS.map((t) => <option key={t.key} value={t.key}>{t.label}</option>)}
        </select>
      </label>
      <label className="text-xs text-slate-400">
        Sort by
        <select className={`${inputClass} mt-1`} disabled={disabled} value={sort} onChange={(e) => onSort?.(e.target.value as Sort)}>
          <option value="newest">Newest</option>
          <option value="price-asc">Price: low to high</option>
          <option value="price-desc">Price: high to low</option>
          <option value="unit-day">Price per unit per day left</option>
          <option value="ending">Ending soon</option>
        </select>
      </label>
    </div>
  );
}
