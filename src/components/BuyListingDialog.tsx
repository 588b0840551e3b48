// Buying a listed NFT: the total (the fee is inside the price, shown split), the balance, payment by
// permit or exact approval, then buy.
import { useState } from 'react';
import { useAccount } from 'wagmi';
import { useAppChain } from '../hooks/useAppChain';
import { useApprovalScope } from '../hooks/useApprovalScope';
import type { PayMethod } from '../hooks/useBuyProduct';
import { useListingLive } from '../hooks/useMarket';
import { useMarketActions } from '../hooks/useMarketActions';
import type { CoinState } from '../hooks/useProtocol';
import { useTokenAccount } from '../hooks/useTokenAccount';
import { dailyOutput } from '../lib/economics';
import { formatHashrate, formatToken, formatUsd, formatUsdt, plural, shortAddress, splitForDisplay, toUsd } from '../lib/format';
import { listingChange, payout, STATUS_TEXT, type MarketListing } from '../lib/marketState';
import { termDaysLeft } from '../lib/terms';
import { href } from '../lib/router';
import { ActionButton } from './ActionButton';
import { Dialog } from './Dialog';
import { PayMethodPicker } from './PayMethodPicker';
import { ApprovalScopePicker } from './safety/ApprovalScopePicker';
import { ErrorNote } from './ui';

