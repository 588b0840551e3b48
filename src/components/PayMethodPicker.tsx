// How to pay a stablecoin amount: an EIP-2612 permit for exactly the amount (one transaction), or an
// approval followed by the action (two): exactly the amount unless the user opts into an unlimited one
// (ApprovalScopePicker, behind a warning).
import type { PayMethod } from '../hooks/useBuyProduct';

export function PayMethodPicker({ name, value, onChange, verb = 'buy' }: { name: string; value: PayMethod; onChange: (m: PayMethod) => void; verb?: string }) {
  const options = [
    ['permit', 'Sign a permit', 'One transaction; the signature allows exactly this amount.'],
    ['approve', `Approve, then ${verb}`, 'Two transactions; approves exactly this amount by default.'],
  ] as const;
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-200">Payment</legend>
      <div className="mt-1 grid gap-2 sm:grid-cols-2">
        {options.map(([v, title, sub]) => (
          <label key={v} className="flex cursor-pointer gap-2 rounded-xl border border-slate-700 p-2.5 has-[:checked]:border-brand-400">
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} className="mt-1 accent-emerald-500" />
            <span>
              <span className="block text-sm font-medium">{title}</span>
              <span className="block text-xs text-slate-400">{sub}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
