// Each product's market over time, from the indexer (market_day): the floor price per hashrate unit per
// day of term left (the lowest asked or paid that day), and the daily sales volume (listings bought and
// offers accepted). Read only with a current indexer, and only once the page's first listings are in, so
// it never holds back the first paint. Without the indexer the page says this history needs it.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useAppChain } from '../../hooks/useAppChain';
import { fetchMarketDays } from '../../lib/indexer';
import { formatInteger, formatUsd } from '../../lib/format';
import { hmKey } from '../../lib/queryKeys';
import { DayChart } from '../activity/DayChart';
import { Card, inputClass } from '../ui';

const DAY = 86_400;

export function MarketHistory({ enabled, names }: { enabled: boolean; names: (id: number) => string }) {
  const { chainId } = useAppChain();
  const days = useQuery({ queryKey: hmKey(chainId, 'market', 'indexer', 'days'), enabled, retry: false, queryFn: () => fetchMarketDays(0) });
  const products = useMemo(() => [...new Set((days.data ?? []).map((d) => d.productId))].sort((a, b) => a - b), [days.data]);
  const [chosen, setChosen] = useState<number>();
  // First shown: the product with the most sales (then the lowest id).
  const busiest = useMemo(() => {
    const sales = new Map<number, number>();
    for (const d of days.data ?? []) sales.set(d.productId, (sales.get(d.productId) ?? 0) + d.sales);
    return [...sales].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  }, [days.data]);
  const productId = chosen ?? busiest ?? products[0];
  if (!enabled || !days.data || products.length === 0 || productId === undefined) return null;
  const rows = days.data.filter((d) => d.productId === productId);
  const floor = rows.filter((d) => d.floor !== null).map((d) => ({ day: d.day * DAY, value: d.floor! }));
  const volume = rows.map((d) => ({ day: d.day * DAY, value: Number(d.volume) / 1e6 }));
  const sales = rows.reduce((s, d) => s + d.sales, 0);
  return (
    <Card className="mb-5" aria-labelledby="history-title">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
        <h2 id="history-title" className="font-semibold text-white">Floor and volume history</h2>
        <label className="text-xs text-slate-400">
          Product
          <select className={`${inputClass} mt-1`} value={productId} onChange={(e) => setChosen(Number(e.target.value))}>
            {products.map((p) => <option key={p} value={p}>{names(p)}</option>)}
          </select>
        </label>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <h3 className="mb-1 text-sm text-slate-300">Floor, USD per unit per day of term left</h3>
          {floor.length > 0 ? <DayChart points={floor} kind="line" color="#38bdf8" format={(v) => formatUsd(v)} label={`${names(productId)}: floor per unit per day`} testId="floor-chart" /> : <p className="text-sm text-slate-400">No listing or sale yet.</p>}
        </div>
        <div>
          <h3 className="mb-1 text-sm text-slate-300">Daily volume, USD ({formatInteger(sales)} {sales === 1 ? 'sale' : 'sales'})</h3>
          {sales > 0 ? <DayChart points={volume} format={(v) => formatUsd(v)} label={`${names(productId)}: daily sales volume`} testId="volume-chart" /> : <p className="text-sm text-slate-400">No sales yet.</p>}
        </div>
      </div>
    </Card>
  );
}
