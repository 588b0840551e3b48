// Marketplace: active listings (filter by coin and term left; sort by price, price per unit-day, ending
// soon), floor prices and recent sales; buy; and the seller's own listings with why any went invalid.
import { Suspense, useDeferredValue, useMemo, useState } from 'react';
import { useAccount } from 'wagmi';
import { useBlockTimes } from '../hooks/useBlockTimes';
import { EmptyState, ErrorNote, IntroHeader, LoadingCards } from '../components/ui';
import { PAGE_INTROS } from '../lib/pageHeaders';
import { formatInteger } from '../lib/format';
import { useChainTime } from '../hooks/useChainTime';
import { MARKET_PAGE, useMarket, useNewestListings, type CoinLabel } from '../hooks/useMarket';
import { defaultListingsQuery } from '../lib/indexer';
import { useIndexedListings, useIndexedSales, useIndexerSource } from '../hooks/useIndexer';
import { useProducts } from '../hooks/useProducts';
import { useProtocol } from '../hooks/useProtocol';
import { floorPrices, listingStatus } from '../lib/marketState';
import { Browse, NewestOnly } from '../components/market/Browse';
import { IndexedBrowse, SourceNote } from '../components/market/IndexedBrowse';
import { MarketSkeleton } from '../components/market/MarketSkeleton';
import { MarketSummary } from '../components/market/MarketSummary';
import { MarketHistory } from '../components/market/MarketHistory';
import { ChangeNotice } from '../components/governance/ChangeNotice';
import { MyListings, OffersTab, preloadMarketParts } from '../components/market/lazy';
import { usePreloadWhenIdle } from '../lib/idle';

