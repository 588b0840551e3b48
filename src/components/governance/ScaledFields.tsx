// A form of several bounded values (loan rules, auction parameters), each in a person's unit with its
// current value and the contract's hard bounds beside it.
import type { ScaledField } from '../../lib/governanceForms';
import { FormField, TextInput } from './FormField';

export function ScaledFields<K extends string>({
  id,
  spec,
  fields,
  onChange,
  errors,
  ranges,
  current,
}: {
  id: string;
  spec: readonly ScaledField<K>[];
  fields: Readonly<Record<K, string>>;
  onChange: (f: Record<K, string>) => void;
  errors: Partial<Record<string, string>>;
  ranges: Readonly<Record<K, readonly [number, number]>>;
  current: Readonly<Record<K, number>> | undefined;
}) {
  return (
    <div className="mt-4 grid gap-4 sm:grid-cols-2" data-testid={id}>
      {spec.map((f) => (
        <FormField
          key={f.key}
          id={`${id}-${f.key}`}
          label={`New ${f.label}`}
          error={errors[f.key]}
          help={`${f.help} Now ${current ? f.show(current[f.key]) : '…'} · allowed ${f.show(ranges[f.key][0])} to ${f.show(ranges[f.key][1])}`}
        >
          <TextInput id={`${id}-${f.key}`} value={fields[f.key]} error={errors[f.key]} onChange={(v) => onChange({ ...fields, [f.key]: v } as Record<K, string>)} />
        </FormField>
      ))}
    </div>
  );
}
