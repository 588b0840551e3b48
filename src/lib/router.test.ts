// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ROUTES, type Route, type RouteName } from '../routes';
import { pageIntro, PAGE_INTROS } from './pageHeaders';
import { documentTitle, href, hrefOf, isRouteHash, NAV_ITEMS, navSection, parseRoute } from './router';

const names = Object.keys(ROUTES) as RouteName[];

describe('parseRoute', () => {
  it('maps the home and products paths to products', () => {
    for (const hash of ['', '#', '#/', '#/products']) expect(parseRoute(hash), hash).toEqual({ name: 'products', params: {} });
  });

  it('maps each page of the table', () => {
    for (const [hash, name] of [['#/market', 'market'], ['#/loans', 'loans'], ['#/earn', 'earn'], ['#/pools', 'pools'], ['#/portfolio', 'portfolio'], ['#/governance', 'governance'], ['#/approvals', 'approvals']] as const) {
      expect(parseRoute(hash), hash).toEqual({ name, params: {} });
    }
  });

  it('reads NFT ids as bigints, beyond the safe integer range too', () => {
    expect(parseRoute('#/nft/0')).toEqual({ name: 'nft', params: { id: 0n } });
    expect(parseRoute('#/nft/42')).toEqual({ name: 'nft', params: { id: 42n } });
    expect(parseRoute('#/nft/007')).toEqual({ name: 'nft', params: { id: 7n } });
    expect(parseRoute(`#/nft/${'9'.repeat(30)}`)).toEqual({ name: 'nft', params: { id: BigInt('9'.repeat(30)) } });
  });

  it('anything else is not found, with the path', () => {
    for (const path of ['/nft/', '/nft/abc', '/nft/-1', '/nft/1.5', '/nft/0x10', '/nft/1/extra', `/nft/${'1'.repeat(31)}`, '/nft/:id', '/portfolio/', '/PORTFOLIO', '/products?x=1', '/unknown', '/market/x', 'portfolio', '/.*', '/nft/1|/market']) {
      expect(parseRoute(`#${path}`), path).toEqual({ name: 'notFound', path });
    }
  });
});

describe('href and the table', () => {
  it('every route of the table has a link that reads back as that route', () => {
    for (const name of names) {
      const link = href[name];
      const hash = typeof link === 'string' ? link : link(5n);
      const route = parseRoute(hash);
      expect(route.name, hash).toBe(name);
      expect(hrefOf(route), name).toBe(hash);
    }
  });

  it('round-trips the links it makes, the NFT id from a bigint or a number', () => {
    expect(href.products).toBe('#/');
    expect(href.market).toBe('#/market');
    expect(href.nft(12n)).toBe('#/nft/12');
    expect(href.nft(3)).toBe('#/nft/3');
    expect(parseRoute(href.portfolio)).toEqual({ name: 'portfolio', params: {} });
    expect(parseRoute(href.nft(12n))).toEqual({ name: 'nft', params: { id: 12n } });
    const big = BigInt('9'.repeat(30));
    expect(parseRoute(href.nft(big))).toEqual({ name: 'nft', params: { id: big } });
  });

  it('an alias reads as its route and links back to the main path', () => {
    expect(hrefOf(parseRoute('#/products'))).toBe('#/');
  });

  it('a path not found keeps its path', () => {
    expect(hrefOf(parseRoute('#/nowhere'))).toBe('#/nowhere');
  });

  it("each path's :params are the route's params, in the same order", () => {
    for (const name of names) {
      const def = ROUTES[name];
      const inPath = def.path.split('/').filter((s) => s.startsWith(':')).map((s) => s.slice(1));
      expect(def.params.map((p) => p.name), name).toEqual(inPath);
      for (const alias of def.aliases ?? []) expect(alias.includes(':'), alias).toBe(false);
    }
  });

  it('no two routes share a path', () => {
    const paths = names.flatMap((n) => [ROUTES[n].path, ...(ROUTES[n].aliases ?? [])]);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('document titles', () => {
  it('name the page, then the app', () => {
    expect(documentTitle(parseRoute('#/market'))).toBe('Marketplace · Hashmint');
    expect(documentTitle(parseRoute('#/loans'))).toBe('Loans · Hashmint');
    expect(documentTitle(parseRoute('#/'))).toBe('Products · Hashmint');
    expect(documentTitle(parseRoute('#/nft/12'))).toBe('NFT #12 · Hashmint');
    expect(documentTitle(parseRoute('#/nowhere'))).toBe('Page not found · Hashmint');
  });

  it('every route has its own title', () => {
    const titles = names.map((name) => {
      const link = href[name];
      return documentTitle(parseRoute(typeof link === 'string' ? link : link(1n)));
    });
    expect(new Set(titles).size).toBe(names.length);
  });
});

describe('navigation', () => {
  it('lists the pages in order, each with its label and link', () => {
    expect(NAV_ITEMS.map((n) => [n.label, n.to])).toEqual([
      ['Products', '#/'],
      ['Marketplace', '#/market'],
      ['Loans', '#/loans'],
      ['Earn', '#/earn'],
      ['Pools', '#/pools'],
      ['Portfolio', '#/portfolio'],
      ['Activity', '#/activity'],
      ['Governance', '#/governance'],
      ['Approvals', '#/approvals'],
    ]);
  });

  it('marks the current page, and Portfolio on an NFT; nothing on a page not found', () => {
    expect(navSection(parseRoute('#/loans'))).toBe('loans');
    expect(navSection(parseRoute('#/products'))).toBe('products');
    expect(navSection(parseRoute('#/nft/4'))).toBe('portfolio');
    expect(navSection(parseRoute('#/nowhere'))).toBeUndefined();
  });

  it('every route is in the navigation or names a navParent that is', () => {
    const inNav = new Set<string>(NAV_ITEMS.map((n) => n.name));
    for (const name of names) {
      const def: { nav?: unknown; navParent?: string } = ROUTES[name];
      if (!def.nav) expect(inNav.has(def.navParent ?? ''), name).toBe(true);
    }
  });
});

describe('page headers', () => {
  it('come from the table: heading and intro for the pages that have one', () => {
    expect(PAGE_INTROS.products.title).toBe('Buy hash power');
    expect(PAGE_INTROS.market.title).toBe('Marketplace');
    expect(PAGE_INTROS.loans.intro).toMatch(/^Borrow USDT against your hash-power NFTs/);
    expect(Object.keys(PAGE_INTROS).sort()).toEqual(['approvals', 'auctions', 'earn', 'governance', 'loans', 'market', 'products']);
    expect(pageIntro('pools')).toBeUndefined();
    expect(pageIntro('nft')).toBeUndefined();
  });
});

describe('isRouteHash', () => {
  it('routes are the empty hash and hashes that start with "#/"', () => {
    for (const hash of ['', '#', '#/', '#/market', '#/nft/3', '#/nowhere']) expect(isRouteHash(hash), hash).toBe(true);
  });

  it('a hash that names an element of the page is not a route', () => {
    for (const hash of ['#main', '#dev-panel', '#portfolio']) expect(isRouteHash(hash), hash).toBe(false);
  });
});

// Compile-time checks: a route name outside the table, or params of the wrong type, do not compile.
// @ts-expect-error 'stake' is not a route of the table
const _unknown: Route = { name: 'stake', params: {} };
// @ts-expect-error an NFT route needs its id
const _noId: Route = { name: 'nft', params: {} };
// @ts-expect-error PAGE_INTROS holds only the routes with an intro
void PAGE_INTROS.pools;
void [_unknown, _noId];
