// The loan rate model's four values, each in percent with its current value and the contract's bounds.
import { formatWadPercent, type Bounds, type RateModelValue } from '../../lib/governanceActions';
import { RATE_FIELDS, type RateFields } from '../../lib/governanceForms';
import { FormField, TextInput } from './FormField';

export function RateModelFields({ fields, onChange, errors, bounds, current }: { fields: RateFields; onChange: (f: RateFields) => void; errors: Partial<Record<string, string>>; bounds: Bounds['rate']; current: RateModelValue | undefined }) {
  const range: Record<keyof RateFields, [bigint, bigint]> = {
    baseRate: [0n, bounds.maxBaseRate],
    slope1: [0n, bounds.maxSlope1],
    slope2: [0n, bounds.maxSlope2],
    kink: [bounds.minKink, bounds.maxKink],
  };
  return (
    <div className="mt-4 grid gap-4 sm:grid-cols-2 md:grid-cols-4" data-testid="gov-rate-fields">
      {RATE_FIELDS.map((f) => (
        <FormField
          key={f.key}
          id={`gov-rate-${f.key}`}
          label={`New ${f.label} (%)`}
          error={errors[f.key]}
          help={`${f.help} Now ${current ? formatWadPercent(current[f.key]) : '…'} · allowed ${formatWadPercent(range[f.key][0])} to ${formatWadPercent(range[f.key][1])}`}
        >
          <TextInput id={`gov-rate-${f.key}`} value={fields[f.key]} error={errors[f.key]} onChange={(v) => onChange({ ...fields, [f.key]: v })} />
        </FormField>
      ))}
    </div>
  );
}
