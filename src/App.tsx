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

// Every page, lazily, by route name. The table's types already tie each page to its route's params
// (RouteDef.page); the page switch passes it the params parseRoute read for that same name.
type AnyPage = ComponentType<Record<string, unknown>>;
const PAGES = Object.fromEntries(
  (Object.keys(ROUTES) as RouteName[]).map((name) => [name, lazy(ROUTES[name].page as () => Promise<{ default: AnyPage }>)]),
) as Record<RouteName, LazyExoticComponent<AnyPage>>;

// Each page is its own chunk, from the route table. The chunk of the page the visitor lands on is requested
// as soon as this module runs (the build also preloads it from the HTML), and main.tsx renders once it is
// here: the landing page is then rendered directly, not through `lazy`. A lazy page suspends on its first
// render even when its code has arrived, React commits the fallback, and it then holds the page back for
// its fallback throttle (~300 ms) before showing it; the page's first reads start only at that commit.
const landing = parseRoute(window.location.hash);
let landingPage: { name: RouteName; Page: AnyPage } | undefined;

/** Resolves (never rejects) once the landing page's module has loaded or failed to; main.tsx renders after it. */
export const landingPageLoaded: Promise<void> =
  landing.name === 'notFound'
    ? Promise.resolve()
    : ROUTES[landing.name].page().then(
        (m) => {
          landingPage = { name: landing.name as RouteName, Page: m.default as AnyPage };
        },
        () => undefined, // `lazy` asks again, and the page's error shows there
      );

/** The page of a route in the table, with its params as props. */
function RoutePage({ route }: { route: Exclude<Route, { name: 'notFound' }> }) {
  // landingPage is set before the first render and never changes, so a page never switches component.
  const Page = landingPage?.name === route.name ? landingPage.Page : PAGES[route.name];
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
