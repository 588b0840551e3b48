// A small hash router: the built site needs no server rewrites and works under any sub-path.
import { useEffect, useState, type AnchorHTMLAttributes } from 'react';

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

export function useRoute(): Route {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const on = () => {
      setHash(window.location.hash);
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
