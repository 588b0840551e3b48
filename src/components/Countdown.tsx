import { formatDateTime, formatDuration } from '../lib/format';

/** "Opens in 2d 4h" / "Ends in 5h 12m" with the exact time as a tooltip. */
export function Countdown({ to, now, prefix }: { to: number | bigint; now: number; prefix: string }) {
  return (
    <time dateTime={new Date(Number(to) * 1000).toISOString()} title={formatDateTime(to)} className="tabular">
      {prefix} {formatDuration(Number(to) - now)}
    </time>
  );
}
