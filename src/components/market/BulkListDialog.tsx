// Listing several NFTs in one transaction (Marketplace.listMany): a price for each chosen NFT, one expiry
// for all. The marketplace is approved for each chosen NFT, or, only when picked and accepted behind the
// warning, for all the wallet's NFTs in one approval.
import { useState } from 'react';
import { useAccount } from 'wagmi';
import { useAppChain } from '../../hooks/useAppChain';
import { useApprovalScope } from '../../hooks/useApprovalScope';
import { useMarketActions } from '../../hooks/useMarketActions';
import type { Holding } from '../../hooks/usePortfolio';
import { formatHashrate, formatUsdt } from '../../lib/format';
import { parseListingPrice } from '../../lib/parse';
import { ActionButton } from '../ActionButton';
import { Dialog } from '../Dialog';
import { ApprovalScopePicker } from '../safety/ApprovalScopePicker';
import { inputClass } from '../ui';
import type { CoinLabel } from '../../hooks/useMarket';

const DURATIONS = [7, 30, 90, 180];

export function BulkListDialog({ holdings, coins, open, onClose }: { holdings: Holding[]; coins: CoinLabel[]; open: boolean; onClose: () => void }) {
  const { isConnected } = useAccount();
  const { deployment } = useAppChain();
  const actions = useMarketActions();
  const scope = useApprovalScope();
  const [prices, setPrices] = useState<Record<string, string>>({});
  const [days, setDays] = useState(30);
  const [done, setDone] = useState<string>();
  const chosen = holdings.filter((h) => (prices[String(h.id)] ?? '').trim() !== '');
  const parsed = chosen.map((h) => ({ h, p: parseListingPrice(prices[String(h.id)]) }));
  const bad = parsed.find((x) => !x.p.ok);
  const items = parsed.flatMap((x) => (x.p.ok ? [{ tokenId: x.h.id, price: x.p.value }] : []));

  const onList = async () => {
    if (bad || items.length === 0) return;
    const r = await actions.listMany(items, days, scope.txOptions);
    if (r?.status === 'confirmed') setDone(`Listed ${items.length} NFTs for ${formatUsdt(items.reduce((s, i) => s + i.price, 0n))} in all.`);
  };

  return (
    <Dialog open={open} onClose={onClose} title="List several NFTs" labelledBy="bulk-list">
      {done ? (
        <p role="status" className="text-lg text-emerald-300">{done}</p>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-300">Enter a price for each NFT to list; leave the others empty. The rewards each has earned up to its sale are paid to you inside the sale.</p>
          <ul className="space-y-2" aria-label="NFTs to list">
            {holdings.map((h) => (
              <li key={String(h.id)}>
                <label className="flex items-center justify-between gap-3 text-sm text-slate-200">
                  <span>#{String(h.id)} · {formatHashrate(h.hashrate, coins[h.coin]?.unit ?? '')} {coins[h.coin]?.symbol ?? ''} price (USDT)</span>
                  <input className={`${inputClass} w-32`} inputMode="decimal" value={prices[String(h.id)] ?? ''} onChange={(e) => setPrices({ ...prices, [String(h.id)]: e.target.value })} />
                </label>
              </li>
            ))}
          </ul>
          {bad && !bad.p.ok && <p role="alert" className="text-sm text-rose-300">#{String(bad.h.id)}: {bad.p.error}</p>}
          <label className="block text-sm text-slate-200">
            Listings end after
            <select className={`${inputClass} mt-1`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {DURATIONS.map((d) => <option key={d} value={d}>{d} days</option>)}
            </select>
          </label>
          {items.length > 0 && (
            <ApprovalScopePicker
              name="bulk-list-scope"
              state={scope}
              approval={{ kind: 'operator', collection: 'Hashmint', spenderName: 'the Marketplace', spenderAddress: deployment.contracts.Marketplace, exactText: 'Approve each chosen NFT only' }}
              exact={['These NFTs only', 'One approval per chosen NFT, nothing else.']}
            />
          )}
          <ActionButton
            testId="bulk-list-submit"
            state={{
              connected: isConnected,
              loading: false,
              emptyInput: items.length === 0 && !bad ? 'Enter a price for at least one NFT' : scope.pending ? 'Accept or cancel the approval for all' : undefined,
              inputError: bad && !bad.p.ok ? bad.p.error : undefined,
              invalidLabel: 'Check the prices',
              busy: actions.step === 'approving' ? 'Approving…' : actions.step === 'sending' ? 'Listing…' : undefined,
              action: `List ${items.length} NFTs`,
            }}
            onAction={() => void onList()}
          />
        </div>
      )}
    </Dialog>
  );
}
