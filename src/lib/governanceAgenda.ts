// The DAO's dates for the Portfolio calendar: votes ending (Active proposals) and decided changes taking
// effect (a queued proposal's ETA; a lower liquidation threshold reaching open loans after its notice).
import type { AgendaItem } from './deposits';
import type { Clock, ProposalStateName } from './governance';
import { deadlineSeconds } from './governance';
import type { DecodedAction } from './governanceActions';
import { formatBps } from './governanceActions';

export interface AgendaProposal {
  id: bigint;
  title: string;
  state: ProposalStateName;
  deadline: bigint;
  eta: bigint;
  decoded: readonly DecodedAction[];
}

export interface AgendaGovernance {
  clock: Clock;
  proposals: readonly AgendaProposal[];
  pendingThresholds: readonly { coin: number; symbol: string; bps: number; currentBps: number; effectiveAt: number }[];
}

export function governanceAgenda(g: AgendaGovernance, now: number, link: string): AgendaItem[] {
  const items: AgendaItem[] = [];
  for (const p of g.proposals) {
    const what = p.decoded.map((a) => a.text).join('; ');
    if (p.state === 'Active') {
      const at = deadlineSeconds(p.deadline, g.clock, now);
      if (at !== undefined) items.push({ key: `vote-${p.id}`, kind: 'vote', at, title: `Vote ends: ${p.title}`, detail: what, href: link });
    } else if (p.state === 'Queued') {
      items.push({ key: `change-${p.id}`, kind: 'change', at: Number(p.eta), title: `Change can take effect: ${p.title}`, detail: what, href: link, actionNeeded: Number(p.eta) <= now });
    }
  }
  for (const t of g.pendingThresholds) {
    items.push({
      key: `threshold-${t.coin}`,
      kind: 'change',
      at: t.effectiveAt,
      title: `${t.symbol} liquidation threshold reaches open loans`,
      detail: `${formatBps(t.currentBps)} → ${formatBps(t.bps)} for every open ${t.symbol} loan`,
      href: link,
    });
  }
  return items;
}
