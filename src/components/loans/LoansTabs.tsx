// The two views of Loans (borrow and manage / liquidation auctions) as links in the route table, so each
// has its own address (a calendar entry links straight to the auctions) and the back button works.
import { href } from '../../lib/router';

export function LoansTabs({ current, auctions }: { current: 'loans' | 'auctions'; auctions?: number }) {
  const item = (key: 'loans' | 'auctions', label: string, to: string) => (
    <a
      href={to}
      aria-current={current === key ? 'page' : undefined}
      className="rounded-full border border-slate-700 px-4 py-1.5 text-sm text-slate-300 hover:bg-slate-800 aria-[current=page]:border-brand-400 aria-[current=page]:bg-brand-500/10 aria-[current=page]:text-white"
    >
      {label}
    </a>
  );
  return (
    <nav aria-label="Loans views" className="mb-5 flex flex-wrap gap-2">
      {item('loans', 'Borrow and manage', href.loans)}
      {item('auctions', `Auctions${auctions !== undefined ? ` (${auctions})` : ''}`, href.auctions)}
    </nav>
  );
}
