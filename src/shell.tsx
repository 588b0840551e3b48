// The first paint in the HTML: `npm run build` renders this module (vite.config.ts, prerenderPlugin) into
// index.html's #root, so the header, the navigation, the page header and the placeholder cards paint
// before any script has run. One index.html serves every route (the route is the hash), so it holds one
// shell per route of the table without params, each `<div class="hm-shell" id="<path>">`; index.css shows
// the one the hash targets (`#/market` targets id "/market", no script needed, JavaScript off included)
// and Products otherwise. The app's first render is the same components (Layout, PageLoading) with the
// same props, so replacing the shell moves nothing.
import { renderToStaticMarkup } from 'react-dom/server';
import { Layout, PageLoading } from './components/Layout';
import { ConnectButton } from './components/wallet/ConnectButton';
import { defaultDeployment } from './lib/chains';
import { parseRoute } from './lib/router';
import { ROUTES, type RouteName } from './routes';

/** The route shown when the hash targets no shell: the landing page (empty hash, '#/products', '#/nft/…'). */
export const DEFAULT_SHELL: RouteName = 'products';

/** The routes that get a shell: every route whose path has no params. */
export function shellRoutes(): RouteName[] {
  return (Object.keys(ROUTES) as RouteName[]).filter((name) => !ROUTES[name].path.includes(':'));
}

/** One route's shell: exactly what App renders on that route before the page's code is in. */
export function shellHtml(name: RouteName): string {
  const route = parseRoute(`#${ROUTES[name].path}`);
  return renderToStaticMarkup(
    <Layout route={route} deployment={defaultDeployment} wallet={<ConnectButton />}>
      <PageLoading route={route} />
    </Layout>,
  );
}

/** Every shell, the default first, for index.html's #root. */
export function renderShells(): string {
  const names = [DEFAULT_SHELL, ...shellRoutes().filter((n) => n !== DEFAULT_SHELL)];
  return names
    .map((name) => `<div class="hm-shell" id="${ROUTES[name].path}"${name === DEFAULT_SHELL ? ' data-default' : ''}>${shellHtml(name)}</div>`)
    .join('');
}
