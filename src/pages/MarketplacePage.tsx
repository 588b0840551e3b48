// Marketplace: active listings (filter by coin and term left; sort by price, price per unit-day, ending
// soon), floor prices and recent sales; buy; and the seller's own listings with why any went invalid.
import { useMemo, useState } from 'react';
import { useAccount } from 'wagmi';
import { BuyListingDialog } from '../components/BuyListingDialog';
import { BlockTime } from '../components/BlockTime';
import { Countdown } from '../components/Countdown';
import { useBlockTimes } from '../hooks/useBlockTimes';
import { ListDialog } from '../components/ListDialog';
import { NftArt } from '../components/NftArt';
import { Badge, Card, EmptyState, ErrorNote, IntroHeader, LoadingCards, buttonClass, inputClass } from '../components/ui';
import { PAGE_INTROS } from '../lib/pageHeaders';
import { useChainTime } from '../hooks/useChainTime';
import { useListingStatuses, useMarket, useNewestListings, MARKET_PAGE, type CoinLabel, type NewestListings } from '../hooks/useMarket';
import { useMarketActions } from '../hooks/useMarketActions';
import { useProducts } from '../hooks/useProducts';
import { useProtocol, type CoinState } from '../hooks/useProtocol';
import { termDaysLeft } from '../lib/terms';
import { formatAmount, formatDate, formatHashrate, formatUsd, plural, shortAddress } from '../lib/format';
import { floorPrices, listingStatus, pricePerUnitDay, STATUS_TEXT, type ListingStatus, type MarketListing } from '../lib/marketState';
import { href } from '../lib/router';

const PAGE = MARKET_PAGE;
type Sort = 'price-asc' | 'price-desc' | 'unit-day' | 'ending' | 'newest';
const TERMS = [
  { key: 'any', label: 'Any term left', min: 0, max: Infinity },
  { key: 'lt30', label: 'Under 30 days', min: 0, max: 30 },
  { key: '30-90', label: '30–90 days', min: 30, max: 90 },
  { key: '90-180', label: '90–180 days', min: 90, max: 180 },
  { key: 'gt180', label: 'Over 180 days', min: 180, max: Infinity },
] as const;

