// One listing: the NFT, its price and price per unit-day, seller, expiry and the buy button.
import { Countdown } from '../Countdown';
import { NftArt } from '../NftArt';
import { Card, buttonClass } from '../ui';
import type { CoinLabel } from '../../hooks/useMarket';
import { termDaysLeft } from '../../lib/terms';
import { formatUsdt, formatHashrate, formatUsd, plural, shortAddress } from '../../lib/format';
import { pricePerUnitDay, STATUS_TEXT, type ListingStatus, type MarketListing } from '../../lib/marketState';
import { href } from '../../lib/router';

export function ListingCard({ l, coin, now, name, status, onBuy }: { l: MarketListing; coin: CoinLabel; now: number; name: string; status?: ListingStatus; onBuy: () => void }) {
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
        <div><dt className="text-xs text-slate-400">Price</dt><dd className="text-lg font-semibold" data-testid={`listing-${l.id}-price`}>{formatUsdt(l.price)}</dd></div>
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
