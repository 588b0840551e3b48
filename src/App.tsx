import { lazy, Suspense, useEffect, type ComponentType, type LazyExoticComponent } from 'react';
import { ChainWatcherSlot } from './components/ChainWatcherSlot';
import { DevPanelSlot } from './components/DevPanelSlot';
import { Header } from './components/Header';
import { NetworkBanner } from './components/NetworkBanner';
import { NetworkStatusBanner } from './components/NetworkStatusBanner';
import { PendingWatcherSlot } from './components/PendingWatcherSlot';
import { Toasts } from './components/Toasts';
import { IntroHeader, LoadingCards, EmptyState } from './components/ui';
import { useAppChain } from './hooks/useAppChain';
import { pageIntro } from './lib/pageHeaders';
import { documentTitle, href, InPageLink, parseRoute, useRoute, type Route } from './lib/router';
import { ROUTES, type RouteName } from './routes';

// Each page is its own chunk, from the route table. The chunk of the page the visitor lands on is requested
// as soon as this module runs, alongside the first render, instead of after it.
const landing = parseRoute(window.location.hash);
if (landing.name !== 'notFound') void ROUTES[landing.name].page().catch(() => undefined);

// Every page, lazily, by route name. The table's types already tie each page to its route's params
// (RouteDef.page); the page switch passes it the params parseRoute read for that same name.
type AnyPage = ComponentType<Record<string, unknown>>;
const PAGES = Object.fromEntries(
  (Object.keys(ROUTES) as RouteName[]).map((name) => [name, lazy(ROUTES[name].page as () => Promise<{ default: AnyPage }>)]),
) as Record<RouteName, LazyExoticComponent<AnyPage>>;

/** The page of a route in the table, with its params as props. */
function RoutePage({ route }: { route: Exclude<Route, { name: 'notFound' }> }) {
  const Page = PAGES[route.name];
  return <Page {...route.params} />;
}

export function App() {
  const route = useRoute();
  const { deployment } = useAppChain();
  useEffect(() => {
    document.title = documentTitle(route);
  }, [route]);
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
          {route.name === 'notFound' ? (
            <EmptyState title="Page not found">
              Nothing lives at {route.path}. <a className="text-brand-400 underline" href={href.products}>See the products</a>.
            </EmptyState>
          ) : (
            <RoutePage route={route} />
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
  const intro = route.name === 'notFound' ? undefined : pageIntro(route.name);
  return (
    <>
      {intro && <IntroHeader page={intro} />}
      <LoadingCards label="Loading page" count={6} cardClass="h-[26rem]" />
    </>
  );
}
