// The Marketplace's summary cards: floor price per product and the latest sales.
import { BlockTime } from '../BlockTime';
import { Card } from '../ui';
import { formatUsdt } from '../../lib/format';
import type { Sale } from '../../lib/marketState';
import { href } from '../../lib/router';
import { SUMMARY_CARD } from './layout';

/** Floor prices per product and the five latest sales; each says so while the whole market loads. */
export function MarketSummary({ floors, sales, saleTimes, names, loadingNote }: { floors?: ReadonlyMap<number, bigint>; sales?: Sale[]; saleTimes?: Map<string, number>; names: (id: number) => string; loadingNote: string }) {
  return (
    <div className="mb-5 grid gap-4 lg:grid-cols-2">
      <Card aria-labelledby="floors-title" className={SUMMARY_CARD}>
        <h2 id="floors-title" className="mb-2 font-semibold text-white">Floor prices</h2>
        {!floors ? (
          <p className="text-sm text-slate-400" role="status">{loadingNote}</p>
        ) : floors.size === 0 ? (
          <p className="text-sm text-slate-400">No active listings.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {[...floors].map(([pid, price]) => (
              <li key={pid} className="tabular flex justify-between gap-3">
                <span className="truncate text-slate-300">{names(pid)}</span>
                <span className="font-medium" data-testid={`floor-${pid}`}>{formatUsdt(price)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card aria-labelledby="sales-title" className={SUMMARY_CARD}>
        <h2 id="sales-title" className="mb-2 font-semibold text-white">Recent sales</h2>
        {!sales ? (
          <p className="text-sm text-slate-400">{loadingNote}</p>
        ) : sales.length === 0 ? (
          <p className="text-sm text-slate-400">No sales yet.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="recent-sales">
            {sales.slice(0, 5).map((s) => (
              <li key={s.hash} className="tabular flex items-start justify-between gap-3">
                {/* The name wraps rather than being cut; on phones the sale's time goes under the price to leave it room. */}
                <a href={href.nft(s.tokenId)} className="min-w-0 break-words text-slate-300 hover:underline">#{String(s.tokenId)} · {names(s.productId)}</a>
                <span className="shrink-0 text-right font-medium">{formatUsdt(s.price)} <BlockTime block={s.blockNumber} times={saleTimes} className="block text-xs text-slate-400 sm:inline" /></span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
