// The Portfolio's calendar: what falls due, soonest first — deposit maturities, deadlines of pools the
// wallet contributed to, loan due dates, NFT term ends, the wallet's listing and offer expiries, DAO votes
// ending and decided changes taking effect — each with its date, a countdown and a link.
import { useAccount } from 'wagmi';
import { useCalendar } from '../../hooks/useCalendar';
import { useChainTime } from '../../hooks/useChainTime';
import type { Holding } from '../../hooks/usePortfolio';
import type { AgendaKind } from '../../lib/deposits';
import { formatDate } from '../../lib/format';
import { Countdown } from '../Countdown';
import { Badge, Card, ErrorNote } from '../ui';

const KIND: Record<AgendaKind, { label: string; tone: 'green' | 'sky' | 'amber' | 'slate'; link: string }> = {
  deposit: { label: 'Deposit', tone: 'green', link: 'Open Earn' },
  loan: { label: 'Loan', tone: 'amber', link: 'Open Loans' },
  grace: { label: 'Grace', tone: 'amber', link: 'Open Loans' },
  auction: { label: 'Auction', tone: 'amber', link: 'Open Auctions' },
  pool: { label: 'Pool', tone: 'sky', link: 'Open Pools' },
  nft: { label: 'NFT', tone: 'slate', link: 'Open NFT' },
  vote: { label: 'Vote', tone: 'sky', link: 'Open Governance' },
  change: { label: 'Change', tone: 'amber', link: 'Open Governance' },
  listing: { label: 'Listing', tone: 'sky', link: 'Open NFT' },
  offer: { label: 'Offer', tone: 'green', link: 'Open offers' },
};

export function PortfolioCalendar({ holdings }: { holdings: Holding[] }) {
  const { address } = useAccount();
  const now = useChainTime();
  const calendar = useCalendar(address, holdings, now);
  return (
    <Card className="mb-5" aria-labelledby="calendar-title">
      <h2 id="calendar-title" className="font-semibold text-white">Calendar</h2>
      <p className="mt-1 text-sm text-slate-400">What matures, ends or falls due, soonest first.</p>
      {calendar.isError ? (
        <ErrorNote>Could not load every date from the chain. It retries on its own.</ErrorNote>
      ) : calendar.loading || now === undefined ? (
        <p role="status" className="mt-3 text-sm text-slate-400">Loading dates…</p>
      ) : calendar.items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-400">Nothing falls due: no deposits, loans, pool contributions or running NFTs.</p>
      ) : (
        <ol className="mt-3 divide-y divide-slate-800" aria-label="What falls due">
          {calendar.items.map((item) => {
            const k = KIND[item.kind];
            return (
              <li key={item.key} data-testid={`calendar-${item.key}`} className="grid grid-cols-[5.5rem_1fr] gap-x-3 gap-y-1 py-2.5 sm:grid-cols-[7rem_1fr_auto] sm:items-center">
                <div className="tabular text-sm">
                  <time className="block font-medium text-slate-100" dateTime={new Date(item.at * 1000).toISOString()}>{formatDate(item.at)}</time>
                  <span className="text-xs text-slate-400">
                    {item.at <= now ? (item.actionNeeded ? 'due now' : 'passed') : <Countdown to={item.at} now={now} prefix="in" />}
                  </span>
                </div>
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-100">
                    <Badge tone={k.tone}>{k.label}</Badge>
                    {item.title}
                    {item.actionNeeded && <Badge tone="amber">Action needed</Badge>}
                  </p>
                  <p className="tabular mt-0.5 text-xs text-slate-400">{item.detail}</p>
                </div>
                <a href={item.href} className="col-start-2 text-sm font-semibold text-brand-400 underline sm:col-start-3" aria-label={`${k.link}: ${item.title}`}>
                  {k.link}
                </a>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
