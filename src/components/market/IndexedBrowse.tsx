// Browsing listings through the indexer: the filter, sort and page go to the indexer as one request, and
// the listings it returns are confirmed on chain (Marketplace.statuses, one call) before any is offered.
// A listing the chain says is no longer Active shows its real status and no buy button.
import { Suspense, useState } from 'react';
import { EmptyState, LoadingCards, Pager } from '../ui';
import { useIndexedListings } from '../../hooks/useIndexer';
import { browseQuery } from '../../lib/indexer';
import { formatInteger } from '../../lib/format';
import { useListingStatuses, MARKET_PAGE, type CoinLabel, type NewestListings } from '../../hooks/useMarket';
import type { IndexerSource } from '../../hooks/useIndexer';
import type { CoinState } from '../../lib/protocol';
import type { MarketListing } from '../../lib/marketState';
import { LISTING_CARD_HEIGHT } from './layout';
import { NewestCards } from './Browse';
import { Filters, TERMS, type Sort } from './Filters';
import { ListingCard } from './ListingCard';
import { MAX_SWEEP, SweepControls, useUnitDayCap } from './SweepControls';
import { BuyListingDialog, SweepDialog } from './lazy';

const PAGE = MARKET_PAGE;

/** Which source the Marketplace shows, and how far behind the indexer is. */
export function SourceNote({ source }: { source: IndexerSource }) {
  if (source.state === 'off' || source.state === 'checking') return null;
  const text =
    source.state === 'current'
      ? `Listings from the indexer, ${source.lag === 0 ? 'up to date with the chain' : `${source.lag} ${source.lag === 1 ? 'block' : 'blocks'} behind the chain`}; each is confirmed on chain before it can be bought.`
      : source.state === 'behind'
        ? `The indexer is ${source.lag} blocks behind the chain: listings are read from the chain instead.`
        : 'The indexer is not answering: listings are read from the chain instead.';
  return (
    <p role="status" data-testid="market-source" data-source={source.use ? 'indexer' : 'chain'} className={`mb-3 rounded-lg border px-3 py-2 text-xs ${source.use ? 'border-slate-700 text-slate-400' : 'border-amber-500/40 bg-amber-500/10 text-amber-200'}`}>
      {text}
    </p>
  );
}

/** `newest` (the chain's newest listings, when read) stands in for the indexer's first page until it comes. */
export function IndexedBrowse({ labels, coins, now, asOf, names, feeBps, newest }: { labels: CoinLabel[]; coins?: CoinState[]; now: number; asOf: number; names: (id: number) => string; feeBps: number; newest?: NewestListings }) {
  const [coin, setCoin] = useState<number | 'all'>('all');
  const [term, setTerm] = useState<(typeof TERMS)[number]['key']>('any');
  const [sort, setSort] = useState<Sort>('newest');
  const [page, setPage] = useState(0);
  const [buying, setBuying] = useState<MarketListing>();
  const [sweeping, setSweeping] = useState(false);
  const unitDay = useUnitDayCap();
  const t = TERMS.find((x) => x.key === term)!;
  const filters = { coin, termMin: t.min, termMax: t.max, maxUnitDay: unitDay.cap };
  // Untouched, this is defaultListingsQuery(asOf, PAGE): the request the page made for its count and floors.
  const query = useIndexedListings(browseQuery(asOf, { ...filters, sort, page }, PAGE), true);
  // The sweep's candidates: the cheapest that match the same filters, asked for only when the dialog opens
  // (the contract skips any that stopped being valid, and the dialog says which).
  const cheapest = useIndexedListings(browseQuery(asOf, { ...filters, sort: 'price-asc', page: 0 }, MAX_SWEEP), sweeping);
  const visible = query.data?.listings ?? [];
  const confirmed = useListingStatuses(visible.map((l) => l.id));

  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  // Past 1,000 matches the count is capped: there is a next page to ask for until one comes back short.
  const more = query.data?.capped === true && visible.length === PAGE;
  return (
    <div>
      <Filters
        coin={coin}
        term={term}
        sort={sort}
        coins={labels}
        onCoin={(c) => { setCoin(c); setPage(0); }}
        onTerm={(v) => { setTerm(v); setPage(0); }}
        onSort={(s) => { setSort(s); setPage(0); }}
      />
      <SweepControls unitDay={unitDay} onChange={() => setPage(0)} canSweep={total > 0 && coins !== undefined} onSweep={() => setSweeping(true)} />
      {query.isError && !query.data ? (
        <p role="status" className="text-sm text-amber-200">The indexer did not answer; the chain is read instead in a moment.</p>
      ) : !query.data ? (
        // The default view (newest first, no filter) is what the chain's newest read already shows: those
        // stay on screen instead of placeholders while the indexer answers.
        newest && newest.listings.length > 0 && page === 0 && sort === 'newest' && coin === 'all' && term === 'any' && unitDay.cap === undefined ? (
          <NewestCards newest={newest} labels={labels} coins={coins} now={now} names={names} note="Loading from the indexer…" />
        ) : (
          <LoadingCards label="Loading listings" count={6} cardClass={LISTING_CARD_HEIGHT} />
        )
      ) : total === 0 ? (
        <EmptyState title="No listings match">Try another coin or term, or list one of your own NFTs from the Portfolio.</EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-400" aria-live="polite">
            Showing {page * PAGE + 1}–{page * PAGE + visible.length} of {formatInteger(total)}
            {query.data.capped ? '+' : ''}
          </p>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Listings">
            {visible.map((l) => (
              <li key={String(l.id)}>
                {/* No status until the chain has confirmed it: the card shows no buy button meanwhile. */}
                <ListingCard l={l} coin={labels[l.coin]} now={now} name={names(l.productId)} status={coins ? confirmed?.get(String(l.id)) : undefined} onBuy={() => setBuying(l)} />
              </li>
            ))}
          </ul>
          <Pager page={page} pages={pages} onPage={setPage} more={more} />
        </>
      )}
      <Suspense fallback={null}>
        {buying && coins && <BuyListingDialog listing={buying} coin={coins[buying.coin]} feeBps={feeBps} now={now} open onClose={() => setBuying(undefined)} />}
        {sweeping && cheapest.data && <SweepDialog candidates={cheapest.data.listings} labels={labels} names={names} open onClose={() => setSweeping(false)} />}
      </Suspense>
      {sweeping && cheapest.isError && <p role="alert" className="mt-3 text-sm text-rose-300">The indexer did not answer with the cheapest listings; try again in a moment.</p>}
    </div>
  );
}
