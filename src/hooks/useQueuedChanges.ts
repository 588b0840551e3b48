// Changes the DAO has decided that have not reached a page yet, for the notice on that page (Loans,
// Marketplace, Earn): proposals that passed and wait in the timelock (Succeeded or Queued), with when they can
// run, and lower liquidation thresholds waiting out their notice period before they reach open loans.
// One read for every page: the Governance page's own (same query, same cache).
import type { Area } from '../lib/governanceActions';
import { formatBps } from '../lib/governanceActions';
import { useGovernance } from './useGovernance';

export interface QueuedChange {
  key: string;
  /** The change in words. */
  text: string;
  /** When it can take effect (timestamp), when known. */
  at?: number;
  /** "can be executed from", "from" (a lower threshold reaching open loans). */
  when: string;
  proposalTitle?: string;
  /** Say `when` as the sentence's end ("… for open loans from <date>") rather than after a separator. */
  inline?: boolean;
}

export function useQueuedChanges(area: Area) {
  const gov = useGovernance();
  const g = gov.data;
  if (!g) return { loading: !gov.isError, changes: [] as QueuedChange[] };
  const changes: QueuedChange[] = [];
  for (const p of g.proposals) {
    if (p.state !== 'Queued' && p.state !== 'Succeeded') continue;
    p.decoded.forEach((a, i) => {
      if (a.area !== area) return;
      changes.push({
        key: `${p.id}-${i}`,
        text: a.text,
        at: p.state === 'Queued' ? Number(p.eta) : undefined,
        when: p.state === 'Queued' ? 'can be executed from' : 'passed; waiting to be queued in the timelock',
        proposalTitle: p.title,
      });
    });
  }
  if (area === 'loans') {
    for (const t of g.pendingThresholds) {
      changes.push({
        key: `threshold-${t.coin}`,
        // One sentence: "BTC liquidation threshold 75% → 70% for open loans from 8 Dec, 14:00 UTC (in 6d 23h)".
        text: `${t.symbol} liquidation threshold ${formatBps(t.currentBps)} → ${formatBps(t.bps)} for open loans`,
        at: t.effectiveAt,
        when: 'from',
        inline: true,
      });
    }
  }
  return { loading: false, changes };
}
