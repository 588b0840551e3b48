// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { href, isRouteHash, parseRoute } from './router';

describe('parseRoute', () => {
  it('maps the home and products paths to products', () => {
    for (const hash of ['', '#', '#/', '#/products']) expect(parseRoute(hash), hash).toEqual({ name: 'products' });
  });

  it('maps the portfolio', () => {
    expect(parseRoute('#/portfolio')).toEqual({ name: 'portfolio' });
  });

  it('reads NFT ids as bigints, beyond the safe integer range too', () => {
    expect(parseRoute('#/nft/0')).toEqual({ name: 'nft', id: 0n });
    expect(parseRoute('#/nft/42')).toEqual({ name: 'nft', id: 42n });
    expect(parseRoute('#/nft/007')).toEqual({ name: 'nft', id: 7n });
    expect(parseRoute(`#/nft/${'9'.repeat(30)}`)).toEqual({ name: 'nft', id: BigInt('9'.repeat(30)) });
  });

  it('anything else is not found, with the path', () => {
    for (const path of ['/nft/', '/nft/abc', '/nft/-1', '/nft/1.5', '/nft/0x10', '/nft/1/extra', `/nft/${'1'.repeat(31)}`, '/portfolio/', '/PORTFOLIO', '/products?x=1', '/unknown', 'portfolio']) {
      expect(parseRoute(`#${path}`), path).toEqual({ name: 'notFound', path });
    }
  });

  it('round-trips the links it makes', () => {
    expect(parseRoute(href.products)).toEqual({ name: 'products' });
    expect(parseRoute(href.portfolio)).toEqual({ name: 'portfolio' });
    expect(parseRoute(href.nft(12n))).toEqual({ name: 'nft', id: 12n });
    expect(parseRoute(href.nft(3))).toEqual({ name: 'nft', id: 3n });
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
