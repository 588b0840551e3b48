// The seller's open listings, why any went invalid, and cancel or reprice.
import { useState } from 'react';
import { ListDialog } from '../ListDialog';
import { Badge, Card, EmptyState, buttonClass } from '../ui';
import type { CoinLabel } from '../../hooks/useMarket';
import { useMarketActions } from '../../hooks/useMarketActions';
import { formatUsdt, formatDate, formatHashrate } from '../../lib/format';
import { listingStatus, STATUS_TEXT, type ListingStatus, type MarketListing } from '../../lib/marketState';
import { href } from '../../lib/router';

const REASON: Record<ListingStatus, string> = {
  active: 'Buyers can see and buy it.',
  sold: 'Sold.',
  cancelled: 'Cancelled.',
  expired: 'It has expired, so nobody can buy it. Cancel it, or list the NFT again.',
  ownerChanged: 'You no longer hold this NFT, so nobody can buy it. The listing is closed for good, even if the NFT comes back: list it again to sell it.',
  notApproved: 'The marketplace is no longer approved to move this NFT, so nobody can buy it. List it again to approve it, or cancel.',
};

export function MyListings({ listings, coins, now, names }: { listings: MarketListing[]; coins: CoinLabel[]; now: number; names: (id: number) => string }) {
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
                    <p className="text-sm text-slate-400">{names(l.productId)} · {formatUsdt(l.price)} · {status === 'expired' ? `expired ${formatDate(l.expiresAt)}` : `ends ${formatDate(l.expiresAt)}`}</p>
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
