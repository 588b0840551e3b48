// How to pay a stablecoin amount: an EIP-2612 permit for exactly the amount (one transaction), or an
// approval followed by the action (two): exactly the amount unless the user opts into an unlimited one
// (ApprovalScopePicker, behind a warning).
import type { PayMethod } from '../hooks/useBuyProduct';
import { RadioCards } from './ui';

export function PayMethodPicker({ name, value, onChange, verb = 'buy' }: { name: string; value: PayMethod; onChange: (m: PayMethod) => void; verb?: string }) {
  const options = [
    ['permit', 'Sign a permit', 'One transaction; the signature allows exactly this amount.'],
    ['approve', `Approve, then ${verb}`, 'Two transactions; approves exactly this amount by default.'],
  ] as const;
  return <RadioCards legend="Payment" name={name} value={value} onChange={onChange} options={options} />;
}
