// One NFT's offers (its page, and the listing's own section there): the best offer for it now, token or
// product, with what the holder would net; accepting it (holder only); the best token offers on it; and, for
// anyone else, a form to make one. BestOfferLine is the one-line version My NFTs shows per NFT: every card
// reads the same query (the offers that can match any of the wallet's NFTs), fetched once.
import { useMemo, useState } from 'react';
import { useAccount } from 'wagmi';
import { Card, buttonClass } from '../ui';
import type { CoinLabel } from '../../hooks/useMarket';
import { useOfferActions } from '../../hooks/useOfferActions';
import { useOffersFor } from '../../hooks/useOffers';
import { usePortfolio } from '../../hooks/usePortfolio';
import { formatDate, formatUnitDayPrice, formatUsdt, shortAddress } from '../../lib/format';
import type { MarketListing } from '../../lib/marketState';
import { bestOfferFor, offerSplit, type NftTerms, type Offer } from '../../lib/offers';
import { AcceptOfferDialog } from './AcceptOfferDialog';
import { TokenOfferForm } from './OfferForms';

/** Token offers listed on an NFT's page: the best ones (every open offer stays cancellable from the Offers tab). */
const TOKEN_OFFERS_SHOWN = 10;

export function NftOffers({ nft, owner, mine, custody, coins, names, feeBps, listings, now }: { nft: NftTerms; owner: string; mine: boolean; custody: boolean; coins: CoinLabel[]; names: (id: number) => string; feeBps: number; listings?: MarketListing[]; now: number }) {
  const nfts = useMemo(() => [nft], [nft]);
  const offers = useOffersFor(nfts, TOKEN_OFFERS_SHOWN);
  const { address } = useAccount();
  const actions = useOfferActions();
  const [accepting, setAccepting] = useState<Offer>();
  const best = useMemo(() => (offers.data ? bestOfferFor(offers.data, nft, now, owner as `0x${string}`) : undefined), [offers.data, nft, now, owner]);
  const onToken = (offers.data ?? []).filter((o) => o.kind === 'token' && o.target === nft.tokenId && o.status === 'active' && Number(o.expiresAt) > now).sort((a, b) => (a.price > b.price ? -1 : 1));
  const split = best ? offerSplit(best.price, best.offer.feeBps, feeBps) : undefined;
  return (
    <Card aria-labelledby="offers-title" data-testid="nft-offers">
      <h2 id="offers-title" className="mb-2 font-semibold text-white">Offers</h2>
      {!offers.data ? (
        <p className="text-sm text-slate-400">Loading offers…</p>
      ) : best && split ? (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-slate-300" data-testid="nft-best-offer">
            Best offer <span className="font-semibold text-white">{formatUsdt(best.price)}</span> ({best.offer.kind === 'token' ? 'for this NFT' : `product offer, ${formatUnitDayPrice(best.offer.price)} per unit per day`}) from {shortAddress(best.offer.buyer)}; the holder nets {formatUsdt(split.seller)} after the {(split.bps / 100).toFixed(1)}% fee.
          </p>
          {mine && <button type="button" className={buttonClass.primary} onClick={() => setAccepting(best.offer)}>Accept best offer</button>}
        </div>
      ) : (
        <p className="text-sm text-slate-400" data-testid="nft-best-offer">No offer matches this NFT yet.</p>
      )}
      {onToken.length > 0 && (
        <ul className="mt-3 divide-y divide-slate-800 text-sm" aria-label="Offers on this NFT">
          {onToken.map((o) => (
            <li key={String(o.id)} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid={`token-offer-${o.id}`}>
              <span>{formatUsdt(o.price)} from {address && o.buyer.toLowerCase() === address.toLowerCase() ? 'you' : shortAddress(o.buyer)} · until {formatDate(o.expiresAt)}</span>
              {address && o.buyer.toLowerCase() === address.toLowerCase() && (
                <button type="button" className={buttonClass.secondary} disabled={actions.step !== 'idle'} onClick={() => void actions.cancelOffer(o.id)}>Cancel my offer</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!mine && !custody && (
        <div className="mt-4 border-t border-slate-800 pt-4">
          <h3 className="mb-2 text-sm font-semibold text-white">Make an offer for this NFT</h3>
          <TokenOfferForm tokenId={nft.tokenId} now={now} best={onToken[0]?.price} />
        </div>
      )}
      {custody && <p className="mt-3 text-sm text-slate-400">This NFT is pledged for a loan or held by a pool, so it takes no offers.</p>}
      {accepting && <AcceptOfferDialog offer={accepting} tokens={[nft]} initialTokenId={nft.tokenId} coins={coins} feeBps={feeBps} listings={listings} names={names} now={now} open onClose={() => setAccepting(undefined)} />}
    </Card>
  );
}

/** My NFTs: the best offer for one NFT in a line, with Accept. */
export function BestOfferLine({ nft, owner, coins, names, feeBps, listings, now }: { nft: NftTerms; owner: string; coins: CoinLabel[]; names: (id: number) => string; feeBps: number; listings?: MarketListing[]; now: number }) {
  const portfolio = usePortfolio(owner as `0x${string}`);
  const holdings = useMemo(() => portfolio.data?.map((h): NftTerms => ({ tokenId: h.id, productId: h.productId, coin: h.coin, hashrate: h.hashrate, start: h.start, end: h.end })), [portfolio.data]);
  const offers = useOffersFor(holdings);
  const [accepting, setAccepting] = useState<Offer>();
  const best = offers.data ? bestOfferFor(offers.data, nft, now, owner as `0x${string}`) : undefined;
  // The dialog stays open after the sale (when no offer matches any more) to say it is done.
  if (!best && !accepting) return null;
  const split = best ? offerSplit(best.price, best.offer.feeBps, feeBps) : undefined;
  return (
    <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-sm" data-testid={`holding-${nft.tokenId}-offer`}>
      {best && split && (
        <>
          <span className="text-slate-300">Best offer {formatUsdt(best.price)} · you net {formatUsdt(split.seller)}</span>
          <button type="button" className={buttonClass.secondary} onClick={() => setAccepting(best.offer)}>Accept offer</button>
        </>
      )}
      {accepting && <AcceptOfferDialog offer={accepting} tokens={[nft]} initialTokenId={nft.tokenId} coins={coins} feeBps={feeBps} listings={listings} names={names} now={now} open onClose={() => setAccepting(undefined)} />}
    </div>
  );
}