export default function MarketplacePage() {
  // The newest listings come straight from the chain and show first; the whole market (logs) is read
  // once they are in, so its large response never holds back the first page's requests.
  const newest = useNewestListings();
  const protocol = useProtocol();
  const market = useMarket({ enabled: newest.isFetched && protocol.isFetched });
  const products = useProducts();
  const now = useChainTime();
  const { address } = useAccount();
  const [tab, setTab] = useState<'browse' | 'mine'>('browse');
  // The page re-renders every second for its countdowns; which listings are active, the floors and the
  // seller's own listings are worked out over the whole market, so only once a minute (or when it changes).
  const minute = now === undefined ? undefined : now - (now % 60);
  const full = market.data;
  const active = useMemo(() => (full && minute !== undefined ? full.listings.filter((l) => listingStatus(l, minute) === 'active') : undefined), [full, minute]);
  const floors = useMemo(() => (active ? floorPrices(active) : undefined), [active]);
  const saleTimes = useBlockTimes(full?.sales.slice(0, 5).map((s) => s.blockNumber) ?? []);
  const mine = useMemo(
    () => (full && address ? full.listings.filter((l) => l.seller.toLowerCase() === address.toLowerCase() && l.base === 'open') : []),
    [full, address],
  );

  if ((market.isError && !newest.data) || (protocol.isError && !newest.data)) return <ErrorNote>Could not read the marketplace from the chain. It retries on its own.</ErrorNote>;
  // The cards need only each coin's symbol and unit, which the first read brings; prices and output
  // (useProtocol's second round trip) are needed only to buy.
  const labels: CoinLabel[] | undefined = protocol.data?.coins ?? newest.data?.coins;
  if ((!market.data && !newest.data) || !labels || now === undefined) return <MarketSkeleton />;

  const coins = protocol.data?.coins;
  const names = (id: number) => products.data?.[id]?.name ?? `Product ${id}`;
  const feeBps = full?.feeBps ?? newest.data!.feeBps;
  const loadingNote = market.isError ? 'Could not read the whole market yet; it retries on its own.' : 'Loading the whole market…';

  return (
    <div>
      <IntroHeader page={PAGE_INTROS.market!} />
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
                  <span className="font-medium" data-testid={`floor-${pid}`}>{formatAmount(price, 6, 2)} USDT</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="sales-title" className={SUMMARY_CARD}>
          <h2 id="sales-title" className="mb-2 font-semibold text-white">Recent sales</h2>
          {!full ? (
            <p className="text-sm text-slate-400">{loadingNote}</p>
          ) : full.sales.length === 0 ? (
            <p className="text-sm text-slate-400">No sales yet.</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="recent-sales">
              {full.sales.slice(0, 5).map((s) => (
                <li key={s.hash} className="tabular flex items-start justify-between gap-3">
                  {/* The name wraps rather than being cut; on phones the sale's time goes under the price to leave it room. */}
                  <a href={href.nft(s.tokenId)} className="min-w-0 break-words text-slate-300 hover:underline">#{String(s.tokenId)} · {names(s.productId)}</a>
                  <span className="shrink-0 text-right font-medium">{formatAmount(s.price, 6, 2)} USDT <BlockTime block={s.blockNumber} times={saleTimes.data} className="block text-xs text-slate-400 sm:inline" /></span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <div className="mb-4 flex flex-wrap items-center gap-2">
        <div role="tablist" aria-label="Marketplace views" className="flex gap-2">
          {(
            [
              ['browse', `Listings (${active ? active.length.toLocaleString('en-US') : '…'})`],
              ['mine', `My listings${address && full ? ` (${mine.length})` : ''}`],
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

      {tab === 'browse' ? (
        active ? (
          <Browse active={active} newest={newest.data} labels={labels} coins={coins} now={now} asOf={minute!} names={names} feeBps={feeBps} />
        ) : (
          <NewestOnly newest={newest.data!} labels={labels} coins={coins} now={now} names={names} note={loadingNote} />
        )
      ) : !address ? (
        <EmptyState title="Connect a wallet to see your listings" />
      ) : full ? (
        <MyListings listings={mine} coins={labels} now={now} names={names} />
      ) : (
        <LoadingCards label="Loading your listings" />
      )}
    </div>
  );
}

/** The floor-price and recent-sales cards keep room for a few rows while their lists load. */
const SUMMARY_CARD = 'min-h-[7rem] lg:min-h-[10rem]';
/** Listing cards are this tall; the placeholders match so nothing below moves when they arrive. */
const LISTING_CARD_HEIGHT = 'h-[18rem]';

/** Before the first read: the page's own layout, with placeholders the size of what replaces them. */
function MarketSkeleton() {
  return (
    <div>
      <IntroHeader page={PAGE_INTROS.market!} />
      <div className="mb-5 grid gap-4 lg:grid-cols-2" aria-hidden>
        <Card className={SUMMARY_CARD}>
          <div className="mb-2 h-6 w-32 animate-pulse rounded bg-slate-800" />
        </Card>
        <Card className={SUMMARY_CARD}>
          <div className="mb-2 h-6 w-32 animate-pulse rounded bg-slate-800" />
        </Card>
      </div>
      <div className="mb-4 h-[34px]" aria-hidden />
      <LoadingCards label="Loading listings" count={6} cardClass={LISTING_CARD_HEIGHT} />
    </div>
  );
}

/** Statuses the first chain read already confirmed (every listing it returns was Active). */
function confirmedActive(newest: NewestListings | undefined): ReadonlyMap<string, ListingStatus> | undefined {
  return newest && new Map(newest.listings.map((l) => [String(l.id), 'active' as const]));
}

/**
 * Before the whole market is in: the newest listings read from the chain, confirmed Active by that read.
 * Filters and sorts need every listing, so they wait, and the page says so.
 */
function NewestOnly({ newest, labels, coins, now, names, note }: { newest: NewestListings; labels: CoinLabel[]; coins?: CoinState[]; now: number; names: (id: number) => string; note: string }) {
  const [buying, setBuying] = useState<MarketListing>();
  return (
    <div>
      <Filters disabled coin="all" term="any" sort="newest" />
      <p className="mb-2 text-sm text-slate-400" role="status" data-testid="market-partial">
        Newest {newest.listings.length} listings, read from the chain. {note} Filters, other sorts and the full count follow.
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
      {buying && coins && <BuyListingDialog listing={buying} coin={coins[buying.coin]} feeBps={newest.feeBps} now={now} open onClose={() => setBuying(undefined)} />}
    </div>
  );
}

function Filters({ disabled, coin, term, sort, coins = [], onCoin, onTerm, onSort }: {
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

/** `now` ticks for the countdowns; `asOf` (the minute) is what filters and sorts, so 10,000 listings are not re-sorted every second. */
function Browse({ active, newest, labels, coins, now, asOf, names, feeBps }: { active: MarketListing[]; newest?: NewestListings; labels: CoinLabel[]; coins?: CoinState[]; now: number; asOf: number; names: (id: number) => string; feeBps: number }) {
  const [coin, setCoin] = useState<number | 'all'>('all');
  const [term, setTerm] = useState<(typeof TERMS)[number]['key']>('any');
  // Newest first by default: the page the chain read showed first stays where it was.
  const [sort, setSort] = useState<Sort>('newest');
  const [page, setPage] = useState(0);
  const [buying, setBuying] = useState<MarketListing>();

  const filtered = useMemo(() => {
    const t = TERMS.find((x) => x.key === term)!;
    const list = active.filter((l) => {
      const left = termDaysLeft(0, l.termEnd, asOf);
      return (coin === 'all' || l.coin === coin) && left >= t.min && left < t.max;
    });
    const by: Record<Sort, (a: MarketListing, b: MarketListing) => number> = {
      'price-asc': (a, b) => Number(a.price - b.price),
      'price-desc': (a, b) => Number(b.price - a.price),
      'unit-day': (a, b) => pricePerUnitDay(a, asOf) - pricePerUnitDay(b, asOf),
      ending: (a, b) => Number(a.expiresAt - b.expiresAt),
      newest: (a, b) => Number(b.id - a.id),
    };
    return list.sort(by[sort]);
  }, [active, coin, term, sort, asOf]);

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
      {filtered.length === 0 ? (
        <EmptyState title="No listings match">Try another coin or term, or list one of your own NFTs from the Portfolio.</EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-400" aria-live="polite">
            Showing {current * PAGE + 1}–{current * PAGE + visible.length} of {filtered.length.toLocaleString('en-US')}
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
          {pages > 1 && (
            <nav aria-label="Pages" className="mt-4 flex items-center justify-center gap-3">
              <button type="button" className={buttonClass.secondary} disabled={current === 0} onClick={() => setPage(current - 1)}>Previous</button>
              <span className="tabular text-sm text-slate-400">Page {current + 1} of {pages}</span>
              <button type="button" className={buttonClass.secondary} disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>Next</button>
            </nav>
          )}
        </>
      )}
      {buying && coins && <BuyListingDialog listing={buying} coin={coins[buying.coin]} feeBps={feeBps} now={now} open onClose={() => setBuying(undefined)} />}
    </div>
  );
}

function ListingCard({ l, coin, now, name, status, onBuy }: { l: MarketListing; coin: CoinLabel; now: number; name: string; status?: ListingStatus; onBuy: () => void }) {
  const left = termDaysLeft(0, l.termEnd, now);
  const buyable = status === 'active';
  return (
    <Card className="flex h-full flex-col" data-testid={`listing-${l.id}`} aria-labelledby={`listing-title-${l.id}`}>
      <div className="flex gap-3">
        {/* The picture repeats the title's link for the pointer; keyboards and screen readers use the title. */}
        <a href={href.nft(l.tokenId)} className="w-24 shrink-0" tabIndex={-1} aria-hidden>
          <NftArt id={l.tokenId} symbol={coin.symbol} hashrate={l.hashrate} unit={coin.unit} daysLeft={left} className="w-24" />
        </a>
        <div className="min-w-0">
          <h3 id={`listing-title-${l.id}`} className="font-semibold text-white">
            <a href={href.nft(l.tokenId)} className="hover:underline">#{String(l.tokenId)} · {formatHashrate(l.hashrate, coin.unit)} {coin.symbol}</a>
          </h3>
          <p className="truncate text-sm text-slate-400">{name}</p>
          <p className="text-sm text-slate-300">{plural(left, 'day')} of output left</p>
        </div>
      </div>
      <dl className="tabular mt-3 grid grid-cols-2 gap-2 text-sm">
        <div><dt className="text-xs text-slate-400">Price</dt><dd className="text-lg font-semibold" data-testid={`listing-${l.id}-price`}>{formatAmount(l.price, 6, 2)} USDT</dd></div>
        <div><dt className="text-xs text-slate-400">Per {coin.unit} per day left</dt><dd className="font-medium">{formatUsd(pricePerUnitDay(l, now) / 1e6)}</dd></div>
        <div><dt className="text-xs text-slate-400">Seller</dt><dd title={l.seller}>{shortAddress(l.seller)}</dd></div>
        <div><dt className="text-xs text-slate-400">Listing</dt><dd><Countdown prefix="ends in" to={l.expiresAt} now={now} /></dd></div>
      </dl>
      <div className="mt-auto pt-3">
        <button type="button" className={`${buttonClass.primary} w-full`} disabled={!buyable} onClick={onBuy}>
          {status === undefined ? 'Checking…' : buyable ? 'Buy' : `Not buyable: ${STATUS_TEXT[status].toLowerCase()}`}
        </button>
      </div>
    </Card>
  );
}

const REASON: Record<ListingStatus, string> = {
  active: 'Buyers can see and buy it.',
  sold: 'Sold.',
  cancelled: 'Cancelled.',
  expired: 'It has expired, so nobody can buy it. Cancel it, or list the NFT again.',
  ownerChanged: 'You no longer hold this NFT, so nobody can buy it. If it comes back to you before the listing expires, the listing is live again: cancel it to be sure.',
  notApproved: 'The marketplace is no longer approved to move this NFT, so nobody can buy it. List it again to approve it, or cancel.',
};

function MyListings({ listings, coins, now, names }: { listings: MarketListing[]; coins: CoinLabel[]; now: number; names: (id: number) => string }) {
  const actions = useMarketActions();
  const [repricing, setRepricing] = useState<MarketListing>();
  if (listings.length === 0) {
    return <EmptyState title="You have no open listings">List an NFT from your <a className="text-brand-400 underline" href={href.portfolio}>Portfolio</a>.</EmptyState>;
  }
  return (
    <div>
      <div className="mb-3 flex justify-end">
        <button type="button" className={buttonClass.secondary} disabled={actions.step !== 'idle'} onClick={() => void actions.cancelAll()}>
          Cancel all ({listings.length})
        </button>
      </div>
      <ul className="space-y-3" aria-label="My listings">
        {listings.map((l) => {
          const status = listingStatus(l, now);
          const coin = coins[l.coin];
          return (
            <li key={String(l.id)}>
              <Card data-testid={`my-listing-${l.id}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="font-semibold text-white">
                      <a href={href.nft(l.tokenId)} className="hover:underline">#{String(l.tokenId)} · {formatHashrate(l.hashrate, coin.unit)} {coin.symbol}</a>
                      <span className="ml-2"><Badge tone={status === 'active' ? 'green' : 'amber'}>{STATUS_TEXT[status]}</Badge></span>
                    </p>
                    <p className="text-sm text-slate-400">{names(l.productId)} · {formatAmount(l.price, 6, 2)} USDT · {status === 'expired' ? `expired ${formatDate(l.expiresAt)}` : `ends ${formatDate(l.expiresAt)}`}</p>
                    <p className="mt-1 text-sm text-slate-300" data-testid={`my-listing-${l.id}-reason`}>{REASON[status]}</p>
                  </div>
                  <div className="flex gap-2">
                    {status === 'active' && <button type="button" className={buttonClass.secondary} onClick={() => setRepricing(l)}>Change price</button>}
                    <button type="button" className={buttonClass.secondary} disabled={actions.step !== 'idle'} onClick={() => void actions.cancel(l.id)}>Cancel</button>
                  </div>
                </div>
              </Card>
            </li>
          );
        })}
      </ul>
      {repricing && (
        <ListDialog tokenId={repricing.tokenId} hashrate={repricing.hashrate} unit={coins[repricing.coin].unit} termEnd={repricing.termEnd} existing={repricing} open onClose={() => setRepricing(undefined)} />
      )}
    </div>
  );
}
