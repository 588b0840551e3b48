// The date and time a block was mined ("1 Dec, 14:05 UTC"), with the block number as a tooltip; the
// number itself only until the time is read or if it cannot be.
import { formatDateTime } from '../lib/format';

export function BlockTime({ block, times, className = '' }: { block: bigint; times?: Map<string, number>; className?: string }) {
  const at = times?.get(String(block));
  if (at === undefined) return <span className={className} title={`block ${block}`}>block {String(block)}</span>;
  return (
    <time className={className} dateTime={new Date(at * 1000).toISOString()} title={`block ${block}`}>
      {formatDateTime(at)}
    </time>
  );
}
