// A small hand-drawn SVG chart of one value per day (bars or a line), with the first and last dates, the
// highest value, and a text table for screen readers. No chart library: a few hundred bytes, and it loads
// with the page that shows it. Days without a value are gaps (a line skips them; bars leave a space).
import { formatDate } from '../../lib/format';

export interface DayPoint {
  /** unix seconds of the day's start */
  day: number;
  value: number;
}

const DAY = 86_400;

export function DayChart({ points, format, label, kind = 'bars', color = '#10b981', testId }: { points: DayPoint[]; format: (v: number) => string; label: string; kind?: 'bars' | 'line'; color?: string; testId?: string }) {
  if (points.length === 0) return null;
  const sorted = [...points].sort((a, b) => a.day - b.day);
  const first = sorted[0].day;
  const last = sorted[sorted.length - 1].day;
  const span = Math.max(1, Math.round((last - first) / DAY) + 1);
  const max = Math.max(...sorted.map((p) => p.value));
  const W = 600;
  const H = 120;
  const bw = W / span;
  const x = (day: number) => Math.round((day - first) / DAY) * bw;
  const y = (v: number) => (max > 0 ? H - (v / max) * (H - 4) : H);
  const path = sorted.map((p, i) => `${i === 0 ? 'M' : 'L'}${(x(p.day) + bw / 2).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <figure data-testid={testId}>
      <div className="mb-1 flex justify-between text-xs text-slate-400 tabular">
        <span>highest {format(max)}</span>
        <span>{span} {span === 1 ? 'day' : 'days'}</span>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-28 w-full" role="img" aria-label={`${label}: ${formatDate(first)} to ${formatDate(last)}, highest ${format(max)}`}>
        {kind === 'line' ? (
          <>
            <path d={path} fill="none" stroke={color} strokeWidth={2} vectorEffect="non-scaling-stroke" />
            {sorted.map((p) => (
              <circle key={p.day} cx={x(p.day) + bw / 2} cy={y(p.value)} r={2.5} fill={color} vectorEffect="non-scaling-stroke">
                <title>{`${formatDate(p.day)}: ${format(p.value)}`}</title>
              </circle>
            ))}
          </>
        ) : (
          sorted.map((p) => {
            const h = H - y(p.value);
            return (
              <rect key={p.day} x={x(p.day) + bw * 0.15} y={H - h} width={Math.max(bw * 0.7, 1)} height={Math.max(h, p.value > 0 ? 1 : 0)} rx={1} fill={color}>
                <title>{`${formatDate(p.day)}: ${format(p.value)}`}</title>
              </rect>
            );
          })
        )}
      </svg>
      <div className="mt-1 flex justify-between text-xs text-slate-400">
        <span>{formatDate(first)}</span>
        <span>{formatDate(last)}</span>
      </div>
      <figcaption className="sr-only">
        <table>
          <caption>{label}</caption>
          <thead><tr><th>Day</th><th>Value</th></tr></thead>
          <tbody>
            {sorted.map((p) => <tr key={p.day}><td>{formatDate(p.day)}</td><td>{format(p.value)}</td></tr>)}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
