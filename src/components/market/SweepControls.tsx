// The price-per-unit-per-day filter and the "Sweep the cheapest…" button, shared by both ways of browsing
// (the whole market read from the chain, and pages from the indexer), so the two never differ.
import { useState } from 'react';
import { parseAmount } from '../../lib/parse';
import { buttonClass, inputClass } from '../ui';

/** The most listings one sweep buys. */
export const MAX_SWEEP = 50;

/** The typed cap in USDT base units per hashrate unit per day left (undefined: no cap), and the field's state. */
export function useUnitDayCap() {
  const [text, setText] = useState('');
  const parsed = text.trim() === '' ? undefined : parseAmount(text, { decimals: 6, symbol: 'USDT' });
  const cap = parsed?.ok ? Number(parsed.value) : undefined;
  return { text, setText, cap, error: parsed?.ok === false ? parsed.error : undefined };
}

/** With `disabled` (the whole market is not in yet) the row is shown greyed out, so nothing below it moves when it arrives. */
export function SweepControls({ unitDay, onChange, canSweep, onSweep, disabled = false }: { unitDay: ReturnType<typeof useUnitDayCap>; onChange: () => void; canSweep: boolean; onSweep: () => void; disabled?: boolean }) {
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3">
      <label className="text-xs text-slate-400">
        Max USDT per unit per day left
        <input
          className={`${inputClass} mt-1 w-48`}
          inputMode="decimal"
          value={unitDay.text}
          placeholder="any"
          disabled={disabled}
          aria-invalid={unitDay.error !== undefined}
          aria-describedby={unitDay.error ? 'unit-day-error' : undefined}
          onChange={(e) => {
            unitDay.setText(e.target.value);
            onChange();
          }}
        />
      </label>
      <button type="button" className={buttonClass.secondary} disabled={disabled || !canSweep} onClick={onSweep}>
        Sweep the cheapest…
      </button>
      {unitDay.error && <p id="unit-day-error" role="alert" className="w-full text-sm text-rose-300">{unitDay.error}</p>}
    </div>
  );
}
