// Adding a coin: its token, price feed and names, the oracle's guard and its loan parameters. The form makes
// one proposal of three actions (Rewards.addCoin, OracleAdapter.setFeed, LoanPool.setCoinParams).
import { formatBps, formatInteger } from '../../lib/format';
import type { Bounds } from '../../lib/governanceActions';
import type { AddCoinFields as Fields } from '../../lib/governanceForms';
import { FormField, TextInput } from './FormField';

const FIELDS: readonly { key: keyof Fields; label: string; help: (b: Bounds) => string; text?: boolean }[] = [
  { key: 'token', label: 'Reward token address', help: () => 'The ERC-20 the coin’s rewards are paid in', text: true },
  { key: 'feed', label: 'Price feed address', help: () => 'A Chainlink AggregatorV3 feed in USD', text: true },
  { key: 'symbol', label: 'Symbol', help: () => 'Like BTC', text: true },
  { key: 'unit', label: 'Hash-power unit', help: () => 'Like TH/s', text: true },
  { key: 'maxAgeHours', label: 'Largest price age (hours)', help: (b) => `Older prices are refused · ${Math.ceil(b.feed.minMaxAge / 3600)} to ${formatInteger(Math.floor(b.feed.maxMaxAge / 3600))} hours` },
  { key: 'jump', label: 'Largest one-round move (%)', help: (b) => `A bigger move waits for a second round · ${formatBps(b.feed.minJumpBps)} to ${formatBps(b.feed.maxJumpBps)}` },
  { key: 'maxLtv', label: 'Max LTV (%)', help: (b) => `At most ${formatBps(b.maxLtvBps)}` },
  { key: 'threshold', label: 'Liquidation threshold (%)', help: (b) => `Above the max LTV, at most ${formatBps(b.maxThresholdBps)}` },
  { key: 'haircut', label: 'Haircut (%)', help: (b) => `At most ${formatBps(b.maxHaircutBps)}` },
  { key: 'grace', label: 'Grace period (days)', help: (b) => `${b.grace.min} to ${b.grace.max} days` },
];

export function AddCoinFields({ fields, onChange, errors, bounds }: { fields: Fields; onChange: (f: Fields) => void; errors: Partial<Record<string, string>>; bounds: Bounds }) {
  return (
    <div className="mt-4 grid gap-4 sm:grid-cols-2 md:grid-cols-4" data-testid="gov-coin-fields">
      {FIELDS.map((f) => (
        <FormField key={f.key} id={`gov-coin-${f.key}`} label={f.label} error={errors[f.key]} help={f.help(bounds)}>
          <TextInput id={`gov-coin-${f.key}`} value={fields[f.key]} error={errors[f.key]} decimal={!f.text} onChange={(v) => onChange({ ...fields, [f.key]: v })} />
        </FormField>
      ))}
    </div>
  );
}
