// The Offers tab: per product, the best product offer in USDT per hashrate unit per day and the depth
// behind it; selling one of your NFTs to an offer; making a product offer; and your own offers, with
// their escrow, cancel one and cancel all. The books come from one bounded read of each product's best
// offers (MarketLens.bestOffers), your offers from your own list (openOffersOf): never every offer.
import { useMemo, useState } from 'react';
import { useAccount } from 'wagmi';
import { Badge, Card, EmptyState, LoadingCards, buttonClass } from '../ui';
import type { CoinLabel } from '../../hooks/useMarket';
import { useOfferActions } from '../../hooks/useOfferActions';
import { useMyOffers, useOfferBooks } from '../../hooks/useOffers';
import { usePortfolio } from '../../hooks/usePortfolio';
import type { Product } from '../../hooks/useProducts';
import { formatDate, formatInteger, formatUnitDayPrice, formatUsdt } from '../../lib/format';
import type { MarketListing } from '../../lib/marketState';
import { depth, OFFER_STATUS_TEXT, productBooks, type NftTerms, type Offer } from '../../lib/offers';

/** Offers read per product book: the depth table shows its best price levels. */
const BOOK_READ = 50;
import { href } from '../../lib/router';
import { AcceptOfferDialog } from './AcceptOfferDialog';
import { ProductOfferForm } from './OfferForms';

export function OffersTab({ products, labels, names, now, feeBps, active }: { products: Product[]; labels: CoinLabel[]; names: (id: number) => string; now: number; feeBps: number; active?: MarketListing[] }) {
  const productIds = useMemo(() => products.map((p) => Number(p.id)), [products]);
  const offers = useOfferBooks(productIds, BOOK_READ);
  const { address } = useAccount();
  const myOffers = useMyOffers(address);
  const portfolio = usePortfolio(address);
  const actions = useOfferActions();
  const [selling, setSelling] = useState<Offer>();
  const minute = now - (now % 60);
  const books = useMemo(() => (offers.data ? productBooks(offers.data.flatMap((b) => b.offers), minute) : undefined), [offers.data, minute]);
  const mine = useMemo(() => (myOffers.data ?? []).filter((o) => o.status === 'active' || o.escrow > 0n), [myOffers.data]);
  const tokens: NftTerms[] = (portfolio.data ?? []).map((h) => ({ tokenId: h.id, productId: h.productId, coin: h.coin, hashrate: h.hashrate, start: h.start, end: h.end }));

  if (offers.isError) return <EmptyState title="Could not read the offers">It retries on its own.</EmptyState>;
  if (!books) return <LoadingCards label="Loading offers" count={2} cardClass="h-32" />;

  return (
    <div className="grid gap-5 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-5">
        <Card aria-labelledby="books-title">
          <h2 id="books-title" className="mb-1 font-semibold text-white">Best product offers</h2>
          <p className="mb-3 text-sm text-slate-400">Buyers bid per hashrate unit per whole day left, for any NFT of the product. Selling to one pays you its price for your NFT's hashrate and days left, minus the fee, plus the rewards your NFT has accrued.</p>
          {books.length === 0 ? (
            <p className="text-sm text-slate-300">No product offers yet. Make the first one.</p>
          ) : (
            <ul className="divide-y divide-slate-800" aria-label="Product offers">
              {books.map((b) => {
                const best = b.offers[0];
                const coin = labels[products.find((p) => Number(p.id) === b.productId)?.coin ?? 0];
                return (
                  <li key={b.productId} className="py-3" data-testid={`book-${b.productId}`}>
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <p className="font-semibold text-white">{names(b.productId)}</p>
                      <p className="tabular text-sm">
                        best <span className="font-semibold text-emerald-300" data-testid={`book-${b.productId}-best`}>{formatUnitDayPrice(best.price)}</span> per {coin?.unit ?? 'unit'} per day · {formatInteger(b.units)} units wanted · {b.offers.length} {b.offers.length === 1 ? 'offer' : 'offers'}{b.offers.length >= BOOK_READ ? ` (the best ${BOOK_READ})` : ''}
                      </p>
                    </div>
                    <table className="tabular mt-2 w-full text-xs text-slate-300">
                      <caption className="sr-only">Depth of product offers for {names(b.productId)}</caption>
                      <thead><tr className="text-slate-500"><th scope="col" className="text-left font-normal">USDT per unit per day</th><th scope="col" className="text-right font-normal">units wanted</th><th scope="col" className="text-right font-normal">offers</th></tr></thead>
                      <tbody>
                        {depth(b).map((d) => (
                          <tr key={String(d.price)}><td>{formatUnitDayPrice(d.price)}</td><td className="text-right">{formatInteger(d.units)}</td><td className="text-right">{d.offers}</td></tr>
                        ))}
                      </tbody>
                    </table>
                    {address && (
                      <button type="button" className={`${buttonClass.secondary} mt-2`} onClick={() => setSelling(best)} data-testid={`book-${b.productId}-sell`}>
                        Sell an NFT to the best offer
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Card>

        <Card aria-labelledby="my-offers-title">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h2 id="my-offers-title" className="font-semibold text-white">My offers</h2>
            {mine.length > 0 && (
              <button type="button" className={buttonClass.secondary} disabled={actions.step !== 'idle'} onClick={() => void actions.cancelAllOffers(mine.filter((o) => o.escrow > 0n).map((o) => o.id))}>
                Cancel all offers ({mine.length})
              </button>
            )}
          </div>
          {!address ? (
            <p className="text-sm text-slate-400">Connect a wallet to see your offers.</p>
          ) : myOffers.isError ? (
            <p className="text-sm text-slate-400">Could not read your offers. It retries on its own.</p>
          ) : !myOffers.data ? (
            <p className="text-sm text-slate-400">Loading your offers…</p>
          ) : mine.length === 0 ? (
            <p className="text-sm text-slate-400">You have no open offers.</p>
          ) : (
            <ul className="divide-y divide-slate-800 text-sm" aria-label="My offers">
              {mine.map((o) => (
                <li key={String(o.id)} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid={`my-offer-${o.id}`}>
                  <div className="min-w-0">
                    <p className="text-white">
                      {o.kind === 'token' ? <a className="hover:underline" href={href.nft(o.target)}>{formatUsdt(o.price)} for #{String(o.target)}</a> : `${formatUnitDayPrice(o.price)} per unit per day · ${names(Number(o.target))} · ${o.unitsLeft} units left`}
                      <span className="ml-2"><Badge tone={o.status === 'active' ? 'green' : 'amber'}>{OFFER_STATUS_TEXT[o.status]}</Badge></span>
                    </p>
                    <p className="text-xs text-slate-400">Escrowed {formatUsdt(o.escrow)} · {o.status === 'active' ? `open until ${formatDate(o.expiresAt)}` : 'cancel to take the escrow back'}</p>
                  </div>
                  <button type="button" className={buttonClass.secondary} disabled={actions.step !== 'idle'} onClick={() => void actions.cancelOffer(o.id)}>
                    {o.status === 'active' ? 'Cancel' : 'Reclaim'}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <Card aria-labelledby="make-offer-title">
        <h2 id="make-offer-title" className="mb-3 font-semibold text-white">Make a product offer</h2>
        <ProductOfferForm products={products} now={now} />
      </Card>
      {selling && (
        <AcceptOfferDialog offer={selling} tokens={tokens} coins={labels} feeBps={feeBps} listings={active} names={names} now={now} open onClose={() => setSelling(undefined)} />
      )}
    </div>
  );
}
