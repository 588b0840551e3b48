// Portfolio: the wallet's open loans with their health factor, debt, due date and pledged NFTs; nothing
// at all when there are none.
import { useAccount } from 'wagmi';
import { useChainTime } from '../../hooks/useChainTime';
import { useLoanSummaries } from '../../hooks/useLoans';
import { formatDate, formatUsdt } from '../../lib/format';
import { liveDebt } from '../../lib/loans';
import { href } from '../../lib/router';
import { Countdown } from '../Countdown';
import { HealthFactor } from '../HealthFactor';
import { Card } from '../ui';

export function PortfolioLoans() {
  const { address } = useAccount();
  const loans = useLoanSummaries(address);
  const now = useChainTime();
  const mine = loans.data?.mine ?? [];
  if (!address || mine.length === 0 || now === undefined) return null;
  const { borrowRate, readAt } = loans.data!;
  return (
    <Card className="mb-5" aria-labelledby="portfolio-loans-title" data-testid="portfolio-loans">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="portfolio-loans-title" className="font-semibold text-white">Your loans</h2>
        <a href={href.loans} className="text-sm font-semibold text-brand-400 underline">Manage loans</a>
      </div>
      <ul className="divide-y divide-slate-800">
        {mine.map((l) => (
          <li key={String(l.id)} className="tabular flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2 text-sm" data-testid={`portfolio-loan-${l.id}`}>
            <span className="font-medium text-white">Loan {String(l.id)}</span>
            <span className="text-slate-300">{formatUsdt(liveDebt(l.debt, borrowRate, Math.max(0, now - readAt)))} owed</span>
            <span className="text-slate-400">
              NFT {l.tokenIds.map((t) => `#${t}`).join(', ')} · due {formatDate(l.due)} ({now > l.due ? 'overdue' : <Countdown to={l.due} now={now} prefix="in" />})
            </span>
            <span className="flex items-center gap-1.5 text-slate-400">HF <HealthFactor value={l.healthFactor} showBand testId={`portfolio-loan-${l.id}-hf`} /></span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
