// The two offer forms: a product offer (USDT per hashrate unit per day left, for any NFT of a product, up to
// a number of units) and a token offer (an amount for one NFT). Both escrow the USDT: the form shows the
// escrow, checks it against the balance, and every field says in words what is wrong with it.
import { useState } from 'react';
import { useAccount } from 'wagmi';
import { AmountField } from '../AmountField';
import { ActionButton } from '../ActionButton';
import { inputClass } from '../ui';
import { useAppChain } from '../../hooks/useAppChain';
import { useOfferActions } from '../../hooks/useOfferActions';
import type { Product } from '../../hooks/useProducts';
import { useTokenAccount } from '../../hooks/useTokenAccount';
import { formatUnitDayPrice, formatUsdt } from '../../lib/format';
import { aboveBalance, parseExpiryDays, parseOfferUnits, parseUnitDayPrice, productEscrow } from '../../lib/offers';
import { parseAmount, parseCount, type Parsed } from '../../lib/parse';

const errorOf = (p: Parsed<unknown>) => (p.ok ? undefined : p.error);

export function ProductOfferForm({ products, now }: { products: Product[]; now: number }) {
  const { isConnected } = useAccount();
  const { deployment } = useAppChain();
  const token = useTokenAccount(deployment.contracts.USDT, deployment.contracts.Marketplace);
  const actions = useOfferActions();
  const [productId, setProductId] = useState(products[0] ? String(products[0].id) : '');
  const [price, setPrice] = useState('');
  const [units, setUnits] = useState('');
  const [minDays, setMinDays] = useState('1');
  const [expiry, setExpiry] = useState('7');
  const [done, setDone] = useState<string>();
  const product = products.find((p) => String(p.id) === productId);
  const maxDays = product?.termDays ?? 0;
  const priceP = parseUnitDayPrice(price);
  const unitsP = parseOfferUnits(units);
  const minP = parseCount(minDays, { noun: 'days', max: { value: BigInt(maxDays), reason: `The product's term is ${maxDays} days: ask for at most that many days left.` } });
  const expiryP = parseExpiryDays(expiry, now);
  const escrow = priceP.ok && unitsP.ok ? productEscrow(priceP.value, unitsP.value, maxDays) : undefined;
  const over = escrow !== undefined ? aboveBalance(escrow, token.data?.balance) : undefined;
  const firstError = [priceP, unitsP, minP, expiryP].map(errorOf).find(Boolean);

  const onSubmit = async () => {
    if (!token.data || !product || !priceP.ok || !unitsP.ok || !minP.ok || !expiryP.ok || escrow === undefined) return;
    const r = await actions.makeProductOffer(
      { kind: 'product', target: product.id, pricePerUnitDay: priceP.value, units: unitsP.value, minDays: Number(minP.value), maxDays, durationSeconds: expiryP.value, escrow },
      token.data,
    );
    if (r?.status === 'confirmed') {
      setDone(`Offer made: ${formatUnitDayPrice(priceP.value)} per unit per day for up to ${unitsP.value} units of ${product.name}.`);
      setPrice('');
      setUnits('');
    }
  };

  return (
    <form className="space-y-3" aria-label="Make a product offer" onSubmit={(e) => e.preventDefault()}>
      <div>
        <label htmlFor="offer-product" className="text-sm font-medium text-slate-200">Product</label>
        <select id="offer-product" className={`${inputClass} mt-1`} value={productId} onChange={(e) => setProductId(e.target.value)}>
          {products.map((p) => <option key={String(p.id)} value={String(p.id)}>{p.name} ({p.termDays}-day term)</option>)}
        </select>
      </div>
      <AmountField id="offer-unit-price" label="USDT per hashrate unit per day left" value={price} onChange={setPrice} parsed={priceP} placeholder="0.01" />
      <AmountField id="offer-units" label="Hashrate units wanted in all" value={units} onChange={setUnits} parsed={unitsP} placeholder="100" />
      <div className="grid grid-cols-2 gap-3">
        <AmountField id="offer-min-days" label="At least this many days left" value={minDays} onChange={setMinDays} parsed={minP} placeholder="1" />
        <AmountField id="offer-expiry" label="Open for (days, or yyyy-mm-dd)" value={expiry} onChange={setExpiry} parsed={expiryP} placeholder="7" />
      </div>
      <p className="text-sm text-slate-300" data-testid="offer-escrow">
        {escrow !== undefined ? `Escrowed now: ${formatUsdt(escrow)} (price × units × ${maxDays} days). What is not spent comes back when the offer is filled or cancelled.` : 'The escrow is price × units × the product’s term in days.'}
      </p>
      {over && <p role="alert" className="text-sm text-rose-300" data-testid="offer-over-balance">{over}</p>}
      {done && <p role="status" className="text-sm text-emerald-300">{done}</p>}
      <ActionButton
        testId="offer-product-submit"
        state={{
          connected: isConnected,
          loading: isConnected && !token.data,
          emptyInput: price.trim() === '' ? 'Enter a price' : units.trim() === '' ? 'Enter the units' : undefined,
          inputError: firstError,
          invalidLabel: 'Check the offer',
          insufficient: over ? 'Not enough USDT' : undefined,
          busy: actions.step === 'approving' ? 'Approving…' : actions.step === 'sending' ? 'Making the offer…' : undefined,
          approval: escrow !== undefined && token.data && token.data.allowance < escrow ? `Approve ${formatUsdt(escrow)} and offer` : undefined,
          action: escrow !== undefined ? `Offer, escrowing ${formatUsdt(escrow)}` : 'Make offer',
        }}
        onApprove={() => void onSubmit()}
        onAction={() => void onSubmit()}
      />
    </form>
  );
}

