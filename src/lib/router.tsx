// A small hash router: the built site needs no server rewrites and works under any sub-path.
import { useEffect, useRef, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route =
  | { name: 'products' }
  | { name: 'market' }
  | { name: 'loans' }
  | { name: 'earn' }
  | { name: 'pools' }
  | { name: 'portfolio' }
  | { name: 'approvals' }
  | { name: 'nft'; id: bigint } | { name: 'notFound'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/products') return { name: 'products' };
  if (path === '/portfolio') return { name: 'portfolio' };
  if (path === '/market') return { name: 'market' };
  if (path === '/loans') return { name: 'loans' };
  if (path === '/earn') return { name: 'earn' };
  if (path === '/pools') return { name: 'pools' };
  if (path === '/approvals') return { name: 'approvals' };
  const nft = /^\/nft\/(\d{1,30})$/.exec(path);
  if (nft) return { name: 'nft', id: BigInt(nft[1]) };
  return { name: 'notFound', path };
}

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
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return parseRoute(hash);
}

export const href = {
  products: '#/',
  market: '#/market',
  loans: '#/loans',
  earn: '#/earn',
  pools: '#/pools',
  portfolio: '#/portfolio',
  approvals: '#/approvals',
  nft: (id: bigint | number) => `#/nft/${id}`,
};

export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const { to, ...rest } = props;
  return <a href={to} {...rest} />;
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
