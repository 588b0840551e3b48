// Starting a pool toward an open product: units aimed at (the target), a hard cap in units, the minimum and
// maximum per member, and a deadline inside the sale window. Every field is checked before anything is sent.
import { useState } from 'react';
import { useAccount } from 'wagmi';
import { usePoolActions } from '../../hooks/usePoolActions';
import { saleStatus, type Product } from '../../hooks/useProducts';
import type { ProtocolState } from '../../hooks/useProtocol';
import { DAY_SECONDS, formatDateTime, formatHashrate, formatUsdt, plural } from '../../lib/format';
import { parseAmount, parseCount } from '../../lib/parse';
import { ActionButton } from '../ActionButton';
import { Dialog } from '../Dialog';
import { ErrorNote, inputClass } from '../ui';


function Field({ id, label, value, onChange, error, help, mode = 'numeric' }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string; help?: string; mode?: 'numeric' | 'decimal' }) {
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium text-slate-200">{label}</label>
      <input
        id={id}
        inputMode={mode}
        autoComplete="off"
        className={`${inputClass} mt-1`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={[help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined}
      />
      {help && <p id={`${id}-help`} className="tabular mt-1 text-xs text-slate-400">{help}</p>}
      {error && <ErrorNote id={`${id}-error`}>{error}</ErrorNote>}
    </div>
  );
}

export function CreatePoolDialog({ products, protocol, now, open, onClose }: { products: Product[]; protocol: ProtocolState; now: number; open: boolean; onClose: () => void }) {
  const { isConnected } = useAccount();
  const { step, createPool } = usePoolActions();
  const openProducts = products.filter((p) => saleStatus(p, now) === 'open');
  const [productId, setProductId] = useState(openProducts[0]?.id.toString() ?? '');
  const [units, setUnits] = useState('10');
  const [capUnits, setCapUnits] = useState('15');
  const [min, setMin] = useState('10');
  const [max, setMax] = useState('500');
  const [days, setDays] = useState('7');
  const [created, setCreated] = useState(false);

  const product = openProducts.find((p) => p.id.toString() === productId);
  if (!product) {
    return (
      <Dialog open={open} onClose={onClose} title="Start a pool" labelledBy="create-pool-title">
        <p className="text-sm text-slate-300">No product is on sale right now, so no pool can be started.</p>
      </Dialog>
    );
  }
  const coin = protocol.coins[product.coin];
  const available = product.supplyCap - product.sold;
  const limit = product.perWalletCap > 0n && product.perWalletCap < available ? product.perWalletCap : available;
  const maxDays = Math.floor((Number(product.saleEnd) - now) / DAY_SECONDS);
  const u = parseCount(units, { noun: 'units', max: { value: limit, reason: `A pool can aim at most at ${plural(limit, 'unit')} of this product.` } });
  const target = u.ok ? u.value * product.pricePerUnit : 0n;
  const cap = parseCount(capUnits, {
    noun: 'units',
    min: { value: u.ok ? u.value : 1n, reason: 'The hard cap cannot be below the target.' },
    max: { value: limit, reason: `At most ${plural(limit, 'unit')} of this product can be bought.` },
  });
  const mx = parseAmount(max, { decimals: 6, symbol: 'USDT' });
  const mn = parseAmount(min, {
    decimals: 6,
    symbol: 'USDT',
    allowZero: true,
    max: mx.ok
      ? { value: mx.value < target || target === 0n ? mx.value : target, reason: 'The minimum cannot be above the maximum or the target.' }
      : undefined,
  });
  const d = parseCount(days, { noun: 'days', max: { value: BigInt(Math.max(0, maxDays)), reason: `The sale ends ${formatDateTime(product.saleEnd)}: at most ${plural(Math.max(0, maxDays), 'day')}.` } });
  const firstError = [u, cap, mn, mx, d].find((x) => !x.ok);

  const onCreate = async () => {
    if (!u.ok || !cap.ok || !mn.ok || !mx.ok || !d.ok) return;
    const r = await createPool({ productId: product.id, units: u.value, hardCapUnits: cap.value, min: mn.value, max: mx.value, deadline: BigInt(now + Number(d.value) * DAY_SECONDS) });
    if (r.status === 'confirmed') setCreated(true);
  };

  return (
    <Dialog open={open} onClose={onClose} title="Start a pool" labelledBy="create-pool-title">
      {created ? (
        <p role="status" className="text-lg text-emerald-300">Your pool is open. Contributions can start now.</p>
      ) : (
        <div className="space-y-3">
          <div>
            <label htmlFor="create-pool-product" className="text-sm font-medium text-slate-200">Product (on sale now)</label>
            <select id="create-pool-product" className={`${inputClass} mt-1`} value={productId} onChange={(e) => setProductId(e.target.value)}>
              {openProducts.map((p) => (
                <option key={String(p.id)} value={p.id.toString()}>
                  {p.name} · {formatHashrate(p.hashratePerUnit, protocol.coins[p.coin].unit)} for {formatUsdt(p.pricePerUnit)}
                </option>
              ))}
            </select>
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="create-pool-units" label="Target (units)" value={units} onChange={setUnits} error={u.ok ? undefined : u.error} help={`= ${formatUsdt(target)} · ${formatHashrate((u.ok ? u.value : 0n) * product.hashratePerUnit, coin.unit)}`} />
            <Field id="create-pool-cap" label="Hard cap (units)" value={capUnits} onChange={setCapUnits} error={cap.ok ? undefined : cap.error} help={`= ${formatUsdt((cap.ok ? cap.value : 0n) * product.pricePerUnit)}`} />
            <Field id="create-pool-min" label="Minimum per member (USDT)" mode="decimal" value={min} onChange={setMin} error={mn.ok ? undefined : mn.error} />
            <Field id="create-pool-max" label="Maximum per member (USDT)" mode="decimal" value={max} onChange={setMax} error={mx.ok ? undefined : mx.error} />
            <Field id="create-pool-days" label="Deadline (days from now)" value={days} onChange={setDays} error={d.ok ? undefined : d.error} help={d.ok ? `Ends ${formatDateTime(now + Number(d.value) * DAY_SECONDS)}` : undefined} />
          </div>
          <ActionButton
            testId="create-pool-submit"
            state={{
              connected: isConnected,
              loading: false,
              busy: step !== 'idle' ? 'Starting the pool…' : undefined,
              inputError: firstError && !firstError.ok ? firstError.error : undefined,
              invalidLabel: 'Check the pool settings',
              action: `Start a pool for ${formatUsdt(target)}`,
            }}
            onAction={() => void onCreate()}
          />
        </div>
      )}
    </Dialog>
  );
}
