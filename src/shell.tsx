// The first paint in the HTML: `npm run build` renders this module (vite.config.ts, prerenderPlugin) into
// index.html's #root, so the header, the navigation, the page header and the page's placeholders paint
// before the app's code has loaded. One index.html serves every route (the route is the hash), so it holds
// one shell per route of the table, `<div class="hm-shell" data-route="market">`, all hidden but one:
// - a tiny inline script at the top of <body> (hashed into the CSP) runs before the first paint, reads the
//   hash with the router's own patterns and sets <html data-shell="market">; a generated rule shows that
//   route's shell;
// - with JavaScript off, each shell of a path without params also has that path as its id, so the hash
//   targets it (`#/market` targets id "/market") and CSS `:target` shows it; Products otherwise.
// The app's first render is the same components (Layout, PageLoading) with the same props, so when React
// replaces the shell nothing moves.
import { renderToStaticMarkup } from 'react-dom/server';
import { Layout, PageLoading } from './components/Layout';
import { ConnectButton } from './components/wallet/ConnectButton';
import { defaultDeployment } from './lib/chains';
import { routePatterns, type Route } from './lib/router';
import { ROUTES, type RouteName } from './routes';

/** The route shown when the hash names no route (an empty hash, or no script and a path with params). */
export const DEFAULT_SHELL: RouteName = 'products';

/** Every route of the table, the default first. */
export function shellRoutes(): RouteName[] {
  const names = Object.keys(ROUTES) as RouteName[];
  return [DEFAULT_SHELL, ...names.filter((n) => n !== DEFAULT_SHELL)];
}

/** A route as the router reads it, its params at a placeholder value (no shell shows a param). */
function placeholderRoute(name: RouteName): Route {
  const params = Object.fromEntries(ROUTES[name].params.map((p) => [p.name, p.parse('0')]));
  return { name, params } as Route;
}

/** One route's shell: exactly what App renders on that route before the page's code is in. */
export function shellHtml(name: RouteName): string {
  const route = placeholderRoute(name);
  return renderToStaticMarkup(
    <Layout route={route} deployment={defaultDeployment} wallet={<ConnectButton />}>
      <PageLoading route={route} />
    </Layout>,
  );
}

/** The inline script: <html data-shell> from the hash, with the router's patterns ('#main' and the like are no route). */
export function shellScript(): string {
  const patterns = JSON.stringify(routePatterns().map((p) => [p.source, p.name]));
  return `(function(){var h=location.hash,p=h.indexOf('#/')===0?h.slice(1):'/',m=${patterns},n=${JSON.stringify(DEFAULT_SHELL)};for(var i=0;i<m.length;i++)if(new RegExp(m[i][0]).test(p)){n=m[i][1];break}document.documentElement.setAttribute('data-shell',n)})()`;
}

/** Which shell shows: the script's choice, else (no script) the hash's target, else the default. */
export function shellCss(): string {
  const rules = shellRoutes().map((n) => `html[data-shell="${n}"] .hm-shell[data-route="${n}"]`);
  return [
    '.hm-shell{display:none}',
    `${rules.join(',')}{display:block}`,
    'html:not([data-shell]) .hm-shell[data-default],html:not([data-shell]) .hm-shell:target{display:block}',
    'html:not([data-shell]) #root:has(.hm-shell:target) .hm-shell[data-default]:not(:target){display:none}',
  ].join('');
}

/**
 * Run right after the shells: with the route picked, the other shells go, so the page holds one header, one
 * `<main id="main">` and no duplicate id (they were hidden, but ids must be unique for the skip link and
 * assistive technology). Without JavaScript all shells stay and CSS picks one.
 */
export function shellPruneScript(): string {
  return `(function(){var n=document.documentElement.getAttribute('data-shell'),s=document.querySelectorAll('#root>.hm-shell');for(var i=0;i<s.length;i++)if(s[i].getAttribute('data-route')!==n)s[i].remove()})()`;
}

/** Every shell, the default first, then the script that keeps only the picked one, for index.html's #root. */
export function renderShells(): string {
  return shellRoutes()
    .map((name) => {
      const path = ROUTES[name].path;
      const id = path.includes(':') ? '' : ` id="${path}"`;
      return `<div class="hm-shell" data-route="${name}"${id}${name === DEFAULT_SHELL ? ' data-default' : ''}>${shellHtml(name)}</div>`;
    })
    .join('') + `<script>${shellPruneScript()}</script>`;
}
