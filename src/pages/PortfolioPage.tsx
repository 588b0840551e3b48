// Portfolio: every NFT the wallet holds, its rewards in coin and USD, claim one or all, totals and a
// chart of daily rewards.
import { useDeferredValue, useState, type ReactNode } from 'react';
import type { Address } from 'viem';
import { useAccount } from 'wagmi';
import { ListDialog } from '../components/ListDialog';
import { BestOfferLine } from '../components/market/NftOffers';
import { BulkListDialog } from '../components/market/BulkListDialog';
import { ClaimToDeposit } from '../components/portfolio/ClaimToDeposit';
import { PortfolioCalendar } from '../components/portfolio/PortfolioCalendar';
import { PortfolioLoans } from '../components/portfolio/PortfolioLoans';
import { NftArt } from '../components/NftArt';
import { RewardsChart } from '../components/RewardsChart';
import { Card, EmptyState, ErrorNote, LoadingCards, PageHeader, ProgressBar, Stat, buttonClass } from '../components/ui';
import { useChainTime } from '../hooks/useChainTime';
import { useClaimRewards } from '../hooks/useClaimRewards';
import { useLoanSummaries } from '../hooks/useLoans';
import { useMarket } from '../hooks/useMarket';
import { usePools } from '../hooks/usePools';
import { usePortfolio, type Holding } from '../hooks/usePortfolio';
import { useProducts } from '../hooks/useProducts';
import { useProtocol, type CoinState } from '../hooks/useProtocol';
import { useTermDeposits } from '../hooks/useTermDeposits';
import { dailyOutput } from '../lib/economics';
import { formatDate, formatHashrate, formatToken, formatUsd, formatUsdt, plural, toUsd } from '../lib/format';
import { termLengthDays, termStatus, termText } from '../lib/terms';
import { listingStatus, STATUS_TEXT, type MarketListing } from '../lib/marketState';
import { rewardHistory } from '../lib/rewardHistory';
import { href } from '../lib/router';
import { useWalletUi } from '../hooks/useWalletUi';
import { PortfolioReturns } from '../components/activity/PortfolioReturns';

export default function PortfolioPage() {
  const { address, isConnected, status } = useAccount();
  const { open: openWalletModal } = useWalletUi();
  // After a reload the wallet reconnects first. Reading before its address is known would fetch the
  // catalog and the sections' data for no one and then again for the wallet: wait for it instead.
  if (status === 'reconnecting') return <LoadingCards label="Loading portfolio" />;
  if (!isConnected || !address) {
    return (
      <div>
        <PageHeader title="Portfolio" />
        <EmptyState title="Connect a wallet to see your hash power">
          <button type="button" className={`${buttonClass.primary} mt-3`} onClick={() => openWalletModal('connect')}>
            Connect wallet
          </button>
        </EmptyState>
      </div>
    );
  }
  return <Portfolio address={address} />;
}

