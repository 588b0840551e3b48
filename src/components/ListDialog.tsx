// Listing an NFT for sale, or changing a listing's price: the price validated, the expiry chosen, and
// what the buyer pays, the fee and what the seller receives, before signing.
import { useState } from 'react';
import { formatUnits } from 'viem';
import { useAccount } from 'wagmi';
import { useChainTime } from '../hooks/useChainTime';
import { useMarket } from '../hooks/useMarket';
import { useApprovalScope } from '../hooks/useApprovalScope';
import { useMarketActions } from '../hooks/useMarketActions';
import { useAppChain } from '../hooks/useAppChain';
import { useNftApproval } from '../hooks/useNftApproval';
import { DAY_SECONDS, formatAmount, formatDate, formatUsd, formatUsdt, plural, splitForDisplay } from '../lib/format';
import { payout, type MarketListing } from '../lib/marketState';
import { parseListingPrice } from '../lib/parse';
import { termDaysLeft } from '../lib/terms';
import { ActionButton } from './ActionButton';
import { Dialog } from './Dialog';
import { ApprovalScopePicker } from './safety/ApprovalScopePicker';
import { AmountField } from './AmountField';
import { inputClass } from './ui';

const DURATIONS = [1, 7, 30, 90, 180];

export function ListDialog({ tokenId, hashrate, unit, termEnd, existing: existingNow, open, onClose }: { tokenId: bigint; hashrate: bigint; unit: string; termEnd: bigint; existing?: MarketListing; open: boolean; onClose: () => void }) {
  // What the dialog does (list, or change an existing listing's price) is decided when it opens: the new
  // listing that a confirmed "List for sale" creates must not turn the dialog into a price change.
  const [existing] = useState(existingNow);
  const { isConnected } = useAccount();
  const now = useChainTime(false);
  const market = useMarket();
  const actions = useMarketActions();
  const { deployment } = useAppChain();
  const marketAddress = deployment.contracts.Marketplace;
  const approval = useNftApproval(tokenId, marketAddress);
  const scope = useApprovalScope();
  // A new listing needs the marketplace approved for this NFT unless it already is (or for all of them).
  const needsApproval = !existing && approval.data !== undefined && !approval.data.token && !approval.data.forAll;
  const [price, setPrice] = useState(existing ? formatUnits(existing.price, 6) : '');
  const [days, setDays] = useState(30);
  const [done, setDone] = useState<bigint>();
  const parsed = parseListingPrice(price);
  const feeBps = market.data?.feeBps ?? 0;
  const split = parsed.ok ? payout(parsed.value, existing?.feeBps ?? feeBps, feeBps) : undefined;
  // Fee and proceeds rounded so that, as shown, they add up to the price shown.
  const [feeShown, sellerShown] = split ? splitForDisplay(split.fee + split.seller, [split.fee, split.seller], 6, 2) : [0n, 0n];
  const daysLeft = now ? termDaysLeft(0, termEnd, now) : 0;
  const perUnitDay = parsed.ok && daysLeft > 0 ? Number(parsed.value) / 1e6 / Number(hashrate) / daysLeft : undefined;
  const title = existing ? `Change the price of #${tokenId}` : `List #${tokenId} for sale`;

  const submit = async () => {
    if (!parsed.ok) return;
    const r = existing ? await actions.updatePrice(existing.id, parsed.value) : await actions.list(tokenId, parsed.value, days, scope.txOptions);
    if (r?.status === 'confirmed') setDone(parsed.value);
  };

  return (
    <Dialog open={open} onClose={onClose} title={title} labelledBy={`list-title-${tokenId}`}>
      {done !== undefined ? (
        <p role="status" className="text-emerald-300" data-testid="list-done">
          {existing
            ? `The new price is live. #${tokenId} now sells for ${formatUsdt(done)}.`
            : `Your NFT is listed. #${tokenId} is for sale at ${formatUsdt(done)} and stays in your wallet until someone buys it.`}
        </p>
      ) : (
        <div className="space-y-4">
          <AmountField id={`price-${tokenId}`} label="Price (USDT)" value={price} onChange={setPrice} parsed={parsed}>
            {perUnitDay !== undefined && (
              <p className="mt-1 text-xs text-slate-400">
                {formatUsd(perUnitDay)} per {unit} per remaining day ({plural(daysLeft, 'day')} of output left)
              </p>
            )}
          </AmountField>
          {!existing && (
            <div>
              <label htmlFor={`duration-${tokenId}`} className="text-sm font-medium text-slate-200">Listing ends after</label>
              <select id={`duration-${tokenId}`} className={`${inputClass} mt-1`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
                {DURATIONS.map((d) => (
                  <option key={d} value={d}>{plural(d, 'day')}{now ? ` (${formatDate(now + d * DAY_SECONDS)})` : ''}</option>
                ))}
              </select>
            </div>
          )}
          <dl className="tabular space-y-1.5 rounded-xl bg-slate-950/60 p-3 text-sm" aria-label="Proceeds">
            <div className="flex justify-between"><dt className="text-slate-400">Buyer pays</dt><dd data-testid="list-price">{split ? `${formatAmount(parsed.ok ? parsed.value : 0n, 6, 2)} USDT` : '—'}</dd></div>
            <div className="flex justify-between"><dt className="text-slate-400">Protocol fee ({((split?.bps ?? feeBps) / 100).toFixed(1)}%)</dt><dd data-testid="list-fee">{split ? `−${formatAmount(feeShown, 6, 2)} USDT` : '—'}</dd></div>
            <div className="flex justify-between border-t border-slate-800 pt-1.5 font-semibold"><dt>You receive</dt><dd data-testid="list-proceeds">{split ? `${formatAmount(sellerShown, 6, 2)} USDT` : '—'}</dd></div>
          </dl>
          {needsApproval && (
            <ApprovalScopePicker
              name={`list-scope-${tokenId}`}
              state={scope}
              approval={{ kind: 'operator', collection: 'Hashmint', spenderName: 'the Marketplace', spenderAddress: marketAddress, exactText: `Approve NFT #${tokenId} only` }}
              exact={[`This NFT only (#${tokenId})`, 'Approve the marketplace for the NFT you list, nothing else.']}
            />
          )}
          <p className="text-xs text-slate-400">
            {existing
              ? 'Only the price changes; the expiry stays.'
              : `The NFT stays in your wallet. ${
                  approval.data?.forAll
                    ? 'The marketplace is already approved for all your NFTs (revoke that on the Approvals page).'
                    : scope.unlimited
                      ? 'You approve the marketplace for all your NFTs.'
                      : 'You approve the marketplace for this one NFT only.'
                } The rewards it has earned up to the sale are paid to you inside the sale; the buyer gets the output from then on.`}
          </p>
          <ActionButton
            testId="list-submit"
            state={{
              connected: isConnected,
              loading: !market.data,
              emptyInput: price.trim() === '' ? 'Enter a price' : needsApproval && scope.pending ? 'Accept or cancel the approval for all' : undefined,
              inputError: parsed.ok ? undefined : parsed.error,
              invalidLabel: 'Check the price',
              busy: actions.step === 'approving' ? (scope.unlimited ? 'Approving all your NFTs…' : 'Approving this NFT…') : actions.step === 'sending' ? (existing ? 'Updating…' : 'Listing…') : undefined,
              action: existing ? 'Change price' : 'List for sale',
            }}
            onAction={() => void submit()}
          />
        </div>
      )}
    </Dialog>
  );
}
