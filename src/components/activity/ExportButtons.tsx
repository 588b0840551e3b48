// Downloads from the Activity page: rewards received and all activity as CSV, the calendar as .ics.
import type { Address } from 'viem';
import { useCalendar } from '../../hooks/useCalendar';
import { useChainTime } from '../../hooks/useChainTime';
import { usePortfolio } from '../../hooks/usePortfolio';
import type { ActivityEntry } from '../../lib/indexer';
import { buttonClass } from '../ui';
import { activityCsv, calendarIcs, download, rewardsCsv } from './exportFiles';

export function ExportButtons({ entries, account }: { entries?: ActivityEntry[]; account: Address }) {
  const now = useChainTime(false);
  const holdings = usePortfolio(account);
  const calendar = useCalendar(account, holdings.data ?? [], now);
  const day = now === undefined ? '' : new Date(now * 1000).toISOString().slice(0, 10);
  return (
    <div className="mb-4 flex flex-wrap gap-2" aria-label="Downloads" role="group">
      <button type="button" className={buttonClass.secondary} disabled={!entries} onClick={() => entries && download(`hashmint-rewards-${day}.csv`, rewardsCsv(entries), 'text/csv')}>
        Rewards CSV
      </button>
      <button type="button" className={buttonClass.secondary} disabled={!entries} onClick={() => entries && download(`hashmint-activity-${day}.csv`, activityCsv(entries), 'text/csv')}>
        All activity CSV
      </button>
      <button
        type="button"
        className={buttonClass.secondary}
        disabled={calendar.loading || !holdings.data || now === undefined}
        onClick={() => now !== undefined && download('hashmint-calendar.ics', calendarIcs(calendar.items, { origin: `${location.origin}${location.pathname}`, account, now }), 'text/calendar')}
      >
        Calendar (.ics)
      </button>
    </div>
  );
}
