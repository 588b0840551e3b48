// Buying a product: quantity, the whole cost with fees spelled out (none: electricity is in the price),
// the estimated daily net income and breakeven before paying, then permit or exact approval, then buy.
import { useState } from 'react';
import { useAccount } from 'wagmi';
import { useApprovalScope } from '../hooks/useApprovalScope';
import { useBuyProduct, type PayMethod } from '../hooks/useBuyProduct';
import type { Product } from '../hooks/useProducts';
import type { CoinState, ProtocolState } from '../hooks/useProtocol';
import { useTokenAccount } from '../hooks/useTokenAccount';
import { useAppChain } from '../hooks/useAppChain';
import { estimate } from '../lib/economics';
import { DAY_SECONDS, formatDate, formatHashrate, formatStable, formatToken, formatUsd, formatUsdt, plural } from '../lib/format';
import { parseCount } from '../lib/parse';
import { href } from '../lib/router';
import { ActionButton } from './ActionButton';
import { Dialog } from './Dialog';
import { PayMethodPicker } from './PayMethodPicker';
import { ApprovalScopePicker } from './safety/ApprovalScopePicker';
import { ErrorNote, inputClass } from './ui';

export function BuyDialog({ product, coin, protocol, now, open, onClose }: { product: Product; coin: CoinState; protocol: ProtocolState; now: number; open: boolean; onClose: () => void }) {
  const { deployment } = useAppChain();
  const { isConnected } = useAccount();
  const token = useTokenAccount(deployment.contracts.USDT, deployment.contracts.ProductSale);
  const { step, approve, buy } = useBuyProduct();
  const [qty, setQty] = useState('1');
  const [method, setMethod] = useState<PayMethod>('permit');
  const scope = useApprovalScope();
  const [bought, setBought] = useState<bigint>();

  const available = product.supplyCap - product.sold;
  const limit = product.purchasable ?? available;
  const walletCapped = product.perWalletCap > 0n && limit < available;
  const parsed = parseCount(qty, {
    noun: 'units',
    max: {
      value: limit,
      reason:
        limit === 0n
          ? walletCapped
            ? 'You have bought the most this product allows per wallet.'
            : 'There is nothing left to buy.'
          : walletCapped
            ? `Each wallet may buy ${plural(product.perWalletCap, 'unit')}: you can buy ${limit} more.`
            : `Only ${plural(available, 'unit')} left.`,
    },
  });
  const units = parsed.ok ? parsed.value : 0n;
  const cost = units * product.pricePerUnit;
  const balance = token.data?.balance;
  const insufficient = parsed.ok && balance !== undefined && cost > balance;
  const hashrate = units * product.hashratePerUnit;
  const est = estimate({
    hashrate: (parsed.ok ? units : 1n) * product.hashratePerUnit,
    outputPerUnit: coin.latestOutput,
    coinDecimals: coin.decimals,
    coinPriceUsd: coin.priceUsd,
    costUsd: Number((parsed.ok ? cost : product.pricePerUnit)) / 10 ** protocol.usdt.decimals,
    termDays: product.termDays,
  });
  const needsApproval = method === 'approve' && token.data !== undefined && parsed.ok && token.data.allowance < cost;
  const label = `Buy ${plural(units, 'unit')} of ${product.name}`;
  const latestDay = coin.postedDays > 0 ? formatDate(protocol.genesis + (coin.postedDays - 1) * DAY_SECONDS) : undefined;

  const onBuy = async () => {
    if (!parsed.ok || !token.data) return;
    const result = await buy({ productId: product.id, units, cost, label, method, token: token.data, now });
    if (result?.status === 'confirmed') setBought(units);
  };

  return (
    <Dialog open={open} onClose={onClose} title={`Buy ${product.name}`} labelledBy={`buy-title-${product.id}`}>
      {bought !== undefined ? (
        <div role="status" className="space-y-4">
          <p className="text-lg text-emerald-300">You bought {plural(bought, 'unit')} ({formatHashrate(bought * product.hashratePerUnit, coin.unit)}).</p>
          <p className="text-sm text-slate-300">Your NFT earns from the next full day (UTC) for {product.termDays} days.</p>
          <a href={href.portfolio} onClick={onClose} className="inline-block font-semibold text-brand-400 underline">
            See it in your portfolio
          </a>
        </div>
      ) : (
        <div className="space-y-4">
          <div>
            <label htmlFor={`qty-${product.id}`} className="text-sm font-medium text-slate-200">
              Units ({formatHashrate(product.hashratePerUnit, coin.unit)} each)
            </label>
            <div className="mt-1 flex gap-2">
              <input
                id={`qty-${product.id}`}
                inputMode="numeric"
                autoComplete="off"
                className={inputClass}
                value={qty}
                onChange={(e) => setQty(e.target.value)}
                aria-invalid={!parsed.ok}
                aria-describedby={`qty-help-${product.id}${!parsed.ok ? ` qty-error-${product.id}` : ''}`}
              />
              <button type="button" className="rounded-xl border border-slate-700 px-3 text-sm text-slate-200 hover:bg-slate-800" onClick={() => setQty(String(limit))} disabled={limit === 0n}>
                Max
              </button>
            </div>
            <p id={`qty-help-${product.id}`} className="mt-1 text-xs text-slate-400">
              {plural(available, 'unit')} left
              {product.perWalletCap > 0n && ` · at most ${plural(product.perWalletCap, 'unit')} per wallet`}
              {product.purchasable !== undefined && ` · you can buy ${product.purchasable}`}
            </p>
            {!parsed.ok && <ErrorNote id={`qty-error-${product.id}`}>{parsed.error}</ErrorNote>}
          </div>

          <dl className="tabular space-y-1.5 rounded-xl bg-slate-950/60 p-3 text-sm" aria-label="Cost">
            <div className="flex justify-between"><dt className="text-slate-400">Hashrate</dt><dd>{formatHashrate(hashrate, coin.unit)}</dd></div>
            <div className="flex justify-between"><dt className="text-slate-400">Price</dt><dd>{units.toString()} × {formatStable(product.pricePerUnit)}</dd></div>
            <div className="flex justify-between"><dt className="text-slate-400">Electricity</dt><dd>included, never billed later</dd></div>
            <div className="flex justify-between"><dt className="text-slate-400">Fees</dt><dd>{formatStable(0n)}</dd></div>
            <div className="flex justify-between border-t border-slate-800 pt-1.5 font-semibold"><dt>Total</dt><dd data-testid="buy-total">{formatUsdt(cost)}</dd></div>
            <div className="flex justify-between text-xs text-slate-400">
              <dt>Your balance</dt>
              <dd data-testid="buy-balance">{balance === undefined ? (isConnected ? '…' : 'connect a wallet') : formatUsdt(balance)}</dd>
            </div>
          </dl>

          <div role="group" className="rounded-xl border border-slate-800 p-3 text-sm" aria-label="Estimate">
            <p className="font-medium text-slate-200">Estimated net income {parsed.ok ? '' : '(per unit)'}</p>
            <p className="tabular mt-1 text-lg font-semibold text-white" data-testid="buy-daily">
              {formatToken(est.dailyCoin, coin.decimals, coin.symbol, 8)} ≈ {formatUsd(est.dailyUsd)} per day
            </p>
            <p className="tabular text-slate-300">
              Breakeven {est.breakevenDays === undefined ? 'not reached' : `in ${plural(est.breakevenDays, 'day')}`} of a {product.termDays}-day term · term income ≈ {formatUsd(est.termUsd)}
            </p>
            {!est.breaksEvenInTerm && (
              <p className="mt-1 text-amber-300">At today's output and price this does not pay back its price within its term.</p>
            )}
            <p className="mt-1 text-xs text-slate-400">
              At the latest daily output{latestDay ? ` (${latestDay})` : ''} and {coin.symbol} at {formatUsd(coin.priceUsd)}. Output and price change daily; this is an estimate, not a promise.
            </p>
          </div>

          <PayMethodPicker name={`pay-${product.id}`} value={method} onChange={setMethod} />
          {needsApproval && (
            <ApprovalScopePicker
              name={`scope-${product.id}`}
              state={scope}
              approval={{ kind: 'erc20', symbol: 'USDT', spenderName: 'ProductSale', spenderAddress: deployment.contracts.ProductSale, exactAmountText: formatUsdt(cost) }}
              exact={[`Exactly ${formatUsdt(cost)}`, 'Approve only what this purchase needs.']}
            />
          )}

          <ActionButton
            testId="buy-submit"
            state={{
              connected: isConnected,
              loading: isConnected && !token.data, // also while the node is unreachable: never act on unknown balances
              inputError: parsed.ok ? undefined : parsed.error,
              invalidLabel: 'Check the number of units',
              insufficient: insufficient ? 'Not enough USDT' : undefined,
              busy: step === 'signing' ? 'Sign the permit in your wallet…' : step === 'approving' ? 'Approving…' : step === 'buying' ? 'Buying…' : undefined,
              emptyInput: needsApproval && scope.pending ? 'Accept or cancel the unlimited approval' : undefined,
              approval: needsApproval ? (scope.unlimited ? 'Approve unlimited USDT' : `Approve ${formatUsdt(cost)}`) : undefined,
              action: method === 'permit' && token.data && token.data.allowance < cost ? `Sign permit and buy` : `Buy for ${formatUsdt(cost)}`,
            }}
            onApprove={() => void approve(scope.amount(cost), scope.txOptions)}
            onAction={() => void onBuy()}
          />
          {insufficient && (
            <ErrorNote>
              This costs {formatUsdt(cost)} and your balance is {formatUsdt(balance!)}.
            </ErrorNote>
          )}
        </div>
      )}
    </Dialog>
  );
}
