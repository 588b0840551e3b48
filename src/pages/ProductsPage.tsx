// Products: every sale (open, upcoming, ended, sold out) with its terms, supply, sale window and the
// estimated daily net income and breakeven per unit, then buying.
import { lazy, Suspense, useDeferredValue, useState } from 'react';
import { Countdown } from '../components/Countdown';
import { ORDER, ProductFilters, STATUS, type Filter } from '../components/products/ProductFilters';
import { CoinStripPlaceholder, ProductCardsLoading } from '../components/products/ProductsSkeleton';
import { Badge, Card, EmptyState, ErrorNote, IntroHeader, ProgressBar, Stat, buttonClass } from '../components/ui';
import { PAGE_INTROS } from '../lib/pageHeaders';
import { useChainTime } from '../hooks/useChainTime';
import { saleStatus, useProducts, type Product, type SaleStatus } from '../hooks/useProducts';
import { useProtocol, type CoinState, type ProtocolState } from '../hooks/useProtocol';
import { dailyOutput, estimate } from '../lib/economics';
import { formatDate, formatEfficiency, formatHashrate, formatInteger, formatStable, formatToken, formatUsd, plural } from '../lib/format';
import { usePreloadWhenIdle } from '../lib/idle';

// The buy dialog (with the payment, approval and transaction code it brings) is its own chunk, so the
// page's first read and render do not wait for it or run it; it is fetched once the products show and the
// browser is idle, so a click on Buy finds it loaded.
const loadBuyDialog = () => import('../components/BuyDialog');
const BuyDialog = lazy(() => loadBuyDialog().then((m) => ({ default: m.BuyDialog })));

export default function ProductsPage() {
  const productsRead = useProducts();
  const protocolRead = useProtocol();
  // Query results arrive as synchronous (uninterruptible) renders; the cards they bring are rendered in a
  // deferred pass instead, which React splits into short slices, so the first products do not hold the
  // main thread in one long task.
  const products = { isError: productsRead.isError, data: useDeferredValue(productsRead.data) };
  const protocol = { isError: protocolRead.isError, data: useDeferredValue(protocolRead.data) };
  const now = useChainTime();
  const [filter, setFilter] = useState<Filter>('all');
  const [coinFilter, setCoinFilter] = useState<number | 'all'>('all');
  usePreloadWhenIdle(Boolean(products.data), loadBuyDialog);

  if (products.isError || protocol.isError) {
    return <ErrorNote>Could not load the products from the chain. Check the connection; it retries on its own.</ErrorNote>;
  }
  const loading = !products.data || !protocol.data || now === undefined;
  const list = (products.data ?? [])
    .map((p) => ({ p, status: now === undefined ? 'open' : saleStatus(p, now) }))
    .filter(({ p, status }) => (filter === 'all' || status === filter) && (coinFilter === 'all' || p.coin === coinFilter))
    .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || Number(a.p.id - b.p.id));

  return (
    <div>
      <IntroHeader page={PAGE_INTROS.products!} />
      {protocol.data ? <CoinStrip protocol={protocol.data} /> : <CoinStripPlaceholder />}
      <ProductFilters filter={filter} onFilter={setFilter} coins={protocol.data?.coins ?? []} coin={coinFilter} onCoin={setCoinFilter} />
      {loading ? (
        <ProductCardsLoading />
      ) : list.length === 0 ? (
        <EmptyState title="No products match">Try another filter.</EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Products">
          {list.map(({ p, status }) => (
            <li key={String(p.id)}>
              <ProductCard product={p} status={status} coin={protocol.data!.coins[p.coin]} protocol={protocol.data!} now={now!} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CoinStrip({ protocol }: { protocol: ProtocolState }) {
  return (
    <dl className="mb-5 grid grid-cols-3 gap-2 sm:gap-4">
      {protocol.coins.map((c) => (
        <div key={c.id} className="rounded-xl border border-slate-800 bg-slate-900/50 px-3 py-2">
          <dt className="text-xs text-slate-400">{c.symbol} price</dt>
          <dd className="tabular font-semibold">{formatUsd(c.priceUsd)}</dd>
          <dd className="tabular hidden text-xs text-slate-400 sm:block">
            {formatToken(dailyOutput(1n, c.latestOutput), c.decimals, c.symbol, 8)} per {c.unit} per day
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ProductCard({ product: p, status, coin, protocol, now }: { product: Product; status: SaleStatus; coin: CoinState; protocol: ProtocolState; now: number }) {
  const [open, setOpen] = useState(false);
  const left = p.supplyCap - p.sold;
  const perUnit = estimate({
    hashrate: p.hashratePerUnit,
    outputPerUnit: coin.latestOutput,
    coinDecimals: coin.decimals,
    coinPriceUsd: coin.priceUsd,
    costUsd: Number(p.pricePerUnit) / 10 ** protocol.usdt.decimals,
    termDays: p.termDays,
  });
  const s = STATUS[status];
  return (
    <Card className="flex h-full flex-col" aria-labelledby={`product-${p.id}`} data-testid={`product-${p.id}`}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 id={`product-${p.id}`} className="text-lg font-semibold text-white">{p.name}</h2>
          <p className="text-sm text-slate-400">Mines {coin.symbol}</p>
        </div>
        <Badge tone={s.tone}>{s.label}</Badge>
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-3">
        <Stat label="Hashrate / unit" value={formatHashrate(p.hashratePerUnit, coin.unit)} />
        <Stat label="Price / unit" value={formatStable(p.pricePerUnit)} sub="electricity included" />
        <Stat label="Term" value={plural(p.termDays, 'day')} />
        <Stat label="Efficiency" value={formatEfficiency(p.efficiencyWx10, coin.unit)} />
        <Stat label="Net / day / unit" value={formatUsd(perUnit.dailyUsd)} sub={formatToken(perUnit.dailyCoin, coin.decimals, coin.symbol, 8)} testId={`product-${p.id}-daily`} />
        <Stat
          label="Breakeven"
          value={perUnit.breakevenDays === undefined ? '—' : plural(perUnit.breakevenDays, 'day')}
          sub={perUnit.breaksEvenInTerm ? `within the ${p.termDays}-day term` : 'not within the term'}
        />
      </dl>
      <div className="mt-4">
        <div className="mb-1 flex justify-between text-xs text-slate-400">
          <span className="tabular">{formatInteger(left)} of {formatInteger(p.supplyCap)} units left</span>
          <span>{p.perWalletCap > 0n ? `max ${p.perWalletCap} per wallet` : 'no wallet limit'}</span>
        </div>
        <ProgressBar value={Number(p.sold) / Number(p.supplyCap)} label={`${p.name}: ${p.sold} of ${p.supplyCap} units sold`} />
      </div>
      <p className="mt-3 text-sm text-slate-300">
        {status === 'upcoming' && <Countdown prefix="Opens in" to={p.saleStart} now={now} />}
        {status === 'open' && <Countdown prefix="Sale ends in" to={p.saleEnd} now={now} />}
        {status === 'ended' && <>Sale ended {formatDate(p.saleEnd)}</>}
        {status === 'soldout' && <>Sold out · sale window until {formatDate(p.saleEnd)}</>}
      </p>
      <div className="mt-auto pt-4">
        <button type="button" className={`${buttonClass.primary} w-full`} disabled={status !== 'open'} onClick={() => setOpen(true)} aria-haspopup="dialog">
          {status === 'open' ? 'Buy' : s.label}
        </button>
      </div>
      {open && (
        <Suspense fallback={null}>
          <BuyDialog product={p} coin={coin} protocol={protocol} now={now} open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </Card>
  );
}