export function BuyListingDialog({ listing: l, coin, feeBps, now, open, onClose }: { listing: MarketListing; coin: CoinState; feeBps: number; now: number; open: boolean; onClose: () => void }) {
  const { deployment } = useAppChain();
  const { isConnected, address } = useAccount();
  const token = useTokenAccount(deployment.contracts.USDT, deployment.contracts.Marketplace);
  const actions = useMarketActions();
  const [method, setMethod] = useState<PayMethod>('permit');
  const [bought, setBought] = useState(false);
  // While open, the listing is re-read whenever the market changes (the chain watcher or a transaction
  // invalidates it), so a sale, cancel or price change by someone else shows here before the buyer signs.
  // During the buyer's own purchase its own sale is not news.
  const [buying, setBuying] = useState(false);
  const live = useListingLive(l.id, open && !bought);
  const change = live.data && !buying && !bought ? listingChange(live.data.status, live.data.price, l.price) : undefined;
  const scope = useApprovalScope();
  const needsApproval = method === 'approve' && token.data !== undefined && token.data.allowance < l.price;
  const split = payout(l.price, l.feeBps, feeBps);
  // Fee and the seller's part rounded so that, as shown, they add up to the price shown.
  const [feeShown, sellerShown] = splitForDisplay(l.price, [split.fee, split.seller], 6, 2);
  const balance = token.data?.balance;
  const insufficient = balance !== undefined && balance < l.price;
  const own = address !== undefined && address.toLowerCase() === l.seller.toLowerCase();
  const daysLeft = termDaysLeft(0, l.termEnd, now);
  const daily = dailyOutput(l.hashrate, coin.latestOutput);
  const outputUsd = toUsd(daily, coin.decimals, coin.priceUsd) * daysLeft;

  const onBuy = async () => {
    if (!token.data) return;
    setBuying(true);
    const r = await actions.buy(l, method, token.data, now);
    if (r?.status === 'confirmed') setBought(true);
    setBuying(false);
  };

  return (
    <Dialog open={open} onClose={onClose} title={`Buy #${l.tokenId}`} labelledBy={`buy-listing-${l.id}`}>
      {bought ? (
        <div role="status" className="space-y-3">
          <p className="text-lg text-emerald-300">#{String(l.tokenId)} is yours. Its output from now on is yours to claim.</p>
          <a href={href.nft(l.tokenId)} onClick={onClose} className="font-semibold text-brand-400 underline">Open it</a>
        </div>
      ) : (
        <div className="space-y-4">
          {change && <p role="alert" data-testid="buy-listing-changed" className="rounded-lg border border-amber-500/40 bg-amber-500/10 p-3 text-sm text-amber-200">{change}</p>}
          <p className="text-sm text-slate-300">
            {formatHashrate(l.hashrate, coin.unit)} of {coin.symbol} hash power, {plural(daysLeft, 'day')} of output left, from {shortAddress(l.seller)}.
          </p>
          <dl className="tabular space-y-1.5 rounded-xl bg-slate-950/60 p-3 text-sm" aria-label="Cost">
            <div className="flex justify-between"><dt className="text-slate-400">Price</dt><dd data-testid="buy-listing-price">{formatUsdt(l.price)}</dd></div>
            <div className="flex justify-between text-xs"><dt className="text-slate-400">of which protocol fee ({(split.bps / 100).toFixed(1)}%)</dt><dd data-testid="buy-listing-fee">{formatUsdt(feeShown)}</dd></div>
            <div className="flex justify-between text-xs"><dt className="text-slate-400">of which to the seller</dt><dd data-testid="buy-listing-seller">{formatUsdt(sellerShown)}</dd></div>
            <div className="flex justify-between border-t border-slate-800 pt-1.5 font-semibold"><dt>Total</dt><dd data-testid="buy-listing-total">{formatUsdt(l.price)}</dd></div>
            <div className="flex justify-between text-xs text-slate-400"><dt>Your balance</dt><dd>{balance === undefined ? (isConnected ? '…' : 'connect a wallet') : formatUsdt(balance)}</dd></div>
          </dl>
          <p className="text-sm text-slate-300">
            Estimated output still to come: {formatToken(daily * BigInt(daysLeft), coin.decimals, coin.symbol, 6)} ≈ {formatUsd(outputUsd)} at today's output and price.
            {outputUsd < Number(l.price) / 1e6 && <span className="block text-amber-300">That is less than the price.</span>}
          </p>
          <p className="text-sm text-slate-300" data-testid="buy-listing-rewards">
            What you pay for is the hash power from now on: rewards the NFT earned before the sale go to the seller inside the sale, so you receive it with none unclaimed, whether or not the seller claims first.
          </p>
          <PayMethodPicker name={`pay-listing-${l.id}`} value={method} onChange={setMethod} />
          {needsApproval && (
            <ApprovalScopePicker
              name={`scope-listing-${l.id}`}
              state={scope}
              approval={{ kind: 'erc20', symbol: 'USDT', spenderName: 'Marketplace', spenderAddress: deployment.contracts.Marketplace, exactAmountText: formatUsdt(l.price) }}
              exact={[`Exactly ${formatUsdt(l.price)}`, 'Approve only what this purchase needs.']}
            />
          )}
          <ActionButton
            testId="buy-listing-submit"
            state={{
              connected: isConnected,
              loading: isConnected && !token.data,
              // Sold, cancelled or repriced by someone else while the dialog is open: said above, and on the button.
              blocked: change
                ? live.data!.status === 'active' ? 'Price changed' : `Not buyable: ${STATUS_TEXT[live.data!.status].toLowerCase()}`
                : own ? 'This is your listing' : undefined,
              insufficient: insufficient ? 'Not enough USDT' : undefined,
              busy: actions.step === 'signing' ? 'Sign the permit in your wallet…' : actions.step === 'approving' ? 'Approving…' : actions.step === 'sending' ? 'Buying…' : undefined,
              emptyInput: needsApproval && scope.pending ? 'Accept or cancel the unlimited approval' : undefined,
              approval: needsApproval ? (scope.unlimited ? 'Approve unlimited USDT' : `Approve ${formatUsdt(l.price)}`) : undefined,
              action: method === 'permit' && token.data && token.data.allowance < l.price ? 'Sign permit and buy' : `Buy for ${formatUsdt(l.price)}`,
            }}
            onApprove={() => void actions.approvePayment(scope.amount(l.price), scope.txOptions)}
            onAction={() => void onBuy()}
          />
          {own && <ErrorNote>This is your own listing.</ErrorNote>}
          {insufficient && <ErrorNote>This costs {formatUsdt(l.price)} and your balance is {formatUsdt(balance!)}.</ErrorNote>}
        </div>
      )}
    </Dialog>
  );
}
