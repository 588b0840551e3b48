// Selling an NFT to an offer: which of your NFTs, what the offer pays for it now (computed as the contract
// will: per hashrate unit per whole day left for product offers), the fee split before signing, and the
// net compared with the cheapest listing of the same product. A token that does not match the offer is
// refused here in words, and nothing is sent.
import { useState } from 'react';
import { useAccount } from 'wagmi';
import { useAppChain } from '../../hooks/useAppChain';
import { useApprovalScope } from '../../hooks/useApprovalScope';
import { useNftApproval } from '../../hooks/useNftApproval';
import { useOfferActions } from '../../hooks/useOfferActions';
import { formatHashrate, formatUnitDayPrice, formatUsdt, plural, shortAddress, splitForDisplay } from '../../lib/format';
import { pricePerUnitDay, type MarketListing } from '../../lib/marketState';
import { offerSplit, quoteFor, type NftTerms, type Offer } from '../../lib/offers';
import { ActionButton } from '../ActionButton';
import { Dialog } from '../Dialog';
import { ApprovalScopePicker } from '../safety/ApprovalScopePicker';
import { ErrorNote, inputClass } from '../ui';
import type { CoinLabel } from '../../hooks/useMarket';

export function AcceptOfferDialog({
  offer,
  tokens,
  initialTokenId,
  coins,
  feeBps,
  listings,
  names,
  now,
  open,
  onClose,
}: {
  offer: Offer;
  /** the connected wallet's NFTs it may sell */
  tokens: NftTerms[];
  initialTokenId?: bigint;
  coins: CoinLabel[];
  feeBps: number;
  /** active listings, for the comparison with similar NFTs */
  listings?: MarketListing[];
  names: (productId: number) => string;
  now: number;
  open: boolean;
  onClose: () => void;
}) {
  const { address, isConnected } = useAccount();
  const { deployment } = useAppChain();
  const actions = useOfferActions();
  const scope = useApprovalScope();
  const [tokenId, setTokenId] = useState<bigint | undefined>(initialTokenId ?? tokens.find((t) => quoteFor(offer, t, now).ok)?.tokenId ?? tokens[0]?.tokenId);
  const [sold, setSold] = useState(false);
  const nft = tokens.find((t) => t.tokenId === tokenId);
  const approval = useNftApproval(tokenId ?? 0n, deployment.contracts.Marketplace);
  const quote = nft ? quoteFor(offer, nft, now) : undefined;
  const price = quote?.ok ? quote.price : undefined;
  const split = price !== undefined ? offerSplit(price, offer.feeBps, feeBps) : undefined;
  const [feeShown, sellerShown] = split && price !== undefined ? splitForDisplay(price, [split.fee, split.seller], 6, 2) : [0n, 0n];
  const own = address !== undefined && address.toLowerCase() === offer.buyer.toLowerCase();
  const inactive = offer.status !== 'active' || Number(offer.expiresAt) <= now;
  const needsApproval = approval.data !== undefined && !approval.data.token && !approval.data.forAll;
  const coin = nft ? coins[nft.coin] : undefined;
  // The cheapest listing of the same product, priced per unit per day, applied to this NFT.
  const similar = nft && listings ? listings.filter((l) => l.productId === nft.productId && l.tokenId !== nft.tokenId) : [];
  const cheapest = similar.length ? similar.reduce((a, b) => (pricePerUnitDay(a, now) <= pricePerUnitDay(b, now) ? a : b)) : undefined;
  const days = nft ? quote?.ok ? quote.days : 0 : 0;
  const listingEquivalent = cheapest && nft ? (pricePerUnitDay(cheapest, now) * Number(nft.hashrate) * Math.max(1, days)) : undefined;

  const onAccept = async () => {
    if (tokenId === undefined || price === undefined) return;
    const r = await actions.accept(offer.id, tokenId, price, scope.txOptions);
    if (r?.status === 'confirmed') setSold(true);
  };

  return (
    <Dialog open={open} onClose={onClose} title={`Accept offer ${offer.id}`} labelledBy={`accept-offer-${offer.id}`}>
      {sold ? (
        <p role="status" className="text-lg text-emerald-300">Sold #{String(tokenId)} for {formatUsdt(price ?? 0n)}. You received {formatUsdt(split?.seller ?? 0n)} and the rewards it had accrued.</p>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-300">
            {offer.kind === 'token'
              ? `${shortAddress(offer.buyer)} offers ${formatUsdt(offer.price)} for NFT #${offer.target}.`
              : `${shortAddress(offer.buyer)} pays ${formatUnitDayPrice(offer.price)} per hashrate unit per day left (at most ${offer.maxDays} days, at least ${offer.minDays} left) for any ${offer.kind === 'product' ? names(Number(offer.target)) : `${coins[Number(offer.target)]?.symbol ?? 'coin'}`} NFT, ${offer.unitsLeft} units still wanted.`}
          </p>
          <div>
            <label htmlFor={`accept-token-${offer.id}`} className="text-sm font-medium text-slate-200">NFT to sell</label>
            <select id={`accept-token-${offer.id}`} className={`${inputClass} mt-1`} value={tokenId === undefined ? '' : String(tokenId)} onChange={(e) => setTokenId(e.target.value === '' ? undefined : BigInt(e.target.value))}>
              {tokens.length === 0 && <option value="">You hold no NFT</option>}
              {tokens.map((t) => (
                <option key={String(t.tokenId)} value={String(t.tokenId)}>
                  #{String(t.tokenId)} · {formatHashrate(t.hashrate, coins[t.coin]?.unit ?? '')} {coins[t.coin]?.symbol ?? ''} · {names(t.productId)}
                </option>
              ))}
            </select>
          </div>
          {quote && !quote.ok && <ErrorNote id={`accept-mismatch-${offer.id}`}>{quote.reason} Nothing is sent.</ErrorNote>}
          {split && price !== undefined && (
            <dl className="tabular space-y-1.5 rounded-xl bg-slate-950/60 p-3 text-sm" aria-label="What you receive">
              <div className="flex justify-between gap-3"><dt className="text-slate-400">Offer pays{offer.kind !== 'token' ? ` (${plural(days, 'day')} × ${nft?.hashrate ?? 0n} ${coin?.unit ?? 'units'})` : ''}</dt><dd className="whitespace-nowrap" data-testid="accept-price">{formatUsdt(price)}</dd></div>
              <div className="flex justify-between text-xs"><dt className="text-slate-400">Protocol fee ({(split.bps / 100).toFixed(1)}%)</dt><dd className="whitespace-nowrap" data-testid="accept-fee">−{formatUsdt(feeShown)}</dd></div>
              <div className="flex justify-between border-t border-slate-800 pt-1.5 font-semibold"><dt>You receive</dt><dd data-testid="accept-net">{formatUsdt(sellerShown)}</dd></div>
              <div className="text-xs text-slate-400"><dt className="inline">Plus: </dt><dd className="inline">the rewards the NFT has accrued, paid to you in the sale.</dd></div>
            </dl>
          )}
          {split && listingEquivalent !== undefined && (
            <p className="text-sm text-slate-300" data-testid="accept-compare">
              The cheapest listing of this product asks {formatUnitDayPrice(BigInt(Math.round(pricePerUnitDay(cheapest!, now))))} per unit per day: about {formatUsdt(BigInt(Math.round(listingEquivalent)))} for this NFT. {Number(split.seller) >= listingEquivalent ? 'This offer nets you more.' : 'Listing near that price might get you more, if it sells.'}
            </p>
          )}
          {split && listingEquivalent === undefined && <p className="text-sm text-slate-400" data-testid="accept-compare">No listing of this product to compare with.</p>}
          {needsApproval && tokenId !== undefined && (
            <ApprovalScopePicker
              name={`accept-scope-${offer.id}`}
              state={scope}
              approval={{ kind: 'operator', collection: 'Hashmint', spenderName: 'the Marketplace', spenderAddress: deployment.contracts.Marketplace, exactText: `Approve NFT #${tokenId} only` }}
              exact={[`This NFT only (#${tokenId})`, 'Approve the marketplace for the NFT you sell, nothing else.']}
            />
          )}
          <ActionButton
            testId="accept-offer-submit"
            state={{
              connected: isConnected,
              loading: isConnected && approval.data === undefined && tokenId !== undefined,
              blocked: own ? 'This is your own offer' : inactive ? 'This offer is no longer open' : quote && !quote.ok ? 'This NFT does not match' : undefined,
              emptyInput: tokenId === undefined ? 'Choose an NFT' : needsApproval && scope.pending ? 'Accept or cancel the approval for all' : undefined,
              busy: actions.step === 'approving' ? 'Approving…' : actions.step === 'sending' ? 'Selling…' : undefined,
              action: split ? `Sell for ${formatUsdt(split.seller)} net` : 'Sell',
            }}
            onAction={() => void onAccept()}
          />
        </div>
      )}
    </Dialog>
  );
}