export default function MarketplacePage() {
  // The newest listings come straight from the chain and show first; the whole market (logs) is read
  // once they are in, so its large response never holds back the first page's requests.
  const newest = useNewestListings();
  const protocol = useProtocol();
  // With a current indexer, browsing, filters, sorts, floors and sales come from it and the log replay is
  // not read; otherwise (none configured, unreachable or behind) the chain, as without one.
  const source = useIndexerSource();
  const indexed = source.use;
  const market = useMarket({ enabled: !indexed && source.state !== 'checking' && newest.isFetched && protocol.isFetched });
  const products = useProducts();
  const now = useChainTime();
  const { address } = useAccount();
  // Query results arrive as synchronous (uninterruptible) renders; the listings they bring are rendered in
  // a deferred pass instead, which React splits into short slices, so the page's first listings do not
  // hold the main thread in one long task.
  const newestData = useDeferredValue(newest.data);
  const marketData = useDeferredValue(market.data);
  const [tab, setTab] = useState<'browse' | 'offers' | 'mine'>('browse');
  usePreloadWhenIdle(newest.isFetched, preloadMarketParts);
  // The page re-renders every second for its countdowns; which listings are active, the floors and the
  // seller's own listings are worked out over the whole market, so only once a minute (or when it changes).
  const minute = now === undefined ? undefined : now - (now % 60);
  const full = indexed ? undefined : marketData;
  const active = useMemo(() => (full && minute !== undefined ? full.listings.filter((l) => listingStatus(l, minute) === 'active') : undefined), [full, minute]);
  // From the indexer: the count and floors (the same request as the browse list's first page), the latest
  // sales with their times, the seller's listings.
  const summary = useIndexedListings(defaultListingsQuery(minute ?? 0, MARKET_PAGE), indexed && minute !== undefined);
  const indexedSales = useIndexedSales(indexed);
  const indexedMine = useIndexedListings({ now: minute ?? 0, seller: address, limit: 200 }, indexed && minute !== undefined && address !== undefined);
  const chainFloors = useMemo(() => (active ? floorPrices(active) : undefined), [active]);
  const floors = indexed ? summary.data?.floors : chainFloors;
  const sales = indexed ? indexedSales.data : full?.sales;
  const chainSaleTimes = useBlockTimes(indexed ? [] : (full?.sales.slice(0, 5).map((s) => s.blockNumber) ?? []));
  const saleTimes = indexed ? new Map(indexedSales.data?.map((s) => [String(s.blockNumber), s.timestamp])) : chainSaleTimes.data;
  const chainMine = useMemo(
    () => (full && address ? full.listings.filter((l) => l.seller.toLowerCase() === address.toLowerCase() && l.base === 'open') : []),
    [full, address],
  );
  const mine = indexed ? (indexedMine.data?.listings ?? []) : chainMine;
  const count = indexed ? summary.data?.total : active?.length;

  if ((market.isError && !newestData) || (protocol.isError && !newestData)) return <ErrorNote>Could not read the marketplace from the chain. It retries on its own.</ErrorNote>;
  // The cards need only each coin's symbol and unit, which the first read brings; prices and output
  // (useProtocol's second round trip) are needed only to buy.
  const labels: CoinLabel[] | undefined = protocol.data?.coins ?? newestData?.coins;
  if ((!marketData && !newestData) || !labels || now === undefined) return <MarketSkeleton />;

  const coins = protocol.data?.coins;
  const names = (id: number) => products.data?.[id]?.name ?? `Product ${id}`;
  const feeBps = full?.feeBps ?? newestData?.feeBps ?? 0;
  const loadingNote = market.isError ? 'Could not read the whole market yet; it retries on its own.' : 'Loading the whole market…';

  return (
    <div>
      <IntroHeader page={PAGE_INTROS.market!} />
      <ChangeNotice area="market" />
      <SourceNote source={source} />
      <MarketSummary floors={floors} sales={sales} saleTimes={saleTimes} names={names} loadingNote={indexed ? 'Loading from the indexer…' : loadingNote} />
      {/* History needs the indexer; read once the first listings are in (it never delays them). */}
      <MarketHistory enabled={indexed && summary.isFetched} names={names} />

      <div className="mb-4 flex flex-wrap items-center gap-2">
        <div role="tablist" aria-label="Marketplace views" className="flex gap-2">
          {(
            [
              ['browse', `Listings (${count !== undefined ? formatInteger(count) : '…'})`],
              ['offers', 'Offers'],
              ['mine', `My listings${address && (full || indexedMine.data) ? ` (${mine.length})` : ''}`],
            ] as const
          ).map(([key, label]) => (
            <button key={key} role="tab" type="button" aria-selected={tab === key} onClick={() => setTab(key)} className="rounded-full border border-slate-700 px-4 py-1.5 text-sm text-slate-300 aria-selected:border-brand-400 aria-selected:bg-brand-500/10 aria-selected:text-white">
              {label}
            </button>
          ))}
        </div>
        <p className="ml-auto text-xs text-slate-400" data-testid="market-fee">
          Protocol fee {(feeBps / 100).toFixed(1)}%, inside every listed price
        </p>
      </div>

      {tab === 'offers' ? (
        products.data ? (
          <Suspense fallback={<LoadingCards label="Loading offers" count={2} cardClass="h-32" />}>
            <OffersTab products={products.data} labels={labels} names={names} now={now} feeBps={feeBps} active={active} />
          </Suspense>
        ) : (
          <LoadingCards label="Loading offers" count={2} cardClass="h-32" />
        )
      ) : tab === 'browse' ? (
        indexed ? (
          <IndexedBrowse labels={labels} coins={coins} now={now} asOf={minute!} names={names} feeBps={feeBps} newest={newestData} />
        ) : active ? (
          <Browse active={active} newest={newestData} labels={labels} coins={coins} now={now} asOf={minute!} names={names} feeBps={feeBps} />
        ) : (
          <NewestOnly newest={newestData!} labels={labels} coins={coins} now={now} names={names} note={loadingNote} />
        )
      ) : !address ? (
        <EmptyState title="Connect a wallet to see your listings" />
      ) : full || indexedMine.data ? (
        <Suspense fallback={<LoadingCards label="Loading your listings" />}>
          <MyListings listings={mine} coins={labels} now={now} names={names} />
        </Suspense>
      ) : (
        <LoadingCards label="Loading your listings" />
      )}
    </div>
  );
}
