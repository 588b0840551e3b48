// The one health-factor display: the value coloured by its band (below 1 liquidatable, 1–1.5 risky,
// 1.5–2 careful, 2+ safe; "∞" without debt, "—" unknown), and the "now → after" form used before every
// loan action ("1.84 → 1.21").
import { BAND_TEXT, formatHealthFactor, healthBand, type HealthBand } from '../lib/loans';

const TONE: Record<HealthBand, string> = {
  none: 'text-slate-300',
  liquidatable: 'text-rose-400',
  risky: 'text-orange-400',
  careful: 'text-amber-300',
  safe: 'text-emerald-400',
};

const DOT: Record<HealthBand, string> = {
  none: 'bg-slate-500',
  liquidatable: 'bg-rose-500',
  risky: 'bg-orange-500',
  careful: 'bg-amber-400',
  safe: 'bg-emerald-500',
};

/** A health factor (1e18 scale; max uint = no debt) with its band in colour and in words for screen readers. */
export function HealthFactor({
  value,
  noDebt = '∞',
  showBand = false,
  testId,
  className = '',
}: {
  value: bigint | undefined;
  noDebt?: string;
  showBand?: boolean;
  testId?: string;
  className?: string;
}) {
  const band = healthBand(value);
  const text = formatHealthFactor(value, noDebt);
  return (
    <span className={`tabular inline-flex items-center gap-1.5 font-semibold ${TONE[band]} ${className}`} data-testid={testId} data-band={band} title={`Health factor ${text}: ${BAND_TEXT[band]}`}>
      <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${DOT[band]}`} />
      {text}
      {showBand && value !== undefined && <span className="text-xs font-medium opacity-90">{BAND_TEXT[band]}</span>}
      {!showBand && value !== undefined && <span className="sr-only">({BAND_TEXT[band]})</span>}
    </span>
  );
}

/** "now → after", each side coloured by its own band. `now` undefined or max uint reads "—" (no loan yet). */
export function HealthFactorChange({ now, after, testId }: { now: bigint | undefined; after: bigint | undefined; testId?: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5" data-testid={testId}>
      <HealthFactor value={now} noDebt="—" testId={testId && `${testId}-now`} />
      <span aria-hidden className="text-slate-500">→</span>
      <span className="sr-only">after:</span>
      <HealthFactor value={after} showBand testId={testId && `${testId}-after`} />
    </span>
  );
}