export function TokenOfferForm({ tokenId, now, best }: { tokenId: bigint; now: number; best?: bigint }) {
  const { isConnected } = useAccount();
  const { deployment } = useAppChain();
  const token = useTokenAccount(deployment.contracts.USDT, deployment.contracts.Marketplace);
  const actions = useOfferActions();
  const [amount, setAmount] = useState('');
  const [expiry, setExpiry] = useState('7');
  const [done, setDone] = useState<string>();
  const amountP = parseAmount(amount, { decimals: 6, symbol: 'USDT' });
  const expiryP = parseExpiryDays(expiry, now);
  const over = amountP.ok ? aboveBalance(amountP.value, token.data?.balance) : undefined;

  const onSubmit = async () => {
    if (!token.data || !amountP.ok || !expiryP.ok) return;
    const r = await actions.makeTokenOffer(tokenId, amountP.value, expiryP.value, token.data);
    if (r?.status === 'confirmed') {
      setDone(`Offer made: ${formatUsdt(amountP.value)} for #${tokenId}.`);
      setAmount('');
    }
  };

  return (
    <form className="space-y-3" aria-label={`Make an offer for #${tokenId}`} onSubmit={(e) => e.preventDefault()}>
      <AmountField id={`token-offer-${tokenId}`} label="Your offer (USDT)" value={amount} onChange={setAmount} parsed={amountP} help={best !== undefined ? `The best offer now is ${formatUsdt(best)}.` : undefined} />
      <AmountField id={`token-offer-expiry-${tokenId}`} label="Open for (days, or yyyy-mm-dd)" value={expiry} onChange={setExpiry} parsed={expiryP} placeholder="7" />
      {over && <p role="alert" className="text-sm text-rose-300" data-testid="offer-over-balance">{over}</p>}
      {done && <p role="status" className="text-sm text-emerald-300">{done}</p>}
      <ActionButton
        testId="offer-token-submit"
        state={{
          connected: isConnected,
          loading: isConnected && !token.data,
          emptyInput: amount.trim() === '' ? 'Enter an amount' : undefined,
          inputError: errorOf(amountP) ?? errorOf(expiryP),
          invalidLabel: 'Check the offer',
          insufficient: over ? 'Not enough USDT' : undefined,
          busy: actions.step === 'approving' ? 'Approving…' : actions.step === 'sending' ? 'Making the offer…' : undefined,
          approval: amountP.ok && token.data && token.data.allowance < amountP.value ? `Approve ${formatUsdt(amountP.value)} and offer` : undefined,
          action: amountP.ok ? `Offer ${formatUsdt(amountP.value)}` : 'Make offer',
        }}
        onApprove={() => void onSubmit()}
        onAction={() => void onSubmit()}
      />
    </form>
  );
}
