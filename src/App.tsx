import { lazy, Suspense, useEffect, type ComponentType, type LazyExoticComponent } from 'react';
import { ChainWatcherSlot } from './components/ChainWatcherSlot';
import { DevPanelSlot } from './components/DevPanelSlot';
import { Layout, PageLoading } from './components/Layout';
import { NetworkBanner } from './components/NetworkBanner';
import { NetworkStatusBanner } from './components/NetworkStatusBanner';
import { PendingWatcherSlot } from './components/PendingWatcherSlot';
import { Toasts } from './components/Toasts';
import { EmptyState } from './components/ui';
import { ConnectControl } from './components/wallet/ConnectControl';
import { useAppChain } from './hooks/useAppChain';
import { documentTitle, href, parseRoute, useRoute, type Route } from './lib/router';
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
    <Layout
      route={route}
      deployment={deployment}
      wallet={<ConnectControl />}
      banners={
        <>
          <NetworkBanner />
          <NetworkStatusBanner />
        </>
      }
      after={
        <>
          <Toasts />
          <PendingWatcherSlot />
          <ChainWatcherSlot />
        </>
      }
    >
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
    </Layout>
  );
}
