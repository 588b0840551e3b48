// The notice a page shows while the DAO has decided a change to it that has not taken effect yet (a
// proposal waiting in the timelock, a lower liquidation threshold in its notice period). One component,
// fed by useQueuedChanges, on Loans, Marketplace and Earn.
import { useChainTime } from '../../hooks/useChainTime';
import { useQueuedChanges } from '../../hooks/useQueuedChanges';
import type { Area } from '../../lib/governanceActions';
import { formatDateTime, formatDuration } from '../../lib/format';
import { href } from '../../lib/router';

export function ChangeNotice({ area }: { area: Area }) {
  const { changes } = useQueuedChanges(area);
  const now = useChainTime();
  if (changes.length === 0) return null;
  return (
    <aside aria-labelledby={`notice-${area}`} className="mb-5 rounded-2xl border border-amber-500/40 bg-amber-500/10 p-4" data-testid={`change-notice-${area}`}>
      <h2 id={`notice-${area}`} className="text-sm font-semibold text-amber-200">
        {changes.length === 1 ? 'A change decided by the DAO is coming' : `${changes.length} changes decided by the DAO are coming`}
      </h2>
      <ul className="mt-1 space-y-1 text-sm text-slate-200">
        {changes.map((c) => (
          <li key={c.key}>
            {c.text}
            <span className={c.inline ? undefined : 'text-slate-400'}>
              {' '}
              {c.inline ? '' : '· '}
              {c.when}
              {c.at !== undefined && (
                <>
                  {' '}
                  <time dateTime={new Date(c.at * 1000).toISOString()}>{formatDateTime(c.at)}</time>
                  {now !== undefined && c.at > now && ` (in ${formatDuration(c.at - now)})`}
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-slate-400">
        <a className="underline hover:text-white" href={href.governance}>See the proposals on the Governance page</a>
      </p>
    </aside>
  );
}
