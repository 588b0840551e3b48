// Browsing listings: the newest straight from the chain first, then the whole market filtered, sorted and
// paged, each visible listing's status confirmed on chain before it can be bought.
import { Suspense, useMemo, useState } from 'react';
import { EmptyState, LoadingCards, Pager } from '../ui';
import { SweepControls, useUnitDayCap } from './SweepControls';
import { BuyListingDialog, SweepDialog } from './lazy';
import { useListingStatuses, MARKET_PAGE, type CoinLabel, type NewestListings } from '../../hooks/useMarket';
import type { CoinState } from '../../lib/protocol';
import { termDaysLeft } from '../../lib/terms';
import { formatInteger } from '../../lib/format';
import { pricePerUnitDay, type ListingStatus, type MarketListing } from '../../lib/marketState';
import { LISTING_CARD_HEIGHT } from './layout';
import { Filters, TERMS, type Sort } from './Filters';
import { ListingCard } from './ListingCard';

const PAGE = MARKET_PAGE;

/** Statuses the first chain read already confirmed (every listing it returns was Active). */
function confirmedActive(newest: NewestListings | undefined): ReadonlyMap<string, ListingStatus> | undefined {
  return newest && new Map(newest.listings.map((l) => [String(l.id), 'active' as const]));
}

/**
 * Before the whole market is in: the newest listings read from the chain, confirmed Active by that read.
 * Filters and sorts need every listing, so they wait, and the page says so.
 */
export function NewestOnly({ newest, labels, coins, now, names, note }: { newest: NewestListings; labels: CoinLabel[]; coins?: CoinState[]; now: number; names: (id: number) => string; note: string }) {
  const unitDay = useUnitDayCap();
  return (
    <div>
      <Filters disabled coin="all" term="any" sort="newest" />
      <SweepControls unitDay={unitDay} onChange={() => undefined} canSweep={false} onSweep={() => undefined} disabled />
      <NewestCards newest={newest} labels={labels} coins={coins} now={now} names={names} note={`${note} Filters, other sorts and the full count follow.`} />
    </div>
  );
}

/**
 * The newest listings as the chain read them (each confirmed Active by that read, so buyable), under a note
 * saying so: shown while the whole market, or the indexer's first page, is still on its way.
 */
export function NewestCards({ newest, labels, coins, now, names, note }: { newest: NewestListings; labels: CoinLabel[]; coins?: CoinState[]; now: number; names: (id: number) => string; note: string }) {
  const [buying, setBuying] = useState<MarketListing>();
  return (
    <>
      <p className="mb-2 text-sm text-slate-400" role="status" data-testid="market-partial">
        Newest {newest.listings.length} listings, read from the chain. {note}
      </p>
      {newest.listings.length === 0 ? (
        <LoadingCards label="Loading listings" count={6} cardClass={LISTING_CARD_HEIGHT} />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Listings">
          {newest.listings.map((l) => (
            <li key={String(l.id)}>
              <ListingCard l={l} coin={labels[l.coin]} now={now} name={names(l.productId)} status={coins ? 'active' : undefined} onBuy={() => setBuying(l)} />
            </li>
          ))}
        </ul>
      )}
      <Suspense fallback={null}>
        {buying && coins && <BuyListingDialog listing={buying} coin={coins[buying.coin]} feeBps={newest.feeBps} now={now} open onClose={() => setBuying(undefined)} />}
      </Suspense>
    </>
  );
}

/** `now` ticks for the countdowns; `asOf` (the minute) is what filters and sorts, so 10,000 listings are not re-sorted every second. */
export function Browse({ active, newest, labels, coins, now, asOf, names, feeBps }: { active: MarketListing[]; newest?: NewestListings; labels: CoinLabel[]; coins?: CoinState[]; now: number; asOf: number; names: (id: number) => string; feeBps: number }) {
  const [coin, setCoin] = useState<number | 'all'>('all');
  const [term, setTerm] = useState<(typeof TERMS)[number]['key']>('any');
  // Newest first by default: the page the chain read showed first stays where it was.
  const [sort, setSort] = useState<Sort>('newest');
  const [page, setPage] = useState(0);
  const [buying, setBuying] = useState<MarketListing>();
  const [sweeping, setSweeping] = useState(false);
  // Price per hashrate unit per day left, at most (USDT): the filter the sweep uses too.
  const unitDay = useUnitDayCap();
  const unitDayCap = unitDay.cap;

  const filtered = useMemo(() => {
    const t = TERMS.find((x) => x.key === term)!;
    const list = active.filter((l) => {
      const left = termDaysLeft(0, l.termEnd, asOf);
      return (coin === 'all' || l.coin === coin) && left >= t.min && left < t.max && (unitDayCap === undefined || pricePerUnitDay(l, asOf) <= unitDayCap);
    });
    const by: Record<Sort, (a: MarketListing, b: MarketListing) => number> = {
      'price-asc': (a, b) => Number(a.price - b.price),
      'price-desc': (a, b) => Number(b.price - a.price),
      'unit-day': (a, b) => pricePerUnitDay(a, asOf) - pricePerUnitDay(b, asOf),
      ending: (a, b) => Number(a.expiresAt - b.expiresAt),
      newest: (a, b) => Number(b.id - a.id),
    };
    return list.sort(by[sort]);
  }, [active, coin, term, sort, asOf, unitDayCap]);
  const cheapest = useMemo(() => [...filtered].sort((a, b) => (a.price === b.price ? Number(a.id - b.id) : a.price < b.price ? -1 : 1)), [filtered]);

  const pages = Math.max(1, Math.ceil(filtered.length / PAGE));
  const current = Math.min(page, pages - 1);
  const visible = filtered.slice(current * PAGE, current * PAGE + PAGE);
  const confirmed = useListingStatuses(visible.map((l) => l.id), confirmedActive(newest));

  return (
    <div>
      <Filters
        coin={coin}
        term={term}
        sort={sort}
        coins={labels}
        onCoin={(c) => { setCoin(c); setPage(0); }}
        onTerm={(t) => { setTerm(t); setPage(0); }}
        onSort={setSort}
      />
      <SweepControls unitDay={unitDay} onChange={() => setPage(0)} canSweep={filtered.length > 0 && coins !== undefined} onSweep={() => setSweeping(true)} />
      {filtered.length === 0 ? (
        <EmptyState title="No listings match">Try another coin or term, or list one of your own NFTs from the Portfolio.</EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-400" aria-live="polite">
            Showing {current * PAGE + 1}–{current * PAGE + visible.length} of {formatInteger(filtered.length)}
          </p>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Listings">
            {visible.map((l) => {
              const onChain = confirmed?.get(String(l.id));
              return (
                <li key={String(l.id)}>
                  <ListingCard l={l} coin={labels[l.coin]} now={now} name={names(l.productId)} status={coins ? onChain : undefined} onBuy={() => setBuying(l)} />
                </li>
              );
            })}
          </ul>
          <Pager page={current} pages={pages} onPage={setPage} />
        </>
      )}
      <Suspense fallback={null}>
        {buying && coins && <BuyListingDialog listing={buying} coin={coins[buying.coin]} feeBps={feeBps} now={now} open onClose={() => setBuying(undefined)} />}
        {sweeping && <SweepDialog candidates={cheapest} labels={labels} names={names} open onClose={() => setSweeping(false)} />}
      </Suspense>
    </div>
  );
}
