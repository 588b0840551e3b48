// A small hash router over the route table (src/routes.ts): the built site needs no server rewrites and
// works under any sub-path. Routes are hashes that start with '#/'; any other hash names an element of the
// page (the skip link's '#main') and leaves the route as it is.
import { useEffect, useMemo, useRef, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { APP_NAME, ROUTES, type Hrefs, type Param, type Route, type RouteName } from '../routes';

export type { Route, RouteName } from '../routes';

type AnyParam = Param<string, unknown, never>;
const names = Object.keys(ROUTES) as RouteName[];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One route's paths as exact-match expressions, one group per param in path order. */
function compile(path: string, params: readonly AnyParam[]): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return escapeRegExp(segment);
      const param = params.find((p) => p.name === segment.slice(1));
      if (!param) throw new Error(`route path ${path}: no param named ${segment.slice(1)}`);
      return `(${param.pattern})`;
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

/** The params of a path in order: `:id` in '/nft/:id'. */
function paramNames(path: string): string[] {
  return path.split('/').filter((s) => s.startsWith(':')).map((s) => s.slice(1));
}

const matchers = names.flatMap((name) => {
  const def = ROUTES[name];
  const params: readonly AnyParam[] = def.params;
  return [def.path, ...(def.aliases ?? [])].map((path) => ({ name, params, order: paramNames(path), re: compile(path, params) }));
});

/**
 * Every route's paths as regular-expression sources, in matching order: the prerendered page's inline
 * script (src/shell.tsx) picks the shell to show from these before the app's code has loaded.
 */
export function routePatterns(): { name: RouteName; source: string }[] {
  return matchers.map((m) => ({ name: m.name, source: m.re.source }));
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  for (const m of matchers) {
    const found = m.re.exec(path);
    if (!found) continue;
    const params: Record<string, unknown> = {};
    m.order.forEach((name, i) => {
      const param = m.params.find((p) => p.name === name);
      if (param) params[name] = param.parse(found[i + 1]);
    });
    // The table's types say which params each name carries; this builds exactly those from the path.
    return { name: m.name, params } as Route;
  }
  return { name: 'notFound', path };
}

function format(name: RouteName, values: readonly unknown[]): string {
  const def = ROUTES[name];
  const params: readonly AnyParam[] = def.params;
  let i = 0;
  const path = def.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment;
      const param = params.find((p) => p.name === segment.slice(1));
      const value = values[i++];
      // `format` takes the param's own input type: the Hrefs type checks it at every caller.
      return param ? (param.format as (v: unknown) => string)(value) : segment;
    })
    .join('/');
  return `#${path}`;
}

/** Links to every route from the table: `href.market` is '#/market', `href.nft(12n)` is '#/nft/12'. */
export const href = Object.fromEntries(
  names.map((name) => [name, ROUTES[name].params.length === 0 ? format(name, []) : (...values: unknown[]) => format(name, values)]),
) as Hrefs;

/** The address of a parsed route: parseRoute(hrefOf(r)) is r again. A route not found keeps its path. */
export function hrefOf(route: Route): string {
  if (route.name === 'notFound') return `#${route.path}`;
  const params = route.params as Record<string, unknown>;
  return format(route.name, paramNames(ROUTES[route.name].path).map((n) => params[n]));
}

/** The document title: "Marketplace · Hashmint", "NFT #12 · Hashmint", "Page not found · Hashmint". */
export function documentTitle(route: Route): string {
  if (route.name === 'notFound') return `Page not found · ${APP_NAME}`;
  const title: string | ((params: never) => string) = ROUTES[route.name].title;
  // Each title function takes its own route's params, which parseRoute built for this very name.
  const text = typeof title === 'string' ? title : (title as (params: unknown) => string)(route.params);
  return `${text} · ${APP_NAME}`;
}

/** The route whose navigation item is current on this route: itself, its navParent, or none. */
export function navSection(route: Route): RouteName | undefined {
  if (route.name === 'notFound') return undefined;
  const def: { nav?: unknown } = ROUTES[route.name];
  if (def.nav) return route.name;
  // Typed per entry: a navParent that is not a route of the table fails to compile here.
  const parent: RouteName | undefined = ROUTES[route.name].navParent;
  return parent;
}

/** The main navigation's items, in order, from the table's `nav` entries. */
export const NAV_ITEMS: readonly { name: RouteName; label: string; to: string }[] = names
  .flatMap((name) => {
    const def: { nav?: { label: string; order: number } } = ROUTES[name];
    return def.nav ? [{ name, label: def.nav.label, order: def.nav.order, to: format(name, []) }] : [];
  })
  .sort((a, b) => a.order - b.order)
  .map(({ name, label, to }) => ({ name, label, to }));

/**
 * Whether a hash is a route ("", "#", "#/…"). Any other hash ("#main", "#dev-panel") names an element
 * of the page: the router leaves the route as it is for those.
 */
export function isRouteHash(hash: string): boolean {
  return hash === '' || hash === '#' || hash.startsWith('#/');
}

/**
 * Moves focus to the element with this id (made focusable with tabindex=-1 if it is not) and scrolls it
 * to the top of the view, below the sticky header (see scroll-padding-top in index.css). False if the
 * page has no such element.
 */
export function focusTarget(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
  return true;
}

export function useRoute(): Route {
  const [hash, setHash] = useState(() => (isRouteHash(window.location.hash) ? window.location.hash : ''));
  const routeHash = useRef(hash);
  useEffect(() => {
    const on = () => {
      const next = window.location.hash;
      if (!isRouteHash(next)) {
        // An in-page target reached by a plain link or typed by hand: keep the route and its address,
        // and move focus to the target if it exists.
        window.history.replaceState(window.history.state, '', routeHash.current || `${window.location.pathname}${window.location.search}`);
        focusTarget(next.slice(1));
        return;
      }
      routeHash.current = next;
      setHash(next);
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', on);
    // A hash change between the first render and this subscription was missed: a click on the
    // prerendered shell's link while the first render was under way (seen in CI: Products clicked, the
    // Marketplace stayed). Read the address once now.
    if (isRouteHash(window.location.hash) && window.location.hash !== routeHash.current) on();
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return useMemo(() => parseRoute(hash), [hash]);
}

/**
 * A link to an element of this page ("Skip to content"): moves focus to it and scrolls it into view
 * without changing the address, so the hash router never sees "#main" as a route.
 */
export function InPageLink(props: AnchorHTMLAttributes<HTMLAnchorElement> & { targetId: string }) {
  const { targetId, onClick, ...rest } = props;
  const go = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (focusTarget(targetId)) e.preventDefault();
  };
  return <a href={`#${targetId}`} onClick={go} {...rest} />;
}