function Portfolio({ address }: { address: Address }) {
  const portfolio = usePortfolio(address);
  const protocol = useProtocol();
  const products = useProducts();
  const now = useChainTime(false);
  const claim = useClaimRewards();
  // The NFTs show as soon as they are read; which of them are listed comes from the market's log read,
  // the slowest read of the page (megabytes at thousands of listings): it starts once the holdings are
  // in, so it never holds their HTTP batch back, and decorates the cards when it lands.
  const market = useMarket({ enabled: portfolio.data !== undefined });
  // The loans, claim-into-deposit and calendar sections render once the holdings are in, but their reads
  // start now, with the page's first batch (same queries, so the sections find them cached or in flight).
  useLoanSummaries(address);
  useTermDeposits(address);
  usePools();
  const [claiming, setClaiming] = useState<string>();
  const [bulk, setBulk] = useState(false);

  if (portfolio.isError || protocol.isError) return <ErrorNote>Could not load your portfolio from the chain. It retries on its own.</ErrorNote>;
  if (!portfolio.data || !protocol.data || now === undefined) return <LoadingCards label="Loading portfolio" />;

  const { coins, genesis } = protocol.data;
  const holdings = portfolio.data;
  const active = holdings.filter((h) => Number(h.end) > now);
  const dailyUsd = active.reduce((s, h) => s + toUsd(dailyOutput(h.hashrate, coins[h.coin].latestOutput), coins[h.coin].decimals, coins[h.coin].priceUsd), 0);
  const unclaimedUsd = holdings.reduce((s, h) => s + toUsd(h.unclaimed, coins[h.coin].decimals, coins[h.coin].priceUsd), 0);
  const claimedUsd = holdings.reduce((s, h) => s + toUsd(h.claimed, coins[h.coin].decimals, coins[h.coin].priceUsd), 0);
  const claimable = holdings.filter((h) => h.unclaimed > 0n).map((h) => h.id);
  const history = rewardHistory(holdings, coins, genesis, 30);
  const listed = new Map<bigint, MarketListing>(
    (market.data?.listings ?? []).filter((l) => l.base === 'open' && l.seller.toLowerCase() === address.toLowerCase()).map((l) => [l.tokenId, l]),
  );
  // Once per render for every card (not once per card: 200 cards × 10,000 listings).
  const coinLabels = coins.map((c, id) => ({ id, symbol: c.symbol, unit: c.unit }));
  const activeListings = market.data?.listings.filter((l) => listingStatus(l, now) === 'active');
  const productNameOf = (id: number) => products.data?.[id]?.name ?? `Product ${id}`;

  const doClaim = async (ids: bigint[], key: string) => {
    setClaiming(key);
    try {
      await claim(ids);
    } finally {
      setClaiming(undefined);
    }
  };

  return (
    <div>
      <PageHeader title="Portfolio">
        {/* One group on the right: PageHeader spreads its children, which put "Claim all" in the middle. */}
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={buttonClass.primary}
            disabled={claimable.length === 0 || Boolean(claiming)}
            onClick={() => void doClaim(claimable, 'all')}
            data-testid="claim-all"
          >
            {claiming === 'all' ? 'Claiming…' : claimable.length === 0 ? 'Nothing to claim' : `Claim all (${formatUsd(unclaimedUsd)})`}
          </button>
          <button type="button" className={buttonClass.secondary} disabled={active.length === 0} onClick={() => setBulk(true)}>
            List several…
          </button>
        </div>
      </PageHeader>
      {bulk && (
        <BulkListDialog
          holdings={active.filter((h) => !listed.has(h.id))}
          coins={coinLabels}
          open
          onClose={() => setBulk(false)}
        />
      )}

      <Card className="mb-5">
        <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
          <Stat
            label="Hashrate"
            value={coins.map((c) => totalHashrate(active, c)).filter(Boolean).join(' · ') || '—'}
            sub={`${plural(active.length, 'active NFT')} of ${holdings.length}`}
          />
          <Stat label="Daily income" value={formatUsd(dailyUsd)} sub="at the latest output and price" testId="portfolio-daily" />
          <Stat label="Unclaimed" value={formatUsd(unclaimedUsd)} sub={coinTotals(holdings, coins, 'unclaimed')} testId="portfolio-unclaimed" />
          <Stat label="Claimed" value={formatUsd(claimedUsd)} sub={coinTotals(holdings, coins, 'claimed')} />
        </dl>
      </Card>

      <PortfolioLoans />
      <ClaimToDeposit holdings={holdings} />
      <PortfolioCalendar holdings={holdings} />
      {address && <PortfolioReturns account={address} now={now} />}

      <Card className="mb-5" aria-labelledby="chart-title">
        <h2 id="chart-title" className="mb-2 font-semibold text-white">Daily rewards, last 30 days (USD at today's prices)</h2>
        <RewardsChart data={history} coins={coins} genesis={genesis} />
      </Card>

      {holdings.length === 0 ? (
        <EmptyState title="No hash power yet">
          <a className="font-semibold text-brand-400 underline" href={href.products}>Buy your first NFT</a> and it earns from the next day.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Your NFTs">
          <FirstThenRest items={holdings}>
            {(h) => (
              <li key={String(h.id)}>
                <HoldingCard
                  h={h}
                  coin={coins[h.coin]}
                  productName={products.data?.[h.productId]?.name}
                  now={now}
                  claiming={claiming === String(h.id)}
                  onClaim={() => void doClaim([h.id], String(h.id))}
                  listing={market.data ? listed.get(h.id) : 'unknown'}
                  offers={
                    address && (
                      <BestOfferLine
                        nft={{ tokenId: h.id, productId: h.productId, coin: h.coin, hashrate: h.hashrate, start: h.start, end: h.end }}
                        owner={address}
                        coins={coinLabels}
                        names={productNameOf}
                        feeBps={market.data?.feeBps ?? 10_000}
                        listings={activeListings}
                        now={now}
                      />
                    )
                  }
                />
              </li>
            )}
          </FirstThenRest>
        </ul>
      )}
    </div>
  );
}

/** How many NFT cards render with the page; the rest follow in a deferred pass (see FirstThenRest). */
const FIRST_CARDS = 12;

/**
 * The first screenful of `items` renders with the page; the rest in a deferred pass React can interrupt,
 * so a wallet with 200 NFTs sees its first ones without waiting for all 200 cards to render.
 */
function FirstThenRest<T>({ items, children }: { items: readonly T[]; children: (item: T) => ReactNode }) {
  const count = useDeferredValue(items.length, Math.min(items.length, FIRST_CARDS));
  return <>{items.slice(0, count).map(children)}</>;
}

function totalHashrate(holdings: Holding[], coin: CoinState): string {
  const sum = holdings.filter((h) => h.coin === coin.id).reduce((s, h) => s + h.hashrate, 0n);
  return sum > 0n ? formatHashrate(sum, coin.unit) : '';
}

function coinTotals(holdings: Holding[], coins: CoinState[], key: 'claimed' | 'unclaimed'): string {
  return (
    coins
      .map((c) => holdings.filter((h) => h.coin === c.id).reduce((s, h) => s + h[key], 0n))
      .map((sum, i) => (sum > 0n ? formatToken(sum, coins[i].decimals, coins[i].symbol, 6) : ''))
      .filter(Boolean)
      .join(' · ') || 'none yet'
  );
}

function HoldingCard({ h, coin, productName, now, claiming, onClaim, listing: known, offers }: { h: Holding; coin: CoinState; productName?: string; now: number; claiming: boolean; onClaim: () => void; listing?: MarketListing | 'unknown'; offers?: React.ReactNode }) {
  const [listing_, setListing] = useState(false);
  // 'unknown' while the market is still being read: the listing line and button wait for it.
  const listing = known === 'unknown' ? undefined : known;
  const listingState = listing ? listingStatus(listing, now) : undefined;
  const status = termStatus(h.start, h.end, now);
  const left = status.daysLeft;
  const term = termLengthDays(h.start, h.end);
  const dailyCoin = dailyOutput(h.hashrate, coin.latestOutput);
  const remainingUsd = toUsd(dailyCoin, coin.decimals, coin.priceUsd) * left;
  return (
    <Card className="flex h-full flex-col" data-testid={`holding-${h.id}`} aria-labelledby={`holding-title-${h.id}`}>
      {/* The picture repeats the title's link for the pointer; keyboards and screen readers use the title. */}
      <a href={href.nft(h.id)} className="block" tabIndex={-1} aria-hidden>
        <NftArt id={h.id} symbol={coin.symbol} hashrate={h.hashrate} unit={coin.unit} daysLeft={left} className="aspect-square w-full" />
      </a>
      <h3 id={`holding-title-${h.id}`} className="mt-3 font-semibold text-white">
        <a href={href.nft(h.id)} className="hover:underline">#{String(h.id)} · {formatHashrate(h.hashrate, coin.unit)} {coin.symbol}</a>
      </h3>
      <p className="text-sm text-slate-400">{productName ?? `Product ${h.productId}`}</p>
      <div className="mt-2">
        <div className="mb-1 flex justify-between text-xs text-slate-400">
          <span data-testid={`holding-${h.id}-term`}>{termText(status)}</span>
          <span>ends {formatDate(h.end)}</span>
        </div>
        <ProgressBar value={term > 0 ? 1 - left / term : 1} label={`Term of #${h.id} elapsed`} />
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-3">
        <Stat label="Unclaimed" value={formatToken(h.unclaimed, coin.decimals, coin.symbol, 8)} sub={formatUsd(toUsd(h.unclaimed, coin.decimals, coin.priceUsd))} testId={`holding-${h.id}-unclaimed`} />
        <Stat label="Claimed" value={formatToken(h.claimed, coin.decimals, coin.symbol, 8)} sub={formatUsd(toUsd(h.claimed, coin.decimals, coin.priceUsd))} />
        <Stat label="Per day" value={formatToken(dailyCoin, coin.decimals, coin.symbol, 8)} sub={formatUsd(toUsd(dailyCoin, coin.decimals, coin.priceUsd))} />
        <Stat label="Value left" value={formatUsd(remainingUsd)} sub="output still to come, at today's figures" />
      </dl>
      {listing && listingState && (
        <p className="mt-3 text-sm text-slate-300" data-testid={`holding-${h.id}-listing`}>
          Listed for {formatUsdt(listing.price)} · {STATUS_TEXT[listingState].toLowerCase()}
        </p>
      )}
      {offers}
      <div className="mt-auto grid grid-cols-2 gap-2 pt-3">
        <button type="button" className={`${buttonClass.secondary} w-full`} disabled={h.unclaimed === 0n || claiming} onClick={onClaim}>
          {/* The amount is in "Unclaimed" just above; in the button it wrapped onto three lines at half a card's width. */}
          {claiming ? 'Claiming…' : h.unclaimed === 0n ? 'Nothing to claim' : <>Claim<span className="sr-only"> {formatToken(h.unclaimed, coin.decimals, coin.symbol, 8)}</span></>}
        </button>
        {known === 'unknown' ? (
          <button type="button" className={`${buttonClass.secondary} w-full`} disabled aria-busy>
            Checking listing…
          </button>
        ) : listing ? (
          <a href={href.nft(h.id)} className={`${buttonClass.secondary} w-full`}>Manage listing</a>
        ) : (
          <button type="button" className={`${buttonClass.secondary} w-full`} disabled={Number(h.end) <= now} onClick={() => setListing(true)}>
            List for sale
          </button>
        )}
      </div>
      {listing_ && <ListDialog tokenId={h.id} hashrate={h.hashrate} unit={coin.unit} termEnd={h.end} open onClose={() => setListing(false)} />}
    </Card>
  );
}
