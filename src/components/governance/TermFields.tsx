// Term deposits: a new term at a rate (optionally closing the term it replaces), or closing / reopening a term.
import { formatBps, formatInteger } from '../../lib/format';
import type { Bounds } from '../../lib/governanceActions';
import type { TermFields as Fields, TermView } from '../../lib/governanceForms';
import { inputClass } from '../ui';
import { FormField, TextInput } from './FormField';

type Assets = Readonly<Record<string, { symbol: string; decimals: number }>>;

function termLabel(t: TermView, id: number, assets: Assets) {
  return `#${id}: ${t.durationDays}-day ${assets[t.asset.toLowerCase()]?.symbol ?? t.asset} at ${formatBps(t.aprBps)} APR (${t.active ? 'open' : 'closed'})`;
}

export function NewTermFields({ fields, onChange, errors, bounds, assets, terms }: { fields: Fields; onChange: (f: Fields) => void; errors: Partial<Record<string, string>>; bounds: Bounds['term']; assets: Assets; terms: readonly TermView[] }) {
  const set = (k: keyof Fields) => (v: string) => onChange({ ...fields, [k]: v });
  const symbol = assets[fields.asset.toLowerCase()]?.symbol ?? '';
  return (
    <div className="mt-4 grid gap-4 sm:grid-cols-2 md:grid-cols-5" data-testid="gov-term-fields">
      <FormField id="gov-term-asset" label="Asset" error={errors.asset}>
        <select id="gov-term-asset" className={`${inputClass} mt-1`} value={fields.asset} onChange={(e) => set('asset')(e.target.value)}>
          {Object.entries(assets).map(([a, x]) => <option key={a} value={a}>{x.symbol}</option>)}
        </select>
      </FormField>
      <FormField id="gov-term-days" label="Length (days)" error={errors.days} help={`1 to ${formatInteger(bounds.maxDurationDays)} days`}>
        <TextInput id="gov-term-days" value={fields.days} error={errors.days} onChange={set('days')} />
      </FormField>
      <FormField id="gov-term-apr" label="APR (%)" error={errors.apr} help={`Fixed for every deposit in it · at most ${formatBps(bounds.maxAprBps)}`}>
        <TextInput id="gov-term-apr" value={fields.apr} error={errors.apr} onChange={set('apr')} />
      </FormField>
      <FormField id="gov-term-capacity" label={`Capacity${symbol ? ` (${symbol})` : ''}`} error={errors.capacity} help="The most the term can take in total">
        <TextInput id="gov-term-capacity" value={fields.capacity} error={errors.capacity} onChange={set('capacity')} />
      </FormField>
      <FormField id="gov-term-replaces" label="Close an old term" error={errors.replaces} help="Its open deposits keep their rate">
        <select id="gov-term-replaces" className={`${inputClass} mt-1`} value={fields.replaces} onChange={(e) => set('replaces')(e.target.value)}>
          <option value="">None</option>
          {terms.map((t, i) => (t.active ? <option key={i} value={i}>{termLabel(t, i, assets)}</option> : null))}
        </select>
      </FormField>
    </div>
  );
}

export function TermActiveFields({ termId, onChange, error, assets, terms }: { termId: string; onChange: (id: string) => void; error?: string; assets: Assets; terms: readonly TermView[] }) {
  return (
    <div className="mt-4 grid gap-4 md:grid-cols-2">
      <FormField id="gov-term-id" label="Term to close or reopen" error={error} help="An open term closes to new deposits; a closed one reopens. Open deposits are not affected.">
        <select id="gov-term-id" className={`${inputClass} mt-1`} value={termId} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose a term</option>
          {terms.map((t, i) => <option key={i} value={i}>{termLabel(t, i, assets)}</option>)}
        </select>
      </FormField>
    </div>
  );
}
