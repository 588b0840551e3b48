import { Suspense, use, useEffect } from 'react';
import { ChainWatcher } from './components/ChainWatcher';
import { DevPanelSlot } from './components/DevPanelSlot';
import { Layout, PageLoading } from './components/Layout';
import { NetworkBanner } from './components/NetworkBanner';
import { NetworkStatusBanner } from './components/NetworkStatusBanner';
import { PageErrorBoundary } from './components/PageErrorBoundary';
import { PendingWatcherSlot } from './components/PendingWatcherSlot';
import { Toasts } from './components/Toasts';
import { EmptyState } from './components/ui';
import { ConnectControl } from './components/wallet/ConnectControl';
import { useAppChain } from './hooks/useAppChain';
import { documentTitle, href, hrefOf, parseRoute, useRoute, type Route } from './lib/router';
import { loadPage } from './lib/pageLoads';

// The landing route's page is requested as soon as this module runs (the build also preloads its chunk
// from the HTML), and main.tsx renders once it is here, so the first commit holds the page itself.
const landing = parseRoute(window.location.hash);

/** Resolves (never rejects) once the landing page's module has loaded or failed to; main.tsx renders after it. */
export const landingPageLoaded: Promise<void> =
  landing.name === 'notFound' ? Promise.resolve() : loadPage(landing.name).then(() => undefined, () => undefined);

/**
 * The page of a route in the table, with its params as props (the table's types tie each page to its
 * route's params). A page whose module is in renders at once; otherwise it suspends until it is.
 */
function RoutePage({ route }: { route: Exclude<Route, { name: 'notFound' }> }) {
  const Page = use(loadPage(route.name)).default;
  return <Page {...route.params} />;
}

export function App() {
  const route = useRoute();
  const { deployment } = useAppChain();
  useEffect(() => {
    document.title = documentTitle(route);
  }, [route]);
  return (
    <>
      {/* First: its effects run before the page's, so its head request leaves ahead of the page's reads. */}
      <ChainWatcher />
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
          </>
        }
      >
        <PageErrorBoundary key={hrefOf(route)}>
          <Suspense fallback={<PageLoading route={route} />}>
            {route.name === 'notFound' ? (
              <EmptyState title="Page not found">
                Nothing lives at {route.path}. <a className="text-brand-400 underline" href={href.products}>See the products</a>.
              </EmptyState>
            ) : (
              <RoutePage route={route} />
            )}
          </Suspense>
        </PageErrorBoundary>
        {deployment.local && <DevPanelSlot />}
      </Layout>
    </>
  );
}
