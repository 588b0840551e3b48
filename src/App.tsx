import { lazy, Suspense } from 'react';
import { ChainWatcherSlot } from './components/ChainWatcherSlot';
import { DevPanelSlot } from './components/DevPanelSlot';
import { Header } from './components/Header';
import { NetworkBanner } from './components/NetworkBanner';
import { NetworkStatusBanner } from './components/NetworkStatusBanner';
import { PendingWatcherSlot } from './components/PendingWatcherSlot';
import { Toasts } from './components/Toasts';
import { IntroHeader, LoadingCards, EmptyState } from './components/ui';
import { useAppChain } from './hooks/useAppChain';
import { PAGE_INTROS } from './lib/pageHeaders';
import { href, InPageLink, parseRoute, useRoute, type Route } from './lib/router';

// Each page is its own chunk. The chunk of the page the visitor lands on is requested as soon as this
// module runs, alongside the first render, instead of after it.
const pageChunks = {
  products: () => import('./pages/ProductsPage'),
  market: () => import('./pages/MarketplacePage'),
  loans: () => import('./pages/LoansPage'),
  earn: () => import('./pages/EarnPage'),
  pools: () => import('./pages/PoolsPage'),
  portfolio: () => import('./pages/PortfolioPage'),
  nft: () => import('./pages/NftDetailPage'),
  approvals: () => import('./pages/ApprovalsPage'),
} as const;
const landing = parseRoute(window.location.hash).name;
if (landing in pageChunks) void pageChunks[landing as keyof typeof pageChunks]().catch(() => undefined);

const ProductsPage = lazy(pageChunks.products);
const MarketplacePage = lazy(pageChunks.market);
const LoansPage = lazy(pageChunks.loans);
const EarnPage = lazy(pageChunks.earn);
const PoolsPage = lazy(pageChunks.pools);
const PortfolioPage = lazy(pageChunks.portfolio);
const NftDetailPage = lazy(pageChunks.nft);
const ApprovalsPage = lazy(pageChunks.approvals);

export function App() {
  const route = useRoute();
  const { deployment } = useAppChain();
  return (
    <div className="flex min-h-screen flex-col">
      <InPageLink targetId="main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-slate-800 focus:p-2">
        Skip to content
      </InPageLink>
      <Header route={route} local={deployment.local} />
      <NetworkBanner />
      <NetworkStatusBanner />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        <Suspense fallback={<PageLoading route={route} />}>
          {route.name === 'products' && <ProductsPage />}
          {route.name === 'market' && <MarketplacePage />}
          {route.name === 'loans' && <LoansPage />}
          {route.name === 'earn' && <EarnPage />}
          {route.name === 'pools' && <PoolsPage />}
          {route.name === 'portfolio' && <PortfolioPage />}
          {route.name === 'nft' && <NftDetailPage id={route.id} />}
          {route.name === 'approvals' && <ApprovalsPage />}
          {route.name === 'notFound' && (
            <EmptyState title="Page not found">
              Nothing lives at {route.path}. <a className="text-brand-400 underline" href={href.products}>See the products</a>.
            </EmptyState>
          )}
        </Suspense>
        {deployment.local && <DevPanelSlot />}
      </main>
      <footer className="border-t border-slate-800 py-6 text-center text-xs text-slate-400">
        Hashmint · prices include electricity: nothing is billed later · {deployment.name} (chain {deployment.chainId})
      </footer>
      <Toasts />
      <PendingWatcherSlot />
      <ChainWatcherSlot />
    </div>
  );
}

/** While a page's code loads: its header when it needs no chain data, and placeholder cards. */
function PageLoading({ route }: { route: Route }) {
  const intro = PAGE_INTROS[route.name];
  return (
    <>
      {intro && <IntroHeader page={intro} />}
      <LoadingCards label="Loading page" count={6} cardClass="h-[26rem]" />
    </>
  );
}
