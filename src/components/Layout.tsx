// The page frame (skip link, header, banners, main, footer) and what a page shows while its code loads.
// The app renders them, and so does the build's prerender (src/shell.tsx), from the same components:
// the first paint in the HTML and the app's first render are the same markup, so nothing moves or flashes
// when the app takes over.
import type { ComponentType, ReactNode } from 'react';
import { pageIntro } from '../lib/pageHeaders';
import { InPageLink, type Route } from '../lib/router';
import type { RouteName } from '../routes';
import { Header } from './Header';
import { MarketSkeleton } from './market/MarketSkeleton';
import { ProductsSkeleton } from './products/ProductsSkeleton';
import { IntroHeader, LoadingCards } from './ui';

/**
 * A page's own loading view, for the pages visitors land on: what the page itself shows before its first
 * read, so the view stays put from the first paint (prerendered) through the page's code arriving to its
 * data. Other routes show their header and placeholder cards.
 */
const PAGE_SKELETONS: Partial<Record<RouteName, ComponentType>> = { products: ProductsSkeleton, market: MarketSkeleton };

export interface LayoutProps {
  route: Route;
  deployment: { local: boolean; name: string; chainId: number };
  /** The header's wallet buttons. */
  wallet: ReactNode;
  /** Banners under the header (wrong network, RPC trouble); none in the prerender. */
  banners?: ReactNode;
  /** Toasts and watchers, after the footer. */
  after?: ReactNode;
  children: ReactNode;
}

export function Layout({ route, deployment, wallet, banners, after, children }: LayoutProps) {
  return (
    <div className="flex min-h-screen flex-col">
      <InPageLink targetId="main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-slate-800 focus:p-2">
        Skip to content
      </InPageLink>
      <Header route={route} local={deployment.local} wallet={wallet} />
      {banners}
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        {children}
      </main>
      <footer className="border-t border-slate-800 py-6 text-center text-xs text-slate-400">
        Hashmint · prices include electricity: nothing is billed later · {deployment.name} (chain {deployment.chainId})
      </footer>
      {after}
    </div>
  );
}

/** While a page's code loads: its header when it needs no chain data, and placeholder cards. */
export function PageLoading({ route }: { route: Route }) {
  const Skeleton = route.name === 'notFound' ? undefined : PAGE_SKELETONS[route.name];
  if (Skeleton) return <Skeleton />;
  const intro = route.name === 'notFound' ? undefined : pageIntro(route.name);
  return (
    <>
      {intro && <IntroHeader page={intro} />}
      <LoadingCards label="Loading page" count={6} cardClass="h-[26rem]" />
    </>
  );
}
