// "Sweep the N cheapest that match these filters": each listing with its price, the sum, the most the
// buyer allows in all (never below the sum: refused in words), then one transaction that buys every listing
// still valid and skips the others, saying which and why.
import { useState } from 'react';
import { parseEventLogs } from 'viem';
import { useAccount } from 'wagmi';
import { useAppChain } from '../../hooks/useAppChain';
import { useOfferActions } from '../../hooks/useOfferActions';
import { useTokenAccount } from '../../hooks/useTokenAccount';
import { abiOf } from '../../lib/contracts';
import { MAX_SWEEP } from './SweepControls';
import { formatHashrate, formatUsdt } from '../../lib/format';
import type { MarketListing } from '../../lib/marketState';
import { parseAmount, parseCount } from '../../lib/parse';
import { ActionButton } from '../ActionButton';
import { AmountField } from '../AmountField';
import { Dialog } from '../Dialog';
import { buttonClass } from '../ui';
import type { CoinLabel } from '../../hooks/useMarket';

/** The contract's SkipReason enum, in its order, in words. */
const SKIP_TEXT = ['', 'already sold', 'cancelled', 'expired', 'the seller no longer holds the NFT', 'the seller withdrew the approval', 'its price was raised', 'it is your own listing', 'it would take the total above your maximum'];

export function SweepDialog({ candidates, labels, names, open, onClose }: { candidates: MarketListing[]; labels: CoinLabel[]; names: (id: number) => string; open: boolean; onClose: () => void }) {
  const { isConnected, address } = useAccount();
  const { deployment } = useAppChain();
  const token = useTokenAccount(deployment.contracts.USDT, deployment.contracts.Marketplace);
  const actions = useOfferActions();
  const [count, setCount] = useState(String(Math.min(3, candidates.length)));
  const countP = parseCount(count, { noun: 'listings', max: { value: BigInt(Math.min(MAX_SWEEP, candidates.length)), reason: `At most ${Math.min(MAX_SWEEP, candidates.length)} listings match and can be swept at once.` } });
  const mine = (l: MarketListing) => address !== undefined && l.seller.toLowerCase() === address.toLowerCase();
  // The list the buyer reviews is frozen when the dialog opens: a listing that is sold or dies meanwhile must not
  // silently swap in a dearer one (and raise the default total) under the cursor. The contract skips dead ones;
  // a notice offers the current list instead.
  const [snapshot, setSnapshot] = useState(candidates);
  const pick = (from: MarketListing[]) => (countP.ok ? from.filter((l) => !mine(l)).slice(0, Number(countP.value)) : []);
  const items = pick(snapshot);
  const live = pick(candidates);
  const moved = live.length !== items.length || live.some((l, i) => l.id !== items[i]?.id || l.price !== items[i]?.price);
  const sum = items.reduce((s, l) => s + l.price, 0n);
  const [total, setTotal] = useState<string>();
  const totalText = total ?? (sum > 0n ? (Number(sum) / 1e6).toFixed(2) : '');
  const totalP = parseAmount(totalText, { decimals: 6, symbol: 'USDT', min: { value: sum, reason: `The total you allow is below the sum of these listings (${formatUsdt(sum)}). Raise it or sweep fewer.` } });
  const over = totalP.ok && token.data && token.data.balance < totalP.value;
  const [result, setResult] = useState<{ bought: number; of: number; skipped: string[] }>();

  const onSweep = async () => {
    if (!token.data || !totalP.ok || items.length === 0) return;
    const r = await actions.sweep(items, totalP.value, token.data);
    if (r?.status !== 'confirmed') return;
    const logs = parseEventLogs({ abi: abiOf('Marketplace'), logs: r.receipt.logs });
    const skipped = logs.flatMap((l) => (l.eventName === 'SweepSkipped' ? [`Listing ${l.args.listingId}: ${SKIP_TEXT[Number(l.args.reason)] ?? 'skipped'}`] : []));
    const bought = logs.filter((l) => l.eventName === 'Sold').length;
    setResult({ bought, of: items.length, skipped });
  };

  return (
    <Dialog open={open} onClose={onClose} title="Sweep the cheapest listings" labelledBy="sweep-dialog">
      {result ? (
        <div role="status" className="space-y-2 text-sm" data-testid="sweep-result">
          <p className="text-lg text-emerald-300">Bought {result.bought} of {result.of} listings.</p>
          {result.skipped.length > 0 && (
            <ul className="list-inside list-disc text-amber-200" aria-label="Skipped listings">
              {result.skipped.map((s) => <li key={s}>Skipped {s}; nothing was paid for it.</li>)}
            </ul>
          )}
        </div>
      ) : (
        <div className="space-y-4">
          <AmountField id="sweep-count" label="How many of the cheapest matching listings" value={count} onChange={setCount} parsed={countP} placeholder="3" />
          <ul className="tabular divide-y divide-slate-800 rounded-xl bg-slate-950/60 p-3 text-sm" aria-label="Listings to sweep">
            {items.map((l) => (
              <li key={String(l.id)} className="flex justify-between gap-2 py-1" data-testid={`sweep-item-${l.id}`}>
                <span>#{String(l.tokenId)} · {formatHashrate(l.hashrate, labels[l.coin]?.unit ?? '')} {labels[l.coin]?.symbol ?? ''} · {names(l.productId)}</span>
                <span>{formatUsdt(l.price)}</span>
              </li>
            ))}
            <li className="flex justify-between pt-1 font-semibold"><span>Sum</span><span data-testid="sweep-sum">{formatUsdt(sum)}</span></li>
          </ul>
          {moved && (
            <div role="status" className="flex flex-wrap items-center justify-between gap-2 rounded-xl border border-amber-500/40 bg-amber-950/40 p-3 text-sm text-amber-100" data-testid="sweep-moved">
              <span>The cheapest listings changed since you opened this. Sweeping this list skips any that are gone.</span>
              <button type="button" className={buttonClass.secondary} onClick={() => { setSnapshot(candidates); setTotal(undefined); }}>
                Use the current list
              </button>
            </div>
          )}
          <AmountField id="sweep-total" label="The most you pay in all (USDT)" value={totalText} onChange={setTotal} parsed={totalP} help="Listings that are sold, cancelled or repriced before your transaction lands are skipped, and you pay only for what you get." />
          <p className="text-xs text-slate-400">Rewards each NFT has accrued up to the sale go to its seller inside the sale; you receive the NFTs with none unclaimed and earn their output from then on.</p>
          <ActionButton
            testId="sweep-submit"
            state={{
              connected: isConnected,
              loading: isConnected && !token.data,
              emptyInput: items.length === 0 ? 'Nothing to sweep' : totalText.trim() === '' ? 'Enter the total' : undefined,
              inputError: !countP.ok ? countP.error : !totalP.ok ? totalP.error : undefined,
              invalidLabel: 'Check the total',
              insufficient: over ? 'Not enough USDT' : undefined,
              busy: actions.step === 'approving' ? 'Approving…' : actions.step === 'sending' ? 'Sweeping…' : undefined,
              approval: totalP.ok && token.data && token.data.allowance < totalP.value ? `Approve ${formatUsdt(totalP.value)} and sweep` : undefined,
              action: `Sweep ${items.length} for at most ${totalP.ok ? formatUsdt(totalP.value) : formatUsdt(sum)}`,
            }}
            onApprove={() => void onSweep()}
            onAction={() => void onSweep()}
          />
        </div>
      )}
    </Dialog>
  );
}
