import { href, type Route } from '../lib/router';
import { ConnectControl } from './wallet/ConnectControl';

const NAV = [
  { to: href.products, label: 'Products', match: ['products'] },
  { to: href.market, label: 'Marketplace', match: ['market'] },
  { to: href.loans, label: 'Loans', match: ['loans'] },
  { to: href.earn, label: 'Earn', match: ['earn'] },
  { to: href.pools, label: 'Pools', match: ['pools'] },
  { to: href.portfolio, label: 'Portfolio', match: ['portfolio', 'nft'] },
  { to: href.approvals, label: 'Approvals', match: ['approvals'] },
] as const;

export function Header({ route, local }: { route: Route; local: boolean }) {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-800 bg-slate-950/90 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3">
        <a href={href.products} className="flex items-center gap-2 font-bold text-white" aria-label="Hashmint home">
          <svg aria-hidden viewBox="0 0 32 32" className="h-8 w-8">
            <rect width="32" height="32" rx="8" fill="#10b981" />
            <path d="M9 8v16M23 8v16M9 16h14" stroke="#0b1020" strokeWidth="3.5" strokeLinecap="round" />
          </svg>
          <span className="hidden text-lg sm:inline">Hashmint</span>
        </a>
        <nav aria-label="Main" className="ml-2 hidden gap-1 lg:flex">
          {NAV.map((n) => (
            <a
              key={n.to}
              href={n.to}
              aria-current={(n.match as readonly string[]).includes(route.name) ? 'page' : undefined}
              className="rounded-lg px-3 py-2 text-sm font-medium text-slate-300 hover:bg-slate-800 hover:text-white aria-[current=page]:bg-slate-800 aria-[current=page]:text-white"
            >
              {n.label}
            </a>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          {local && (
            <a href="#dev-panel" className="hidden whitespace-nowrap rounded-full bg-amber-500/15 px-2.5 py-1 text-xs font-medium text-amber-300 sm:inline">
              Local chain
            </a>
          )}
          <ConnectControl />
        </div>
      </div>
      <nav aria-label="Main" className="flex gap-1 overflow-x-auto border-t border-slate-800 px-2 py-1.5 lg:hidden">
        {NAV.map((n) => (
          <a
            key={n.to}
            href={n.to}
            aria-current={(n.match as readonly string[]).includes(route.name) ? 'page' : undefined}
            className="shrink-0 rounded-lg px-3 py-2 text-center text-sm font-medium text-slate-300 aria-[current=page]:bg-slate-800 aria-[current=page]:text-white"
          >
            {n.label}
          </a>
        ))}
      </nav>
    </header>
  );
}
