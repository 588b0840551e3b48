// The route table: every page of the app, once. The router (parseRoute, href), the page switch and its lazy
// chunks (App.tsx), the navigation (Header.tsx, desktop and phone), the page headers shown while a page's
// code loads (pageHeaders.ts) and the document title all read it. To add a page: add an entry here and a
// page module under src/pages/ whose default export takes the route's params as props.
//
// This module must stay small and free of runtime imports: it is part of the entry chunk. Each `page`
// is a dynamic import, so every page stays its own lazy chunk.
import type { ComponentType } from 'react';

/** One `:name` segment of a path: the text it accepts, how that text reads, and how a value is written. */
export interface Param<Name extends string, Value, Input = Value> {
  name: Name;
  /** A regular-expression source (no groups) the whole segment must match. */
  pattern: string;
  parse(text: string): Value;
  format(value: Input): string;
}

// The widest Param: any name, any value, accepting anything its format can take.
type AnyParam = Param<string, unknown, never>;

/** A route's params as the page receives them: `{ id: bigint }` for `[tokenIdParam]`. */
export type ParamsOf<P extends readonly AnyParam[]> = { [E in P[number] as E['name']]: ReturnType<E['parse']> };
/** What `href` takes for a route with params: one value per param, in the order of the path. */
type HrefArgs<P extends readonly AnyParam[]> = { [I in keyof P]: P[I] extends Param<string, unknown, infer In> ? In : never };

export interface RouteDef<P extends readonly AnyParam[], I extends string | undefined> {
  /** The path after '#': '/market', '/nft/:id' (each `:name` is one of `params`, in the same order). */
  path: string;
  /** Other paths that show the same page ('/products' for '/'); links always use `path`. */
  aliases?: readonly string[];
  params?: P;
  /** The document title's first part ("Marketplace" → "Marketplace · Hashmint"); the intro's heading too. */
  title: string | ((params: ParamsOf<P>) => string);
  /** The intro's heading, where it differs from the title ('Buy hash power' on Products). */
  heading?: string;
  /**
   * The paragraph under the heading, for a page whose header needs no chain data: it is shown while the
   * page's code loads (PageLoading in components/Layout.tsx, prerendered by src/shell.tsx) and by the page itself (PAGE_INTROS), so it never moves.
   */
  intro?: I;
  /** An item in the main navigation, by order; a route without one is reached by links only. */
  nav?: { label: string; order: number };
  /** For a page outside the navigation: the route whose item is marked current on it. */
  navParent?: string;
  /** The page's module; its default export takes the params as props. */
  page: () => Promise<{ default: ComponentType<ParamsOf<P>> }>;
}

/**
 * One table entry. Its type keeps its params, whether it has an intro, and its navParent by name (the
 * router assigns that to a RouteName, so a navParent outside the table does not compile).
 */
function route<const P extends readonly AnyParam[] = [], const I extends string | undefined = undefined, const N extends string | undefined = undefined>(
  def: RouteDef<P, I> & { navParent?: N },
): RouteDef<P, I> & { params: P; intro: I; navParent: N } {
  return { ...def, params: def.params ?? ([] as unknown as P), intro: def.intro as I, navParent: def.navParent as N };
}

/** An NFT's token id: decimal digits (up to 30, beyond the safe integer range too), read as a bigint. */
export const tokenIdParam = <const N extends string>(name: N): Param<N, bigint, bigint | number> => ({
  name,
  pattern: '\\d{1,30}',
  parse: (text) => BigInt(text),
  format: (value) => String(value),
});

export const ROUTES = {
  products: route({
    path: '/',
    aliases: ['/products'],
    title: 'Products',
    heading: 'Buy hash power',
    intro: 'Fixed-term mining contracts as NFTs. The price includes electricity and every fee: nothing is billed later.',
    nav: { label: 'Products', order: 10 },
    page: () => import('./pages/ProductsPage'),
  }),
  market: route({
    path: '/market',
    title: 'Marketplace',
    intro: 'Hash-power NFTs from other holders. The listed price includes the protocol fee; nothing is added at checkout.',
    nav: { label: 'Marketplace', order: 20 },
    page: () => import('./pages/MarketplacePage'),
  }),
  loans: route({
    path: '/loans',
    title: 'Loans',
    intro:
      'Borrow USDT against your hash-power NFTs. The NFTs stay in escrow and keep earning for you; repay to get them back. Everything below is read from the chain before you sign.',
    nav: { label: 'Loans', order: 30 },
    page: () => import('./pages/LoansPage'),
  }),
  auctions: route({
    path: '/loans/auctions',
    title: 'Loan auctions',
    intro:
      'Liquidatable loans are sold here to the highest bidder. The borrower may redeem until the end and gets everything above the debt; outbid bids are refunded at once.',
    navParent: 'loans',
    page: () => import('./pages/AuctionsPage'),
  }),
  earn: route({
    path: '/earn',
    title: 'Earn',
    intro:
      'Lend USDT to borrowers against hash power, or lock an asset for a fixed term at a fixed rate. Every rate and every date is shown before you sign.',
    nav: { label: 'Earn', order: 40 },
    page: () => import('./pages/EarnPage'),
  }),
  pools: route({
    path: '/pools',
    title: 'Pools',
    nav: { label: 'Pools', order: 50 },
    page: () => import('./pages/PoolsPage'),
  }),
  portfolio: route({
    path: '/portfolio',
    title: 'Portfolio',
    nav: { label: 'Portfolio', order: 60 },
    page: () => import('./pages/PortfolioPage'),
  }),
  activity: route({
    path: '/activity',
    title: 'Activity',
    nav: { label: 'Activity', order: 62 },
    page: () => import('./components/activity'),
  }),
  governance: route({
    path: '/governance',
    title: 'Governance',
    intro:
      'HASH holders run Hashmint: they propose parameter changes, vote, and every change that passes waits in a timelock before it runs. No single key can change what a loan is worth.',
    nav: { label: 'Governance', order: 65 },
    page: () => import('./pages/GovernancePage'),
  }),
  approvals: route({
    path: '/approvals',
    title: 'Approvals',
    intro:
      "What Hashmint's contracts may take from your wallet without asking again. Hashmint asks for exact amounts and single NFTs; revoke anything you no longer need.",
    nav: { label: 'Approvals', order: 70 },
    page: () => import('./pages/ApprovalsPage'),
  }),
  nft: route({
    path: '/nft/:id',
    params: [tokenIdParam('id')],
    title: ({ id }) => `NFT #${id}`,
    navParent: 'portfolio',
    page: () => import('./pages/NftDetailPage'),
  }),
};

export type RouteName = keyof typeof ROUTES;
type RouteParams<K extends RouteName> = (typeof ROUTES)[K]['params'];
/** The params a route's page takes as props: `{ id: bigint }` for 'nft', none for the others. */
export type PageProps<K extends RouteName> = K extends RouteName ? ParamsOf<RouteParams<K>> : never;

/** Where the address points: a page of the table with its params, or nothing. */
export type Route = { [K in RouteName]: { name: K; params: PageProps<K> } }[RouteName] | { name: 'notFound'; path: string };

/** `href.market` is '#/market'; a route with params is a function of their values: `href.nft(12n)`. */
export type Hrefs = { [K in RouteName]: RouteParams<K> extends readonly [] ? string : (...values: HrefArgs<RouteParams<K>>) => string };

/** The routes that have an intro: their header is known before any chain data. */
export type RouteWithIntro = { [K in RouteName]: (typeof ROUTES)[K]['intro'] extends string ? K : never }[RouteName];

export const APP_NAME = 'Hashmint';
